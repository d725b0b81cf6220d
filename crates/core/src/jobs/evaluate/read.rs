//! Reading typed answers, and the devices they name by registration number.

use crate::jobs::answer::Answer;
use crate::jobs::context::JobContext;
use crate::jobs::template::{Input, Template};
use crate::jobs::templates::answer_key;
use crate::model::Device;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

pub fn yes_no(answers: &BTreeMap<String, Answer>, key: &str) -> Option<bool> {
    match answers.get(key) {
        Some(Answer::YesNo { value }) => Some(*value),
        _ => None,
    }
}

pub fn choice<'a>(answers: &'a BTreeMap<String, Answer>, key: &str) -> Option<&'a str> {
    match answers.get(key) {
        Some(Answer::Choice { value }) => Some(value),
        _ => None,
    }
}

pub fn text<'a>(answers: &'a BTreeMap<String, Answer>, key: &str) -> Option<&'a str> {
    match answers.get(key) {
        Some(Answer::Text { value }) if !value.trim().is_empty() => Some(value),
        _ => None,
    }
}

pub fn date(answers: &BTreeMap<String, Answer>, key: &str) -> Option<NaiveDate> {
    match answers.get(key) {
        Some(Answer::Date { value }) => Some(*value),
        _ => None,
    }
}

pub fn moment(answers: &BTreeMap<String, Answer>, key: &str) -> Option<DateTime<Utc>> {
    match answers.get(key) {
        Some(Answer::Moment { value }) => Some(*value),
        _ => None,
    }
}

pub fn measurement(answers: &BTreeMap<String, Answer>, key: &str) -> Option<f64> {
    match answers.get(key) {
        Some(Answer::Measurement { value }) => Some(*value),
        _ => None,
    }
}

pub fn registration<'a>(answers: &'a BTreeMap<String, Answer>, key: &str) -> Option<&'a str> {
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
                        unit: super::super::template::Unit::Percent,
                        ..
                    }
                )
        })
        .map(|(s, i)| answer_key(&s.id, None, &i.id))
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
pub(crate) fn job_or_known_device<'a>(
    ctx: &'a JobContext,
    registration: &str,
) -> Option<&'a Device> {
    let n = normalize_registration(registration);
    ctx.device
        .as_ref()
        .filter(|d| normalize_registration(&d.registration_number) == n)
        .or_else(|| known_device(ctx, registration))
}

pub(crate) fn same_device(a: &Device, ctx: &JobContext) -> bool {
    ctx.device.as_ref().is_some_and(|d| {
        d.id == a.id
            || normalize_registration(&d.registration_number)
                == normalize_registration(&a.registration_number)
    })
}
