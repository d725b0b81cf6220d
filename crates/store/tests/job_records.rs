//! The records a visit produces besides the report: deviation requests, not-home reports,
//! signals, complaints and logbook corrections.

mod common;
use common::*;
use std::collections::BTreeMap;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::*;
use veldwerk_core::logbook::LogbookKind;
use veldwerk_core::model::*;
use veldwerk_core::Category;
use veldwerk_store::{Store, StoreError};

#[test]
fn a_deviation_request_blocks_the_delivery_until_answered() {
    let (_f, mut s) = store_with_jobs();
    let fitting = job(FITTING_JOB);
    s.start_draft(fitting, "fitting", 1, t(13, 0)).unwrap();
    let request = DeviationRequest {
        id: DeviationRequestId(id(23_001)),
        order_id: OrderId(id(ORDER)),
        resident_id: ResidentId(id(ANNA)),
        job_id: fitting,
        ordered: Category::C3,
        proposed: Category::C2,
        motivation: "Kan niet zelfstandig rijden; kantelverstelling nodig".into(),
        requested_at: t(13, 50),
        status: DeviationStatus::Pending,
    };
    let c = Completion {
        report: JobReport {
            id: JobReportId(id(20_020)),
            job_id: fitting,
            kind: JobKind::Fitting,
            template_id: "fitting".into(),
            template_version: 1,
            answers: BTreeMap::from([(
                "fitting.category".to_string(),
                Answer::Category {
                    value: Category::C2,
                },
            )]),
            started_at: t(13, 0),
            completed_at: t(13, 50),
            technician: "Monteur Een".into(),
            notices: vec![],
        },
        logbook: vec![],
        devices: vec![],
        slings: vec![],
        malfunction: None,
        orders: vec![OrderUpdate {
            order_id: OrderId(id(ORDER)),
            status: OrderStatus::Open,
        }],
        signals: vec![],
        deviation: Some(request.clone()),
        documents: Vec::new(),
        notices: vec![],
    };
    s.complete_job(&c).unwrap();
    assert_eq!(
        s.deviation_of_order(OrderId(id(ORDER))).unwrap(),
        Some(request.clone())
    );
    // the delivery of the same order sees it, in its context and on Today
    let ctx = s.job_context(job(DELIVERY_JOB)).unwrap();
    assert_eq!(ctx.deviation, Some(request.clone()));
    let card = |s: &Store| {
        s.today(TechnicianId(id(TECH)), day(), &cal())
            .unwrap()
            .appointments
            .into_iter()
            .flat_map(|a| a.jobs)
            .find(|c| c.id == job(DELIVERY_JOB))
            .unwrap()
    };
    assert_eq!(card(&s).deviation, Some(DeviationStatus::Pending));
    let types: Vec<String> = s
        .outbox_page(0, 10)
        .unwrap()
        .into_iter()
        .map(|e| e.record_type)
        .collect();
    assert_eq!(types, ["job_report", "order_update", "deviation_request"]);
    // the portal's answer changes the status, and nothing else can change
    let w = s.write().unwrap();
    w.set_deviation_status(request.id, DeviationStatus::Approved)
        .unwrap();
    w.commit().unwrap();
    assert_eq!(card(&s).deviation, Some(DeviationStatus::Approved));
    let c = s.raw_connection();
    let e = c
        .execute("UPDATE deviation_requests SET motivation = 'x'", [])
        .unwrap_err();
    assert!(e.to_string().contains("only the status"), "{e}");
    let e = c.execute("DELETE FROM deviation_requests", []).unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
}

