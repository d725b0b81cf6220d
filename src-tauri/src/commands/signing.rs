//! Signing the user agreement at delivery: the text the signer sees, recording a drawn
//! signature (strokes in the record, the PNG a blob), and completing the delivery with the
//! agreement PDF rendered from the records and stored as a blob.

use super::jobs::{job_id, run, Completed};
use super::parse_id;
use crate::documents;
use crate::error::{AppError, CmdResult};
use crate::state::{blocking, AppState};
use crate::sync_loop::Sync;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::{DocumentId, JobId, SignatureId};
use veldwerk_core::jobs::media::{MAX_SIGNATURE_PNG, MAX_SIGNER_NAME, MAX_STROKES_JSON};
use veldwerk_core::jobs::service::{JobAggregate, JobCommand};
use veldwerk_core::jobs::{
    AgreementSigned, DocumentKind, DocumentRecord, JobState, SignaturePurpose, SignatureRecord,
    SignerRole,
};
use veldwerk_core::model::JobKind;
use veldwerk_core::validation::bounded;
use veldwerk_core::{ErrorCode, Localized};
use veldwerk_docs::model::AgreementSignatures;

/// The user agreement as the signer reads it before signing.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct AgreementPreview {
    pub title: String,
    /// The text, paragraphs separated by blank lines.
    pub text: String,
    /// What the signature records: the SHA-256 of exactly this text.
    pub text_sha256: String,
}

/// A drawn signature as the UI hands it over.
#[derive(Clone, Debug, Deserialize, specta::Type)]
pub struct SignatureInput {
    /// Made by the UI (UUIDv7), so a retried request is answered with what is stored.
    pub id: String,
    pub purpose: SignaturePurpose,
    pub name: String,
    pub role: SignerRole,
    /// signature_pad's strokes, JSON text.
    pub strokes_json: String,
    /// The PNG file.
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// For the agreement: the hash of the text shown (from `agreement_preview`).
    pub text_sha256: Option<String>,
}

/// Who has signed, for the job screen.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct SignedBy {
    pub id: SignatureId,
    pub name: String,
    pub role: SignerRole,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    pub text_sha256: Option<String>,
}

impl From<&SignatureRecord> for SignedBy {
    fn from(s: &SignatureRecord) -> Self {
        SignedBy {
            id: s.id,
            name: s.name.clone(),
            role: s.role,
            signed_at: s.signed_at,
            text_sha256: s.text_sha256.clone(),
        }
    }
}

/// The latest signature of each side under the agreement (a redo replaces the earlier one).
#[derive(Clone, Debug, Default, Serialize, specta::Type)]
pub struct AgreementSigners {
    pub resident_side: Option<SignedBy>,
    pub technician: Option<SignedBy>,
}

/// The latest resident-side and technician signatures under the agreement.
fn latest(sigs: &[SignatureRecord]) -> (Option<&SignatureRecord>, Option<&SignatureRecord>) {
    let rs = sigs
        .iter()
        .rev()
        .find(|s| matches!(s.role, SignerRole::Resident | SignerRole::Representative));
    let tech = sigs.iter().rev().find(|s| s.role == SignerRole::Technician);
    (rs, tech)
}

fn representative(s: Option<&SignatureRecord>) -> Option<&str> {
    s.filter(|s| s.role == SignerRole::Representative)
        .map(|s| s.name.as_str())
}

/// A PNG of sensible size: the header says PNG and the image is at most 4000 × 2000 px.
fn check_png(png: &[u8]) -> CmdResult<()> {
    const MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
    let dims = png
        .get(16..24)
        .map(|d| {
            (
                u32::from_be_bytes([d[0], d[1], d[2], d[3]]),
                u32::from_be_bytes([d[4], d[5], d[6], d[7]]),
            )
        })
        .filter(|_| png.starts_with(MAGIC) && png.get(12..16) == Some(b"IHDR"));
    match dims {
        _ if png.len() > MAX_SIGNATURE_PNG => Err(AppError::invalid(
            "De handtekening is te groot.",
            "The signature is too large.",
        )),
        Some((w, h)) if (1..=4000).contains(&w) && (1..=2000).contains(&h) => Ok(()),
        _ => Err(AppError::invalid(
            "De handtekening is geen bruikbare afbeelding. Zet hem opnieuw.",
            "The signature is not a usable image. Please sign again.",
        )),
    }
}

