//! Validating templates and choosing the one for a job.

use super::schema::{known_items, required_options};
use super::template::{Condition, Input, Item, Repeat, Step, Template};
use crate::category::MaintenanceGroup;
use crate::model::JobKind;
use crate::{Category, Localized};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A template that could not be used, and why (in English, for the office and the logs;
/// the UI shows it with a fixed Dutch/English lead-in).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateProblem {
    /// The file (or id@version) the problem is in.
    pub source: String,
    pub reason: String,
}

/// Answer key of an item: "step.item", or "step[instance].item" in a repeated step.
pub fn answer_key(step: &str, instance: Option<&str>, item: &str) -> String {
    match instance {
        Some(i) => format!("{step}[{i}].{item}"),
        None => format!("{step}.{item}"),
    }
}

/// Splits an answer key into (step, instance, item).
pub fn split_key(key: &str) -> Option<(&str, Option<&str>, &str)> {
    let (head, item) = key.rsplit_once('.')?;
    match head.split_once('[') {
        Some((step, rest)) => Some((step, Some(rest.strip_suffix(']')?), item)),
        None => Some((head, None, item)),
    }
}

/// Date items are bounded to about ten years around the job day.
const MAX_DATE_DAYS: i32 = 3660;

fn slug_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn text_ok(t: &Localized) -> bool {
    !t.nl.trim().is_empty() && !t.en.trim().is_empty()
}

impl Template {
    /// The step and item at a key "step.item" or "step[instance].item".
    pub fn item(&self, key: &str) -> Option<(&Step, &Item)> {
        let (step, _, item) = split_key(key)?;
        let s = self.steps.iter().find(|s| s.id == step)?;
        let i = s.items.iter().find(|i| i.id == item)?;
        Some((s, i))
    }

    /// Checks the template's structure and that it provides what its kind's rules read.
    pub fn validate(&self) -> Result<(), String> {
        if !slug_ok(&self.id) {
            return Err(format!(
                "id {:?} must be lower-case letters, digits, - or _",
                self.id
            ));
        }
        if self.version == 0 {
            return Err("version must be 1 or higher".into());
        }
        if !text_ok(&self.title) {
            return Err("title needs Dutch and English text".into());
        }
        if self.steps.is_empty() {
            return Err("a template needs at least one step".into());
        }
        let mut items: HashMap<String, &Item> = HashMap::new();
        let mut step_ids = HashSet::new();
        for step in &self.steps {
            if !slug_ok(&step.id) || !step_ids.insert(step.id.as_str()) {
                return Err(format!("step id {:?} is invalid or repeated", step.id));
            }
            if !text_ok(&step.title) {
                return Err(format!(
                    "step {}: title needs Dutch and English text",
                    step.id
                ));
            }
            if step.repeat == Some(Repeat::Slings) && self.job_kind != JobKind::HoistInspection {
                return Err(format!(
                    "step {}: only hoist inspections repeat per sling",
                    step.id
                ));
            }
            if step.items.is_empty() {
                return Err(format!("step {} has no items", step.id));
            }
            for item in &step.items {
                let key = answer_key(&step.id, None, &item.id);
                if !slug_ok(&item.id) {
                    return Err(format!("{key}: not a valid item id"));
                }
                if !text_ok(&item.label) {
                    return Err(format!("{key}: label needs Dutch and English text"));
                }
                if items.insert(key.clone(), item).is_some() {
                    return Err(format!("{key} appears twice"));
                }
                check_input(&key, &item.input)?;
            }
        }
        // Conditions and suggestions may only refer to items that exist, with the right type.
        for step in &self.steps {
            if let Some(c) = &step.when {
                check_condition(&format!("step {}", step.id), c, &items)?;
            }
            for item in &step.items {
                let key = answer_key(&step.id, None, &item.id);
                if let Some(c) = &item.when {
                    check_condition(&key, c, &items)?;
                }
                if let Input::Measurement {
                    suggest: Some(s), ..
                } = &item.input
                {
                    let measured = matches!(
                        items.get(&s.from).map(|i| &i.input),
                        Some(Input::Measurement { .. })
                    );
                    if !measured && !super::template::DEVICE_SOURCES.contains(&s.from.as_str()) {
                        return Err(format!(
                            "{key}: suggestion from {:?}, which is not a measurement",
                            s.from
                        ));
                    }
                }
            }
        }
        for known in known_items(self.job_kind) {
            let Some(item) = items.get(known.key) else {
                return Err(format!(
                    "a {} template needs the item {}",
                    self.job_kind.code(),
                    known.key
                ));
            };
            if item.input.type_name() != known.input {
                return Err(format!(
                    "{} must be a {} item, not {}",
                    known.key,
                    known.input,
                    item.input.type_name()
                ));
            }
            if known.required && !item.required {
                return Err(format!("{} must be required", known.key));
            }
            if let Input::Choice { options } = &item.input {
                for o in required_options(known.key) {
                    if !options.iter().any(|x| x.id == *o) {
                        return Err(format!("{} must offer the option {o:?}", known.key));
                    }
                }
            }
        }
        Ok(())
    }

