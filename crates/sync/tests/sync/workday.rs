//! A technician's day in the replica, written through the store's own commands (the same
//! transactions the app's commands run): jobs of every kind the technician has, completed
//! (report, logbook entries, passport, sling, malfunction and order updates, signals, a
//! deviation request), logbook corrections, signals and complaints, a visit where nobody was
//! home (with the answers of a started job), a fault reported on site, and photos of several
//! sizes as blobs.

use super::common::Client;
use chrono::{DateTime, Duration, Utc};
use rand::{Rng, RngCore, SeedableRng};
use std::collections::BTreeMap;
use uuid::Uuid;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::*;
use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};
use veldwerk_core::model::*;
use veldwerk_core::sla::ResponseClass;
use veldwerk_store::Store;
use veldwerk_sync::client::Replica;
use veldwerk_sync::protocol::BlobRecord;

/// What a day produced.
#[derive(Clone, Debug, Default)]
pub struct Day {
    pub completed: Vec<(JobId, JobKind)>,
    pub photos: u32,
    pub blob_bytes: u64,
}

/// Planned jobs of the replica with what completing them touches.
struct Planned {
    job: Job,
    appointment: Appointment,
}

fn planned(s: &Store) -> Vec<Planned> {
    let conn = s.raw_connection();
    let mut stmt = conn
        .prepare(
            "SELECT j.id, a.id FROM jobs j JOIN appointments a ON a.id = j.appointment_id
             WHERE j.status = 'open' AND NOT EXISTS (SELECT 1 FROM job_drafts d WHERE d.job_id = j.id)
             ORDER BY a.starts_at, j.id",
        )
        .unwrap();
    let ids: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    ids.into_iter()
        .filter_map(|(j, _)| {
            let ctx = s.job_context(JobId::parse(&j).ok()?).ok()?;
            Some(Planned {
                job: ctx.job,
                appointment: ctx.appointment,
            })
        })
        .collect()
}

fn entry(
    job: &Job,
    device: DeviceId,
    kind: LogbookKind,
    summary: &str,
    at: DateTime<Utc>,
) -> NewLogbookEntry {
    NewLogbookEntry {
        id: LogbookEntryId::new_v7(),
        device_id: device,
        kind,
        occurred_at: at,
        recorded_at: at,
        author: "Monteur".into(),
        job_id: Some(job.id),
        summary: summary.into(),
        details_json: "{}".into(),
        corrects: None,
    }
}

