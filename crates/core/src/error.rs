//! Every error code that can reach the UI, in one enum. Each error type of the domain, the
//! replica and the shell names its code here, so the TypeScript bindings carry the complete
//! list as one union type and the UI can match it exhaustively. The serialised names are
//! stable: tests, the UI and (later) the portal match on them, never on messages.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // --- input the domain refuses (ValidationError) --------------------------------------
    InvalidId,
    UnknownCategory,
    WindowTooLong,
    WindowEndsBeforeStart,
    InvalidPostcode,
    TooLong,
    Empty,
    TooManyContactPersons,
    InvalidDate,
    InvalidRegistrationNumber,
    InvalidCalendar,
    NotResidentsDevice,
    ProposalInPast,
    // --- answers refused by their item (AnswerError) -------------------------------------
    AnswerWrongType,
    MeasurementOutOfRange,
    MeasurementPrecision,
    UnknownOption,
    DateOutOfRange,
    FixByMissing,
    InvalidPart,
    SignerMissing,
    NotANumber,
    InvalidAnswer,
    // --- the workflow of a job (WorkflowError, JobError) ---------------------------------
    IllegalTransition,
    JobIncomplete,
    DeliveryBlockedDeviationPending,
    DeliveryBlockedDeviationRejected,
    SignatureRequired,
    JobNotStarted,
    JobReadyToSign,
    JobClosed,
    JobAlreadyCompleted,
    UnknownItem,
    TemplateUnavailable,
    /// A record a client made was sent again under the same id with other content: the
    /// first one stays as it was (the one code of every retry that is not a retry).
    RecordedDifferently,
    // --- the replica (StoreError) ---------------------------------------------------------
    StoreKeyMissing,
    StoreWrongKey,
    KeyringUnavailable,
    StoreTooNew,
    NotFound,
    StoreCorrupt,
    DiskFull,
    DatabaseError,
    MigrationFailed,
    FileError,
    /// A document (PDF) could not be made from the records (the message says which part).
    DocumentFailed,
    // --- the app (AppError) ---------------------------------------------------------------
    NotReady,
    NoTechnician,
    AlreadyOpen,
    Internal,
    /// Input of the wrong shape (refused before a command ran, or by a command).
    InvalidInput,
    /// The UI could not reach the back end at all (made by the UI, never by Rust).
    IpcFailed,
    /// The UI holds typed input that is not saved yet (made by the UI).
    UnsavedAnswers,
    /// An answer the UI cannot send yet: a defect without its date, a note without a result
    /// (made by the UI).
    IncompleteAnswer,
    // --- the sync with the portal (SyncError) ---------------------------------------------
    /// The portal could not be reached (no network, the portal down, a timeout): the work waits here.
    PortalUnreachable,
    /// The portal asked to wait (429 or 503).
    PortalBusy,
    /// The portal failed or answered something unreadable.
    PortalError,
    /// The portal refused a request for a reason that trying again does not change.
    PortalRefused,
    /// Not a portal address.
    PortalUrlInvalid,
    /// A portal address other than this computer must use https.
    PortalUrlInsecure,
    /// Wrong name or password.
    LoginFailed,
    /// No valid login (never logged in, logged out, or the token was revoked): the queue waits.
    LoginRequired,
    /// The replica holds another technician's data.
    OtherTechnician,
}

