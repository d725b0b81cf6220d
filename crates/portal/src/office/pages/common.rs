//! What several pages read: names by id, and a resident's or device's records and files.

use crate::office::format::{code, moment, Lang};
use crate::storage::{EntityFilter, PortalStore, RecordFilter, Result, StoredRecord};
use serde::Serialize;
use std::collections::HashMap;
use veldwerk_core::ids::{MunicipalityId, ResidentId, TechnicianId};
use veldwerk_core::jobs::{signal_kind_name, Complaint, JobReport, NotHomeReport, Signal};
use veldwerk_core::messages::MessageRecord;
use veldwerk_core::model::{Resident, Technician};
use veldwerk_sync::protocol::{BlobRecord, EntityKind};

/// Whose residents a page shows, read once per page with their names and municipality: all
/// of them (the office), or one municipality's (its own view). Every page that a
/// municipality can open reads through this, so one rule decides.
pub struct Residents {
    /// The one municipality, or None for the office.
    only: Option<MunicipalityId>,
    /// The residents shown: name and municipality by id.
    known: HashMap<ResidentId, (String, MunicipalityId)>,
}

impl Residents {
    fn read(s: &dyn PortalStore, only: Option<MunicipalityId>) -> Result<Residents> {
        let known = s
            .entities(EntityKind::Resident, EntityFilter::All)?
            .iter()
            .filter_map(|e| e.decode::<Resident>().ok())
            .filter(|r| only.is_none_or(|m| r.municipality_id == m))
            .map(|r| (r.id, (r.display_name(), r.municipality_id)))
            .collect();
        Ok(Residents { only, known })
    }

    /// Every resident (the office's pages; records of a resident the portal does not hold
    /// are kept, without a name).
    pub fn all(s: &dyn PortalStore) -> Result<Residents> {
        Residents::read(s, None)
    }

    /// The residents of `m` only.
    pub fn of(s: &dyn PortalStore, m: MunicipalityId) -> Result<Residents> {
        Residents::read(s, Some(m))
    }

    /// How many residents there are, when they are one municipality's.
    pub fn count(&self) -> Option<usize> {
        self.only.map(|_| self.known.len())
    }

    pub fn keeps(&self, r: ResidentId) -> bool {
        self.only.is_none() || self.known.contains_key(&r)
    }

    /// The resident's name ("" when the portal does not hold them).
    pub fn name(&self, r: ResidentId) -> String {
        self.known
            .get(&r)
            .map(|(n, _)| n.clone())
            .unwrap_or_default()
    }

    /// The resident's municipality, when the portal holds them.
    pub fn municipality(&self, r: ResidentId) -> Option<MunicipalityId> {
        self.known.get(&r).map(|(_, m)| *m)
    }
}

/// The stored records of one type.
pub fn records_of_type(
    s: &dyn PortalStore,
    record_type: &'static str,
) -> Result<Vec<StoredRecord>> {
    s.records(&RecordFilter {
        record_types: vec![record_type],
        ..Default::default()
    })
}

/// The payloads of `records` that decode as `T` (one of another shape is left out).
pub fn decoded<T: serde::de::DeserializeOwned>(records: &[StoredRecord]) -> Vec<T> {
    records
        .iter()
        .filter_map(|r| serde_json::from_str(&r.payload).ok())
        .collect()
}

pub fn resident_names(s: &dyn PortalStore) -> Result<HashMap<ResidentId, String>> {
    Ok(s.entities(EntityKind::Resident, EntityFilter::All)?
        .iter()
        .filter_map(|e| e.decode::<Resident>().ok())
        .map(|r| (r.id, r.display_name()))
        .collect())
}

pub fn technicians(s: &dyn PortalStore) -> Result<Vec<Technician>> {
    let mut v: Vec<Technician> = s
        .entities(EntityKind::Technician, EntityFilter::All)?
        .iter()
        .filter_map(|e| e.decode().ok())
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(v)
}

pub fn technician_names(s: &dyn PortalStore) -> Result<HashMap<TechnicianId, String>> {
    Ok(technicians(s)?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect())
}

#[derive(Serialize)]
pub struct RecordRow {
    /// When it was received (for ordering).
    #[serde(skip)]
    pub at: chrono::DateTime<chrono::Utc>,
    pub kind: String,
    pub received: String,
    pub text: String,
    pub link: Option<String>,
}

