//! Demo mode: fills an empty replica with generated, invented data.

use crate::error::AppError;
use crate::state::AppState;
use veldwerk_store::Store;

pub fn fill(_state: &AppState, _store: &mut Store) -> Result<(), AppError> {
    Ok(())
}
