//! Which items apply (conditions, per-sling repetition), what is still missing before a job
//! can close, and the progress through the steps.

use super::answer::Answer;
use super::context::JobContext;
use super::rules;
use super::template::{CheckResult, Condition, Input, Item, Repeat, Step, Template};
use super::templates::{answer_key, split_key};
use crate::model::{Device, DeviceStatus, JobKind, SlingStatus};
use crate::sla::{self, DeadlineState, LOCAL_TZ};
use crate::Localized;
use crate::WorkingDayCalendar;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// A required item that has no answer yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MissingItem {
    /// The answer key (`step.item` or `step[instance].item`).
    pub key: String,
    pub step_id: String,
    /// The sling id for a repeated step.
    pub instance: Option<String>,
    pub step_title: Localized,
    pub label: Localized,
    /// Set when the item has an answer that is not acceptable in context (for example a
    /// registration number that is not the ordered device): what is wrong.
    pub problem: Option<Localized>,
}

/// How far a step is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StepProgress {
    pub step_id: String,
    pub instance: Option<String>,
    /// For a repeated step: what the instance is (the sling number).
    pub instance_label: Option<String>,
    pub title: Localized,
    /// False when the step's condition does not hold (it is skipped).
    pub applicable: bool,
    pub items: u32,
    pub answered: u32,
    pub required_missing: u32,
}

// ---------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------

/// The instances of a step: `[(None, None)]` for a normal step; for a step repeated per
/// sling one `(Some(sling id), Some(sling number))` per sling of `ctx.slings` that is in use,
/// in sling-number order (natural order: "TB-2" before "TB-10"; ties by id). A hoist without
/// slings in use gives a repeated step no instances at all.
pub fn instances(step: &Step, ctx: &JobContext) -> Vec<(Option<String>, Option<String>)> {
    match step.repeat {
        None => vec![(None, None)],
        Some(Repeat::Slings) => {
            let mut slings: Vec<_> = ctx
                .slings
                .iter()
                .filter(|s| s.status == SlingStatus::InUse)
                .collect();
            slings.sort_by(|a, b| {
                natural_cmp(&a.sling_number, &b.sling_number).then_with(|| a.id.cmp(&b.id))
            });
            slings
                .into_iter()
                .map(|s| (Some(s.id.to_string()), Some(s.sling_number.clone())))
                .collect()
        }
    }
}

/// Compares text with runs of digits by their numeric value.
fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut s = String::new();
                    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                        s.push(c);
                        it.next();
                    }
                    s
                };
                let (na, nb) = (take(&mut x), take(&mut y));
                let (ta, tb) = (na.trim_start_matches('0'), nb.trim_start_matches('0'));
                let o = ta
                    .len()
                    .cmp(&tb.len())
                    .then_with(|| ta.cmp(tb))
                    .then_with(|| na.len().cmp(&nb.len()));
                if o != Ordering::Equal {
                    return o;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}

/// The answer a condition reads for `key` ("step.item"): inside an instance of a repeated
/// step the same instance's answer ("step[instance].item") when there is one, otherwise the
/// plain key. (Only items of repeated steps have instance keys, so a condition on an item of
/// a normal step always reads the plain key, and one on an item of a repeated step evaluated
/// outside it finds no answer.)
fn lookup<'a>(
    answers: &'a BTreeMap<String, Answer>,
    key: &str,
    instance: Option<&str>,
) -> Option<&'a Answer> {
    if let (Some(inst), Some((step, None, item))) = (instance, split_key(key)) {
        if let Some(a) = answers.get(&answer_key(step, Some(inst), item)) {
            return Some(a);
        }
    }
    answers.get(key)
}

/// Whether a condition holds for these answers in this context. Inside an instance of a
/// repeated step (`instance` = the sling id), an item is read for that same instance when it
/// has an answer there, else by its plain key. An unanswered item (or an answer of another type) makes `Answered`,
/// `ChoiceIn`, `CheckIn` and `CategoryDiffersFromOrder` false; device conditions are false
/// without a device, `OrderCategoryIn` and `CategoryDiffersFromOrder` without an order.
/// `All` of nothing holds, `Any` of nothing does not.
pub fn condition_holds(
    c: &Condition,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    instance: Option<&str>,
) -> bool {
    eval(c, &|key| lookup(answers, key, instance), ctx)
}

/// A condition over an answer reader (the reader resolves instances).
fn eval<'a>(c: &Condition, get: &dyn Fn(&str) -> Option<&'a Answer>, ctx: &JobContext) -> bool {
    match c {
        Condition::Answered { key, value } => {
            matches!(get(key), Some(Answer::YesNo { value: v }) if v == value)
        }
        Condition::ChoiceIn { key, values } => match get(key) {
            Some(Answer::Choice { value }) => values.contains(value),
            Some(Answer::MultiChoice { values: picked }) => {
                picked.iter().any(|p| values.contains(p))
            }
            _ => false,
        },
        Condition::CheckIn { key, results } => {
            matches!(get(key), Some(Answer::Check { result, .. }) if results.contains(result))
        }
        Condition::CategoryDiffersFromOrder { key } => match (get(key), &ctx.order) {
            (Some(Answer::Category { value }), Some(order)) => *value != order.category,
            _ => false,
        },
        Condition::DeviceElectric { value } => ctx
            .device
            .as_ref()
            .is_some_and(|d| d.is_electric() == *value),
        Condition::DeviceCategoryIn { categories } => ctx
            .device
            .as_ref()
            .is_some_and(|d| categories.contains(&d.category)),
        Condition::OrderCategoryIn { categories } => ctx
            .order
            .as_ref()
            .is_some_and(|o| categories.contains(&o.category)),
        Condition::All { all } => all.iter().all(|c| eval(c, get, ctx)),
        Condition::Any { any } => any.iter().any(|c| eval(c, get, ctx)),
        Condition::Not { not } => !eval(not, get, ctx),
    }
}

