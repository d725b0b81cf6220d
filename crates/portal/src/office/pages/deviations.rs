//! Category-deviation requests: the municipality answers within 5 working days of the
//! request; the page shows the wait and flags a late answer. An answer is a change the
//! fitter pulls.

use super::common::resident_names;
use crate::error::ApiError;
use crate::office::format::{deadline, moment, Lang};
use crate::office::{failure, page, see_other, Office};
use crate::state::AppState;
use crate::storage::EntityFilter;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use uuid::Uuid;
use veldwerk_core::ids::DeviationRequestId;
use veldwerk_core::jobs::{DeviationRequest, DeviationStatus};
use veldwerk_core::sla::{local_date, working_day_deadline};
use veldwerk_core::WorkingDayCalendar;
use veldwerk_sync::protocol::EntityKind;

/// The municipality answers within this many working days.
pub const ANSWER_WORKING_DAYS: u32 = 5;

fn status_text(s: DeviationStatus, lang: Lang) -> String {
    match s {
        DeviationStatus::Pending => lang.tr("wacht op antwoord", "waiting for an answer"),
        DeviationStatus::Approved => lang.tr("goedgekeurd", "approved"),
        DeviationStatus::Rejected => lang.tr("afgewezen", "rejected"),
    }
}

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let (lang, now) = (o.lang, o.now);
    let rows = state
        .run(move |s| {
            let names = resident_names(s)?;
            let cal = WorkingDayCalendar::dutch_legal();
            let today = local_date(now);
            let mut all: Vec<DeviationRequest> = s
                .entities(EntityKind::DeviationRequest, EntityFilter::All)?
                .iter()
                .filter_map(|e| e.decode().ok())
                .collect();
            all.sort_by_key(|d| (d.status != DeviationStatus::Pending, d.requested_at));
            Ok(all
                .into_iter()
                .map(|d| {
                    let asked = local_date(d.requested_at);
                    let due = working_day_deadline(&cal, asked, ANSWER_WORKING_DAYS);
                    let waited = cal.working_days_between(asked, today);
                    minijinja::context! {
                        id => d.id.to_string(), requested => moment(d.requested_at, lang),
                        resident_id => d.resident_id.to_string(), resident => names.get(&d.resident_id).cloned().unwrap_or_default(),
                        ordered => format!("{} {}", d.ordered.code(), lang.pick(&d.ordered.name())),
                        proposed => format!("{} {}", d.proposed.code(), lang.pick(&d.proposed.name())),
                        motivation => d.motivation, pending => d.status == DeviationStatus::Pending,
                        approved => d.status == DeviationStatus::Approved, status => status_text(d.status, lang),
                        waited => format!("{waited} {}", if waited == 1 { lang.tr("werkdag", "working day") } else { lang.tr("werkdagen", "working days") }),
                        due => deadline(due, lang), late => now >= due,
                    }
                })
                .collect::<Vec<_>>())
        })
        .await;
    match rows {
        Ok(rows) => page(
            &state,
            &o,
            "deviations.html",
            minijinja::context! { requests => rows, section => "/kantoor/afwijkingen" },
        ),
        Err(e) => failure(o.lang, e),
    }
}

#[derive(Deserialize)]
pub struct Decision {
    besluit: String,
}

pub async fn decide(
    State(state): State<AppState>,
    o: Office,
    Path(id): Path<Uuid>,
    Form(f): Form<Decision>,
) -> Response {
    let status = match f.besluit.as_str() {
        "goedkeuren" => DeviationStatus::Approved,
        "afwijzen" => DeviationStatus::Rejected,
        _ => {
            return failure(
                o.lang,
                ApiError::bad_request("Kies goedkeuren of afwijzen.", "Choose approve or reject."),
            )
        }
    };
    let (who, at) = (o.user.display_name.clone(), o.now);
    match state
        .run(move |s| s.answer_deviation(DeviationRequestId(id), status, &who, at))
        .await
    {
        Ok(()) => see_other("/kantoor/afwijkingen"),
        Err(e) => failure(o.lang, e),
    }
}
