//! What the device passport warns about: out of use, maintenance or inspection overdue, a
//! withdrawn sling, a reconditioned battery under the minimum, the replacement rule. The
//! rules' numbers live in [`crate::jobs::rules`]; this is where the passport applies them.

use crate::jobs::rules;
use crate::model::{Device, DeviceStatus, Sling, SlingStatus};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PassportWarning {
    OutOfUse,
    MaintenanceOverdue {
        due: NaiveDate,
    },
    InspectionOverdue {
        due: NaiveDate,
    },
    SlingWithdrawn {
        sling_number: String,
    },
    BatteryBelowReconditionedMinimum {
        capacity_pct: u8,
    },
    /// An electric device with more than 2 drive-related malfunctions in the previous
    /// calendar year must be replaced (PvE 2.5, 4.1).
    ReplacementDue {
        repairs: u32,
        year: i32,
    },
}

/// The passport's warnings for `device` (with its `slings`) on `today`;
/// `drive_repairs_previous_year` counts the drive-related repairs of the calendar year before
/// `today`'s (only electric devices fall under the replacement rule).
pub fn passport_warnings(
    device: &Device,
    slings: &[Sling],
    today: NaiveDate,
    drive_repairs_previous_year: u32,
) -> Vec<PassportWarning> {
    let mut w = Vec::new();
    if device.status == DeviceStatus::OutOfUse {
        w.push(PassportWarning::OutOfUse);
    }
    // a category bought without a service tariff has no maintenance schedule to be late on
    if let Some(due) = device
        .next_maintenance_due
        .filter(|d| *d < today && crate::contract::has_service_tariff(device.category))
    {
        w.push(PassportWarning::MaintenanceOverdue { due });
    }
    if let Some(due) = device.next_inspection_due.filter(|d| *d < today) {
        w.push(PassportWarning::InspectionOverdue { due });
    }
    for s in slings.iter().filter(|s| s.status == SlingStatus::Withdrawn) {
        w.push(PassportWarning::SlingWithdrawn {
            sling_number: s.sling_number.clone(),
        });
    }
    if device.reconditioned {
        if let Some(pct) = device
            .battery
            .as_ref()
            .and_then(|b| b.capacity_pct)
            .filter(|p| !rules::reconditioned_battery_ok(f64::from(*p)))
        {
            w.push(PassportWarning::BatteryBelowReconditionedMinimum { capacity_pct: pct });
        }
    }
    if device.is_electric() && rules::replacement_due(drive_repairs_previous_year) {
        w.push(PassportWarning::ReplacementDue {
            repairs: drive_repairs_previous_year,
            year: rules::previous_calendar_year(today),
        });
    }
    w
}