fn holds(
    c: Option<&Condition>,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    instance: Option<&str>,
) -> bool {
    c.is_none_or(|c| condition_holds(c, answers, ctx, instance))
}

/// Whether an item applies: its step's condition and its own both hold (for the instance),
/// read against `answers` as given (pass [`applicable_answers`] to ignore answers left
/// behind by a changed earlier answer).
pub fn applies(
    step: &Step,
    item: &Item,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    instance: Option<&str>,
) -> bool {
    holds(step.when.as_ref(), answers, ctx, instance)
        && holds(item.when.as_ref(), answers, ctx, instance)
}

/// The answers that count: those of items that apply, for instances that exist (slings in
/// use). Answers left behind by a changed earlier answer (an item that no longer applies), to
/// a sling no longer in use, or to keys the template does not have are left out, and a left
/// behind answer switches nothing on: the template is read in order, and a condition on an
/// item already passed sees that item's answer only if it counts (a condition on a later
/// item sees its answer as given). [`missing`], [`progress`], [`warnings`] and completion
/// evaluate conditions against these answers; pass them to [`applies`] and
/// [`condition_holds`] for the same view.
pub fn applicable_answers(
    t: &Template,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
) -> BTreeMap<String, Answer> {
    let mut counted: BTreeMap<String, Answer> = BTreeMap::new();
    let mut passed: BTreeSet<String> = BTreeSet::new();
    for step in &t.steps {
        for (inst, _) in instances(step, ctx) {
            let inst = inst.as_deref();
            for item in &step.items {
                let key = answer_key(&step.id, inst, &item.id);
                let on = {
                    let read = |k: &str| -> Option<&Answer> {
                        if passed.contains(k) {
                            counted.get(k)
                        } else {
                            answers.get(k)
                        }
                    };
                    let get = |k: &str| -> Option<&Answer> {
                        if let (Some(i), Some((s, None, it))) = (inst, split_key(k)) {
                            if let Some(a) = read(&answer_key(s, Some(i), it)) {
                                return Some(a);
                            }
                        }
                        read(k)
                    };
                    step.when.as_ref().is_none_or(|c| eval(c, &get, ctx))
                        && item.when.as_ref().is_none_or(|c| eval(c, &get, ctx))
                };
                if on {
                    if let Some(a) = answers.get(&key) {
                        counted.insert(key.clone(), a.clone());
                    }
                }
                passed.insert(key);
            }
        }
    }
    counted
}

/// Registration numbers compare case-insensitively and without spaces.
pub fn normalize_registration(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A device of `ctx.devices_by_registration` by its registration number (exact key first,
/// then compared normalised).
pub fn known_device<'a>(ctx: &'a JobContext, registration: &str) -> Option<&'a Device> {
    ctx.devices_by_registration.get(registration).or_else(|| {
        let n = normalize_registration(registration);
        ctx.devices_by_registration
            .values()
            .find(|d| normalize_registration(&d.registration_number) == n)
    })
}

/// The job's own device when it has this registration number, else a known device.
fn job_or_known_device<'a>(ctx: &'a JobContext, registration: &str) -> Option<&'a Device> {
    let n = normalize_registration(registration);
    ctx.device
        .as_ref()
        .filter(|d| normalize_registration(&d.registration_number) == n)
        .or_else(|| known_device(ctx, registration))
}

fn same_device(a: &Device, ctx: &JobContext) -> bool {
    ctx.device.as_ref().is_some_and(|d| {
        d.id == a.id
            || normalize_registration(&d.registration_number)
                == normalize_registration(&a.registration_number)
    })
}

fn answer_fits(input: &Input, a: &Answer) -> bool {
    matches!(
        (input, a),
        (Input::Check, Answer::Check { .. })
            | (Input::YesNo, Answer::YesNo { .. })
            | (Input::Choice { .. }, Answer::Choice { .. })
            | (Input::MultiChoice { .. }, Answer::MultiChoice { .. })
            | (Input::Measurement { .. }, Answer::Measurement { .. })
            | (Input::Text { .. }, Answer::Text { .. })
            | (Input::Date { .. }, Answer::Date { .. })
            | (Input::Moment, Answer::Moment { .. })
            | (Input::Parts, Answer::Parts { .. })
            | (Input::SignOff, Answer::SignOff { .. })
            | (Input::Registration, Answer::Registration { .. })
            | (Input::Category, Answer::Category { .. })
    )
}

fn status_name(s: DeviceStatus) -> Localized {
    match s {
        DeviceStatus::InUse => {
            Localized::new("in gebruik bij een inwoner", "in use with a resident")
        }
        DeviceStatus::AwaitingRepair => Localized::new("wacht op reparatie", "awaiting repair"),
        DeviceStatus::OutOfUse => Localized::new("buiten gebruik", "out of use"),
        DeviceStatus::InDepot => Localized::new("in het depot", "in the depot"),
        DeviceStatus::OnLoan => Localized::new("al uitgeleend", "already on loan"),
    }
}

