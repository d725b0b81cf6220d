//! Opening the replica at start-up, off the UI thread, with progress for the UI.

use crate::error::AppError;
use crate::state::{lock, AppState, Startup};
use std::path::Path;
use std::sync::Arc;
use veldwerk_core::ids::TechnicianId;
use veldwerk_store::{KeyringSecretStore, SecretStore, Store};

/// The setting that remembers who uses this installation.
pub const TECHNICIAN_SETTING: &str = "technician_id";

/// The replica's file name inside the data directory.
pub const REPLICA_FILE: &str = "replica.db";

/// The keyring entry of the key of the replica at `path` (one key per replica file).
pub fn key_name(path: &Path) -> String {
    format!("replica-key:{}", path.display())
}

/// Opens the replica in a background thread and updates the start-up state as it goes.
pub fn spawn(state: Arc<AppState>) {
    std::thread::spawn(move || {
        let secrets = KeyringSecretStore::new(state.launch.keyring_service.clone());
        let result = open(&state, &secrets);
        match result {
            Ok(store) => {
                state.set_store(store);
                state.set_startup(Startup::Ready);
            }
            Err(error) => state.set_startup(Startup::Failed { error }),
        }
    });
}

/// The file whose lock says "this replica is open in a Veldwerk window".
pub const LOCK_FILE: &str = "replica.lock";

/// Takes the lock of the data directory: one Veldwerk per replica, so two windows never
/// write the same jobs. The lock is released when the process ends, however it ends.
pub fn lock_data_dir(dir: &Path) -> Result<std::fs::File, AppError> {
    std::fs::create_dir_all(dir).map_err(|_| AppError::internal())?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))
        .map_err(|_| AppError::internal())?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(AppError::new(
            veldwerk_core::ErrorCode::AlreadyOpen,
            veldwerk_core::Localized::new(
                "Veldwerk is al geopend op deze computer. Ga naar dat venster; er is niets verloren gegaan.",
                "Veldwerk is already open on this computer. Go to that window; nothing was lost.",
            ),
        )),
        Err(std::fs::TryLockError::Error(_)) => Err(AppError::internal()),
    }
}

/// Removes a replica file with its write-ahead log (an interrupted demo only).
fn remove_replica(path: &Path) -> Result<(), AppError> {
    // The log first: a crash half-way never leaves an old log beside a new file.
    for suffix in ["-wal", "-shm", ""] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => return Err(AppError::internal()),
        }
    }
    Ok(())
}

/// Opens again after a failed start (a keyring that was locked, a disk that was full): only
/// from the failed state, so a second tap while opening starts nothing twice. Returns
/// whether a new attempt was started.
pub fn retry(state: &Arc<AppState>) -> bool {
    {
        let mut startup = lock(&state.startup);
        if !matches!(*startup, Startup::Failed { .. }) {
            return false;
        }
        *startup = Startup::Opening;
    }
    spawn(Arc::clone(state));
    true
}

