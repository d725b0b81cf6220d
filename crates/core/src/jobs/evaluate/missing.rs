//! What stands between a job and its completion, and how far every step is.

use super::problems::problem;
use super::*;
use crate::jobs::answer::Answer;
use crate::jobs::context::JobContext;
use crate::jobs::template::{Item, Step, Template};
use crate::jobs::templates::answer_key;
use crate::jobs::workflow::MissingItem;
use crate::Localized;
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// The answer key of every item of the step, in the template's order (for this
    /// instance), whether it applies or not: the UI saves answers under these keys.
    pub keys: Vec<String>,
}

/// Every step instance with its items and whether they apply, in template order; `counted`
/// are the [`applicable_answers`].
pub(crate) fn walk<'t>(
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
    // Wilful damage is reported with a photo of the damage (PvE 7.2.4): until one is attached
    // to the damage report (its description item), that item says so.
    let wilful = wilful_damage(&counted);
    let photo_needed = wilful
        && ctx
            .item_photos
            .get(crate::jobs::schema::keys::repair::DIAGNOSIS_WILFUL_DESCRIPTION)
            .is_none_or(|n| *n == 0);
    walk(t, &counted, ctx, |step, inst, _, _, item, on| {
        if !on {
            return;
        }
        let key = answer_key(&step.id, inst, &item.id);
        if photo_needed && key == crate::jobs::schema::keys::repair::DIAGNOSIS_WILFUL_DESCRIPTION {
            out.push(MissingItem {
                key,
                step_id: step.id.clone(),
                instance: inst.map(str::to_string),
                step_title: step.title.clone(),
                label: item.label.clone(),
                problem: Some(Localized::new(
                    "Voeg een foto van de schade toe (verplicht bij opzettelijke schade).",
                    "Add a photo of the damage (required for wilful damage).",
                )),
            });
            return;
        }
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
                keys: Vec::new(),
            });
        }
        if let Some(p) = out.last_mut() {
            p.keys.push(answer_key(&step.id, inst, &item.id));
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

/// The cause recorded is wilful damage (PvE 7.2.4: reported with a photo of the damage).
fn wilful_damage(counted: &BTreeMap<String, Answer>) -> bool {
    matches!(
        counted.get(crate::jobs::schema::keys::repair::DIAGNOSIS_CAUSE),
        Some(Answer::Choice { value }) if value == "wilful_damage"
    )
}

/// The items a photo belongs with, in key order: the damage report of wilful damage, every
/// checked item found not in order (a defect, out of use, repaired on site), and any item that
/// has photos already. The screen offers taking a photo there.
pub fn photo_items(
    t: &Template,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
) -> Vec<String> {
    use crate::jobs::template::CheckResult;
    let counted = applicable_answers(t, answers, ctx);
    let mut out: std::collections::BTreeSet<String> = ctx
        .item_photos
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, _)| k.clone())
        .collect();
    if wilful_damage(&counted) {
        out.insert(crate::jobs::schema::keys::repair::DIAGNOSIS_WILFUL_DESCRIPTION.to_string());
    }
    out.extend(counted.iter().filter_map(|(k, a)| match a {
        Answer::Check {
            result: CheckResult::DefectFixBy | CheckResult::OutOfUse | CheckResult::Repaired,
            ..
        } => Some(k.clone()),
        _ => None,
    }));
    out.into_iter().collect()
}
