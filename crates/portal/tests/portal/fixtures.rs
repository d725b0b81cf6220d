//! Records as the app makes them, and the technician's view built from pulled changes.

use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::{
    Complaint, ComplaintProcess, DeviceChanges, DeviceUpdate, Signal, SignalKind,
};
use veldwerk_core::logbook::{LogbookEntry, LogbookKind, NewLogbookEntry};
use veldwerk_core::model::*;
use veldwerk_sync::protocol::*;

/// A record to push: `v` as JSON under `id`, without blobs.
pub fn record(id: Uuid, record_type: &str, v: &impl serde::Serialize) -> PushRecord {
    PushRecord::new(id, record_type, serde_json::to_string(v).unwrap(), vec![]).unwrap()
}

/// What a technician holds after applying pulled changes in order.
#[derive(Default, Debug)]
pub struct View {
    pub entities: BTreeMap<(EntityKind, Uuid), (i64, String)>,
    pub removed_assignments: Vec<Uuid>,
}

impl View {
    pub fn apply(&mut self, changes: &[Change]) {
        for c in changes {
            match (c.op, &c.data) {
                (ChangeOp::Upsert, Some(d)) => {
                    self.entities
                        .insert((c.entity, c.id), (c.version, d.get().to_string()));
                }
                _ => {
                    if c.entity == EntityKind::AssignmentRemoved {
                        self.removed_assignments.push(c.id);
                    }
                    self.entities.remove(&(c.entity, c.id));
                }
            }
        }
    }

    pub fn of<T: serde::de::DeserializeOwned>(&self, kind: EntityKind) -> Vec<T> {
        self.entities
            .iter()
            .filter(|((k, _), _)| *k == kind)
            .map(|(_, (_, d))| serde_json::from_str(d).unwrap())
            .collect()
    }

    pub fn version(&self, kind: EntityKind, id: Uuid) -> Option<i64> {
        self.entities.get(&(kind, id)).map(|(v, _)| *v)
    }

    pub fn residents(&self) -> Vec<Resident> {
        self.of(EntityKind::Resident)
    }

    /// Devices with a resident.
    pub fn resident_devices(&self) -> Vec<Device> {
        self.of::<Device>(EntityKind::Device)
            .into_iter()
            .filter(|d| d.resident_id.is_some())
            .collect()
    }

    /// A device's logbook in chain order.
    pub fn logbook(&self, device: DeviceId) -> Vec<LogbookEntry> {
        let mut v: Vec<LogbookEntry> = self
            .of::<LogbookEntry>(EntityKind::LogbookEntry)
            .into_iter()
            .filter(|e| e.device_id == device)
            .collect();
        v.sort_by_key(|e| e.seq);
        v
    }
}

pub fn signal(resident: ResidentId, at: DateTime<Utc>, text: &str) -> (Signal, PushRecord) {
    let s = Signal {
        id: SignalId::new_v7(),
        resident_id: resident,
        device_id: None,
        job_id: None,
        kind: SignalKind::ImproperUse,
        urgent: false,
        description: text.into(),
        created_at: at,
        author: "Monteur".into(),
    };
    let r = record(s.id.0, "signal", &s);
    (s, r)
}

pub fn complaint(resident: ResidentId, at: DateTime<Utc>, text: &str) -> PushRecord {
    complaint_received(resident, at, text, None)
}

/// A complaint received in writing on `received_on` (or orally that day, when None).
pub fn complaint_received(
    resident: ResidentId,
    at: DateTime<Utc>,
    text: &str,
    received_on: Option<chrono::NaiveDate>,
) -> PushRecord {
    let c = Complaint {
        id: ComplaintId::new_v7(),
        resident_id: resident,
        job_id: None,
        process: ComplaintProcess::Communication,
        description: text.into(),
        received_as: if received_on.is_some() {
            veldwerk_core::jobs::ComplaintChannel::Written
        } else {
            Default::default()
        },
        received_on,
        created_at: at,
        author: "Monteur".into(),
    };
    record(c.id.0, "complaint", &c)
}

/// The next entry of a device's chain after `prev`.
pub fn entry_after(
    device: DeviceId,
    prev: Option<&LogbookEntry>,
    at: DateTime<Utc>,
    text: &str,
) -> LogbookEntry {
    NewLogbookEntry {
        id: LogbookEntryId::new_v7(),
        device_id: device,
        kind: LogbookKind::Note,
        occurred_at: at,
        recorded_at: at,
        author: "Monteur".into(),
        job_id: None,
        summary: text.into(),
        details_json: "{}".into(),
        corrects: None,
    }
    .chain_after(prev.map(|p| (p.seq, p.hash.as_str())))
}

