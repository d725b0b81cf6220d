//! Logging in and out. The token is a secret: it goes into the OS keyring through the store's
//! [`SecretStore`] (never into a file or the replica) under [`token_key`].

use super::classify::Failure;
use super::error::SyncError;
use super::http::{Now, PortalApi, Timeouts};
use crate::protocol::{LoginRequest, LoginResponse};
use reqwest::Url;
use veldwerk_core::validation::required;
use veldwerk_core::ErrorCode;
use veldwerk_store::SecretStore;

/// The keyring entry of the portal token of the installation `scope` (e.g. the replica's
/// path: one token per replica).
pub fn token_key(scope: &str) -> String {
    format!("portal-token:{scope}")
}

/// Logs in as a technician; the token and who logged in. Wrong name or password is
/// `login_failed`; no answer is `portal_unreachable` (try again).
pub async fn login(
    url: &Url,
    name: &str,
    password: &str,
    installation_id: uuid::Uuid,
    label: &str,
    timeouts: Timeouts,
    now: Now,
) -> Result<LoginResponse, SyncError> {
    required("name", name, 120).map_err(|e| SyncError {
        code: e.code(),
        message: e.message(),
        retry_after: None,
    })?;
    if password.is_empty() || password.len() > 1000 {
        return Err(SyncError::login_failed());
    }
    let api = PortalApi::new(url.clone(), None, timeouts, now)?;
    let req = LoginRequest {
        name: name.trim().to_string(),
        password: password.to_string(),
        installation_id,
        installation_label: label.chars().take(100).collect(),
    };
    match api.login(&req).await {
        Ok(r) => Ok(r),
        Err(Failure::Reauth) => Err(SyncError::login_failed()),
        Err(Failure::Refused { status: 422, .. }) => Err(SyncError::login_failed()),
        Err(f) => Err(f.into_error()),
    }
}

/// Logs out at the portal (the token is revoked there); a token the portal no longer knows
/// counts as logged out.
pub async fn logout(api: &PortalApi) -> Result<(), SyncError> {
    match api.logout().await {
        Ok(()) | Err(Failure::Reauth) => Ok(()),
        Err(f) => Err(f.into_error()),
    }
}

fn keyring(e: veldwerk_store::SecretError) -> SyncError {
    SyncError::new(
        ErrorCode::KeyringUnavailable,
        format!("De sleutelbos van het systeem is niet bereikbaar ({e}). Log opnieuw in op de computer en start Veldwerk opnieuw."),
        format!("The system keyring is not available ({e}). Log in to the computer again and restart Veldwerk."),
    )
}

pub fn save_token(secrets: &dyn SecretStore, key: &str, token: &str) -> Result<(), SyncError> {
    secrets.set(key, token).map_err(keyring)
}

pub fn load_token(secrets: &dyn SecretStore, key: &str) -> Result<Option<String>, SyncError> {
    secrets.get(key).map_err(keyring)
}

pub fn forget_token(secrets: &dyn SecretStore, key: &str) -> Result<(), SyncError> {
    secrets.delete(key).map_err(keyring)
}
