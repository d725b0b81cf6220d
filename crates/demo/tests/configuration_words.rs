//! The demo's device configuration reads in both languages: every option has English words
//! beside the Dutch the supplier records, and speeds are written km/u in Dutch, km/h in
//! English (one unit spelling per language).

mod common;

use common::{build, seed};
use veldwerk_demo::DemoConfig;

#[test]
fn every_configuration_item_has_english_words() {
    let mut cfg = DemoConfig::small(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    cfg.seed = seed();
    let g = build(&cfg);
    let mut missing = Vec::new();
    let mut items = 0;
    for d in &g.master.devices {
        for c in &d.configuration {
            items += 1;
            if c.label_en.is_none() || c.value_en.is_none() {
                missing.push(format!("{}: {:?}", d.registration_number, c));
            }
            assert!(!c.value.contains("km/h"), "Dutch speed in km/u: {c:?}");
            if c.value.contains("km/u") {
                assert!(
                    c.value_en.as_deref().is_some_and(|v| v.ends_with("km/h")),
                    "{c:?}"
                );
            }
        }
    }
    assert!(items > 1_000, "{items} items");
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "{} without English:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
