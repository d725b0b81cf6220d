//! The one error type that crosses into the UI: a stable code and a message in Dutch and
//! English. Every command returns `Result<T, AppError>`.

use serde::Serialize;
use veldwerk_core::jobs::service::JobError;
use veldwerk_core::{ErrorCode, Localized, ValidationError};
use veldwerk_store::StoreError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct AppError {
    /// Stable, machine-readable: the UI and tests match on it, never on the message. Every
    /// code is a variant of [`ErrorCode`], so the bindings carry the complete list.
    pub code: ErrorCode,
    pub message: Localized,
}

impl AppError {
    pub fn new(code: ErrorCode, message: Localized) -> Self {
        AppError { code, message }
    }

    /// Input refused, with the reason in both languages.
    pub fn invalid(nl: &str, en: &str) -> Self {
        AppError::new(ErrorCode::InvalidInput, Localized::new(nl, en))
    }

    /// The replica is not open (still opening, generating demo data, or failed to open).
    pub fn not_ready() -> Self {
        AppError::new(
            ErrorCode::NotReady,
            Localized::new(
                "De gegevens zijn nog niet geopend. Een ogenblik geduld.",
                "The data is not open yet. One moment, please.",
            ),
        )
    }

    pub fn no_technician() -> Self {
        AppError::new(
            ErrorCode::NoTechnician,
            Localized::new("Kies eerst wie u bent.", "Choose who you are first."),
        )
    }

    pub fn internal() -> Self {
        AppError::new(
            ErrorCode::Internal,
            Localized::new(
                "Er ging intern iets mis. Er is niets verloren gegaan; probeer het opnieuw.",
                "Something went wrong internally. Nothing was lost; try again.",
            ),
        )
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::new(e.code(), e.message())
    }
}

impl From<JobError> for AppError {
    fn from(e: JobError) -> Self {
        AppError::new(e.code(), e.message())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        if !matches!(e, StoreError::NotFound { .. } | StoreError::Invalid(_)) {
            eprintln!("veldwerk: store error: {e}");
        }
        AppError::new(e.code(), e.message())
    }
}

pub type CmdResult<T> = Result<T, AppError>;
