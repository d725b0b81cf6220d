//! The portal over real HTTP on loopback: a seeded SQLite file per test, a real server,
//! reqwest as the client (and a real Chromium for the office view).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod bad_input;
mod blobs;
mod common;
mod fixtures;
mod letters;
mod messages;
mod municipality;
mod office_browser;
mod office_http;
mod openapi;
mod pull;
mod push;
mod push_property;
mod seed;
