//! Complex custom work (PvE 6.1, 6.3.4): the case manager records the plan, the resident's
//! consent, an update at least every two weeks and the evaluation, on the resident's page.
//! Each record carries an id the dialog made once; the store answers a retry with what it
//! stored. Where a plan stands is core's (`plans::state`).

use super::{author, parse_id};
use crate::error::CmdResult;
use crate::state::{blocking, AppState};
use serde::Serialize;
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::{OrderId, PlanUpdateId, ResidentId, WorkPlanId};
use veldwerk_core::plans::{PlanState, PlanUpdate, PlanUpdateKind, WorkPlan};

/// A plan with its updates and where it stands today.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct PlanView {
    pub plan: WorkPlan,
    pub updates: Vec<PlanUpdate>,
    pub state: PlanState,
}

/// Records a case manager's plan for a resident.
#[allow(clippy::too_many_arguments)] // one argument per field of the form
#[tauri::command]
#[specta::specta]
pub async fn record_work_plan(
    state: State<'_, Arc<AppState>>,
    plan_id: String,
    resident_id: String,
    order_id: Option<String>,
    specification: String,
    timeline: String,
    evaluate_on: String,
) -> CmdResult<WorkPlan> {
    let id = parse_id(&plan_id, WorkPlanId::parse)?;
    let resident = parse_id(&resident_id, ResidentId::parse)?;
    let order = order_id
        .as_deref()
        .map(|o| parse_id(o, OrderId::parse))
        .transpose()?;
    let evaluate_on = super::parse_day(
        &evaluate_on,
        "Kies een geldige dag voor de evaluatie.",
        "Choose a valid day for the evaluation.",
    )?;
    let state = Arc::clone(&state);
    blocking(move || {
        state.with_writer(|s| {
            let plan = WorkPlan {
                id,
                resident_id: resident,
                order_id: order,
                specification: specification.trim().to_string(),
                timeline: timeline.trim().to_string(),
                evaluate_on,
                created_at: state.now(),
                author: author(&state, s)?,
            };
            Ok(s.record_work_plan(&plan)?)
        })
    })
    .await
}

/// Records an update of a plan: how it stands, the resident's consent, or the evaluation.
#[tauri::command]
#[specta::specta]
pub async fn record_plan_update(
    state: State<'_, Arc<AppState>>,
    update_id: String,
    plan_id: String,
    resident_id: String,
    kind: PlanUpdateKind,
    text: String,
) -> CmdResult<PlanUpdate> {
    let id = parse_id(&update_id, PlanUpdateId::parse)?;
    let plan = parse_id(&plan_id, WorkPlanId::parse)?;
    let resident = parse_id(&resident_id, ResidentId::parse)?;
    let state = Arc::clone(&state);
    blocking(move || {
        state.with_writer(|s| {
            let update = PlanUpdate {
                id,
                plan_id: plan,
                resident_id: resident,
                kind,
                text: text.trim().to_string(),
                created_at: state.now(),
                author: author(&state, s)?,
            };
            Ok(s.record_plan_update(&update)?)
        })
    })
    .await
}

/// A resident's plans, oldest first, with their updates and where each stands today.
#[tauri::command]
#[specta::specta]
pub async fn resident_plans(
    state: State<'_, Arc<AppState>>,
    resident_id: String,
) -> CmdResult<Vec<PlanView>> {
    let resident = parse_id(&resident_id, ResidentId::parse)?;
    let state = Arc::clone(&state);
    blocking(move || {
        let today = state.today();
        state.with_reader(|s| {
            Ok(s.work_plans_of(resident)?
                .into_iter()
                .map(|(plan, updates)| PlanView {
                    state: veldwerk_core::plans::state(&plan, &updates, today),
                    plan,
                    updates,
                })
                .collect())
        })
    })
    .await
}
