//! Who sees an entity. Technicians see nothing unless granted: a resident's data reaches
//! exactly the technicians the resident is assigned to; an appointment only its own
//! technician (and only while the resident is assigned to them); data tied to no resident
//! (municipalities, technicians, devices in the depot with their slings and logbooks)
//! reaches every technician.

use uuid::Uuid;
use veldwerk_core::ids::{DeviceId, ResidentId, TechnicianId};
use veldwerk_sync::protocol::{EntityData, EntityKind};

/// The change feed's audience for "every technician".
pub const EVERYONE: &str = "";

/// An entity ready to store: its JSON and the columns that scope and find it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRow {
    pub kind: EntityKind,
    pub id: Uuid,
    pub resident_id: Option<ResidentId>,
    pub technician_id: Option<TechnicianId>,
    pub device_id: Option<DeviceId>,
    pub data: String,
}

/// The row of an entity. Slings and logbook entries are scoped like their device, so the
/// caller passes the device's resident (`device_resident`); it is ignored for other kinds.
pub fn row_of(
    data: &EntityData,
    device_resident: Option<ResidentId>,
) -> Result<EntityRow, serde_json::Error> {
    use serde_json::to_string as json;
    let row = |kind, id: Uuid, resident, technician, device, data| EntityRow {
        kind,
        id,
        resident_id: resident,
        technician_id: technician,
        device_id: device,
        data,
    };
    Ok(match data {
        EntityData::Municipality(m) => {
            row(EntityKind::Municipality, m.id.0, None, None, None, json(m)?)
        }
        EntityData::Technician(t) => {
            row(EntityKind::Technician, t.id.0, None, None, None, json(t)?)
        }
        EntityData::Resident(r) => row(
            EntityKind::Resident,
            r.id.0,
            Some(r.id),
            None,
            None,
            json(r)?,
        ),
        EntityData::Caregiver(c) => row(
            EntityKind::Caregiver,
            c.id.0,
            Some(c.resident_id),
            None,
            None,
            json(c)?,
        ),
        EntityData::SupplierContact(c) => row(
            EntityKind::SupplierContact,
            c.id.0,
            Some(c.resident_id),
            None,
            None,
            json(c)?,
        ),
        EntityData::Device(d) => row(
            EntityKind::Device,
            d.id.0,
            d.resident_id,
            None,
            Some(d.id),
            json(d)?,
        ),
        EntityData::Sling(s) => row(
            EntityKind::Sling,
            s.id.0,
            device_resident,
            None,
            Some(s.hoist_id),
            json(s)?,
        ),
        EntityData::Order(o) => row(
            EntityKind::Order,
            o.id.0,
            Some(o.resident_id),
            None,
            o.device_id,
            json(o)?,
        ),
        EntityData::Malfunction(m) => row(
            EntityKind::Malfunction,
            m.id.0,
            Some(m.resident_id),
            None,
            Some(m.device_id),
            json(m)?,
        ),
        EntityData::Appointment(a) => row(
            EntityKind::Appointment,
            a.appointment.id.0,
            Some(a.appointment.resident_id),
            Some(a.appointment.technician_id),
            None,
            json(a)?,
        ),
        EntityData::LogbookEntry(e) => row(
            EntityKind::LogbookEntry,
            e.id.0,
            device_resident,
            None,
            Some(e.device_id),
            json(e)?,
        ),
        EntityData::DeviationRequest(d) => row(
            EntityKind::DeviationRequest,
            d.id.0,
            Some(d.resident_id),
            None,
            None,
            json(d)?,
        ),
    })
}

/// The audiences of an entity in the change feed: technician ids, or [`EVERYONE`].
/// `assigned` are the technicians its resident is assigned to.
pub fn audience(
    resident: Option<ResidentId>,
    technician: Option<TechnicianId>,
    assigned: &[TechnicianId],
) -> Vec<String> {
    match (resident, technician) {
        (Some(_), Some(t)) => assigned
            .iter()
            .filter(|a| **a == t)
            .map(|a| a.to_string())
            .collect(),
        (Some(_), None) => assigned.iter().map(|a| a.to_string()).collect(),
        (None, Some(t)) => vec![t.to_string()],
        (None, None) => vec![EVERYONE.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(n: u128) -> TechnicianId {
        TechnicianId(Uuid::from_u128(n))
    }

    #[test]
    fn audiences() {
        let r = Some(ResidentId(Uuid::from_u128(9)));
        assert_eq!(audience(None, None, &[]), vec![EVERYONE.to_string()]);
        assert!(
            audience(r, None, &[]).is_empty(),
            "no rights unless granted"
        );
        assert_eq!(audience(r, None, &[t(1), t(2)]).len(), 2);
        // an appointment reaches its technician only while the resident is theirs
        assert_eq!(
            audience(r, Some(t(2)), &[t(1), t(2)]),
            vec![t(2).to_string()]
        );
        assert!(audience(r, Some(t(3)), &[t(1)]).is_empty());
    }
}
