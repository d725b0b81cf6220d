//! Errors of the replica, each with a stable code and a message in Dutch and English.

use thiserror::Error;
use veldwerk_core::jobs::WorkflowError;
use veldwerk_core::{Localized, ValidationError};

/// The message the database's own guards (triggers) raise for a write to a closed job.
pub(crate) const JOB_CLOSED_MESSAGE: &str = "job is closed";

#[derive(Debug, Error)]
pub enum StoreError {
    /// The database file exists but the OS keyring holds no key for it.
    #[error("the replica exists but its key is missing from the keyring")]
    KeyMissing,
    /// The key in the keyring does not open the file.
    #[error("the key does not open the replica (wrong key or not a Veldwerk replica)")]
    WrongKey,
    /// The OS keyring (Secret Service) could not be reached or refused.
    #[error("the system keyring is not available: {0}")]
    SecretStore(String),
    /// The file was written by a newer version of Veldwerk.
    #[error("the replica has schema version {found}, newer than this app ({supported})")]
    TooNew { found: i64, supported: i64 },
    #[error("{kind} not found")]
    NotFound { kind: &'static str },
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// Stored data that does not decode: a bug or tampering, never silently skipped.
    #[error("stored {what} is unreadable: {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error("disk full or not writable: {0}")]
    DiskFull(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// The job is completed or could not proceed: its draft and records no longer change.
    #[error("the job is closed")]
    JobClosed,
    /// Answers or a state change for a job that was never started.
    #[error("the job has not been started")]
    DraftMissing,
    /// The job already has a report: a repeated completion changes nothing.
    #[error("the job is already completed")]
    AlreadyCompleted,
    /// A record with this id exists with other content: ids are never reused.
    #[error("another {kind} with the same id exists")]
    RecordConflict { kind: &'static str },
    /// The job's state changed between reading it and writing a change decided on it.
    #[error("the job changed meanwhile")]
    ChangedMeanwhile,
    /// A state change the job's workflow does not allow.
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    /// A login as another technician than the one whose data the replica holds.
    #[error("the replica holds another technician's data")]
    OtherTechnician,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        if let rusqlite::Error::SqliteFailure(_, Some(msg)) = &e {
            if msg == JOB_CLOSED_MESSAGE {
                return StoreError::JobClosed;
            }
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) | Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) => {
                StoreError::DiskFull(e.to_string())
            }
            Some(ErrorCode::NotADatabase) => StoreError::WrongKey,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    pub fn code(&self) -> veldwerk_core::ErrorCode {
        match self {
            StoreError::KeyMissing => veldwerk_core::ErrorCode::StoreKeyMissing,
            StoreError::WrongKey => veldwerk_core::ErrorCode::StoreWrongKey,
            StoreError::SecretStore(_) => veldwerk_core::ErrorCode::KeyringUnavailable,
            StoreError::TooNew { .. } => veldwerk_core::ErrorCode::StoreTooNew,
            StoreError::NotFound { .. } => veldwerk_core::ErrorCode::NotFound,
            StoreError::Invalid(v) => v.code(),
            StoreError::Corrupt { .. } => veldwerk_core::ErrorCode::StoreCorrupt,
            StoreError::DiskFull(_) => veldwerk_core::ErrorCode::DiskFull,
            StoreError::Sqlite(_) => veldwerk_core::ErrorCode::DatabaseError,
            StoreError::Migration(_) => veldwerk_core::ErrorCode::MigrationFailed,
            StoreError::Io(_) => veldwerk_core::ErrorCode::FileError,
            StoreError::JobClosed => veldwerk_core::ErrorCode::JobClosed,
            StoreError::DraftMissing => veldwerk_core::ErrorCode::JobNotStarted,
            StoreError::AlreadyCompleted => veldwerk_core::ErrorCode::JobAlreadyCompleted,
            StoreError::RecordConflict { .. } => veldwerk_core::ErrorCode::RecordedDifferently,
            StoreError::ChangedMeanwhile => veldwerk_core::ErrorCode::IllegalTransition,
            StoreError::Workflow(w) => w.code(),
            StoreError::OtherTechnician => veldwerk_core::ErrorCode::OtherTechnician,
        }
    }

    pub fn message(&self) -> Localized {
        match self {
            StoreError::KeyMissing => Localized::new(
                "De versleutelde gegevens op dit apparaat zijn gevonden, maar de sleutel ontbreekt in de sleutelbos van het systeem. Er is niets gewist. Neem contact op met de helpdesk.",
                "The encrypted data on this device was found, but its key is missing from the system keyring. Nothing was deleted. Contact the help desk.",
            ),
            StoreError::WrongKey => Localized::new(
                "De sleutel in de sleutelbos past niet op de gegevens op dit apparaat. Er is niets gewist. Neem contact op met de helpdesk.",
                "The key in the keyring does not fit the data on this device. Nothing was deleted. Contact the help desk.",
            ),
            StoreError::SecretStore(_) => Localized::new(
                "De sleutelbos van het systeem is niet bereikbaar. Log opnieuw in op de computer en start Veldwerk opnieuw.",
                "The system keyring is not available. Log in to the computer again and restart Veldwerk.",
            ),
            StoreError::TooNew { .. } => Localized::new(
                "De gegevens zijn gemaakt door een nieuwere versie van Veldwerk. Werk de app bij.",
                "The data was written by a newer version of Veldwerk. Update the app.",
            ),
            StoreError::NotFound { kind } => {
                let (nl, en) = kind_words(kind);
                Localized::new(
                    format!("{nl} niet gevonden. Misschien is het niet (meer) aan u toegewezen."),
                    format!("{en} not found. It may not be (or no longer be) assigned to you."),
                )
            }
            StoreError::Invalid(v) => v.message(),
            StoreError::Corrupt { what, .. } => Localized::new(
                format!("Opgeslagen gegevens ({what}) zijn onleesbaar. Er is niets gewijzigd; meld dit bij de helpdesk."),
                format!("Stored data ({what}) is unreadable. Nothing was changed; report this to the help desk."),
            ),
            StoreError::DiskFull(_) => Localized::new(
                "De schijf is vol of niet beschrijfbaar. Er is niets verloren gegaan; maak ruimte vrij en probeer het opnieuw.",
                "The disk is full or not writable. Nothing was lost; free some space and try again.",
            ),
            StoreError::Sqlite(_) | StoreError::Io(_) => Localized::new(
                "Er ging iets mis bij het lezen of schrijven van de gegevens. Er is niets verloren gegaan; probeer het opnieuw.",
                "Something went wrong reading or writing the data. Nothing was lost; try again.",
            ),
            StoreError::Migration(_) => Localized::new(
                "De gegevens konden niet worden bijgewerkt naar deze versie. Er is niets gewist.",
                "The data could not be upgraded to this version. Nothing was deleted.",
            ),
            StoreError::JobClosed => Localized::new(
                "Deze opdracht is afgesloten en kan niet meer worden gewijzigd. Een correctie wordt een nieuwe regel in het logboek.",
                "This job is closed and can no longer be changed. A correction becomes a new logbook entry.",
            ),
            StoreError::DraftMissing => Localized::new(
                "Deze opdracht is nog niet gestart. Start de opdracht eerst.",
                "This job has not been started yet. Start the job first.",
            ),
            StoreError::AlreadyCompleted => Localized::new(
                "Deze opdracht is al afgerond. Er is niets dubbel vastgelegd.",
                "This job is already completed. Nothing was recorded twice.",
            ),
            StoreError::RecordConflict { .. } => Localized::new(
                "Dit was al vastgelegd, met de tekst van toen. Sluit dit venster en leg de aanvulling vast als een nieuwe melding.",
                "This was already recorded, with the text as it was then. Close this window and record the addition as a new entry.",
            ),
            StoreError::ChangedMeanwhile => Localized::new(
                "De opdracht is intussen gewijzigd. Er is niets overschreven; open de opdracht opnieuw.",
                "The job was changed meanwhile. Nothing was overwritten; open the job again.",
            ),
            StoreError::Workflow(w) => w.message(),
            StoreError::OtherTechnician => Localized::new(
                "Op deze computer staan de gegevens van een andere medewerker. Log in als die medewerker; er is niets gewist.",
                "This computer holds the data of another technician. Log in as that technician; nothing was deleted.",
            ),
        }
    }
}

/// What a kind of record is called, in Dutch and English, for messages.
fn kind_words(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "device" => ("Hulpmiddel", "Device"),
        "resident" => ("Inwoner", "Resident"),
        "job" => ("Opdracht", "Job"),
        "order" => ("Nadere opdracht", "Order"),
        "technician" => ("Medewerker", "Technician"),
        "appointment" => ("Afspraak", "Appointment"),
        "malfunction" => ("Storing", "Malfunction"),
        "sling" => ("Tilband", "Sling"),
        "logbook entry" => ("Logboekregel", "Logbook entry"),
        "municipality" => ("Gemeente", "Municipality"),
        "signal" => ("Signaal", "Signal"),
        "deviation request" => ("Afwijkingsverzoek", "Deviation request"),
        "job report" => ("Verslag", "Job report"),
        "not-home report" => ("Melding niet thuis", "Not-home report"),
        "complaint" => ("Klacht", "Complaint"),
        _ => ("Gegeven", "Record"),
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
