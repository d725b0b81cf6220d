//! The messages about the municipality's residents: to them and to the municipality, with
//! whether each was delivered (without the residents' addresses).

use super::Municipal;
use crate::office::pages::messages::message_rows;
use crate::office::{failure, page, Area};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;

pub async fn show(State(state): State<AppState>, m: Municipal) -> Response {
    let (lang, who) = (m.o.lang, m.clone());
    let data = state
        .run(move |s| message_rows(s, lang, &who.residents(s)?, Area::Municipality))
        .await;
    match data {
        Ok((messages, _)) => page(
            &state,
            &m.o,
            "municipality_messages.html",
            minijinja::context! { messages => messages, section => "/gemeente/berichten" },
        ),
        Err(e) => failure(m.o.lang, e),
    }
}