/// The records completing `p` writes, by kind.
fn completion(s: &Store, p: &Planned, at: DateTime<Utc>, rng: &mut impl Rng) -> Completion {
    let job = &p.job;
    let day = veldwerk_core::sla::local_date(at);
    let mut answers = BTreeMap::new();
    answers.insert(
        "note".to_string(),
        Answer::Text {
            value: format!("Werk uitgevoerd ({:?})", job.kind),
        },
    );
    let mut c = Completion {
        report: JobReport {
            id: JobReportId::new_v7(),
            job_id: job.id,
            kind: job.kind,
            template_id: format!("{:?}", job.kind).to_lowercase(),
            template_version: 1,
            answers,
            started_at: at - Duration::minutes(40),
            completed_at: at,
            technician: "Monteur".into(),
            notices: vec![],
        },
        logbook: vec![],
        devices: vec![],
        slings: vec![],
        malfunction: None,
        orders: vec![],
        signals: vec![],
        deviation: None,
        documents: Vec::new(),
        notices: vec![],
    };
    let kind = match job.kind {
        JobKind::Fitting => LogbookKind::Fitting,
        JobKind::Delivery => LogbookKind::Delivery,
        JobKind::PreventiveMaintenance => LogbookKind::PreventiveMaintenance,
        JobKind::HoistInspection => LogbookKind::HoistInspection,
        JobKind::Repair => LogbookKind::Repair,
        JobKind::Adjustment => LogbookKind::Adjustment,
        JobKind::Replacement => LogbookKind::Replacement,
        JobKind::Collection => LogbookKind::Collection,
        JobKind::LoanDevice => LogbookKind::LoanPlaced,
    };
    if let Some(d) = job.device_id {
        c.logbook
            .push(entry(job, d, kind, &format!("{kind:?} afgerond"), at));
        let mut changes = DeviceChanges::default();
        match job.kind {
            JobKind::PreventiveMaintenance => {
                changes.last_preventive_maintenance_on = Some(day);
                changes.next_maintenance_due = Some(day + Duration::days(365));
            }
            JobKind::HoistInspection => {
                changes.next_inspection_due = Some(day + Duration::days(365));
                let slings = s.job_context(job.id).map(|x| x.slings).unwrap_or_default();
                for sl in slings {
                    c.logbook.push(entry(
                        job,
                        d,
                        LogbookKind::SlingInspection,
                        "Tilband gekeurd",
                        at,
                    ));
                    c.slings.push(SlingUpdate {
                        sling_id: sl.id,
                        status: if rng.random_bool(0.3) {
                            Some(SlingStatus::Withdrawn)
                        } else {
                            None
                        },
                        next_inspection_due: Some(day + Duration::days(365)),
                    });
                }
            }
            JobKind::Repair => changes.last_malfunction_on = Some(day),
            JobKind::Delivery => {
                changes.last_delivered_on = Some(day);
                changes.resident = Some(ResidentLink::Resident(p.appointment.resident_id));
            }
            _ => changes.catalogue_value_cents = Some(rng.random_range(50_000..500_000)),
        }
        c.devices.push(DeviceUpdate {
            device_id: d,
            changes,
        });
    }
    if let Some(m) = job.malfunction_id {
        c.malfunction = Some(MalfunctionUpdate {
            malfunction_id: m,
            arrived_at: Some(at - Duration::minutes(40)),
            resolved_at: Some(at),
            status: Some(MalfunctionStatus::Resolved),
            drive_related: Some(false),
        });
    }
    if let Some(o) = job.order_id {
        if job.kind == JobKind::Fitting {
            if let Ok(ctx) = s.job_context(job.id) {
                if let Some(order) = ctx.order {
                    c.deviation = Some(DeviationRequest {
                        id: DeviationRequestId::new_v7(),
                        order_id: o,
                        resident_id: order.resident_id,
                        job_id: job.id,
                        ordered: order.category,
                        proposed: veldwerk_core::Category::from_code("7").unwrap(),
                        motivation: "Zelf voortbewegen lukt niet meer.".into(),
                        requested_at: at,
                        status: DeviationStatus::Pending,
                    });
                }
            }
        } else {
            c.orders.push(OrderUpdate {
                order_id: o,
                status: OrderStatus::Completed,
            });
        }
    }
    if rng.random_bool(0.3) {
        c.signals.push(Signal {
            id: SignalId::new_v7(),
            resident_id: p.appointment.resident_id,
            device_id: job.device_id,
            job_id: Some(job.id),
            kind: SignalKind::ImproperUse,
            urgent: false,
            description: "Hulpmiddel wordt buiten gebruikt".into(),
            created_at: at,
            author: "Monteur".into(),
        });
    }
    c
}

/// Stores a photo of `size` random bytes and queues its record.
/// What a photo is of: the resident, and the device and job when it shows one.
pub type Of = (ResidentId, Option<DeviceId>, Option<JobId>);

pub fn photo(
    s: &mut Store,
    blobs: &veldwerk_store::blobs::BlobStore,
    (resident, device, job): Of,
    size: usize,
    at: DateTime<Utc>,
    rng: &mut impl RngCore,
) -> (Uuid, String) {
    let mut bytes = vec![0u8; size];
    rng.fill_bytes(&mut bytes);
    let sha = blobs.put(&bytes).unwrap();
    let rec = BlobRecord {
        id: Uuid::now_v7(),
        sha256: sha.to_string(),
        media_type: "image/jpeg".into(),
        size: size as u64,
        resident_id: resident,
        device_id: device,
        job_id: job,
        title: Some("Foto van de situatie".into()),
        created_at: at,
        author: "Monteur".into(),
    };
    let json = serde_json::to_string(&rec).unwrap();
    s.queue_record_with_blobs(
        &rec.id.to_string(),
        "photo",
        &json,
        &[(sha.clone(), size as u64)],
        Some(resident),
        at,
    )
    .unwrap();
    (rec.id, sha.to_string())
}

