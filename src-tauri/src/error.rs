//! The one error type that crosses into the UI: a stable code and a message in Dutch and
//! English. Every command returns `Result<T, AppError>`.

use serde::Serialize;
use veldwerk_core::{Localized, ValidationError};
use veldwerk_store::StoreError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct AppError {
    /// Stable, machine-readable: the UI and tests match on it, never on the message.
    pub code: String,
    pub message: Localized,
}

impl AppError {
    pub fn new(code: &str, message: Localized) -> Self {
        AppError {
            code: code.to_string(),
            message,
        }
    }

    /// The replica is not open (still opening, generating demo data, or failed to open).
    pub fn not_ready() -> Self {
        AppError::new(
            "not_ready",
            Localized::new(
                "De gegevens zijn nog niet geopend. Een ogenblik geduld.",
                "The data is not open yet. One moment, please.",
            ),
        )
    }

    pub fn no_technician() -> Self {
        AppError::new(
            "no_technician",
            Localized::new("Kies eerst wie u bent.", "Choose who you are first."),
        )
    }

    pub fn internal() -> Self {
        AppError::new(
            "internal",
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

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        if !matches!(e, StoreError::NotFound { .. } | StoreError::Invalid(_)) {
            eprintln!("veldwerk: store error: {e}");
        }
        AppError::new(e.code(), e.message())
    }
}

pub type CmdResult<T> = Result<T, AppError>;
