//! The shipped checklist templates (assets/templates/*.json): they load without problems,
//! cover every job kind and maintenance group, keep their measurement bands sensible, hold
//! the contract's numbers where the rules depend on them, and a broken copy is refused.

use chrono::NaiveDate;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use veldwerk_core::category::MaintenanceGroup;
use veldwerk_core::jobs::answer::validate;
use veldwerk_core::jobs::template::Repeat;
use veldwerk_core::jobs::{Answer, Condition, Input, Item, Template, TemplateSet, Unit};
use veldwerk_core::model::JobKind;
use veldwerk_core::Category;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/templates")
}

/// Every `*.json` file of the templates directory as (file name, text), sorted by name.
fn files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir()).expect("assets/templates exists") {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        out.push((name, text));
    }
    out.sort();
    assert!(!out.is_empty(), "no templates found in {:?}", dir());
    out
}

fn load(files: &[(String, String)]) -> (TemplateSet, Vec<veldwerk_core::jobs::TemplateProblem>) {
    TemplateSet::load(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
}

fn shipped() -> TemplateSet {
    let files = files();
    let (set, problems) = load(&files);
    assert!(problems.is_empty(), "template problems: {problems:#?}");
    set
}

/// The current (highest) version of a template.
fn template(set: &TemplateSet, id: &str) -> Template {
    set.all()
        .filter(|t| t.id == id)
        .max_by_key(|t| t.version)
        .unwrap_or_else(|| panic!("template {id} is missing"))
        .clone()
}

fn item<'a>(t: &'a Template, key: &str) -> &'a Item {
    t.item(key)
        .unwrap_or_else(|| panic!("{}: no item {key}", t.id))
        .1
}

fn all_groups() -> BTreeSet<String> {
    Category::ALL
        .iter()
        .map(|c| format!("{:?}", c.maintenance_group()))
        .collect()
}

fn keys_of(t: &Template) -> impl Iterator<Item = (String, &Item)> {
    t.steps.iter().flat_map(|s| {
        s.items
            .iter()
            .map(move |i| (format!("{}.{}", s.id, i.id), i))
    })
}

#[test]
fn every_file_loads_without_problems() {
    let files = files();
    let (set, problems) = load(&files);
    assert!(problems.is_empty(), "template problems: {problems:#?}");
    assert_eq!(set.len(), files.len(), "every file is one template");
}

#[test]
fn file_name_is_id_and_version() {
    let all: Vec<(String, Template)> = files()
        .into_iter()
        .map(|(name, text)| (name, serde_json::from_str(&text).unwrap()))
        .collect();
    for (name, t) in &all {
        let newest = all
            .iter()
            .filter(|(_, o)| o.id == t.id)
            .map(|(_, o)| o.version)
            .max()
            .unwrap();
        // the current version is <id>.json; an earlier one (kept for jobs started on it)
        // is <id>.v<version>.json
        let want = if t.version == newest {
            format!("{}.json", t.id)
        } else {
            format!("{}.v{}.json", t.id, t.version)
        };
        assert_eq!(*name, want, "file name of {}@{}", t.id, t.version);
        assert!(t.version >= 1, "{name}: versions start at 1");
        assert!(t.validate().is_ok(), "{name}: {:?}", t.validate());
    }
}

#[test]
fn templates_round_trip_through_json() {
    for (name, text) in files() {
        let t: Template = serde_json::from_str(&text).unwrap();
        let again: Template = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(t, again, "{name} does not round-trip");
        // And what serde writes says the same as the file (defaults aside).
        let file: Value = serde_json::from_str(&text).unwrap();
        let written = serde_json::to_value(&t).unwrap();
        assert_eq!(strip_defaults(file), strip_defaults(written), "{name}");
    }
}

/// Drops nulls and the fields serde fills in by default, so a file that leaves them out
/// compares equal to what serde writes.
fn strip_defaults(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, v)| {
                    !(v.is_null()
                        || (k == "required" && v == &Value::Bool(false))
                        || (k == "multiline" && v == &Value::Bool(false))
                        || (k == "decimals" && v.as_u64() == Some(0)))
                })
                .map(|(k, v)| (k, strip_defaults(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(strip_defaults).collect()),
        // 600 and 600.0 are the same number to serde.
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        other => other,
    }
}

