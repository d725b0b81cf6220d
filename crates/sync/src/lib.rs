//! Veldwerk's sync with the supplier portal. [`protocol`] holds the wire protocol: pure serde
//! types and helpers shared by the app's sync engine and the portal. [`client`] (the default
//! `client` feature) is the app's sync engine: push, pull, blobs, retries, login; the portal
//! builds without it.

pub mod protocol;

#[cfg(feature = "client")]
pub mod client;
