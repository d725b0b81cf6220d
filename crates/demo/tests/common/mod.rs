//! The demo generated into a real (encrypted, temporary) replica, read back whole.
#![allow(dead_code)]

use chrono::NaiveDate;
use tempfile::TempDir;
use veldwerk_demo::{generate, DemoConfig, DemoSummary};
use veldwerk_store::export::MasterData;
use veldwerk_store::{MemorySecretStore, Store};

pub struct Generated {
    _dir: TempDir,
    pub store: Store,
    pub summary: DemoSummary,
    pub master: MasterData,
}

pub fn build(cfg: &DemoConfig) -> Generated {
    let dir = tempfile::tempdir().unwrap();
    let secrets = MemorySecretStore::default();
    let mut store = Store::open(&dir.path().join("demo.db"), &secrets, "demo-key").unwrap();
    let summary = generate(&mut store, cfg, &mut |_| {}).unwrap();
    let master = store.export_master_data().unwrap();
    Generated {
        _dir: dir,
        store,
        summary,
        master,
    }
}

/// The seed of the content tests: DEMO_SEED from the environment, to sweep seeds by hand.
pub fn seed() -> u64 {
    std::env::var("DEMO_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DemoConfig::DEFAULT_SEED)
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Anchors of different kinds: a Wednesday, a Saturday, a Sunday (the day the issue was
/// found), the day before Christmas, Easter Monday.
pub fn anchors() -> Vec<NaiveDate> {
    vec![
        date(2026, 3, 4),
        date(2026, 11, 28),
        date(2026, 12, 6),
        date(2026, 12, 24),
        date(2027, 3, 29),
    ]
}