#[test]
fn every_job_kind_has_a_template() {
    let set = shipped();
    for kind in JobKind::ALL {
        for c in Category::ALL {
            let found = set.for_job(kind, Some(c));
            match kind {
                // Hoists get their yearly maintenance as a hoist inspection: there is
                // deliberately no preventive-maintenance template for them.
                JobKind::PreventiveMaintenance if c.is_hoist() => assert!(
                    found.is_none(),
                    "hoist {c:?}: maintenance goes through hoist_inspection"
                ),
                JobKind::HoistInspection if !c.is_hoist() => {
                    assert!(found.is_none(), "{c:?} is not a hoist")
                }
                _ => {
                    let t = found.unwrap_or_else(|| panic!("no {kind:?} template for {c:?}"));
                    assert_eq!(t.job_kind, kind);
                    let a = &t.applies_to;
                    assert!(
                        a.categories.contains(&c)
                            || a.groups.contains(&c.maintenance_group())
                            || (a.categories.is_empty() && a.groups.is_empty()),
                        "{} chosen for {c:?} but does not apply to it",
                        t.id
                    );
                }
            }
        }
    }
    // Job kinds without a device group work before there is a device (a fitting).
    for kind in [JobKind::Fitting, JobKind::Repair, JobKind::Delivery] {
        assert!(
            set.for_job(kind, None).is_some(),
            "{kind:?} without category"
        );
    }
}

#[test]
fn preventive_maintenance_covers_every_group_but_hoists() {
    let set = shipped();
    let covered: BTreeSet<String> = set
        .covered_groups(JobKind::PreventiveMaintenance)
        .iter()
        .map(|g| format!("{g:?}"))
        .collect();
    let mut expected = all_groups();
    expected.remove(&format!("{:?}", MaintenanceGroup::Hoist));
    assert_eq!(covered, expected);
    // Exactly one template (in its versions) per group, so the choice never depends on
    // file order.
    let mut per_group: HashMap<String, BTreeSet<String>> = HashMap::new();
    for t in set
        .all()
        .filter(|t| t.job_kind == JobKind::PreventiveMaintenance)
    {
        for g in &t.applies_to.groups {
            per_group
                .entry(format!("{g:?}"))
                .or_default()
                .insert(t.id.clone());
        }
    }
    for (g, ids) in per_group {
        assert_eq!(ids.len(), 1, "{g}: {ids:?}");
    }
    assert_eq!(
        set.covered_groups(JobKind::HoistInspection)
            .iter()
            .map(|g| format!("{g:?}"))
            .collect::<Vec<_>>(),
        vec![format!("{:?}", MaintenanceGroup::Hoist)]
    );
}

#[test]
fn measurements_have_sensible_ranges_and_suggestions() {
    let set = shipped();
    for t in set.all() {
        let measurements: HashMap<String, &Item> = keys_of(t)
            .filter(|(_, i)| matches!(i.input, Input::Measurement { .. }))
            .collect();
        for (key, i) in &measurements {
            let Input::Measurement {
                min,
                max,
                warn_min,
                warn_max,
                suggest,
                ..
            } = &i.input
            else {
                unreachable!()
            };
            assert!(min < max, "{}: {key}", t.id);
            if let Some(w) = warn_min {
                assert!(min <= w && w <= max, "{}: {key} warn_min {w}", t.id);
            }
            if let Some(w) = warn_max {
                assert!(min <= w && w <= max, "{}: {key} warn_max {w}", t.id);
            }
            if let (Some(a), Some(b)) = (warn_min, warn_max) {
                assert!(a < b, "{}: {key} warning band is empty", t.id);
            }
            // A suggestion from any accepted source value lands inside this item's range.
            if let Some(s) = suggest.as_ref().filter(|s| s.from.starts_with("device.")) {
                // From the passport: only the battery's rated capacity, in Ah, fits its range.
                assert_eq!(s.from, "device.battery.rated_ah", "{}: {key}", t.id);
                assert!(matches!(
                    i.input,
                    Input::Measurement {
                        unit: Unit::AmpereHour,
                        ..
                    }
                ));
                continue;
            }
            if let Some(s) = suggest {
                let src = measurements
                    .get(&s.from)
                    .unwrap_or_else(|| panic!("{}: {key} suggests from {}", t.id, s.from));
                let Input::Measurement {
                    min: smin,
                    max: smax,
                    unit: sunit,
                    ..
                } = &src.input
                else {
                    unreachable!()
                };
                let Input::Measurement { unit, .. } = &i.input else {
                    unreachable!()
                };
                assert_eq!(unit, sunit, "{}: {key} suggestion changes unit", t.id);
                assert!(
                    smin + s.offset >= *min && smax + s.offset <= *max,
                    "{}: {key} suggestion {}+{} leaves {min}..{max}",
                    t.id,
                    s.from,
                    s.offset
                );
            }
        }
    }
}

