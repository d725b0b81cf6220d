//! How the engine reaches the replica: the app passes its own (one writer, read-only
//! readers); tests and tools use [`SingleStore`]. Calls are blocking; the engine makes them on
//! tokio's blocking pool.

use super::error::SyncError;
use std::sync::Mutex;
use veldwerk_store::Store;

pub type StoreResult<T> = veldwerk_store::Result<T>;

pub trait Replica: Send + Sync + 'static {
    /// Runs `f` with the writer (one write at a time).
    fn write<T>(&self, f: impl FnOnce(&mut Store) -> StoreResult<T>) -> Result<T, SyncError>;
    /// Runs `f` with a connection for reading.
    fn read<T>(&self, f: impl FnOnce(&Store) -> StoreResult<T>) -> Result<T, SyncError>;
}

/// One connection for everything (tests, tools, benchmarks).
pub struct SingleStore(pub Mutex<Store>);

impl SingleStore {
    pub fn new(store: Store) -> SingleStore {
        SingleStore(Mutex::new(store))
    }
}

impl Replica for SingleStore {
    fn write<T>(&self, f: impl FnOnce(&mut Store) -> StoreResult<T>) -> Result<T, SyncError> {
        let mut s = self.0.lock().unwrap_or_else(|p| p.into_inner());
        Ok(f(&mut s)?)
    }

    fn read<T>(&self, f: impl FnOnce(&Store) -> StoreResult<T>) -> Result<T, SyncError> {
        let s = self.0.lock().unwrap_or_else(|p| p.into_inner());
        Ok(f(&s)?)
    }
}
