//! Reading domain records from rows. Stored text that does not decode is reported as
//! corrupt, never skipped.

use crate::codec::*;
use crate::error::Result;
use rusqlite::Row;
use veldwerk_core::ids::*;
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::*;

/// Wraps a row-reading closure so that decoding errors surface as StoreError.
pub(crate) fn get<T: rusqlite::types::FromSql>(row: &Row, col: &str) -> Result<T> {
    Ok(row.get(col)?)
}

pub(crate) const RESIDENT_COLS: &str = "r.id, r.resident_number, r.municipality_id, r.initials,
    r.first_name, r.name_prefix, r.surname, r.birth_date, r.street, r.house_number, r.postcode,
    r.city, r.phone, r.email, r.preferred_communication, r.particulars";

pub(crate) fn resident(row: &Row) -> Result<Resident> {
    let postcode: String = get(row, "postcode")?;
    Ok(Resident {
        id: id_from("resident id", &get::<String>(row, "id")?, ResidentId)?,
        resident_number: get(row, "resident_number")?,
        municipality_id: id_from(
            "municipality id",
            &get::<String>(row, "municipality_id")?,
            MunicipalityId,
        )?,
        initials: get(row, "initials")?,
        first_name: get(row, "first_name")?,
        name_prefix: get(row, "name_prefix")?,
        surname: get(row, "surname")?,
        birth_date: date_from("birth date", &get::<String>(row, "birth_date")?)?,
        address: Address {
            street: get(row, "street")?,
            house_number: get(row, "house_number")?,
            postcode: Postcode::parse(&postcode).map_err(|e| crate::StoreError::Corrupt {
                what: "postcode",
                detail: e.to_string(),
            })?,
            city: get(row, "city")?,
        },
        phone: get(row, "phone")?,
        email: get(row, "email")?,
        preferred_communication: enum_from(
            "communication preference",
            &get::<String>(row, "preferred_communication")?,
        )?,
        particulars: get(row, "particulars")?,
    })
}

pub(crate) fn caregiver(row: &Row) -> Result<Caregiver> {
    Ok(Caregiver {
        id: id_from("caregiver id", &get::<String>(row, "id")?, CaregiverId)?,
        resident_id: id_from(
            "resident id",
            &get::<String>(row, "resident_id")?,
            ResidentId,
        )?,
        name: get(row, "name")?,
        relation: get(row, "relation")?,
        kind: enum_from("caregiver kind", &get::<String>(row, "kind")?)?,
        phone: get(row, "phone")?,
        email: get(row, "email")?,
        may_sign: get(row, "may_sign")?,
    })
}

pub(crate) const DEVICE_COLS: &str = "d.id, d.registration_number, d.category, d.brand, d.model,
    d.serial_number, d.build_year, d.first_issued_on, d.first_delivered_on, d.last_delivered_on,
    d.catalogue_value_cents, d.accessories_value_cents, d.configuration_json,
    d.measurements_json, d.reconditioned, d.electric, d.battery_json, d.insurance_plate,
    d.wlz_use, d.max_user_weight_kg, d.swl_kg, d.status, d.resident_id,
    d.last_preventive_maintenance_on, d.last_malfunction_on, d.last_misuse_maintenance_on,
    d.next_maintenance_due, d.next_inspection_due";

