//! Veldwerk's sync with the supplier portal. [`protocol`] holds the wire protocol: pure serde
//! types and helpers shared by the app's sync engine and the portal.

pub mod protocol;
