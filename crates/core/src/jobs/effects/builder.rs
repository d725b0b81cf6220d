//! The builder that collects what completing a job writes, and the helpers every kind uses:
//! logbook entries, passport changes, notices, signals, details in words.

use crate::ids::*;
use crate::jobs::answer::{Answer, Part, SignerRole};
use crate::jobs::completion::*;
use crate::jobs::context::JobContext;
use crate::jobs::evaluate::*;
use crate::jobs::records::{Signal, SignalKind};
use crate::jobs::schema::keys;
use crate::jobs::template::Template;
use crate::jobs::template::{CheckResult, Input};
use crate::logbook::LogbookKind;
use crate::logbook::NewLogbookEntry;
use crate::model::OrderStatus;
use crate::Localized;
use crate::WorkingDayCalendar;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

// --- helpers ------------------------------------------------------------------------------

pub(super) fn role_en(r: SignerRole) -> &'static str {
    match r {
        SignerRole::Resident => "resident",
        SignerRole::Caregiver => "caregiver",
        SignerRole::Representative => "representative",
        SignerRole::Technician => "technician",
    }
}

pub(super) fn role_nl(r: SignerRole) -> &'static str {
    match r {
        SignerRole::Resident => "inwoner",
        SignerRole::Caregiver => "mantelzorger/verzorger",
        SignerRole::Representative => "vertegenwoordiger",
        SignerRole::Technician => "monteur",
    }
}

pub(super) fn code<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// An answer's value as compact JSON: the bare value for simple answers, the check result's
/// code, the whole answer otherwise.
pub(super) fn answer_value(a: &Answer) -> Value {
    match a {
        Answer::YesNo { value } => json!(value),
        Answer::Choice { value } => json!(value),
        Answer::MultiChoice { values } => json!(values),
        Answer::Measurement { value } => json!(value),
        Answer::Text { value } => json!(value),
        Answer::Date { value } => json!(value),
        Answer::Moment { value } => json!(value),
        Answer::Registration { value } => json!(value),
        Answer::Category { value } => code(value),
        Answer::Check { result, .. } => code(result),
        other => code(other),
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A part of a headline, in both languages.
pub(super) fn l(nl: impl Into<String>, en: impl Into<String>) -> Localized {
    Localized::new(nl, en)
}

/// The parts of a headline joined ("; "), in both languages.
pub(super) fn joined(parts: &[Localized]) -> Localized {
    crate::words::join(parts, "; ")
}

/// Names answer keys and the form by the template the job was done with.
struct FormNamer<'a>(&'a Template);

impl crate::logbook::from_keys::Namer for FormNamer<'_> {
    fn item(&self, key: &str) -> Option<Localized> {
        self.0.item(key).map(|(_, i)| i.label.clone())
    }

    fn form(&self, id_version: &str) -> Option<Localized> {
        let t = self.0;
        (id_version == format!("{}@{}", t.id, t.version)).then(|| {
            Localized::new(
                format!("{} (versie {})", t.title.nl, t.version),
                format!("{} (version {})", t.title.en, t.version),
            )
        })
    }
}

pub(super) struct Builder<'a> {
    pub(super) t: &'a Template,
    pub(super) ctx: &'a JobContext,
    pub(super) cal: &'a WorkingDayCalendar,
    pub(super) now: DateTime<Utc>,
    pub(super) a: &'a BTreeMap<String, Answer>,
    pub(super) out: Completion,
}

