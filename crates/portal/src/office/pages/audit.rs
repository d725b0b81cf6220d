use crate::office::format::moment;
use crate::office::{failure, page, Office};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    match state.run(|s| s.audit_log(500)).await {
        Ok(entries) => {
            let rows: Vec<_> = entries
                .iter()
                .map(|e| minijinja::context! { when => moment(e.at, o.lang), actor => e.actor, action => e.action, subject => e.subject, detail => e.detail })
                .collect();
            page(
                &state,
                &o,
                "audit.html",
                minijinja::context! { entries => rows, section => "/kantoor/logboek" },
            )
        }
        Err(e) => failure(o.lang, e),
    }
}