/// What is wrong with an answered item in context, if anything. `plain` is the item's key
/// without instance.
#[allow(clippy::too_many_arguments)] // the item, its answer and where it stands
fn problem(
    kind: JobKind,
    plain: &str,
    inst: Option<&str>,
    item: &Item,
    a: &Answer,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
) -> Option<Localized> {
    if !answer_fits(&item.input, a) {
        return Some(Localized::new(
            "dit soort antwoord past niet bij deze vraag",
            "this kind of answer does not fit this item",
        ));
    }
    if let Answer::Check {
        result: CheckResult::DefectFixBy,
        fix_by: None,
        ..
    } = a
    {
        return Some(Localized::new(
            "geef aan vóór welke datum het defect verholpen wordt",
            "give the date by which the defect will be fixed",
        ));
    }
    let unknown = |reg: &str| {
        Localized::new(
            format!("{reg} is geen bekend hulpmiddel"),
            format!("{reg} is not a known device"),
        )
    };
    match (kind, plain, a) {
        (JobKind::Delivery, "identity.registration", Answer::Registration { value }) => {
            match &ctx.device {
                Some(d)
                    if normalize_registration(value)
                        == normalize_registration(&d.registration_number) =>
                {
                    None
                }
                Some(d) => Some(Localized::new(
                    format!(
                        "komt niet overeen met het bestelde hulpmiddel {}",
                        d.registration_number
                    ),
                    format!(
                        "does not match the ordered device {}",
                        d.registration_number
                    ),
                )),
                None => Some(Localized::new(
                    "er is geen hulpmiddel aan deze levering gekoppeld",
                    "no device is linked to this delivery",
                )),
            }
        }
        (JobKind::Repair, "resolution.loan_registration", Answer::Registration { value })
        | (JobKind::Adjustment, "work.replacement_registration", Answer::Registration { value }) => {
            match known_device(ctx, value) {
                None => Some(unknown(value)),
                Some(d) if same_device(d, ctx) => Some(Localized::new(
                    "dit is het hulpmiddel van de inwoner zelf; kies een ander leenmiddel",
                    "this is the resident's own device; choose another loan device",
                )),
                Some(d) if d.status != DeviceStatus::InDepot => {
                    let s = status_name(d.status);
                    Some(Localized::new(
                        format!("{value} staat niet in het depot ({})", s.nl),
                        format!("{value} is not in the depot ({})", s.en),
                    ))
                }
                Some(_) => None,
            }
        }
        (JobKind::LoanDevice, "loan.registration", Answer::Registration { value }) => match answers
            .get("loan.action")
        {
            Some(Answer::Choice { value: action }) if action == "place" => {
                let own = ctx.device.as_ref().is_some_and(|d| {
                    normalize_registration(&d.registration_number) == normalize_registration(value)
                });
                if own {
                    return None;
                }
                match known_device(ctx, value) {
                    None => Some(unknown(value)),
                    Some(d) if d.status != DeviceStatus::InDepot => {
                        let s = status_name(d.status);
                        Some(Localized::new(
                            format!("{value} staat niet in het depot ({})", s.nl),
                            format!("{value} is not in the depot ({})", s.en),
                        ))
                    }
                    Some(_) => None,
                }
            }
            Some(Answer::Choice { value: action }) if action == "pickup" => {
                match job_or_known_device(ctx, value) {
                    None => Some(unknown(value)),
                    Some(d) if d.resident_id != Some(ctx.resident.id) => Some(Localized::new(
                        format!("{value} staat niet bij deze inwoner"),
                        format!("{value} is not with this resident"),
                    )),
                    Some(_) => None,
                }
            }
            _ => None,
        },
        (JobKind::Replacement, "new_device.registration", Answer::Registration { value }) => {
            match known_device(ctx, value) {
                None => Some(unknown(value)),
                Some(d) if same_device(d, ctx) => Some(Localized::new(
                    "dit is het hulpmiddel dat vervangen wordt",
                    "this is the device being replaced",
                )),
                // The new device comes from the depot: never from another resident.
                Some(d) if d.status != DeviceStatus::InDepot || d.resident_id.is_some() => {
                    let s = status_name(d.status);
                    Some(Localized::new(
                        format!("{value} staat niet vrij in het depot ({})", s.nl),
                        format!("{value} is not free in the depot ({})", s.en),
                    ))
                }
                Some(_) => None,
            }
        }
        (JobKind::Repair, "resolution.resolved_at", Answer::Moment { value }) => {
            match answers.get("arrival.arrived_at") {
                Some(Answer::Moment { value: arrived }) if value < arrived => Some(Localized::new(
                    "verholpen vóór de aankomst kan niet; controleer de tijden",
                    "resolved before the arrival is not possible; check the times",
                )),
                _ => None,
            }
        }
        (JobKind::HoistInspection, "outcome.result", Answer::Choice { value })
            if value != "rejected" =>
        {
            let out_of_use = answers.iter().any(|(k, x)| {
                !k.starts_with("sling[")
                    && matches!(
                        x,
                        Answer::Check {
                            result: CheckResult::OutOfUse,
                            ..
                        }
                    )
            });
            out_of_use.then(|| {
                Localized::new(
                    "een controle staat op 'buiten gebruik': de tillift kan niet worden goedgekeurd",
                    "a check says 'take out of use': the hoist cannot be approved",
                )
            })
        }
        (JobKind::HoistInspection, "sling.outcome", Answer::Choice { value })
            if value != "rejected" =>
        {
            let prefix = format!("sling[{}].", inst.unwrap_or_default());
            let out_of_use = answers.iter().any(|(k, x)| {
                k.starts_with(&prefix)
                    && matches!(
                        x,
                        Answer::Check {
                            result: CheckResult::OutOfUse,
                            ..
                        }
                    )
            });
            out_of_use.then(|| {
                Localized::new(
                    "een controle van deze tilband staat op 'buiten gebruik': de band kan niet worden goedgekeurd",
                    "a check of this sling says 'take out of use': the sling cannot be approved",
                )
            })
        }
        (JobKind::Fitting, "trial.end_date", Answer::Date { value }) => {
            if rules::trial_end_ok(ctx.job_day, *value) {
                None
            } else {
                Some(Localized::new(
                    format!(
                        "een proefplaatsing eindigt na vandaag en duurt hoogstens {} dagen",
                        rules::MAX_TRIAL_DAYS
                    ),
                    format!(
                        "a trial placement ends after today and lasts at most {} days",
                        rules::MAX_TRIAL_DAYS
                    ),
                ))
            }
        }
        (JobKind::Fitting, "delivery.agreed_date", Answer::Date { value }) => {
            (*value < ctx.job_day).then(|| {
                Localized::new(
                    "de leverdatum kan niet vóór vandaag liggen",
                    "the delivery date cannot be before today",
                )
            })
        }
        _ => None,
    }
}

