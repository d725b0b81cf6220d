//! The municipality's custom work plans, each with the resident's consent, the updates and
//! the day the next update is due by (marked when it has passed).

use super::Municipal;
use crate::office::pages::plans::plan_rows;
use crate::office::{failure, page};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;

pub async fn show(State(state): State<AppState>, m: Municipal) -> Response {
    let (lang, now, who) = (m.o.lang, m.o.now, m.clone());
    let data = state
        .run(move |s| plan_rows(s, lang, now, &who.residents(s)?))
        .await;
    match data {
        Ok(plans) => page(
            &state,
            &m.o,
            "municipality_plans.html",
            minijinja::context! { plans => plans, section => "/gemeente/maatwerk" },
        ),
        Err(e) => failure(m.o.lang, e),
    }
}
