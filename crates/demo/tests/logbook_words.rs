//! Every logbook entry the demo writes reads as words, in Dutch and in English: the
//! municipality and the office read the passport's logbook, so no ISO date, answer key,
//! code or amount in cents may show, and every entry has an English headline of its own.

mod common;

use common::{build, seed};
use serde_json::Value;
use std::collections::BTreeSet;
use veldwerk_core::logbook::details::{unreadable, VERSION};
use veldwerk_core::logbook::{words, LogbookKind};
use veldwerk_core::Localized;
use veldwerk_demo::{DemoConfig, HistoryDepth};

fn check(text: &str, what: &str, problems: &mut Vec<String>) {
    let bad = unreadable(text);
    if !bad.is_empty() {
        problems.push(format!("{what}: {text:?} shows {bad:?}"));
    }
}

fn check_both(l: &Localized, what: &str, problems: &mut Vec<String>) {
    check(&l.nl, &format!("{what} (nl)"), problems);
    check(&l.en, &format!("{what} (en)"), problems);
}

fn every_entry_reads_as_words(cfg: &DemoConfig) -> BTreeSet<&'static str> {
    let g = build(cfg);
    let mut problems = Vec::new();
    let mut kinds = BTreeSet::new();
    assert!(!g.master.logbook.is_empty());
    for e in &g.master.logbook {
        let what = format!("{:?} of device {}", e.kind, e.device_id);
        let json: Value = serde_json::from_str(&e.details_json).unwrap();
        assert_eq!(json["v"], VERSION, "{what}: details not in words");
        assert!(json["data"].is_object(), "{what}: no facts by code");
        let w = words(e);
        check_both(&w.summary, &format!("{what}: headline"), &mut problems);
        assert!(
            !w.summary.en.trim().is_empty() && w.summary.en != w.summary.nl,
            "{what}: no English headline ({:?})",
            w.summary
        );
        assert_eq!(json["en"].as_str(), Some(w.summary.en.as_str()));
        for line in &w.lines {
            check_both(&line.label, &format!("{what}: label"), &mut problems);
            check_both(
                &line.value,
                &format!("{what}: {}", line.label.nl),
                &mut problems,
            );
            assert!(!line.label.nl.is_empty() && !line.label.en.is_empty());
            assert!(!line.value.nl.is_empty() && !line.value.en.is_empty());
        }
        kinds.insert(kind_code(e.kind));
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} unreadable details, such as:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
    kinds
}

fn kind_code(k: LogbookKind) -> &'static str {
    match serde_json::to_value(k).unwrap() {
        Value::String(s) => Box::leak(s.into_boxed_str()),
        _ => "?",
    }
}

#[test]
fn every_entry_of_the_small_demo_reads_as_words_in_both_languages() {
    let kinds =
        every_entry_reads_as_words(&DemoConfig::small(common::date(2026, 12, 6)).with_seed(seed()));
    // The history the passport shows has every kind of entry the demo writes.
    for k in [
        "registered",
        "delivery",
        "preventive_maintenance",
        "hoist_inspection",
        "sling_inspection",
        "malfunction_reported",
        "repair",
        "adjustment",
        "collection",
        "loan_placed",
        "loan_returned",
        "usage_check",
        "damage_report",
        "signal",
        "note",
    ] {
        assert!(kinds.contains(k), "no {k} entry in the demo");
    }
}

#[test]
fn the_compact_history_reads_as_words_too() {
    every_entry_reads_as_words(&DemoConfig {
        residents: 200,
        devices: 400,
        technicians: 5,
        history: HistoryDepth::Compact,
        ..DemoConfig::small(common::date(2026, 3, 4))
    });
}

/// The details the issue found raw in the passport now read as words, in both languages.
#[test]
fn dates_money_checklists_and_sign_offs_are_words() {
    let g = build(&DemoConfig::small(common::date(2026, 12, 6)).with_seed(seed()));
    let all: Vec<(String, String)> = g
        .master
        .logbook
        .iter()
        .flat_map(|e| words(e).lines)
        .map(|l| {
            (
                format!("{}: {}", l.label.nl, l.value.nl),
                format!("{}: {}", l.label.en, l.value.en),
            )
        })
        .collect();
    let any = |f: &dyn Fn(&(String, String)) -> bool| all.iter().any(f);
    assert!(any(&|(nl, _)| nl.starts_with("Catalogusprijs: € ")));
    assert!(any(&|(_, en)| en.starts_with("Catalogue price: €")));
    assert!(any(
        &|(nl, _)| nl.starts_with("Controlelijst: Elektrische aandrijving")
    ));
    assert!(any(&|(_, en)| en == "Checklist: Electric drive"));
    assert!(any(&|(nl, _)| nl == "Uitkomst: in orde"));
    assert!(any(&|(nl, en)| nl.starts_with("Afgetekend door: ")
        && nl.ends_with("(inwoner)")
        && en.ends_with("(resident)")));
    assert!(any(&|(nl, en)| nl.starts_with("Onderdeel vervangen: ")
        && nl.ends_with(", nieuw")
        && en.starts_with("Part replaced: ")
        && en.ends_with(", new")));
    // "Volgende onderhoud: 26 oktober 2027" / "Next maintenance: 26 October 2027".
    let months_nl = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    assert!(any(&|(nl, en)| nl.starts_with("Volgende onderhoud: ")
        && months_nl.iter().any(|m| nl.contains(m))
        && en.starts_with("Next maintenance: ")));
    assert!(
        any(&|(nl, en)| nl.starts_with("Tilband ")
            && nl.ends_with("goedgekeurd")
            && en.starts_with("Sling ")
            && en.ends_with("approved"))
            || any(&|(nl, _)| nl.starts_with("Tilband: TB-"))
    );
    // Raw data such as "by: resident, name: M. Smits" is gone.
    assert!(!any(&|(nl, en)| nl.contains("name:")
        || en.contains("name:")
        || nl.contains("(cent)")));
}
