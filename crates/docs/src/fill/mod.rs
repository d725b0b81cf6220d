//! The documents' data filled from the replica's records: the job's context (resident,
//! device, order), its template and its completion. Pure like the rest of this crate; the
//! caller reads the blobs (signature and photo images) and passes their bytes in.

mod certificate;
mod job_report;

pub use certificate::hoist_certificate;
pub use job_report::job_report;

use crate::model::{Address, Condition, DeviceInfo, Resident, SignerRole};
use std::collections::BTreeMap;
use veldwerk_core::jobs::context::JobContext;
use veldwerk_core::jobs::{answer_key, Answer, Template};

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

/// The answers of a completed job by step and item.
struct Answers<'a>(&'a BTreeMap<String, Answer>);

impl<'a> Answers<'a> {
    fn get(&self, step: &str, item: &str) -> Option<&'a Answer> {
        self.0.get(&answer_key(step, None, item))
    }

    fn text(&self, step: &str, item: &str) -> Option<String> {
        match self.get(step, item) {
            Some(Answer::Text { value }) if !value.trim().is_empty() => {
                Some(value.trim().to_string())
            }
            _ => None,
        }
    }

    fn choice(&self, step: &str, item: &str) -> Option<&'a str> {
        match self.get(step, item) {
            Some(Answer::Choice { value }) => Some(value),
            _ => None,
        }
    }

    fn date(&self, step: &str, item: &str) -> Option<chrono::NaiveDate> {
        match self.get(step, item) {
            Some(Answer::Date { value }) => Some(*value),
            _ => None,
        }
    }

    fn measurement(&self, step: &str, item: &str) -> Option<f64> {
        match self.get(step, item) {
            Some(Answer::Measurement { value }) => Some(*value),
            _ => None,
        }
    }
}

/// The label of a choice's option as the template words it.
fn option_label<'t>(
    t: &'t Template,
    step: &str,
    item: &str,
    option: &str,
) -> Option<&'t veldwerk_core::Localized> {
    let item = t
        .steps
        .iter()
        .find(|s| s.id == step)?
        .items
        .iter()
        .find(|i| i.id == item)?;
    match &item.input {
        veldwerk_core::jobs::Input::Choice { options } => {
            options.iter().find(|o| o.id == option).map(|o| &o.label)
        }
        _ => None,
    }
}
