//! Guided jobs: templates as data, answers, the state machine of every job kind, the rules
//! with numbers, and what completing a job writes.

pub mod answer;
pub mod schema;
pub mod template;
pub mod templates;

pub use answer::{Answer, AnswerError, AnswerWarning, Part, SignerRole};
pub use template::{CheckResult, Condition, Input, Item, Step, Template, Unit};
pub use templates::{answer_key, split_key, TemplateProblem, TemplateSet};
