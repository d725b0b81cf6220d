//! Answers to template items, and their validation against the item's input.

use super::template::{CheckResult, Input, Item};
use crate::validation::bounded;
use crate::{Category, Localized};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A part replaced during a job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub number: String,
    pub description: String,
    pub quantity: u16,
    /// New (true) or reused (false).
    pub new: bool,
}

/// Who signs off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SignerRole {
    Resident,
    Caregiver,
    /// A legal representative.
    Representative,
    /// The supplier's technician (signs the user agreement at delivery; never a sign-off).
    Technician,
}

impl SignerRole {
    /// Who may sign off a job (paraaf): the resident's side, never the technician.
    pub const ALL: [SignerRole; 3] = [
        SignerRole::Resident,
        SignerRole::Caregiver,
        SignerRole::Representative,
    ];
}

/// The drawn paraaf under a sign-off: the signature record (its PNG a blob). Set only by the
/// shell's sign-off command, after the signature is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct SignOffImage {
    pub signature_id: crate::ids::SignatureId,
    pub png_sha256: String,
    pub signed_at: DateTime<Utc>,
}

/// The longest reason for a refusal to sign.
pub const MAX_REFUSAL: usize = 1000;

/// An answer, tagged with its type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Answer {
    Check {
        result: CheckResult,
        #[serde(default)]
        fix_by: Option<NaiveDate>,
        #[serde(default)]
        note: Option<String>,
    },
    YesNo {
        value: bool,
    },
    Choice {
        value: String,
    },
    MultiChoice {
        values: Vec<String>,
    },
    Measurement {
        value: f64,
    },
    Text {
        value: String,
    },
    Date {
        value: NaiveDate,
    },
    Moment {
        value: DateTime<Utc>,
    },
    Parts {
        parts: Vec<Part>,
    },
    SignOff {
        name: String,
        role: SignerRole,
        /// The drawn paraaf, when one was drawn.
        #[serde(default)]
        signature: Option<SignOffImage>,
        /// Who was asked refused to sign: why (then there is no signature).
        #[serde(default)]
        refused: Option<String>,
    },
    Registration {
        value: String,
    },
    Category {
        value: Category,
    },
}

/// A note about an accepted answer (a measurement near the edge of its plausible range).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AnswerWarning {
    pub key: String,
    pub message: Localized,
}

/// Why an answer was refused. Refused answers are not saved; the UI keeps what was typed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AnswerError {
    #[error("answer of the wrong type for {key}")]
    WrongType { key: String, expected: &'static str },
    #[error("{key}: {value} outside {min}..={max}")]
    OutOfRange {
        key: String,
        value: f64,
        min: f64,
        max: f64,
        unit: crate::jobs::template::Unit,
    },
    #[error("{key}: unknown option {value:?}")]
    UnknownOption { key: String, value: String },
    #[error("{key}: text too long (max {max})")]
    TooLong { key: String, max: usize },
    #[error("{key}: date {date} outside the allowed days")]
    DateOutOfRange {
        key: String,
        date: NaiveDate,
        earliest: Option<NaiveDate>,
        latest: Option<NaiveDate>,
    },
    #[error("{key}: a defect to fix later needs a fix-by date")]
    FixByMissing { key: String },
    #[error("{key}: invalid part ({})", reason.en)]
    InvalidPart { key: String, reason: Localized },
    #[error("{key}: the name of who signs is missing")]
    SignerMissing { key: String },
    #[error("{key}: not a number")]
    NotANumber { key: String },
    #[error("{key}: {value} has more than {decimals} decimals")]
    Precision {
        key: String,
        value: f64,
        decimals: u8,
    },
    #[error("{key}: {}", reason.en)]
    Invalid { key: String, reason: Localized },
}

/// Longest free text of any answer.
pub const MAX_TEXT: usize = 4000;
/// Most parts on one item.
pub const MAX_PARTS: usize = 50;

fn fmt_num(v: f64) -> String {
    let s = format!("{v}");
    s.replace('.', ",")
}

/// A measurement under a real limit: a finding, not a doubt about the measurement. The
/// item's help text says what to do about it.
fn below_limit(item: &Item, value: f64, limit: f64, sym: &Localized) -> Localized {
    let advice = |t: Option<&String>| t.map(|h| format!(" {h}")).unwrap_or_default();
    let (nl_u, en_u) = (&sym.nl, &sym.en);
    Localized::new(
        format!(
            "{}: {} {nl_u} ligt onder de grens van {} {nl_u}.{}",
            item.label.nl,
            fmt_num(value),
            fmt_num(limit),
            advice(item.help.as_ref().map(|h| &h.nl))
        ),
        format!(
            "{}: {value} {en_u} is below the limit of {limit} {en_u}.{}",
            item.label.en,
            advice(item.help.as_ref().map(|h| &h.en))
        ),
    )
}

