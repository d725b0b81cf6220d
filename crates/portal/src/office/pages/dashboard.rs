use super::common::*;
use crate::domain::kpi;
use crate::office::format::day;
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::{DeliveryStatus, EntityFilter};
use axum::extract::State;
use axum::response::Response;
use veldwerk_core::jobs::{Complaint, JobReport};
use veldwerk_core::jobs::{DeviationRequest, DeviationStatus};
use veldwerk_core::kpi::{complaint_rate_percent, MAX_COMPLAINT_RATE_PERCENT};
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
            // first time right (KPI 6.4): this quarter so far and the last one
            let visits: Vec<AppointmentWithJobs> = s
                .entities(EntityKind::Appointment, EntityFilter::All)?
                .iter()
                .filter_map(|e| e.decode::<AppointmentWithJobs>().ok())
                .collect();
            let stored_reports = records_of_type(s, "job_report")?;
            let reports: Vec<JobReport> = decoded(&stored_reports);
            let work = kpi::done_work(kpi::jobs_of(&visits), &reports);
            let today = local_date(now);
            let this = kpi::quarter_start(today);
            let (last_from, last_to) = kpi::previous_quarter(this);
            // complaints per transaction (KPI 5.3): received in the quarter against the jobs
            // completed in it
            let complaints: Vec<Complaint> = decoded(&records_of_type(s, "complaint")?);
            let within = |t, from, to| (from..=to).contains(&local_date(t));
            let ftr = [(last_from, last_to), (this, today)].map(|(from, to)| {
                let rate = (
                    complaints
                        .iter()
                        .filter(|c| within(c.created_at, from, to))
                        .count(),
                    reports
                        .iter()
                        .filter(|r| within(r.completed_at, from, to))
                        .count(),
                );
                (
                    from,
                    to,
                    kpi::first_time_right_between(&work, from, to, now),
                    rate,
                )
            });
            let conflicts = s
                .conflicts()?
                .iter()
                .filter(|c| c.resolution.is_none())
                .count();
            let for_office = s
                .message_deliveries()?
                .iter()
                .filter(|d| matches!(d.status, DeliveryStatus::Office | DeliveryStatus::Failed))
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
                (
                    "/kantoor/signalen",
                    "Signalen",
                    "Signals",
                    records_of_type(s, "signal")?.len(),
                ),
                (
                    "/kantoor/werkbonnen",
                    "Werkbonnen",
                    "Job reports",
                    stored_reports.len(),
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
                (
                    "/kantoor/berichten",
                    "Berichten voor het kantoor",
                    "Messages for the office",
                    for_office,
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
                .map(|(from, to, f, (complaints, transactions))| {
                    let rate = complaint_rate_percent(
                        u32::try_from(*complaints).unwrap_or(u32::MAX),
                        u32::try_from(*transactions).unwrap_or(u32::MAX),
                    );
                    minijinja::context! {
                        period => format!("{} – {}", day(*from, lang), day(*to, lang)),
                        measured => f.measured, right => f.right, open => f.open,
                        percent => f.percent().map(|p| format!("{p:.1} %")).unwrap_or_else(|| "–".into()),
                        complaints => complaints, transactions => transactions,
                        rate => rate.map(|p| format!("{p:.2} %")).unwrap_or_else(|| "–".into()),
                        rate_over => rate.is_some_and(|p| p > MAX_COMPLAINT_RATE_PERCENT),
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
