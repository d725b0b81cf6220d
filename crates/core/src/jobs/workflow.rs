//! Every job kind is a state machine with explicit transitions. What may happen next
//! depends on the kind and the state; whether it may happen *now* (nothing required missing,
//! the delivery not blocked) is checked by the guards. Illegal transitions are typed errors.
//!
//! ```text
//!   not_started --start--> in_progress --complete--> completed          (all but delivery)
//!   in_progress --mark_ready_to_sign--> ready_to_sign                   (delivery)
//!   ready_to_sign --reopen--> in_progress                               (delivery)
//!   ready_to_sign --complete--> completed   (only with the signed agreement:
//!                                            effects::complete_signed_delivery)
//!   not_started | in_progress | ready_to_sign --cannot_proceed--> cannot_proceed
//!   completed, cannot_proceed: final (a completed job is immutable)
//! ```

use crate::model::JobKind;
use crate::Localized;
use serde::{Deserialize, Serialize};

/// A required item that has no answer yet, or an answer that is not acceptable in context:
/// what stands between a job and its completion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MissingItem {
    /// The answer key (`step.item` or `step[instance].item`).
    pub key: String,
    pub step_id: String,
    /// The sling id for a repeated step.
    pub instance: Option<String>,
    pub step_title: Localized,
    pub label: Localized,
    /// Set when the item has an answer that is not acceptable in context (for example a
    /// registration number that is not the ordered device): what is wrong.
    pub problem: Option<Localized>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    NotStarted,
    InProgress,
    /// Delivery: everything the user agreement needs is there; waiting for signatures.
    ReadyToSign,
    Completed,
    CannotProceed,
}

impl JobState {
    pub fn is_final(self) -> bool {
        matches!(self, JobState::Completed | JobState::CannotProceed)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JobEvent {
    Start,
    MarkReadyToSign,
    Reopen,
    Complete,
    CannotProceed,
}

/// Why a job may not go ahead right now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Blocked {
    /// The order's category deviation waits for the municipality's approval.
    DeviationPending,
    /// The municipality rejected the category deviation: the order must be revisited.
    DeviationRejected,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WorkflowError {
    #[error("{event:?} is not possible for a {kind:?} job that is {from:?}")]
    IllegalTransition {
        kind: JobKind,
        from: JobState,
        event: JobEvent,
    },
    #[error("{} required items missing", missing.len())]
    Incomplete { missing: Vec<MissingItem> },
    #[error("blocked: {0:?}")]
    Blocked(Blocked),
    #[error("the user agreement must be signed first")]
    SignatureRequired,
}

impl WorkflowError {
    pub fn code(&self) -> crate::ErrorCode {
        match self {
            WorkflowError::IllegalTransition { .. } => crate::ErrorCode::IllegalTransition,
            WorkflowError::Incomplete { .. } => crate::ErrorCode::JobIncomplete,
            WorkflowError::Blocked(Blocked::DeviationPending) => {
                crate::ErrorCode::DeliveryBlockedDeviationPending
            }
            WorkflowError::Blocked(Blocked::DeviationRejected) => {
                crate::ErrorCode::DeliveryBlockedDeviationRejected
            }
            WorkflowError::SignatureRequired => crate::ErrorCode::SignatureRequired,
        }
    }

    pub fn message(&self) -> Localized {
        match self {
            WorkflowError::IllegalTransition { from, .. } => not_possible_from(*from),
            WorkflowError::Incomplete { missing } => Localized::new(
                format!("Nog niet compleet: {} verplichte punten ontbreken.", missing.len()),
                format!("Not complete yet: {} required items are missing.", missing.len()),
            ),
            WorkflowError::Blocked(Blocked::DeviationPending) => Localized::new(
                "Levering geblokkeerd: de gemeente moet de afwijkende categorie eerst goedkeuren.",
                "Delivery blocked: the municipality must approve the different category first.",
            ),
            WorkflowError::Blocked(Blocked::DeviationRejected) => Localized::new(
                "Levering geblokkeerd: de gemeente heeft de afwijkende categorie afgewezen. Overleg met de planning.",
                "Delivery blocked: the municipality rejected the different category. Consult the planners.",
            ),
            WorkflowError::SignatureRequired => Localized::new(
                "De gebruikersovereenkomst moet eerst worden ondertekend.",
                "The user agreement must be signed first.",
            ),
        }
    }
}

/// Why nothing more can happen to a job in state `from`, in words.
pub fn not_possible_from(from: JobState) -> Localized {
    match from {
        JobState::Completed => Localized::new(
            "Deze opdracht is afgerond en kan niet meer worden gewijzigd. Een correctie wordt een nieuwe regel in het logboek.",
            "This job is completed and can no longer be changed. A correction becomes a new logbook entry.",
        ),
        JobState::CannotProceed => Localized::new(
            "Deze opdracht is afgesloten omdat het bezoek niet door kon gaan.",
            "This job was closed because the visit could not go ahead.",
        ),
        _ => Localized::new(
            "Deze stap is nu niet mogelijk voor deze opdracht.",
            "This step is not possible for this job now.",
        ),
    }
}

/// The transition table: where `event` leads from `from` for a job of `kind`, regardless of
/// the guards.
pub fn transition(
    kind: JobKind,
    from: JobState,
    event: JobEvent,
) -> Result<JobState, WorkflowError> {
    use JobEvent as E;
    use JobState as S;
    let delivery = kind == JobKind::Delivery;
    let to = match (from, event) {
        (S::NotStarted, E::Start) => S::InProgress,
        (S::InProgress, E::Complete) if !delivery => S::Completed,
        (S::InProgress, E::MarkReadyToSign) if delivery => S::ReadyToSign,
        (S::ReadyToSign, E::Reopen) if delivery => S::InProgress,
        (S::ReadyToSign, E::Complete) if delivery => return Err(WorkflowError::SignatureRequired),
        (S::NotStarted | S::InProgress | S::ReadyToSign, E::CannotProceed) => S::CannotProceed,
        _ => return Err(WorkflowError::IllegalTransition { kind, from, event }),
    };
    Ok(to)
}

/// The transition with its guards: completing (or marking ready to sign) needs nothing
/// required missing; a delivery cannot start or go on while its order's category deviation is
/// not approved.
pub fn guarded(
    kind: JobKind,
    from: JobState,
    event: JobEvent,
    missing: &[MissingItem],
    blocked: Option<Blocked>,
) -> Result<JobState, WorkflowError> {
    let to = transition(kind, from, event)?;
    if let Some(b) = blocked {
        if matches!(
            event,
            JobEvent::Start | JobEvent::MarkReadyToSign | JobEvent::Complete
        ) {
            return Err(WorkflowError::Blocked(b));
        }
    }
    if matches!(event, JobEvent::Complete | JobEvent::MarkReadyToSign) && !missing.is_empty() {
        return Err(WorkflowError::Incomplete {
            missing: missing.to_vec(),
        });
    }
    Ok(to)
}