impl AnswerError {
    pub fn code(&self) -> crate::ErrorCode {
        match self {
            AnswerError::WrongType { .. } => crate::ErrorCode::AnswerWrongType,
            AnswerError::OutOfRange { .. } => crate::ErrorCode::MeasurementOutOfRange,
            AnswerError::UnknownOption { .. } => crate::ErrorCode::UnknownOption,
            AnswerError::TooLong { .. } => crate::ErrorCode::TooLong,
            AnswerError::DateOutOfRange { .. } => crate::ErrorCode::DateOutOfRange,
            AnswerError::FixByMissing { .. } => crate::ErrorCode::FixByMissing,
            AnswerError::InvalidPart { .. } => crate::ErrorCode::InvalidPart,
            AnswerError::SignerMissing { .. } => crate::ErrorCode::SignerMissing,
            AnswerError::NotANumber { .. } => crate::ErrorCode::NotANumber,
            AnswerError::Precision { .. } => crate::ErrorCode::MeasurementPrecision,
            AnswerError::Invalid { .. } => crate::ErrorCode::InvalidAnswer,
        }
    }

    pub fn message(&self, label: &Localized) -> Localized {
        let (nl_l, en_l) = (&label.nl, &label.en);
        match self {
            AnswerError::WrongType { .. } => Localized::new(
                format!("{nl_l}: dit soort antwoord past hier niet."),
                format!("{en_l}: this kind of answer does not fit here."),
            ),
            AnswerError::OutOfRange {
                value,
                min,
                max,
                unit,
                ..
            } => {
                let u = unit.symbols();
                let (nl_u, en_u) = (&u.nl, &u.en);
                Localized::new(
                    format!(
                        "{nl_l}: {} {nl_u} kan niet kloppen; de waarde ligt tussen {} en {} {nl_u}. Controleer de meting.",
                        fmt_num(*value),
                        fmt_num(*min),
                        fmt_num(*max)
                    ),
                    format!(
                        "{en_l}: {value} {en_u} cannot be right; the value lies between {min} and {max} {en_u}. Check the measurement."
                    ),
                )
            }
            AnswerError::UnknownOption { .. } => Localized::new(
                format!("{nl_l}: kies een van de getoonde mogelijkheden."),
                format!("{en_l}: choose one of the options shown."),
            ),
            AnswerError::TooLong { max, .. } => Localized::new(
                format!("{nl_l}: de tekst is te lang (hoogstens {max} tekens)."),
                format!("{en_l}: the text is too long (at most {max} characters)."),
            ),
            AnswerError::DateOutOfRange {
                date,
                earliest,
                latest,
                ..
            } => {
                let range_nl = match (earliest, latest) {
                    (Some(a), Some(b)) => format!("tussen {a} en {b}"),
                    (Some(a), None) => format!("op of na {a}"),
                    (None, Some(b)) => format!("op of voor {b}"),
                    (None, None) => String::new(),
                };
                let range_en = match (earliest, latest) {
                    (Some(a), Some(b)) => format!("between {a} and {b}"),
                    (Some(a), None) => format!("on or after {a}"),
                    (None, Some(b)) => format!("on or before {b}"),
                    (None, None) => String::new(),
                };
                Localized::new(
                    format!("{nl_l}: {date} kan niet; kies een datum {range_nl}."),
                    format!("{en_l}: {date} is not possible; choose a date {range_en}."),
                )
            }
            AnswerError::FixByMissing { .. } => Localized::new(
                format!("{nl_l}: geef aan vóór welke datum het defect verholpen wordt."),
                format!("{en_l}: give the date by which the defect will be fixed."),
            ),
            AnswerError::InvalidPart { reason, .. } => Localized::new(
                format!("{nl_l}: onderdeel onvolledig ({}).", reason.nl),
                format!("{en_l}: part incomplete ({}).", reason.en),
            ),
            AnswerError::SignerMissing { .. } => Localized::new(
                format!("{nl_l}: vul de naam in van wie aftekent."),
                format!("{en_l}: fill in the name of who signs off."),
            ),
            AnswerError::NotANumber { .. } => Localized::new(
                format!("{nl_l}: vul een getal in."),
                format!("{en_l}: enter a number."),
            ),
            AnswerError::Precision {
                value, decimals, ..
            } => {
                let (nl, en) = match decimals {
                    0 => (
                        "een heel getal, zonder cijfers achter de komma".to_string(),
                        "a whole number, without decimals".to_string(),
                    ),
                    1 => (
                        "hoogstens 1 cijfer achter de komma".to_string(),
                        "at most 1 decimal".to_string(),
                    ),
                    n => (
                        format!("hoogstens {n} cijfers achter de komma"),
                        format!("at most {n} decimals"),
                    ),
                };
                Localized::new(
                    format!(
                        "{nl_l}: {} kan hier niet worden vastgelegd; vul {nl} in.",
                        fmt_num(*value)
                    ),
                    format!("{en_l}: {value} cannot be recorded here; enter {en}."),
                )
            }
            AnswerError::Invalid { reason, .. } => Localized::new(
                format!("{nl_l}: {}.", reason.nl),
                format!("{en_l}: {}.", reason.en),
            ),
        }
    }
}

