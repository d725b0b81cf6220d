//! What a job may do next, and what completing it writes.
//!
//! [`next_state`] applies the workflow's transition table with its guards (nothing required
//! missing, a delivery not blocked by a pending or rejected category deviation).
//! [`complete`] computes everything a finished job writes as one [`Completion`]: the report,
//! logbook entries, passport, sling, malfunction and order updates, signals, a
//! category-deviation request and notices for the technician. It is pure: ids are fresh
//! UUIDv7s, every instant comes in as a parameter.
//!
//! # Readings
//!
//! * The caller passes the template the draft was made with, looked up by the draft's
//!   `template_id` and `template_version` ([`super::TemplateSet::find`]); the report records
//!   the template's id and version. These functions do not look templates up.
//! * Completion reads (and the report holds) only the answers that count
//!   ([`applicable_answers`]): answers of items that no longer apply are left out.
//! * Logbook entries are written by `ctx.technician.name` at `now`; they occurred at `now`,
//!   except for repairs (the resolution when fixed on site, else the arrival).
//! * Signals the technician records through quick entry are recorded by the shell; nothing
//!   here repeats them. Completion raises only the signals its rules derive (a functional
//!   check "not adequate", suspected wilful damage); [`delivery_signals`] gives those of a
//!   delivery.
//! * A device's battery capacity is read from [`battery_capacity_key`].

use super::answer::{Answer, Part, SignerRole};
use super::completion::*;
use super::context::{JobContext, JobDraft};
use super::evaluate::{
    adjustment_taken_at, applicable_answers, battery_capacity_key, battery_notice, choice, date,
    deviation_notice, fitting_warnings, handed_out_battery_warnings, human_day, human_day_year,
    human_deadline, instances, known_device, measurement, missing, moment, normalize_registration,
    planning_notice, registration, repair_arrival, replacement_rule_notice, return_too_late, text,
    yes_no,
};
use super::records::{
    DeviationRequest, DeviationStatus, NotHomeReason, NotHomeReport, Signal, SignalKind,
};
use super::rules;
use super::template::{CheckResult, Input, Repeat, Template};
use super::templates::{answer_key, split_key};
use super::workflow::{guarded, Blocked, JobEvent, JobState, WorkflowError};
use crate::ids::*;
use crate::logbook::{LogbookKind, NewLogbookEntry};
use crate::model::{
    Device, DeviceStatus, JobKind, MalfunctionStatus, OrderStatus, SlingStatus, TimeWindow,
};
use crate::sla;
use crate::validation::bounded;
use crate::{Localized, ValidationError, WorkingDayCalendar};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Whether the job is blocked: a delivery whose order has a category deviation that is
/// pending (waiting for the municipality) or rejected. Other kinds are never blocked.
pub fn blocked(ctx: &JobContext) -> Option<Blocked> {
    if ctx.job.kind != JobKind::Delivery {
        return None;
    }
    match ctx.deviation.as_ref().map(|d| d.status) {
        Some(DeviationStatus::Pending) => Some(Blocked::DeviationPending),
        Some(DeviationStatus::Rejected) => Some(Blocked::DeviationRejected),
        _ => None,
    }
}

/// Where `event` takes the draft, with the workflow's guards: [`missing`] (required items
/// and answers with a problem) for completing and marking ready to sign, and [`blocked`].
/// The job kind is the job's (`ctx.job.kind`); `t` must be the draft's own template.
pub fn next_state(
    t: &Template,
    draft: &JobDraft,
    ctx: &JobContext,
    event: JobEvent,
) -> Result<JobState, WorkflowError> {
    let missing = if matches!(event, JobEvent::Complete | JobEvent::MarkReadyToSign) {
        missing(t, &draft.answers, ctx)
    } else {
        Vec::new()
    };
    guarded(ctx.job.kind, draft.state, event, &missing, blocked(ctx))
}

/// Delivery: everything the user agreement needs is there ([`next_state`] with
/// `MarkReadyToSign`). When this succeeds the shell records [`delivery_signals`] too.
pub fn ready_to_sign(
    t: &Template,
    draft: &JobDraft,
    ctx: &JobContext,
) -> Result<JobState, WorkflowError> {
    next_state(t, draft, ctx, JobEvent::MarkReadyToSign)
}