/// Every step instance with its items and whether they apply, in template order; `counted`
/// are the [`applicable_answers`].
fn walk<'t>(
    t: &'t Template,
    counted: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    mut f: impl FnMut(&'t Step, Option<&str>, Option<&str>, bool, &'t Item, bool),
) {
    for step in &t.steps {
        for (inst, label) in instances(step, ctx) {
            let step_on = holds(step.when.as_ref(), counted, ctx, inst.as_deref());
            for item in &step.items {
                let on = step_on && holds(item.when.as_ref(), counted, ctx, inst.as_deref());
                f(step, inst.as_deref(), label.as_deref(), step_on, item, on);
            }
        }
    }
}

/// What stands between the job and its completion, in template order (instances in sling
/// order): every required item that applies and has no answer (`problem` None), and every
/// answered item that applies but is not acceptable in context (`problem` says why):
///
/// * any kind: an answer of the wrong type; a check "defect, fix by" without its date;
/// * delivery `identity.registration`: must be the job's device (case and spaces ignored);
/// * repair `resolution.loan_registration` (and adjustment `work.replacement_registration`):
///   a known device, in the depot, not the job's own device;
/// * loan device `loan.registration`: placing, the job's device or a known depot device;
///   picking up, a device currently with this resident;
/// * replacement `new_device.registration`: a known device other than the current one;
/// * hoist inspection `outcome.result` (and each `sling[..].outcome`): not approved while a
///   check of the hoist (of that sling) says "take out of use";
/// * fitting `trial.end_date`: after the job day and at most 21 days after it
///   ([`rules::trial_end_ok`]); `delivery.agreed_date`: not before the job day.
pub fn missing(
    t: &Template,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
) -> Vec<MissingItem> {
    let counted = applicable_answers(t, answers, ctx);
    let mut out = Vec::new();
    walk(t, &counted, ctx, |step, inst, _, _, item, on| {
        if !on {
            return;
        }
        let key = answer_key(&step.id, inst, &item.id);
        let problem = match answers.get(&key) {
            None if item.required => None,
            None => return,
            Some(a) => {
                let plain = answer_key(&step.id, None, &item.id);
                match problem(t.job_kind, &plain, inst, item, a, &counted, ctx) {
                    Some(p) => Some(p),
                    None => return,
                }
            }
        };
        out.push(MissingItem {
            key,
            step_id: step.id.clone(),
            instance: inst.map(str::to_string),
            step_title: step.title.clone(),
            label: item.label.clone(),
            problem,
        });
    });
    out
}

/// How far every step (every instance of a repeated step) is: the items that apply, how
/// many of them are answered, and how many entries of [`missing`] fall in it (unanswered
/// required items and answers with a problem). A skipped step counts no items.
pub fn progress(
    t: &Template,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
) -> Vec<StepProgress> {
    let mut counts: BTreeMap<(String, Option<String>), u32> = BTreeMap::new();
    for m in missing(t, answers, ctx) {
        *counts.entry((m.step_id, m.instance)).or_default() += 1;
    }
    let counted = applicable_answers(t, answers, ctx);
    let mut out: Vec<StepProgress> = Vec::new();
    walk(t, &counted, ctx, |step, inst, label, step_on, item, on| {
        let same = out
            .last()
            .is_some_and(|p| p.step_id == step.id && p.instance.as_deref() == inst);
        if !same {
            out.push(StepProgress {
                step_id: step.id.clone(),
                instance: inst.map(str::to_string),
                instance_label: label.map(str::to_string),
                title: step.title.clone(),
                applicable: step_on,
                items: 0,
                answered: 0,
                required_missing: counts
                    .get(&(step.id.clone(), inst.map(str::to_string)))
                    .copied()
                    .unwrap_or(0),
            });
        }
        if on {
            if let Some(p) = out.last_mut() {
                p.items += 1;
                if answers.contains_key(&answer_key(&step.id, inst, &item.id)) {
                    p.answered += 1;
                }
            }
        }
    });
    out
}

