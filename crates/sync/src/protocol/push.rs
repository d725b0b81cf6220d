//! Pushing the app's records: each with its id, type, content hash, payload and the blobs it
//! references; one answer per record.
//!
//! # How a client sends a record
//!
//! 1. Upload every blob the record references (`HEAD`, then `PUT` when the portal lacks it).
//! 2. Build the record with [`PushRecord::new`] from the outbox entry's id, record type and
//!    stored payload text: the hash is [`super::canonical_hash`] of exactly that text, and the
//!    text travels unchanged as the raw JSON `payload`.
//! 3. Send records in outbox order; a logbook entry after the entries before it.
//!
//! # Answers
//!
//! * `accepted`: stored now (`conflict: true` when a master-data update was kept for the
//!   office to decide because the portal's row changed since `base_version`).
//! * `already_stored`: this id with this hash was stored before. Treat as accepted
//!   (`conflict: true` when it was kept as a conflict then).
//! * `rejected`: with a code from [`super::codes`]; `retryable: false` means sending it
//!   again cannot help (show it on its job, keep it, go on with the rest);
//!   `retryable: true` (`chain_gap`) means: send the earlier entries first, then again.
//! * `missing_blobs`: nothing was stored; upload the named blobs and send the record again.

use super::time_ms;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use uuid::Uuid;
use veldwerk_core::ids::{DeviceId, JobId, JobReportId, ResidentId};
use veldwerk_core::jobs::Answer;
use veldwerk_core::Localized;

/// `POST /api/v1/push`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    pub records: Vec<PushRecord>,
}

/// One record as sent.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRecord {
    /// The record's id, made by the app (UUIDv7); the same id is the same record.
    pub id: Uuid,
    /// One of job_report, logbook_entry, device_update, sling_update, malfunction_update,
    /// order_update, signal, complaint, deviation_request, not_home_report, malfunction,
    /// closed_draft, photo, signature, document ([`RecordType`]). An unknown type is
    /// rejected for this record only.
    pub record_type: String,
    /// Lowercase hex SHA-256 of the payload's JSON text exactly as sent.
    pub hash: String,
    /// The record's JSON, as the app stored it.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub payload: Box<RawValue>,
    /// Hex SHA-256 of every blob the record references (upload them first).
    #[serde(default)]
    pub blobs: Vec<String>,
}

impl PushRecord {
    /// A record whose hash is computed from `payload_json` (which must be JSON text; it is
    /// sent byte for byte as it is).
    pub fn new(
        id: Uuid,
        record_type: &str,
        payload_json: String,
        blobs: Vec<String>,
    ) -> Result<PushRecord, serde_json::Error> {
        let hash = super::canonical_hash(payload_json.as_bytes());
        Ok(PushRecord {
            id,
            record_type: record_type.to_string(),
            hash,
            payload: RawValue::from_string(payload_json)?,
            blobs,
        })
    }
}

/// The answers, one per record, in the order sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    pub results: Vec<RecordResult>,
    #[serde(with = "time_ms")]
    pub server_time: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordResult {
    pub id: Uuid,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What became of one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Accepted {
        /// A master-data update kept as a conflict for the office (not applied yet).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        conflict: bool,
    },
    AlreadyStored {
        /// It was kept as a conflict for the office then (not applied): the same as the
        /// first answer's `conflict`, for a client whose first answer was lost.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        conflict: bool,
    },
    Rejected {
        code: String,
        #[cfg_attr(feature = "openapi", schema(value_type = super::error::LocalizedDoc))]
        message: Localized,
        retryable: bool,
    },
    /// Nothing was stored: upload these blobs, then send the record again.
    MissingBlobs { hashes: Vec<String> },
}

impl Outcome {
    /// The portal holds the record: the outbox entry is done.
    pub fn acknowledged(&self) -> bool {
        matches!(
            self,
            Outcome::Accepted { .. } | Outcome::AlreadyStored { .. }
        )
    }

    pub fn rejected(code: &str, nl: impl Into<String>, en: impl Into<String>) -> Outcome {
        Outcome::Rejected {
            code: code.to_string(),
            message: Localized::new(nl, en),
            retryable: false,
        }
    }
}

/// The record types the portal takes (the app's outbox types, plus blob metadata).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    /// `veldwerk_core::jobs::JobReport`
    JobReport,
    /// `veldwerk_core::logbook::LogbookEntry`, as chained by the app
    LogbookEntry,
    /// [`MasterUpdate`] of `veldwerk_core::jobs::DeviceUpdate`
    DeviceUpdate,
    /// [`MasterUpdate`] of `veldwerk_core::jobs::SlingUpdate`
    SlingUpdate,
    /// [`MasterUpdate`] of `veldwerk_core::jobs::MalfunctionUpdate`
    MalfunctionUpdate,
    /// [`MasterUpdate`] of `veldwerk_core::jobs::OrderUpdate`
    OrderUpdate,
    /// `veldwerk_core::jobs::Signal`
    Signal,
    /// `veldwerk_core::jobs::Complaint`
    Complaint,
    /// `veldwerk_core::jobs::DeviationRequest`
    DeviationRequest,
    /// `veldwerk_core::jobs::NotHomeReport`
    NotHomeReport,
    /// `veldwerk_core::jobs::OnSiteMalfunction`: a fault reported on site, with its job
    Malfunction,
    /// [`ClosedDraft`]
    ClosedDraft,
    /// [`BlobRecord`] of a photo
    Photo,
    /// [`BlobRecord`] of a signature image
    Signature,
    /// [`BlobRecord`] of a document (PDF)
    Document,
    /// `veldwerk_core::messages::MessageRecord`: a message for the portal to send
    Message,
    /// `veldwerk_core::plans::WorkPlan`: a case manager's plan for complex custom work
    WorkPlan,
    /// `veldwerk_core::plans::PlanUpdate`: its progress, consent or evaluation
    PlanUpdate,
}

