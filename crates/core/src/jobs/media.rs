//! Signatures and documents a job produces: immutable, client-identified records whose bytes
//! (a signature's PNG, a document's PDF) are blobs addressed by their SHA-256.
//!
//! A record travels to the portal as its [`SignatureRecord::blob_record`] /
//! [`DocumentRecord::blob_record`] (the portal's `BlobRecord` fields, plus what only this
//! kind has: a signature's name, role, time and strokes).

use super::answer::SignerRole;
use crate::ids::{DeviceId, DocumentId, JobId, PhotoId, ResidentId, SignatureId};
use crate::validation::{bounded, invalid, required};
use crate::{Localized, ValidationError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The longest stroke data of one signature (JSON text): a long signature with pressure is
/// well under this.
pub const MAX_STROKES_JSON: usize = 512 * 1024;
/// The largest signature image accepted (PNG bytes).
pub const MAX_SIGNATURE_PNG: usize = 2 * 1024 * 1024;
/// The longest name of who signs.
pub const MAX_SIGNER_NAME: usize = 120;

/// What a signature is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SignaturePurpose {
    /// Under the user agreement at delivery (the resident's side and the technician).
    Agreement,
    /// A maintenance or repair sign-off (paraaf) by the resident or a caregiver.
    SignOff,
}

impl SignaturePurpose {
    /// Who signs the user agreement for the resident: the resident or their representative.
    pub const AGREEMENT_RESIDENT_SIDE: [SignerRole; 2] =
        [SignerRole::Resident, SignerRole::Representative];
    /// Who signs the user agreement for the supplier: the technician handing over.
    pub const AGREEMENT_SUPPLIER_SIDE: [SignerRole; 1] = [SignerRole::Technician];

    /// The roles that may sign for this purpose.
    pub fn roles(self) -> &'static [SignerRole] {
        match self {
            SignaturePurpose::Agreement => &[
                SignerRole::Resident,
                SignerRole::Representative,
                SignerRole::Technician,
            ],
            // a paraaf is the resident's side, never the technician
            SignaturePurpose::SignOff => &SignerRole::ALL,
        }
    }
}

/// A drawn signature: who, in which role, when, the strokes as drawn and the PNG (a blob).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SignatureRecord {
    pub id: SignatureId,
    pub job_id: JobId,
    pub resident_id: ResidentId,
    pub device_id: Option<DeviceId>,
    pub purpose: SignaturePurpose,
    pub name: String,
    pub role: SignerRole,
    pub signed_at: DateTime<Utc>,
    /// The signature pad's strokes (points with time and pressure), JSON text as drawn.
    pub strokes_json: String,
    /// The PNG blob.
    pub png_sha256: String,
    pub png_size: u32,
    pub width: u32,
    pub height: u32,
    /// For the agreement: the SHA-256 of the agreement text the signer was shown.
    pub text_sha256: Option<String>,
    /// The technician who recorded it.
    pub author: String,
}

impl SignatureRecord {
    /// The record's own rules: a name, a role that fits the purpose, bounded strokes, a hash.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required("name", &self.name, MAX_SIGNER_NAME)?;
        bounded("strokes", &self.strokes_json, MAX_STROKES_JSON)?;
        required("author", &self.author, 120)?;
        if !is_sha256(&self.png_sha256) {
            return Err(invalid(
                "png",
                "geen geldige afbeelding",
                "not a valid image",
            ));
        }
        if let Some(t) = &self.text_sha256 {
            if !is_sha256(t) {
                return Err(invalid(
                    "text",
                    "onbekende tekst van de overeenkomst",
                    "unknown agreement text",
                ));
            }
        }
        if !self.purpose.roles().contains(&self.role) {
            return Err(invalid(
                "role",
                "deze rol kan hier niet tekenen",
                "this role cannot sign here",
            ));
        }
        if self.purpose == SignaturePurpose::Agreement && self.text_sha256.is_none() {
            return Err(invalid(
                "text",
                "de tekst van de overeenkomst ontbreekt",
                "the agreement text is missing",
            ));
        }
        Ok(())
    }

    /// Whether this signature is on the resident's side of the agreement.
    pub fn resident_side(&self) -> bool {
        matches!(
            self.role,
            SignerRole::Resident | SignerRole::Representative | SignerRole::Caregiver
        )
    }

    /// The outbox payload: the portal's `BlobRecord` plus the signature's own fields.
    pub fn blob_record(&self) -> Value {
        json!({
            "id": self.id,
            "sha256": self.png_sha256,
            "media_type": "image/png",
            "size": self.png_size,
            "resident_id": self.resident_id,
            "device_id": self.device_id,
            "job_id": self.job_id,
            "title": format!("Handtekening {}", self.name),
            "created_at": crate_time(self.signed_at),
            "author": self.author,
            "purpose": self.purpose,
            "name": self.name,
            "role": self.role,
            "strokes": self.strokes_json,
            "width": self.width,
            "height": self.height,
            "text_sha256": self.text_sha256,
        })
    }
}

impl super::records::ClientRecord for SignatureRecord {
    /// The same signature again (a retry): all but the moment and the author the app stamps.
    fn same_as(&self, stored: &Self) -> bool {
        let unstamped = |s: &Self| Self {
            signed_at: DateTime::<Utc>::MIN_UTC,
            author: String::new(),
            ..s.clone()
        };
        unstamped(self) == unstamped(stored)
    }
}