#[test]
fn every_preventive_maintenance_records_the_common_items() {
    let set = shipped();
    for t in set
        .all()
        .filter(|t| t.job_kind == JobKind::PreventiveMaintenance)
    {
        let labour = item(t, "work.labour_minutes");
        assert!(labour.required, "{}", t.id);
        assert!(
            matches!(
                labour.input,
                Input::Measurement { unit: Unit::Minutes, min, max, .. } if min == 0.0 && max == 600.0
            ),
            "{}: labour minutes 0..600",
            t.id
        );
        assert!(matches!(
            item(t, "usage.instruction_given").input,
            Input::YesNo
        ));
        assert!(item(t, "signoff.signer").required);
        // The last step is the sign-off, so nothing is asked after the resident signed.
        assert_eq!(t.steps.last().unwrap().id, "signoff", "{}", t.id);
        // Check steps stay short enough for "all remaining OK" to pay off.
        for s in &t.steps {
            let checks = s
                .items
                .iter()
                .filter(|i| matches!(i.input, Input::Check))
                .count();
            assert!(checks <= 10, "{}: step {} has {checks} checks", t.id, s.id);
        }
    }
}

fn is_electric_only(c: &Option<Condition>) -> bool {
    matches!(c, Some(Condition::DeviceElectric { value: true }))
}

#[test]
fn battery_capacity_is_required_with_the_80_percent_limit() {
    let set = shipped();
    for id in ["pm-electric-drive", "pm-scooter", "pm-bike"] {
        let t = template(&set, id);
        let (step, cap) = t.item("battery.capacity").unwrap();
        assert!(cap.required, "{id}");
        match &cap.input {
            Input::Measurement {
                unit,
                limit_min,
                min,
                max,
                ..
            } => {
                assert_eq!(*unit, Unit::Percent, "{id}");
                assert_eq!(*limit_min, Some(80.0), "{id}");
                assert!(*min <= 0.0 && *max >= 100.0, "{id}");
            }
            other => panic!("{id}: battery.capacity is {other:?}"),
        }
        // With the test method (checklists.md).
        assert!(item(&t, "battery.capacity_method").required, "{id}");
        // Devices that may be without a motor (categories 6, 9-11) skip the battery step.
        if id != "pm-scooter" {
            assert!(
                is_electric_only(&step.when),
                "{id}: battery step when electric"
            );
        }
    }
    let t = template(&set, "pm-electric-drive");
    match &item(&t, "chassis.tread_depth").input {
        Input::Measurement {
            unit, limit_min, ..
        } => {
            assert_eq!(*unit, Unit::Mm);
            assert_eq!(*limit_min, Some(1.0));
        }
        other => panic!("tread depth is {other:?}"),
    }
}

