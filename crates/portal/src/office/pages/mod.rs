//! One file per page (or small group of forms that belong to it).

pub mod audit;
pub mod common;
pub mod conflicts;
pub mod dashboard;
pub mod deviations;
pub mod device;
pub mod files;
pub mod language;
pub mod letter;
pub mod login;
pub mod messages;
pub mod municipality;
pub mod plans;
pub mod repairs;
pub mod reports;
pub mod resident;
pub mod residents;
pub mod signals;
pub mod technicians;