fn round_to(v: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(i32::from(decimals.min(6)));
    (v * f).round() / f
}

/// Suggested starting values: for every measurement item with a `suggest` whose source is
/// known (an answered measurement, or the device's passport for a "device." source),
/// `source + offset` rounded to the item's decimals, by the item's key. (Steps repeated per
/// sling have no suggestions: a suggestion names a plain key.)
pub fn suggestions(
    t: &Template,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for step in t.steps.iter().filter(|s| s.repeat.is_none()) {
        for item in &step.items {
            if let Input::Measurement {
                suggest: Some(s),
                decimals,
                ..
            } = &item.input
            {
                let source = match answers.get(&s.from) {
                    Some(Answer::Measurement { value }) => Some(*value),
                    _ => super::template::device_source(ctx.device.as_ref(), &s.from),
                };
                if let Some(value) = source {
                    let v = round_to(value + s.offset, *decimals);
                    if v.is_finite() {
                        out.insert(answer_key(&step.id, None, &item.id), v);
                    }
                }
            }
        }
    }
    out
}

// --- reading answers --------------------------------------------------------------------

pub(crate) fn yes_no(answers: &BTreeMap<String, Answer>, key: &str) -> Option<bool> {
    match answers.get(key) {
        Some(Answer::YesNo { value }) => Some(*value),
        _ => None,
    }
}

pub(crate) fn choice<'a>(answers: &'a BTreeMap<String, Answer>, key: &str) -> Option<&'a str> {
    match answers.get(key) {
        Some(Answer::Choice { value }) => Some(value),
        _ => None,
    }
}

pub(crate) fn text<'a>(answers: &'a BTreeMap<String, Answer>, key: &str) -> Option<&'a str> {
    match answers.get(key) {
        Some(Answer::Text { value }) if !value.trim().is_empty() => Some(value),
        _ => None,
    }
}

pub(crate) fn date(answers: &BTreeMap<String, Answer>, key: &str) -> Option<NaiveDate> {
    match answers.get(key) {
        Some(Answer::Date { value }) => Some(*value),
        _ => None,
    }
}

pub(crate) fn moment(answers: &BTreeMap<String, Answer>, key: &str) -> Option<DateTime<Utc>> {
    match answers.get(key) {
        Some(Answer::Moment { value }) => Some(*value),
        _ => None,
    }
}

pub(crate) fn measurement(answers: &BTreeMap<String, Answer>, key: &str) -> Option<f64> {
    match answers.get(key) {
        Some(Answer::Measurement { value }) => Some(*value),
        _ => None,
    }
}

pub(crate) fn registration<'a>(
    answers: &'a BTreeMap<String, Answer>,
    key: &str,
) -> Option<&'a str> {
    match answers.get(key) {
        Some(Answer::Registration { value }) => Some(value),
        _ => None,
    }
}

/// The key of the battery-capacity item of a template, by this rule: the first measurement
/// in percent, in a step that is not repeated, whose item id contains "capacity" (for
/// example `battery.capacity_pct`).
pub fn battery_capacity_key(t: &Template) -> Option<String> {
    t.steps
        .iter()
        .filter(|s| s.repeat.is_none())
        .flat_map(|s| s.items.iter().map(move |i| (s, i)))
        .find(|(_, i)| {
            i.id.contains("capacity")
                && matches!(
                    i.input,
                    Input::Measurement {
                        unit: super::template::Unit::Percent,
                        ..
                    }
                )
        })
        .map(|(s, i)| answer_key(&s.id, None, &i.id))
}

// --- human dates --------------------------------------------------------------------------

const NL_DAYS: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const EN_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const NL_MONTHS: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];
const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day for people: "di 1 dec" / "Tue 1 Dec".
pub fn human_day(d: NaiveDate) -> Localized {
    let wd = d.weekday().num_days_from_monday() as usize;
    let m = d.month0() as usize;
    Localized::new(
        format!("{} {} {}", NL_DAYS[wd], d.day(), NL_MONTHS[m]),
        format!("{} {} {}", EN_DAYS[wd], d.day(), EN_MONTHS[m]),
    )
}

/// A day with its year: "di 1 dec 2026" / "Tue 1 Dec 2026".
pub fn human_day_year(d: NaiveDate) -> Localized {
    let l = human_day(d);
    Localized::new(
        format!("{} {}", l.nl, d.year()),
        format!("{} {}", l.en, d.year()),
    )
}

/// An instant in local time: "di 1 dec 14:30" / "Tue 1 Dec 14:30".
pub fn human_moment(t: DateTime<Utc>) -> Localized {
    let local = t.with_timezone(&LOCAL_TZ);
    let l = human_day(local.date_naive());
    let hm = format!("{:02}:{:02}", local.hour(), local.minute());
    Localized::new(format!("{} {hm}", l.nl), format!("{} {hm}", l.en))
}