/// At most 40 characters of typed input, for quoting it in a message.
fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

fn text_ok(key: &str, s: &str, max: usize) -> Result<(), AnswerError> {
    bounded("text", s, max).map_err(|_| AnswerError::TooLong {
        key: key.to_string(),
        max,
    })
}

/// Checks an answer against its item on the job's (local) day. Returns the answer as it
/// should be stored (measurements rounded to the item's decimals, text trimmed) and any
/// warnings; refuses what cannot be right.
pub fn validate(
    key: &str,
    item: &Item,
    answer: Answer,
    job_day: NaiveDate,
) -> Result<(Answer, Vec<AnswerWarning>), AnswerError> {
    let wrong = || AnswerError::WrongType {
        key: key.to_string(),
        expected: item.input.type_name(),
    };
    let mut warnings = Vec::new();
    let stored = match (&item.input, answer) {
        (
            Input::Check,
            Answer::Check {
                result,
                fix_by,
                note,
            },
        ) => {
            if let Some(n) = &note {
                text_ok(key, n, MAX_TEXT)?;
            }
            if result == CheckResult::DefectFixBy && fix_by.is_none() {
                return Err(AnswerError::FixByMissing {
                    key: key.to_string(),
                });
            }
            if let Some(d) = fix_by {
                if d < job_day {
                    return Err(AnswerError::DateOutOfRange {
                        key: key.to_string(),
                        date: d,
                        earliest: Some(job_day),
                        latest: None,
                    });
                }
            }
            Answer::Check {
                result,
                fix_by: if result == CheckResult::DefectFixBy {
                    fix_by
                } else {
                    None
                },
                note: note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
            }
        }
        (Input::YesNo, a @ Answer::YesNo { .. }) => a,
        (Input::Choice { options }, Answer::Choice { value }) => {
            if !options.iter().any(|o| o.id == value) {
                return Err(AnswerError::UnknownOption {
                    key: key.to_string(),
                    value: value.chars().take(40).collect(),
                });
            }
            Answer::Choice { value }
        }
        (Input::MultiChoice { options }, Answer::MultiChoice { values }) => {
            let mut out: Vec<String> = Vec::new();
            for v in values {
                if !options.iter().any(|o| o.id == v) {
                    return Err(AnswerError::UnknownOption {
                        key: key.to_string(),
                        value: v.chars().take(40).collect(),
                    });
                }
                if !out.contains(&v) {
                    out.push(v);
                }
            }
            Answer::MultiChoice { values: out }
        }
        (
            Input::Measurement {
                unit,
                min,
                max,
                warn_min,
                warn_max,
                limit_min,
                decimals,
                ..
            },
            Answer::Measurement { value },
        ) => {
            if !value.is_finite() {
                return Err(AnswerError::NotANumber {
                    key: key.to_string(),
                });
            }
            // Never change what was typed: a value with more digits after the decimal point
            // than the item keeps is refused, not rounded.
            let f = 10f64.powi(i32::from((*decimals).min(6)));
            let scaled = value * f;
            if (scaled - scaled.round()).abs() > 1e-6 * scaled.abs().max(1.0) {
                return Err(AnswerError::Precision {
                    key: key.to_string(),
                    value,
                    decimals: *decimals,
                });
            }
            if value < *min || value > *max {
                return Err(AnswerError::OutOfRange {
                    key: key.to_string(),
                    value,
                    min: *min,
                    max: *max,
                    unit: *unit,
                });
            }
            let sym = unit.symbols();
            if let Some(limit) = limit_min.filter(|l| value < *l) {
                warnings.push(AnswerWarning {
                    key: key.to_string(),
                    message: below_limit(item, value, limit, &sym),
                });
            } else if warn_min.is_some_and(|w| value < w) || warn_max.is_some_and(|w| value > w) {
                let low = warn_min.is_some_and(|w| value < w);
                warnings.push(AnswerWarning {
                    key: key.to_string(),
                    message: Localized::new(
                        format!(
                            "{}: {} {} is ongebruikelijk {}. Klopt de meting?",
                            item.label.nl,
                            fmt_num(value),
                            sym.nl,
                            if low { "laag" } else { "hoog" }
                        ),
                        format!(
                            "{}: {value} {} is unusually {}. Is the measurement right?",
                            item.label.en,
                            sym.en,
                            if low { "low" } else { "high" }
                        ),
                    ),
                });
            }
            Answer::Measurement { value }
        }
        (Input::Text { max_chars, .. }, Answer::Text { value }) => {
            let max = (*max_chars as usize).min(MAX_TEXT);
            text_ok(key, &value, max)?;
            Answer::Text {
                value: value.trim().to_string(),
            }
        }
        (Input::Date { min_days, max_days }, Answer::Date { value }) => {
            // Checked: a template's bounds never overflow the calendar (templates bound them).
            let shift = |d: i32| job_day.checked_add_signed(chrono::Duration::days(i64::from(d)));
            let earliest = min_days.and_then(shift);
            let latest = max_days.and_then(shift);
            if earliest.is_some_and(|e| value < e) || latest.is_some_and(|l| value > l) {
                return Err(AnswerError::DateOutOfRange {
                    key: key.to_string(),
                    date: value,
                    earliest,
                    latest,
                });
            }
            Answer::Date { value }
        }
        (Input::Moment, Answer::Moment { value }) => {
            // A moment of the visit (arrival, resolution) lies on the job's day; one day of
            // slack either side covers a visit past midnight and a device clock a bit off.
            let day = crate::sla::local_date(value);
            let earliest = job_day.pred_opt().unwrap_or(job_day);
            let latest = job_day.succ_opt().unwrap_or(job_day);
            if day < earliest || day > latest {
                return Err(AnswerError::DateOutOfRange {
                    key: key.to_string(),
                    date: day,
                    earliest: Some(earliest),
                    latest: Some(latest),
                });
            }
            Answer::Moment { value }
        }
        (Input::Parts, Answer::Parts { parts }) => {
            if parts.len() > MAX_PARTS {
                return Err(AnswerError::TooLong {
                    key: key.to_string(),
                    max: MAX_PARTS,
                });
            }
            let mut out = Vec::with_capacity(parts.len());
            for p in parts {
                let bad = |nl: &str, en: &str| AnswerError::InvalidPart {
                    key: key.to_string(),
                    reason: Localized::new(nl, en),
                };
                let number = p.number.trim().to_string();
                let description = p.description.trim().to_string();
                if description.is_empty() {
                    return Err(bad(
                        "de omschrijving ontbreekt",
                        "the description is missing",
                    ));
                }
                if p.quantity == 0 || p.quantity > 999 {
                    return Err(bad("het aantal is 1 t/m 999", "the quantity is 1 to 999"));
                }
                text_ok(key, &number, 60)?;
                text_ok(key, &description, 200)?;
                out.push(Part {
                    number,
                    description,
                    quantity: p.quantity,
                    new: p.new,
                });
            }
            Answer::Parts { parts: out }
        }
        (
            Input::SignOff,
            Answer::SignOff {
                name,
                role,
                signature,
                refused,
            },
        ) => {
            let name = name.trim().to_string();
            if name.is_empty() {
                return Err(AnswerError::SignerMissing {
                    key: key.to_string(),
                });
            }
            text_ok(key, &name, 120)?;
            if role == SignerRole::Technician {
                return Err(AnswerError::Invalid {
                    key: key.to_string(),
                    reason: Localized::new(
                        "de inwoner, een vertegenwoordiger of een mantelzorger tekent af, niet de monteur",
                        "the resident, a representative or a caregiver signs off, not the technician",
                    ),
                });
            }
            let refused = refused.map(|r| r.trim().to_string());
            if let Some(r) = &refused {
                if r.is_empty() || signature.is_some() {
                    return Err(AnswerError::Invalid {
                        key: key.to_string(),
                        reason: Localized::new(
                            "een weigering heeft een reden en geen handtekening",
                            "a refusal has a reason and no signature",
                        ),
                    });
                }
                text_ok(key, r, MAX_REFUSAL)?;
            }
            Answer::SignOff {
                name,
                role,
                signature,
                refused,
            }
        }
        (Input::Registration, Answer::Registration { value }) => {
            let value = value.trim().to_uppercase();
            crate::model::validate_registration_number(&value).map_err(|_| {
                AnswerError::Invalid {
                    key: key.to_string(),
                    reason: Localized::new(
                        format!("\"{}\" is geen geldig registratienummer", clip(&value)),
                        format!("\"{}\" is not a valid registration number", clip(&value)),
                    ),
                }
            })?;
            Answer::Registration { value }
        }
        (Input::Category, a @ Answer::Category { .. }) => a,
        _ => return Err(wrong()),
    };
    Ok((stored, warnings))
}