fn load(state: &AppState, id: JobId) -> CmdResult<JobAggregate> {
    let now = state.now();
    state.with_reader(|s| Ok(s.load_job(id, &[], now)?))
}

/// The municipality and the supplier's contact persons of the job's resident.
fn parties(
    state: &AppState,
    agg: &JobAggregate,
) -> CmdResult<(
    veldwerk_core::model::Municipality,
    Vec<veldwerk_core::model::SupplierContact>,
)> {
    let mid = agg.ctx.resident.municipality_id;
    let rid = agg.ctx.resident.id;
    state.with_reader(|s| {
        let m = s.municipality(mid)?.ok_or_else(|| {
            AppError::from(veldwerk_store::StoreError::NotFound {
                kind: "municipality",
            })
        })?;
        Ok((m, s.supplier_contacts_of(rid)?))
    })
}

fn ready_delivery(agg: &JobAggregate) -> CmdResult<()> {
    let ready = agg.ctx.job.kind == JobKind::Delivery
        && agg.report.is_none()
        && agg.draft.as_ref().map(|d| d.state) == Some(JobState::ReadyToSign);
    if ready {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::IllegalTransition,
            Localized::new(
                "De overeenkomst wordt getekend als de levering klaarstaat voor ondertekening.",
                "The agreement is signed once the delivery is ready to sign.",
            ),
        ))
    }
}

/// The user agreement of a delivery that is ready to sign, in `lang` ("nl" or "en"), with
/// the resident's representative named when one signs.
#[tauri::command]
#[specta::specta]
pub async fn agreement_preview(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    lang: String,
    representative: Option<String>,
) -> CmdResult<AgreementPreview> {
    let id = self::job_id(&job_id)?;
    let lang = documents::lang_of(&lang)?;
    if let Some(r) = &representative {
        bounded("name", r, MAX_SIGNER_NAME)?;
    }
    let state = Arc::clone(&state);
    blocking(move || {
        let agg = load(&state, id)?;
        ready_delivery(&agg)?;
        let (m, contacts) = parties(&state, &agg)?;
        let rep = representative
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let data = documents::agreement_data(&agg, &m, &contacts, rep, state.now())?;
        let text = documents::agreement_text(&data, lang)?;
        Ok(AgreementPreview {
            title: text.title.clone(),
            text: text.plain_text(),
            text_sha256: text.sha256(),
        })
    })
    .await
}

/// Who has signed the agreement of a delivery so far.
#[tauri::command]
#[specta::specta]
pub async fn agreement_signers(
    state: State<'_, Arc<AppState>>,
    job_id: String,
) -> CmdResult<AgreementSigners> {
    let id = self::job_id(&job_id)?;
    let state = Arc::clone(&state);
    blocking(move || {
        let sigs =
            state.with_reader(|s| Ok(s.signatures_of_job(id, SignaturePurpose::Agreement)?))?;
        let (rs, tech) = latest(&sigs);
        Ok(AgreementSigners {
            resident_side: rs.map(SignedBy::from),
            technician: tech.map(SignedBy::from),
        })
    })
    .await
}

/// Records a drawn signature: the PNG goes into the encrypted blob store, the record (name,
/// role, time, strokes, the hash of the text shown) into the replica and the outbox with its
/// blob reference, in one transaction. A retry with the same id changes nothing.
#[tauri::command]
#[specta::specta]
pub async fn record_signature(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    job_id: String,
    signature: SignatureInput,
) -> CmdResult<SignedBy> {
    let id = self::job_id(&job_id)?;
    parse_id(&signature.id, SignatureId::parse)?;
    check_png(&signature.png)?;
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        let agg = load(&state, id)?;
        let stored = store_signature(&state, &sync, &agg, signature)?;
        Ok(SignedBy::from(&stored))
    })
    .await
}

