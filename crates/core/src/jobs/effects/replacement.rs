//! Replacement of a device by another.

use super::builder::*;
use crate::jobs::completion::*;
use crate::jobs::evaluate::*;
use crate::jobs::schema::keys;
use crate::logbook::LogbookKind;
use crate::model::DeviceStatus;
use serde_json::json;

impl Builder<'_> {
    pub(super) fn replacement(&mut self) {
        let day = self.day();
        let now = self.now;
        let old = self.ctx.device.clone();
        let new = registration(self.a, keys::replacement::NEW_DEVICE_REGISTRATION)
            .and_then(|r| known_device(self.ctx, r))
            .cloned();
        let collected = yes_no(self.a, keys::replacement::OLD_DEVICE_COLLECTED) == Some(true);
        let value_cents = measurement(self.a, keys::replacement::NEW_DEVICE_CATALOGUE_VALUE)
            .map(|eur| (eur * 100.0).round().clamp(0.0, f64::from(u32::MAX)) as u32);
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("new_device", keys::replacement::NEW_DEVICE_REGISTRATION),
                (
                    "old_device_collected",
                    keys::replacement::OLD_DEVICE_COLLECTED,
                ),
            ],
        );
        if let Some(c) = value_cents {
            details.insert("catalogue_value_cents".into(), json!(c));
        }
        if let Some(o) = &old {
            details.insert("old_device".into(), json!(o.registration_number));
        }
        let signed = self.signed();
        if let Some(n) = &new {
            {
                let link = ResidentLink::Resident(self.ctx.resident.id);
                let c = self.changes(n.id);
                c.resident = Some(link);
                c.status = Some(DeviceStatus::InUse);
                // first delivery to this resident (first ever issue is `first_issued_on`)
                c.first_delivered_on = Some(day);
                c.last_delivered_on = Some(day);
                c.catalogue_value_cents = value_cents;
            }
            let name = self.resident_name();
            let old_reg = old.as_ref().map_or("-", |o| o.registration_number.as_str());
            let mut s = vec![l(
                format!("Geleverd aan {name} ter vervanging van {old_reg}"),
                format!("Delivered to {name} replacing {old_reg}"),
            )];
            if let Some(c) = value_cents {
                let e = crate::words::euro(u64::from(c));
                s.push(l(
                    format!("bruto cataloguswaarde {}", e.nl),
                    format!("gross catalogue value {}", e.en),
                ));
            }
            if let Some(sg) = &signed {
                s.push(sg.clone());
            }
            self.entry(
                n.id,
                LogbookKind::Replacement,
                now,
                joined(&s),
                details.clone(),
            );
        }
        if let Some(o) = &old {
            let by = new.as_ref().map_or_else(
                || {
                    registration(self.a, keys::replacement::NEW_DEVICE_REGISTRATION)
                        .unwrap_or("-")
                        .to_string()
                },
                |n| format!("{} ({} {})", n.registration_number, n.brand, n.model),
            );
            let mut s = vec![l(
                format!("Vervangen door {by}"),
                format!("Replaced by {by}"),
            )];
            if collected {
                s.push(l("oud hulpmiddel ingenomen", "old device collected"));
                let c = self.changes(o.id);
                c.resident = Some(ResidentLink::Nobody);
                c.status = Some(DeviceStatus::InDepot);
            } else {
                s.push(l(
                    "oud hulpmiddel nog niet ingenomen",
                    "old device not collected yet",
                ));
                self.notice(
                    "Het oude hulpmiddel is nog niet ingenomen: plan de inname.",
                    "The old device has not been collected yet: plan its collection.",
                );
            }
            if let Some(sg) = &signed {
                s.push(sg.clone());
            }
            self.entry(o.id, LogbookKind::Replacement, now, joined(&s), details);
        }
        self.complete_order();
    }
}
