//! Hoist and sling inspection.

use super::builder::*;
use crate::jobs::completion::*;
use crate::jobs::evaluate::*;
use crate::jobs::rules;
use crate::jobs::schema::keys;
use crate::jobs::template::Repeat;
use crate::jobs::templates::{answer_key, split_key};
use crate::logbook::LogbookKind;
use crate::model::{DeviceStatus, SlingStatus};
use crate::Localized;
use serde_json::{json, Value};

impl Builder<'_> {
    pub(super) fn hoist_inspection(&mut self) {
        let Some(hoist) = self.ctx.device.clone() else {
            return;
        };
        let day = self.day();
        let now = self.now;
        let plain = |k: &str| !k.contains('[');
        let outcome = choice(self.a, keys::hoist::OUTCOME_RESULT)
            .unwrap_or_default()
            .to_string();
        let rejected = outcome == "rejected";
        // Slings, in sling order.
        let sling_steps: Vec<&str> = self
            .t
            .steps
            .iter()
            .filter(|s| s.repeat == Some(Repeat::Slings))
            .map(|s| s.id.as_str())
            .collect();
        let sling_step = sling_steps
            .first()
            .copied()
            .unwrap_or(keys::hoist::SLING_STEP);
        let step = self.t.steps.iter().find(|s| s.id == sling_step);
        let insts = step.map(|s| instances(s, self.ctx)).unwrap_or_default();
        let mut sling_results: Vec<Value> = Vec::new();
        let mut n_rejected = 0usize;
        for (sid, snum) in insts {
            let (Some(sid), Some(snum)) = (sid, snum) else {
                continue;
            };
            let Some(sling) = self.ctx.slings.iter().find(|s| s.id.to_string() == sid) else {
                continue;
            };
            let sling = sling.clone();
            let okey = answer_key(sling_step, Some(&sid), keys::hoist::SLING_OUTCOME_ITEM);
            let Some(result) = choice(self.a, &okey).map(str::to_string) else {
                continue;
            };
            let sling_rejected = result == "rejected";
            let in_instance =
                |k: &str| split_key(k).is_some_and(|(_, inst, _)| inst == Some(sid.as_str()));
            let mut details = self.digest(&in_instance);
            details.insert("sling_id".into(), json!(sid));
            details.insert("sling_number".into(), json!(snum));
            details.insert("outcome".into(), json!(result));
            self.label(
                &mut details,
                "outcome",
                &answer_key(sling_step, Some(&sid), keys::hoist::SLING_OUTCOME_ITEM),
            );
            let verdict = if sling_rejected {
                let why = text(self.a, &answer_key(sling_step, Some(&sid), "remarks"))
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default();
                l(
                    format!("afgekeurd, uit gebruik genomen{why}"),
                    format!("rejected, taken out of use{why}"),
                )
            } else {
                l("goedgekeurd", "approved")
            };
            let what = format!("{} {}", sling.manufacturer, sling.model);
            let size = &sling.size;
            let mut summary = vec![l(
                format!(
                    "Tilband {snum} ({what}, maat {size}) gekeurd: {}",
                    verdict.nl
                ),
                format!(
                    "Sling {snum} ({what}, size {size}) inspected: {}",
                    verdict.en
                ),
            )];
            self.findings_summary(&in_instance, &mut summary);
            self.entry(
                hoist.id,
                LogbookKind::SlingInspection,
                now,
                joined(&summary),
                details,
            );
            if sling_rejected {
                n_rejected += 1;
                self.out.slings.push(SlingUpdate {
                    sling_id: sling.id,
                    status: Some(SlingStatus::Withdrawn),
                    next_inspection_due: None,
                });
                self.notice(
                    format!("Tilband {snum} is afgekeurd en ingetrokken: regel een vervangende tilband."),
                    format!("Sling {snum} was rejected and withdrawn: arrange a replacement sling."),
                );
            } else {
                self.out.slings.push(SlingUpdate {
                    sling_id: sling.id,
                    status: None,
                    next_inspection_due: Some(rules::next_inspection_due(day)),
                });
            }
            sling_results.push(json!({ "sling_number": snum, "outcome": result }));
        }
        // The hoist.
        let checks_out_of_use = self.check_notices(&plain);
        {
            let c = self.changes(hoist.id);
            c.last_preventive_maintenance_on = Some(day);
            c.next_maintenance_due = Some(rules::next_maintenance_due(true, day));
            if !rejected {
                c.next_inspection_due = Some(rules::next_inspection_due(day));
            }
            if rejected || checks_out_of_use {
                c.status = Some(DeviceStatus::OutOfUse);
            }
        }
        if rejected {
            self.notice(
                "De tillift is afgekeurd en buiten gebruik gesteld. Meld dit direct aan de planning.",
                "The hoist was rejected and taken out of use. Tell the planners at once.",
            );
        } else if checks_out_of_use {
            self.out_of_use_notice();
        }
        let fix_by = date(self.a, keys::hoist::OUTCOME_FIX_BY);
        if outcome == "approved_with_remarks" {
            let remarks = text(self.a, keys::hoist::OUTCOME_REMARKS).unwrap_or_default();
            match fix_by {
                Some(d) => {
                    let h = human_day_year(d);
                    self.notice(
                        format!(
                            "Goedgekeurd met opmerkingen: herstellen vóór {}. {remarks}",
                            h.nl
                        )
                        .trim_end()
                        .to_string(),
                        format!("Approved with remarks: fix by {}. {remarks}", h.en)
                            .trim_end()
                            .to_string(),
                    );
                }
                None => self.notice(
                    format!("Goedgekeurd met opmerkingen. {remarks}")
                        .trim_end()
                        .to_string(),
                    format!("Approved with remarks. {remarks}")
                        .trim_end()
                        .to_string(),
                ),
            }
        }
        let how = |lang: fn(&Localized) -> &String| {
            let kind = self.chosen_words(keys::hoist::INSPECTION_KIND);
            let standard = self.chosen_words(keys::hoist::INSPECTION_STANDARD);
            match (kind.as_ref().map(lang), standard.as_ref().map(lang)) {
                (Some(k), Some(s)) => format!(" ({k}; {s})"),
                (Some(x), None) | (None, Some(x)) => format!(" ({x})"),
                (None, None) => String::new(),
            }
        };
        let result = self
            .chosen_words(keys::hoist::OUTCOME_RESULT)
            .unwrap_or_else(|| l("", ""));
        let mut summary = vec![l(
            format!("Keuring tillift{}: {}", how(|l| &l.nl), result.nl),
            format!("Hoist inspection{}: {}", how(|l| &l.en), result.en),
        )];
        if let (true, Some(d)) = (outcome == "approved_with_remarks", fix_by) {
            let d = human_day_year(d);
            summary.push(l(
                format!("herstellen vóór {}", d.nl),
                format!("to be fixed by {}", d.en),
            ));
        }
        if let Some(s) = text(self.a, keys::hoist::OUTCOME_STICKER_NUMBER) {
            summary.push(l(
                format!("keuringssticker {s}"),
                format!("inspection sticker {s}"),
            ));
        }
        if !sling_results.is_empty() {
            let n = sling_results.len();
            let (mut nl, mut en) = (
                format!("{} gekeurd", plural(n, "tilband", "tilbanden")),
                format!("{} inspected", plural(n, "sling", "slings")),
            );
            if n_rejected > 0 {
                nl.push_str(&format!(", {n_rejected} afgekeurd"));
                en.push_str(&format!(", {n_rejected} rejected"));
            }
            summary.push(l(nl, en));
        }
        self.findings_summary(&plain, &mut summary);
        self.parts_summary(&plain, &mut summary);
        if let Some(s) = self.signed() {
            summary.push(s);
        }
        let mut details = self.digest(&plain);
        self.put(
            &mut details,
            &[
                ("inspection_kind", keys::hoist::INSPECTION_KIND),
                ("standard", keys::hoist::INSPECTION_STANDARD),
                ("protocol", keys::hoist::INSPECTION_PROTOCOL),
                (
                    "inspector_certificate",
                    keys::hoist::INSPECTION_INSPECTOR_CERTIFICATE,
                ),
                (
                    "instrument_serial",
                    keys::hoist::ELECTRICAL_INSTRUMENT_SERIAL,
                ),
                (
                    "instrument_calibrated_on",
                    keys::hoist::ELECTRICAL_INSTRUMENT_CALIBRATED_ON,
                ),
                ("load_test", keys::hoist::LOAD_TEST_RESULT),
                ("outcome", keys::hoist::OUTCOME_RESULT),
                ("fix_by", keys::hoist::OUTCOME_FIX_BY),
                ("remarks", keys::hoist::OUTCOME_REMARKS),
                ("sticker", keys::hoist::OUTCOME_STICKER_NUMBER),
            ],
        );
        if !sling_results.is_empty() {
            details.insert("slings".into(), Value::Array(sling_results));
        }
        if !rejected {
            details.insert(
                "next_inspection_due".into(),
                json!(rules::next_inspection_due(day)),
            );
        }
        self.entry(
            hoist.id,
            LogbookKind::HoistInspection,
            now,
            joined(&summary),
            details,
        );
    }
}
