//! The municipality's residents' complaints (with their due day and where handling stands)
//! and the signals technicians raised about them.

use super::Municipal;
use crate::office::pages::signals::{complaint_rows, signal_rows};
use crate::office::{failure, page};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;

pub async fn show(State(state): State<AppState>, m: Municipal) -> Response {
    let (lang, now, who) = (m.o.lang, m.o.now, m.clone());
    let data = state
        .run(move |s| {
            let whose = who.residents(s)?;
            Ok((
                signal_rows(s, lang, &whose)?,
                complaint_rows(s, lang, now, &whose)?,
            ))
        })
        .await;
    match data {
        Ok((signals, complaints)) => page(
            &state,
            &m.o,
            "municipality_complaints.html",
            minijinja::context! {
                signals => signals, complaints => complaints, section => "/gemeente/klachten",
            },
        ),
        Err(e) => failure(m.o.lang, e),
    }
}
