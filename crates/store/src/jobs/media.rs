//! Signatures and documents in the replica (migration 007): each row is written with its
//! outbox entry and its blob references in one transaction
//! ([`crate::sync::queue_with_blobs`]); a retried signature is answered with what is stored.

use super::{already_stored, millis, must_exist};
use crate::codec::{enum_from, enum_text, id_from, opt_time_from, time_from, time_text};
use crate::error::{Result, StoreError};
use crate::sync::queue_with_blobs;
use crate::Store;
use rusqlite::{params, Connection, OptionalExtension, Row};
use veldwerk_core::ids::{DeviceId, DocumentId, JobId, PhotoId, ResidentId, SignatureId};
use veldwerk_core::jobs::{DocumentRecord, PhotoRecord, SignaturePurpose, SignatureRecord};

/// The outbox record types (the portal's `RecordType`).
pub const SIGNATURE: &str = "signature";
pub const DOCUMENT: &str = "document";
pub const PHOTO: &str = "photo";

const PHOTO_COLUMNS: &str = "id, job_id, resident_id, device_id, item_key, sha256, size, width, \
     height, thumb_sha256, thumb_size, captured_at, annotates, created_at, author";

const SIGNATURE_COLUMNS: &str = "id, job_id, resident_id, device_id, purpose, name, role, \
     signed_at, strokes_json, png_sha256, png_size, width, height, text_sha256, author";
const DOCUMENT_COLUMNS: &str =
    "id, kind, resident_id, device_id, job_id, sha256, size, text_sha256, created_at, author";

fn blob_hash(s: &str) -> Result<crate::blobs::Sha256Hex> {
    crate::blobs::Sha256Hex::parse(s).map_err(|e| StoreError::Corrupt {
        what: "blob hash",
        detail: e.to_string(),
    })
}

fn size_of(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

fn signature_row(r: &Row) -> Result<SignatureRecord> {
    Ok(SignatureRecord {
        id: id_from("signature", &r.get::<_, String>(0)?, SignatureId)?,
        job_id: id_from("job", &r.get::<_, String>(1)?, JobId)?,
        resident_id: id_from("resident", &r.get::<_, String>(2)?, ResidentId)?,
        device_id: r
            .get::<_, Option<String>>(3)?
            .map(|d| id_from("device", &d, DeviceId))
            .transpose()?,
        purpose: enum_from("signature purpose", &r.get::<_, String>(4)?)?,
        name: r.get(5)?,
        role: enum_from("signer role", &r.get::<_, String>(6)?)?,
        signed_at: time_from("signed at", &r.get::<_, String>(7)?)?,
        strokes_json: r.get(8)?,
        png_sha256: r.get(9)?,
        png_size: size_of(r.get(10)?),
        width: r.get(11)?,
        height: r.get(12)?,
        text_sha256: r.get(13)?,
        author: r.get(14)?,
    })
}

fn document_row(r: &Row) -> Result<DocumentRecord> {
    Ok(DocumentRecord {
        id: id_from("document", &r.get::<_, String>(0)?, DocumentId)?,
        kind: enum_from("document kind", &r.get::<_, String>(1)?)?,
        resident_id: id_from("resident", &r.get::<_, String>(2)?, ResidentId)?,
        device_id: r
            .get::<_, Option<String>>(3)?
            .map(|d| id_from("device", &d, DeviceId))
            .transpose()?,
        job_id: r
            .get::<_, Option<String>>(4)?
            .map(|d| id_from("job", &d, JobId))
            .transpose()?,
        sha256: r.get(5)?,
        size: size_of(r.get(6)?),
        text_sha256: r.get(7)?,
        created_at: opt_time_from("created at", r.get(8)?)?.unwrap_or_default(),
        author: r.get(9)?,
    })
}

fn photo_row(r: &Row) -> Result<PhotoRecord> {
    Ok(PhotoRecord {
        id: id_from("photo", &r.get::<_, String>(0)?, PhotoId)?,
        job_id: r
            .get::<_, Option<String>>(1)?
            .map(|d| id_from("job", &d, JobId))
            .transpose()?,
        resident_id: id_from("resident", &r.get::<_, String>(2)?, ResidentId)?,
        device_id: r
            .get::<_, Option<String>>(3)?
            .map(|d| id_from("device", &d, DeviceId))
            .transpose()?,
        item_key: r.get(4)?,
        sha256: r.get(5)?,
        size: size_of(r.get(6)?),
        width: r.get(7)?,
        height: r.get(8)?,
        thumb_sha256: r.get(9)?,
        thumb_size: size_of(r.get(10)?),
        captured_at: opt_time_from("captured at", r.get(11)?)?,
        annotates: r
            .get::<_, Option<String>>(12)?
            .map(|d| id_from("photo", &d, PhotoId))
            .transpose()?,
        created_at: time_from("created at", &r.get::<_, String>(13)?)?,
        author: r.get(14)?,
    })
}

fn rows_of<T>(
    conn: &Connection,
    sql: &str,
    key: &str,
    decode: impl Fn(&Row) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([key])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(decode(r)?);
    }
    Ok(out)
}

