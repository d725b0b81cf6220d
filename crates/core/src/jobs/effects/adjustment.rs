//! Adjustments, and placing a loan device (shared with repairs).

use super::builder::*;
use crate::jobs::completion::*;
use crate::jobs::evaluate::*;
use crate::jobs::schema::keys;
use crate::logbook::LogbookKind;
use crate::model::{Device, DeviceStatus};
use crate::sla;
use chrono::{DateTime, Utc};
use serde_json::{json, Map};

impl Builder<'_> {
    pub(super) fn adjustment(&mut self) {
        let Some(dev) = self.ctx.device.clone() else {
            return;
        };
        let now = self.now;
        let taken = yes_no(self.a, keys::adjustment::WORK_DEVICE_TAKEN) == Some(true);
        let mut summary = vec![format!(
            "Aanpassing: {}",
            text(self.a, keys::adjustment::WORK_DESCRIPTION).unwrap_or("-")
        )];
        self.parts_summary(&|_| true, &mut summary);
        let mut replacement = None;
        if taken {
            let due = sla::adjustment_return_by(self.cal, adjustment_taken_at(self.ctx, now));
            let h = human_deadline(due);
            summary.push(format!("hulpmiddel meegenomen, terug vóór {}", h.nl));
            self.changes(dev.id).status = Some(DeviceStatus::AwaitingRepair);
            self.notice(
                format!(
                    "Hulpmiddel meegenomen: terug bij de inwoner vóór {} (uiterlijk 2 werkdagen).",
                    h.nl
                ),
                format!(
                    "Device taken: back with the resident before {} (at most 2 working days).",
                    h.en
                ),
            );
            if let Some(n) = return_too_late(self.a, due) {
                self.out.notices.push(n);
            }
            replacement = registration(self.a, keys::adjustment::WORK_REPLACEMENT_REGISTRATION)
                .filter(|_| yes_no(self.a, keys::adjustment::WORK_REPLACEMENT_PLACED) == Some(true))
                .and_then(|r| known_device(self.ctx, r))
                .cloned();
            if let Some(r) = &replacement {
                summary.push(format!(
                    "vervangend hulpmiddel {} geplaatst",
                    r.registration_number
                ));
            }
        }
        if let Some(s) = self.signed() {
            summary.push(s);
        }
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("description", keys::adjustment::WORK_DESCRIPTION),
                ("device_taken", keys::adjustment::WORK_DEVICE_TAKEN),
                ("return_date", keys::adjustment::WORK_RETURN_DATE),
                (
                    "replacement_registration",
                    keys::adjustment::WORK_REPLACEMENT_REGISTRATION,
                ),
            ],
        );
        self.entry(
            dev.id,
            LogbookKind::Adjustment,
            now,
            summary.join("; "),
            details,
        );
        if let Some(r) = replacement {
            self.place_loan(&r, &dev, None, now, "tijdens de aanpassing");
        }
    }

    /// A loan (or replacement) device `loan` placed with the resident while their own device
    /// `own` is away: it goes `OnLoan` to the resident, delivered on the job day, with a
    /// `LoanPlaced` entry on both devices.
    pub(super) fn place_loan(
        &mut self,
        loan: &Device,
        own: &Device,
        options_moved: Option<&str>,
        occurred: DateTime<Utc>,
        during: &str,
    ) {
        let day = self.day();
        let name = self.resident_name();
        {
            let link = ResidentLink::Resident(self.ctx.resident.id);
            let c = self.changes(loan.id);
            c.resident = Some(link);
            c.status = Some(DeviceStatus::OnLoan);
            c.last_delivered_on = Some(day);
        }
        let mut details = Map::new();
        details.insert(
            "template".into(),
            json!(format!("{}@{}", self.t.id, self.t.version)),
        );
        details.insert("loan_device".into(), json!(loan.registration_number));
        details.insert("for_device".into(), json!(own.registration_number));
        if let Some(o) = options_moved {
            details.insert("options_moved".into(), json!(o));
        }
        let opts = options_moved
            .map(|o| format!("; opties overgezet: {o}"))
            .unwrap_or_default();
        self.entry(
            loan.id,
            LogbookKind::LoanPlaced,
            occurred,
            format!(
                "Als leenmiddel geplaatst bij {name} voor {}{opts}",
                own.registration_number
            ),
            details.clone(),
        );
        self.entry(
            own.id,
            LogbookKind::LoanPlaced,
            occurred,
            format!(
                "Leenmiddel {} geplaatst bij {name} {during}{opts}",
                loan.registration_number
            ),
            details,
        );
    }
}
