//! The audit log: what was done (the newest 500 entries), and apart from it which pages the
//! municipalities' users opened (the newest 200), so their many page views do not push the
//! office's own actions off the page.

use crate::office::format::moment;
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::{AuditEntry, AuditKind};
use axum::extract::State;
use axum::response::Response;

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let both = state
        .run(|s| {
            Ok((
                s.audit_log_of(AuditKind::Actions, 500)?,
                s.audit_log_of(AuditKind::PageViews, 200)?,
            ))
        })
        .await;
    let rows = |entries: &[AuditEntry]| {
        entries
            .iter()
            .map(|e| minijinja::context! { when => moment(e.at, o.lang), actor => e.actor, action => e.action, subject => e.subject, detail => e.detail })
            .collect::<Vec<_>>()
    };
    match both {
        Ok((actions, views)) => page(
            &state,
            &o,
            "audit.html",
            minijinja::context! {
                entries => rows(&actions), views => rows(&views), section => "/kantoor/logboek",
            },
        ),
        Err(e) => failure(o.lang, e),
    }
}
