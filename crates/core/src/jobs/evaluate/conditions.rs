//! Which items apply: conditions on earlier answers and on the job, and the instances of a
//! step repeated per sling.

use crate::jobs::answer::Answer;
use crate::jobs::context::JobContext;
use crate::jobs::template::{Condition, Item, Repeat, Step, Template};
use crate::jobs::templates::{answer_key, split_key};
use crate::model::SlingStatus;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

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
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
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
pub(crate) fn lookup<'a>(
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
pub(crate) fn eval<'a>(
    c: &Condition,
    get: &dyn Fn(&str) -> Option<&'a Answer>,
    ctx: &JobContext,
) -> bool {
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

pub(crate) fn holds(
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