pub fn logbook_record(e: &LogbookEntry) -> PushRecord {
    record(e.id.0, "logbook_entry", e)
}

/// A device update as the store's outbox has it, with a base version.
pub fn device_update(device: DeviceId, base: Option<i64>, changes: DeviceChanges) -> PushRecord {
    let u = MasterUpdate {
        id: Uuid::now_v7(),
        job_id: JobId::new_v7(),
        base_version: base,
        update: DeviceUpdate {
            device_id: device,
            changes,
        },
    };
    record(u.id, "device_update", &u)
}

/// A photo's metadata record for a blob.
pub fn photo(resident: ResidentId, sha: &str, size: u64, at: DateTime<Utc>) -> PushRecord {
    let b = BlobRecord {
        id: Uuid::now_v7(),
        sha256: sha.into(),
        media_type: "image/jpeg".into(),
        size,
        resident_id: resident,
        device_id: None,
        job_id: None,
        title: Some("Schade aan de armleuning".into()),
        created_at: at,
        author: "Monteur".into(),
    };
    PushRecord::new(
        b.id,
        "photo",
        serde_json::to_string(&b).unwrap(),
        vec![sha.into()],
    )
    .unwrap()
}

/// Residents assigned to exactly one of two technicians, per the portal's assignments.
pub fn only_of(
    assignments: &[(ResidentId, TechnicianId)],
    t: TechnicianId,
    other: TechnicianId,
) -> Vec<ResidentId> {
    let mut by: HashMap<ResidentId, Vec<TechnicianId>> = HashMap::new();
    for (r, x) in assignments {
        by.entry(*r).or_default().push(*x);
    }
    let mut v: Vec<ResidentId> = by
        .into_iter()
        .filter(|(_, ts)| ts.contains(&t) && !ts.contains(&other))
        .map(|(r, _)| r)
        .collect();
    v.sort();
    v
}

/// A pending deviation request for an order one of the technician's visits works on.
pub fn deviation_request(
    view: &View,
    at: DateTime<Utc>,
) -> (veldwerk_core::jobs::DeviationRequest, PushRecord) {
    use veldwerk_core::jobs::{DeviationRequest, DeviationStatus};
    let orders: Vec<Order> = view.of(EntityKind::Order);
    let visits: Vec<AppointmentWithJobs> = view.of(EntityKind::Appointment);
    let (order, job) = visits
        .iter()
        .flat_map(|a| a.jobs.iter())
        .find_map(|j| {
            let o = orders.iter().find(|o| Some(o.id) == j.order_id)?;
            Some((o.clone(), j.clone()))
        })
        .expect("a job for an order");
    let d = DeviationRequest {
        id: DeviationRequestId::new_v7(),
        order_id: order.id,
        resident_id: order.resident_id,
        job_id: job.id,
        ordered: order.category,
        proposed: veldwerk_core::Category::from_code("7").unwrap(),
        motivation: "Zelf voortbewegen lukt niet meer; elektrisch is nodig.".into(),
        requested_at: at,
        status: DeviationStatus::Pending,
    };
    let rec = record(d.id.0, "deviation_request", &d);
    (d, rec)
}

/// A case manager's plan for `resident`, made at [`crate::common::morning`].
pub fn work_plan(
    resident: ResidentId,
    specification: &str,
) -> (veldwerk_core::plans::WorkPlan, PushRecord) {
    let plan = veldwerk_core::plans::WorkPlan {
        id: WorkPlanId::new_v7(),
        resident_id: resident,
        order_id: None,
        specification: specification.into(),
        timeline: "Proefzit 16 maart, levering 30 maart".into(),
        evaluate_on: chrono::NaiveDate::from_ymd_opt(2026, 4, 20).unwrap(),
        created_at: crate::common::morning(),
        author: "Casemanager".into(),
    };
    let rec = record(plan.id.0, "work_plan", &plan);
    (plan, rec)
}

/// The resident's consent to `plan`, an hour after it was made.
pub fn plan_consent(plan: &veldwerk_core::plans::WorkPlan, text: &str) -> PushRecord {
    use veldwerk_core::plans::{PlanUpdate, PlanUpdateKind};
    let u = PlanUpdate {
        id: PlanUpdateId::new_v7(),
        plan_id: plan.id,
        resident_id: plan.resident_id,
        kind: PlanUpdateKind::Consent,
        text: text.into(),
        created_at: plan.created_at + chrono::Duration::hours(1),
        author: "Casemanager".into(),
    };
    record(u.id.0, "plan_update", &u)
}
