//! Preventive maintenance: passport dates, battery, the logbook entry and the usage check.

use super::builder::*;
use crate::jobs::answer::Answer;
use crate::jobs::evaluate::*;
use crate::jobs::records::SignalKind;
use crate::jobs::rules;
use crate::jobs::schema::keys;
use crate::jobs::templates::split_key;
use crate::logbook::LogbookKind;
use crate::model::DeviceStatus;
use serde_json::{json, Map};

impl Builder<'_> {
    pub(super) fn preventive_maintenance(&mut self) {
        let Some(dev) = self.ctx.device.clone() else {
            return;
        };
        let plain = |k: &str| !k.contains('[');
        let day = self.day();
        {
            // none for a category bought without a service tariff
            let next = rules::maintenance_due_after(&dev, day);
            let c = self.changes(dev.id);
            c.last_preventive_maintenance_on = Some(day);
            c.next_maintenance_due = next;
        }
        let capacity = battery_capacity_key(self.t).and_then(|k| measurement(self.a, &k));
        if let Some(pct) = capacity {
            let c = self.changes(dev.id);
            c.battery_capacity_pct = Some(pct.round().clamp(0.0, 255.0) as u8);
            c.battery_tested_on = Some(day);
            if dev.reconditioned && !rules::reconditioned_battery_ok(pct) {
                self.out.notices.push(battery_notice(pct));
            }
        }
        if self.check_notices(&plain) {
            self.changes(dev.id).status = Some(DeviceStatus::OutOfUse);
            self.out_of_use_notice();
        }
        // The logbook entry.
        let mut summary = vec![l(
            "Preventief onderhoud uitgevoerd",
            "Preventive maintenance carried out",
        )];
        self.findings_summary(&plain, &mut summary);
        self.parts_summary(&plain, &mut summary);
        if let Some(s) = self.signed() {
            summary.push(s);
        }
        let mut details = self.digest(&plain);
        self.put(
            &mut details,
            &[
                ("labour_minutes", keys::maintenance::WORK_LABOUR_MINUTES),
                ("usage", keys::maintenance::USAGE_FUNCTIONAL_CHECK),
            ],
        );
        if let Some(pct) = capacity {
            details.insert("battery_capacity_pct".into(), json!(pct));
        }
        let now = self.now;
        self.entry(
            dev.id,
            LogbookKind::PreventiveMaintenance,
            now,
            joined(&summary),
            details,
        );
        // The usage-functionality check.
        if let Some(usage) =
            choice(self.a, keys::maintenance::USAGE_FUNCTIONAL_CHECK).map(str::to_string)
        {
            let label = self
                .chosen_words(keys::maintenance::USAGE_FUNCTIONAL_CHECK)
                .unwrap_or_else(|| l("", ""));
            let in_usage = |k: &str| {
                split_key(k).is_some_and(|(step, _, _)| step == keys::maintenance::USAGE_STEP)
            };
            let mut details = Map::new();
            details.insert(
                "template".into(),
                json!(format!("{}@{}", self.t.id, self.t.version)),
            );
            for (k, a) in self.a.iter().filter(|(k, _)| in_usage(k)) {
                details.insert(k.clone(), answer_value(a));
                self.label(&mut details, k, k);
            }
            let mut summary = vec![l(
                format!("Toetsing gebruiksfunctionaliteit: {}", label.nl),
                format!("Usage check: {}", label.en),
            )];
            if yes_no(self.a, keys::maintenance::USAGE_INSTRUCTION_GIVEN) == Some(true) {
                summary.push(l("opnieuw instructie gegeven", "instructed again"));
            }
            self.entry(
                dev.id,
                LogbookKind::UsageCheck,
                now,
                joined(&summary),
                details,
            );
            if usage == "not_adequate" {
                let mut d = format!(
                    "Bij preventief onderhoud van {} ({} {}): het hulpmiddel is niet meer adequaat voor de inwoner.",
                    dev.registration_number, dev.brand, dev.model
                );
                for (_, a) in self.a.iter().filter(|(k, _)| in_usage(k)) {
                    if let Answer::Text { value } = a {
                        d.push(' ');
                        d.push_str(value);
                    }
                }
                self.signal(SignalKind::NoLongerAdequate, false, d);
            }
        }
    }
}