#[test]
fn a_visit_that_cannot_go_ahead_closes_its_jobs() {
    let (_f, mut s) = store_with_jobs();
    let m = job(MAINTENANCE_JOB);
    s.start_draft(m, "pm", 1, t(13, 5)).unwrap();
    s.save_answer(m, "pm.tyres", &text("Goed"), t(13, 6))
        .unwrap();
    let r = NotHomeReport {
        id: JobReportId(id(24_001)),
        appointment_id: AppointmentId(id(VISIT)),
        resident_id: ResidentId(id(ANNA)),
        jobs: vec![m, job(DELIVERY_JOB), job(FITTING_JOB)],
        reason: NotHomeReason::CannotProceed,
        note: "Verkeerde accu meegenomen".into(),
        proposal: Some(TimeWindow::new(local(2026, 4, 2, 9, 0), local(2026, 4, 2, 11, 0)).unwrap()),
        tell_resident_via: CommunicationPreference::Phone,
        created_at: t(13, 20),
        author: "Monteur Een".into(),
    };
    assert_eq!(s.not_home_report_of(m).unwrap(), None);
    s.record_not_home(&r).unwrap();
    // another visit's job has no report of this one
    assert_eq!(s.not_home_report_of(job(REPAIR_JOB)).unwrap(), None);
    for j in [m, job(DELIVERY_JOB), job(FITTING_JOB)] {
        assert_eq!(
            s.not_home_report_of(j).unwrap().as_ref(),
            Some(&r),
            "the job says why"
        );
        let ctx = s.job_context(j).unwrap();
        assert_eq!(ctx.job.status, JobStatus::CannotProceed);
        assert_eq!(ctx.appointment.status, AppointmentStatus::NotHome);
        assert_eq!(s.draft(j).unwrap().unwrap().state, JobState::CannotProceed);
    }
    assert_eq!(s.draft(m).unwrap().unwrap().answers.len(), 1, "kept");
    // the answers entered before travel to the portal too: nothing entered is lost
    assert_eq!(s.outbox_len().unwrap(), 2);
    let page = s.outbox_page(0, 10).unwrap();
    let closed = page
        .iter()
        .find(|e| e.record_type == "closed_draft")
        .expect("the closed draft's answers are queued");
    let payload: serde_json::Value = serde_json::from_str(&closed.payload_json).unwrap();
    assert_eq!(payload["job_id"], m.to_string());
    assert_eq!(payload["answers"]["pm.tyres"]["value"], "Goed");
    let e = page
        .iter()
        .find(|e| e.record_type == "not_home_report")
        .unwrap();
    let back: NotHomeReport = serde_json::from_str(&e.payload_json).unwrap();
    assert_eq!(back, r);
    // the same report again is one report; another under its id is refused
    let before = digest(&s);
    s.record_not_home(&r).unwrap();
    let mut other = r.clone();
    other.note = "Anders".into();
    assert!(matches!(
        s.record_not_home(&other),
        Err(StoreError::RecordConflict { .. })
    ));
    // the closed jobs take nothing more
    assert!(matches!(
        s.save_answer(m, "pm.tyres", &text("Slecht"), t(14, 0)),
        Err(StoreError::JobClosed)
    ));
    let mut again = r.clone();
    again.id = JobReportId(id(24_002));
    assert!(matches!(
        s.record_not_home(&again),
        Err(StoreError::JobClosed)
    ));
    assert_eq!(before, digest(&s));
}

#[test]
fn not_home_on_a_visit_with_a_completed_job_leaves_it_done() {
    let (_f, mut s) = store_with_jobs();
    s.start_draft(job(REPAIR_JOB), "repair", 1, t(10, 5))
        .unwrap();
    s.complete_job(&repair_completion()).unwrap();
    let r = NotHomeReport {
        id: JobReportId(id(24_010)),
        appointment_id: AppointmentId(id(VISIT_REPAIR)),
        resident_id: ResidentId(id(ANNA)),
        jobs: vec![job(REPAIR_JOB)],
        reason: NotHomeReason::NotHome,
        note: String::new(),
        proposal: None,
        tell_resident_via: CommunicationPreference::Phone,
        created_at: t(12, 0),
        author: "Monteur Een".into(),
    };
    let before = digest(&s);
    assert!(matches!(
        s.record_not_home(&r),
        Err(StoreError::AlreadyCompleted)
    ));
    // a job of another visit is refused
    let r2 = NotHomeReport {
        appointment_id: AppointmentId(id(VISIT)),
        ..r
    };
    assert!(matches!(
        s.record_not_home(&r2),
        Err(StoreError::NotFound { kind: "job" })
    ));
    assert_eq!(before, digest(&s));
}

