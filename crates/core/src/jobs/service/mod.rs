//! The job service: every command on a guided job is one read, one pure step and one write.
//!
//! ```text
//!   store.load_job(id, cmd.registrations(), now) -> JobAggregate (one read)
//!   apply(aggregate, cmd, env)               -> Applied { change, aggregate, notices }
//!   store.persist(&change)                                         (one transaction)
//!   view(&aggregate, env)                    -> JobView
//! ```
//!
//! [`apply`] is pure: it checks the workflow (once), validates answers against their items,
//! decides which checks "all OK" covers, which signals a delivery raises (once per job), and
//! builds the completion; it returns what to write ([`JobChange`]) and the aggregate as it
//! stands after the write, so the view needs no second read. Only a completion changes more
//! than the job itself (passport, slings, orders...): the shell reads the job again after
//! persisting one ([`Applied::reload`]).

mod apply;
mod error;
mod view;

pub use apply::apply;
pub use error::JobError;
pub use view::{template_for, view, JobView, NotHomeClosure, Signer, VisitJob};

use super::{Answer, Completion, JobContext, JobDraft, JobReport, JobState, NotHomeReport};
use super::{Signal, SignalKind, TemplateSet};
use crate::ids::JobId;
use crate::model::{DeviceSummary, Job};
use crate::{Localized, WorkingDayCalendar};
use chrono::{DateTime, Utc};

/// Everything a command on a job reads, in one load.
#[derive(Clone, Debug, PartialEq)]
pub struct JobAggregate {
    pub ctx: JobContext,
    pub draft: Option<JobDraft>,
    /// The report of a completed job.
    pub report: Option<JobReport>,
    /// The not-home report that closed this job, if one did.
    pub not_home: Option<NotHomeReport>,
    /// Every job of the visit (this one included).
    pub visit: Vec<Job>,
    /// All devices of the resident (for a fault reported on site).
    pub resident_devices: Vec<DeviceSummary>,
    /// The kinds of signal already recorded for this job (a delivery raises its own once).
    pub job_signals: Vec<SignalKind>,
}

/// What a command runs with: the templates, the calendar and the time.
#[derive(Clone, Copy, Debug)]
pub struct Env<'a> {
    pub templates: &'a TemplateSet,
    pub calendar: &'a WorkingDayCalendar,
    pub now: DateTime<Utc>,
}

/// What the technician does to a job.
#[derive(Clone, Debug, PartialEq)]
pub enum JobCommand {
    /// Start the job: its draft is made with the current template version. Starting a
    /// started job changes nothing.
    Start,
    /// Save (or replace) one answer, validated against its item.
    SaveAnswer { key: String, answer: Answer },
    /// Remove one answer.
    ClearAnswer { key: String },
    /// Answer every unanswered check of a step (one sling instance) that applies with "ok".
    AllOk {
        step_id: String,
        instance: Option<String>,
    },
    /// A delivery: everything the user agreement needs is there.
    MarkReadyToSign,
    /// A delivery that was ready to sign goes back to editing.
    Reopen,
    /// Complete the job (refused with what is missing when incomplete; a delivery only
    /// with [`JobCommand::CompleteDelivery`]).
    Complete,
    /// Complete a delivery that is ready to sign with its signed user agreement.
    CompleteDelivery(Box<super::AgreementSigned>),
}

impl JobCommand {
    /// Registration numbers the command names (the store loads those devices with the job).
    pub fn registrations(&self) -> Vec<&str> {
        match self {
            JobCommand::SaveAnswer {
                answer: Answer::Registration { value },
                ..
            } => vec![value.as_str()],
            _ => Vec::new(),
        }
    }
}

/// What a command writes; the store applies it in one transaction.
#[derive(Clone, Debug, PartialEq)]
pub enum JobChange {
    /// Nothing (a repeated request that finds the job as asked).
    None,
    StartDraft {
        job_id: JobId,
        template_id: String,
        template_version: u32,
        at: DateTime<Utc>,
    },
    /// One or more answers, all or none.
    SaveAnswers {
        job_id: JobId,
        answers: Vec<(String, Answer)>,
        at: DateTime<Utc>,
    },
    ClearAnswer {
        job_id: JobId,
        key: String,
        at: DateTime<Utc>,
    },
    /// A delivery between in progress and ready to sign. The store writes it only while the
    /// draft is still in `from` (a concurrent change is refused, not overwritten); `signals`
    /// go with it.
    SetState {
        job_id: JobId,
        from: JobState,
        to: JobState,
        signals: Vec<Signal>,
        at: DateTime<Utc>,
    },
    Complete(Box<Completion>),
}

/// The outcome of [`apply`].
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub change: JobChange,
    /// The job as it stands once `change` is written (for a completion: read it again).
    pub aggregate: JobAggregate,
    /// What the technician should know now (after completing: plan the delivery...).
    pub notices: Vec<Localized>,
}

impl Applied {
    /// Whether the job must be read again after the change is written (a completion changes
    /// the passport, slings, orders and the visit, which this aggregate does not follow).
    pub fn reload(&self) -> bool {
        matches!(self.change, JobChange::Complete(_))
    }
}
