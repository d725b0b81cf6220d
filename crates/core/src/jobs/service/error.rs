//! Why the job service refuses a command: a typed error with a stable code and a message in
//! Dutch and English.

use crate::error::ErrorCode;
use crate::jobs::{AnswerError, WorkflowError};
use crate::{Localized, ValidationError};

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    /// An answer its item refuses (out of range, unknown option...), with the item's label.
    #[error("{error}")]
    Answer {
        error: Box<AnswerError>,
        label: Box<Localized>,
    },
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// There is no usable form for the job (none for its kind and category, or the version
    /// the draft was started with is not in this build).
    #[error("template unavailable: {}", .0.en)]
    TemplateUnavailable(Localized),
    /// Answers or a state change for a job that was never started.
    #[error("the job has not been started")]
    NotStarted,
    /// The job is completed or could not proceed: it never changes again.
    #[error("the job is closed ({from:?})")]
    Closed { from: crate::jobs::JobState },
    /// A delivery that is ready to sign: answers change only after "back to editing".
    #[error("the delivery is ready to sign")]
    ReadyToSign,
    /// An answer key or step the job's form does not have.
    #[error("unknown item {0:?}")]
    UnknownItem(String),
}

impl JobError {
    pub fn code(&self) -> ErrorCode {
        match self {
            JobError::Workflow(w) => w.code(),
            JobError::Answer { error, .. } => error.code(),
            JobError::Invalid(v) => v.code(),
            JobError::TemplateUnavailable(_) => ErrorCode::TemplateUnavailable,
            JobError::Closed { .. } => ErrorCode::JobClosed,
            JobError::NotStarted => ErrorCode::JobNotStarted,
            JobError::ReadyToSign => ErrorCode::JobReadyToSign,
            JobError::UnknownItem(_) => ErrorCode::UnknownItem,
        }
    }

    pub fn message(&self) -> Localized {
        match self {
            JobError::Workflow(w) => w.message(),
            JobError::Answer { error, label } => error.message(label),
            JobError::Invalid(v) => v.message(),
            JobError::TemplateUnavailable(why) => why.clone(),
            JobError::Closed { from } => crate::jobs::workflow::not_possible_from(*from),
            JobError::NotStarted => Localized::new(
                "Deze opdracht is nog niet begonnen. Kies eerst Beginnen.",
                "This job has not been started. Choose Start first.",
            ),
            JobError::ReadyToSign => Localized::new(
                "De levering staat klaar voor ondertekening. Kies eerst Terug naar bewerken.",
                "The delivery is ready to sign. Choose Back to editing first.",
            ),
            JobError::UnknownItem(key) => {
                let shown: String = key.chars().take(60).collect();
                Localized::new(
                    format!("Het onderdeel \"{shown}\" hoort niet bij dit formulier."),
                    format!("The item \"{shown}\" is not part of this form."),
                )
            }
        }
    }
}
