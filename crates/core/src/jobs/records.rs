//! Records a visit produces besides the logbook: signals for the municipality, complaints
//! heard on site, category-deviation requests, and the report of a visit that could not go
//! ahead. All are immutable, client-identified (UUIDv7) records that sync to the portal.

pub use crate::model::{signal_kind_name, SignalKind};

use crate::ids::*;
use crate::model::{CommunicationPreference, TimeWindow};
use crate::Category;
use crate::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A record a client makes and identifies itself (a UUIDv7 made once per dialog), so that a
/// retried request carries the same id. Sent again with the same content it is the same
/// record (the stored one is the answer); under the same id with other content it is refused
/// (`recorded_differently`), and the first stays as it was. The store applies this one rule
/// to every such record.
pub trait ClientRecord {
    /// Whether `stored` is this record: equal in everything the technician entered. What the
    /// app stamps on each attempt (the moment, the author) does not count.
    fn same_as(&self, stored: &Self) -> bool;
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Signal {
    pub id: SignalId,
    pub resident_id: ResidentId,
    pub device_id: Option<DeviceId>,
    pub job_id: Option<JobId>,
    pub kind: SignalKind,
    pub urgent: bool,
    pub description: String,
    pub created_at: DateTime<Utc>,
    pub author: String,
}

impl ClientRecord for Signal {
    fn same_as(&self, s: &Self) -> bool {
        self.id == s.id
            && self.resident_id == s.resident_id
            && self.device_id == s.device_id
            && self.job_id == s.job_id
            && self.kind == s.kind
            && self.urgent == s.urgent
            && self.description == s.description
    }
}

/// The longest description of a signal or complaint, in characters.
pub const MAX_RECORD_TEXT: usize = 2000;

/// A signal as the technician enters it (quick entry, from anywhere in a visit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSignal {
    pub id: SignalId,
    pub resident_id: ResidentId,
    pub device_id: Option<DeviceId>,
    pub job_id: Option<JobId>,
    pub kind: SignalKind,
    pub urgent: bool,
    pub description: String,
}

impl NewSignal {
    /// The signal recorded at `now` by `author`: the description is required (at most
    /// [`MAX_RECORD_TEXT`] characters, trimmed); a threat to safety or an unsafe situation is
    /// urgent whatever was marked.
    pub fn record(
        self,
        now: DateTime<Utc>,
        author: &str,
    ) -> Result<Signal, crate::ValidationError> {
        crate::validation::required("description", &self.description, MAX_RECORD_TEXT)?;
        Ok(Signal {
            id: self.id,
            resident_id: self.resident_id,
            device_id: self.device_id,
            job_id: self.job_id,
            kind: self.kind,
            urgent: self.urgent || self.kind.always_urgent(),
            description: self.description.trim().to_string(),
            created_at: now,
            author: author.to_string(),
        })
    }
}

/// The process a complaint is about (PvE 9.1.5: complaints by process).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintProcess {
    Delivery,
    Fitting,
    MalfunctionAndMaintenance,
    Service,
    Aftercare,
    Communication,
    StaffAttitude,
    Reachability,
}

impl ComplaintProcess {
    pub const ALL: [ComplaintProcess; 8] = [
        ComplaintProcess::Delivery,
        ComplaintProcess::Fitting,
        ComplaintProcess::MalfunctionAndMaintenance,
        ComplaintProcess::Service,
        ComplaintProcess::Aftercare,
        ComplaintProcess::Communication,
        ComplaintProcess::StaffAttitude,
        ComplaintProcess::Reachability,
    ];

    /// The process in words (the office view and documents; the app's screens have their own
    /// dictionary entries with the same words).
    pub fn name(self) -> Localized {
        let (nl, en) = match self {
            ComplaintProcess::Delivery => ("Levering", "Delivery"),
            ComplaintProcess::Fitting => ("Passing", "Fitting"),
            ComplaintProcess::MalfunctionAndMaintenance => {
                ("Storing en onderhoud", "Malfunction and maintenance")
            }
            ComplaintProcess::Service => ("Service", "Service"),
            ComplaintProcess::Aftercare => ("Nazorg", "Aftercare"),
            ComplaintProcess::Communication => ("Communicatie", "Communication"),
            ComplaintProcess::StaffAttitude => ("Houding van medewerkers", "Staff attitude"),
            ComplaintProcess::Reachability => ("Bereikbaarheid", "Reachability"),
        };
        Localized::new(nl, en)
    }
}

/// How a complaint came in (PvE 5.1.4: orally or in writing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintChannel {
    /// Told to the technician (or by phone).
    #[default]
    Oral,
    /// A letter, e-mail or form, handed over or sent.
    Written,
}

impl ComplaintChannel {
    pub const ALL: [ComplaintChannel; 2] = [ComplaintChannel::Oral, ComplaintChannel::Written];

