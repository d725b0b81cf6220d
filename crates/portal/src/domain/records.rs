//! What a pushed record must be before storage looks at it: a known type, the stated hash
//! of the payload's exact text, well-formed blob hashes, a payload that decodes as the
//! type's core type with its own id equal to the record id, and the type's own rules (text
//! lengths; a logbook entry's hash over its content). Anything else is rejected for good.

use veldwerk_core::jobs::{
    Complaint, DeviationRequest, DeviationStatus, DeviceUpdate, JobReport, MalfunctionUpdate,
    NotHomeReport, OnSiteMalfunction, OrderUpdate, Signal, SlingUpdate,
};
use veldwerk_core::logbook::{entry_hash, LogbookEntry, MAX_SUMMARY_CHARS};
use veldwerk_core::validation::{bounded, required};
use veldwerk_sync::protocol::{
    canonical_hash, codes, is_sha256_hex, BlobRecord, ClosedDraft, MasterUpdate, Outcome,
    PushRecord, RecordType,
};

/// A record that passed [`validate`].
#[derive(Clone, Debug)]
pub struct Incoming {
    pub id: uuid::Uuid,
    pub record_type: RecordType,
    pub hash: String,
    /// The payload's text exactly as received (what the hash is over and what is stored).
    pub payload: String,
    pub blobs: Vec<String>,
    pub body: Body,
}

/// A payload decoded as its type.
#[derive(Clone, Debug)]
pub enum Body {
    JobReport(JobReport),
    LogbookEntry(LogbookEntry),
    DeviceUpdate(MasterUpdate<DeviceUpdate>),
    SlingUpdate(MasterUpdate<SlingUpdate>),
    MalfunctionUpdate(MasterUpdate<MalfunctionUpdate>),
    OrderUpdate(MasterUpdate<OrderUpdate>),
    Signal(Signal),
    Complaint(Complaint),
    DeviationRequest(DeviationRequest),
    NotHomeReport(NotHomeReport),
    Malfunction(OnSiteMalfunction),
    ClosedDraft(ClosedDraft),
    Blob(BlobRecord),
    Message(veldwerk_core::messages::MessageRecord),
    WorkPlan(veldwerk_core::plans::WorkPlan),
    PlanUpdate(veldwerk_core::plans::PlanUpdate),
}

const MAX_TEXT: usize = 4000;
const MAX_AUTHOR: usize = 120;
/// A record may reference at most this many blobs.
pub const MAX_BLOBS_PER_RECORD: usize = 200;

fn invalid(en: impl std::fmt::Display) -> Outcome {
    Outcome::rejected(
        codes::INVALID_PAYLOAD,
        format!("Het record is ongeldig: {en}"),
        format!("The record is not valid: {en}"),
    )
}

fn check(r: Result<(), veldwerk_core::ValidationError>) -> Result<(), Outcome> {
    r.map_err(invalid)
}

/// Checks a record; see the module documentation. The rejection is the answer to send.
pub fn validate(r: PushRecord) -> Result<Incoming, Outcome> {
    let Some(record_type) = RecordType::parse(&r.record_type) else {
        let shown: String = r.record_type.chars().take(40).collect();
        return Err(Outcome::rejected(
            codes::UNKNOWN_RECORD_TYPE,
            format!("Het portaal kent het recordsoort \"{shown}\" niet."),
            format!("The portal does not know the record type \"{shown}\"."),
        ));
    };
    let payload = r.payload.get().to_string();
    if canonical_hash(payload.as_bytes()) != r.hash {
        return Err(Outcome::rejected(
            codes::HASH_MISMATCH,
            "De hash past niet bij de inhoud van het record.",
            "The hash does not match the record's content.",
        ));
    }
    if r.blobs.len() > MAX_BLOBS_PER_RECORD || !r.blobs.iter().all(|b| is_sha256_hex(b)) {
        return Err(Outcome::rejected(
            codes::INVALID_BLOB_HASH,
            "Een bijlage heeft geen geldige SHA-256 (64 kleine hexadecimale tekens).",
            "An attachment has no valid SHA-256 (64 lowercase hex digits).",
        ));
    }
    let body = decode(record_type, &payload)?;
    if own_id(&body) != r.id {
        return Err(Outcome::rejected(
            codes::ID_MISMATCH,
            "Het id in het record verschilt van het id waaronder het is verstuurd.",
            "The id inside the record differs from the id it was sent under.",
        ));
    }
    rules(&body, &r.blobs)?;
    let mut blobs = r.blobs;
    blobs.sort();
    blobs.dedup();
    Ok(Incoming {
        id: r.id,
        record_type,
        hash: r.hash,
        payload,
        blobs,
        body,
    })
}

/// Decodes a stored record again (e.g. an update the office applies after a conflict).
pub fn decode_stored(record_type: &str, payload: &str) -> Result<Body, String> {
    let t = RecordType::parse(record_type).ok_or_else(|| format!("unknown type {record_type}"))?;
    decode(t, payload).map_err(|o| format!("{o:?}"))
}

