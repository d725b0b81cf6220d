//! The documents' data filled from the replica's records: the job's context (resident,
//! device, order), its template and its completion. Pure like the rest of this crate; the
//! caller reads the blobs (signature and photo images) and passes their bytes in.

mod certificate;
mod job_report;

pub use certificate::hoist_certificate;
pub use job_report::{job_report, UnreadableParaaf};

use crate::model::{Address, Condition, DeviceInfo, Resident, SignerRole};
use veldwerk_core::jobs::context::JobContext;
use veldwerk_core::jobs::Template;

/// The resident as the documents name them.
pub fn resident_of(r: &veldwerk_core::model::Resident) -> Resident {
    let a = &r.address;
    Resident {
        name: r.display_name(),
        address: Address {
            street: format!("{} {}", a.street, a.house_number),
            postcode: a.postcode.as_str().to_string(),
            town: a.city.clone(),
        },
        birth_date: Some(r.birth_date),
        client_number: Some(r.resident_number.clone()),
    }
}

/// The device as the documents show it.
pub fn device_info(device: &veldwerk_core::model::Device) -> DeviceInfo {
    DeviceInfo {
        category: device.category,
        brand: device.brand.clone(),
        model: device.model.clone(),
        registration_number: device.registration_number.clone(),
        serial_number: device.serial_number.clone(),
        build_year: device.build_year,
        condition: if device.reconditioned {
            Condition::Reconditioned
        } else {
            Condition::New
        },
        options: device
            .configuration
            .iter()
            .map(|c| format!("{}: {}", c.label, c.value))
            .collect(),
        insurance_plate: device.insurance_plate.clone(),
    }
}

/// A signer's role as the documents print it.
pub fn signer_role(r: veldwerk_core::jobs::SignerRole) -> SignerRole {
    use veldwerk_core::jobs::SignerRole as S;
    match r {
        S::Resident => SignerRole::Resident,
        S::Caregiver => SignerRole::Caregiver,
        S::Representative => SignerRole::Representative,
        S::Technician => SignerRole::Technician,
    }
}

/// The order's number, or the job's id when the job has no order.
pub fn order_reference(ctx: &JobContext) -> String {
    ctx.order
        .as_ref()
        .map_or_else(|| ctx.job.id.to_string(), |o| o.order_number.clone())
}

/// The label of a choice's option (answered at `key`) as the template words it.
fn option_label<'t>(
    t: &'t Template,
    key: &str,
    option: &str,
) -> Option<&'t veldwerk_core::Localized> {
    match &t.item(key)?.1.input {
        veldwerk_core::jobs::Input::Choice { options } => {
            options.iter().find(|o| o.id == option).map(|o| &o.label)
        }
        _ => None,
    }
}
