//! Reading domain records from rows. Stored text that does not decode is reported as
//! corrupt, never skipped.
//!
//! Every decoder reads by position from an explicit column list, and the positions are
//! computed at compile time from the names (`at!`), so a decoder is as fast as raw
//! positional access and a misspelt column is a compile error. SELECT statements are built
//! from the same lists ([`select`]).

use crate::codec::*;
use crate::error::Result;
use rusqlite::Row;
use veldwerk_core::ids::*;
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::*;

/// The position of `name` in `cols`; a compile error when used in `at!` with a wrong name.
pub(crate) const fn col(cols: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < cols.len() {
        let (a, b) = (cols[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("unknown column")
}

/// The compile-time position of a column in a column list.
macro_rules! at {
    ($cols:expr, $name:literal) => {
        const { $crate::rows::col($cols, $name) }
    };
}

/// "a.x, a.y, ..." for a column list and a table alias.
pub(crate) fn select(cols: &[&str], alias: &str) -> String {
    cols.iter()
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

mod records;
pub(crate) use records::{
    complaint, deviation, draft_answer, draft_head, job_report, not_home, outbox_entry, signal,
};
#[cfg(test)]
use records::{COMPLAINT, DEVIATION, DRAFT, DRAFT_ANSWER, JOB_REPORT, NOT_HOME, OUTBOX, SIGNAL};

pub(crate) const RESIDENT: &[&str] = &[
    "id",
    "resident_number",
    "municipality_id",
    "initials",
    "first_name",
    "name_prefix",
    "surname",
    "birth_date",
    "street",
    "house_number",
    "postcode",
    "city",
    "phone",
    "email",
    "preferred_communication",
    "particulars",
];

pub(crate) const DEVICE: &[&str] = &[
    "id",
    "registration_number",
    "category",
    "brand",
    "model",
    "serial_number",
    "build_year",
    "first_issued_on",
    "first_delivered_on",
    "last_delivered_on",
    "catalogue_value_cents",
    "accessories_value_cents",
    "configuration_json",
    "measurements_json",
    "reconditioned",
    "electric",
    "battery_json",
    "insurance_plate",
    "wlz_use",
    "max_user_weight_kg",
    "swl_kg",
    "status",
    "resident_id",
    "last_preventive_maintenance_on",
    "last_malfunction_on",
    "last_misuse_maintenance_on",
    "next_maintenance_due",
    "next_inspection_due",
];

pub(crate) const DEVICE_SUMMARY: &[&str] = &[
    "id",
    "registration_number",
    "category",
    "brand",
    "model",
    "serial_number",
    "status",
    "resident_id",
    "next_maintenance_due",
    "next_inspection_due",
    "electric",
];

pub(crate) const CAREGIVER: &[&str] = &[
    "id",
    "resident_id",
    "name",
    "relation",
    "kind",
    "phone",
    "email",
    "may_sign",
];

pub(crate) const SLING: &[&str] = &[
    "id",
    "hoist_id",
    "sling_number",
    "manufacturer",
    "model",
    "size",
    "swl_kg",
    "manufactured_on",
    "in_use_since",
    "status",
    "next_inspection_due",
];

pub(crate) const ORDER: &[&str] = &[
    "id",
    "order_number",
    "municipality_id",
    "resident_id",
    "kind",
    "category",
    "description",
    "ordered_on",
    "status",
    "device_id",
];

pub(crate) const MALFUNCTION: &[&str] = &[
    "id",
    "device_id",
    "resident_id",
    "reported_at",
    "class",
    "description",
    "drive_related",
    "status",
    "arrived_at",
    "resolved_at",
];

pub(crate) const APPOINTMENT: &[&str] = &[
    "id",
    "technician_id",
    "resident_id",
    "starts_at",
    "ends_at",
    "status",
    "note",
];

pub(crate) const JOB: &[&str] = &[
    "id",
    "appointment_id",
    "kind",
    "device_id",
    "order_id",
    "malfunction_id",
    "status",
];

pub(crate) const TECHNICIAN: &[&str] = &["id", "name", "role"];

pub(crate) const MUNICIPALITY: &[&str] = &["id", "code", "name"];

pub(crate) const LOGBOOK: &[&str] = &[
    "id",
    "device_id",
    "seq",
    "kind",
    "occurred_at",
    "recorded_at",
    "author",
    "job_id",
    "summary",
    "details_json",
    "corrects",
    "prev_hash",
    "hash",
];

/// The statements the screens run, built once from the column lists.
pub(crate) mod sql {
    use super::*;
    use std::sync::LazyLock;

    fn resident_where(cond: &str) -> String {
        format!(
            "SELECT {}, m.name FROM residents r
             JOIN municipalities m ON m.id = r.municipality_id WHERE {cond}",
            select(RESIDENT, "r")
        )
    }

    pub use super::records::sql::*;

    pub(crate) fn from(cols: &[&str], table: &str, rest: &str) -> String {
        format!("SELECT {} FROM {table} t {rest}", select(cols, "t"))
    }

    pub static RESIDENT_BY_ID: LazyLock<String> = LazyLock::new(|| resident_where("r.id = ?1"));
    pub static RESIDENT_BY_SEQ: LazyLock<String> = LazyLock::new(|| resident_where("r.seq = ?1"));
    pub static DEVICE_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(DEVICE, "devices", "WHERE t.id = ?1"));
    pub static SUMMARY_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(DEVICE_SUMMARY, "devices", "WHERE t.id = ?1"));
    pub static SUMMARY_BY_SEQ: LazyLock<String> =
        LazyLock::new(|| from(DEVICE_SUMMARY, "devices", "WHERE t.seq = ?1"));
    pub static SUMMARY_BY_REGISTRATION: LazyLock<String> = LazyLock::new(|| {
        from(
            DEVICE_SUMMARY,
            "devices",
            "WHERE t.registration_number = ?1 COLLATE NOCASE",
        )
    });
    pub static SUMMARIES_OF_RESIDENT: LazyLock<String> = LazyLock::new(|| {
        from(
            DEVICE_SUMMARY,
            "devices",
            "WHERE t.resident_id = ?1 ORDER BY t.category, t.registration_number LIMIT ?2",
        )
    });
    pub static TECHNICIANS: LazyLock<String> =
        LazyLock::new(|| from(TECHNICIAN, "technicians", "ORDER BY t.name"));
    pub static TECHNICIAN_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(TECHNICIAN, "technicians", "WHERE t.id = ?1"));
    pub static MUNICIPALITY_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(MUNICIPALITY, "municipalities", "WHERE t.id = ?1"));
    pub static CAREGIVERS_OF: LazyLock<String> = LazyLock::new(|| {
        from(
            CAREGIVER,
            "caregivers",
            "WHERE t.resident_id = ?1 ORDER BY t.rowid",
        )
    });
    pub static SLINGS_OF: LazyLock<String> = LazyLock::new(|| {
        from(
            SLING,
            "slings",
            "WHERE t.hoist_id = ?1 ORDER BY t.sling_number",
        )
    });
    pub static ORDER_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(ORDER, "orders", "WHERE t.id = ?1"));
    pub static ORDERS_OF: LazyLock<String> = LazyLock::new(|| {
        from(
            ORDER,
            "orders",
            "WHERE t.resident_id = ?1 ORDER BY t.ordered_on DESC",
        )
    });
    pub static MALFUNCTION_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(MALFUNCTION, "malfunctions", "WHERE t.id = ?1"));
    pub static OPEN_MALFUNCTIONS_OF_RESIDENT: LazyLock<String> = LazyLock::new(|| {
        from(
            MALFUNCTION,
            "malfunctions",
            "WHERE t.resident_id = ?1 AND t.status = 'open' ORDER BY t.reported_at",
        )
    });
    pub static OPEN_MALFUNCTIONS_OF_DEVICE: LazyLock<String> = LazyLock::new(|| {
        from(
            MALFUNCTION,
            "malfunctions",
            "WHERE t.device_id = ?1 AND t.status = 'open' ORDER BY t.reported_at",
        )
    });
    pub static JOBS_OF: LazyLock<String> =
        LazyLock::new(|| from(JOB, "jobs", "WHERE t.appointment_id = ?1 ORDER BY t.rowid"));
    pub static APPOINTMENTS_OF_DAY: LazyLock<String> = LazyLock::new(|| {
        from(
            APPOINTMENT,
            "appointments",
            "WHERE t.technician_id = ?1 AND t.starts_at >= ?2 AND t.starts_at < ?3
             ORDER BY t.starts_at, t.id",
        )
    });
    /// A technician's visits in progress (a job started, not finished) outside [?2, ?3).
    pub static IN_PROGRESS_ELSEWHERE: LazyLock<String> = LazyLock::new(|| {
        from(
            APPOINTMENT,
            "appointments",
            "WHERE t.technician_id = ?1 AND t.status = 'in_progress'
               AND (t.starts_at < ?2 OR t.starts_at >= ?3)
             ORDER BY t.starts_at, t.id",
        )
    });
    /// The start of a technician's first visit at or after ?2 (the next day with visits).
    pub const NEXT_VISIT_START: &str = "SELECT starts_at FROM appointments
         WHERE technician_id = ?1 AND starts_at >= ?2 ORDER BY starts_at LIMIT 1";
    /// Open appointments of a resident with the technician's name as the last column.
    pub static PLANNED_OF_RESIDENT: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT {}, x.name FROM appointments t JOIN technicians x ON x.id = t.technician_id
             WHERE t.resident_id = ?1 AND t.status IN ('planned', 'confirmed', 'in_progress')
             ORDER BY t.starts_at",
            select(APPOINTMENT, "t")
        )
    });
    pub static LOGBOOK_OF: LazyLock<String> =
        LazyLock::new(|| from(LOGBOOK, "logbook", "WHERE t.device_id = ?1 ORDER BY t.seq"));
    /// A resident's history with the device's registration number as the last column.
    pub static HISTORY_OF: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT {}, d.registration_number FROM logbook t JOIN devices d ON d.id = t.device_id
             WHERE d.resident_id = ?1 ORDER BY t.occurred_at DESC, t.seq DESC LIMIT ?2",
            select(LOGBOOK, "t")
        )
    });
}

