//! What a sync in progress has done so far, for the progress bar.

use serde::Serialize;
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    #[default]
    Idle,
    /// Sending records and blobs.
    Sending,
    /// Receiving changes.
    Receiving,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub phase: Phase,
    /// Records to send in this sync, and answered so far.
    pub records_total: u32,
    pub records_done: u32,
    /// Blobs to send, sent so far, and their bytes.
    pub blobs_total: u32,
    pub blobs_done: u32,
    pub bytes_total: u64,
    pub bytes_done: u64,
    /// Changes received so far.
    pub changes_received: u32,
}

/// Shared between the engine and whoever shows it.
#[derive(Clone, Default)]
pub struct ProgressHandle(Arc<Mutex<Progress>>);

impl ProgressHandle {
    pub fn get(&self) -> Progress {
        self.0.lock().map(|p| p.clone()).unwrap_or_default()
    }

    pub fn update(&self, f: impl FnOnce(&mut Progress)) {
        if let Ok(mut p) = self.0.lock() {
            f(&mut p);
        }
    }

    pub fn reset(&self) {
        self.update(|p| *p = Progress::default());
    }
}
