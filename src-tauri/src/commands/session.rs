//! Start-up state, choosing the technician, and the sync indicator.

use crate::error::{AppError, CmdResult};
use crate::state::{blocking, lock, AppState, Startup};
use serde::Serialize;
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::TechnicianId;
use veldwerk_core::model::Technician;

pub use super::sync::SyncIndicator;
use crate::sync_loop::Sync;

#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct AppStatus {
    pub startup: Startup,
    /// Templates that could not be loaded (left out; the others work).
    pub template_problems: Vec<veldwerk_core::jobs::TemplateProblem>,
    /// Records waiting to be sent to the portal.
    pub pending_records: u32,
    pub demo: bool,
    pub technician: Option<Technician>,
    pub sync: SyncIndicator,
    pub version: String,
    /// Now by the app's clock: the UI counts deadlines and "today" from it.
    pub now: chrono::DateTime<chrono::Utc>,
}

/// Tries to open the replica again after a failed start; the UI then polls `app_status`.
#[tauri::command]
#[specta::specta]
pub fn retry_startup(state: State<'_, Arc<AppState>>) -> CmdResult<bool> {
    Ok(crate::startup::retry(&state))
}

#[tauri::command]
#[specta::specta]
pub async fn app_status(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
) -> CmdResult<AppStatus> {
    let (state, sync) = (Arc::clone(&state), Arc::clone(&sync));
    blocking(move || status(&state, &sync)).await
}

fn status(state: &AppState, sync: &Sync) -> CmdResult<AppStatus> {
    let startup = lock(&state.startup).clone();
    let (technician, pending_records) = match startup {
        Startup::Ready => {
            let tech = *lock(&state.technician);
            state.with_reader(|s| {
                let technician = match tech {
                    Some(id) => Some(s.technician(id)?),
                    None => None,
                };
                Ok((technician, s.outbox_len()?))
            })?
        }
        _ => (None, 0),
    };
    Ok(AppStatus {
        startup,
        template_problems: state.template_problems.clone(),
        pending_records,
        demo: state.launch.demo,
        technician,
        sync: super::sync::indicator(sync),
        version: env!("CARGO_PKG_VERSION").to_string(),
        now: state.now(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn list_technicians(state: State<'_, Arc<AppState>>) -> CmdResult<Vec<Technician>> {
    let state = Arc::clone(&state);
    blocking(move || state.with_reader(|s| Ok(s.technicians()?))).await
}

/// Chooses who uses this installation (demo mode: at first start; later: from the login).
#[tauri::command]
#[specta::specta]
pub async fn choose_technician(
    state: State<'_, Arc<AppState>>,
    technician_id: String,
) -> CmdResult<Technician> {
    let id = super::parse_id(&technician_id, TechnicianId::parse)?;
    let state = Arc::clone(&state);
    blocking(move || {
        let technician = state.with_writer(|s| {
            let t = s.technician(id)?;
            let w = s.write()?;
            w.set_setting(crate::startup::TECHNICIAN_SETTING, &id.to_string())?;
            w.commit()?;
            Ok(t)
        })?;
        *lock(&state.technician) = Some(id);
        Ok(technician)
    })
    .await
}

/// The UI reports that a screen has been drawn; the first report of Today is logged with the
/// time since launch (used by the start-up benchmark).
#[tauri::command]
#[specta::specta]
pub fn report_drawn(screen: String) -> CmdResult<()> {
    veldwerk_core::validation::bounded("screen", &screen, 32).map_err(AppError::from)?;
    crate::timing::drawn(&screen);
    Ok(())
}