fn opt_id<T>(
    what: &'static str,
    v: Option<String>,
    make: impl Fn(uuid::Uuid) -> T,
) -> Result<Option<T>> {
    v.map(|s| id_from(what, &s, make)).transpose()
}

/// A resident and the name of their municipality, from the `sql::RESIDENT_*` statements.
pub(crate) fn resident_with_municipality(row: &Row) -> Result<(Resident, String)> {
    Ok((resident(row)?, row.get(RESIDENT.len())?))
}

pub(crate) fn resident(row: &Row) -> Result<Resident> {
    const C: &[&str] = RESIDENT;
    let postcode: String = row.get(at!(C, "postcode"))?;
    Ok(Resident {
        id: id_from(
            "resident id",
            &row.get::<_, String>(at!(C, "id"))?,
            ResidentId,
        )?,
        resident_number: row.get(at!(C, "resident_number"))?,
        municipality_id: id_from(
            "municipality id",
            &row.get::<_, String>(at!(C, "municipality_id"))?,
            MunicipalityId,
        )?,
        initials: row.get(at!(C, "initials"))?,
        first_name: row.get(at!(C, "first_name"))?,
        name_prefix: row.get(at!(C, "name_prefix"))?,
        surname: row.get(at!(C, "surname"))?,
        birth_date: date_from("birth date", &row.get::<_, String>(at!(C, "birth_date"))?)?,
        address: Address {
            street: row.get(at!(C, "street"))?,
            house_number: row.get(at!(C, "house_number"))?,
            postcode: Postcode::parse(&postcode).map_err(|e| crate::StoreError::Corrupt {
                what: "postcode",
                detail: e.to_string(),
            })?,
            city: row.get(at!(C, "city"))?,
        },
        phone: row.get(at!(C, "phone"))?,
        email: row.get(at!(C, "email"))?,
        preferred_communication: enum_from(
            "communication preference",
            &row.get::<_, String>(at!(C, "preferred_communication"))?,
        )?,
        particulars: row.get(at!(C, "particulars"))?,
    })
}