/// Delivery (PvE 6.4): doubts whether the resident operates the device safely
/// (`safety.operates_safely` no) or whether their reaction ability is unimpaired
/// (`safety.reaction_unimpaired` no) are reported to the municipality: one urgent
/// `DrivingAbilityDoubt` signal with the technician's `safety.doubts`. The shell records it
/// when the delivery is marked ready to sign (a delivery's `complete` waits for the signed
/// agreement, a later feature).
///
/// Reads the draft's answers as given: the two safety items are unconditional, and the
/// doubts only add to a signal those items already raise.
pub fn delivery_signals(draft: &JobDraft, ctx: &JobContext, now: DateTime<Utc>) -> Vec<Signal> {
    let answers = &draft.answers;
    let unsafe_op = yes_no(answers, "safety.operates_safely") == Some(false);
    let impaired = yes_no(answers, "safety.reaction_unimpaired") == Some(false);
    if !unsafe_op && !impaired {
        return Vec::new();
    }
    let mut parts: Vec<String> = Vec::new();
    if unsafe_op {
        parts.push("Twijfel of de inwoner het hulpmiddel veilig kan bedienen".into());
    }
    if impaired {
        parts.push("reactievermogen mogelijk verminderd (medicatie of anders)".into());
    }
    let mut description = format!("Bij levering: {}.", parts.join("; "));
    if let Some(d) = text(answers, "safety.doubts") {
        description.push(' ');
        description.push_str(d);
    }
    vec![Signal {
        id: SignalId::new_v7(),
        resident_id: ctx.resident.id,
        device_id: ctx.device.as_ref().map(|d| d.id),
        job_id: Some(ctx.job.id),
        kind: SignalKind::DrivingAbilityDoubt,
        urgent: true,
        description,
        created_at: now,
        author: ctx.technician.name.clone(),
    }]
}

/// The longest note of a not-home report, in characters.
pub const MAX_NOT_HOME_NOTE: usize = 2000;

/// A visit that could not go ahead (PvE 5.2): the reason, a note (at most 2000 characters,
/// trimmed), a new appointment proposal at the resident's preferred time (it must start after
/// `now`; refused as an invalid `proposal` date otherwise), to be told to the resident in
/// their recorded preferred way.
pub fn not_home(
    id: JobReportId,
    ctx: &JobContext,
    jobs: Vec<JobId>,
    reason: NotHomeReason,
    note: String,
    proposal: Option<TimeWindow>,
    now: DateTime<Utc>,
) -> Result<NotHomeReport, ValidationError> {
    let note = note.trim().to_string();
    bounded("note", &note, MAX_NOT_HOME_NOTE)?;
    if let Some(p) = &proposal {
        if p.start <= now {
            return Err(ValidationError::ProposalInPast);
        }
    }
    Ok(NotHomeReport {
        id,
        appointment_id: ctx.appointment.id,
        resident_id: ctx.resident.id,
        jobs,
        reason,
        note,
        proposal,
        tell_resident_via: ctx.resident.preferred_communication,
        created_at: now,
        author: ctx.technician.name.clone(),
    })
}

