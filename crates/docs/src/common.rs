//! Small pure helpers the three documents share: words in both languages, dates and numbers
//! as a Dutch or English reader expects them, input checks, and the data hash that gives a
//! document its identity.

use crate::error::{DocError, Result};
use crate::layout::{normalise, one_line};
use crate::model::{Address, CheckItem, ItemResult, Lang, SignerRole};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Picks the Dutch or English words.
pub fn tr(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "14 maart 2025" / "14 March 2025".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let months = match lang {
        Lang::Nl => &MONTHS_NL,
        Lang::En => &MONTHS_EN,
    };
    format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
}

/// Local (Europe/Amsterdam) date and time: "14 maart 2025, 10:42".
pub fn date_time(lang: Lang, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&Amsterdam);
    format!(
        "{}, {}",
        date(lang, local.date_naive()),
        local.format("%H:%M")
    )
}

/// Local time of day: "10:42".
pub fn time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Amsterdam).format("%H:%M").to_string()
}

/// A number with the language's decimal separator: "24,6" / "24.6".
pub fn number(lang: Lang, value: f64, decimals: u8) -> String {
    let s = format!("{:.*}", usize::from(decimals.min(4)), value);
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

/// Minutes as "1 u 25 min" / "1 h 25 min".
pub fn duration(lang: Lang, minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, lang) {
        (0, _) => format!("{m} min"),
        (_, Lang::Nl) => format!("{h} u {m} min"),
        (_, Lang::En) => format!("{h} h {m} min"),
    }
}

pub fn role(lang: Lang, r: SignerRole) -> &'static str {
    match r {
        SignerRole::Resident => tr(lang, "inwoner", "resident"),
        SignerRole::Representative => tr(lang, "vertegenwoordiger", "representative"),
        SignerRole::Caregiver => tr(lang, "mantelzorger of verzorger", "caregiver"),
        SignerRole::Technician => tr(lang, "monteur", "technician"),
        SignerRole::Inspector => tr(lang, "keurmeester", "inspector"),
    }
}

/// The result of a checklist item in words.
pub fn result(lang: Lang, r: &ItemResult) -> String {
    match r {
        ItemResult::Ok => tr(lang, "in orde", "OK").into(),
        ItemResult::Repaired => tr(lang, "ter plekke hersteld", "repaired on site").into(),
        ItemResult::Defect { fix_by, .. } => match lang {
            Lang::Nl => format!("gebrek, herstellen vóór {}", date(lang, *fix_by)),
            Lang::En => format!("defect, fix by {}", date(lang, *fix_by)),
        },
        ItemResult::OutOfUse { .. } => {
            tr(lang, "gebrek, buiten gebruik", "defect, out of use").into()
        }
        ItemResult::NotApplicable => tr(lang, "n.v.t.", "n/a").into(),
    }
}

/// The note of an item, with the remedy of a defect in front.
pub fn item_detail(item: &CheckItem) -> String {
    let remedy = match &item.result {
        ItemResult::Defect { remedy, .. } | ItemResult::OutOfUse { remedy } => one_line(remedy),
        _ => String::new(),
    };
    let note = item.note.as_deref().map(normalise).unwrap_or_default();
    match (remedy.is_empty(), note.trim().is_empty()) {
        (true, _) => note.trim().to_string(),
        (false, true) => remedy,
        (false, false) => format!("{remedy}\n{}", note.trim()),
    }
}

pub fn address(a: &Address) -> String {
    one_line(&a.one_line())
}

/// A required one-line field: normalised, not empty, at most `max` characters.
pub fn required(field: &'static str, value: &str, max: usize) -> Result<String> {
    let v = one_line(value);
    if v.is_empty() {
        return Err(DocError::Empty { field });
    }
    limit(field, v, max)
}

/// An optional text (may span lines): normalised, at most `max` characters.
pub fn optional(field: &'static str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    match value.map(|v| normalise(v).trim().to_string()) {
        Some(v) if !v.is_empty() => limit(field, v, max).map(Some),
        _ => Ok(None),
    }
}

fn limit(field: &'static str, v: String, max: usize) -> Result<String> {
    if v.chars().count() > max {
        return Err(DocError::TooLong { field, max });
    }
    Ok(v)
}

/// Refuses lists longer than `max`.
pub fn at_most<T>(field: &'static str, items: &[T], max: usize) -> Result<()> {
    if items.len() > max {
        return Err(DocError::TooMany { field, max });
    }
    Ok(())
}

/// Checks every free text in the checklist (labels, remedies, notes) for length.
pub fn check_steps(steps: &[crate::model::CheckStep]) -> Result<()> {
    let count: usize = steps.iter().map(|s| s.items.len()).sum();
    if count > 1000 {
        return Err(DocError::TooMany {
            field: "checklist",
            max: 1000,
        });
    }
    for step in steps {
        required("step title", &step.title.nl, 200)?;
        for item in &step.items {
            required("item label", &item.label.nl, 300)?;
            required("item label", &item.label.en, 300)?;
            optional("item note", item.note.as_deref(), 2000)?;
            if let ItemResult::Defect { remedy, .. } | ItemResult::OutOfUse { remedy } =
                &item.result
            {
                required("defect remedy", remedy, 1000)?;
            }
        }
    }
    Ok(())
}

/// SHA-256 over the canonical JSON of everything a document is made from: its identity.
pub fn data_id(kind: &str, lang: Lang, data: &impl Serialize) -> Result<[u8; 32]> {
    struct HashWriter(Sha256);
    impl std::io::Write for HashWriter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.update(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut w = HashWriter(Sha256::new());
    w.0.update(kind.as_bytes());
    w.0.update([0, lang as u8]);
    serde_json::to_writer(&mut w, data).map_err(|e| DocError::Pdf {
        reason: e.to_string(),
    })?;
    Ok(w.0.finalize().into())
}

/// Midnight UTC of a date: the creation time of documents dated by a day.
pub fn day_start(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// The category as number and name: "15 – Tillift, actief".
pub fn category(lang: Lang, c: veldwerk_core::Category) -> String {
    format!("{} – {}", c.code(), lang.pick(&c.name()))
}

/// The footer's left part: the document id (first 16 hex digits) and what the document is.
pub fn footer(lang: Lang, doc_id: &[u8; 32], what: &str, version: u32) -> String {
    format!(
        "{} {} · {what} v{version}",
        tr(lang, "Document-ID", "Document ID"),
        &crate::pdf::hex(doc_id)[..16]
    )
}

/// "pagina 1 van 3" / "page 1 of 3".
pub fn page_label(lang: Lang, i: usize, n: usize) -> String {
    match lang {
        Lang::Nl => format!("pagina {i} van {n}"),
        Lang::En => format!("page {i} of {n}"),
    }
}