pub(crate) fn caregiver(row: &Row) -> Result<Caregiver> {
    const C: &[&str] = CAREGIVER;
    Ok(Caregiver {
        id: id_from(
            "caregiver id",
            &row.get::<_, String>(at!(C, "id"))?,
            CaregiverId,
        )?,
        resident_id: id_from(
            "resident id",
            &row.get::<_, String>(at!(C, "resident_id"))?,
            ResidentId,
        )?,
        name: row.get(at!(C, "name"))?,
        relation: row.get(at!(C, "relation"))?,
        kind: enum_from("caregiver kind", &row.get::<_, String>(at!(C, "kind"))?)?,
        phone: row.get(at!(C, "phone"))?,
        email: row.get(at!(C, "email"))?,
        may_sign: row.get(at!(C, "may_sign"))?,
    })
}

pub(crate) fn device(row: &Row) -> Result<Device> {
    const C: &[&str] = DEVICE;
    let battery: Option<String> = row.get(at!(C, "battery_json"))?;
    let date =
        |i: usize| -> Result<Option<chrono::NaiveDate>> { opt_date_from("date", row.get(i)?) };
    Ok(Device {
        id: id_from("device id", &row.get::<_, String>(at!(C, "id"))?, DeviceId)?,
        registration_number: row.get(at!(C, "registration_number"))?,
        category: enum_from("category", &row.get::<_, String>(at!(C, "category"))?)?,
        brand: row.get(at!(C, "brand"))?,
        model: row.get(at!(C, "model"))?,
        serial_number: row.get(at!(C, "serial_number"))?,
        build_year: row.get(at!(C, "build_year"))?,
        first_issued_on: date(at!(C, "first_issued_on"))?,
        first_delivered_on: date(at!(C, "first_delivered_on"))?,
        last_delivered_on: date(at!(C, "last_delivered_on"))?,
        catalogue_value_cents: row.get(at!(C, "catalogue_value_cents"))?,
        accessories_value_cents: row.get(at!(C, "accessories_value_cents"))?,
        configuration: json_from(
            "configuration",
            &row.get::<_, String>(at!(C, "configuration_json"))?,
        )?,
        measurements: json_from(
            "measurements",
            &row.get::<_, String>(at!(C, "measurements_json"))?,
        )?,
        reconditioned: row.get(at!(C, "reconditioned"))?,
        electric: row.get(at!(C, "electric"))?,
        battery: battery.map(|b| json_from("battery", &b)).transpose()?,
        insurance_plate: row.get(at!(C, "insurance_plate"))?,
        wlz_use: row.get(at!(C, "wlz_use"))?,
        max_user_weight_kg: row.get(at!(C, "max_user_weight_kg"))?,
        swl_kg: row.get(at!(C, "swl_kg"))?,
        status: enum_from("device status", &row.get::<_, String>(at!(C, "status"))?)?,
        resident_id: opt_id("resident id", row.get(at!(C, "resident_id"))?, ResidentId)?,
        last_preventive_maintenance_on: date(at!(C, "last_preventive_maintenance_on"))?,
        last_malfunction_on: date(at!(C, "last_malfunction_on"))?,
        last_misuse_maintenance_on: date(at!(C, "last_misuse_maintenance_on"))?,
        next_maintenance_due: date(at!(C, "next_maintenance_due"))?,
        next_inspection_due: date(at!(C, "next_inspection_due"))?,
    })
}

