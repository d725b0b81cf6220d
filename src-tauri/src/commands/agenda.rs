//! Today's agenda.

use crate::error::CmdResult;
use crate::state::AppState;
use std::sync::Arc;
use tauri::State;
use veldwerk_core::validation::parse_date;
use veldwerk_store::views::TodayView;

/// The chosen technician's appointments on `date` (yyyy-mm-dd; default: today in Amsterdam).
#[tauri::command]
#[specta::specta]
pub fn today(state: State<'_, Arc<AppState>>, date: Option<String>) -> CmdResult<TodayView> {
    let date = match date {
        Some(d) => parse_date("date", &d)?,
        None => state.today(),
    };
    let technician = state.technician_id()?;
    state.with_store(|s| Ok(s.today(technician, date, &state.calendar)?))
}
