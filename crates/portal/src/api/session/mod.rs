//! Signing in and out of the sync API.

pub mod login;
pub mod logout;
