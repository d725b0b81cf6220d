//! Signals and complaints waiting for the municipality; per complaint where its handling
//! stands (PvE 5.1.5-5.1.7) and the office's forms to report progress and the outcome, each
//! sent to the resident as a letter the portal writes (`messages::own`).

use super::common::{decoded, records_of_type, Residents};
use crate::error::ApiError;
use crate::messages::own::{
    complaint_states, write_complaint_letter, ComplaintLetter, ComplaintState, MAX_COMPLAINT_TEXT,
};
use crate::office::format::{day, moment, Lang};
use crate::office::{failure, page, see_other, Office};
use crate::state::AppState;
use crate::storage::{PortalStore, Result};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;
use veldwerk_core::jobs::{signal_kind_name, Complaint, Signal};
use veldwerk_core::sla::deadline_day;
use veldwerk_core::WorkingDayCalendar;

/// A complaint's state in words, and its code (for the page's styling and tests).
fn state_words(state: Option<&ComplaintState>, lang: Lang) -> (String, &'static str) {
    match state {
        None | Some(ComplaintState::Open) => (lang.tr("Open", "Open"), "open"),
        Some(ComplaintState::Progress { last }) => {
            let at = moment(*last, lang);
            (
                lang.tr(
                    &format!("Voortgang gemeld ({at})"),
                    &format!("Progress given ({at})"),
                ),
                "progress",
            )
        }
        Some(ComplaintState::Handled { at, on_time: true }) => {
            let at = moment(*at, lang);
            (
                lang.tr(
                    &format!("Afgehandeld op {at}, binnen de termijn"),
                    &format!("Handled on {at}, within the deadline"),
                ),
                "on_time",
            )
        }
        Some(ComplaintState::Handled { at, on_time: false }) => {
            let at = moment(*at, lang);
            (
                lang.tr(
                    &format!("Afgehandeld op {at}, te laat"),
                    &format!("Handled on {at}, late"),
                ),
                "late",
            )
        }
    }
}

/// The signals about `whose` residents.
pub fn signal_rows(
    s: &dyn PortalStore,
    lang: Lang,
    whose: &Residents,
) -> Result<Vec<minijinja::Value>> {
    Ok(decoded::<Signal>(&records_of_type(s, "signal")?)
        .into_iter()
        .filter(|x| whose.keeps(x.resident_id))
        .map(|x| minijinja::context! {
            when => moment(x.created_at, lang), resident_id => x.resident_id.to_string(),
            resident => whose.name(x.resident_id),
            urgent => x.urgent || x.kind.always_urgent(),
            kind => lang.pick(&signal_kind_name(x.kind)), description => x.description, author => x.author,
        })
        .collect())
}

/// The complaints of `whose` residents, each with its due day and where its handling stands
/// at `now`.
pub fn complaint_rows(
    s: &dyn PortalStore,
    lang: Lang,
    now: DateTime<Utc>,
    whose: &Residents,
) -> Result<Vec<minijinja::Value>> {
    let cal = WorkingDayCalendar::dutch_legal();
    let mut complaints = decoded::<Complaint>(&records_of_type(s, "complaint")?);
    complaints.retain(|c| whose.keeps(c.resident_id));
    let states = complaint_states(s, &complaints)?;
    Ok(complaints
        .into_iter()
        .map(|x| {
            // PvE 5.1.5: handled within 10 working days of the day received (core's rule)
            let due = x.due(&cal);
            let st = states.get(&x.id.0);
            let handled = matches!(st, Some(ComplaintState::Handled { .. }));
            let (status, code) = state_words(st, lang);
            minijinja::context! {
                id => x.id.to_string(),
                when => moment(x.created_at, lang), resident_id => x.resident_id.to_string(),
                resident => whose.name(x.resident_id),
                process => lang.pick(&x.process.name()), description => x.description,
                received => format!("{}, {}", lang.pick(&x.received_as.name()), day(x.received_day(), lang)),
                due => day(deadline_day(due), lang), late => !handled && now >= due,
                status => status, status_code => code, handled => handled,
                progress_id => Uuid::now_v7().to_string(), outcome_id => Uuid::now_v7().to_string(),
            }
        })
        .collect())
}

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let (lang, now) = (o.lang, o.now);
    let data = state
        .run(move |s| {
            let all = Residents::all(s)?;
            Ok((
                signal_rows(s, lang, &all)?,
                complaint_rows(s, lang, now, &all)?,
            ))
        })
        .await;
    match data {
        Ok((signals, complaints)) => page(
            &state,
            &o,
            "signals.html",
            minijinja::context! {
                signals => signals, complaints => complaints, section => "/kantoor/signalen",
                max_text => MAX_COMPLAINT_TEXT,
            },
        ),
        Err(e) => failure(o.lang, e),
    }
}

/// A progress report or an outcome: its text, and the message's id made when the form was
/// shown (sending the form twice writes one message).
#[derive(Deserialize)]
pub struct Letter {
    text: String,
    message: Uuid,
}

async fn letter(
    state: AppState,
    o: Office,
    complaint: Uuid,
    kind: ComplaintLetter,
    f: Letter,
) -> Response {
    let text = f.text.trim().to_string();
    if text.is_empty() || text.chars().count() > MAX_COMPLAINT_TEXT {
        return failure(
            o.lang,
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                veldwerk_sync::protocol::codes::VALIDATION,
                "Schrijf een tekst van hoogstens 2000 tekens.",
                "Write a text of at most 2000 characters.",
            ),
        );
    }
    let (who, at, supplier) = (
        o.user.display_name.clone(),
        o.now,
        state.config.supplier.clone(),
    );
    match state
        .run(move |s| {
            write_complaint_letter(s, complaint, kind, &text, f.message, &who, at, &supplier)
        })
        .await
    {
        Ok(_) => see_other(&format!("/kantoor/signalen#klacht-{complaint}")),
        Err(e) => failure(o.lang, e),
    }
}

/// The office reports progress to the resident.
pub async fn progress(
    State(state): State<AppState>,
    o: Office,
    Path(id): Path<Uuid>,
    Form(f): Form<Letter>,
) -> Response {
    letter(state, o, id, ComplaintLetter::Progress, f).await
}

/// The office sends the outcome: the complaint is handled.
pub async fn outcome(
    State(state): State<AppState>,
    o: Office,
    Path(id): Path<Uuid>,
    Form(f): Form<Letter>,
) -> Response {
    letter(state, o, id, ComplaintLetter::Outcome, f).await
}