    pub fn name(self) -> Localized {
        match self {
            ComplaintChannel::Oral => Localized::new("mondeling", "orally"),
            ComplaintChannel::Written => Localized::new("schriftelijk", "in writing"),
        }
    }
}

/// A written complaint may have been received some days before it is recorded (a letter
/// handed over on the visit); not longer ago than this.
pub const MAX_COMPLAINT_AGE_DAYS: i64 = 31;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Complaint {
    pub id: ComplaintId,
    pub resident_id: ResidentId,
    pub job_id: Option<JobId>,
    pub process: ComplaintProcess,
    pub description: String,
    /// Orally or in writing (records from before this was asked: oral).
    #[serde(default)]
    pub received_as: ComplaintChannel,
    /// The local day it was received; the day it was recorded when not given.
    #[serde(default)]
    pub received_on: Option<chrono::NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub author: String,
}

impl Complaint {
    /// The local day the complaint was received (its handling deadline counts from it).
    pub fn received_day(&self) -> chrono::NaiveDate {
        self.received_on
            .unwrap_or_else(|| crate::sla::local_date(self.created_at))
    }

    /// Handled, with the outcome told in writing, by this instant (PvE 5.1.5).
    pub fn due(&self, cal: &crate::WorkingDayCalendar) -> DateTime<Utc> {
        crate::sla::complaint_due(cal, crate::sla::start_of_local_day(self.received_day()))
    }
}

impl ClientRecord for Complaint {
    fn same_as(&self, s: &Self) -> bool {
        self.id == s.id
            && self.resident_id == s.resident_id
            && self.job_id == s.job_id
            && self.process == s.process
            && self.description == s.description
            && self.received_as == s.received_as
            && self.received_on == s.received_on
    }
}

/// A complaint as the technician hears it on site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewComplaint {
    pub id: ComplaintId,
    pub resident_id: ResidentId,
    pub job_id: Option<JobId>,
    pub process: ComplaintProcess,
    pub description: String,
    pub received_as: ComplaintChannel,
    /// The local day it was received: not after today, at most a month ago; None: today.
    pub received_on: Option<chrono::NaiveDate>,
}

impl NewComplaint {
    /// The complaint recorded at `now` by `author` (description required, trimmed).
    pub fn record(
        self,
        now: DateTime<Utc>,
        author: &str,
    ) -> Result<Complaint, crate::ValidationError> {
        crate::validation::required("description", &self.description, MAX_RECORD_TEXT)?;
        let today = crate::sla::local_date(now);
        if let Some(day) = self.received_on {
            if day > today || (today - day).num_days() > MAX_COMPLAINT_AGE_DAYS {
                return Err(crate::ValidationError::Invalid {
                    field: "received_on",
                    reason: Localized::new(
                        format!(
                            "de datum van ontvangst ligt niet na vandaag en niet meer dan {MAX_COMPLAINT_AGE_DAYS} dagen terug"
                        ),
                        format!(
                            "the day received is not after today and at most {MAX_COMPLAINT_AGE_DAYS} days ago"
                        ),
                    ),
                });
            }
        }
        Ok(Complaint {
            id: self.id,
            resident_id: self.resident_id,
            job_id: self.job_id,
            process: self.process,
            description: self.description.trim().to_string(),
            received_as: self.received_as,
            received_on: Some(self.received_on.unwrap_or(today)),
            created_at: now,
            author: author.to_string(),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DeviationStatus {
    /// Sent (or waiting to be sent); delivery is blocked until the municipality answers.
    Pending,
    Approved,
    Rejected,
}

/// The fitter concluded another category than ordered: the municipality must approve
/// before delivery (PvE 6.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviationRequest {
    pub id: DeviationRequestId,
    pub order_id: OrderId,
    pub resident_id: ResidentId,
    pub job_id: JobId,
    pub ordered: Category,
    pub proposed: Category,
    pub motivation: String,
    pub requested_at: DateTime<Utc>,
    pub status: DeviationStatus,
}

impl ClientRecord for DeviationRequest {
    /// The status changes when the municipality answers: the request is what counts.
    fn same_as(&self, s: &Self) -> bool {
        self.id == s.id
            && self.order_id == s.order_id
            && self.resident_id == s.resident_id
            && self.job_id == s.job_id
            && self.ordered == s.ordered
            && self.proposed == s.proposed
            && self.motivation == s.motivation
    }
}

/// Why a visit could not go ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum NotHomeReason {
    /// Nobody opened the door.
    NotHome,
    /// The resident cancelled on the doorstep or was not able to receive us.
    Refused,
    /// Work could not proceed (wrong part, device missing, unsafe situation...).
    CannotProceed,
}

impl NotHomeReason {
    pub const ALL: [NotHomeReason; 3] = [
        NotHomeReason::NotHome,
        NotHomeReason::Refused,
        NotHomeReason::CannotProceed,
    ];
}

/// A visit that could not go ahead: the reason, a new appointment proposal at the
/// resident's preferred time, and that the resident must be told (PvE 5.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NotHomeReport {
    pub id: JobReportId,
    pub appointment_id: AppointmentId,
    pub resident_id: ResidentId,
    pub jobs: Vec<JobId>,
    pub reason: NotHomeReason,
    pub note: String,
    /// The new appointment proposed, at the resident's preferred time (max 2 hours).
    pub proposal: Option<TimeWindow>,
    /// The resident must be told; this is how (their recorded preference).
    pub tell_resident_via: CommunicationPreference,
    pub created_at: DateTime<Utc>,
    pub author: String,
}

impl ClientRecord for NotHomeReport {
    fn same_as(&self, s: &Self) -> bool {
        self.id == s.id
            && self.appointment_id == s.appointment_id
            && self.resident_id == s.resident_id
            && self.jobs == s.jobs
            && self.reason == s.reason
            && self.note == s.note
            && self.proposal == s.proposal
    }
}

/// A fault the resident reports during a visit: a new malfunction with its response class,
/// and a repair job for it in the same visit (PvE 7.1: reports are taken 24/7, also on site).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OnSiteMalfunction {
    pub malfunction: crate::model::Malfunction,
    pub job: crate::model::Job,
    pub author: String,
}

