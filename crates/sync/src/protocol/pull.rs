//! Pulling master data: the changes after a cursor, in pages.
//!
//! The cursor is the portal's change sequence (never a clock): a page answers the changes
//! with `seq > cursor` that the caller may see, and `next_cursor` is where the next page
//! starts. Each entity appears at most once per page, at its latest change. Within a page the
//! changes are ordered by [`EntityKind::rank`] (parents before children), then by `seq`; an
//! entity whose latest change is newer than a child's can still arrive in a later page than
//! the child, so a client applies pages with its foreign keys unenforced or deferred.
//!
//! A `remove` of an id the client does not hold is to be ignored.

use super::time_ms;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use uuid::Uuid;
use veldwerk_core::jobs::DeviationRequest;
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::*;

/// Changes per page when the caller names no limit.
pub const DEFAULT_PULL_LIMIT: u32 = 500;
/// The largest page.
pub const MAX_PULL_LIMIT: u32 = 1000;

/// `GET /api/v1/pull?cursor=N&limit=M`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PullQuery {
    /// The `next_cursor` of the previous page; 0 (the default) for everything.
    #[serde(default)]
    pub cursor: i64,
    /// Changes per page, 1 to 1000 (default 500).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One page of changes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    pub changes: Vec<Change>,
    /// Store this with the page's data, in the same transaction; ask from here next time.
    pub next_cursor: i64,
    /// True when more changes wait after `next_cursor`.
    pub more: bool,
    #[serde(with = "time_ms")]
    pub server_time: DateTime<Utc>,
}

/// What a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// `data`: `veldwerk_core::model::Municipality`.
    Municipality,
    /// `data`: `veldwerk_core::model::Technician`.
    Technician,
    /// `data`: `veldwerk_core::model::Resident`.
    Resident,
    /// A contact person. `data`: `veldwerk_core::model::Caregiver`.
    Caregiver,
    /// One of the supplier's fixed contact persons of a resident (at most three).
    /// `data`: `veldwerk_core::model::SupplierContact`.
    SupplierContact,
    /// `data`: `veldwerk_core::model::Device`.
    Device,
    /// `data`: `veldwerk_core::model::Sling`.
    Sling,
    /// `data`: `veldwerk_core::model::Order`.
    Order,
    /// `data`: `veldwerk_core::model::Malfunction`.
    Malfunction,
    /// `data`: [`AppointmentWithJobs`]. A reschedule is an upsert.
    Appointment,
    /// `data`: `veldwerk_core::logbook::LogbookEntry`.
    LogbookEntry,
    /// `data`: `veldwerk_core::jobs::DeviationRequest`; its status is the municipality's
    /// answer.
    DeviationRequest,
    /// The resident `id` is no longer assigned to the caller: purge their data once nothing
    /// of theirs waits to go up. Always `op: remove`, no data.
    AssignmentRemoved,
}

impl EntityKind {
    pub const ALL: [EntityKind; 13] = [
        EntityKind::Municipality,
        EntityKind::Technician,
        EntityKind::Resident,
        EntityKind::Caregiver,
        EntityKind::SupplierContact,
        EntityKind::Device,
        EntityKind::Sling,
        EntityKind::Order,
        EntityKind::Malfunction,
        EntityKind::Appointment,
        EntityKind::LogbookEntry,
        EntityKind::DeviationRequest,
        EntityKind::AssignmentRemoved,
    ];

    /// The stable text form (as in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Municipality => "municipality",
            EntityKind::Technician => "technician",
            EntityKind::Resident => "resident",
            EntityKind::Caregiver => "caregiver",
            EntityKind::SupplierContact => "supplier_contact",
            EntityKind::Device => "device",
            EntityKind::Sling => "sling",
            EntityKind::Order => "order",
            EntityKind::Malfunction => "malfunction",
            EntityKind::Appointment => "appointment",
            EntityKind::LogbookEntry => "logbook_entry",
            EntityKind::DeviationRequest => "deviation_request",
            EntityKind::AssignmentRemoved => "assignment_removed",
        }
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The order of application within a page: a record before the records that refer to
    /// it (its position in [`EntityKind::ALL`]).
    pub fn rank(self) -> usize {
        EntityKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(EntityKind::ALL.len())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    /// Insert or replace the entity with `data`.
    Upsert,
    /// The entity left the caller's view (deleted, or moved out of their scope).
    Remove,
}

