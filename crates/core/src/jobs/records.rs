//! Records a visit produces besides the logbook: signals for the municipality, complaints
//! heard on site, category-deviation requests, and the report of a visit that could not go
//! ahead. All are immutable, client-identified (UUIDv7) records that sync to the portal.

use crate::ids::*;
use crate::model::{CommunicationPreference, TimeWindow};
use crate::{Category, Localized};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a signal is about (definition 1.33, PvE 1.2.1c, 7.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    NotUsed,
    ImproperUse,
    UnauthorisedModification,
    UnsafeSituation,
    /// A threat to the safety of the resident or housemates: goes to the municipality at once.
    SafetyThreat,
    DrivingAbilityDoubt,
    NoLongerAdequate,
    /// Damage suspected to be wilful, with a description and the likely cause.
    SuspectedWilfulDamage,
}

impl SignalKind {
    pub const ALL: [SignalKind; 8] = [
        SignalKind::NotUsed,
        SignalKind::ImproperUse,
        SignalKind::UnauthorisedModification,
        SignalKind::UnsafeSituation,
        SignalKind::SafetyThreat,
        SignalKind::DrivingAbilityDoubt,
        SignalKind::NoLongerAdequate,
        SignalKind::SuspectedWilfulDamage,
    ];

    /// Signals that must reach the municipality at once are urgent whatever the technician
    /// marks; others are urgent when marked so.
    pub fn always_urgent(self) -> bool {
        matches!(self, SignalKind::SafetyThreat | SignalKind::UnsafeSituation)
    }
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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Complaint {
    pub id: ComplaintId,
    pub resident_id: ResidentId,
    pub job_id: Option<JobId>,
    pub process: ComplaintProcess,
    pub description: String,
    pub created_at: DateTime<Utc>,
    pub author: String,
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

/// Localised names for the UI and documents.
pub fn signal_kind_name(k: SignalKind) -> Localized {
    let (nl, en) = match k {
        SignalKind::NotUsed => ("Hulpmiddel wordt niet gebruikt", "Device not used"),
        SignalKind::ImproperUse => ("Oneigenlijk gebruik", "Improper use"),
        SignalKind::UnauthorisedModification => {
            ("Wijziging zonder toestemming", "Unauthorised modification")
        }
        SignalKind::UnsafeSituation => ("Onveilige situatie", "Unsafe situation"),
        SignalKind::SafetyThreat => (
            "Bedreiging van de veiligheid van inwoner of huisgenoten",
            "Threat to the safety of resident or housemates",
        ),
        SignalKind::DrivingAbilityDoubt => {
            ("Twijfel aan rijvaardigheid", "Doubt about driving ability")
        }
        SignalKind::NoLongerAdequate => {
            ("Hulpmiddel niet meer adequaat", "Device no longer adequate")
        }
        SignalKind::SuspectedWilfulDamage => (
            "Vermoeden van moedwillige schade",
            "Suspected wilful damage",
        ),
    };
    Localized::new(nl, en)
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
