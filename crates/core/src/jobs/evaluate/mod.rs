//! Evaluating a job's answers against its template and context, by concern: which items
//! apply ([`conditions`]), reading typed answers ([`read`]), what is wrong with an answer in
//! context ([`problems`]), what is still missing and how far each step is ([`missing`]),
//! suggested starting values ([`suggest`]), dates in words ([`human`]), and what the
//! technician is told ([`notices`], [`warnings`]).

pub mod conditions;
pub mod human;
pub mod missing;
pub mod notices;
pub mod problems;
pub mod read;
pub mod suggest;
pub mod warnings;

pub use conditions::*;
pub use human::*;
pub use missing::*;
pub use notices::*;
pub use read::*;
pub use suggest::*;
pub use warnings::*;
