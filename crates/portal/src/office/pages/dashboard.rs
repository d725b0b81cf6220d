use super::common::*;
use crate::domain::kpi;
use crate::office::format::day;
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::{EntityFilter, RecordFilter};
use axum::extract::State;
use axum::response::Response;
use veldwerk_core::jobs::JobReport;
use veldwerk_core::jobs::{DeviationRequest, DeviationStatus};
use veldwerk_core::model::{Malfunction, MalfunctionStatus};
use veldwerk_core::sla::local_date;
use veldwerk_sync::protocol::{AppointmentWithJobs, EntityKind};

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let now = o.now;
    let counts = state
        .run(move |s| {
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
            // first time right (KPI 6.4): this quarter so far and the last one
            let visits: Vec<AppointmentWithJobs> = s
                .entities(EntityKind::Appointment, EntityFilter::All)?
                .iter()
                .filter_map(|e| e.decode::<AppointmentWithJobs>().ok())
                .collect();
            let reports: Vec<JobReport> = s
                .records(&RecordFilter {
                    record_types: vec!["job_report"],
                    ..Default::default()
                })?
                .iter()
                .filter_map(|r| serde_json::from_str(&r.payload).ok())
                .collect();
            let work = kpi::done_work(kpi::jobs_of(&visits), &reports);
            let today = local_date(now);
            let this = kpi::quarter_start(today);
            let (last_from, last_to) = kpi::previous_quarter(this);
            let ftr = [(last_from, last_to), (this, today)].map(|(from, to)| {
                (
                    from,
                    to,
                    kpi::first_time_right_between(&work, from, to, now),
                )
            });
            let conflicts = s
                .conflicts()?
                .iter()
                .filter(|c| c.resolution.is_none())
                .count();
            let cards = vec![
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
            ];
            Ok((cards, ftr))
        })
        .await;
    match counts {
        Ok((cards, ftr)) => {
            let lang = o.lang;
            let ftr = ftr
                .iter()
                .map(|(from, to, f)| {
                    minijinja::context! {
                        period => format!("{} – {}", day(*from, lang), day(*to, lang)),
                        measured => f.measured, right => f.right, open => f.open,
                        percent => f.percent().map(|p| format!("{p:.1} %")).unwrap_or_else(|| "–".into()),
                    }
                })
                .collect::<Vec<_>>();
            page(
                &state,
                &o,
                "dashboard.html",
                minijinja::context! {
                    cards => cards, ftr => ftr, section => "",
                    ftr_days => veldwerk_core::contract::current().first_time_right_days,
                },
            )
        }
        Err(e) => failure(o.lang, e),
    }
}
