//! Guided jobs: templates as data, answers, the state machine of every job kind, the rules
//! with numbers, and what completing a job writes.

pub mod answer;
pub mod completion;
pub mod context;
pub mod effects;
pub mod evaluate;
pub mod media;
pub mod records;
pub mod rules;
pub mod schema;
pub mod service;
pub mod template;
pub mod templates;
pub mod workflow;

pub use answer::{Answer, AnswerError, AnswerWarning, Part, SignOffImage, SignerRole};
pub use completion::*;
pub use context::{JobContext, JobDraft};
pub use effects::{
    blocked, complete, complete_signed_delivery, delivery_signals, next_state, not_home,
    not_home_closes, ready_to_sign,
};
pub use evaluate::{
    applicable_answers, applies, condition_holds, instances, missing, progress, suggestions,
    warnings, StepProgress,
};
pub use media::{
    AgreementSigned, DocumentKind, DocumentRecord, PhotoRecord, SignaturePurpose, SignatureRecord,
};
pub use records::*;
pub use template::{CheckResult, Condition, Input, Item, Step, Template, Unit};
pub use templates::{answer_key, split_key, TemplateProblem, TemplateSet};
pub use workflow::{guarded, transition, Blocked, JobEvent, JobState, MissingItem, WorkflowError};
