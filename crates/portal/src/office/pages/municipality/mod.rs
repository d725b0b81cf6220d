//! What a municipality may see (`/gemeente`): read-only pages about its own residents only,
//! the custom work plans (PvE 6.3.4), complaints and signals (5.1), the messages about them
//! (5.2, 6.1, 7.1) and the contract's figures (KPI 5.3, 6.4). Each page reads through
//! [`Residents::of`] with the signed-in user's municipality, the one rule that scopes them;
//! the pages share their tables with the office's, without the office's links and forms.
//! The middleware writes every page a municipality user opens to the audit log.

pub mod complaints;
pub mod messages;
pub mod overview;
pub mod plans;

use super::common::Residents;
use crate::error::ApiError;
use crate::office::{failure, Area, Office};
use crate::storage::{PortalStore, Result, StorageError};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use veldwerk_core::ids::MunicipalityId;
use veldwerk_core::model::Municipality;
use veldwerk_sync::protocol::EntityKind;

/// A signed-in municipality user and the municipality they see.
#[derive(Clone, Debug)]
pub struct Municipal {
    pub o: Office,
    pub municipality: MunicipalityId,
}

impl<S: Send + Sync> FromRequestParts<S> for Municipal {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> std::result::Result<Self, Response> {
        let o = parts.extensions.get::<Office>().cloned();
        match o {
            Some(o) if o.area == Area::Municipality => match o.user.municipality_id {
                Some(municipality) => Ok(Municipal { o, municipality }),
                // the store refuses such a user; should one exist, it sees nothing
                None => Err(failure(o.lang, ApiError::forbidden())),
            },
            _ => Err(Redirect::to(Area::Municipality.login()).into_response()),
        }
    }
}

impl Municipal {
    /// Its residents, for the page's data.
    pub fn residents(&self, s: &dyn PortalStore) -> Result<Residents> {
        Residents::of(s, self.municipality)
    }
}

/// The municipality's name; a municipality the portal does not hold is an error, not a page
/// without a name.
pub fn name_of(s: &dyn PortalStore, id: MunicipalityId) -> Result<String> {
    s.entity(EntityKind::Municipality, id.0)?
        .and_then(|e| e.decode::<Municipality>().ok())
        .map(|m| m.name)
        .ok_or(StorageError::NotFound("municipality"))
}