#[test]
fn signals_and_complaints_are_recorded_once() {
    let (_f, mut s) = store_with_jobs();
    let sig = signal(22_100, None);
    s.record_signal(&sig).unwrap();
    s.record_signal(&sig).unwrap();
    assert_eq!(
        s.signals_of_resident(ResidentId(id(ANNA))).unwrap(),
        vec![sig.clone()]
    );
    assert_eq!(s.outbox_len().unwrap(), 1);
    let before = digest(&s);
    let mut changed = sig.clone();
    changed.urgent = false;
    let e = s.record_signal(&changed).unwrap_err();
    assert_eq!(e.code(), "recorded_differently");
    let mut stranger = signal(22_101, None);
    stranger.resident_id = ResidentId(id(999));
    assert!(matches!(
        s.record_signal(&stranger),
        Err(StoreError::NotFound { kind: "resident" })
    ));
    let mut empty = signal(22_102, None);
    empty.description = "  ".into();
    assert!(matches!(
        s.record_signal(&empty),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(before, digest(&s));

    let complaint = Complaint {
        id: ComplaintId(id(25_001)),
        resident_id: ResidentId(id(PIET)),
        job_id: None,
        process: ComplaintProcess::Communication,
        description: "Niet teruggebeld".into(),
        received_as: ComplaintChannel::Written,
        received_on: Some(chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap()),
        // sub-millisecond precision is not kept; the same complaint is still the same
        created_at: t(9, 0) + chrono::Duration::nanoseconds(1234),
        author: "Monteur Een".into(),
    };
    s.record_complaint(&complaint).unwrap();
    s.record_complaint(&complaint).unwrap();
    assert_eq!(s.outbox_len().unwrap(), 2);
    assert_eq!(rows_in(&s, "complaints"), 1);
    let mut changed = complaint.clone();
    changed.process = ComplaintProcess::Delivery;
    assert!(matches!(
        s.record_complaint(&changed),
        Err(StoreError::RecordConflict { .. })
    ));
    // one recorded at 00:30 in Amsterdam without a written day was received that local day,
    // not the UTC day before (the resident page shows the store's day)
    let oral = Complaint {
        id: ComplaintId(id(25_002)),
        received_as: ComplaintChannel::Oral,
        received_on: None,
        created_at: "2026-03-29T22:30:00Z".parse().unwrap(),
        ..complaint.clone()
    };
    s.record_complaint(&oral).unwrap();
    let cal = veldwerk_core::WorkingDayCalendar::dutch_legal();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    let view = s.resident(ResidentId(id(PIET)), day, &cal).unwrap();
    let card = view
        .complaints
        .iter()
        .find(|c| c.complaint.id == oral.id)
        .unwrap();
    assert_eq!(card.received_on, day);
    let e = s
        .raw_connection()
        .execute("DELETE FROM complaints", [])
        .unwrap_err();
    assert!(e.to_string().contains("append-only"));
}

#[test]
fn a_correction_is_a_new_entry_on_the_chain() {
    let (_f, mut s) = store_with_jobs();
    let chair = DeviceId(id(CHAIR));
    let original = s.logbook(chair).unwrap()[1].clone();
    let correction_id = LogbookEntryId::new_v7();
    let c = s
        .append_correction(
            correction_id,
            original.id,
            "Geleverd op 3 juni, niet op 2 juni",
            r#"{"delivered_on":"2022-06-03"}"#,
            "Monteur Een",
            t(15, 0),
        )
        .unwrap();
    assert_eq!(c.id, correction_id);
    assert_eq!(c.corrects, Some(original.id));
    assert_eq!(c.kind, LogbookKind::Correction);
    assert_eq!(c.device_id, chair);
    assert_eq!(c.seq, 4);
    assert_eq!(
        uuid::Uuid::parse_str(&c.id.to_string())
            .unwrap()
            .get_version_num(),
        7
    );
    let chain = s.logbook(chair).unwrap();
    assert_eq!(chain[1], original, "the corrected entry stays as it was");
    assert_eq!(chain[3], c);
    assert_eq!(s.verify_logbook(chair).unwrap(), None);
    let out = s.outbox_page(0, 10).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].record_type, "logbook_entry");
    assert_eq!(out[0].record_id, c.id.to_string());
    let before = digest(&s);
    assert!(matches!(
        s.append_correction(
            LogbookEntryId::new_v7(),
            LogbookEntryId(id(1)),
            "x",
            "{}",
            "Monteur Een",
            t(15, 1)
        ),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(before, digest(&s));
    // a retried request (same id) returns the stored correction and records nothing
    let again = s
        .append_correction(
            correction_id,
            original.id,
            "Geleverd op 3 juni, niet op 2 juni",
            r#"{"delivered_on":"2022-06-03"}"#,
            "Monteur Een",
            t(15, 2),
        )
        .unwrap();
    assert_eq!(again, c);
    assert_eq!(
        before,
        digest(&s),
        "a retried correction was recorded twice"
    );
    // an id that names another entry is refused, not reused
    let other = s.logbook(chair).unwrap()[0].id;
    assert!(matches!(
        s.append_correction(other, original.id, "x", "{}", "Monteur Een", t(15, 3)),
        Err(StoreError::RecordConflict { .. })
    ));
    assert_eq!(before, digest(&s));
}

#[test]
fn a_fault_reported_on_site_becomes_a_repair_job_in_the_visit() {
    let (_f, mut s) = store_with_jobs();
    let ctx = s.job_context(job(REPAIR_JOB)).unwrap();
    let chair = s
        .device_with_registration("WMO-0200-000123")
        .unwrap()
        .unwrap();
    let outbox = s.outbox_len().unwrap();
    let report = on_site_malfunction(
        MalfunctionId::new_v7(),
        JobId::new_v7(),
        &ctx.appointment,
        &chair,
        veldwerk_core::sla::ResponseClass::B,
        "Rem houdt niet meer",
        true,
        t(10, 20),
        "Monteur Een",
    )
    .unwrap();
    assert!(
        !report.malfunction.drive_related,
        "a manual wheelchair has no drive"
    );
    let entry = s
        .report_malfunction_on_site(&report)
        .unwrap()
        .expect("written");
    assert_eq!(entry.kind, LogbookKind::MalfunctionReported);
    assert_eq!(s.verify_logbook(chair.id).unwrap(), None);
    // the new repair job is part of the visit, with its class and deadlines
    let day = ctx.job_day;
    let today = s.today(ctx.appointment.technician_id, day, &cal()).unwrap();
    let visit = today
        .appointments
        .iter()
        .find(|a| a.id == ctx.appointment.id)
        .unwrap();
    let repair = visit
        .jobs
        .iter()
        .find(|j| j.id == report.job.id)
        .expect("new job");
    assert_eq!(repair.kind, JobKind::Repair);
    let card = repair.repair.as_ref().unwrap();
    assert_eq!(card.deadlines.on_site_by, Some(t(13, 20)));
    assert_eq!(s.outbox_len().unwrap(), outbox + 2);
    let ctx2 = s.job_context(report.job.id).unwrap();
    assert_eq!(ctx2.malfunction.unwrap().id, report.malfunction.id);
    // the same report again changes nothing
    let before = digest(&s);
    assert!(s.report_malfunction_on_site(&report).unwrap().is_none());
    assert_eq!(before, digest(&s));
    // a device of someone else is refused, and nothing is written
    let scooter = s
        .device_with_registration("WMO-0200-000789")
        .unwrap()
        .unwrap();
    assert!(on_site_malfunction(
        MalfunctionId::new_v7(),
        JobId::new_v7(),
        &ctx.appointment,
        &scooter,
        veldwerk_core::sla::ResponseClass::A,
        "x",
        false,
        t(10, 30),
        "Monteur Een"
    )
    .is_err());
    let mut forged = on_site_malfunction(
        MalfunctionId::new_v7(),
        JobId::new_v7(),
        &ctx.appointment,
        &chair,
        veldwerk_core::sla::ResponseClass::A,
        "x",
        false,
        t(10, 30),
        "Monteur Een",
    )
    .unwrap();
    forged.malfunction.device_id = scooter.id;
    forged.job.device_id = Some(scooter.id);
    assert!(s.report_malfunction_on_site(&forged).is_err());
    assert_eq!(before, digest(&s));
}