/// Usability budget of the electric-wheelchair maintenance: at most about 22 checks and 6
/// numbers to type outside the work step (a suggestion from the passport is one tap; an item
/// shown only for some devices is not counted), checks in steps of 6-10, and the whole job in
/// about 40 clicks or keys with every item answered.
#[test]
fn electric_drive_maintenance_fits_the_click_budget() {
    let set = shipped();
    let t = template(&set, "pm-electric-drive");
    let checks: usize = t
        .steps
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| matches!(i.input, Input::Check))
        .count();
    assert!(checks <= 22, "{checks} check items");
    let typed =
        |i: &Item| matches!(i.input, Input::Measurement { suggest: None, .. }) && i.when.is_none();
    let measurements = t
        .steps
        .iter()
        .filter(|s| s.id != "work")
        .flat_map(|s| &s.items)
        .filter(|i| typed(i))
        .count();
    assert!(measurements <= 6, "{measurements} measurements");
    for s in &t.steps {
        let n = s
            .items
            .iter()
            .filter(|i| matches!(i.input, Input::Check))
            .count();
        assert!(n == 0 || (6..=10).contains(&n), "step {}: {n} checks", s.id);
    }
    // Upper bound, every item shown and answered: "next" per step, one "all remaining OK"
    // per check step, two keys per number or text (field, value), one per suggestion taken,
    // choice, yes/no or parts list, two for a sign-off (name, role). Numbers shown only for
    // some devices are alternatives (pneumatic tyres; an odometer or an hour meter): at most
    // one per step counts.
    let mut clicks = 0;
    for s in &t.steps {
        clicks += 1;
        if s.items.iter().any(|i| matches!(i.input, Input::Check)) {
            clicks += 1;
        }
        let mut conditional_number = false;
        for i in &s.items {
            clicks += match &i.input {
                Input::Check => 0,
                Input::Measurement {
                    suggest: Some(_), ..
                } => 1,
                Input::Measurement { .. } if i.when.is_some() => {
                    if conditional_number {
                        0
                    } else {
                        conditional_number = true;
                        2
                    }
                }
                Input::Measurement { .. } | Input::Text { .. } | Input::SignOff => 2,
                _ => 1,
            };
        }
    }
    assert!(clicks <= 40, "about {clicks} clicks");
    // Only what the contract needs is required among the numbers: the battery capacity
    // (and the labour time every maintenance job records).
    let required: Vec<String> = keys_of(&t)
        .filter(|(_, i)| i.required && matches!(i.input, Input::Measurement { .. }))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(required, vec!["battery.capacity", "work.labour_minutes"]);
}

#[test]
fn hoist_inspection_repeats_per_sling_and_records_the_instrument() {
    let set = shipped();
    let t = template(&set, "hoist-inspection");
    let sling = t.steps.iter().find(|s| s.id == "sling").unwrap();
    assert_eq!(sling.repeat, Some(Repeat::Slings));
    assert!(item(&t, "sling.outcome").required);
    assert!(matches!(
        item(&t, "electrical.instrument_calibrated_on").input,
        Input::Date {
            max_days: Some(0),
            min_days: Some(d)
        } if d < -300
    ));
    // Earth resistance only for protection class I.
    assert!(matches!(
        &item(&t, "electrical.earth_resistance").when,
        Some(Condition::Answered { key, value: true }) if key == "electrical.protection_class_1"
    ));
    // The test load starts from the safe working load (1x SWL).
    match &item(&t, "load_test.load").input {
        Input::Measurement {
            unit: Unit::Kg,
            suggest: Some(s),
            ..
        } => {
            assert_eq!(s.from, "inspection.swl");
            assert_eq!(s.offset, 0.0);
        }
        other => panic!("load_test.load is {other:?}"),
    }
    assert!(matches!(
        item(&t, "outcome.fix_by").input,
        Input::Date {
            min_days: Some(0),
            ..
        }
    ));
}

#[test]
fn fitting_holds_the_contract_numbers() {
    let set = shipped();
    let t = template(&set, "fitting");
    assert!(matches!(
        item(&t, "trial.end_date").input,
        Input::Date {
            min_days: Some(1),
            max_days: Some(21)
        }
    ));
    let range = |key: &str| match item(&t, key).input {
        Input::Measurement { min, max, .. } => (min, max),
        ref other => panic!("{key} is {other:?}"),
    };
    assert_eq!(range("body.hip_width"), (250.0, 650.0));
    assert_eq!(range("body.lower_leg"), (300.0, 600.0));
    assert_eq!(range("body.weight"), (20.0, 300.0));
    assert!(item(&t, "body.weight").required && item(&t, "body.weight").when.is_none());
    for key in [
        "body.lower_leg",
        "body.elbow_height",
        "body.thigh_depth",
        "body.hip_width",
        "body.sitting_height",
    ] {
        let i = item(&t, key);
        assert!(i.required, "{key}");
        assert!(matches!(i.input, Input::Measurement { unit: Unit::Mm, .. }));
    }
    let offsets: Vec<(String, String, f64)> = keys_of(&t)
        .filter_map(|(k, i)| match &i.input {
            Input::Measurement {
                suggest: Some(s), ..
            } => Some((k, s.from.clone(), s.offset)),
            _ => None,
        })
        .collect();
    for (key, from, offset) in [
        ("seat.width", "body.hip_width", 25.0),
        ("seat.depth", "body.thigh_depth", -30.0),
        ("seat.height", "body.lower_leg", 70.0),
        ("seat.armrest_height", "body.elbow_height", 25.0),
    ] {
        assert!(
            offsets.contains(&(key.to_string(), from.to_string(), offset)),
            "{key} = {from} + {offset}: {offsets:?}"
        );
    }
    match &item(&t, "lesson.driving_lessons_advised").input {
        Input::Measurement {
            unit: Unit::Count,
            min,
            max,
            ..
        } => assert_eq!((*min, *max), (0.0, 10.0)),
        other => panic!("{other:?}"),
    }
}