pub(crate) fn device(row: &Row) -> Result<Device> {
    let battery: Option<String> = get(row, "battery_json")?;
    Ok(Device {
        id: id_from("device id", &get::<String>(row, "id")?, DeviceId)?,
        registration_number: get(row, "registration_number")?,
        category: enum_from("category", &get::<String>(row, "category")?)?,
        brand: get(row, "brand")?,
        model: get(row, "model")?,
        serial_number: get(row, "serial_number")?,
        build_year: get(row, "build_year")?,
        first_issued_on: opt_date_from("date", get(row, "first_issued_on")?)?,
        first_delivered_on: opt_date_from("date", get(row, "first_delivered_on")?)?,
        last_delivered_on: opt_date_from("date", get(row, "last_delivered_on")?)?,
        catalogue_value_cents: get(row, "catalogue_value_cents")?,
        accessories_value_cents: get(row, "accessories_value_cents")?,
        configuration: json_from("configuration", &get::<String>(row, "configuration_json")?)?,
        measurements: json_from("measurements", &get::<String>(row, "measurements_json")?)?,
        reconditioned: get(row, "reconditioned")?,
        electric: get(row, "electric")?,
        battery: battery.map(|b| json_from("battery", &b)).transpose()?,
        insurance_plate: get(row, "insurance_plate")?,
        wlz_use: get(row, "wlz_use")?,
        max_user_weight_kg: get(row, "max_user_weight_kg")?,
        swl_kg: get(row, "swl_kg")?,
        status: enum_from("device status", &get::<String>(row, "status")?)?,
        resident_id: get::<Option<String>>(row, "resident_id")?
            .map(|s| id_from("resident id", &s, ResidentId))
            .transpose()?,
        last_preventive_maintenance_on: opt_date_from(
            "date",
            get(row, "last_preventive_maintenance_on")?,
        )?,
        last_malfunction_on: opt_date_from("date", get(row, "last_malfunction_on")?)?,
        last_misuse_maintenance_on: opt_date_from("date", get(row, "last_misuse_maintenance_on")?)?,
        next_maintenance_due: opt_date_from("date", get(row, "next_maintenance_due")?)?,
        next_inspection_due: opt_date_from("date", get(row, "next_inspection_due")?)?,
    })
}

pub(crate) fn sling(row: &Row) -> Result<Sling> {
    Ok(Sling {
        id: id_from("sling id", &get::<String>(row, "id")?, SlingId)?,
        hoist_id: id_from("device id", &get::<String>(row, "hoist_id")?, DeviceId)?,
        sling_number: get(row, "sling_number")?,
        manufacturer: get(row, "manufacturer")?,
        model: get(row, "model")?,
        size: get(row, "size")?,
        swl_kg: get(row, "swl_kg")?,
        manufactured_on: opt_date_from("date", get(row, "manufactured_on")?)?,
        in_use_since: opt_date_from("date", get(row, "in_use_since")?)?,
        status: enum_from("sling status", &get::<String>(row, "status")?)?,
        next_inspection_due: opt_date_from("date", get(row, "next_inspection_due")?)?,
    })
}

pub(crate) fn order(row: &Row) -> Result<Order> {
    Ok(Order {
        id: id_from("order id", &get::<String>(row, "id")?, OrderId)?,
        order_number: get(row, "order_number")?,
        municipality_id: id_from(
            "municipality id",
            &get::<String>(row, "municipality_id")?,
            MunicipalityId,
        )?,
        resident_id: id_from(
            "resident id",
            &get::<String>(row, "resident_id")?,
            ResidentId,
        )?,
        kind: enum_from("order kind", &get::<String>(row, "kind")?)?,
        category: enum_from("category", &get::<String>(row, "category")?)?,
        description: get(row, "description")?,
        ordered_on: date_from("date", &get::<String>(row, "ordered_on")?)?,
        status: enum_from("order status", &get::<String>(row, "status")?)?,
        device_id: get::<Option<String>>(row, "device_id")?
            .map(|s| id_from("device id", &s, DeviceId))
            .transpose()?,
    })
}

pub(crate) fn malfunction(row: &Row) -> Result<Malfunction> {
    Ok(Malfunction {
        id: id_from("malfunction id", &get::<String>(row, "id")?, MalfunctionId)?,
        device_id: id_from("device id", &get::<String>(row, "device_id")?, DeviceId)?,
        resident_id: id_from(
            "resident id",
            &get::<String>(row, "resident_id")?,
            ResidentId,
        )?,
        reported_at: time_from("time", &get::<String>(row, "reported_at")?)?,
        class: enum_from("response class", &get::<String>(row, "class")?)?,
        description: get(row, "description")?,
        drive_related: get(row, "drive_related")?,
        status: enum_from("malfunction status", &get::<String>(row, "status")?)?,
        arrived_at: opt_time_from("time", get(row, "arrived_at")?)?,
        resolved_at: opt_time_from("time", get(row, "resolved_at")?)?,
    })
}

