//! The municipality's first page: how many of its residents the supplier serves, what needs
//! its attention (plans whose update is overdue, complaints past their day, urgent signals)
//! and the contract's figures for its residents per quarter.

use super::{name_of, Municipal};
use crate::office::pages::common::{decoded, records_of_type};
use crate::office::pages::dashboard::quarter_rows;
use crate::office::pages::messages::message_count;
use crate::office::pages::plans::plan_rows;
use crate::office::pages::signals::{complaint_rows, signal_rows};
use crate::office::{failure, page};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;

/// How many of `rows` have `flag` set (the pages' own reading, so the counts match them).
fn flagged(rows: &[minijinja::Value], flag: &str) -> usize {
    rows.iter()
        .filter(|r| r.get_attr(flag).is_ok_and(|v| v.is_true()))
        .count()
}

pub async fn show(State(state): State<AppState>, m: Municipal) -> Response {
    let (lang, now, who) = (m.o.lang, m.o.now, m.clone());
    let data = state
        .run(move |s| {
            let whose = who.residents(s)?;
            let residents = whose.count().unwrap_or_default();
            let plans = plan_rows(s, lang, now, &whose)?;
            let complaints = complaint_rows(s, lang, now, &whose)?;
            let signals = signal_rows(s, lang, &whose)?;
            let messages = message_count(s, &whose)?;
            let open = complaints.len() - flagged(&complaints, "handled");
            let cards = vec![
                ("", "Inwoners", "Residents", residents, 0),
                (
                    "/gemeente/maatwerk",
                    "Maatwerkplannen (stand van zaken te laat)",
                    "Custom work plans (update overdue)",
                    plans.len(),
                    flagged(&plans, "overdue"),
                ),
                (
                    "/gemeente/klachten",
                    "Open klachten (termijn verstreken)",
                    "Open complaints (past their day)",
                    open,
                    flagged(&complaints, "late"),
                ),
                (
                    "/gemeente/klachten",
                    "Signalen (direct te melden)",
                    "Signals (to report at once)",
                    signals.len(),
                    flagged(&signals, "urgent"),
                ),
                ("/gemeente/berichten", "Berichten", "Messages", messages, 0),
            ];
            Ok((
                name_of(s, who.municipality)?,
                cards,
                quarter_rows(
                    s,
                    lang,
                    now,
                    &whose,
                    decoded(&records_of_type(s, "job_report")?),
                )?,
            ))
        })
        .await;
    match data {
        Ok((name, cards, ftr)) => page(
            &state,
            &m.o,
            "municipality_overview.html",
            minijinja::context! {
                name => name, cards => cards, ftr => ftr, section => "/gemeente",
                ftr_days => veldwerk_core::contract::current().first_time_right_days,
            },
        ),
        Err(e) => failure(m.o.lang, e),
    }
}