/// Stores a drawn signature for the job in `agg`: the PNG as a blob, then the record with
/// its outbox entry and blob reference (a retry with the same id is answered as stored).
fn store_signature(
    state: &AppState,
    sync: &Sync,
    agg: &JobAggregate,
    signature: SignatureInput,
) -> CmdResult<SignatureRecord> {
    let sid = parse_id(&signature.id, SignatureId::parse)?;
    bounded("strokes", &signature.strokes_json, MAX_STROKES_JSON)?;
    check_png(&signature.png)?;
    match signature.purpose {
        SignaturePurpose::Agreement => ready_delivery(agg)?,
        SignaturePurpose::SignOff => {
            if agg.report.is_some() || agg.draft.is_none() {
                return Err(AppError::new(
                    ErrorCode::IllegalTransition,
                    Localized::new(
                        "Aftekenen kan alleen bij een opdracht die loopt.",
                        "A sign-off is only possible on a job in progress.",
                    ),
                ));
            }
        }
    }
    let png_size = u32::try_from(signature.png.len()).unwrap_or(u32::MAX);
    let blobs = sync.blob_store()?;
    let hash = blobs
        .put(&signature.png)
        .map_err(crate::sync_loop::blob_error)?;
    let record = SignatureRecord {
        id: sid,
        job_id: agg.ctx.job.id,
        resident_id: agg.ctx.resident.id,
        device_id: agg.ctx.device.as_ref().map(|d| d.id),
        purpose: signature.purpose,
        name: signature.name.trim().to_string(),
        role: signature.role,
        signed_at: state.now(),
        strokes_json: signature.strokes_json,
        png_sha256: hash.as_str().to_string(),
        png_size,
        width: signature.width,
        height: signature.height,
        text_sha256: signature.text_sha256,
        author: agg.ctx.technician.name.clone(),
    };
    state.with_writer(|s| Ok(s.record_signature(&record)?))
}

/// A maintenance or repair sign-off (paraaf) as the UI hands it over: who, and either the
/// drawn signature or why they refused.
#[derive(Clone, Debug, Deserialize, specta::Type)]
pub struct SignOffInput {
    /// The sign-off item's answer key (e.g. `signoff.signer`).
    pub key: String,
    pub name: String,
    pub role: SignerRole,
    pub signature: Option<SignatureInput>,
    pub refused: Option<String>,
}

/// Records a sign-off: the drawn paraaf is stored like every signature (the PNG a blob, the
/// record queued), then the sign-off item's answer names it (name, role, time, image); or
/// a refusal is recorded with its reason. The logbook entry of the completed job carries it.
#[tauri::command]
#[specta::specta]
pub async fn sign_off(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    job_id: String,
    sign_off: SignOffInput,
) -> CmdResult<veldwerk_core::jobs::service::JobView> {
    let id = self::job_id(&job_id)?;
    bounded("key", &sign_off.key, 200)?;
    if sign_off.signature.is_some() == sign_off.refused.is_some() {
        return Err(AppError::invalid(
            "Een aftekening is een handtekening of een weigering met reden.",
            "A sign-off is a signature or a refusal with a reason.",
        ));
    }
    if let Some(sig) = &sign_off.signature {
        if sig.purpose != SignaturePurpose::SignOff || sig.role == SignerRole::Technician {
            return Err(AppError::invalid(
                "De inwoner, een vertegenwoordiger of een mantelzorger tekent af.",
                "The resident, a representative or a caregiver signs off.",
            ));
        }
    }
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        let agg = load(&state, id)?;
        let SignOffInput {
            key,
            name,
            role,
            signature,
            refused,
        } = sign_off;
        // a drawn paraaf names its signer: the answer takes name and role from it
        let (name, role) = match &signature {
            Some(sig) => (sig.name.clone(), sig.role),
            None => (name, role),
        };
        // the answer is checked before anything is stored, so that a refused answer (wrong
        // item, bad name) leaves no signature queued for the portal
        if signature.is_some() {
            let env = state.env();
            let probe = veldwerk_core::jobs::Answer::SignOff {
                name: name.trim().to_string(),
                role,
                signature: Some(veldwerk_core::jobs::SignOffImage {
                    signature_id: veldwerk_core::ids::SignatureId::new_v7(),
                    png_sha256: "0".repeat(64),
                    signed_at: env.now,
                }),
                refused: None,
            };
            veldwerk_core::jobs::service::apply(
                agg.clone(),
                JobCommand::SaveAnswer {
                    key: key.clone(),
                    answer: probe,
                },
                &env,
            )?;
        }
        let image = match signature {
            Some(sig) => {
                let stored = store_signature(&state, &sync, &agg, sig)?;
                Some(veldwerk_core::jobs::SignOffImage {
                    signature_id: stored.id,
                    png_sha256: stored.png_sha256,
                    signed_at: stored.signed_at,
                })
            }
            None => None,
        };
        let answer = veldwerk_core::jobs::Answer::SignOff {
            name: name.trim().to_string(),
            role,
            signature: image,
            refused: refused.map(|r| r.trim().to_string()),
        };
        // a retry finds the same sign-off saved: nothing is written again
        if agg.draft.as_ref().and_then(|d| d.answers.get(&key)) == Some(&answer) {
            let env = state.env();
            return Ok(veldwerk_core::jobs::service::view(&agg, &env));
        }
        Ok(run(&state, id, JobCommand::SaveAnswer { key, answer })?.view)
    })
    .await
}