pub(crate) fn appointment(row: &Row) -> Result<Appointment> {
    let start = time_from("time", &get::<String>(row, "starts_at")?)?;
    let end = time_from("time", &get::<String>(row, "ends_at")?)?;
    Ok(Appointment {
        id: id_from("appointment id", &get::<String>(row, "id")?, AppointmentId)?,
        technician_id: id_from(
            "technician id",
            &get::<String>(row, "technician_id")?,
            TechnicianId,
        )?,
        resident_id: id_from(
            "resident id",
            &get::<String>(row, "resident_id")?,
            ResidentId,
        )?,
        window: TimeWindow::new(start, end).map_err(|e| crate::StoreError::Corrupt {
            what: "appointment window",
            detail: e.to_string(),
        })?,
        status: enum_from("appointment status", &get::<String>(row, "status")?)?,
        note: get(row, "note")?,
    })
}

pub(crate) fn job(row: &Row) -> Result<Job> {
    let opt = |col: &str| -> Result<Option<uuid::Uuid>> {
        get::<Option<String>>(row, col)?
            .map(|s| id_from("id", &s, |u| u))
            .transpose()
    };
    Ok(Job {
        id: id_from("job id", &get::<String>(row, "id")?, JobId)?,
        appointment_id: id_from(
            "appointment id",
            &get::<String>(row, "appointment_id")?,
            AppointmentId,
        )?,
        kind: enum_from("job kind", &get::<String>(row, "kind")?)?,
        device_id: opt("device_id")?.map(DeviceId),
        order_id: opt("order_id")?.map(OrderId),
        malfunction_id: opt("malfunction_id")?.map(MalfunctionId),
        status: enum_from("job status", &get::<String>(row, "status")?)?,
    })
}

pub(crate) fn technician(row: &Row) -> Result<Technician> {
    Ok(Technician {
        id: id_from("technician id", &get::<String>(row, "id")?, TechnicianId)?,
        name: get(row, "name")?,
        role: enum_from("role", &get::<String>(row, "role")?)?,
    })
}

pub(crate) fn municipality(row: &Row) -> Result<Municipality> {
    Ok(Municipality {
        id: id_from(
            "municipality id",
            &get::<String>(row, "id")?,
            MunicipalityId,
        )?,
        code: get(row, "code")?,
        name: get(row, "name")?,
    })
}

pub(crate) fn logbook_entry(row: &Row) -> Result<LogbookEntry> {
    Ok(LogbookEntry {
        id: id_from("logbook id", &get::<String>(row, "id")?, LogbookEntryId)?,
        device_id: id_from("device id", &get::<String>(row, "device_id")?, DeviceId)?,
        seq: get(row, "seq")?,
        kind: enum_from("logbook kind", &get::<String>(row, "kind")?)?,
        occurred_at: time_from("time", &get::<String>(row, "occurred_at")?)?,
        recorded_at: time_from("time", &get::<String>(row, "recorded_at")?)?,
        author: get(row, "author")?,
        job_id: get::<Option<String>>(row, "job_id")?
            .map(|s| id_from("job id", &s, JobId))
            .transpose()?,
        summary: get(row, "summary")?,
        details_json: get(row, "details_json")?,
        corrects: get::<Option<String>>(row, "corrects")?
            .map(|s| id_from("logbook id", &s, LogbookEntryId))
            .transpose()?,
        prev_hash: get(row, "prev_hash")?,
        hash: get(row, "hash")?,
    })
}

pub(crate) const DEVICE_SUMMARY_COLS: &str = "d.id, d.registration_number, d.category, d.brand,
    d.model, d.serial_number, d.status, d.resident_id, d.next_maintenance_due,
    d.next_inspection_due";

/// A device summary from the [`DEVICE_SUMMARY_COLS`] columns only.
pub(crate) fn device_summary(row: &Row) -> Result<crate::views::DeviceSummary> {
    let category: veldwerk_core::Category =
        enum_from("category", &get::<String>(row, "category")?)?;
    Ok(crate::views::DeviceSummary {
        id: id_from("device id", &get::<String>(row, "id")?, DeviceId)?,
        registration_number: get(row, "registration_number")?,
        category,
        category_name: category.name(),
        brand: get(row, "brand")?,
        model: get(row, "model")?,
        serial_number: get(row, "serial_number")?,
        status: enum_from("device status", &get::<String>(row, "status")?)?,
        resident_id: get::<Option<String>>(row, "resident_id")?
            .map(|s| id_from("resident id", &s, ResidentId))
            .transpose()?,
        next_maintenance_due: opt_date_from("date", get(row, "next_maintenance_due")?)?,
        next_inspection_due: opt_date_from("date", get(row, "next_inspection_due")?)?,
    })
}
