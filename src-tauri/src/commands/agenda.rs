//! Today's agenda.

use crate::error::CmdResult;
use crate::state::{blocking, AppState};
use std::sync::Arc;
use tauri::State;
use veldwerk_core::validation::parse_date;
use veldwerk_store::views::TodayView;

/// The chosen technician's appointments on `date` (yyyy-mm-dd; default: today in Amsterdam).
#[tauri::command]
#[specta::specta]
pub async fn today(state: State<'_, Arc<AppState>>, date: Option<String>) -> CmdResult<TodayView> {
    let date = match date {
        Some(d) => parse_date("date", &d)?,
        None => state.today(),
    };
    let technician = state.technician_id()?;
    let state = Arc::clone(&state);
    blocking(move || state.with_reader(|s| Ok(s.today(technician, date, &state.calendar)?))).await
}