pub(crate) fn device_summary(row: &Row) -> Result<crate::views::DeviceSummary> {
    const C: &[&str] = DEVICE_SUMMARY;
    let category: veldwerk_core::Category =
        enum_from("category", &row.get::<_, String>(at!(C, "category"))?)?;
    Ok(crate::views::DeviceSummary {
        id: id_from("device id", &row.get::<_, String>(at!(C, "id"))?, DeviceId)?,
        registration_number: row.get(at!(C, "registration_number"))?,
        category,
        category_name: category.name(),
        brand: row.get(at!(C, "brand"))?,
        model: row.get(at!(C, "model"))?,
        serial_number: row.get(at!(C, "serial_number"))?,
        status: enum_from("device status", &row.get::<_, String>(at!(C, "status"))?)?,
        resident_id: opt_id("resident id", row.get(at!(C, "resident_id"))?, ResidentId)?,
        next_maintenance_due: opt_date_from("date", row.get(at!(C, "next_maintenance_due"))?)?,
        next_inspection_due: opt_date_from("date", row.get(at!(C, "next_inspection_due"))?)?,
        electric: category.device_is_electric(row.get(at!(C, "electric"))?),
    })
}

pub(crate) fn sling(row: &Row) -> Result<Sling> {
    const C: &[&str] = SLING;
    Ok(Sling {
        id: id_from("sling id", &row.get::<_, String>(at!(C, "id"))?, SlingId)?,
        hoist_id: id_from(
            "device id",
            &row.get::<_, String>(at!(C, "hoist_id"))?,
            DeviceId,
        )?,
        sling_number: row.get(at!(C, "sling_number"))?,
        manufacturer: row.get(at!(C, "manufacturer"))?,
        model: row.get(at!(C, "model"))?,
        size: row.get(at!(C, "size"))?,
        swl_kg: row.get(at!(C, "swl_kg"))?,
        manufactured_on: opt_date_from("date", row.get(at!(C, "manufactured_on"))?)?,
        in_use_since: opt_date_from("date", row.get(at!(C, "in_use_since"))?)?,
        status: enum_from("sling status", &row.get::<_, String>(at!(C, "status"))?)?,
        next_inspection_due: opt_date_from("date", row.get(at!(C, "next_inspection_due"))?)?,
    })
}

