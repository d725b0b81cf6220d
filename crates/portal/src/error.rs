//! The one error of the HTTP layer: a status, a stable code and a message in Dutch and
//! English, answered as `veldwerk_sync::protocol::ErrorBody`.

use crate::storage::StorageError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use veldwerk_core::Localized;
use veldwerk_sync::protocol::{codes, ErrorBody};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: Localized,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, nl: &str, en: &str) -> ApiError {
        ApiError {
            status,
            code,
            message: Localized::new(nl, en),
        }
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            codes::UNAUTHORIZED,
            "Niet aangemeld, of de aanmelding is ingetrokken. Meld u opnieuw aan.",
            "Not signed in, or the sign-in was revoked. Please sign in again.",
        )
    }

    pub fn forbidden() -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            codes::FORBIDDEN,
            "U hebt hiervoor geen rechten.",
            "You do not have the rights for this.",
        )
    }

    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            "Niet gevonden.",
            "Not found.",
        )
    }

    pub fn bad_request(nl: &str, en: &str) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, nl, en)
    }

    pub fn too_large(limit: u64) -> ApiError {
        ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: codes::TOO_LARGE,
            message: Localized::new(
                format!("Te groot: het portaal neemt hoogstens {limit} bytes aan."),
                format!("Too large: the portal takes at most {limit} bytes."),
            ),
        }
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL,
            "Er ging iets mis op het portaal; er is niets half opgeslagen. Probeer het later opnieuw.",
            "Something went wrong on the portal; nothing was stored half. Please try again later.",
        )
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code.to_string(),
            message: self.message.clone(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound(_) => ApiError::not_found(),
            StorageError::Refused(why) => ApiError::new(
                StatusCode::CONFLICT,
                codes::VALIDATION,
                "Dit kan niet (meer) in deze toestand.",
                why,
            ),
            other => {
                eprintln!("portal storage error: {other}");
                ApiError::internal()
            }
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> Self {
        eprintln!("portal task failed: {e}");
        ApiError::internal()
    }
}
