//! Records for the job tests, around the seeded repair of Anna's hoist.

use super::*;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;
use veldwerk_core::jobs::*;
use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};

pub fn t(h: u32, m: u32) -> DateTime<Utc> {
    local(2026, 3, 30, h, m)
}

pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 30).unwrap()
}

pub fn job(n: u128) -> JobId {
    JobId(id(n))
}

pub fn text(v: &str) -> Answer {
    Answer::Text { value: v.into() }
}

pub fn signal(n: u128, job: Option<JobId>) -> Signal {
    Signal {
        id: SignalId(id(n)),
        resident_id: ResidentId(id(ANNA)),
        device_id: Some(DeviceId(id(HOIST))),
        job_id: job,
        kind: SignalKind::UnsafeSituation,
        urgent: true,
        description: "Losse drempel bij de badkamer".into(),
        created_at: t(11, 0),
        author: "Monteur Een".into(),
    }
}

pub fn log_entry(n: u128, device: u128, kind: LogbookKind, summary: &str) -> NewLogbookEntry {
    NewLogbookEntry {
        id: LogbookEntryId(id(n)),
        device_id: DeviceId(id(device)),
        kind,
        occurred_at: t(11, 0),
        recorded_at: t(11, 1),
        author: "Monteur Een".into(),
        job_id: Some(job(REPAIR_JOB)),
        summary: summary.into(),
        details_json: r#"{"parts":[{"number":"M-1","quantity":1}]}"#.into(),
        corrects: None,
    }
}

/// The repair of the hoist: report, two logbook entries, two device updates (the hoist and
/// a loan scooter placed with Anna), a sling withdrawn, the malfunction resolved, a signal.
/// Eight records.
pub fn repair_completion() -> Completion {
    let mut answers = BTreeMap::new();
    answers.insert("repair.cause".to_string(), text("Motor defect"));
    answers.insert("repair.works".to_string(), Answer::YesNo { value: true });
    Completion {
        report: JobReport {
            id: JobReportId(id(20_001)),
            job_id: job(REPAIR_JOB),
            kind: JobKind::Repair,
            template_id: "repair".into(),
            template_version: 1,
            answers,
            started_at: t(10, 5),
            completed_at: t(11, 2),
            technician: "Monteur Een".into(),
            notices: vec![],
        },
        logbook: vec![
            log_entry(21_001, HOIST, LogbookKind::Repair, "Motor vervangen"),
            log_entry(
                21_002,
                HOIST,
                LogbookKind::SlingInspection,
                "Tilband afgekeurd",
            ),
        ],
        devices: vec![
            DeviceUpdate {
                device_id: DeviceId(id(HOIST)),
                changes: DeviceChanges {
                    last_malfunction_on: Some(day()),
                    next_inspection_due: NaiveDate::from_ymd_opt(2027, 3, 30),
                    ..Default::default()
                },
            },
            DeviceUpdate {
                device_id: DeviceId(id(SCOOTER)),
                changes: DeviceChanges {
                    status: Some(DeviceStatus::OnLoan),
                    resident: Some(ResidentLink::Resident(ResidentId(id(ANNA)))),
                    ..Default::default()
                },
            },
        ],
        slings: vec![SlingUpdate {
            sling_id: SlingId(id(3000)),
            status: Some(SlingStatus::Withdrawn),
            next_inspection_due: None,
        }],
        malfunction: Some(MalfunctionUpdate {
            malfunction_id: MalfunctionId(id(MALF)),
            arrived_at: Some(t(10, 5)),
            resolved_at: Some(t(11, 0)),
            status: Some(MalfunctionStatus::Resolved),
            drive_related: Some(true),
        }),
        orders: vec![],
        signals: vec![signal(22_001, Some(job(REPAIR_JOB)))],
        deviation: None,
        documents: Vec::new(),
        notices: vec![],
    }
}
