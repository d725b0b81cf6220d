//! A logbook entry's details, for people and for machines.
//!
//! An entry made by this version carries, in `details_json` (hashed with the entry):
//!
//! ```json
//! {"v": 2,
//!  "en": "Preventive maintenance carried out; signed off by J. Jansen (resident)",
//!  "lines": [{"label": {"nl": "Werktijd", "en": "Time spent"},
//!             "value": {"nl": "40 min", "en": "40 min"}}, ...],
//!  "data": {"labour_minutes": 40, ...}}
//! ```
//!
//! `lines` are what a reader sees, in words, in both languages (labels, units, dates such as
//! "10 december 2027", money in euros, categories and forms by name); `en` is the headline in
//! English (the entry's `summary` is the Dutch one); `data` keeps the same facts by code for
//! the portal. [`Details`] writes them; [`words`] reads any entry, also one written before
//! details had words, which it words from its keys as well as it can.

use super::from_keys::{self, Namer};
use super::{LogbookEntry, LogbookKind};
use crate::words;
use crate::{Category, Localized};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The version of the details format written now.
pub const VERSION: u64 = 2;

/// One line of an entry's details: a label and its value, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DetailLine {
    pub label: Localized,
    pub value: Localized,
}

impl DetailLine {
    pub fn new(label: Localized, value: Localized) -> DetailLine {
        DetailLine { label, value }
    }
}

/// An entry as people read it: the headline and the details, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EntryWords {
    pub summary: Localized,
    pub lines: Vec<DetailLine>,
}

/// Writes an entry's details (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Details {
    lines: Vec<DetailLine>,
    data: Map<String, Value>,
    summary_en: Option<String>,
}

impl Details {
    pub fn new() -> Details {
        Details::default()
    }

    /// A line in words.
    pub fn line(&mut self, label: Localized, value: Localized) -> &mut Self {
        self.lines.push(DetailLine { label, value });
        self
    }

    /// A line whose label is given in both languages.
    pub fn say(&mut self, nl: &str, en: &str, value: Localized) -> &mut Self {
        self.line(Localized::new(nl, en), value)
    }

    /// A fact by code, for the portal (not shown).
    pub fn data(&mut self, key: &str, value: Value) -> &mut Self {
        self.data.insert(key.to_string(), value);
        self
    }

    /// The entry's headline in English (the Dutch one is the entry's summary).
    pub fn summary_en(&mut self, en: impl Into<String>) -> &mut Self {
        self.summary_en = Some(en.into());
        self
    }

    pub fn lines(&self) -> &[DetailLine] {
        &self.lines
    }

    /// Details from facts by code: every fact worded by the one dictionary
    /// ([`from_keys::lines`]), answer keys and forms named by `namer`; the facts kept as data.
    pub fn from_data(data: Map<String, Value>, namer: &dyn Namer) -> Details {
        Details {
            lines: from_keys::lines(&data, namer),
            data,
            summary_en: None,
        }
    }

    /// The JSON text stored (and hashed) with the entry.
    pub fn to_json(&self) -> String {
        let mut m = Map::new();
        m.insert("v".into(), json!(VERSION));
        if let Some(en) = &self.summary_en {
            m.insert("en".into(), json!(en));
        }
        m.insert(
            "lines".into(),
            serde_json::to_value(&self.lines).unwrap_or(Value::Array(Vec::new())),
        );
        m.insert("data".into(), Value::Object(self.data.clone()));
        Value::Object(m).to_string()
    }
}