impl RecordType {
    pub const ALL: [RecordType; 18] = [
        RecordType::JobReport,
        RecordType::LogbookEntry,
        RecordType::DeviceUpdate,
        RecordType::SlingUpdate,
        RecordType::MalfunctionUpdate,
        RecordType::OrderUpdate,
        RecordType::Signal,
        RecordType::Complaint,
        RecordType::DeviationRequest,
        RecordType::NotHomeReport,
        RecordType::Malfunction,
        RecordType::ClosedDraft,
        RecordType::Photo,
        RecordType::Signature,
        RecordType::Document,
        RecordType::Message,
        RecordType::WorkPlan,
        RecordType::PlanUpdate,
    ];

    /// The stable text form, as the app's outbox `record_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::JobReport => "job_report",
            RecordType::LogbookEntry => "logbook_entry",
            RecordType::DeviceUpdate => "device_update",
            RecordType::SlingUpdate => "sling_update",
            RecordType::MalfunctionUpdate => "malfunction_update",
            RecordType::OrderUpdate => "order_update",
            RecordType::Signal => "signal",
            RecordType::Complaint => "complaint",
            RecordType::DeviationRequest => "deviation_request",
            RecordType::NotHomeReport => "not_home_report",
            RecordType::Malfunction => "malfunction",
            RecordType::ClosedDraft => "closed_draft",
            RecordType::Photo => "photo",
            RecordType::Signature => "signature",
            RecordType::Document => "document",
            RecordType::Message => "message",
            RecordType::WorkPlan => "work_plan",
            RecordType::PlanUpdate => "plan_update",
        }
    }

    pub fn parse(s: &str) -> Option<RecordType> {
        RecordType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Updates of master data, which carry a `base_version`.
    pub fn is_master_update(self) -> bool {
        matches!(
            self,
            RecordType::DeviceUpdate
                | RecordType::SlingUpdate
                | RecordType::MalfunctionUpdate
                | RecordType::OrderUpdate
        )
    }
}

/// An update of master data made by a job: its own record id, the job, the version of the
/// entity the app last pulled, and the update itself (flattened), e.g.
/// `{"id":..,"job_id":..,"base_version":3,"device_id":..,"changes":{..}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterUpdate<T> {
    pub id: Uuid,
    pub job_id: JobId,
    /// The entity's `version` as last pulled. Optional for now: without it the update is
    /// applied without the check (see the portal's documentation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_version: Option<i64>,
    #[serde(flatten)]
    pub update: T,
}

/// The answers of a job closed by a not-home report before it was completed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosedDraft {
    pub id: Uuid,
    pub job_id: JobId,
    pub not_home_report: JobReportId,
    pub template_id: String,
    pub template_version: u32,
    pub answers: BTreeMap<String, Answer>,
}

/// The metadata of a photo, signature or document whose bytes are a blob.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobRecord {
    pub id: Uuid,
    /// The blob (also listed in the record's `blobs`).
    pub sha256: String,
    /// e.g. "image/jpeg", "image/png", "application/pdf"
    pub media_type: String,
    pub size: u64,
    pub resident_id: ResidentId,
    #[serde(default)]
    pub device_id: Option<DeviceId>,
    #[serde(default)]
    pub job_id: Option<JobId>,
    /// What it shows or is, e.g. "Gebruikersovereenkomst".
    #[serde(default)]
    pub title: Option<String>,
    #[serde(with = "time_ms")]
    pub created_at: DateTime<Utc>,
    pub author: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_types_round_trip() {
        for t in RecordType::ALL {
            assert_eq!(RecordType::parse(t.as_str()), Some(t));
        }
        assert_eq!(RecordType::parse("job_reports"), None);
    }

    #[test]
    fn the_payload_travels_byte_for_byte() {
        let text = r#"{ "b": 2,  "a": "é" }"#.to_string();
        let r = PushRecord::new(Uuid::nil(), "signal", text.clone(), vec![]).unwrap();
        let wire = serde_json::to_string(&r).unwrap();
        assert!(wire.contains(&text));
        let back: PushRecord = serde_json::from_str(&wire).unwrap();
        assert_eq!(back.payload.get(), text);
        assert_eq!(
            super::super::canonical_hash(back.payload.get().as_bytes()),
            r.hash
        );
    }

    #[test]
    fn outcomes_are_tagged() {
        let r = RecordResult {
            id: Uuid::nil(),
            outcome: Outcome::MissingBlobs {
                hashes: vec!["ab".into()],
            },
        };
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["outcome"], "missing_blobs");
        assert_eq!(json["hashes"][0], "ab");
        let ok = serde_json::to_value(Outcome::Accepted { conflict: false }).unwrap();
        assert_eq!(ok, serde_json::json!({"outcome": "accepted"}));
        let back: RecordResult = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn the_store_s_update_payload_decodes() {
        let json = r#"{"id":"0190f0f0-0000-7000-8000-000000000001",
            "job_id":"0190f0f0-0000-7000-8000-000000000002",
            "order_id":"0190f0f0-0000-7000-8000-000000000003","status":"completed"}"#;
        let u: MasterUpdate<veldwerk_core::jobs::OrderUpdate> = serde_json::from_str(json).unwrap();
        assert_eq!(u.base_version, None);
        assert_eq!(
            u.update.status,
            veldwerk_core::model::OrderStatus::Completed
        );
    }
}
