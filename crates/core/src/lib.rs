//! Veldwerk's pure domain: types, validation, the working-day calendar and the contract's
//! deadline arithmetic. No I/O, no async, no SQL: everything here is a function of its inputs.

pub mod calendar;
pub mod category;
pub mod contract;
pub mod error;
pub mod ids;
pub mod jobs;
pub mod kpi;
pub mod logbook;
pub mod messages;
pub mod model;
pub mod passport;
pub mod plans;
pub mod sla;
pub mod text;
pub mod units;
pub mod validation;
pub mod words;

pub use calendar::WorkingDayCalendar;
pub use category::Category;
pub use error::ErrorCode;
pub use text::Localized;
pub use validation::ValidationError;