/// The bounds behave as intended when answers are checked (answer.rs).
#[test]
fn answers_against_the_shipped_bounds() {
    let set = shipped();
    let day = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
    let m = |v: f64| Answer::Measurement { value: v };
    let ed = template(&set, "pm-electric-drive");
    let cap = item(&ed, "battery.capacity");
    let (_, w) = validate("battery.capacity", cap, m(75.0), day).unwrap();
    assert_eq!(w.len(), 1, "below 80% warns");
    let (_, w) = validate("battery.capacity", cap, m(92.0), day).unwrap();
    assert!(w.is_empty());
    assert!(validate("battery.capacity", cap, m(250.0), day).is_err());
    let tread = item(&ed, "chassis.tread_depth");
    let (_, w) = validate("chassis.tread_depth", tread, m(0.8), day).unwrap();
    assert_eq!(w.len(), 1, "below 1 mm warns");

    let fit = template(&set, "fitting");
    let end = item(&fit, "trial.end_date");
    let date = |d: u64| Answer::Date {
        value: day.checked_add_days(chrono::Days::new(d)).unwrap(),
    };
    assert!(validate("trial.end_date", end, date(21), day).is_ok());
    assert!(validate("trial.end_date", end, date(22), day).is_err());
    assert!(validate("trial.end_date", end, date(0), day).is_err());
    let hip = item(&fit, "body.hip_width");
    assert!(validate("body.hip_width", hip, m(240.0), day).is_err());
    assert!(validate("body.hip_width", hip, m(400.0), day)
        .unwrap()
        .1
        .is_empty());

    let hoist = template(&set, "hoist-inspection");
    let cal = item(&hoist, "electrical.instrument_calibrated_on");
    let tomorrow = Answer::Date {
        value: day.succ_opt().unwrap(),
    };
    assert!(validate("electrical.instrument_calibrated_on", cal, tomorrow, day).is_err());
}

#[test]
fn conditional_required_items_follow_the_brief() {
    let set = shipped();
    let repair = template(&set, "repair");
    for key in [
        "diagnosis.wilful_description",
        "diagnosis.wilful_likely_cause",
    ] {
        let i = item(&repair, key);
        assert!(i.required);
        assert!(matches!(
            &i.when,
            Some(Condition::ChoiceIn { key, values }) if key == "diagnosis.cause" && values == &["wilful_damage"]
        ));
    }
    assert!(is_electric_only(
        &item(&repair, "diagnosis.drive_related").when
    ));
    let delivery = template(&set, "delivery");
    let doubts = item(&delivery, "safety.doubts");
    assert!(doubts.required && matches!(doubts.when, Some(Condition::Any { .. })));
    let fitting = template(&set, "fitting");
    let (step, agreed) = fitting.item("delivery.agreed_date").unwrap();
    assert!(agreed.required);
    assert!(matches!(
        &step.when,
        Some(Condition::Not { not }) if matches!(**not, Condition::CategoryDiffersFromOrder { .. })
    ));
}

// ---- broken copies are refused ----

fn find_item_mut<'a>(t: &'a mut Value, key: &str) -> &'a mut Value {
    let (step, item) = key.split_once('.').unwrap();
    t["steps"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["id"] == step)
        .unwrap_or_else(|| panic!("no step {step}"))["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["id"] == item)
        .unwrap_or_else(|| panic!("no item {key}"))
}

