//! Suggested starting values for measurements.

use crate::jobs::answer::Answer;
use crate::jobs::context::JobContext;
use crate::jobs::template::{Input, Template};
use crate::jobs::templates::answer_key;
use std::collections::BTreeMap;

pub(crate) fn round_to(v: f64, decimals: u8) -> f64 {
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
                    _ => super::super::template::device_source(ctx.device.as_ref(), &s.from),
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
