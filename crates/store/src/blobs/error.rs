//! Errors of the blob store, each with a stable code and a message in Dutch and English.

use thiserror::Error;
use veldwerk_core::Localized;

#[derive(Debug, Error)]
pub enum BlobError {
    /// No blob with this hash is stored here.
    #[error("blob {hash} not found")]
    NotFound { hash: String },
    /// The file is there but does not decrypt and verify: tampered with, cut short, or
    /// written under another key. Never returned as garbage.
    #[error("blob {hash} is unreadable: {detail}")]
    Unreadable { hash: String, detail: String },
    /// A string that is not a SHA-256 in lowercase hex.
    #[error("not a SHA-256 hash: {0:?}")]
    InvalidHash(String),
    /// The replica key is not in the keyring (so neither is the blob key).
    #[error("the replica key is missing from the keyring")]
    KeyMissing,
    /// The keyring could not be reached, or holds something that is not a replica key.
    #[error("keyring: {0}")]
    Keyring(String),
    /// The disk is full (or a size limit was hit): nothing was stored.
    #[error("disk full: {0}")]
    DiskFull(String),
    #[error("file error: {0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for BlobError {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind::*;
        match e.kind() {
            StorageFull | QuotaExceeded | FileTooLarge => BlobError::DiskFull(e.to_string()),
            _ => BlobError::Io(e),
        }
    }
}

impl BlobError {
    pub fn code(&self) -> &'static str {
        match self {
            BlobError::NotFound { .. } => "blob_not_found",
            BlobError::Unreadable { .. } => "blob_unreadable",
            BlobError::InvalidHash(_) => "blob_invalid_hash",
            BlobError::KeyMissing => "store_key_missing",
            BlobError::Keyring(_) => "keyring_unavailable",
            BlobError::DiskFull(_) => "disk_full",
            BlobError::Io(_) => "file_error",
        }
    }

    pub fn message(&self) -> Localized {
        match self {
            BlobError::NotFound { .. } => Localized::new(
                "Het bestand (foto, handtekening of document) staat niet op dit apparaat. \
                 Synchroniseer en probeer het opnieuw.",
                "The file (photo, signature or document) is not on this device. Synchronise \
                 and try again.",
            ),
            BlobError::Unreadable { .. } => Localized::new(
                "Een opgeslagen bestand (foto, handtekening of document) is beschadigd en kan \
                 niet worden geopend. Er is niets gewijzigd; meld dit bij de helpdesk.",
                "A stored file (photo, signature or document) is damaged and cannot be \
                 opened. Nothing was changed; report this to the help desk.",
            ),
            BlobError::InvalidHash(_) => Localized::new(
                "Een verwijzing naar een bestand is ongeldig. Er is niets gewijzigd; meld dit \
                 bij de helpdesk.",
                "A reference to a file is invalid. Nothing was changed; report this to the \
                 help desk.",
            ),
            BlobError::KeyMissing => Localized::new(
                "De sleutel van de versleutelde gegevens ontbreekt in de sleutelbos van het \
                 systeem. Er is niets gewist. Neem contact op met de helpdesk.",
                "The key of the encrypted data is missing from the system keyring. Nothing \
                 was deleted. Contact the help desk.",
            ),
            BlobError::Keyring(_) => Localized::new(
                "De sleutelbos van het systeem is niet bereikbaar. Log opnieuw in op de \
                 computer en start Veldwerk opnieuw.",
                "The system keyring is not available. Log in to the computer again and \
                 restart Veldwerk.",
            ),
            BlobError::DiskFull(_) => Localized::new(
                "De schijf is vol. Het bestand is niet opgeslagen en er is niets verloren \
                 gegaan; maak ruimte vrij en probeer het opnieuw.",
                "The disk is full. The file was not stored and nothing was lost; free some \
                 space and try again.",
            ),
            BlobError::Io(_) => Localized::new(
                "Er ging iets mis bij het lezen of schrijven van een bestand. Er is niets \
                 verloren gegaan; probeer het opnieuw.",
                "Something went wrong reading or writing a file. Nothing was lost; try again.",
            ),
        }
    }
}
