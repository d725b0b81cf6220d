//! The app's sync engine (see crates/sync/README.md).
//!
//! * [`Engine::sync`]: one sync: push (the outbox in commit order, blobs before the records
//!   that need them, one request at a time, every answer classified and recorded), pull (pages
//!   applied with their cursor), the changes that waited, blobs that may go, the clock.
//! * [`classify`]: retry later / re-authenticate / refused, from an HTTP answer (pure).
//! * [`Backoff`]: when to try again (pure).
//! * [`portal_url`]: https anywhere, http only on loopback (pure).
//! * [`session`]: login and logout; the token lives in the OS keyring (the store's
//!   `SecretStore`), never in a file.

pub mod backoff;
pub mod classify;
mod ctx;
mod engine;
mod error;
pub mod http;
mod progress;
mod pull;
mod push;
mod replica;
pub mod session;
mod url;

pub use backoff::Backoff;
pub use classify::{classify, Failure};
pub use engine::{Engine, SyncReport};
pub use error::SyncError;
pub use http::{Now, PortalApi, Timeouts};
pub use progress::{Phase, Progress, ProgressHandle};
pub use replica::{Replica, SingleStore, StoreResult};
pub use url::{portal_url, url_text};