/// A day's work: up to `jobs` planned jobs completed (every kind the replica has first), then
/// the other records of a day. Returns what was done.
pub fn a_days_work(client: &Client, jobs: usize, photo_sizes: &[usize], seed: u64) -> Day {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let blobs = client.blobs.clone();
    let sizes = photo_sizes.to_vec();
    let start = (client.now)();
    client
        .replica
        .write(move |s| {
            let mut day = Day::default();
            // every kind first, then the rest in planned order
            let mut seen = std::collections::BTreeSet::new();
            let (mut todo, rest): (Vec<Planned>, Vec<Planned>) = planned(s)
                .into_iter()
                .partition(|p| seen.insert(format!("{:?}", p.job.kind)));
            todo.extend(rest);
            let mut at = start;
            let mut not_home_done = false;
            let mut malfunction_done = false;
            for p in todo.iter().take(jobs) {
                at += Duration::minutes(45);
                if !not_home_done
                    && p.job.kind == JobKind::PreventiveMaintenance
                    && day.completed.len() > 2
                {
                    // nobody home: the started job's answers go with the report
                    not_home_done = true;
                    s.start_draft(p.job.id, "pm", 1, at).unwrap();
                    s.save_answer(
                        p.job.id,
                        "note",
                        &Answer::Text {
                            value: "half".into(),
                        },
                        at,
                    )
                    .unwrap();
                    let r = NotHomeReport {
                        id: JobReportId::new_v7(),
                        appointment_id: p.appointment.id,
                        resident_id: p.appointment.resident_id,
                        jobs: vec![p.job.id],
                        reason: NotHomeReason::NotHome,
                        note: "Niemand thuis".into(),
                        proposal: None,
                        tell_resident_via: CommunicationPreference::Phone,
                        created_at: at,
                        author: "Monteur".into(),
                    };
                    s.record_not_home(&r).unwrap();
                    continue;
                }
                s.start_draft(p.job.id, "t", 1, at - Duration::minutes(40))
                    .unwrap();
                let c = completion(s, p, at, &mut rng);
                let entries = s.complete_job(&c).unwrap();
                day.completed.push((p.job.id, p.job.kind));
                if let Some(e) = entries.first() {
                    if rng.random_bool(0.5) {
                        s.append_correction(
                            LogbookEntryId::new_v7(),
                            e.id,
                            "Correctie: verkeerde datum genoteerd",
                            "{}",
                            "Monteur",
                            at + Duration::minutes(1),
                        )
                        .unwrap();
                    }
                }
                if !malfunction_done {
                    if let Some(d) = p.job.device_id {
                        let ctx = s.job_context(p.job.id).unwrap();
                        if let Some(dev) = ctx
                            .device
                            .filter(|d| d.resident_id == Some(p.appointment.resident_id))
                        {
                            if let Ok(r) = on_site_malfunction(
                                MalfunctionId::new_v7(),
                                JobId::new_v7(),
                                &p.appointment,
                                &dev,
                                ResponseClass::B,
                                "Rem slipt bij helling",
                                false,
                                at,
                                "Monteur",
                            ) {
                                let _ = d;
                                s.report_malfunction_on_site(&r).unwrap();
                                malfunction_done = true;
                            }
                        }
                    }
                }
                s.record_complaint(&Complaint {
                    id: ComplaintId::new_v7(),
                    resident_id: p.appointment.resident_id,
                    job_id: Some(p.job.id),
                    process: ComplaintProcess::Communication,
                    description: "Afspraak was niet doorgegeven".into(),
                    received_as: veldwerk_core::jobs::ComplaintChannel::Oral,
                    received_on: Some(veldwerk_core::sla::local_date(at)),
                    created_at: at,
                    author: "Monteur".into(),
                })
                .unwrap();
                if let Some(size) = sizes.get(day.photos as usize) {
                    photo(
                        s,
                        &blobs,
                        (p.appointment.resident_id, p.job.device_id, Some(p.job.id)),
                        *size,
                        at,
                        &mut rng,
                    );
                    day.photos += 1;
                    day.blob_bytes += *size as u64;
                }
            }
            // photos beyond the jobs
            let resident = todo.first().map(|p| p.appointment.resident_id);
            while let (Some(size), Some(r)) = (sizes.get(day.photos as usize), resident) {
                photo(s, &blobs, (r, None, None), *size, at, &mut rng);
                day.photos += 1;
                day.blob_bytes += *size as u64;
            }
            Ok(day)
        })
        .unwrap()
}
