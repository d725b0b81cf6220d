//! The one error of the sync engine: a stable code (an [`ErrorCode`] the UI knows) and a
//! message in Dutch and English, plus how long to wait before trying again when the portal
//! said so.

use std::time::Duration;
use veldwerk_core::{ErrorCode, Localized};
use veldwerk_store::StoreError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncError {
    pub code: ErrorCode,
    pub message: Localized,
    /// The portal's Retry-After, when it sent one.
    pub retry_after: Option<Duration>,
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message.en)
    }
}

impl std::error::Error for SyncError {}

impl SyncError {
    pub fn new(code: ErrorCode, nl: impl Into<String>, en: impl Into<String>) -> SyncError {
        SyncError {
            code,
            message: Localized::new(nl, en),
            retry_after: None,
        }
    }

    /// No network, the portal down, a connection cut, a timeout.
    pub fn unreachable(detail: &str) -> SyncError {
        SyncError::new(
            ErrorCode::PortalUnreachable,
            format!("Het portaal is niet bereikbaar ({detail}). Alles blijft op dit apparaat bewaard en wordt later verstuurd."),
            format!("The portal cannot be reached ({detail}). Everything stays on this device and is sent later."),
        )
    }

    /// 429 or 503: the portal asks to wait.
    pub fn busy(after: Option<Duration>) -> SyncError {
        SyncError {
            retry_after: after,
            ..SyncError::new(
                ErrorCode::PortalBusy,
                "Het portaal is druk en vraagt even te wachten. Er wordt vanzelf opnieuw verstuurd.",
                "The portal is busy and asks to wait a moment. Sending is retried by itself.",
            )
        }
    }

    /// 5xx, or an answer that cannot be read.
    pub fn portal_error(detail: &str) -> SyncError {
        SyncError::new(
            ErrorCode::PortalError,
            format!("Het portaal gaf een fout ({detail}). Er is niets verloren gegaan; er wordt later opnieuw verstuurd."),
            format!("The portal answered with an error ({detail}). Nothing was lost; sending is retried later."),
        )
    }

    /// The token is missing, revoked or logged out: the queue waits for a login.
    pub fn login_required() -> SyncError {
        SyncError::new(
            ErrorCode::LoginRequired,
            "Log opnieuw in bij het portaal. Alles wat nog niet verstuurd is, blijft bewaard en gaat daarna mee.",
            "Log in to the portal again. Everything not sent yet is kept and goes up afterwards.",
        )
    }

    pub fn login_failed() -> SyncError {
        SyncError::new(
            ErrorCode::LoginFailed,
            "Naam of wachtwoord klopt niet.",
            "The name or password is not right.",
        )
    }

    /// A request the portal refused for a reason trying again does not change.
    pub fn refused(code: &str, message: Option<Localized>) -> SyncError {
        match message {
            Some(m) => SyncError {
                code: ErrorCode::PortalRefused,
                message: m,
                retry_after: None,
            },
            None => SyncError::new(
                ErrorCode::PortalRefused,
                format!("Het portaal weigerde het verzoek ({code})."),
                format!("The portal refused the request ({code})."),
            ),
        }
    }

    pub fn internal(detail: &str) -> SyncError {
        SyncError::new(
            ErrorCode::Internal,
            format!("Er ging intern iets mis bij het synchroniseren ({detail}). Er is niets verloren gegaan."),
            format!("Something went wrong internally while syncing ({detail}). Nothing was lost."),
        )
    }

    /// Whether the loop should simply try again later (as opposed to waiting for a login or
    /// for someone to fix something).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::PortalUnreachable
                | ErrorCode::PortalBusy
                | ErrorCode::PortalError
                | ErrorCode::DatabaseError
                | ErrorCode::DiskFull
                | ErrorCode::FileError
                | ErrorCode::Internal
                | ErrorCode::NotReady
        )
    }
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError {
            code: e.code(),
            message: e.message(),
            retry_after: None,
        }
    }
}