fn signature_by_id(conn: &Connection, id: &str) -> Result<Option<SignatureRecord>> {
    let sql = format!("SELECT {SIGNATURE_COLUMNS} FROM signatures WHERE id = ?1");
    Ok(rows_of(conn, &sql, id, signature_row)?.into_iter().next())
}

/// Writes a document row with its outbox entry and blob reference (inside the caller's
/// transaction: a completion writes its documents with everything else).
pub(crate) fn insert_document(conn: &Connection, d: &DocumentRecord) -> Result<()> {
    let id = d.id.to_string();
    if super::exists(conn, "documents", &id)? {
        return Err(StoreError::RecordConflict { kind: "document" });
    }
    let created_at = millis(d.created_at);
    conn.prepare_cached(&format!(
        "INSERT INTO documents ({DOCUMENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?
    .execute(params![
        id,
        enum_text(&d.kind),
        d.resident_id.to_string(),
        d.device_id.map(|x| x.to_string()),
        d.job_id.map(|x| x.to_string()),
        d.sha256,
        i64::from(d.size),
        d.text_sha256,
        time_text(&created_at),
        d.author,
    ])?;
    let payload = DocumentRecord {
        created_at,
        ..d.clone()
    }
    .blob_record()
    .to_string();
    queue_with_blobs(
        conn,
        &id,
        DOCUMENT,
        &payload,
        &[(blob_hash(&d.sha256)?, u64::from(d.size))],
        Some(d.resident_id),
        created_at,
    )
}

impl Store {
    /// Records a drawn signature (its PNG already in the blob store): the row, its outbox
    /// entry and its blob reference in one transaction. The same signature again (a retry)
    /// is answered with the stored one and writes nothing; other content under its id is
    /// refused (`recorded_differently`).
    pub fn record_signature(&mut self, s: &SignatureRecord) -> Result<SignatureRecord> {
        s.validate()?;
        let s = SignatureRecord {
            signed_at: millis(s.signed_at),
            ..s.clone()
        };
        let w = self.write()?;
        let id = s.id.to_string();
        if let Some(stored) = already_stored(signature_by_id(&w.tx, &id)?, &s, "signature")? {
            return Ok(stored);
        }
        must_exist(&w.tx, "jobs", "job", &s.job_id.to_string())?;
        if super::draft_state(&w.tx, s.job_id)?.is_some_and(|st| st.is_final()) {
            return Err(StoreError::JobClosed);
        }
        must_exist(&w.tx, "residents", "resident", &s.resident_id.to_string())?;
        w.tx.prepare_cached(&format!(
            "INSERT INTO signatures ({SIGNATURE_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
        ))?
        .execute(params![
            id,
            s.job_id.to_string(),
            s.resident_id.to_string(),
            s.device_id.map(|x| x.to_string()),
            enum_text(&s.purpose),
            s.name,
            enum_text(&s.role),
            time_text(&s.signed_at),
            s.strokes_json,
            s.png_sha256,
            i64::from(s.png_size),
            s.width,
            s.height,
            s.text_sha256,
            s.author,
        ])?;
        queue_with_blobs(
            &w.tx,
            &id,
            SIGNATURE,
            &s.blob_record().to_string(),
            &[(blob_hash(&s.png_sha256)?, u64::from(s.png_size))],
            Some(s.resident_id),
            s.signed_at,
        )?;
        w.commit()?;
        Ok(s)
    }

    /// A job's signatures for `purpose`, oldest first (a redo comes after what it replaces).
    pub fn signatures_of_job(
        &self,
        job: JobId,
        purpose: SignaturePurpose,
    ) -> Result<Vec<SignatureRecord>> {
        let sql = format!(
            "SELECT {SIGNATURE_COLUMNS} FROM signatures WHERE job_id = ?1 AND purpose = '{}'
             ORDER BY rowid",
            enum_text(&purpose)
        );
        rows_of(&self.conn, &sql, &job.to_string(), signature_row)
    }

    /// A device's documents, newest first.
    pub fn documents_of_device(&self, device: DeviceId) -> Result<Vec<DocumentRecord>> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents WHERE device_id = ?1
             ORDER BY created_at DESC, rowid DESC"
        );
        rows_of(&self.conn, &sql, &device.to_string(), document_row)
    }

    /// A job's documents, oldest first.
    pub fn documents_of_job(&self, job: JobId) -> Result<Vec<DocumentRecord>> {
        let sql =
            format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE job_id = ?1 ORDER BY rowid");
        rows_of(&self.conn, &sql, &job.to_string(), document_row)
    }

    /// One document by id.
    pub fn document(&self, id: DocumentId) -> Result<Option<DocumentRecord>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1");
        Ok(rows_of(&self.conn, &sql, &id.to_string(), document_row)?
            .into_iter()
            .next())
    }

    /// Records a photo (its image and thumbnail already in the blob store): the row, its
    /// outbox entry and both blob references in one transaction. A retry with the same id is
    /// answered with the stored photo; other content under its id is refused.
    pub fn record_photo(&mut self, p: &PhotoRecord) -> Result<PhotoRecord> {
        p.validate()?;
        let p = PhotoRecord {
            created_at: millis(p.created_at),
            captured_at: p.captured_at.map(millis),
            ..p.clone()
        };
        let w = self.write()?;
        let id = p.id.to_string();
        let sql = format!("SELECT {PHOTO_COLUMNS} FROM photos WHERE id = ?1");
        let existing = rows_of(&w.tx, &sql, &id, photo_row)?.into_iter().next();
        if let Some(stored) = already_stored(existing, &p, "photo")? {
            return Ok(stored);
        }
        match p.job_id {
            Some(job) => {
                must_exist(&w.tx, "jobs", "job", &job.to_string())?;
                // a completed job never changes: no photo lands on it after its werkbon was made
                if super::draft_state(&w.tx, job)?.is_some_and(|s| s.is_final()) {
                    return Err(StoreError::JobClosed);
                }
            }
            None => {
                if let Some(d) = p.device_id {
                    must_exist(&w.tx, "devices", "device", &d.to_string())?;
                }
            }
        }
        if let Some(a) = p.annotates {
            must_exist(&w.tx, "photos", "photo", &a.to_string())?;
        }
        w.tx.prepare_cached(&format!(
            "INSERT INTO photos ({PHOTO_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
        ))?
        .execute(params![
            id,
            p.job_id.map(|x| x.to_string()),
            p.resident_id.to_string(),
            p.device_id.map(|x| x.to_string()),
            p.item_key,
            p.sha256,
            i64::from(p.size),
            p.width,
            p.height,
            p.thumb_sha256,
            i64::from(p.thumb_size),
            p.captured_at.as_ref().map(time_text),
            p.annotates.map(|x| x.to_string()),
            time_text(&p.created_at),
            p.author,
        ])?;
        queue_with_blobs(
            &w.tx,
            &id,
            PHOTO,
            &p.blob_record().to_string(),
            &[
                (blob_hash(&p.sha256)?, u64::from(p.size)),
                (blob_hash(&p.thumb_sha256)?, u64::from(p.thumb_size)),
            ],
            Some(p.resident_id),
            p.created_at,
        )?;
        w.commit()?;
        Ok(p)
    }

    /// A job's photos, oldest first.
    pub fn photos_of_job(&self, job: JobId) -> Result<Vec<PhotoRecord>> {
        let sql = format!("SELECT {PHOTO_COLUMNS} FROM photos WHERE job_id = ?1 ORDER BY rowid");
        rows_of(&self.conn, &sql, &job.to_string(), photo_row)
    }

    /// A device's photos, newest first.
    pub fn photos_of_device(&self, device: DeviceId) -> Result<Vec<PhotoRecord>> {
        let sql = format!(
            "SELECT {PHOTO_COLUMNS} FROM photos WHERE device_id = ?1 ORDER BY created_at DESC, rowid DESC"
        );
        rows_of(&self.conn, &sql, &device.to_string(), photo_row)
    }

    /// One photo by id.
    pub fn photo(&self, id: PhotoId) -> Result<Option<PhotoRecord>> {
        let sql = format!("SELECT {PHOTO_COLUMNS} FROM photos WHERE id = ?1");
        Ok(rows_of(&self.conn, &sql, &id.to_string(), photo_row)?
            .into_iter()
            .next())
    }

    /// The supplier's fixed contact persons of a resident (the agreement names them).
    pub fn supplier_contacts_of(
        &self,
        resident: ResidentId,
    ) -> Result<Vec<veldwerk_core::model::SupplierContact>> {
        crate::supplier_contacts::of_resident(&self.conn, resident)
    }

    /// A municipality by id (the documents name it).
    pub fn municipality(
        &self,
        id: veldwerk_core::ids::MunicipalityId,
    ) -> Result<Option<veldwerk_core::model::Municipality>> {
        crate::fetch::one(
            &self.conn,
            &crate::rows::sql::MUNICIPALITY_BY_ID,
            [id.to_string()],
            crate::rows::municipality,
        )
    }

    /// Whether a signature with this id is stored.
    pub fn has_signature(&self, id: SignatureId) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM signatures WHERE id = ?1")?
            .query_row([id.to_string()], |_| Ok(()))
            .optional()?
            .is_some())
    }
}
