//! The reference supplier portal of Veldwerk: the sync API (`/api/v1`), its storage, sign-in,
//! the office view, the municipality's view and demo seeding. See crates/portal/README.md.

pub mod accounts;
pub mod api;
pub mod blobs;
pub mod clock;
pub mod domain;
pub mod error;
pub mod messages;
pub mod office;
pub mod security;
pub mod seed;
pub mod server;
pub mod state;
pub mod storage;
#[doc(hidden)]
pub mod testing;
pub mod views;
