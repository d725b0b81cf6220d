//! Open repairs with their response class and deadlines (veldwerk_core::sla).

use crate::office::format::{code, deadline, minutes, moment};
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::EntityFilter;
use axum::extract::State;
use axum::response::Response;
use veldwerk_core::model::{Device, Malfunction, MalfunctionStatus};
use veldwerk_core::sla::{deadline_status, repair_deadlines, DeadlineState};
use veldwerk_core::WorkingDayCalendar;
use veldwerk_sync::protocol::EntityKind;

fn state_class(s: DeadlineState) -> &'static str {
    match s {
        DeadlineState::Ok => "ok",
        DeadlineState::DueSoon => "soon",
        DeadlineState::Overdue => "late",
    }
}

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let (lang, now) = (o.lang, o.now);
    let rows = state
        .run(move |s| {
            let cal = WorkingDayCalendar::dutch_legal();
            let mut open: Vec<Malfunction> = s
                .entities(EntityKind::Malfunction, EntityFilter::All)?
                .iter()
                .filter_map(|e| e.decode::<Malfunction>().ok())
                .filter(|m| m.status == MalfunctionStatus::Open)
                .collect();
            open.sort_by_key(|m| m.reported_at);
            let mut rows = Vec::new();
            for m in open {
                let device = s
                    .entity(EntityKind::Device, m.device_id.0)?
                    .and_then(|e| e.decode::<Device>().ok())
                    .map(|d| d.registration_number)
                    .unwrap_or_default();
                let dl = repair_deadlines(m.class, m.reported_at, m.arrived_at, &cal);
                let left = |due| {
                    let st = deadline_status(now, m.reported_at, due);
                    let text = match st.state {
                        DeadlineState::Overdue => format!("{} {}", minutes(st.remaining_minutes, lang), lang.tr("te laat", "late")),
                        _ => format!("{} {}", lang.tr("nog", "left:"), minutes(st.remaining_minutes, lang)),
                    };
                    (state_class(st.state), text)
                };
                let (fixed_state, fixed_left) = left(dl.fixed_by);
                let on_site = dl.on_site_by.filter(|_| m.arrived_at.is_none()).map(left);
                rows.push(minijinja::context! {
                    class => code(&m.class), reported => moment(m.reported_at, lang),
                    device_id => m.device_id.to_string(), device => device, description => m.description,
                    on_site => dl.on_site_by.map(|t| deadline(t, lang)),
                    on_site_state => on_site.as_ref().map(|x| x.0), on_site_left => on_site.map(|x| x.1),
                    arrived => m.arrived_at.map(|t| moment(t, lang)),
                    fixed => deadline(dl.fixed_by, lang), fixed_state => fixed_state, fixed_left => fixed_left,
                    status => code(&m.status),
                });
            }
            Ok(rows)
        })
        .await;
    match rows {
        Ok(rows) => page(
            &state,
            &o,
            "repairs.html",
            minijinja::context! { repairs => rows, section => "/kantoor/reparaties" },
        ),
        Err(e) => failure(o.lang, e),
    }
}