impl ClientRecord for OnSiteMalfunction {
    fn same_as(&self, s: &Self) -> bool {
        let (a, b) = (&self.malfunction, &s.malfunction);
        a.id == b.id
            && a.device_id == b.device_id
            && a.resident_id == b.resident_id
            && a.class == b.class
            && a.description == b.description
            && a.drive_related == b.drive_related
            && self.job.id == s.job.id
            && self.job.appointment_id == s.job.appointment_id
    }
}

/// The "malfunction reported" logbook entry of a fault reported on site, in words.
pub fn malfunction_reported_entry(r: &OnSiteMalfunction) -> crate::logbook::NewLogbookEntry {
    let m = &r.malfunction;
    let class = serde_json::to_value(m.class)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut data = serde_json::Map::new();
    data.insert("class".into(), serde_json::json!(class));
    data.insert("drive_related".into(), serde_json::json!(m.drive_related));
    data.insert("reported_by".into(), serde_json::json!("resident"));
    data.insert("channel".into(), serde_json::json!("ter plaatse"));
    let mut details = crate::logbook::Details::from_data(data, &crate::logbook::from_keys::NoForm);
    details.summary_en(format!(
        "Malfunction reported on site (class {class}): {}",
        m.description
    ));
    crate::logbook::NewLogbookEntry {
        id: LogbookEntryId::new_v7(),
        device_id: m.device_id,
        kind: crate::logbook::LogbookKind::MalfunctionReported,
        occurred_at: m.reported_at,
        recorded_at: m.reported_at,
        author: r.author.clone(),
        job_id: Some(r.job.id),
        summary: format!(
            "Storing gemeld ter plaatse (klasse {class}): {}",
            m.description
        ),
        details_json: details.to_json(),
        corrects: None,
    }
}

/// Builds an on-site malfunction report for `device` of the visit's resident: the fault is
/// reported now (its deadlines count from now), drive-related only for electric devices.
/// The ids come from the client that made the report, so a retried request is the same
/// record, not a second fault.
#[allow(clippy::too_many_arguments)]
pub fn on_site_malfunction(
    id: MalfunctionId,
    job_id: JobId,
    appointment: &crate::model::Appointment,
    device: &crate::model::Device,
    class: crate::sla::ResponseClass,
    description: &str,
    drive_related: bool,
    now: DateTime<Utc>,
    author: &str,
) -> Result<OnSiteMalfunction, crate::ValidationError> {
    crate::validation::required("description", description, 4000)?;
    if device.resident_id != Some(appointment.resident_id) {
        return Err(crate::ValidationError::NotResidentsDevice);
    }
    let malfunction = crate::model::Malfunction {
        id,
        device_id: device.id,
        resident_id: appointment.resident_id,
        reported_at: now,
        class,
        description: description.trim().to_string(),
        drive_related: drive_related && device.is_electric(),
        status: crate::model::MalfunctionStatus::Open,
        arrived_at: None,
        resolved_at: None,
    };
    let job = crate::model::Job {
        id: job_id,
        appointment_id: appointment.id,
        kind: crate::model::JobKind::Repair,
        device_id: Some(device.id),
        order_id: None,
        malfunction_id: Some(malfunction.id),
        status: crate::model::JobStatus::Open,
    };
    Ok(OnSiteMalfunction {
        malfunction,
        job,
        author: author.to_string(),
    })
}
