//! Turning laid-out pages into PDF bytes with printpdf, deterministically: font and image
//! resource names, the subset tag, the trailer /ID and the dates all come from the data, so
//! the same data always gives the same bytes.

use crate::error::{DocError, Result};
use crate::fonts::{face, Face};
use crate::layout::LayoutStats;
use crate::model::Lang;
use chrono::{DateTime, Utc};
use printpdf::{
    FontId, Mm, OffsetDateTime, Op, PdfDocument, PdfFont, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, XObject, XObjectId,
};
use sha2::{Digest, Sha256};

/// A finished PDF: its bytes and their SHA-256 (what the logbook entry records).
#[derive(Clone, Debug, PartialEq)]
pub struct RenderedPdf {
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`, lower-case hex.
    pub sha256: String,
    /// What the layout measured (pages, widest line, lowest content).
    pub layout: LayoutStats,
}

/// What goes into the PDF's metadata.
pub struct Meta<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub lang: Lang,
    /// SHA-256 of the data the document was made from: the document's identity.
    pub doc_id: [u8; 32],
    /// Creation and modification date, taken from the data (never the clock).
    pub created: DateTime<Utc>,
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The font resource names for a document: six capital letters derived from the document id
/// (printpdf uses the first six characters as the subset tag, "ABCDEF+DejaVuSans").
pub fn font_ids(doc_id: &[u8; 32]) -> [FontId; 2] {
    Face::ALL.map(|f| {
        let seed = Sha256::new()
            .chain_update(doc_id)
            .chain_update([f as u8])
            .finalize();
        FontId(
            seed.iter()
                .take(6)
                .map(|b| char::from(b'A' + b % 26))
                .collect(),
        )
    })
}

/// The resource name of the n-th image.
pub fn image_id(n: usize) -> XObjectId {
    XObjectId(format!("Im{n}"))
}

/// Writes the pages (PDF operations, A4) with the fonts and images into a PDF file.
pub fn assemble(
    (pages, layout): (Vec<Vec<Op>>, LayoutStats),
    images: Vec<XObject>,
    meta: &Meta<'_>,
) -> Result<RenderedPdf> {
    let mut doc = PdfDocument::new(meta.title);
    let when = OffsetDateTime::from_unix_timestamp(meta.created.timestamp()).map_err(|e| {
        DocError::Pdf {
            reason: e.to_string(),
        }
    })?;
    let info = &mut doc.metadata.info;
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    info.subject = meta.subject.to_string();
    info.author = "Veldwerk".to_string();
    info.creator = "Veldwerk".to_string();
    info.producer = "Veldwerk (printpdf 0.12.8)".to_string();
    info.identifier = hex(&meta.doc_id);
    for (f, id) in Face::ALL.iter().zip(font_ids(&meta.doc_id)) {
        let font = PdfFont::new(face(*f).parsed.clone());
        doc.resources.fonts.map.insert(id, font);
    }
    for (n, img) in images.into_iter().enumerate() {
        doc.resources.xobjects.map.insert(image_id(n), img);
    }
    doc.pages = pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(DocError::Pdf {
            reason: w.msg.clone(),
        });
    }
    // printpdf writes a random /ID; ours is derived from the data.
    let id = lopdf::Object::String(meta.doc_id[..16].to_vec(), lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    if let Ok(catalog) = lo.catalog_mut() {
        let tag = meta.lang.tag().as_bytes().to_vec();
        catalog.set(
            "Lang",
            lopdf::Object::String(tag, lopdf::StringFormat::Literal),
        );
    }
    compress(&mut lo)?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| DocError::Pdf {
        reason: e.to_string(),
    })?;
    let sha256 = hex(&Sha256::digest(&bytes));
    Ok(RenderedPdf {
        bytes,
        sha256,
        layout,
    })
}

/// Flate-compresses every stream that is not compressed yet (content streams, font programs,
/// ToUnicode maps) at zlib's default level: lopdf's own `compress` uses the slowest level,
/// which made the files about 1% smaller at several times the cost.
fn compress(doc: &mut lopdf::Document) -> Result<()> {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() || !stream.allows_compression {
            continue;
        }
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        let packed = z
            .write_all(&stream.content)
            .and_then(|_| z.finish())
            .map_err(|e| DocError::Pdf {
                reason: e.to_string(),
            })?;
        if packed.len() + 19 < stream.content.len() {
            stream
                .dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
    Ok(())
}