/// Which document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The user agreement (gebruikersovereenkomst) signed at delivery.
    Agreement,
    HoistCertificate,
    /// The job report (werkbon) of a maintenance or repair.
    JobReport,
}

impl DocumentKind {
    pub fn title(self) -> Localized {
        match self {
            DocumentKind::Agreement => Localized::new("Gebruikersovereenkomst", "User agreement"),
            DocumentKind::HoistCertificate => Localized::new(
                "Keuringscertificaat tillift",
                "Hoist inspection certificate",
            ),
            DocumentKind::JobReport => Localized::new("Werkbon", "Job report"),
        }
    }
}

/// A PDF produced on the laptop, stored as a blob; immutable once signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DocumentRecord {
    pub id: DocumentId,
    pub kind: DocumentKind,
    pub resident_id: ResidentId,
    pub device_id: Option<DeviceId>,
    pub job_id: Option<JobId>,
    /// The PDF blob.
    pub sha256: String,
    pub size: u32,
    /// For the agreement: the SHA-256 of its text as the signers saw it.
    pub text_sha256: Option<String>,
    pub created_at: DateTime<Utc>,
    pub author: String,
}

impl DocumentRecord {
    /// The outbox payload: the portal's `BlobRecord` plus the kind and text hash.
    pub fn blob_record(&self) -> Value {
        json!({
            "id": self.id,
            "sha256": self.sha256,
            "media_type": "application/pdf",
            "size": self.size,
            "resident_id": self.resident_id,
            "device_id": self.device_id,
            "job_id": self.job_id,
            "title": self.kind.title().nl,
            "created_at": crate_time(self.created_at),
            "author": self.author,
            "kind": self.kind,
            "text_sha256": self.text_sha256,
        })
    }
}

/// A photo attached to a job (optionally to one of its items: a checklist item, a damage
/// report), stored as its processed JPEG and a thumbnail (both blobs). An annotated copy is
/// a new photo that names its original (`annotates`); the original is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PhotoRecord {
    pub id: PhotoId,
    /// The job it was taken in; none for a photo of a device taken from its passport.
    pub job_id: Option<JobId>,
    pub resident_id: ResidentId,
    pub device_id: Option<DeviceId>,
    /// The answer key of the item the photo belongs to, if any.
    pub item_key: Option<String>,
    pub sha256: String,
    pub size: u32,
    pub width: u32,
    pub height: u32,
    pub thumb_sha256: String,
    pub thumb_size: u32,
    /// When the photo was taken, if the file said so (EXIF).
    pub captured_at: Option<DateTime<Utc>>,
    pub annotates: Option<PhotoId>,
    pub created_at: DateTime<Utc>,
    pub author: String,
}

impl PhotoRecord {
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.job_id.is_none() && self.device_id.is_none() {
            return Err(invalid(
                "photo",
                "een foto hoort bij een opdracht of een hulpmiddel",
                "a photo belongs to a job or a device",
            ));
        }
        if let Some(k) = &self.item_key {
            required("item", k, 200)?;
        }
        required("author", &self.author, 120)?;
        if !is_sha256(&self.sha256) || !is_sha256(&self.thumb_sha256) {
            return Err(invalid("photo", "geen geldige foto", "not a valid photo"));
        }
        Ok(())
    }

    /// The outbox payload: the portal's `BlobRecord` (the image) plus the thumbnail and item.
    pub fn blob_record(&self) -> Value {
        json!({
            "id": self.id,
            "sha256": self.sha256,
            "media_type": "image/jpeg",
            "size": self.size,
            "resident_id": self.resident_id,
            "device_id": self.device_id,
            "job_id": self.job_id,
            "title": "Foto",
            "created_at": crate_time(self.created_at),
            "author": self.author,
            "width": self.width,
            "height": self.height,
            "thumb_sha256": self.thumb_sha256,
            "thumb_size": self.thumb_size,
            "item_key": self.item_key,
            "captured_at": self.captured_at.map(crate_time),
            "annotates": self.annotates,
        })
    }
}

impl super::records::ClientRecord for PhotoRecord {
    /// The same photo again (a retry): all but the moment and the author the app stamps.
    fn same_as(&self, stored: &Self) -> bool {
        let unstamped = |p: &Self| Self {
            created_at: DateTime::<Utc>::MIN_UTC,
            author: String::new(),
            ..p.clone()
        };
        unstamped(self) == unstamped(stored)
    }
}

/// The signed user agreement a delivery completes with: the document (already a blob), the
/// hash of the text the signers saw, and the signatures under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementSigned {
    pub document: DocumentRecord,
    pub text_sha256: String,
    pub resident_side: SignatureRecord,
    pub technician: SignatureRecord,
}

impl AgreementSigned {
    /// Both signatures are under this text, by the right sides, for this job.
    pub fn consistent(&self, job: JobId) -> bool {
        let under = |s: &SignatureRecord| {
            s.job_id == job
                && s.purpose == SignaturePurpose::Agreement
                && s.text_sha256.as_deref() == Some(self.text_sha256.as_str())
        };
        under(&self.resident_side)
            && under(&self.technician)
            && matches!(
                self.resident_side.role,
                SignerRole::Resident | SignerRole::Representative
            )
            && self.technician.role == SignerRole::Technician
            && self.document.kind == DocumentKind::Agreement
            && self.document.job_id == Some(job)
            && self.document.text_sha256.as_deref() == Some(self.text_sha256.as_str())
    }
}

/// Lowercase hex SHA-256.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// RFC 3339 with milliseconds, as the portal reads times.
fn crate_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
