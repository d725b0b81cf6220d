//! Residents, device passports and search.

use crate::error::CmdResult;
use crate::state::{blocking, AppState};
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::{DeviceId, ResidentId};
use veldwerk_store::views::{PassportView, ResidentView, SearchResults};

/// At most this many search hits are shown; more means "type more".
pub const SEARCH_LIMIT: u32 = 40;

#[tauri::command]
#[specta::specta]
pub async fn resident(
    state: State<'_, Arc<AppState>>,
    resident_id: String,
) -> CmdResult<ResidentView> {
    let id = super::parse_id(&resident_id, ResidentId::parse)?;
    let state = Arc::clone(&state);
    blocking(move || {
        let today = state.today();
        state.with_reader(|s| Ok(s.resident(id, today, &state.calendar)?))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn device_passport(
    state: State<'_, Arc<AppState>>,
    device_id: String,
) -> CmdResult<PassportView> {
    let id = super::parse_id(&device_id, DeviceId::parse)?;
    let state = Arc::clone(&state);
    blocking(move || {
        let today = state.today();
        state.with_reader(|s| Ok(s.passport(id, today, &state.calendar)?))
    })
    .await
}

/// Searches residents (name, street, postcode, resident number) and devices (registration
/// and serial number). Offline, accent-insensitive.
#[tauri::command]
#[specta::specta]
pub async fn search(state: State<'_, Arc<AppState>>, query: String) -> CmdResult<SearchResults> {
    let state = Arc::clone(&state);
    blocking(move || state.with_reader(|s| Ok(s.search(&query, SEARCH_LIMIT)?))).await
}