pub(crate) fn order(row: &Row) -> Result<Order> {
    const C: &[&str] = ORDER;
    Ok(Order {
        id: id_from("order id", &row.get::<_, String>(at!(C, "id"))?, OrderId)?,
        order_number: row.get(at!(C, "order_number"))?,
        municipality_id: id_from(
            "municipality id",
            &row.get::<_, String>(at!(C, "municipality_id"))?,
            MunicipalityId,
        )?,
        resident_id: id_from(
            "resident id",
            &row.get::<_, String>(at!(C, "resident_id"))?,
            ResidentId,
        )?,
        kind: enum_from("order kind", &row.get::<_, String>(at!(C, "kind"))?)?,
        category: enum_from("category", &row.get::<_, String>(at!(C, "category"))?)?,
        description: row.get(at!(C, "description"))?,
        ordered_on: date_from("date", &row.get::<_, String>(at!(C, "ordered_on"))?)?,
        status: enum_from("order status", &row.get::<_, String>(at!(C, "status"))?)?,
        device_id: opt_id("device id", row.get(at!(C, "device_id"))?, DeviceId)?,
    })
}

pub(crate) fn malfunction(row: &Row) -> Result<Malfunction> {
    const C: &[&str] = MALFUNCTION;
    Ok(Malfunction {
        id: id_from(
            "malfunction id",
            &row.get::<_, String>(at!(C, "id"))?,
            MalfunctionId,
        )?,
        device_id: id_from(
            "device id",
            &row.get::<_, String>(at!(C, "device_id"))?,
            DeviceId,
        )?,
        resident_id: id_from(
            "resident id",
            &row.get::<_, String>(at!(C, "resident_id"))?,
            ResidentId,
        )?,
        reported_at: time_from("time", &row.get::<_, String>(at!(C, "reported_at"))?)?,
        class: enum_from("response class", &row.get::<_, String>(at!(C, "class"))?)?,
        description: row.get(at!(C, "description"))?,
        drive_related: row.get(at!(C, "drive_related"))?,
        status: enum_from(
            "malfunction status",
            &row.get::<_, String>(at!(C, "status"))?,
        )?,
        arrived_at: opt_time_from("time", row.get(at!(C, "arrived_at"))?)?,
        resolved_at: opt_time_from("time", row.get(at!(C, "resolved_at"))?)?,
    })
}

