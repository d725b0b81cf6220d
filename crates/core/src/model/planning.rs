use crate::ids::{
    AppointmentId, DeviceId, JobId, MalfunctionId, MunicipalityId, OrderId, ResidentId,
    TechnicianId,
};
use crate::sla::ResponseClass;
use crate::{Category, ValidationError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TechnicianRole {
    /// Passer/adviseur: fittings, deliveries, user agreements, driving lessons.
    Fitter,
    /// Monteur: maintenance, inspections, repairs, collections, loan devices.
    Mechanic,
    /// Leads complex custom work.
    CaseManager,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Technician {
    pub id: TechnicianId,
    pub name: String,
    pub role: TechnicianRole,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    /// Provide a device (fitting and delivery).
    Provision,
    Adjustment,
    Replacement,
    Collection,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Open,
    Completed,
    Cancelled,
}

/// A municipality's order (nadere opdracht) for a resident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Order {
    pub id: OrderId,
    pub order_number: String,
    pub municipality_id: MunicipalityId,
    pub resident_id: ResidentId,
    pub kind: OrderKind,
    pub category: Category,
    /// The functional description of what the resident needs.
    pub description: String,
    pub ordered_on: NaiveDate,
    pub status: OrderStatus,
    pub device_id: Option<DeviceId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MalfunctionStatus {
    Open,
    Resolved,
}

/// A reported malfunction (storing) with its response class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Malfunction {
    pub id: MalfunctionId,
    pub device_id: DeviceId,
    pub resident_id: ResidentId,
    /// The first report: every deadline counts from here.
    pub reported_at: DateTime<Utc>,
    pub class: ResponseClass,
    pub description: String,
    /// Drive-related faults of electric devices count toward the replacement rule.
    pub drive_related: bool,
    pub status: MalfunctionStatus,
    pub arrived_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// The longest time window an appointment may have (PvE 5.2).
pub const MAX_WINDOW_MINUTES: i64 = 120;

/// A validated appointment time window: ends after it starts, at most 2 hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TimeWindow {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Deserialising validates, so an invalid window can never be constructed from input.
impl<'de> Deserialize<'de> for TimeWindow {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            start: DateTime<Utc>,
            end: DateTime<Utc>,
        }
        let r = Raw::deserialize(d)?;
        TimeWindow::new(r.start, r.end).map_err(serde::de::Error::custom)
    }
}

impl TimeWindow {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<TimeWindow, ValidationError> {
        if end <= start {
            return Err(ValidationError::WindowEndsBeforeStart);
        }
        let minutes = (end - start).num_minutes();
        if end - start > Duration::minutes(MAX_WINDOW_MINUTES) {
            return Err(ValidationError::WindowTooLong { minutes });
        }
        Ok(TimeWindow { start, end })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Planned,
    Confirmed,
    InProgress,
    Done,
    NotHome,
    Cancelled,
}

/// A planned visit to a resident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Appointment {
    pub id: AppointmentId,
    pub technician_id: TechnicianId,
    pub resident_id: ResidentId,
    pub window: TimeWindow,
    pub status: AppointmentStatus,
    pub note: Option<String>,
}

/// What a visit is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    Fitting,
    Delivery,
    PreventiveMaintenance,
    HoistInspection,
    Repair,
    Adjustment,
    Replacement,
    Collection,
    LoanDevice,
}

impl JobKind {
    pub const ALL: [JobKind; 9] = [
        JobKind::Fitting,
        JobKind::Delivery,
        JobKind::PreventiveMaintenance,
        JobKind::HoistInspection,
        JobKind::Repair,
        JobKind::Adjustment,
        JobKind::Replacement,
        JobKind::Collection,
        JobKind::LoanDevice,
    ];

    pub fn code(self) -> &'static str {
        match self {
            JobKind::Fitting => "fitting",
            JobKind::Delivery => "delivery",
            JobKind::PreventiveMaintenance => "preventive_maintenance",
            JobKind::HoistInspection => "hoist_inspection",
            JobKind::Repair => "repair",
            JobKind::Adjustment => "adjustment",
            JobKind::Replacement => "replacement",
            JobKind::Collection => "collection",
            JobKind::LoanDevice => "loan_device",
        }
    }

    pub fn from_code(s: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Open,
    InProgress,
    Completed,
    CannotProceed,
}

/// One piece of work on one device during a visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Job {
    pub id: JobId,
    pub appointment_id: AppointmentId,
    pub kind: JobKind,
    pub device_id: Option<DeviceId>,
    pub order_id: Option<OrderId>,
    pub malfunction_id: Option<MalfunctionId>,
    pub status: JobStatus,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap()
    }

    #[test]
    fn windows() {
        assert!(TimeWindow::new(t(8, 0), t(10, 0)).is_ok());
        assert_eq!(
            TimeWindow::new(t(8, 0), t(10, 1)),
            Err(ValidationError::WindowTooLong { minutes: 121 })
        );
        assert_eq!(
            TimeWindow::new(t(10, 0), t(9, 0)),
            Err(ValidationError::WindowEndsBeforeStart)
        );
        assert_eq!(
            TimeWindow::new(t(10, 0), t(10, 0)),
            Err(ValidationError::WindowEndsBeforeStart)
        );
    }

    #[test]
    fn windows_validate_when_deserialised() {
        let ok = r#"{"start":"2026-03-02T08:00:00Z","end":"2026-03-02T09:30:00Z"}"#;
        assert!(serde_json::from_str::<TimeWindow>(ok).is_ok());
        let long = r#"{"start":"2026-03-02T08:00:00Z","end":"2026-03-02T10:30:00Z"}"#;
        assert!(serde_json::from_str::<TimeWindow>(long).is_err());
    }

    #[test]
    fn job_kind_codes_round_trip() {
        for k in JobKind::ALL {
            assert_eq!(JobKind::from_code(k.code()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.code())
            );
        }
    }
}