/// Loads the shipped set with `id`'s file replaced by a broken copy; returns the problems
/// and whether the broken template still got in.
fn load_broken(id: &str, break_it: impl FnOnce(&mut Value)) -> (Vec<String>, bool) {
    let mut files = files();
    let name = format!("{id}.json");
    let entry = files.iter_mut().find(|(n, _)| *n == name).unwrap();
    let mut v: Value = serde_json::from_str(&entry.1).unwrap();
    break_it(&mut v);
    entry.1 = serde_json::to_string_pretty(&v).unwrap();
    let (set, problems) = load(&files);
    assert_eq!(set.len(), files.len() - problems.len());
    for p in &problems {
        assert_eq!(p.source, name, "only the broken file is reported");
    }
    let version: u32 = serde_json::from_str::<Value>(&entry_text(&files, &name))
        .ok()
        .and_then(|v| v["version"].as_u64())
        .and_then(|v| u32::try_from(v).ok())
        .unwrap_or(1);
    (
        problems.into_iter().map(|p| p.reason).collect(),
        set.find(id, version).is_some(),
    )
}

fn entry_text(files: &[(String, String)], name: &str) -> String {
    files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}

#[test]
fn a_missing_required_item_is_refused() {
    let (problems, loaded) = load_broken("pm-electric-drive", |v| {
        let work = v["steps"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|s| s["id"] == "work")
            .unwrap();
        work["items"]
            .as_array_mut()
            .unwrap()
            .retain(|i| i["id"] != "labour_minutes");
    });
    assert!(!loaded);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("work.labour_minutes"), "{problems:?}");
}

#[test]
fn an_unknown_input_type_is_refused() {
    let (problems, loaded) = load_broken("hoist-inspection", |v| {
        find_item_mut(v, "electrical.leakage_current")["input"] =
            serde_json::json!({"type": "slider", "min": 0, "max": 10});
    });
    assert!(!loaded);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("not a valid template"), "{problems:?}");
}

#[test]
fn a_sign_off_that_is_no_longer_required_is_refused() {
    let (problems, loaded) = load_broken("repair", |v| {
        find_item_mut(v, "signoff.signer")["required"] = Value::Bool(false);
    });
    assert!(!loaded);
    assert!(
        problems[0].contains("signoff.signer must be required"),
        "{problems:?}"
    );
}

#[test]
fn a_warning_band_outside_the_range_is_refused() {
    let (problems, loaded) = load_broken("pm-electric-drive", |v| {
        find_item_mut(v, "battery.capacity")["input"]["warn_min"] = serde_json::json!(150);
    });
    assert!(!loaded);
    assert!(problems[0].contains("battery.capacity"), "{problems:?}");
    let (problems, loaded) = load_broken("pm-electric-drive", |v| {
        find_item_mut(v, "battery.capacity")["input"]["limit_min"] = serde_json::json!(-5);
    });
    assert!(!loaded);
    assert!(problems[0].contains("battery.capacity"), "{problems:?}");
}

/// A real limit is a finding with advice; a doubtful value asks whether it was measured right.
#[test]
fn a_measurement_under_a_real_limit_is_a_finding_not_a_doubt() {
    let set = shipped();
    let t = template(&set, "pm-electric-drive");
    let warn = |key: &str, value: f64| {
        let it = item(&t, key);
        let day = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
        let (_, w) = validate(key, it, Answer::Measurement { value }, day).expect("accepted");
        w.into_iter().map(|w| w.message).collect::<Vec<_>>()
    };
    let low = warn("battery.capacity", 72.0);
    assert_eq!(low.len(), 1);
    assert!(low[0].nl.contains("onder de grens van 80 %"), "{low:?}");
    assert!(low[0].nl.contains("bespreek vervangen"), "{low:?}");
    assert!(!low[0].nl.contains("Klopt de meting"), "{low:?}");
    assert!(low[0].en.contains("below the limit of 80 %"), "{low:?}");
    assert!(warn("battery.capacity", 85.0).is_empty());
    // above the plausible band it is still a doubt about the measurement
    let high = warn("battery.capacity", 120.0);
    assert!(high[0].nl.contains("Klopt de meting"), "{high:?}");
    let tread = warn("chassis.tread_depth", 0.5);
    assert!(tread[0].nl.contains("onder de grens van 1 mm"), "{tread:?}");
    assert!(tread[0].en.contains("replace the tyre"), "{tread:?}");
}