/// An entry in words: the stored lines of an entry written by this version, else its details
/// worded from their keys; the English headline when the entry has one, else what the kind
/// of entry is called.
pub fn words(entry: &LogbookEntry) -> EntryWords {
    let parsed: Option<Value> = serde_json::from_str(entry.details_json.trim()).ok();
    let kind = kind_name(entry.kind);
    match parsed {
        Some(Value::Object(m)) if m.get("v").and_then(Value::as_u64) == Some(VERSION) => {
            let lines: Vec<DetailLine> = m
                .get("lines")
                .cloned()
                .and_then(|l| serde_json::from_value(l).ok())
                .unwrap_or_default();
            let en = m
                .get("en")
                .and_then(Value::as_str)
                .map_or_else(|| kind.en.clone(), str::to_string);
            EntryWords {
                summary: Localized::new(entry.summary.clone(), en),
                lines,
            }
        }
        Some(Value::Object(m)) => EntryWords {
            summary: Localized::new(entry.summary.clone(), kind.en),
            lines: from_keys::lines(&m, &from_keys::NoForm),
        },
        Some(Value::Null) | None if entry.details_json.trim().is_empty() => EntryWords {
            summary: Localized::new(entry.summary.clone(), kind.en),
            lines: Vec::new(),
        },
        _ => EntryWords {
            summary: Localized::new(entry.summary.clone(), kind.en),
            lines: vec![DetailLine::new(
                Localized::new("Toelichting", "Details"),
                words::same(entry.details_json.trim()),
            )],
        },
    }
}

/// What a reader must never see in an entry's words, found in `text`: an ISO date
/// ("2027-12-10"), an answer key ("chassis.bolts"), a code ("order_ended"), or a bare amount
/// in cents ("1791500": six digits or more, ungrouped; numbers people read are grouped).
/// Empty when the text reads as words. For tests of every writer.
pub fn unreadable(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let tokens = text.split(|c: char| c.is_whitespace() || ",;:()'\"/".contains(c));
    for raw in tokens {
        let t = raw.trim_end_matches(['.', '…', '!', '?']);
        if t.is_empty() {
            continue;
        }
        let b = t.as_bytes();
        let iso = b.windows(10).any(|w| {
            w.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            })
        });
        let lower =
            |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_lowercase() || c == b'_');
        let key = t.split_once('.').is_some_and(|(head, item)| {
            let step = head.split_once('[').map_or(head, |(s, _)| s);
            lower(step) && lower(item) && !item.is_empty()
        });
        let code = t.contains('_') && t.split('_').all(|p| lower(p) && !p.is_empty());
        let cents = b.len() >= 6 && b.iter().all(u8::is_ascii_digit);
        if iso || key || code || cents {
            out.push(t.to_string());
        }
    }
    out
}

/// What a kind of entry is called.
pub fn kind_name(k: LogbookKind) -> Localized {
    use LogbookKind::*;
    let (nl, en) = match k {
        Registered => ("Geregistreerd", "Registered"),
        Fitting => ("Passing", "Fitting"),
        Delivery => ("Levering", "Delivery"),
        PreventiveMaintenance => ("Preventief onderhoud", "Preventive maintenance"),
        HoistInspection => ("Keuring tillift", "Hoist inspection"),
        SlingInspection => ("Keuring tilband", "Sling inspection"),
        MalfunctionReported => ("Storing gemeld", "Malfunction reported"),
        Repair => ("Reparatie", "Repair"),
        Adjustment => ("Aanpassing", "Adjustment"),
        Replacement => ("Vervanging", "Replacement"),
        Collection => ("Inname", "Collection"),
        LoanPlaced => ("Leenmiddel geplaatst", "Loan device placed"),
        LoanReturned => ("Leenmiddel terug", "Loan device returned"),
        UsageCheck => ("Toetsing gebruiksfunctionaliteit", "Usage check"),
        Signal => ("Signaal", "Signal"),
        DamageReport => ("Schademelding", "Damage report"),
        Correction => ("Correctie", "Correction"),
        Note => ("Notitie", "Note"),
    };
    Localized::new(nl, en)
}

/// Helpers for the values writers put in lines.
pub mod value {
    use super::*;

    pub fn date(d: NaiveDate) -> Localized {
        words::date(d)
    }
    pub fn moment(t: DateTime<Utc>) -> Localized {
        words::moment(t)
    }
    pub fn euro(cents: u64) -> Localized {
        words::euro(cents)
    }
    pub fn category(c: Category) -> Localized {
        words::category(c)
    }
}
