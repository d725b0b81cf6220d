//! Signals and complaints waiting for the municipality.

use super::common::{decoded, records_of_type, resident_names};
use crate::office::format::{day, moment};
use crate::office::{failure, page, Office};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use veldwerk_core::jobs::{signal_kind_name, Complaint, Signal};
use veldwerk_core::sla::local_date;
use veldwerk_core::WorkingDayCalendar;

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let (lang, now) = (o.lang, o.now);
    let data = state
        .run(move |s| {
            let names = resident_names(s)?;
            let cal = WorkingDayCalendar::dutch_legal();
            let signals: Vec<_> = decoded::<Signal>(&records_of_type(s, "signal")?)
                .into_iter()
                .map(|x| minijinja::context! {
                    when => moment(x.created_at, lang), resident_id => x.resident_id.to_string(),
                    resident => names.get(&x.resident_id).cloned().unwrap_or_default(),
                    urgent => x.urgent || x.kind.always_urgent(),
                    kind => lang.pick(&signal_kind_name(x.kind)), description => x.description, author => x.author,
                })
                .collect();
            let complaints: Vec<_> = decoded::<Complaint>(&records_of_type(s, "complaint")?)
                .into_iter()
                .map(|x| {
                    // PvE 5.1.5: handled within 10 working days of the day received (core's rule)
                    let due = x.due(&cal);
                    let last_day = local_date(due).pred_opt().unwrap_or(local_date(due));
                    minijinja::context! {
                        when => moment(x.created_at, lang), resident_id => x.resident_id.to_string(),
                        resident => names.get(&x.resident_id).cloned().unwrap_or_default(),
                        process => lang.pick(&x.process.name()), description => x.description,
                        received => format!("{}, {}", lang.pick(&x.received_as.name()), day(x.received_day(), lang)),
                        due => day(last_day, lang), late => now >= due,
                    }
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
