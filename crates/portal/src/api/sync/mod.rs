//! Pulling changes and pushing records.

pub mod pull;
pub mod push;
