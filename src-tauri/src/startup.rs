//! Opening the replica at start-up, off the UI thread, with progress for the UI.

use crate::commands::session::TECHNICIAN_SETTING;
use crate::error::AppError;
use crate::state::{lock, AppState, Startup};
use std::path::Path;
use std::sync::Arc;
use veldwerk_core::ids::TechnicianId;
use veldwerk_store::{KeyringSecretStore, SecretStore, Store};

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
                *lock(&state.store) = Some(store);
                state.set_startup(Startup::Ready);
            }
            Err(error) => state.set_startup(Startup::Failed { error }),
        }
    });
}

fn open(state: &AppState, secrets: &dyn SecretStore) -> Result<Store, AppError> {
    let path = state.launch.data_dir.join(REPLICA_FILE);
    let mut store = Store::open(&path, secrets, &key_name(&path))?;
    if state.launch.demo && store.counts()?.residents == 0 {
        crate::demo::fill(state, &mut store)?;
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