impl Builder<'_> {
    pub(super) fn day(&self) -> NaiveDate {
        // the day the work was done: completing it is the last thing done
        crate::sla::local_date(self.now)
    }

    pub(super) fn entry(
        &mut self,
        device_id: DeviceId,
        kind: LogbookKind,
        occurred_at: DateTime<Utc>,
        summary: Localized,
        details: Map<String, Value>,
    ) {
        // what the reader sees, in both languages, and the facts by code for the portal
        let mut words = crate::logbook::Details::from_data(details, &FormNamer(self.t));
        words.summary_en(summary.en);
        let details_json = words.to_json();
        let summary = summary.nl;
        self.out.logbook.push(NewLogbookEntry {
            id: LogbookEntryId::new_v7(),
            device_id,
            kind,
            occurred_at,
            recorded_at: self.now,
            author: self.ctx.technician.name.clone(),
            job_id: Some(self.ctx.job.id),
            summary,
            details_json,
            corrects: None,
        });
    }

    /// The (single) update of a device, created on first use.
    pub(super) fn changes(&mut self, id: DeviceId) -> &mut DeviceChanges {
        let i = match self.out.devices.iter().position(|u| u.device_id == id) {
            Some(i) => i,
            None => {
                self.out.devices.push(DeviceUpdate {
                    device_id: id,
                    changes: DeviceChanges::default(),
                });
                self.out.devices.len() - 1
            }
        };
        &mut self.out.devices[i].changes
    }

    pub(super) fn notice(&mut self, nl: impl Into<String>, en: impl Into<String>) {
        self.out.notices.push(Localized::new(nl, en));
    }

    pub(super) fn signal(&mut self, kind: SignalKind, urgent: bool, description: String) {
        self.out.signals.push(Signal {
            id: SignalId::new_v7(),
            resident_id: self.ctx.resident.id,
            device_id: self.ctx.device.as_ref().map(|d| d.id),
            job_id: Some(self.ctx.job.id),
            kind,
            urgent: urgent || kind.always_urgent(),
            description,
            created_at: self.now,
            author: self.ctx.technician.name.clone(),
        });
    }

    pub(super) fn complete_order(&mut self) {
        let id = self
            .ctx
            .order
            .as_ref()
            .map(|o| o.id)
            .or(self.ctx.job.order_id);
        if let Some(order_id) = id {
            self.out.orders.push(OrderUpdate {
                order_id,
                status: OrderStatus::Completed,
            });
        }
    }

    pub(super) fn resident_name(&self) -> String {
        self.ctx.resident.display_name()
    }

    /// A choice (or the choices of a multi-choice) answer in words, in both languages; an
    /// option the template does not know reads as its code.
    pub(super) fn chosen_words(&self, key: &str) -> Option<Localized> {
        let chosen: Vec<&str> = match self.a.get(key)? {
            Answer::Choice { value } => vec![value.as_str()],
            Answer::MultiChoice { values } => values.iter().map(String::as_str).collect(),
            _ => return None,
        };
        let options = match self.t.item(key).map(|(_, item)| &item.input) {
            Some(Input::Choice { options } | Input::MultiChoice { options }) => options.as_slice(),
            _ => &[],
        };
        let words = |lang: fn(&Localized) -> &String| {
            chosen
                .iter()
                .map(|c| {
                    options
                        .iter()
                        .find(|o| o.id == *c)
                        .map_or_else(|| (*c).to_string(), |o| lang(&o.label).clone())
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        Some(Localized::new(words(|l| &l.nl), words(|l| &l.en)))
    }

    pub(super) fn label_nl(&self, key: &str) -> String {
        self.label_of(key).nl
    }

    /// An item's label in both languages (the key itself when the form has no such item).
    pub(super) fn label_of(&self, key: &str) -> Localized {
        self.t
            .item(key)
            .map_or_else(|| Localized::new(key, key), |(_, i)| i.label.clone())
    }

    /// "afgetekend door J. Jansen (inwoner)" from `signoff.signer`, else any sign-off.
    pub(super) fn signed(&self) -> Option<Localized> {
        let a = self.a.get(keys::shared::SIGNOFF_SIGNER).or_else(|| {
            self.a
                .iter()
                .find(|(k, a)| !k.contains('[') && matches!(a, Answer::SignOff { .. }))
                .map(|(_, a)| a)
        })?;
        match a {
            Answer::SignOff {
                name,
                role,
                refused: Some(reason),
                ..
            } => Some(l(
                format!(
                    "aftekenen geweigerd door {name} ({}): {reason}",
                    role_nl(*role)
                ),
                format!("sign-off refused by {name} ({}): {reason}", role_en(*role)),
            )),
            Answer::SignOff {
                name,
                role,
                signature,
                ..
            } => {
                let paraaf = if signature.is_some() {
                    " met paraaf"
                } else {
                    ""
                };
                let drawn = if signature.is_some() {
                    " with initials"
                } else {
                    ""
                };
                Some(l(
                    format!("afgetekend door {name} ({}){paraaf}", role_nl(*role)),
                    format!("signed off by {name} ({}){drawn}", role_en(*role)),
                ))
            }
            _ => None,
        }
    }

    /// Parts of the answers in scope.
    pub(super) fn parts(&self, scope: &dyn Fn(&str) -> bool) -> Vec<&Part> {
        self.a
            .iter()
            .filter(|(k, _)| scope(k))
            .filter_map(|(_, a)| match a {
                Answer::Parts { parts } => Some(parts.iter()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// Check answers in scope that are not ok (and not "not applicable"), in key order.
    pub(super) fn findings(
        &self,
        scope: &dyn Fn(&str) -> bool,
    ) -> Vec<(&str, CheckResult, Option<NaiveDate>)> {
        self.a
            .iter()
            .filter(|(k, _)| scope(k))
            .filter_map(|(k, a)| match a {
                Answer::Check { result, fix_by, .. }
                    if !matches!(result, CheckResult::Ok | CheckResult::NotApplicable) =>
                {
                    Some((k.as_str(), *result, *fix_by))
                }
                _ => None,
            })
            .collect()
    }

    /// The compact details every entry carries: the template, the checks done and those not
    /// ok, the measurements with units, the parts and the sign-off, all within `scope`.
    pub(super) fn digest(&self, scope: &dyn Fn(&str) -> bool) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert(
            "template".into(),
            json!(format!("{}@{}", self.t.id, self.t.version)),
        );
        let mut checks_done = 0u32;
        let mut checks = Vec::new();
        let mut measurements = Map::new();
        let mut parts = Vec::new();
        for (k, a) in self.a.iter().filter(|(k, _)| scope(k)) {
            match a {
                Answer::Check {
                    result,
                    fix_by,
                    note,
                } => {
                    checks_done += 1;
                    if !matches!(result, CheckResult::Ok | CheckResult::NotApplicable) {
                        let mut c = Map::new();
                        c.insert("item".into(), json!(k));
                        c.insert("label".into(), json!(self.label_nl(k)));
                        c.insert("result".into(), code(result));
                        if let Some(d) = fix_by {
                            c.insert("fix_by".into(), json!(d));
                        }
                        if let Some(n) = note {
                            c.insert("note".into(), json!(n));
                        }
                        checks.push(Value::Object(c));
                    }
                }
                Answer::Measurement { value } => {
                    let unit = match self.t.item(k).map(|(_, i)| &i.input) {
                        Some(Input::Measurement { unit, .. }) => unit.symbol(),
                        _ => "",
                    };
                    measurements.insert(k.clone(), json!({ "value": value, "unit": unit }));
                }
                Answer::Parts { parts: ps } => {
                    parts.extend(ps.iter().map(code));
                }
                Answer::SignOff {
                    name,
                    role,
                    signature,
                    refused,
                } => {
                    let mut so = json!({ "name": name, "role": code(role) });
                    if let Some(img) = signature {
                        so["signature_id"] = json!(img.signature_id);
                        so["png_sha256"] = json!(img.png_sha256);
                        so["signed_at"] = json!(img
                            .signed_at
                            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
                    }
                    if let Some(r) = refused {
                        so["refused"] = json!(r);
                    }
                    m.insert("signoff".into(), so);
                }
                _ => {}
            }
        }
        if checks_done > 0 {
            m.insert("checks_done".into(), json!(checks_done));
        }
        if !checks.is_empty() {
            m.insert("checks".into(), Value::Array(checks));
        }
        if !measurements.is_empty() {
            m.insert("measurements".into(), Value::Object(measurements));
        }
        if !parts.is_empty() {
            m.insert("parts".into(), Value::Array(parts));
        }
        m
    }

    /// Puts the answers of these keys into the details (when answered).
    pub(super) fn put(&self, m: &mut Map<String, Value>, keys: &[(&str, &str)]) {
        for (name, key) in keys {
            if let Some(a) = self.a.get(*key) {
                m.insert((*name).to_string(), answer_value(a));
                self.label(m, name, key);
            }
        }
    }

    /// Details keep a choice as its code (for the portal); `labels` says it in words (for
    /// the passport), in both languages: `{"labels": {name: {"nl": .., "en": ..}}}`.
    pub(super) fn label(&self, m: &mut Map<String, Value>, name: &str, key: &str) {
        let Some(words) = self.chosen_words(key) else {
            return;
        };
        let labels = m
            .entry("labels")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(labels) = labels {
            labels.insert(name.to_string(), json!({ "nl": words.nl, "en": words.en }));
        }
    }

    /// Summary parts for findings: "1 punt hersteld", "1 defect, herstellen vóór ...".
    pub(super) fn findings_summary(&self, scope: &dyn Fn(&str) -> bool, out: &mut Vec<Localized>) {
        let f = self.findings(scope);
        let repaired = f.iter().filter(|x| x.1 == CheckResult::Repaired).count();
        if repaired > 0 {
            out.push(l(
                format!(
                    "{} ter plaatse hersteld",
                    plural(repaired, "punt", "punten")
                ),
                format!("{} repaired on site", plural(repaired, "item", "items")),
            ));
        }
        for (k, r, fix_by) in &f {
            let label = self.label_of(k);
            match r {
                CheckResult::DefectFixBy => {
                    let by = fix_by.map(human_day_year);
                    out.push(l(
                        format!(
                            "defect {}{}",
                            label.nl,
                            by.as_ref()
                                .map(|d| format!(", herstellen vóór {}", d.nl))
                                .unwrap_or_default()
                        ),
                        format!(
                            "defect {}{}",
                            label.en,
                            by.as_ref()
                                .map(|d| format!(", to be fixed by {}", d.en))
                                .unwrap_or_default()
                        ),
                    ))
                }
                CheckResult::OutOfUse => out.push(l(
                    format!("defect {}: buiten gebruik", label.nl),
                    format!("defect {}: out of use", label.en),
                )),
                _ => {}
            }
        }
    }

    pub(super) fn parts_summary(&self, scope: &dyn Fn(&str) -> bool, out: &mut Vec<Localized>) {
        let n = self.parts(scope).len();
        if n > 0 {
            out.push(l(
                format!("{} vervangen", plural(n, "onderdeel", "onderdelen")),
                format!("{} replaced", plural(n, "part", "parts")),
            ));
        }
    }

    /// Notices for checks to fix later; returns whether any check says "take out of use".
    pub(super) fn check_notices(&mut self, scope: &dyn Fn(&str) -> bool) -> bool {
        let f: Vec<(String, CheckResult, Option<NaiveDate>)> = self
            .findings(scope)
            .into_iter()
            .map(|(k, r, d)| (k.to_string(), r, d))
            .collect();
        let mut out_of_use = false;
        for (k, r, d) in f {
            let label = self
                .t
                .item(&k)
                .map_or_else(|| Localized::new(&k, &k), |(_, i)| i.label.clone());
            match (r, d) {
                (CheckResult::DefectFixBy, Some(d)) => {
                    let h = human_day_year(d);
                    self.notice(
                        format!("{}: defect, herstellen vóór {}.", label.nl, h.nl),
                        format!("{}: defect, to be fixed by {}.", label.en, h.en),
                    );
                }
                (CheckResult::OutOfUse, _) => out_of_use = true,
                _ => {}
            }
        }
        out_of_use
    }

    pub(super) fn out_of_use_notice(&mut self) {
        self.notice(
            "Het hulpmiddel is buiten gebruik gesteld. Meld dit aan de planning; de inwoner heeft mogelijk een vervangend hulpmiddel nodig.",
            "The device has been taken out of use. Tell the planners; the resident may need a replacement device.",
        );
    }
}
