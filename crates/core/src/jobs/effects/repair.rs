//! Repairs: the malfunction, deadlines, loan devices, wilful damage.

use super::builder::*;
use crate::jobs::completion::*;
use crate::jobs::evaluate::*;
use crate::jobs::records::SignalKind;
use crate::jobs::rules;
use crate::jobs::schema::keys;
use crate::logbook::LogbookKind;
use crate::model::{Device, DeviceStatus, MalfunctionStatus};
use crate::sla;
use crate::Localized;
use serde_json::{json, Map};

impl Builder<'_> {
    pub(super) fn repair(&mut self) {
        let day = self.day();
        let now = self.now;
        let arrived = moment(self.a, keys::repair::ARRIVAL_ARRIVED_AT);
        let fixed = yes_no(self.a, keys::repair::RESOLUTION_FIXED_ON_SITE) == Some(true);
        let resolved_at =
            fixed.then(|| moment(self.a, keys::repair::RESOLUTION_RESOLVED_AT).unwrap_or(now));
        if let Some(m) = &self.ctx.malfunction {
            self.out.malfunction = Some(MalfunctionUpdate {
                malfunction_id: m.id,
                // the first arrival counts for the response time; a later visit keeps it
                arrived_at: repair_arrival(m, self.a),
                resolved_at,
                status: fixed.then_some(MalfunctionStatus::Resolved),
                drive_related: yes_no(self.a, keys::repair::DIAGNOSIS_DRIVE_RELATED)
                    .map(|d| d && self.ctx.device.as_ref().is_some_and(Device::is_electric)),
            });
        }
        let occurred = resolved_at.or(arrived).unwrap_or(now);
        let Some(dev) = self.ctx.device.clone() else {
            return;
        };
        let cause = choice(self.a, keys::repair::DIAGNOSIS_CAUSE)
            .unwrap_or_default()
            .to_string();
        let drive_related = yes_no(self.a, keys::repair::DIAGNOSIS_DRIVE_RELATED) == Some(true);
        let loan_placed = yes_no(self.a, keys::repair::RESOLUTION_LOAN_PLACED) == Some(true);
        let loan = registration(self.a, keys::repair::RESOLUTION_LOAN_REGISTRATION)
            .filter(|_| loan_placed)
            .and_then(|r| known_device(self.ctx, r))
            .cloned();
        let transported = yes_no(self.a, keys::repair::RESOLUTION_TRANSPORTED) == Some(true);
        let options_moved =
            text(self.a, keys::repair::RESOLUTION_OPTIONS_MOVED).map(str::to_string);
        {
            let c = self.changes(dev.id);
            c.last_malfunction_on = Some(day);
            if !fixed && dev.status != DeviceStatus::OutOfUse {
                c.status = Some(DeviceStatus::AwaitingRepair);
            } else if fixed && dev.status == DeviceStatus::AwaitingRepair {
                c.status = Some(DeviceStatus::InUse);
            }
        }
        // The repair entry.
        let fault = text(self.a, keys::repair::DIAGNOSIS_FAULT);
        let mut summary = vec![l(
            format!("Reparatie: {}", fault.unwrap_or("storing")),
            format!("Repair: {}", fault.unwrap_or("malfunction")),
        )];
        if let Some(c) = self.chosen_words(keys::repair::DIAGNOSIS_CAUSE) {
            summary.push(l(
                format!("oorzaak: {}", c.nl.to_lowercase()),
                format!("cause: {}", c.en.to_lowercase()),
            ));
        }
        if drive_related {
            summary.push(l("aandrijving", "drive"));
        }
        self.parts_summary(&|_| true, &mut summary);
        if let Some(min) = measurement(self.a, keys::repair::RESOLUTION_LABOUR_MINUTES) {
            summary.push(l(format!("{min} min"), format!("{min} min")));
        }
        summary.push(if fixed {
            l("ter plaatse verholpen", "fixed on site")
        } else {
            l("niet ter plaatse verholpen", "not fixed on site")
        });
        if let Some(loan) = &loan {
            let reg = &loan.registration_number;
            summary.push(l(
                format!("leenmiddel {reg} geplaatst"),
                format!("loan device {reg} placed"),
            ));
        }
        if transported {
            summary.push(l(
                "inwoner en/of hulpmiddel vervoerd",
                "resident and/or device transported",
            ));
        }
        if let Some(s) = self.signed() {
            summary.push(s);
        }
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("arrived_at", keys::repair::ARRIVAL_ARRIVED_AT),
                ("fault", keys::repair::DIAGNOSIS_FAULT),
                ("cause", keys::repair::DIAGNOSIS_CAUSE),
                ("drive_related", keys::repair::DIAGNOSIS_DRIVE_RELATED),
                ("fixed_on_site", keys::repair::RESOLUTION_FIXED_ON_SITE),
                ("work_done", keys::repair::RESOLUTION_WORK_DONE),
                ("follow_up", keys::repair::RESOLUTION_FOLLOW_UP),
                ("resolved_at", keys::repair::RESOLUTION_RESOLVED_AT),
                ("labour_minutes", keys::repair::RESOLUTION_LABOUR_MINUTES),
                ("loan_placed", keys::repair::RESOLUTION_LOAN_PLACED),
                (
                    "loan_registration",
                    keys::repair::RESOLUTION_LOAN_REGISTRATION,
                ),
                ("options_moved", keys::repair::RESOLUTION_OPTIONS_MOVED),
                ("transported", keys::repair::RESOLUTION_TRANSPORTED),
            ],
        );
        if let Some(m) = &self.ctx.malfunction {
            details.insert("malfunction_id".into(), json!(m.id));
            details.insert("class".into(), code(m.class));
        }
        self.entry(
            dev.id,
            LogbookKind::Repair,
            occurred,
            joined(&summary),
            details,
        );
        // Damage (PvE 7.2.4, 9.2): wilful damage, an accident, vandalism, theft or improper use
        // is a damage entry in the logbook and the device's last maintenance due to misuse;
        // suspected wilful damage and improper use are signalled to the municipality.
        if let Some(kind) = damage_kind(&cause) {
            let description = text(self.a, keys::repair::DIAGNOSIS_WILFUL_DESCRIPTION)
                .filter(|_| cause == "wilful_damage")
                .or(text(self.a, keys::repair::DIAGNOSIS_FAULT))
                .unwrap_or_default()
                .to_string();
            let likely = text(self.a, keys::repair::DIAGNOSIS_WILFUL_LIKELY_CAUSE)
                .filter(|_| cause == "wilful_damage")
                .map(str::to_string);
            let what = format!("{} ({} {})", dev.registration_number, dev.brand, dev.model);
            let mut s = format!("{} aan {what}: {description}", kind.nl);
            let mut en = format!("{} to {what}: {description}", kind.en);
            if let Some(c) = &likely {
                s.push_str(&format!(". Vermoedelijke oorzaak: {c}"));
                en.push_str(&format!(". Likely cause: {c}"));
            }
            let mut details = Map::new();
            details.insert(
                "template".into(),
                json!(format!("{}@{}", self.t.id, self.t.version)),
            );
            details.insert("cause".into(), json!(cause));
            self.label(&mut details, "cause", keys::repair::DIAGNOSIS_CAUSE);
            details.insert("description".into(), json!(description));
            if let Some(c) = &likely {
                details.insert("likely_cause".into(), json!(c));
            }
            self.entry(
                dev.id,
                LogbookKind::DamageReport,
                occurred,
                l(s.clone(), en),
                details,
            );
            self.changes(dev.id).last_misuse_maintenance_on = Some(day);
            match cause.as_str() {
                "wilful_damage" => {
                    self.signal(SignalKind::SuspectedWilfulDamage, false, s);
                    self.notice(
                        "Vermoeden van moedwillige schade gemeld aan de gemeente; voeg foto's toe.",
                        "Suspected wilful damage reported to the municipality; add photos.",
                    );
                }
                "improper_use" => {
                    self.signal(SignalKind::ImproperUse, false, s);
                    self.notice(
                        "Oneigenlijk gebruik gemeld aan de gemeente.",
                        "Improper use reported to the municipality.",
                    );
                }
                _ => {}
            }
        }
        // The loan device.
        if let Some(loan) = loan {
            let during = l("tijdens de reparatie", "during the repair");
            self.place_loan(&loan, &dev, options_moved.as_deref(), occurred, &during);
        } else if !fixed {
            if let Some(m) = &self.ctx.malfunction {
                let d = sla::repair_deadlines(m.class, m.reported_at, arrived, self.cal);
                let h = human_deadline(d.replacement_by);
                self.notice(
                    format!(
                        "Niet ter plaatse verholpen: plaats een gelijkwaardig vervangend hulpmiddel vóór {}.",
                        h.nl
                    ),
                    format!(
                        "Not fixed on site: place a functionally equal replacement device before {}.",
                        h.en
                    ),
                );
            }
        }
        if drive_related
            && dev.is_electric()
            && rules::replacement_due(self.ctx.drive_repairs_previous_year)
        {
            self.out.notices.push(replacement_rule_notice(self.ctx));
        }
    }
}

/// The damage a repair's cause means, in words (None for wear and causes without damage).
fn damage_kind(cause: &str) -> Option<Localized> {
    let (nl, en) = match cause {
        "wilful_damage" => (
            "Vermoeden van moedwillige schade",
            "Suspected wilful damage",
        ),
        "accident" => ("Schade door een ongeluk", "Damage in an accident"),
        "vandalism" => ("Schade door vandalisme", "Damage by vandalism"),
        "theft" => ("Schade door diefstal", "Damage by theft"),
        "improper_use" => ("Schade door oneigenlijk gebruik", "Damage by improper use"),
        _ => return None,
    };
    Some(Localized::new(nl, en))
}