/// A maintenance or inspection is its checklist: every check must be answered ("n.a." and
/// "all OK" keep that quick), so a job cannot close with the checks left open.
#[test]
fn every_check_of_a_maintenance_or_inspection_is_required() {
    let set = shipped();
    let mut seen = 0;
    for t in set.all() {
        if !matches!(
            t.job_kind,
            JobKind::PreventiveMaintenance | JobKind::HoistInspection
        ) {
            continue;
        }
        for step in &t.steps {
            for it in &step.items {
                if matches!(it.input, Input::Check) {
                    seen += 1;
                    assert!(it.required, "{}: {}.{} is optional", t.id, step.id, it.id);
                }
            }
        }
    }
    assert!(seen > 100, "{seen} checks");
}

#[test]
fn date_bounds_far_from_the_job_day_are_refused() {
    for days in [i64::from(i32::MAX), i64::from(i32::MIN), 4000] {
        let (problems, loaded) = load_broken("fitting", |v| {
            find_item_mut(v, "trial.end_date")["input"]["max_days"] = serde_json::json!(days);
        });
        assert!(!loaded, "{days}");
        assert!(problems[0].contains("trial.end_date"), "{problems:?}");
    }
}

#[test]
fn a_missing_contract_option_is_refused() {
    let (problems, loaded) = load_broken("pm-scooter", |v| {
        find_item_mut(v, "usage.functional_check")["input"]["options"]
            .as_array_mut()
            .unwrap()
            .retain(|o| o["id"] != "not_adequate");
    });
    assert!(!loaded);
    assert!(problems[0].contains("not_adequate"), "{problems:?}");
}

#[test]
fn a_condition_on_an_unknown_item_is_refused() {
    let (problems, loaded) = load_broken("fitting", |v| {
        find_item_mut(v, "trial.end_date")["when"] =
            serde_json::json!({"if": "answered", "key": "trial.placed", "value": true});
    });
    assert!(!loaded);
    assert!(problems[0].contains("trial.placed"), "{problems:?}");
}

#[test]
fn the_same_template_twice_is_reported_once() {
    let mut files = files();
    let copy = files
        .iter()
        .find(|(n, _)| n == "delivery.json")
        .unwrap()
        .1
        .clone();
    files.push(("delivery-copy.json".into(), copy));
    let (set, problems) = load(&files);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].reason.contains("defined twice"));
    assert_eq!(set.len(), files.len() - 1);
    assert!(set.find("delivery", 1).is_some());
}

/// A measurement is never changed: what the technician typed is stored as typed, within the
/// precision its item keeps; a value with more decimals is refused with a message (it used to
/// be rounded silently: a top speed of 7,4 km/h became 7).
#[test]
fn a_measurement_is_kept_as_typed_or_refused() {
    let set = shipped();
    let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let m = |v: f64| Answer::Measurement { value: v };
    for (id, key) in [
        ("pm-electric-drive", "drive.max_speed"),
        ("pm-scooter", "steering.max_speed"),
    ] {
        let t = template(&set, id);
        let speed = item(&t, key);
        for v in [7.4, 12.5, 6.0] {
            let (stored, _) = validate(key, speed, m(v), day).unwrap();
            assert_eq!(stored, m(v), "{id}: {v} km/h is kept as typed");
        }
        let e = validate(key, speed, m(7.45), day).unwrap_err();
        assert_eq!(e.code(), "measurement_precision");
        let msg = e.message(&speed.label);
        assert!(
            msg.nl.contains("7,45") && msg.nl.contains("1 cijfer"),
            "{msg:?}"
        );
        assert!(
            msg.en.contains("7.45") && msg.en.contains("1 decimal"),
            "{msg:?}"
        );
    }
    let ed = template(&set, "pm-electric-drive");
    let minutes = item(&ed, "work.labour_minutes");
    let e = validate("work.labour_minutes", minutes, m(12.5), day).unwrap_err();
    assert_eq!(e.code(), "measurement_precision");
    assert!(e.message(&minutes.label).nl.contains("heel getal"));
    // decimals that float arithmetic cannot write exactly still count as typed
    let volts = item(&ed, "battery.open_circuit_voltage");
    let (stored, _) = validate("battery.open_circuit_voltage", volts, m(25.47), day).unwrap();
    assert_eq!(stored, m(25.47));
}