/// Completes the job: first the workflow ([`next_state`] with `Complete`), so an illegal
/// transition, missing items or a block are typed errors (a delivery always ends in
/// `SignatureRequired` or `IllegalTransition`: its agreement signature is a later feature).
/// Then everything the job writes, per kind:
///
/// * preventive maintenance: a `PreventiveMaintenance` and a `UsageCheck` entry; passport
///   last maintenance = job day, next due per [`rules::next_maintenance_due`], battery
///   capacity and test day; a check "take out of use" -> `OutOfUse`; functional check "not
///   adequate" -> a `NoLongerAdequate` signal;
/// * hoist inspection: a `HoistInspection` entry and one `SlingInspection` entry per sling
///   (all on the hoist); next inspection +12 months unless rejected, maintenance dates;
///   rejected -> `OutOfUse`; rejected slings withdrawn, approved slings +12 months;
/// * repair: malfunction arrival/resolution, a `Repair` entry, last malfunction day; not
///   fixed -> `AwaitingRepair` (unless already `OutOfUse`, which only a re-inspection or the
///   office lifts; fixed on site lifts `AwaitingRepair` back to `InUse`); wilful
///   damage -> `DamageReport` entry, `SuspectedWilfulDamage` signal, last misuse day; a loan
///   device placed -> it goes `OnLoan` to the resident, `LoanPlaced` entries on both devices;
/// * fitting: a `Fitting` entry only when the job has a device; another category than
///   ordered -> a pending [`DeviationRequest`];
/// * adjustment: an `Adjustment` entry; device taken -> `AwaitingRepair` and its return date;
/// * replacement: the new device `InUse` with the resident, delivered on the job day, its
///   catalogue value; `Replacement` entries on both; the old one back to the depot when
///   collected; the order completed;
/// * collection: the device back to the depot, a `Collection` entry, the order completed;
/// * loan device: placed (`OnLoan`, `LoanPlaced`) or picked up (`InDepot`, `LoanReturned`).
pub fn complete(
    t: &Template,
    draft: &JobDraft,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
    now: DateTime<Utc>,
) -> Result<Completion, WorkflowError> {
    next_state(t, draft, ctx, JobEvent::Complete)?;
    let answers = applicable_answers(t, &draft.answers, ctx);
    let mut b = Builder {
        t,
        ctx,
        cal,
        now,
        a: &answers,
        out: Completion {
            report: JobReport {
                id: JobReportId::new_v7(),
                job_id: draft.job_id,
                kind: ctx.job.kind,
                template_id: t.id.clone(),
                template_version: t.version,
                answers: answers.clone(),
                started_at: draft.started_at,
                completed_at: now,
                technician: ctx.technician.name.clone(),
                notices: Vec::new(),
            },
            logbook: Vec::new(),
            devices: Vec::new(),
            slings: Vec::new(),
            malfunction: None,
            orders: Vec::new(),
            signals: Vec::new(),
            deviation: None,
            notices: Vec::new(),
        },
    };
    match ctx.job.kind {
        JobKind::PreventiveMaintenance => b.preventive_maintenance(),
        JobKind::HoistInspection => b.hoist_inspection(),
        JobKind::Repair => b.repair(),
        JobKind::Fitting => b.fitting(),
        // Unreachable through the transition table; nothing to write.
        JobKind::Delivery => {}
        JobKind::Adjustment => b.adjustment(),
        JobKind::Replacement => b.replacement(),
        JobKind::Collection => b.collection(),
        JobKind::LoanDevice => b.loan_device(),
    }
    let handed_out = handed_out_battery_warnings(ctx.job.kind, b.a, ctx);
    b.out.notices.extend(handed_out);
    // the report keeps what the technician was told, for whoever opens the job later
    b.out.report.notices = b.out.notices.clone();
    Ok(b.out)
}

// --- helpers ------------------------------------------------------------------------------

fn role_nl(r: SignerRole) -> &'static str {
    match r {
        SignerRole::Resident => "inwoner",
        SignerRole::Caregiver => "mantelzorger/verzorger",
        SignerRole::Representative => "vertegenwoordiger",
    }
}

fn code<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// "€ 1.234,56"
fn euro(cents: u32) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("€ {grouped},{:02}", cents % 100)
}

/// An answer's value as compact JSON: the bare value for simple answers, the check result's
/// code, the whole answer otherwise.
fn answer_value(a: &Answer) -> Value {
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

struct Builder<'a> {
    t: &'a Template,
    ctx: &'a JobContext,
    cal: &'a WorkingDayCalendar,
    now: DateTime<Utc>,
    a: &'a BTreeMap<String, Answer>,
    out: Completion,
}