impl ErrorCode {
    /// The stable name, as serialised ("job_incomplete"); a test checks it against serde.
    pub const fn as_str(self) -> &'static str {
        self.name()
    }

    /// Every code, in declaration order.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::InvalidId,
        ErrorCode::UnknownCategory,
        ErrorCode::WindowTooLong,
        ErrorCode::WindowEndsBeforeStart,
        ErrorCode::InvalidPostcode,
        ErrorCode::TooLong,
        ErrorCode::Empty,
        ErrorCode::TooManyContactPersons,
        ErrorCode::InvalidDate,
        ErrorCode::InvalidRegistrationNumber,
        ErrorCode::InvalidCalendar,
        ErrorCode::NotResidentsDevice,
        ErrorCode::ProposalInPast,
        ErrorCode::AnswerWrongType,
        ErrorCode::MeasurementOutOfRange,
        ErrorCode::MeasurementPrecision,
        ErrorCode::UnknownOption,
        ErrorCode::DateOutOfRange,
        ErrorCode::FixByMissing,
        ErrorCode::InvalidPart,
        ErrorCode::SignerMissing,
        ErrorCode::NotANumber,
        ErrorCode::InvalidAnswer,
        ErrorCode::IllegalTransition,
        ErrorCode::JobIncomplete,
        ErrorCode::DeliveryBlockedDeviationPending,
        ErrorCode::DeliveryBlockedDeviationRejected,
        ErrorCode::SignatureRequired,
        ErrorCode::JobNotStarted,
        ErrorCode::JobReadyToSign,
        ErrorCode::JobClosed,
        ErrorCode::JobAlreadyCompleted,
        ErrorCode::UnknownItem,
        ErrorCode::TemplateUnavailable,
        ErrorCode::RecordedDifferently,
        ErrorCode::StoreKeyMissing,
        ErrorCode::StoreWrongKey,
        ErrorCode::KeyringUnavailable,
        ErrorCode::StoreTooNew,
        ErrorCode::NotFound,
        ErrorCode::StoreCorrupt,
        ErrorCode::DiskFull,
        ErrorCode::DatabaseError,
        ErrorCode::MigrationFailed,
        ErrorCode::FileError,
        ErrorCode::DocumentFailed,
        ErrorCode::NotReady,
        ErrorCode::NoTechnician,
        ErrorCode::AlreadyOpen,
        ErrorCode::Internal,
        ErrorCode::InvalidInput,
        ErrorCode::IpcFailed,
        ErrorCode::UnsavedAnswers,
        ErrorCode::IncompleteAnswer,
        ErrorCode::PortalUnreachable,
        ErrorCode::PortalBusy,
        ErrorCode::PortalError,
        ErrorCode::PortalRefused,
        ErrorCode::PortalUrlInvalid,
        ErrorCode::PortalUrlInsecure,
        ErrorCode::LoginFailed,
        ErrorCode::LoginRequired,
        ErrorCode::OtherTechnician,
    ];

    /// The snake_case name, spelled once per variant.
    const fn name(self) -> &'static str {
        use ErrorCode::*;
        match self {
            InvalidId => "invalid_id",
            UnknownCategory => "unknown_category",
            WindowTooLong => "window_too_long",
            WindowEndsBeforeStart => "window_ends_before_start",
            InvalidPostcode => "invalid_postcode",
            TooLong => "too_long",
            Empty => "empty",
            TooManyContactPersons => "too_many_contact_persons",
            InvalidDate => "invalid_date",
            InvalidRegistrationNumber => "invalid_registration_number",
            InvalidCalendar => "invalid_calendar",
            NotResidentsDevice => "not_residents_device",
            ProposalInPast => "proposal_in_past",
            AnswerWrongType => "answer_wrong_type",
            MeasurementOutOfRange => "measurement_out_of_range",
            MeasurementPrecision => "measurement_precision",
            UnknownOption => "unknown_option",
            DateOutOfRange => "date_out_of_range",
            FixByMissing => "fix_by_missing",
            InvalidPart => "invalid_part",
            SignerMissing => "signer_missing",
            NotANumber => "not_a_number",
            InvalidAnswer => "invalid_answer",
            IllegalTransition => "illegal_transition",
            JobIncomplete => "job_incomplete",
            DeliveryBlockedDeviationPending => "delivery_blocked_deviation_pending",
            DeliveryBlockedDeviationRejected => "delivery_blocked_deviation_rejected",
            SignatureRequired => "signature_required",
            JobNotStarted => "job_not_started",
            JobReadyToSign => "job_ready_to_sign",
            JobClosed => "job_closed",
            JobAlreadyCompleted => "job_already_completed",
            UnknownItem => "unknown_item",
            TemplateUnavailable => "template_unavailable",
            RecordedDifferently => "recorded_differently",
            StoreKeyMissing => "store_key_missing",
            StoreWrongKey => "store_wrong_key",
            KeyringUnavailable => "keyring_unavailable",
            StoreTooNew => "store_too_new",
            NotFound => "not_found",
            StoreCorrupt => "store_corrupt",
            DiskFull => "disk_full",
            DatabaseError => "database_error",
            MigrationFailed => "migration_failed",
            FileError => "file_error",
            DocumentFailed => "document_failed",
            NotReady => "not_ready",
            NoTechnician => "no_technician",
            AlreadyOpen => "already_open",
            Internal => "internal",
            InvalidInput => "invalid_input",
            IpcFailed => "ipc_failed",
            UnsavedAnswers => "unsaved_answers",
            IncompleteAnswer => "incomplete_answer",
            PortalUnreachable => "portal_unreachable",
            PortalBusy => "portal_busy",
            PortalError => "portal_error",
            PortalRefused => "portal_refused",
            PortalUrlInvalid => "portal_url_invalid",
            PortalUrlInsecure => "portal_url_insecure",
            LoginFailed => "login_failed",
            LoginRequired => "login_required",
            OtherTechnician => "other_technician",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and logs compare codes with their names.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-spelled names agree with serde's, and every variant is in ALL once.
    #[test]
    fn names_agree_with_serde_and_all_is_complete() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ErrorCode::ALL {
            let serde = serde_json::to_value(c).unwrap();
            assert_eq!(serde, serde_json::Value::String(c.name().into()));
            assert_eq!(c.as_str(), c.name());
            assert!(seen.insert(*c), "{c:?} twice in ALL");
            let back: ErrorCode = serde_json::from_value(serde).unwrap();
            assert_eq!(back, *c);
        }
        // a variant missing from ALL would make as_str() say "internal"
        assert_eq!(ErrorCode::ALL.len(), 63);
    }
}
