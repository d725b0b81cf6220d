//! The documents a completion makes: the job report (werkbon) of a maintenance, repair or
//! adjustment with a drawn or refused sign-off, and the certificate of a hoist inspection.
//! Their data is filled by `veldwerk_docs::fill` from the completion, the job's template and
//! context; this reads the images (the paraaf, the photos' thumbnails) from the blob store,
//! renders and stores the PDF. The document record goes in the completion's transaction.
//! A maintenance whose sign-off is a name only (no paraaf drawn, no refusal) gets no werkbon.

use crate::documents::supplier;
use veldwerk_core::ids::DocumentId;
use veldwerk_core::jobs::service::JobAggregate;
use veldwerk_core::jobs::{Completion, DocumentKind, DocumentRecord, Template};
use veldwerk_core::Localized;
use veldwerk_docs::model::Lang;
use veldwerk_docs::{fill, RenderedPdf};
use veldwerk_store::blobs::{BlobStore, Sha256Hex};

fn failed(kind: DocumentKind, detail: &str) -> Localized {
    let title = kind.title();
    Localized::new(
        format!(
            "{} kon niet worden gemaakt ({detail}); de opdracht is wel afgerond.",
            title.nl
        ),
        format!(
            "The {} could not be made ({detail}); the job is completed.",
            title.en.to_lowercase()
        ),
    )
}

/// The PDF this completion makes, if any: rendered in `lang`; an error already in words when
/// it could not be made (a paraaf whose image cannot be read is said, never skipped).
fn render(
    agg: &JobAggregate,
    t: &Template,
    c: &Completion,
    lang: Lang,
    photos: Vec<Vec<u8>>,
    blobs: &BlobStore,
) -> Option<(DocumentKind, Result<RenderedPdf, Localized>)> {
    let ctx = &agg.ctx;
    if let Some(data) = fill::hoist_certificate(ctx, t, c, supplier(), lang) {
        let kind = DocumentKind::HoistCertificate;
        let pdf = veldwerk_docs::render_hoist_certificate(&data, lang);
        return Some((kind, pdf.map_err(|e| failed(kind, &e.to_string()))));
    }
    let png = |hash: &str| Sha256Hex::parse(hash).ok().and_then(|h| blobs.get(&h).ok());
    let kind = DocumentKind::JobReport;
    let data = match fill::job_report(ctx, t, c, supplier(), lang, photos, &png) {
        Ok(data) => data?,
        Err(fill::UnreadableParaaf) => {
            return Some((
                kind,
                Err(Localized::new(
                    "De werkbon kon niet worden gemaakt: de paraaf is op dit apparaat niet te lezen; de opdracht is wel afgerond.",
                    "The job report could not be made: the sign-off image cannot be read on this device; the job is completed.",
                )),
            ))
        }
    };
    let pdf = veldwerk_docs::render_job_report(&data, lang);
    Some((kind, pdf.map_err(|e| failed(kind, &e.to_string()))))
}

/// Renders and stores the completion's document; its record, none when the job makes no
/// document, or why it could not be made (the job completes all the same).
pub fn make(
    agg: &JobAggregate,
    t: &Template,
    c: &Completion,
    photos: Vec<Vec<u8>>,
    blobs: &BlobStore,
) -> Result<Option<DocumentRecord>, Localized> {
    let Some((kind, pdf)) = render(agg, t, c, Lang::Nl, photos, blobs) else {
        return Ok(None);
    };
    let pdf = pdf?;
    let hash = blobs
        .put(&pdf.bytes)
        .map_err(|e| failed(kind, &e.to_string()))?;
    Ok(Some(DocumentRecord {
        id: DocumentId::new_v7(),
        kind,
        resident_id: agg.ctx.resident.id,
        device_id: agg.ctx.device.as_ref().map(|d| d.id),
        job_id: Some(agg.ctx.job.id),
        sha256: hash.as_str().to_string(),
        size: u32::try_from(pdf.bytes.len()).unwrap_or(u32::MAX),
        text_sha256: None,
        created_at: c.report.completed_at,
        author: agg.ctx.technician.name.clone(),
    }))
}
