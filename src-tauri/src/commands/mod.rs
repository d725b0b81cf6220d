//! Tauri commands: thin. Each parses and bounds its input, then calls core and the store
//! (for a job: load, apply, persist, view), on the blocking pool; errors leave as AppError.

pub mod agenda;
pub mod documents;
pub mod jobs;
pub mod messages;
pub mod photos;
pub mod plans;
pub mod records;
pub mod session;
pub mod signing;
pub mod sync;
pub mod visit;

use crate::error::AppError;
use veldwerk_core::validation::bounded;

/// Who records: the technician using this installation.
pub(crate) fn author(
    state: &crate::state::AppState,
    store: &veldwerk_store::Store,
) -> Result<String, AppError> {
    Ok(store.technician(state.technician_id()?)?.name)
}

/// Parses a day argument (yyyy-mm-dd), refusing anything else with the caller's words.
pub(crate) fn parse_day(raw: &str, nl: &str, en: &str) -> Result<chrono::NaiveDate, AppError> {
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| AppError::invalid(nl, en))
}

/// Parses an id argument, refusing oversized or malformed input with a typed error.
pub(crate) fn parse_id<T>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, veldwerk_core::ValidationError>,
) -> Result<T, AppError> {
    bounded("id", raw, 64)?;
    Ok(parse(raw)?)
}
