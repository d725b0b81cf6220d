//! Collection of a device at the end of an order.

use super::builder::*;
use crate::jobs::answer::Answer;
use crate::jobs::completion::*;
use crate::jobs::evaluate::*;
use crate::jobs::rules;
use crate::jobs::schema::keys;
use crate::jobs::template::CheckResult;
use crate::logbook::LogbookKind;
use crate::model::DeviceStatus;
use serde_json::json;

impl Builder<'_> {
    pub(super) fn collection(&mut self) {
        let now = self.now;
        let collected = yes_no(self.a, keys::collection::COLLECTION_COLLECTED) == Some(true);
        if !collected {
            let why = text(self.a, keys::collection::COLLECTION_NOT_COLLECTED_REASON)
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            self.notice(
                format!("Het hulpmiddel is niet ingenomen{why}: plan een nieuwe afspraak."),
                format!("The device was not collected{why}: plan a new appointment."),
            );
            return;
        }
        if let Some(dev) = self.ctx.device.clone() {
            {
                let c = self.changes(dev.id);
                c.resident = Some(ResidentLink::Nobody);
                c.status = Some(DeviceStatus::InDepot);
            }
            let name = self.resident_name();
            let mut summary = vec![l(
                format!("Ingenomen bij {name}"),
                format!("Collected from {name}"),
            )];
            if let Some(Answer::Check { result, .. }) =
                self.a.get(keys::collection::COLLECTION_CONDITION)
            {
                summary.push(match result {
                    CheckResult::Ok => l("staat in orde", "in good condition"),
                    CheckResult::Repaired => {
                        l("staat: ter plaatse hersteld", "condition: repaired on site")
                    }
                    CheckResult::DefectFixBy => l("staat: defect", "condition: defect"),
                    CheckResult::OutOfUse => l(
                        "staat: defect, niet meer bruikbaar",
                        "condition: defect, no longer usable",
                    ),
                    CheckResult::NotApplicable => {
                        l("staat niet beoordeeld", "condition not assessed")
                    }
                });
            }
            match yes_no(self.a, keys::collection::COLLECTION_ACCESSORIES_COMPLETE) {
                Some(true) => summary.push(l("toebehoren compleet", "accessories complete")),
                Some(false) => {
                    summary.push(l("toebehoren niet compleet", "accessories not complete"))
                }
                None => {}
            }
            let mut details = self.digest(&|_| true);
            self.put(
                &mut details,
                &[
                    ("condition", keys::collection::COLLECTION_CONDITION),
                    (
                        "accessories_complete",
                        keys::collection::COLLECTION_ACCESSORIES_COMPLETE,
                    ),
                ],
            );
            if let Some(o) = &self.ctx.order {
                details.insert("order_number".into(), json!(o.order_number));
            }
            self.entry(
                dev.id,
                LogbookKind::Collection,
                now,
                joined(&summary),
                details,
            );
        }
        if let Some(order) = &self.ctx.order {
            if !rules::collection_in_time(self.cal, order.ordered_on, now) {
                let h = human_deadline(rules::collection_deadline(self.cal, order.ordered_on));
                self.notice(
                    format!(
                        "Later ingenomen dan 10 werkdagen na de opdracht (uiterlijk {}).",
                        h.nl
                    ),
                    format!(
                        "Collected later than 10 working days after the order (due before {}).",
                        h.en
                    ),
                );
            }
        }
        self.complete_order();
    }
}
