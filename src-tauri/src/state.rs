//! The app's state: the replica (once open), the calendar and how the app was started.

use crate::error::AppError;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use veldwerk_core::ids::TechnicianId;
use veldwerk_core::jobs::{TemplateProblem, TemplateSet};
use veldwerk_core::WorkingDayCalendar;
use veldwerk_store::Store;

/// Where the app is in starting up; the UI polls it and shows progress.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum Startup {
    Opening,
    /// Generating the demo replica: `done` of `total` in the current step.
    GeneratingDemo {
        step: String,
        done: u32,
        total: u32,
    },
    Ready,
    Failed {
        error: AppError,
    },
}

/// How the app was started.
#[derive(Clone, Debug)]
pub struct Launch {
    pub data_dir: PathBuf,
    /// Fill an empty replica with generated demo data.
    pub demo: bool,
    /// Keyring service name.
    pub keyring_service: String,
    /// What "now" is (the system clock, or a set instant from `VELDWERK_CLOCK`).
    pub clock: crate::clock::Clock,
}

pub struct AppState {
    pub launch: Launch,
    pub calendar: WorkingDayCalendar,
    /// The checklist templates that loaded, and the ones that did not (shown to the user).
    pub templates: TemplateSet,
    pub template_problems: Vec<TemplateProblem>,
    pub startup: Mutex<Startup>,
    pub store: Mutex<Option<Store>>,
    pub technician: Mutex<Option<TechnicianId>>,
    /// Held while the app runs: one Veldwerk per replica.
    pub instance_lock: Mutex<Option<std::fs::File>>,
}

impl AppState {
    pub fn new(launch: Launch) -> Arc<AppState> {
        let (templates, template_problems) = crate::templates::load();
        for p in &template_problems {
            eprintln!("veldwerk: template {} left out: {}", p.source, p.reason);
        }
        Arc::new(AppState {
            launch,
            calendar: WorkingDayCalendar::dutch_legal(),
            templates,
            template_problems,
            startup: Mutex::new(Startup::Opening),
            store: Mutex::new(None),
            technician: Mutex::new(None),
            instance_lock: Mutex::new(None),
        })
    }

    pub fn set_startup(&self, s: Startup) {
        *lock(&self.startup) = s;
    }

    /// Runs `f` with the open store, or fails with `not_ready`.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = lock(&self.store);
        match guard.as_mut() {
            Some(store) => f(store),
            None => Err(AppError::not_ready()),
        }
    }

    /// Now, by the app's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.launch.clock.now()
    }

    /// Today in Europe/Amsterdam, by the app's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.launch.clock.today()
    }

    pub fn technician_id(&self) -> Result<TechnicianId, AppError> {
        (*lock(&self.technician)).ok_or_else(AppError::no_technician)
    }
}

/// Locks a mutex; a panic elsewhere while holding it does not make the data unusable.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
