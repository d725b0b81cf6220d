//! What the parts of a sync share, and how they reach the replica.

use super::error::SyncError;
use super::http::{Now, PortalApi};
use super::progress::ProgressHandle;
use super::replica::Replica;
use std::sync::Arc;
use veldwerk_store::blobs::BlobStore;

/// What the parts of a sync share.
pub(crate) struct Ctx<R> {
    pub replica: Arc<R>,
    pub blobs: Arc<BlobStore>,
    pub api: PortalApi,
    pub progress: ProgressHandle,
    pub now: Now,
}

/// Runs a replica call on the blocking pool.
pub(crate) async fn blocking<R: Replica, T: Send + 'static>(
    replica: &Arc<R>,
    f: impl FnOnce(&R) -> Result<T, SyncError> + Send + 'static,
) -> Result<T, SyncError> {
    let r = Arc::clone(replica);
    tokio::task::spawn_blocking(move || f(&r))
        .await
        .map_err(|_| SyncError::internal("replica task"))?
}