#[derive(Serialize)]
pub struct FileRow {
    pub sha256: String,
    pub title: String,
    pub kind: String,
    pub media_type: String,
    pub size: u64,
    pub when: String,
}

fn kind_name(t: &str, lang: Lang) -> String {
    let (nl, en) = match t {
        "job_report" => ("Werkbon", "Job report"),
        "signal" => ("Signaal", "Signal"),
        "complaint" => ("Klacht", "Complaint"),
        "not_home_report" => ("Niet thuis / kon niet door", "Not home / could not proceed"),
        "deviation_request" => ("Afwijkingsverzoek", "Deviation request"),
        "malfunction" => ("Storing ter plaatse", "Malfunction on site"),
        "logbook_entry" => ("Logboekregel", "Logbook entry"),
        "closed_draft" => (
            "Antwoorden van een afgebroken werkbon",
            "Answers of a job not finished",
        ),
        "photo" => ("Foto", "Photo"),
        "signature" => ("Handtekening", "Signature"),
        "document" => ("Document", "Document"),
        "message" => ("Bericht", "Message"),
        other => (other, other),
    };
    lang.tr(nl, en)
}

/// A one-line description of a record for lists.
fn describe(r: &StoredRecord, lang: Lang) -> (String, Option<String>) {
    let text = match r.record_type.as_str() {
        "signal" => serde_json::from_str::<Signal>(&r.payload)
            .map(|s| {
                format!(
                    "{}: {}",
                    lang.pick(&signal_kind_name(s.kind)),
                    s.description
                )
            })
            .ok(),
        "complaint" => serde_json::from_str::<Complaint>(&r.payload)
            .map(|c| c.description)
            .ok(),
        "not_home_report" => serde_json::from_str::<NotHomeReport>(&r.payload)
            .map(|n| format!("{} {}", code(&n.reason), n.note))
            .ok(),
        "job_report" => serde_json::from_str::<JobReport>(&r.payload)
            .map(|j| format!("{} ({})", code(&j.kind), j.technician))
            .ok(),
        "message" => serde_json::from_str::<MessageRecord>(&r.payload)
            .map(|m| m.subject)
            .ok(),
        _ => None,
    };
    let link = match r.record_type.as_str() {
        "job_report" => Some(format!("/kantoor/werkbonnen/{}", r.id)),
        "message" => Some(format!("/kantoor/berichten#bericht-{}", r.id)),
        _ => None,
    };
    (text.unwrap_or_else(|| r.record_type.clone()), link)
}

/// The messages the portal wrote itself, as record rows (they list with the pushed ones).
pub fn portal_message_rows(
    messages: &[crate::storage::PortalMessage],
    lang: Lang,
) -> Vec<RecordRow> {
    messages
        .iter()
        .map(|p| {
            let subject = serde_json::from_str::<MessageRecord>(&p.payload)
                .map(|m| m.subject)
                .unwrap_or_default();
            RecordRow {
                at: p.created_at,
                kind: lang.tr("Bericht van het portaal", "Message from the portal"),
                received: moment(p.created_at, lang),
                text: subject,
                link: Some(format!("/kantoor/berichten#bericht-{}", p.id)),
            }
        })
        .collect()
}

/// The records and the files (photos, signatures, documents) among `records`.
pub fn records_and_files(records: &[StoredRecord], lang: Lang) -> (Vec<RecordRow>, Vec<FileRow>) {
    let mut rows = Vec::new();
    let mut files = Vec::new();
    for r in records {
        if r.record_type == "logbook_entry" {
            continue;
        }
        if let Ok(b) = serde_json::from_str::<BlobRecord>(&r.payload) {
            if matches!(r.record_type.as_str(), "photo" | "signature" | "document") {
                files.push(FileRow {
                    title: b
                        .title
                        .clone()
                        .unwrap_or_else(|| kind_name(&r.record_type, lang)),
                    sha256: b.sha256,
                    kind: kind_name(&r.record_type, lang),
                    media_type: b.media_type,
                    size: b.size,
                    when: moment(b.created_at, lang),
                });
                continue;
            }
        }
        let (text, link) = describe(r, lang);
        rows.push(RecordRow {
            at: r.received_at,
            kind: kind_name(&r.record_type, lang),
            received: moment(r.received_at, lang),
            text,
            link,
        });
    }
    (rows, files)
}