/// An exclusive deadline: at a local midnight "einde di 1 dec" / "the end of Tue 1 Dec" (the
/// day before that midnight), otherwise "di 1 dec 14:30" / "Tue 1 Dec 14:30".
pub fn human_deadline(t: DateTime<Utc>) -> Localized {
    let local = t.with_timezone(&LOCAL_TZ);
    if local.hour() == 0 && local.minute() == 0 && local.second() == 0 {
        let day = sla::local_date(t - Duration::seconds(1));
        let l = human_day(day);
        Localized::new(format!("einde {}", l.nl), format!("the end of {}", l.en))
    } else {
        human_moment(t)
    }
}

fn deadline_suffix(now: DateTime<Utc>, start: DateTime<Utc>, due: DateTime<Utc>) -> Localized {
    let st = sla::deadline_status(now, start, due);
    match st.state {
        DeadlineState::Overdue => Localized::new(" — overschreden", " — overdue"),
        DeadlineState::DueSoon => Localized::new(
            format!(" — nog {} min", st.remaining_minutes),
            format!(" — {} min left", st.remaining_minutes),
        ),
        DeadlineState::Ok => Localized::new("", ""),
    }
}

// --- warnings -----------------------------------------------------------------------------

/// When the technician arrived for this malfunction: the first arrival counts (one recorded
/// on an earlier visit), else the arrival answered in this job.
pub fn repair_arrival(
    m: &crate::model::Malfunction,
    answers: &BTreeMap<String, Answer>,
) -> Option<DateTime<Utc>> {
    m.arrived_at.or(moment(answers, "arrival.arrived_at"))
}

/// The repair's deadlines of this job (None without a malfunction), with the arrival as
/// [`repair_arrival`] has it: the job header, its warnings and the report agree.
pub fn repair_deadlines_of(
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
) -> Option<sla::RepairDeadlines> {
    let m = ctx.malfunction.as_ref()?;
    Some(sla::repair_deadlines(
        m.class,
        m.reported_at,
        repair_arrival(m, answers),
        cal,
    ))
}

/// The repair's deadlines as the technician should see them (class, on-site and fix-by
/// deadlines with their state at `now`), from `ctx.malfunction` and [`repair_arrival`].
fn repair_warnings(
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
    now: DateTime<Utc>,
    out: &mut Vec<Localized>,
) {
    let Some(m) = &ctx.malfunction else {
        return;
    };
    let arrived = repair_arrival(m, answers);
    let d = sla::repair_deadlines(m.class, m.reported_at, arrived, cal);
    let class = format!("{:?}", m.class);
    if let (Some(on_site), None) = (d.on_site_by, arrived) {
        let (h, s) = (
            human_deadline(on_site),
            deadline_suffix(now, m.reported_at, on_site),
        );
        out.push(Localized::new(
            format!("Klasse {class}: ter plaatse vóór {}{}", h.nl, s.nl),
            format!("Class {class}: on site before {}{}", h.en, s.en),
        ));
    }
    let resolved = yes_no(answers, "resolution.fixed_on_site") == Some(true);
    if !resolved {
        let (h, s) = (
            human_deadline(d.fixed_by),
            deadline_suffix(now, m.reported_at, d.fixed_by),
        );
        out.push(Localized::new(
            format!("Klasse {class}: verholpen vóór {}{}", h.nl, s.nl),
            format!("Class {class}: fixed before {}{}", h.en, s.en),
        ));
    }
    if yes_no(answers, "resolution.fixed_on_site") == Some(false)
        && yes_no(answers, "resolution.loan_placed") != Some(true)
    {
        let unsafe_use = m.class != sla::ResponseClass::A;
        let due = sla::loan_device_due(cal, m.reported_at, unsafe_use);
        let h = human_deadline(due);
        out.push(Localized::new(
            format!(
                "Niet ter plaatse verholpen: een gelijkwaardig leenmiddel (met de benodigde opties) vóór {}.",
                h.nl
            ),
            format!(
                "Not fixed on site: a functionally equal loan device (with the needed options) before {}.",
                h.en
            ),
        ));
    }
}

/// The replacement rule's notice (PvE 2.5, 4.1).
pub(crate) fn replacement_rule_notice(ctx: &JobContext) -> Localized {
    let year = rules::previous_calendar_year(ctx.job_day);
    Localized::new(
        format!(
            "Dit elektrische hulpmiddel had in {year} {} aandrijvingsreparaties (meer dan {}): het moet vervangen worden. Meld dit aan de planning.",
            ctx.drive_repairs_previous_year,
            rules::MAX_DRIVE_REPAIRS_PER_YEAR
        ),
        format!(
            "This electric device had {} drive-related repairs in {year} (more than {}): it must be replaced. Tell the planners.",
            ctx.drive_repairs_previous_year,
            rules::MAX_DRIVE_REPAIRS_PER_YEAR
        ),
    )
}