fn open(state: &AppState, secrets: &dyn SecretStore) -> Result<Store, AppError> {
    {
        // A retry keeps the lock this process already holds.
        let mut held = lock(&state.instance_lock);
        if held.is_none() {
            *held = Some(lock_data_dir(&state.launch.data_dir)?);
        }
    }
    let path = state.launch.data_dir.join(REPLICA_FILE);
    let mut store = Store::open(&path, secrets, &key_name(&path))?;
    if state.launch.demo {
        // A demo fill cut off by a kill left part of the demo: nothing was recorded in it
        // yet (nothing waits to be sent), so it starts afresh instead of staying half empty.
        if veldwerk_demo::interrupted(&store)?
            && store.outbox_len()? == 0
            && store.draft_count()? == 0
        {
            drop(store);
            remove_replica(&path)?;
            store = Store::open(&path, secrets, &key_name(&path))?;
        }
        if store.counts()?.residents == 0 {
            crate::demo::fill(state, &mut store)?;
        }
    }
    if let Some(raw) = store.setting(TECHNICIAN_SETTING)? {
        // A remembered technician who is no longer in the replica is simply asked again.
        if let Ok(id) = TechnicianId::parse(&raw) {
            if store.technician(id).is_ok() {
                *lock(&state.technician) = Some(id);
            }
        }
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_window_per_replica() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_data_dir(dir.path()).expect("the first takes the lock");
        let second = lock_data_dir(dir.path()).expect_err("a second is refused");
        assert_eq!(second.code, "already_open");
        assert!(second.message.nl.contains("al geopend"));
        drop(first);
        lock_data_dir(dir.path()).expect("free again once the first is gone");
    }

    /// A retry opens again in the same process: it keeps the lock it holds instead of
    /// refusing itself as "already open"; only a failed start can be retried.
    #[test]
    fn a_retry_opens_again_with_the_lock_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(crate::state::Launch {
            data_dir: dir.path().to_path_buf(),
            demo: false,
            keyring_service: "unused".into(),
            clock: crate::clock::Clock::system(),
        });
        let secrets = veldwerk_store::MemorySecretStore::default();
        open(&state, &secrets).expect("first open");
        assert!(lock(&state.instance_lock).is_some());
        open(&state, &secrets).expect("a second attempt in this process is not 'already open'");
        // another process (here: another lock on the file) is still refused
        assert_eq!(
            lock_data_dir(dir.path()).expect_err("held").code,
            "already_open"
        );
        state.set_startup(Startup::Ready);
        assert!(!retry(&state), "nothing to retry when the start succeeded");
        state.set_startup(Startup::Opening);
        assert!(!retry(&state), "not while opening");
    }

    /// A retry from the failed state runs the opening again (here it fails again: there is no
    /// keyring service in unit tests), and never as "already open" against itself.
    #[test]
    fn a_retry_from_a_failed_start_runs_the_opening_again() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(crate::state::Launch {
            data_dir: dir.path().to_path_buf(),
            demo: false,
            keyring_service: "veldwerk-unit-test-no-such-service".into(),
            clock: crate::clock::Clock::system(),
        });
        open(&state, &veldwerk_store::MemorySecretStore::default()).expect("first open");
        state.set_startup(Startup::Failed {
            error: AppError::internal(),
        });
        assert!(retry(&state));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let outcome = loop {
            let now = lock(&state.startup).clone();
            if !matches!(now, Startup::Opening) {
                break now;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the retry never finished"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        if let Startup::Failed { error } = outcome {
            assert_ne!(error.code, "already_open", "a retry refused itself");
            assert_ne!(
                error.code,
                AppError::internal().code,
                "the same error as before"
            );
        }
    }

    /// Killed while generating the demo: the next start begins the demo afresh instead of
    /// showing a half-filled replica; a finished demo is kept as it is.
    #[test]
    fn an_interrupted_demo_fill_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(crate::state::Launch {
            data_dir: dir.path().to_path_buf(),
            demo: true,
            keyring_service: "unused".into(),
            clock: crate::clock::Clock::system(),
        });
        let secrets = veldwerk_store::MemorySecretStore::default();
        let store = open(&state, &secrets).expect("first start fills the demo");
        assert!(!veldwerk_demo::interrupted(&store).unwrap());
        let full = store.counts().unwrap();
        assert!(full.appointments > 0);
        // as if the fill had been cut off after the residents: no planning, no "complete"
        store
            .raw_connection()
            .execute_batch(
                "DELETE FROM settings WHERE key = 'demo_complete';
                 PRAGMA foreign_keys = OFF; DELETE FROM jobs; DELETE FROM appointments;",
            )
            .unwrap();
        assert!(veldwerk_demo::interrupted(&store).unwrap());
        drop(store);
        let store = open(&state, &secrets).expect("second start");
        assert!(!veldwerk_demo::interrupted(&store).unwrap());
        assert_eq!(store.counts().unwrap().appointments, full.appointments);
        // a finished demo is opened as it is (a mark left in it is still there)
        store
            .raw_connection()
            .execute(
                "INSERT INTO settings (key, value) VALUES ('probe', 'kept')",
                [],
            )
            .unwrap();
        drop(store);
        let mut store = open(&state, &secrets).expect("third start");
        assert_eq!(store.setting("probe").unwrap().as_deref(), Some("kept"));
        // work started in a replica is never thrown away, even if its mark went missing
        let job: String = store
            .raw_connection()
            .query_row("SELECT id FROM jobs LIMIT 1", [], |r| r.get(0))
            .unwrap();
        let job = veldwerk_core::ids::JobId::parse(&job).unwrap();
        store
            .start_draft(job, "pm-electric-drive", 1, chrono::Utc::now())
            .unwrap();
        store
            .raw_connection()
            .execute("DELETE FROM settings WHERE key = 'demo_complete'", [])
            .unwrap();
        drop(store);
        let store = open(&state, &secrets).expect("fourth start");
        assert_eq!(store.setting("probe").unwrap().as_deref(), Some("kept"));
        assert_eq!(store.draft_count().unwrap(), 1);
    }
}
