//! The portal's pure rules: who sees what, how an update changes an entity, how a logbook
//! entry continues a chain, and what a pushed record must be. No I/O here.

pub mod apply;
pub mod chain;
pub mod kpi;
pub mod records;
pub mod scope;