/// A reconditioned device handed to the resident (a replacement, a loan or stand-in device)
/// needs a battery of at least 80%: the passport's last test says whether it has.
pub(crate) fn handed_out_battery_warnings(
    kind: JobKind,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
) -> Vec<Localized> {
    let key = match kind {
        JobKind::Replacement => "new_device.registration",
        JobKind::Repair => "resolution.loan_registration",
        JobKind::Adjustment => "work.replacement_registration",
        JobKind::LoanDevice => "loan.registration",
        _ => return Vec::new(),
    };
    let Some(dev) = registration(answers, key).and_then(|r| known_device(ctx, r)) else {
        return Vec::new();
    };
    if !dev.reconditioned || !dev.is_electric() {
        return Vec::new();
    }
    let min = rules::RECONDITIONED_BATTERY_MIN_PCT;
    let reg = &dev.registration_number;
    match dev.battery.as_ref().and_then(|b| b.capacity_pct) {
        Some(pct) if rules::reconditioned_battery_ok(f64::from(pct)) => Vec::new(),
        Some(pct) => vec![Localized::new(
            format!("{reg} is gereviseerd en de accu haalde bij de laatste test {pct}% (minstens {min}% nodig): vervang of test de accu voordat de inwoner ermee rijdt."),
            format!("{reg} is reconditioned and its battery tested {pct}% last time (at least {min}% needed): replace or test the battery before the resident uses it."),
        )],
        None => vec![Localized::new(
            format!("{reg} is gereviseerd en er is geen accutest bekend: test de accu (minstens {min}%) voordat de inwoner ermee rijdt."),
            format!("{reg} is reconditioned and no battery test is known: test the battery (at least {min}%) before the resident uses it."),
        )],
    }
}

pub(crate) fn battery_notice(pct: f64) -> Localized {
    Localized::new(
        format!(
            "Een gereviseerd hulpmiddel heeft een accu van minstens {}% nodig; gemeten {pct}%.",
            rules::RECONDITIONED_BATTERY_MIN_PCT
        ),
        format!(
            "A reconditioned device needs a battery of at least {}%; measured {pct}%.",
            rules::RECONDITIONED_BATTERY_MIN_PCT
        ),
    )
}

pub(crate) fn planning_notice(deadline: DateTime<Utc>) -> Localized {
    let h = human_deadline(deadline);
    Localized::new(
        format!("Plan de leverdatum met de inwoner vóór {}.", h.nl),
        format!(
            "The delivery date must be planned with the resident before {}.",
            h.en
        ),
    )
}

/// Adjustment: a planned return day (`work.return_date`) after the deadline `due`.
/// When the device of an adjustment was taken: the start of the visit (a job that stays
/// open overnight does not move the deadline), or now when that lies earlier.
pub(crate) fn adjustment_taken_at(ctx: &JobContext, now: DateTime<Utc>) -> DateTime<Utc> {
    ctx.appointment.window.start.min(now)
}

/// What a fitting agreed that needs attention (PvE 6.3): more driving lessons advised than
/// the one free extra lesson, a battery that cannot be taken out while the device is stored
/// indoors, or outdoor storage without rain cover and lock.
pub(crate) fn fitting_warnings(answers: &BTreeMap<String, Answer>) -> Vec<Localized> {
    let mut out = Vec::new();
    if let Some(n) = measurement(answers, "lesson.driving_lessons_advised")
        .filter(|n| *n > f64::from(rules::FREE_EXTRA_DRIVING_LESSONS))
    {
        out.push(Localized::new(
            format!("{n} rijlessen geadviseerd: één extra les van 30 minuten is gratis, voor meer is een opdracht van de gemeente nodig."),
            format!("{n} driving lessons advised: one extra 30-minute lesson is free; more need an order from the municipality."),
        ));
    }
    if yes_no(answers, "storage.battery_removable") == Some(false) {
        out.push(Localized::new(
            "Binnen stallen met een accu die er niet uit kan: dat is niet brandveilig. Spreek een uitneembare accu of een andere stalling af.",
            "Stored indoors with a battery that cannot be taken out: that is not fire-safe. Agree on a removable battery or other storage.",
        ));
    }
    if yes_no(answers, "storage.rain_cover_and_lock") == Some(false) {
        out.push(Localized::new(
            "Buiten stallen vraagt een regenhoes en een slot: regel die vóór de levering.",
            "Outdoor storage needs a rain cover and a lock: arrange them before the delivery.",
        ));
    }
    out
}

pub(crate) fn return_too_late(
    answers: &BTreeMap<String, Answer>,
    due: DateTime<Utc>,
) -> Option<Localized> {
    let planned = date(answers, "work.return_date")?;
    (sla::start_of_local_day(planned) >= due).then(|| {
        let (p, h) = (human_day(planned), human_deadline(due));
        Localized::new(
            format!(
                "Terug op {} is te laat: uiterlijk {} (2 werkdagen). Is de inwoner afhankelijk van het hulpmiddel, plaats dan een vervangend hulpmiddel.",
                p.nl, h.nl
            ),
            format!(
                "Back on {} is too late: due before {} (2 working days). If the resident depends on the device, place a replacement.",
                p.en, h.en
            ),
        )
    })
}

pub(crate) fn deviation_notice(ordered: crate::Category, proposed: crate::Category) -> Localized {
    Localized::new(
        format!(
            "Andere categorie dan besteld ({} → {}): de levering is geblokkeerd tot de gemeente akkoord geeft.",
            ordered.code(),
            proposed.code()
        ),
        format!(
            "Another category than ordered ({} → {}): delivery is blocked until the municipality approves.",
            ordered.code(),
            proposed.code()
        ),
    )
}