    /// How specific this template is for a device of `category` (None: does not apply).
    fn fit(&self, category: Option<Category>) -> Option<u8> {
        let a = &self.applies_to;
        match category {
            Some(c) if a.categories.contains(&c) => Some(3),
            Some(c) if a.groups.contains(&c.maintenance_group()) => Some(2),
            _ if a.categories.is_empty() && a.groups.is_empty() => Some(1),
            _ => None,
        }
    }
}

fn check_input(key: &str, input: &Input) -> Result<(), String> {
    match input {
        Input::Choice { options } | Input::MultiChoice { options } => {
            if options.is_empty() {
                return Err(format!("{key}: a choice needs options"));
            }
            let mut seen = HashSet::new();
            for o in options {
                if !slug_ok(&o.id) || !seen.insert(&o.id) || !text_ok(&o.label) {
                    return Err(format!("{key}: option {:?} is invalid or repeated", o.id));
                }
            }
        }
        Input::Measurement {
            min,
            max,
            warn_min,
            warn_max,
            limit_min,
            decimals,
            ..
        } => {
            let finite = [Some(*min), Some(*max), *warn_min, *warn_max, *limit_min]
                .into_iter()
                .flatten()
                .all(f64::is_finite);
            if !finite || min >= max {
                return Err(format!("{key}: min must be below max"));
            }
            for w in [warn_min, warn_max, limit_min].into_iter().flatten() {
                if *w < *min || *w > *max {
                    return Err(format!("{key}: warning bound {w} outside {min}..{max}"));
                }
            }
            if *decimals > 6 {
                return Err(format!("{key}: at most 6 decimals"));
            }
        }
        Input::Text { max_chars, .. }
            if *max_chars == 0 || *max_chars as usize > super::answer::MAX_TEXT =>
        {
            return Err(format!("{key}: max_chars must be 1..=4000"));
        }
        Input::Date { min_days, max_days } => {
            let bound = |d: &Option<i32>| {
                d.is_none_or(|d| d.unsigned_abs() <= MAX_DATE_DAYS.unsigned_abs())
            };
            if !bound(min_days) || !bound(max_days) {
                return Err(format!(
                    "{key}: min_days and max_days lie within {MAX_DATE_DAYS} days of the job"
                ));
            }
            if let (Some(a), Some(b)) = (min_days, max_days) {
                if a > b {
                    return Err(format!("{key}: min_days above max_days"));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_condition(at: &str, c: &Condition, items: &HashMap<String, &Item>) -> Result<(), String> {
    let need = |key: &str, ty: &str| -> Result<&Item, String> {
        match items.get(key) {
            Some(i) if i.input.type_name() == ty => Ok(i),
            Some(i) => Err(format!(
                "{at}: condition on {key} expects a {ty} item, not {}",
                i.input.type_name()
            )),
            None => Err(format!("{at}: condition on unknown item {key}")),
        }
    };
    match c {
        Condition::Answered { key, .. } => {
            need(key, "yes_no")?;
        }
        Condition::ChoiceIn { key, values } => {
            let i = need(key, "choice")?;
            if let Input::Choice { options } = &i.input {
                for v in values {
                    if !options.iter().any(|o| &o.id == v) {
                        return Err(format!("{at}: {key} has no option {v:?}"));
                    }
                }
            }
        }
        Condition::CheckIn { key, .. } => {
            need(key, "check")?;
        }
        Condition::CategoryDiffersFromOrder { key } => {
            need(key, "category")?;
        }
        Condition::DeviceElectric { .. }
        | Condition::DeviceCategoryIn { .. }
        | Condition::OrderCategoryIn { .. } => {}
        Condition::All { all: list } | Condition::Any { any: list } => {
            for c in list {
                check_condition(at, c, items)?;
            }
        }
        Condition::Not { not } => check_condition(at, not, items)?,
    }
    Ok(())
}

/// The templates the app can use, by (id, version).
#[derive(Clone, Debug, Default)]
pub struct TemplateSet {
    templates: BTreeMap<(String, u32), Template>,
}

impl TemplateSet {
    /// Parses and validates template files (name, JSON text). Good templates are kept; every
    /// bad one is reported and left out, so one broken file never stops the app.
    pub fn load<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (TemplateSet, Vec<TemplateProblem>) {
        let mut set = TemplateSet::default();
        let mut problems = Vec::new();
        for (name, text) in files {
            let problem = |reason: String| TemplateProblem {
                source: name.to_string(),
                reason,
            };
            let t: Template = match serde_json::from_str(text) {
                Ok(t) => t,
                Err(e) => {
                    problems.push(problem(format!("not a valid template: {e}")));
                    continue;
                }
            };
            if let Err(reason) = t.validate() {
                problems.push(problem(reason));
                continue;
            }
            let key = (t.id.clone(), t.version);
            if set.templates.contains_key(&key) {
                problems.push(problem(format!("{}@{} is defined twice", t.id, t.version)));
                continue;
            }
            set.templates.insert(key, t);
        }
        (set, problems)
    }

    pub fn len(&self) -> usize {
        self.templates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.templates.is_empty()
    }

    pub fn all(&self) -> impl Iterator<Item = &Template> {
        self.templates.values()
    }

    /// Exactly this template version (a draft or a finished job refers to it).
    pub fn find(&self, id: &str, version: u32) -> Option<&Template> {
        self.templates.get(&(id.to_string(), version))
    }

    /// The template for a job of `kind` on a device (or order) of `category`: the most
    /// specific one that applies, in its highest version.
    pub fn for_job(&self, kind: JobKind, category: Option<Category>) -> Option<&Template> {
        self.templates
            .values()
            .filter(|t| t.job_kind == kind)
            .filter_map(|t| t.fit(category).map(|f| (f, t.version, t)))
            .max_by_key(|(f, v, _)| (*f, *v))
            .map(|(_, _, t)| t)
    }

    /// Maintenance groups a kind has templates for, for coverage checks.
    pub fn covered_groups(&self, kind: JobKind) -> Vec<MaintenanceGroup> {
        let mut out = Vec::new();
        for t in self.templates.values().filter(|t| t.job_kind == kind) {
            for g in &t.applies_to.groups {
                if !out.contains(g) {
                    out.push(*g);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        assert_eq!(answer_key("checks", None, "brakes"), "checks.brakes");
        assert_eq!(
            answer_key("sling", Some("abc"), "outcome"),
            "sling[abc].outcome"
        );
        assert_eq!(
            split_key("sling[abc].outcome"),
            Some(("sling", Some("abc"), "outcome"))
        );
        assert_eq!(split_key("checks.brakes"), Some(("checks", None, "brakes")));
        assert_eq!(split_key("nodot"), None);
    }
}
