use super::common::*;
use crate::domain::kpi;
use crate::office::format::{day, Lang};
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::{DeliveryStatus, EntityFilter, PortalStore, Result};
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use veldwerk_core::ids::JobId;
use veldwerk_core::jobs::{Complaint, JobReport};
use veldwerk_core::jobs::{DeviationRequest, DeviationStatus};
use veldwerk_core::kpi::{complaint_rate_percent, MAX_COMPLAINT_RATE_PERCENT};
use veldwerk_core::model::{Malfunction, MalfunctionStatus};
use veldwerk_core::sla::local_date;
use veldwerk_sync::protocol::{AppointmentWithJobs, EntityKind};

/// The contract's measured outcomes for `whose` residents, the last quarter and this one so
/// far: first time right (KPI 6.4) and complaints per transaction (KPI 5.3, complaints
/// received in the quarter, by the day received, against the jobs completed in it), from
/// `reports`, every job report the portal holds.
pub fn quarter_rows(
    s: &dyn PortalStore,
    lang: Lang,
    now: DateTime<Utc>,
    whose: &Residents,
    mut reports: Vec<JobReport>,
) -> Result<Vec<minijinja::Value>> {
    let visits: Vec<AppointmentWithJobs> = s
        .entities(EntityKind::Appointment, EntityFilter::All)?
        .iter()
        .filter_map(|e| e.decode::<AppointmentWithJobs>().ok())
        .filter(|v| whose.keeps(v.appointment.resident_id))
        .collect();
    // a report counts for a municipality when its job visits one of its residents
    if whose.count().is_some() {
        let jobs: HashSet<JobId> = kpi::jobs_of(&visits).map(|j| j.id).collect();
        reports.retain(|r| jobs.contains(&r.job_id));
    }
    let work = kpi::done_work(kpi::jobs_of(&visits), &reports);
    let mut complaints: Vec<Complaint> = decoded(&records_of_type(s, "complaint")?);
    complaints.retain(|c| whose.keeps(c.resident_id));
    let today = local_date(now);
    let this = kpi::quarter_start(today);
    let (last_from, last_to) = kpi::previous_quarter(this);
    let within = |t, from, to| (from..=to).contains(&local_date(t));
    Ok([(last_from, last_to), (this, today)]
        .iter()
        .map(|&(from, to)| {
            let f = kpi::first_time_right_between(&work, from, to, now);
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            let complaints = count(
                complaints
                    .iter()
                    // by the day it was received (a letter may be recorded days later)
                    .filter(|c| (from..=to).contains(&c.received_day()))
                    .count(),
            );
            let transactions = count(
                reports
                    .iter()
                    .filter(|r| within(r.completed_at, from, to))
                    .count(),
            );
            let rate = complaint_rate_percent(complaints, transactions);
            minijinja::context! {
                period => format!("{} – {}", day(from, lang), day(to, lang)),
                measured => f.measured, right => f.right, open => f.open,
                percent => f.percent().map(|p| format!("{p:.1} %")).unwrap_or_else(|| "–".into()),
                complaints => complaints, transactions => transactions,
                rate => rate.map(|p| format!("{p:.2} %")).unwrap_or_else(|| "–".into()),
                rate_over => rate.is_some_and(|p| p > MAX_COMPLAINT_RATE_PERCENT),
            }
        })
        .collect())
}

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let (now, lang) = (o.now, o.lang);
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
            let reports: Vec<JobReport> = decoded(&records_of_type(s, "job_report")?);
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
                    reports.len(),
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
            let all = Residents::all(s)?;
            Ok((cards, quarter_rows(s, lang, now, &all, reports)?))
        })
        .await;
    match counts {
        Ok((cards, ftr)) => page(
            &state,
            &o,
            "dashboard.html",
            minijinja::context! {
                cards => cards, ftr => ftr, section => "",
                ftr_days => veldwerk_core::contract::current().first_time_right_days,
            },
        ),
        Err(e) => failure(o.lang, e),
    }
}