/// The soft rules shown while a job is under way (nothing here blocks completion):
///
/// * fitting: a concluded category other than the order's blocks the delivery until the
///   municipality approves; otherwise, while `delivery.agreed_date` is unanswered, the
///   delivery date must be planned with the resident before the end of the next working day
///   after the appointment's start ([`sla::delivery_planning_due`]);
/// * a reconditioned device whose battery-capacity answer ([`battery_capacity_key`]) is below
///   80% ([`rules::reconditioned_battery_ok`]);
/// * repair: the on-site (until the arrival is known) and fix-by deadlines of
///   `ctx.malfunction` with their state at `now` ([`sla::repair_deadlines`]); when not fixed
///   on site and no loan device placed, the loan-device deadline ([`sla::loan_device_due`],
///   unsafe for classes B and C); a drive-related repair of an electric device with more than
///   2 drive-related repairs in the previous year: the replacement rule;
/// * fitting: storage that is not fire-safe (indoors with a fixed battery; outdoors without rain cover and lock);
/// * delivery: a demonstration, driving lesson, caregiver instruction, manual, insurance or
///   complaint-procedure information answered "no";
/// * adjustment with the device taken: back by the end of the 2nd working day after the
///   visit ([`sla::adjustment_return_by`]), and a planned
///   `work.return_date` that is too late;
/// * collection: due by the end of the 10th working day after the order day
///   ([`rules::collection_deadline`]), marked when overdue;
/// * a reconditioned electric device handed out (replacement, loan or stand-in device) whose
///   last battery test is under 80% or unknown;
/// * any check answered "take out of use": the device will be taken out of use.
pub fn warnings(
    t: &Template,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
    now: DateTime<Utc>,
) -> Vec<Localized> {
    let answers = &applicable_answers(t, answers, ctx);
    let mut out = Vec::new();
    match t.job_kind {
        JobKind::Fitting => {
            match (answers.get("conclusion.category"), &ctx.order) {
                (Some(Answer::Category { value }), Some(order)) if *value != order.category => {
                    out.push(deviation_notice(order.category, *value));
                }
                _ => {
                    if date(answers, "delivery.agreed_date").is_none() {
                        let due = sla::delivery_planning_due(cal, ctx.appointment.window.start);
                        out.push(planning_notice(due));
                    }
                }
            }
            out.extend(fitting_warnings(answers));
        }

        JobKind::Delivery => {
            // What every delivery hands over or shows (PvE 6.4); a "no" is allowed (the
            // agreement records it) but should be made good or explained.
            for key in [
                "instruction.demonstration",
                "instruction.driving_lesson",
                "instruction.caregiver",
                "handover.manual",
                "handover.insurance_info",
                "handover.complaint_procedure",
            ] {
                if yes_no(answers, key) == Some(false) {
                    let label = t.item(key).map(|(_, i)| i.label.clone());
                    let (nl, en) = label.map(|l| (l.nl, l.en)).unwrap_or_default();
                    out.push(Localized::new(
                        format!("{nl}: nee. Dat hoort bij elke levering: haal het na of noteer waarom niet."),
                        format!("{en}: no. Every delivery includes this: make it good or note why not."),
                    ));
                }
            }
        }
        JobKind::Repair => {
            repair_warnings(answers, ctx, cal, now, &mut out);
            let electric = ctx.device.as_ref().is_some_and(Device::is_electric);
            if electric
                && yes_no(answers, "diagnosis.drive_related") == Some(true)
                && rules::replacement_due(ctx.drive_repairs_previous_year)
            {
                out.push(replacement_rule_notice(ctx));
            }
        }
        JobKind::Adjustment if yes_no(answers, "work.device_taken") == Some(true) => {
            let due = sla::adjustment_return_by(cal, adjustment_taken_at(ctx, now));
            let h = human_deadline(due);
            out.push(Localized::new(
                format!("Hulpmiddel meegenomen: terug bij de inwoner vóór {}.", h.nl),
                format!("Device taken: back with the resident before {}.", h.en),
            ));
            if let Some(n) = return_too_late(answers, due) {
                out.push(n);
            }
        }
        JobKind::Collection => {
            if let Some(order) = &ctx.order {
                let due = rules::collection_deadline(cal, order.ordered_on);
                let start = sla::start_of_local_day(order.ordered_on);
                let (h, s) = (human_deadline(due), deadline_suffix(now, start, due));
                out.push(Localized::new(
                    format!("Inname vóór {}{}", h.nl, s.nl),
                    format!("Collection due before {}{}", h.en, s.en),
                ));
            }
        }
        _ => {}
    }
    out.extend(handed_out_battery_warnings(t.job_kind, answers, ctx));
    if let (Some(key), Some(d)) = (battery_capacity_key(t), &ctx.device) {
        if let Some(pct) = measurement(answers, &key) {
            if d.reconditioned && !rules::reconditioned_battery_ok(pct) {
                out.push(battery_notice(pct));
            }
        }
    }
    let out_of_use: BTreeSet<&str> = answers
        .iter()
        .filter(|(k, a)| {
            !k.contains('[')
                && matches!(
                    a,
                    Answer::Check {
                        result: CheckResult::OutOfUse,
                        ..
                    }
                )
        })
        .map(|(k, _)| k.as_str())
        .collect();
    if !out_of_use.is_empty() && t.job_kind != JobKind::Collection {
        out.push(Localized::new(
            "Een controlepunt staat op 'buiten gebruik': het hulpmiddel wordt buiten gebruik gesteld.",
            "A check is marked 'take out of use': the device will be taken out of use.",
        ));
    }
    out
}