fn decode(t: RecordType, payload: &str) -> Result<Body, Outcome> {
    fn de<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, Outcome> {
        serde_json::from_str(s).map_err(invalid)
    }
    Ok(match t {
        RecordType::JobReport => Body::JobReport(de(payload)?),
        RecordType::LogbookEntry => Body::LogbookEntry(de(payload)?),
        RecordType::DeviceUpdate => Body::DeviceUpdate(de(payload)?),
        RecordType::SlingUpdate => Body::SlingUpdate(de(payload)?),
        RecordType::MalfunctionUpdate => Body::MalfunctionUpdate(de(payload)?),
        RecordType::OrderUpdate => Body::OrderUpdate(de(payload)?),
        RecordType::Signal => Body::Signal(de(payload)?),
        RecordType::Complaint => Body::Complaint(de(payload)?),
        RecordType::DeviationRequest => Body::DeviationRequest(de(payload)?),
        RecordType::NotHomeReport => Body::NotHomeReport(de(payload)?),
        RecordType::Malfunction => Body::Malfunction(de(payload)?),
        RecordType::ClosedDraft => Body::ClosedDraft(de(payload)?),
        RecordType::Photo | RecordType::Signature | RecordType::Document => {
            Body::Blob(de(payload)?)
        }
        RecordType::Message => Body::Message(de(payload)?),
        RecordType::WorkPlan => Body::WorkPlan(de(payload)?),
        RecordType::PlanUpdate => Body::PlanUpdate(de(payload)?),
    })
}

/// The id the record gives itself.
fn own_id(b: &Body) -> uuid::Uuid {
    match b {
        Body::JobReport(r) => r.id.0,
        Body::LogbookEntry(e) => e.id.0,
        Body::DeviceUpdate(u) => u.id,
        Body::SlingUpdate(u) => u.id,
        Body::MalfunctionUpdate(u) => u.id,
        Body::OrderUpdate(u) => u.id,
        Body::Signal(s) => s.id.0,
        Body::Complaint(c) => c.id.0,
        Body::DeviationRequest(d) => d.id.0,
        Body::NotHomeReport(n) => n.id.0,
        Body::Malfunction(m) => m.malfunction.id.0,
        Body::ClosedDraft(c) => c.id,
        Body::Blob(b) => b.id,
        Body::Message(m) => m.id.0,
        Body::WorkPlan(p) => p.id.0,
        Body::PlanUpdate(u) => u.id.0,
    }
}

fn rules(b: &Body, blobs: &[String]) -> Result<(), Outcome> {
    match b {
        Body::JobReport(r) => {
            check(required("technician", &r.technician, MAX_AUTHOR))?;
            check(required("template_id", &r.template_id, 100))
        }
        Body::LogbookEntry(e) => {
            check(required("author", &e.author, MAX_AUTHOR))?;
            check(bounded("summary", &e.summary, MAX_SUMMARY_CHARS))?;
            check(bounded("details_json", &e.details_json, 64 * 1024))?;
            if e.seq == 0 || entry_hash(e) != e.hash {
                return Err(Outcome::rejected(
                    codes::LOGBOOK_HASH_INVALID,
                    "De hash van de logboekregel past niet bij de inhoud.",
                    "The logbook entry's hash does not match its content.",
                ));
            }
            Ok(())
        }
        Body::Signal(s) => {
            check(required("description", &s.description, MAX_TEXT))?;
            check(required("author", &s.author, MAX_AUTHOR))
        }
        Body::Complaint(c) => {
            check(required("description", &c.description, MAX_TEXT))?;
            check(required("author", &c.author, MAX_AUTHOR))
        }
        Body::Message(m) => check(m.validate()),
        Body::WorkPlan(p) => check(p.validate()),
        Body::PlanUpdate(u) => check(u.validate()),
        Body::DeviationRequest(d) => {
            check(required("motivation", &d.motivation, MAX_TEXT))?;
            if d.status != DeviationStatus::Pending {
                return Err(invalid("a new deviation request is pending"));
            }
            Ok(())
        }
        Body::NotHomeReport(n) => {
            check(bounded("note", &n.note, 2000))?;
            check(required("author", &n.author, MAX_AUTHOR))?;
            if n.jobs.is_empty() {
                return Err(invalid("a not-home report names its jobs"));
            }
            Ok(())
        }
        Body::Malfunction(m) => {
            check(required(
                "description",
                &m.malfunction.description,
                MAX_TEXT,
            ))?;
            check(required("author", &m.author, MAX_AUTHOR))?;
            let job = &m.job;
            if job.malfunction_id != Some(m.malfunction.id)
                || job.device_id != Some(m.malfunction.device_id)
            {
                return Err(invalid("the repair job belongs to another malfunction"));
            }
            Ok(())
        }
        Body::ClosedDraft(c) => check(required("template_id", &c.template_id, 100)),
        Body::Blob(r) => {
            check(required("media_type", &r.media_type, 100))?;
            check(required("author", &r.author, MAX_AUTHOR))?;
            if let Some(t) = &r.title {
                check(bounded("title", t, 200))?;
            }
            if !blobs.contains(&r.sha256) {
                return Err(invalid("the blob is not listed in the record's blobs"));
            }
            Ok(())
        }
        Body::DeviceUpdate(_)
        | Body::SlingUpdate(_)
        | Body::MalfunctionUpdate(_)
        | Body::OrderUpdate(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(t: &str, payload: &str) -> PushRecord {
        PushRecord::new(uuid::Uuid::from_u128(5), t, payload.to_string(), vec![]).unwrap()
    }

    fn code(o: Outcome) -> String {
        match o {
            Outcome::Rejected { code, .. } => code,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_types_wrong_hashes_and_bad_payloads_are_refused() {
        let r = record("telepathy", "{}");
        assert_eq!(code(validate(r).unwrap_err()), codes::UNKNOWN_RECORD_TYPE);
        let mut r = record("signal", "{}");
        r.hash = canonical_hash(b"other");
        assert_eq!(code(validate(r).unwrap_err()), codes::HASH_MISMATCH);
        let r = record("signal", r#"{"id": 5}"#);
        assert_eq!(code(validate(r).unwrap_err()), codes::INVALID_PAYLOAD);
        let mut r = record("signal", "{}");
        r.blobs = vec!["ABC".into()];
        assert_eq!(code(validate(r).unwrap_err()), codes::INVALID_BLOB_HASH);
    }
}