impl Builder<'_> {
    fn day(&self) -> NaiveDate {
        self.ctx.job_day
    }

    fn entry(
        &mut self,
        device_id: DeviceId,
        kind: LogbookKind,
        occurred_at: DateTime<Utc>,
        summary: String,
        details: Map<String, Value>,
    ) {
        let details_json = serde_json::to_string(&Value::Object(details)).unwrap_or_default();
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
    fn changes(&mut self, id: DeviceId) -> &mut DeviceChanges {
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

    fn notice(&mut self, nl: impl Into<String>, en: impl Into<String>) {
        self.out.notices.push(Localized::new(nl, en));
    }

    fn signal(&mut self, kind: SignalKind, urgent: bool, description: String) {
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

    fn complete_order(&mut self) {
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

    fn resident_name(&self) -> String {
        self.ctx.resident.display_name()
    }

    /// The Dutch label of a choice answer (the option's label), or the raw value.
    fn choice_nl(&self, key: &str) -> Option<String> {
        choice(self.a, key)?;
        Some(self.chosen_words(key)?.nl)
    }

    /// A choice (or the choices of a multi-choice) answer in words, in both languages; an
    /// option the template does not know reads as its code.
    fn chosen_words(&self, key: &str) -> Option<Localized> {
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

    fn label_nl(&self, key: &str) -> String {
        self.t
            .item(key)
            .map_or_else(|| key.to_string(), |(_, i)| i.label.nl.clone())
    }

    /// "afgetekend door J. Jansen (inwoner)" from `signoff.signer`, else any sign-off.
    fn signed(&self) -> Option<String> {
        let a = self.a.get("signoff.signer").or_else(|| {
            self.a
                .iter()
                .find(|(k, a)| !k.contains('[') && matches!(a, Answer::SignOff { .. }))
                .map(|(_, a)| a)
        })?;
        match a {
            Answer::SignOff { name, role } => {
                Some(format!("afgetekend door {name} ({})", role_nl(*role)))
            }
            _ => None,
        }
    }

    /// Parts of the answers in scope.
    fn parts(&self, scope: &dyn Fn(&str) -> bool) -> Vec<&Part> {
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
    fn findings(
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
    fn digest(&self, scope: &dyn Fn(&str) -> bool) -> Map<String, Value> {
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
                Answer::SignOff { name, role } => {
                    m.insert(
                        "signoff".into(),
                        json!({ "name": name, "role": code(role) }),
                    );
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
    fn put(&self, m: &mut Map<String, Value>, keys: &[(&str, &str)]) {
        for (name, key) in keys {
            if let Some(a) = self.a.get(*key) {
                m.insert((*name).to_string(), answer_value(a));
                self.label(m, name, key);
            }
        }
    }

    /// Details keep a choice as its code (for the portal); `labels` says it in words (for
    /// the passport), in both languages: `{"labels": {name: {"nl": .., "en": ..}}}`.
    fn label(&self, m: &mut Map<String, Value>, name: &str, key: &str) {
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
    fn findings_summary(&self, scope: &dyn Fn(&str) -> bool, out: &mut Vec<String>) {
        let f = self.findings(scope);
        let repaired = f.iter().filter(|x| x.1 == CheckResult::Repaired).count();
        if repaired > 0 {
            out.push(format!(
                "{} ter plaatse hersteld",
                plural(repaired, "punt", "punten")
            ));
        }
        for (k, r, fix_by) in &f {
            match r {
                CheckResult::DefectFixBy => out.push(format!(
                    "defect {}{}",
                    self.label_nl(k),
                    fix_by
                        .map(|d| format!(", herstellen vóór {}", human_day_year(d).nl))
                        .unwrap_or_default()
                )),
                CheckResult::OutOfUse => {
                    out.push(format!("defect {}: buiten gebruik", self.label_nl(k)));
                }
                _ => {}
            }
        }
    }

    fn parts_summary(&self, scope: &dyn Fn(&str) -> bool, out: &mut Vec<String>) {
        let n = self.parts(scope).len();
        if n > 0 {
            out.push(format!(
                "{} vervangen",
                plural(n, "onderdeel", "onderdelen")
            ));
        }
    }

    /// Notices for checks to fix later; returns whether any check says "take out of use".
    fn check_notices(&mut self, scope: &dyn Fn(&str) -> bool) -> bool {
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

    fn out_of_use_notice(&mut self) {
        self.notice(
            "Het hulpmiddel is buiten gebruik gesteld. Meld dit aan de planning; de inwoner heeft mogelijk een vervangend hulpmiddel nodig.",
            "The device has been taken out of use. Tell the planners; the resident may need a replacement device.",
        );
    }

    // --- per kind -------------------------------------------------------------------------

    fn preventive_maintenance(&mut self) {
        let Some(dev) = self.ctx.device.clone() else {
            return;
        };
        let plain = |k: &str| !k.contains('[');
        let day = self.day();
        {
            let next = rules::next_maintenance_due(rules::yearly_maintenance(&dev), day);
            let c = self.changes(dev.id);
            c.last_preventive_maintenance_on = Some(day);
            c.next_maintenance_due = Some(next);
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
        let mut summary = vec!["Preventief onderhoud uitgevoerd".to_string()];
        self.findings_summary(&plain, &mut summary);
        self.parts_summary(&plain, &mut summary);
        if let Some(s) = self.signed() {
            summary.push(s);
        }
        let mut details = self.digest(&plain);
        self.put(
            &mut details,
            &[
                ("labour_minutes", "work.labour_minutes"),
                ("usage", "usage.functional_check"),
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
            summary.join("; "),
            details,
        );
        // The usage-functionality check.
        if let Some(usage) = choice(self.a, "usage.functional_check").map(str::to_string) {
            let label = self.choice_nl("usage.functional_check").unwrap_or_default();
            let in_usage = |k: &str| k.starts_with("usage.");
            let mut details = Map::new();
            details.insert(
                "template".into(),
                json!(format!("{}@{}", self.t.id, self.t.version)),
            );
            for (k, a) in self.a.iter().filter(|(k, _)| in_usage(k)) {
                let name = k.trim_start_matches("usage.");
                details.insert(name.to_string(), answer_value(a));
                self.label(&mut details, name, k);
            }
            let mut summary = format!("Toetsing gebruiksfunctionaliteit: {label}");
            if yes_no(self.a, "usage.instruction_given") == Some(true) {
                summary.push_str("; opnieuw instructie gegeven");
            }
            self.entry(dev.id, LogbookKind::UsageCheck, now, summary, details);
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

    fn hoist_inspection(&mut self) {
        let Some(hoist) = self.ctx.device.clone() else {
            return;
        };
        let day = self.day();
        let now = self.now;
        let plain = |k: &str| !k.contains('[');
        let outcome = choice(self.a, "outcome.result")
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
        let sling_step = sling_steps.first().copied().unwrap_or("sling");
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
            let okey = answer_key(sling_step, Some(&sid), "outcome");
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
                &answer_key(sling_step, Some(&sid), "outcome"),
            );
            let verdict = if sling_rejected {
                match text(self.a, &answer_key(sling_step, Some(&sid), "remarks")) {
                    Some(r) => format!("afgekeurd, uit gebruik genomen ({r})"),
                    None => "afgekeurd, uit gebruik genomen".to_string(),
                }
            } else {
                "goedgekeurd".to_string()
            };
            let mut summary = vec![format!(
                "Tilband {snum} ({} {}, maat {}) gekeurd: {verdict}",
                sling.manufacturer, sling.model, sling.size,
            )];
            self.findings_summary(&in_instance, &mut summary);
            self.entry(
                hoist.id,
                LogbookKind::SlingInspection,
                now,
                summary.join("; "),
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
        let fix_by = date(self.a, "outcome.fix_by");
        if outcome == "approved_with_remarks" {
            let remarks = text(self.a, "outcome.remarks").unwrap_or_default();
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
        let mut summary = vec![format!(
            "Keuring tillift{}: {}",
            match (
                self.choice_nl("inspection.kind"),
                self.choice_nl("inspection.standard")
            ) {
                (Some(k), Some(s)) => format!(" ({k}; {s})"),
                (Some(x), None) | (None, Some(x)) => format!(" ({x})"),
                (None, None) => String::new(),
            },
            self.choice_nl("outcome.result").unwrap_or_default()
        )];
        if let (true, Some(d)) = (outcome == "approved_with_remarks", fix_by) {
            summary.push(format!("herstellen vóór {}", human_day_year(d).nl));
        }
        if let Some(s) = text(self.a, "outcome.sticker_number") {
            summary.push(format!("keuringssticker {s}"));
        }
        if !sling_results.is_empty() {
            let mut s = format!(
                "{} gekeurd",
                plural(sling_results.len(), "tilband", "tilbanden")
            );
            if n_rejected > 0 {
                s.push_str(&format!(", {n_rejected} afgekeurd"));
            }
            summary.push(s);
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
                ("inspection_kind", "inspection.kind"),
                ("standard", "inspection.standard"),
                ("protocol", "inspection.protocol"),
                ("inspector_certificate", "inspection.inspector_certificate"),
                ("instrument_serial", "electrical.instrument_serial"),
                (
                    "instrument_calibrated_on",
                    "electrical.instrument_calibrated_on",
                ),
                ("load_test", "load_test.result"),
                ("outcome", "outcome.result"),
                ("fix_by", "outcome.fix_by"),
                ("remarks", "outcome.remarks"),
                ("sticker", "outcome.sticker_number"),
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
            summary.join("; "),
            details,
        );
    }

    fn repair(&mut self) {
        let day = self.day();
        let now = self.now;
        let arrived = moment(self.a, "arrival.arrived_at");
        let fixed = yes_no(self.a, "resolution.fixed_on_site") == Some(true);
        let resolved_at = fixed.then(|| moment(self.a, "resolution.resolved_at").unwrap_or(now));
        if let Some(m) = &self.ctx.malfunction {
            self.out.malfunction = Some(MalfunctionUpdate {
                malfunction_id: m.id,
                // the first arrival counts for the response time; a later visit keeps it
                arrived_at: repair_arrival(m, self.a),
                resolved_at,
                status: fixed.then_some(MalfunctionStatus::Resolved),
                drive_related: yes_no(self.a, "diagnosis.drive_related")
                    .map(|d| d && self.ctx.device.as_ref().is_some_and(Device::is_electric)),
            });
        }
        let occurred = resolved_at.or(arrived).unwrap_or(now);
        let Some(dev) = self.ctx.device.clone() else {
            return;
        };
        let cause = choice(self.a, "diagnosis.cause")
            .unwrap_or_default()
            .to_string();
        let drive_related = yes_no(self.a, "diagnosis.drive_related") == Some(true);
        let loan_placed = yes_no(self.a, "resolution.loan_placed") == Some(true);
        let loan = registration(self.a, "resolution.loan_registration")
            .filter(|_| loan_placed)
            .and_then(|r| known_device(self.ctx, r))
            .cloned();
        let transported = yes_no(self.a, "resolution.transported") == Some(true);
        let options_moved = text(self.a, "resolution.options_moved").map(str::to_string);
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
        let mut summary = vec![format!(
            "Reparatie: {}",
            text(self.a, "diagnosis.fault").unwrap_or("storing")
        )];
        if let Some(c) = self.choice_nl("diagnosis.cause") {
            summary.push(format!("oorzaak: {}", c.to_lowercase()));
        }
        if drive_related {
            summary.push("aandrijving".into());
        }
        self.parts_summary(&|_| true, &mut summary);
        if let Some(min) = measurement(self.a, "resolution.labour_minutes") {
            summary.push(format!("{min} min"));
        }
        summary.push(if fixed {
            "ter plaatse verholpen".into()
        } else {
            "niet ter plaatse verholpen".into()
        });
        if let Some(l) = &loan {
            summary.push(format!("leenmiddel {} geplaatst", l.registration_number));
        }
        if transported {
            summary.push("inwoner en/of hulpmiddel vervoerd".into());
        }
        if let Some(s) = self.signed() {
            summary.push(s);
        }
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("arrived_at", "arrival.arrived_at"),
                ("fault", "diagnosis.fault"),
                ("cause", "diagnosis.cause"),
                ("drive_related", "diagnosis.drive_related"),
                ("fixed_on_site", "resolution.fixed_on_site"),
                ("work_done", "resolution.work_done"),
                ("follow_up", "resolution.follow_up"),
                ("resolved_at", "resolution.resolved_at"),
                ("labour_minutes", "resolution.labour_minutes"),
                ("loan_placed", "resolution.loan_placed"),
                ("loan_registration", "resolution.loan_registration"),
                ("options_moved", "resolution.options_moved"),
                ("transported", "resolution.transported"),
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
            summary.join("; "),
            details,
        );
        // Wilful damage.
        if cause == "wilful_damage" {
            let description = text(self.a, "diagnosis.wilful_description")
                .or(text(self.a, "diagnosis.fault"))
                .unwrap_or_default()
                .to_string();
            let likely = text(self.a, "diagnosis.wilful_likely_cause").map(str::to_string);
            let mut s = format!(
                "Vermoeden van moedwillige schade aan {} ({} {}): {description}",
                dev.registration_number, dev.brand, dev.model
            );
            if let Some(l) = &likely {
                s.push_str(&format!(". Vermoedelijke oorzaak: {l}"));
            }
            let mut details = Map::new();
            details.insert(
                "template".into(),
                json!(format!("{}@{}", self.t.id, self.t.version)),
            );
            details.insert("description".into(), json!(description));
            if let Some(l) = &likely {
                details.insert("likely_cause".into(), json!(l));
            }
            self.entry(
                dev.id,
                LogbookKind::DamageReport,
                occurred,
                s.clone(),
                details,
            );
            self.signal(SignalKind::SuspectedWilfulDamage, false, s);
            self.changes(dev.id).last_misuse_maintenance_on = Some(day);
            self.notice(
                "Vermoeden van moedwillige schade gemeld aan de gemeente; voeg foto's toe.",
                "Suspected wilful damage reported to the municipality; add photos.",
            );
        }
        // The loan device.
        if let Some(l) = loan {
            self.place_loan(
                &l,
                &dev,
                options_moved.as_deref(),
                occurred,
                "tijdens de reparatie",
            );
        } else if !fixed {
            if let Some(m) = &self.ctx.malfunction {
                let due =
                    sla::loan_device_due(self.cal, m.reported_at, m.class != sla::ResponseClass::A);
                let h = human_deadline(due);
                self.notice(
                    format!(
                        "Niet ter plaatse verholpen: plaats een gelijkwaardig leenmiddel vóór {}.",
                        h.nl
                    ),
                    format!(
                        "Not fixed on site: place a functionally equal loan device before {}.",
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

    fn fitting(&mut self) {
        let now = self.now;
        let proposed = match self.a.get("conclusion.category") {
            Some(Answer::Category { value }) => Some(*value),
            _ => None,
        };
        let mut deviating = false;
        if let (Some(order), Some(p)) = (self.ctx.order.clone(), proposed) {
            if p != order.category {
                deviating = true;
                let motivation = text(self.a, "conclusion.deviation_motivation")
                    .or(text(self.a, "findings.motivation"))
                    .unwrap_or_default()
                    .to_string();
                self.out.deviation = Some(DeviationRequest {
                    id: DeviationRequestId::new_v7(),
                    order_id: order.id,
                    resident_id: self.ctx.resident.id,
                    job_id: self.ctx.job.id,
                    ordered: order.category,
                    proposed: p,
                    motivation,
                    requested_at: now,
                    status: DeviationStatus::Pending,
                });
                self.out.notices.push(deviation_notice(order.category, p));
            }
        }
        if !deviating && date(self.a, "delivery.agreed_date").is_none() {
            let due = sla::delivery_planning_due(self.cal, self.ctx.appointment.window.start);
            self.out.notices.push(planning_notice(due));
        }
        self.out.notices.extend(fitting_warnings(self.a));
        if let (Some(true), Some(end)) = (
            yes_no(self.a, "trial.placement"),
            date(self.a, "trial.end_date"),
        ) {
            let h = human_day(end);
            self.notice(
                format!("Proefplaatsing (kosteloos) tot en met {}.", h.nl),
                format!("Trial placement (free of charge) until {} inclusive.", h.en),
            );
        }
        let Some(dev) = self.ctx.device.clone() else {
            return;
        };
        let mut summary = vec![format!(
            "Passing: gekozen {}",
            text(self.a, "findings.chosen_device").unwrap_or("-")
        )];
        if let Some(p) = proposed {
            summary.push(format!("categorie {}", p.code()));
        }
        if let Some(d) = date(self.a, "delivery.agreed_date") {
            summary.push(format!("levering afgesproken op {}", human_day_year(d).nl));
        }
        if yes_no(self.a, "trial.placement") == Some(true) {
            summary.push(match date(self.a, "trial.end_date") {
                Some(d) => format!("proefplaatsing tot {}", human_day_year(d).nl),
                None => "proefplaatsing".into(),
            });
        }
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("chosen_device", "findings.chosen_device"),
                ("motivation", "findings.motivation"),
                ("category", "conclusion.category"),
                ("first_time_right", "conclusion.first_time_right"),
                ("trial_placement", "trial.placement"),
                ("trial_end_date", "trial.end_date"),
                ("storage", "storage.location"),
                ("delivery_agreed_date", "delivery.agreed_date"),
                ("lesson_result", "lesson.result"),
                ("driving_lessons_advised", "lesson.driving_lessons_advised"),
            ],
        );
        self.entry(
            dev.id,
            LogbookKind::Fitting,
            now,
            summary.join("; "),
            details,
        );
    }

    fn adjustment(&mut self) {
        let Some(dev) = self.ctx.device.clone() else {
            return;
        };
        let now = self.now;
        let taken = yes_no(self.a, "work.device_taken") == Some(true);
        let mut summary = vec![format!(
            "Aanpassing: {}",
            text(self.a, "work.description").unwrap_or("-")
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
            replacement = registration(self.a, "work.replacement_registration")
                .filter(|_| yes_no(self.a, "work.replacement_placed") == Some(true))
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
                ("description", "work.description"),
                ("device_taken", "work.device_taken"),
                ("return_date", "work.return_date"),
                ("replacement_registration", "work.replacement_registration"),
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
    fn place_loan(
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

    fn replacement(&mut self) {
        let day = self.day();
        let now = self.now;
        let old = self.ctx.device.clone();
        let new = registration(self.a, "new_device.registration")
            .and_then(|r| known_device(self.ctx, r))
            .cloned();
        let collected = yes_no(self.a, "old_device.collected") == Some(true);
        let value_cents = measurement(self.a, "new_device.catalogue_value")
            .map(|eur| (eur * 100.0).round().clamp(0.0, f64::from(u32::MAX)) as u32);
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("new_device", "new_device.registration"),
                ("old_device_collected", "old_device.collected"),
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
            let mut s = vec![format!(
                "Geleverd aan {} ter vervanging van {}",
                self.resident_name(),
                old.as_ref().map_or("-", |o| o.registration_number.as_str())
            )];
            if let Some(c) = value_cents {
                s.push(format!("bruto cataloguswaarde {}", euro(c)));
            }
            if let Some(sg) = &signed {
                s.push(sg.clone());
            }
            self.entry(
                n.id,
                LogbookKind::Replacement,
                now,
                s.join("; "),
                details.clone(),
            );
        }
        if let Some(o) = &old {
            let mut s = vec![format!(
                "Vervangen door {}",
                new.as_ref().map_or_else(
                    || registration(self.a, "new_device.registration")
                        .unwrap_or("-")
                        .to_string(),
                    |n| format!("{} ({} {})", n.registration_number, n.brand, n.model)
                )
            )];
            if collected {
                s.push("oud hulpmiddel ingenomen".into());
                let c = self.changes(o.id);
                c.resident = Some(ResidentLink::Nobody);
                c.status = Some(DeviceStatus::InDepot);
            } else {
                s.push("oud hulpmiddel nog niet ingenomen".into());
                self.notice(
                    "Het oude hulpmiddel is nog niet ingenomen: plan de inname.",
                    "The old device has not been collected yet: plan its collection.",
                );
            }
            if let Some(sg) = &signed {
                s.push(sg.clone());
            }
            self.entry(o.id, LogbookKind::Replacement, now, s.join("; "), details);
        }
        self.complete_order();
    }

    fn collection(&mut self) {
        let now = self.now;
        let collected = yes_no(self.a, "collection.collected") == Some(true);
        if !collected {
            let why = text(self.a, "collection.not_collected_reason")
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
            let mut summary = vec![format!("Ingenomen bij {}", self.resident_name())];
            if let Some(Answer::Check { result, .. }) = self.a.get("collection.condition") {
                summary.push(
                    match result {
                        CheckResult::Ok => "staat in orde",
                        CheckResult::Repaired => "staat: ter plaatse hersteld",
                        CheckResult::DefectFixBy => "staat: defect",
                        CheckResult::OutOfUse => "staat: defect, niet meer bruikbaar",
                        CheckResult::NotApplicable => "staat niet beoordeeld",
                    }
                    .to_string(),
                );
            }
            match yes_no(self.a, "collection.accessories_complete") {
                Some(true) => summary.push("toebehoren compleet".into()),
                Some(false) => summary.push("toebehoren niet compleet".into()),
                None => {}
            }
            let mut details = self.digest(&|_| true);
            self.put(
                &mut details,
                &[
                    ("condition", "collection.condition"),
                    ("accessories_complete", "collection.accessories_complete"),
                ],
            );
            if let Some(o) = &self.ctx.order {
                details.insert("order_number".into(), json!(o.order_number));
            }
            self.entry(
                dev.id,
                LogbookKind::Collection,
                now,
                summary.join("; "),
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

    fn loan_device(&mut self) {
        let day = self.day();
        let now = self.now;
        let action = choice(self.a, "loan.action")
            .unwrap_or_default()
            .to_string();
        let Some(reg) = registration(self.a, "loan.registration") else {
            return;
        };
        let n = normalize_registration(reg);
        let dev = self
            .ctx
            .device
            .as_ref()
            .filter(|d| normalize_registration(&d.registration_number) == n)
            .or_else(|| known_device(self.ctx, reg))
            .cloned();
        let Some(dev) = dev else {
            return;
        };
        let name = self.resident_name();
        let options = text(self.a, "loan.options_moved").map(str::to_string);
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("action", "loan.action"),
                ("registration", "loan.registration"),
                ("options_moved", "loan.options_moved"),
            ],
        );
        let signed = self.signed();
        let (kind, mut summary) = match action.as_str() {
            "place" => {
                let link = ResidentLink::Resident(self.ctx.resident.id);
                let c = self.changes(dev.id);
                c.resident = Some(link);
                c.status = Some(DeviceStatus::OnLoan);
                c.last_delivered_on = Some(day);
                let mut s = vec![format!("Als leenmiddel geplaatst bij {name}")];
                if let Some(o) = &options {
                    s.push(format!("opties overgezet: {o}"));
                }
                (LogbookKind::LoanPlaced, s)
            }
            "pickup" => {
                let c = self.changes(dev.id);
                c.resident = Some(ResidentLink::Nobody);
                c.status = Some(DeviceStatus::InDepot);
                (
                    LogbookKind::LoanReturned,
                    vec![format!("Leenmiddel opgehaald bij {name}")],
                )
            }
            _ => return,
        };
        if let Some(s) = signed {
            summary.push(s);
        }
        self.entry(dev.id, kind, now, summary.join("; "), details);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euro_amounts() {
        assert_eq!(euro(0), "€ 0,00");
        assert_eq!(euro(123_456), "€ 1.234,56");
        assert_eq!(euro(100_000_000), "€ 1.000.000,00");
        assert_eq!(euro(99_900), "€ 999,00");
    }
}
