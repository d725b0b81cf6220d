use super::common::*;
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::{EntityFilter, RecordFilter};
use axum::extract::State;
use axum::response::Response;
use veldwerk_core::jobs::{DeviationRequest, DeviationStatus};
use veldwerk_core::model::{Malfunction, MalfunctionStatus};
use veldwerk_sync::protocol::EntityKind;

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let counts = state
        .run(|s| {
            let open_repairs = s
                .entities(EntityKind::Malfunction, EntityFilter::All)?
                .iter()
                .filter_map(|e| e.decode::<Malfunction>().ok())
                .filter(|m| m.status == MalfunctionStatus::Open)
                .count();
            let pending = s
                .entities(EntityKind::DeviationRequest, EntityFilter::All)?
                .iter()
                .filter_map(|e| e.decode::<DeviationRequest>().ok())
                .filter(|d| d.status == DeviationStatus::Pending)
                .count();
            let of = |t: &'static str| -> crate::storage::Result<usize> {
                Ok(s.records(&RecordFilter {
                    record_types: vec![t],
                    ..Default::default()
                })?
                .len())
            };
            let conflicts = s
                .conflicts()?
                .iter()
                .filter(|c| c.resolution.is_none())
                .count();
            Ok(vec![
                (
                    "/kantoor/monteurs",
                    "Monteurs",
                    "Technicians",
                    technicians(s)?.len(),
                ),
                (
                    "/kantoor/inwoners",
                    "Inwoners",
                    "Residents",
                    s.entities(EntityKind::Resident, EntityFilter::All)?.len(),
                ),
                (
                    "/kantoor/reparaties",
                    "Openstaande reparaties",
                    "Open repairs",
                    open_repairs,
                ),
                ("/kantoor/signalen", "Signalen", "Signals", of("signal")?),
                (
                    "/kantoor/werkbonnen",
                    "Werkbonnen",
                    "Job reports",
                    of("job_report")?,
                ),
                (
                    "/kantoor/afwijkingen",
                    "Wachtende afwijkingsverzoeken",
                    "Deviation requests waiting",
                    pending,
                ),
                (
                    "/kantoor/conflicten",
                    "Open conflicten",
                    "Open conflicts",
                    conflicts,
                ),
            ])
        })
        .await;
    match counts {
        Ok(cards) => page(
            &state,
            &o,
            "dashboard.html",
            minijinja::context! { cards => cards, section => "" },
        ),
        Err(e) => failure(o.lang, e),
    }
}
