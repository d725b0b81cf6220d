//! Complex custom work (PvE 6.1, 6.3.4): every case manager's plan with its specification,
//! timeline, evaluation day, the resident's consent and its updates, and the day the next
//! update is due by (core's rule, `veldwerk_core::plans::state`), marked when it has passed.

use super::common::{decoded, records_of_type, Residents};
use crate::office::format::{day, moment, Lang};
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::{PortalStore, Result};
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use veldwerk_core::plans::{state, PlanUpdate, PlanUpdateKind, WorkPlan};
use veldwerk_core::sla::local_date;

/// The plans of `whose` residents, newest first, each with where it stands at `now`.
pub fn plan_rows(
    s: &dyn PortalStore,
    lang: Lang,
    now: DateTime<Utc>,
    whose: &Residents,
) -> Result<Vec<minijinja::Value>> {
    let updates: Vec<PlanUpdate> = decoded(&records_of_type(s, "plan_update")?);
    let mut plans: Vec<WorkPlan> = decoded(&records_of_type(s, "work_plan")?);
    plans.retain(|p| whose.keeps(p.resident_id));
    plans.sort_by_key(|p| std::cmp::Reverse(p.created_at));
    let today = local_date(now);
    Ok(plans
        .into_iter()
        .map(|p| {
            let st = state(&p, &updates, today);
            let mut mine: Vec<&PlanUpdate> = updates.iter().filter(|u| u.plan_id == p.id).collect();
            mine.sort_by_key(|u| u.created_at);
            let kind = |k: PlanUpdateKind| match k {
                PlanUpdateKind::Progress => lang.tr("Voortgang", "Progress"),
                PlanUpdateKind::Consent => lang.tr("Toestemming", "Consent"),
                PlanUpdateKind::Evaluation => lang.tr("Evaluatie", "Evaluation"),
            };
            minijinja::context! {
                id => p.id.to_string(),
                resident_id => p.resident_id.to_string(),
                resident => whose.name(p.resident_id),
                when => moment(p.created_at, lang), author => p.author,
                specification => p.specification, timeline => p.timeline,
                evaluate_on => day(p.evaluate_on, lang),
                consent => st.consent_on.map(|d| day(d, lang)),
                evaluated => st.evaluated_on.map(|d| day(d, lang)),
                next_update => st.next_update_by.map(|d| day(d, lang)),
                overdue => st.update_overdue,
                updates => mine.iter().map(|u| minijinja::context! {
                    when => moment(u.created_at, lang), kind => kind(u.kind),
                    text => u.text.clone(), author => u.author.clone(),
                }).collect::<Vec<_>>(),
            }
        })
        .collect::<Vec<_>>())
}

pub async fn show(State(state_): State<AppState>, o: Office) -> Response {
    let (lang, now) = (o.lang, o.now);
    let data = state_
        .run(move |s| plan_rows(s, lang, now, &Residents::all(s)?))
        .await;
    match data {
        Ok(plans) => page(
            &state_,
            &o,
            "plans.html",
            minijinja::context! { plans => plans, section => "/kantoor/maatwerk" },
        ),
        Err(e) => failure(o.lang, e),
    }
}