pub(crate) fn appointment(row: &Row) -> Result<Appointment> {
    const C: &[&str] = APPOINTMENT;
    let start = time_from("time", &row.get::<_, String>(at!(C, "starts_at"))?)?;
    let end = time_from("time", &row.get::<_, String>(at!(C, "ends_at"))?)?;
    Ok(Appointment {
        id: id_from(
            "appointment id",
            &row.get::<_, String>(at!(C, "id"))?,
            AppointmentId,
        )?,
        technician_id: id_from(
            "technician id",
            &row.get::<_, String>(at!(C, "technician_id"))?,
            TechnicianId,
        )?,
        resident_id: id_from(
            "resident id",
            &row.get::<_, String>(at!(C, "resident_id"))?,
            ResidentId,
        )?,
        window: TimeWindow::new(start, end).map_err(|e| crate::StoreError::Corrupt {
            what: "appointment window",
            detail: e.to_string(),
        })?,
        status: enum_from(
            "appointment status",
            &row.get::<_, String>(at!(C, "status"))?,
        )?,
        note: row.get(at!(C, "note"))?,
    })
}

/// An appointment with the technician's name as the extra last column.
pub(crate) fn appointment_with_technician(row: &Row) -> Result<(Appointment, String)> {
    Ok((appointment(row)?, row.get(APPOINTMENT.len())?))
}

pub(crate) fn job(row: &Row) -> Result<Job> {
    const C: &[&str] = JOB;
    Ok(Job {
        id: id_from("job id", &row.get::<_, String>(at!(C, "id"))?, JobId)?,
        appointment_id: id_from(
            "appointment id",
            &row.get::<_, String>(at!(C, "appointment_id"))?,
            AppointmentId,
        )?,
        kind: enum_from("job kind", &row.get::<_, String>(at!(C, "kind"))?)?,
        device_id: opt_id("device id", row.get(at!(C, "device_id"))?, DeviceId)?,
        order_id: opt_id("order id", row.get(at!(C, "order_id"))?, OrderId)?,
        malfunction_id: opt_id(
            "malfunction id",
            row.get(at!(C, "malfunction_id"))?,
            MalfunctionId,
        )?,
        status: enum_from("job status", &row.get::<_, String>(at!(C, "status"))?)?,
    })
}

pub(crate) fn technician(row: &Row) -> Result<Technician> {
    const C: &[&str] = TECHNICIAN;
    Ok(Technician {
        id: id_from(
            "technician id",
            &row.get::<_, String>(at!(C, "id"))?,
            TechnicianId,
        )?,
        name: row.get(at!(C, "name"))?,
        role: enum_from("role", &row.get::<_, String>(at!(C, "role"))?)?,
    })
}

pub(crate) fn municipality(row: &Row) -> Result<Municipality> {
    const C: &[&str] = MUNICIPALITY;
    Ok(Municipality {
        id: id_from(
            "municipality id",
            &row.get::<_, String>(at!(C, "id"))?,
            MunicipalityId,
        )?,
        code: row.get(at!(C, "code"))?,
        name: row.get(at!(C, "name"))?,
    })
}

pub(crate) fn logbook_entry(row: &Row) -> Result<LogbookEntry> {
    const C: &[&str] = LOGBOOK;
    Ok(LogbookEntry {
        id: id_from(
            "logbook id",
            &row.get::<_, String>(at!(C, "id"))?,
            LogbookEntryId,
        )?,
        device_id: id_from(
            "device id",
            &row.get::<_, String>(at!(C, "device_id"))?,
            DeviceId,
        )?,
        seq: row.get(at!(C, "seq"))?,
        kind: enum_from("logbook kind", &row.get::<_, String>(at!(C, "kind"))?)?,
        occurred_at: time_from("time", &row.get::<_, String>(at!(C, "occurred_at"))?)?,
        recorded_at: time_from("time", &row.get::<_, String>(at!(C, "recorded_at"))?)?,
        author: row.get(at!(C, "author"))?,
        job_id: opt_id("job id", row.get(at!(C, "job_id"))?, JobId)?,
        summary: row.get(at!(C, "summary"))?,
        details_json: row.get(at!(C, "details_json"))?,
        corrects: opt_id("logbook id", row.get(at!(C, "corrects"))?, LogbookEntryId)?,
        prev_hash: row.get(at!(C, "prev_hash"))?,
        hash: row.get(at!(C, "hash"))?,
    })
}

