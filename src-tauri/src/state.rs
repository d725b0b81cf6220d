//! The app's state: the replica (once open), the calendar and how the app was started.
//!
//! The replica is one writer connection and a few read-only ones. Commands run off the main
//! thread ([`blocking`]); writes take the writer (one at a time, so a command's read, decision
//! and write are never interleaved with another's), reads take a reader, so a screen never
//! waits for a long write (SQLite's WAL lets readers run beside the writer).

use crate::error::AppError;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use veldwerk_core::ids::TechnicianId;
use veldwerk_core::jobs::service::Env;
use veldwerk_core::jobs::{TemplateProblem, TemplateSet};
use veldwerk_core::WorkingDayCalendar;
use veldwerk_store::{ReaderSpec, Store};

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

/// Read-only connections kept open at most (each has its own page cache).
const MAX_IDLE_READERS: usize = 2;

/// The open replica: the writer and a pool of readers.
pub struct Replica {
    writer: Mutex<Store>,
    readers: Mutex<Vec<Store>>,
    spec: ReaderSpec,
}

impl Replica {
    fn new(store: Store) -> Replica {
        Replica {
            spec: store.reader_spec(),
            writer: Mutex::new(store),
            readers: Mutex::new(Vec::new()),
        }
    }

    /// A reader from the pool, or a new one.
    fn take_reader(&self) -> Result<Store, AppError> {
        if let Some(r) = lock(&self.readers).pop() {
            return Ok(r);
        }
        Ok(Store::open_reader(&self.spec)?)
    }

    fn give_back(&self, reader: Store) {
        let mut pool = lock(&self.readers);
        if pool.len() < MAX_IDLE_READERS {
            pool.push(reader);
        }
    }
}

pub struct AppState {
    pub launch: Launch,
    pub calendar: WorkingDayCalendar,
    /// The checklist templates that loaded, and the ones that did not (shown to the user).
    pub templates: TemplateSet,
    pub template_problems: Vec<TemplateProblem>,
    pub startup: Mutex<Startup>,
    replica: Mutex<Option<Arc<Replica>>>,
    pub technician: Mutex<Option<TechnicianId>>,
    /// Held while the app runs: one Veldwerk per replica.
    pub instance_lock: Mutex<Option<std::fs::File>>,
    /// Asks where to save a file (the system's save dialog, set when the window starts).
    pub save_dialog: std::sync::OnceLock<SaveDialog>,
}

/// Asks the user where to save a file: a suggested name and folder in, the chosen path out
/// (None: cancelled). Blocking: call it on the blocking pool, never on the UI thread.
pub type SaveDialog =
    Box<dyn Fn(&str, &std::path::Path) -> Option<std::path::PathBuf> + Send + Sync>;

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
            replica: Mutex::new(None),
            technician: Mutex::new(None),
            instance_lock: Mutex::new(None),
            save_dialog: std::sync::OnceLock::new(),
        })
    }

    pub fn set_startup(&self, s: Startup) {
        *lock(&self.startup) = s;
    }

    /// The replica is open: commands may use it.
    pub fn set_store(&self, store: Store) {
        *lock(&self.replica) = Some(Arc::new(Replica::new(store)));
    }

    /// Closes the replica (commands say `not_ready` until it is set again); returns the
    /// writer when no command holds it.
    pub fn take_store(&self) -> Option<Store> {
        let replica = lock(&self.replica).take()?;
        Arc::try_unwrap(replica)
            .ok()
            .map(|r| r.writer.into_inner().unwrap_or_else(|p| p.into_inner()))
    }

    fn replica(&self) -> Result<Arc<Replica>, AppError> {
        lock(&self.replica).clone().ok_or_else(AppError::not_ready)
    }

    /// Runs `f` with the writer (one write at a time), or fails with `not_ready`.
    pub fn with_writer<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let replica = self.replica()?;
        let mut writer = lock(&replica.writer);
        f(&mut writer)
    }

    /// The writer, for tests and start-up code written before the split.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        self.with_writer(f)
    }

    /// Runs `f` with a read-only connection: never waits for a write in progress.
    pub fn with_reader<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let replica = self.replica()?;
        let reader = replica.take_reader()?;
        let out = f(&reader);
        replica.give_back(reader);
        out
    }

    /// Now, by the app's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.launch.clock.now()
    }

    /// Today in Europe/Amsterdam, by the app's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.launch.clock.today()
    }

    /// What the job service runs with, now.
    pub fn env(&self) -> Env<'_> {
        Env {
            templates: &self.templates,
            calendar: &self.calendar,
            now: self.now(),
        }
    }

    pub fn technician_id(&self) -> Result<TechnicianId, AppError> {
        (*lock(&self.technician)).ok_or_else(AppError::no_technician)
    }
}

/// Runs a command's work on the blocking thread pool, off the main (window) thread and off
/// the async workers: a commit with synchronous=FULL or a long read never freezes the window.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .unwrap_or_else(|_| Err(AppError::internal()))
}

/// Locks a mutex; a panic elsewhere while holding it does not make the data unusable.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
