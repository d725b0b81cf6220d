//! Tauri commands: thin. Each validates its input, calls the store or core, maps errors.

pub mod agenda;
pub mod jobs;
pub mod records;
pub mod session;

use crate::error::AppError;
use veldwerk_core::validation::bounded;

/// Parses an id argument, refusing oversized or malformed input with a typed error.
pub(crate) fn parse_id<T>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, veldwerk_core::ValidationError>,
) -> Result<T, AppError> {
    bounded("id", raw, 64)?;
    Ok(parse(raw)?)
}