/// A history item: a logbook entry with the device's registration number as the last column.
pub(crate) fn history_item(row: &Row) -> Result<crate::views::HistoryItem> {
    let entry = logbook_entry(row)?;
    Ok(crate::views::HistoryItem {
        words: veldwerk_core::logbook::words(&entry),
        entry,
        registration_number: row.get(LOGBOOK.len())?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every column list names exactly the columns of its table (in any order), so the
    /// statements built from them are valid and complete.
    #[test]
    fn column_lists_match_the_schema() {
        let secrets = crate::MemorySecretStore::default();
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open(&dir.path().join("t.db"), &secrets, "k").unwrap();
        let conn = store.raw_connection();
        for (table, cols, complete) in [
            ("residents", RESIDENT, true),
            ("devices", DEVICE, true),
            ("devices", DEVICE_SUMMARY, false),
            ("caregivers", CAREGIVER, true),
            ("slings", SLING, true),
            ("orders", ORDER, true),
            ("malfunctions", MALFUNCTION, true),
            ("appointments", APPOINTMENT, true),
            ("jobs", JOB, true),
            ("technicians", TECHNICIAN, true),
            ("municipalities", MUNICIPALITY, true),
            ("logbook", LOGBOOK, true),
            ("job_drafts", DRAFT, true),
            ("draft_answers", DRAFT_ANSWER, true),
            ("job_reports", JOB_REPORT, true),
            ("signals", SIGNAL, true),
            ("complaints", COMPLAINT, true),
            ("deviation_requests", DEVIATION, true),
            ("not_home_reports", NOT_HOME, true),
            // the sync state of an entry is read by crate::sync::outbox
            ("outbox", OUTBOX, false),
        ] {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
            let mut schema: Vec<String> =
                stmt.column_names().iter().map(|s| s.to_string()).collect();
            // seq is the integer key of residents and devices, never read as data
            if matches!(table, "residents" | "devices") {
                schema.retain(|c| c != "seq");
            }
            for c in cols {
                assert!(schema.contains(&c.to_string()), "{table} has no column {c}");
            }
            if complete {
                assert_eq!(schema.len(), cols.len(), "{table}: {schema:?} vs {cols:?}");
            }
            drop(stmt.query([]).unwrap());
        }
        assert_eq!(col(LOGBOOK, "hash"), 12);
    }

    #[test]
    fn statements_prepare() {
        let secrets = crate::MemorySecretStore::default();
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open(&dir.path().join("t.db"), &secrets, "k").unwrap();
        let conn = store.raw_connection();
        for s in [
            &*sql::RESIDENT_BY_ID,
            &*sql::RESIDENT_BY_SEQ,
            &*sql::DEVICE_BY_ID,
            &*sql::SUMMARY_BY_ID,
            &*sql::SUMMARY_BY_SEQ,
            &*sql::SUMMARY_BY_REGISTRATION,
            &*sql::SUMMARIES_OF_RESIDENT,
            &*sql::TECHNICIANS,
            &*sql::TECHNICIAN_BY_ID,
            &*sql::MUNICIPALITY_BY_ID,
            &*sql::CAREGIVERS_OF,
            &*sql::SLINGS_OF,
            &*sql::ORDER_BY_ID,
            &*sql::ORDERS_OF,
            &*sql::MALFUNCTION_BY_ID,
            &*sql::OPEN_MALFUNCTIONS_OF_RESIDENT,
            &*sql::OPEN_MALFUNCTIONS_OF_DEVICE,
            &*sql::JOBS_OF,
            &*sql::APPOINTMENTS_OF_DAY,
            &*sql::IN_PROGRESS_ELSEWHERE,
            &*sql::PLANNED_OF_RESIDENT,
            &*sql::LOGBOOK_OF,
            &*sql::HISTORY_OF,
        ] {
            conn.prepare(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        }
        for s in sql::all() {
            conn.prepare(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
        }
    }
}
