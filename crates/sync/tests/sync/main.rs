//! The sync engine against a real portal on loopback: a real encrypted replica and blob store
//! on the client side, the portal's real HTTP server and SQLite storage on the other, and a
//! fault-injecting proxy between them. No mocks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod authz;
mod basic;
mod common;
mod faults;
mod kill;
mod pending;
mod proxy;
mod workday;