fn signature_missing() -> AppError {
    AppError::new(
        ErrorCode::SignatureRequired,
        Localized::new(
            "De inwoner (of vertegenwoordiger) en de monteur moeten de overeenkomst eerst allebei ondertekenen.",
            "The resident (or representative) and the technician must both sign the agreement first.",
        ),
    )
}

fn text_changed() -> AppError {
    AppError::new(
        ErrorCode::SignatureRequired,
        Localized::new(
            "De gegevens van de overeenkomst zijn veranderd sinds er werd getekend. Laat opnieuw tekenen.",
            "The agreement's details changed since it was signed. Please sign again.",
        ),
    )
}

/// Completes a delivery that is ready to sign: the user agreement is rendered from the
/// records and the latest signature of each side (off the UI thread), stored as a blob, and
/// the delivery completes in one transaction (device in use with the resident, the logbook
/// entry with the agreement's SHA-256 and the hash of the text the signers saw, the order,
/// the document record and the outbox). A repeated request changes nothing and says so.
#[tauri::command]
#[specta::specta]
pub async fn complete_delivery(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    job_id: String,
) -> CmdResult<Completed> {
    let id = self::job_id(&job_id)?;
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        let agg = load(&state, id)?;
        let cmd = if agg.report.is_some() {
            JobCommand::Complete
        } else {
            ready_delivery(&agg)?;
            JobCommand::CompleteDelivery(Box::new(sign(&state, &sync, &agg)?))
        };
        let o = run(&state, id, cmd)?;
        Ok(Completed {
            job: o.view,
            notices: o.notices,
            logbook: o.logbook,
        })
    })
    .await
}

/// Renders and stores the signed agreement of a delivery.
fn sign(state: &AppState, sync: &Sync, agg: &JobAggregate) -> CmdResult<AgreementSigned> {
    let id = agg.ctx.job.id;
    let sigs = state.with_reader(|s| Ok(s.signatures_of_job(id, SignaturePurpose::Agreement)?))?;
    let (Some(rs), Some(tech)) = latest(&sigs) else {
        return Err(signature_missing());
    };
    let text_sha256 = rs.text_sha256.clone().ok_or_else(text_changed)?;
    if tech.text_sha256.as_deref() != Some(text_sha256.as_str()) {
        return Err(text_changed());
    }
    let (m, contacts) = parties(state, agg)?;
    let data =
        documents::agreement_data(agg, &m, &contacts, representative(Some(rs)), rs.signed_at)?;
    let lang = documents::lang_signed(&data, &text_sha256)?.ok_or_else(text_changed)?;
    let blobs = sync.blob_store()?;
    let png = |s: &SignatureRecord| -> CmdResult<Vec<u8>> {
        let h = veldwerk_store::blobs::Sha256Hex::parse(&s.png_sha256)
            .map_err(crate::sync_loop::blob_error)?;
        blobs.get(&h).map_err(crate::sync_loop::blob_error)
    };
    let signed = documents::render_agreement(
        &data,
        lang,
        AgreementSignatures {
            resident_side: documents::signature(rs, png(rs)?),
            supplier: documents::signature(tech, png(tech)?),
        },
    )?;
    if signed.text_sha256 != text_sha256 {
        return Err(text_changed());
    }
    let pdf = &signed.pdf.bytes;
    let hash = blobs.put(pdf).map_err(crate::sync_loop::blob_error)?;
    Ok(AgreementSigned {
        document: DocumentRecord {
            id: DocumentId::new_v7(),
            kind: DocumentKind::Agreement,
            resident_id: agg.ctx.resident.id,
            device_id: agg.ctx.device.as_ref().map(|d| d.id),
            job_id: Some(id),
            sha256: hash.as_str().to_string(),
            size: u32::try_from(pdf.len()).unwrap_or(u32::MAX),
            text_sha256: Some(text_sha256.clone()),
            created_at: state.now(),
            author: agg.ctx.technician.name.clone(),
        },
        text_sha256,
        resident_side: rs.clone(),
        technician: tech.clone(),
    })
}