/// One change: an entity at its latest version.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    /// Position in the portal's change sequence.
    pub seq: i64,
    pub entity: EntityKind,
    pub op: ChangeOp,
    pub id: Uuid,
    /// The entity's version on the portal (send it back as `base_version` with an update).
    pub version: i64,
    /// The entity as the app's core type (see [`EntityKind`]); absent for `remove`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub data: Option<Box<RawValue>>,
}

/// An appointment with its jobs, as an `appointment` change carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentWithJobs {
    pub appointment: Appointment,
    pub jobs: Vec<Job>,
}

/// A change's data decoded as its core type.
#[derive(Clone, Debug, PartialEq)]
pub enum EntityData {
    Municipality(Municipality),
    Technician(Technician),
    Resident(Resident),
    Caregiver(Caregiver),
    SupplierContact(SupplierContact),
    Device(Device),
    Sling(Sling),
    Order(Order),
    Malfunction(Malfunction),
    Appointment(AppointmentWithJobs),
    LogbookEntry(LogbookEntry),
    DeviationRequest(DeviationRequest),
}

impl EntityData {
    /// Decodes `json` as the core type of `kind`; None for kinds without data.
    pub fn decode(kind: EntityKind, json: &str) -> Result<Option<EntityData>, serde_json::Error> {
        use serde_json::from_str as de;
        Ok(Some(match kind {
            EntityKind::Municipality => EntityData::Municipality(de(json)?),
            EntityKind::Technician => EntityData::Technician(de(json)?),
            EntityKind::Resident => EntityData::Resident(de(json)?),
            EntityKind::Caregiver => EntityData::Caregiver(de(json)?),
            EntityKind::SupplierContact => EntityData::SupplierContact(de(json)?),
            EntityKind::Device => EntityData::Device(de(json)?),
            EntityKind::Sling => EntityData::Sling(de(json)?),
            EntityKind::Order => EntityData::Order(de(json)?),
            EntityKind::Malfunction => EntityData::Malfunction(de(json)?),
            EntityKind::Appointment => EntityData::Appointment(de(json)?),
            EntityKind::LogbookEntry => EntityData::LogbookEntry(de(json)?),
            EntityKind::DeviationRequest => EntityData::DeviationRequest(de(json)?),
            EntityKind::AssignmentRemoved => return Ok(None),
        }))
    }
}

impl Change {
    /// The change's data as its core type; None for a remove.
    pub fn decode(&self) -> Result<Option<EntityData>, serde_json::Error> {
        match (&self.op, &self.data) {
            (ChangeOp::Upsert, Some(raw)) => EntityData::decode(self.entity, raw.get()),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_rank_parents_first() {
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert!(EntityKind::Resident.rank() < EntityKind::Device.rank());
        assert!(EntityKind::Device.rank() < EntityKind::LogbookEntry.rank());
        assert_eq!(EntityKind::parse("nope"), None);
    }

    #[test]
    fn a_change_decodes_its_data() {
        let json = r#"{"seq":3,"entity":"municipality","op":"upsert",
            "id":"00000000-0000-0000-0000-000000000001","version":1,
            "data":{"id":"00000000-0000-0000-0000-000000000001","code":"zwolle","name":"Zwolle"}}"#;
        let c: Change = serde_json::from_str(json).unwrap();
        match c.decode().unwrap() {
            Some(EntityData::Municipality(m)) => assert_eq!(m.code, "zwolle"),
            other => panic!("{other:?}"),
        }
        let removed = r#"{"seq":4,"entity":"assignment_removed","op":"remove",
            "id":"00000000-0000-0000-0000-000000000002","version":0}"#;
        let c: Change = serde_json::from_str(removed).unwrap();
        assert!(c.decode().unwrap().is_none());
    }
}
