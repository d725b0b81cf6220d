//! Signals and complaints waiting for the municipality.

use super::common::resident_names;
use crate::office::format::{code, day, moment};
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::RecordFilter;
use axum::extract::State;
use axum::response::Response;
use veldwerk_core::jobs::{signal_kind_name, Complaint, Signal};
use veldwerk_core::sla::local_date;
use veldwerk_core::WorkingDayCalendar;

/// Complaints are handled within 10 working days.
const COMPLAINT_WORKING_DAYS: u32 = 10;

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let lang = o.lang;
    let data = state
        .run(move |s| {
            let names = resident_names(s)?;
            let of = |t| s.records(&RecordFilter { record_types: vec![t], ..Default::default() });
            let cal = WorkingDayCalendar::dutch_legal();
            let signals: Vec<_> = of("signal")?
                .iter()
                .filter_map(|r| serde_json::from_str::<Signal>(&r.payload).ok())
                .map(|x| minijinja::context! {
                    when => moment(x.created_at, lang), resident_id => x.resident_id.to_string(),
                    resident => names.get(&x.resident_id).cloned().unwrap_or_default(),
                    urgent => x.urgent || x.kind.always_urgent(),
                    kind => lang.pick(&signal_kind_name(x.kind)), description => x.description, author => x.author,
                })
                .collect();
            let complaints: Vec<_> = of("complaint")?
                .iter()
                .filter_map(|r| serde_json::from_str::<Complaint>(&r.payload).ok())
                .map(|x| minijinja::context! {
                    when => moment(x.created_at, lang), resident_id => x.resident_id.to_string(),
                    resident => names.get(&x.resident_id).cloned().unwrap_or_default(),
                    process => code(&x.process), description => x.description,
                    due => day(cal.add_working_days(local_date(x.created_at), COMPLAINT_WORKING_DAYS), lang),
                })
                .collect();
            Ok((signals, complaints))
        })
        .await;
    match data {
        Ok((signals, complaints)) => page(
            &state,
            &o,
            "signals.html",
            minijinja::context! { signals => signals, complaints => complaints, section => "/kantoor/signalen" },
        ),
        Err(e) => failure(o.lang, e),
    }
}
