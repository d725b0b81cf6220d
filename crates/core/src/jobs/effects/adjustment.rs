//! Adjustments, and placing a loan device (shared with repairs).

use super::builder::*;
use crate::jobs::completion::*;
use crate::jobs::evaluate::*;
use crate::jobs::schema::keys;
use crate::logbook::LogbookKind;
use crate::model::{Device, DeviceStatus};
use crate::sla;
use crate::Localized;
use chrono::{DateTime, Utc};
use serde_json::{json, Map};

impl Builder<'_> {
    pub(super) fn adjustment(&mut self) {
        let Some(dev) = self.ctx.device.clone() else {
            return;
        };
        let now = self.now;
        let taken = yes_no(self.a, keys::adjustment::WORK_DEVICE_TAKEN) == Some(true);
        let what = text(self.a, keys::adjustment::WORK_DESCRIPTION).unwrap_or("-");
        let mut summary = vec![l(
            format!("Aanpassing: {what}"),
            format!("Adjustment: {what}"),
        )];
        self.parts_summary(&|_| true, &mut summary);
        let mut replacement = None;
        if taken {
            let due = sla::adjustment_return_by(self.cal, adjustment_taken_at(self.ctx, now));
            let h = human_deadline(due);
            summary.push(l(
                format!("hulpmiddel meegenomen, terug vóór {}", h.nl),
                format!("device taken, back before {}", h.en),
            ));
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
                let reg = &r.registration_number;
                summary.push(l(
                    format!("vervangend hulpmiddel {reg} geplaatst"),
                    format!("replacement device {reg} placed"),
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
            joined(&summary),
            details,
        );
        if let Some(r) = replacement {
            let during = l("tijdens de aanpassing", "during the adjustment");
            self.place_loan(&r, &dev, None, now, &during);
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
        during: &Localized,
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
        let (nl_opts, en_opts) = options_moved
            .map(|o| {
                (
                    format!("; opties overgezet: {o}"),
                    format!("; options moved: {o}"),
                )
            })
            .unwrap_or_default();
        let (own_reg, loan_reg) = (&own.registration_number, &loan.registration_number);
        self.entry(
            loan.id,
            LogbookKind::LoanPlaced,
            occurred,
            l(
                format!("Als leenmiddel geplaatst bij {name} voor {own_reg}{nl_opts}"),
                format!("Placed as a loan device with {name} for {own_reg}{en_opts}"),
            ),
            details.clone(),
        );
        self.entry(
            own.id,
            LogbookKind::LoanPlaced,
            occurred,
            l(
                format!(
                    "Leenmiddel {loan_reg} geplaatst bij {name} {}{nl_opts}",
                    during.nl
                ),
                format!(
                    "Loan device {loan_reg} placed with {name} {}{en_opts}",
                    during.en
                ),
            ),
            details,
        );
    }
}
