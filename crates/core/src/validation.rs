//! Typed validation errors of the domain, each with a stable code and a message in Dutch and
//! English, plus the small validators used by the model and the app's commands.

use crate::Localized;
use thiserror::Error;

/// What can be wrong with input to the domain. The `code()` is stable and crosses to the UI.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ValidationError {
    #[error("invalid {kind} identifier")]
    InvalidId { kind: &'static str },
    #[error("unknown category {code:?}")]
    UnknownCategory { code: String },
    #[error("time window of {minutes} minutes is longer than 2 hours")]
    WindowTooLong { minutes: i64 },
    #[error("time window ends before it starts")]
    WindowEndsBeforeStart,
    #[error("invalid postcode {input:?}")]
    InvalidPostcode { input: String },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{field} is empty")]
    Empty { field: &'static str },
    #[error("more than 3 fixed contact persons at the supplier ({count})")]
    TooManyContactPersons { count: usize },
    #[error("invalid date {input:?} for {field}")]
    InvalidDate { field: &'static str, input: String },
    #[error("invalid registration number {input:?}")]
    InvalidRegistrationNumber { input: String },
    #[error("invalid calendar: {reason}")]
    InvalidCalendar { reason: String },
    #[error("the device is not with this resident")]
    NotResidentsDevice,
    #[error("the proposed appointment does not lie in the future")]
    ProposalInPast,
    /// Any other input a rule refuses, with why in words.
    #[error("invalid {field}: {}", reason.en)]
    Invalid {
        field: &'static str,
        reason: Localized,
    },
}

impl ValidationError {
    /// Stable machine-readable code.
    pub fn code(&self) -> crate::ErrorCode {
        use ValidationError::*;
        match self {
            InvalidId { .. } => crate::ErrorCode::InvalidId,
            UnknownCategory { .. } => crate::ErrorCode::UnknownCategory,
            WindowTooLong { .. } => crate::ErrorCode::WindowTooLong,
            WindowEndsBeforeStart => crate::ErrorCode::WindowEndsBeforeStart,
            InvalidPostcode { .. } => crate::ErrorCode::InvalidPostcode,
            TooLong { .. } => crate::ErrorCode::TooLong,
            Empty { .. } => crate::ErrorCode::Empty,
            TooManyContactPersons { .. } => crate::ErrorCode::TooManyContactPersons,
            InvalidDate { .. } => crate::ErrorCode::InvalidDate,
            InvalidRegistrationNumber { .. } => crate::ErrorCode::InvalidRegistrationNumber,
            InvalidCalendar { .. } => crate::ErrorCode::InvalidCalendar,
            NotResidentsDevice => crate::ErrorCode::NotResidentsDevice,
            ProposalInPast => crate::ErrorCode::ProposalInPast,
            Invalid { .. } => crate::ErrorCode::InvalidInput,
        }
    }

    /// The message for the user, in Dutch and English.
    pub fn message(&self) -> Localized {
        use ValidationError::*;
        match self {
            InvalidId { .. } => Localized::new(
                "Deze verwijzing is ongeldig. Open het item opnieuw vanuit de lijst.",
                "This reference is not valid. Open the item again from the list.",
            ),
            UnknownCategory { code } => Localized::new(
                format!("Categorie \"{code}\" bestaat niet. Kies 1 t/m 18 (5a/5b, 8a/8b)."),
                format!("Category \"{code}\" does not exist. Choose 1 to 18 (5a/5b, 8a/8b)."),
            ),
            WindowTooLong { minutes } => Localized::new(
                format!(
                    "Het tijdvak is {minutes} minuten; een afspraak mag hoogstens 2 uur beslaan."
                ),
                format!("The time window is {minutes} minutes; an appointment may span at most 2 hours."),
            ),
            WindowEndsBeforeStart => Localized::new(
                "Het tijdvak eindigt voordat het begint.",
                "The time window ends before it starts.",
            ),
            InvalidPostcode { input } => Localized::new(
                format!("\"{input}\" is geen geldige postcode (bijvoorbeeld 7311 LG)."),
                format!("\"{input}\" is not a valid Dutch postcode (for example 7311 LG)."),
            ),
            TooLong { field, max } => {
                let (nl, en) = field_words(field);
                Localized::new(
                    format!("{} is te lang (hoogstens {max} tekens).", capital(nl)),
                    format!("{} is too long (at most {max} characters).", capital(en)),
                )
            }
            Empty { field } => {
                let (nl, en) = field_words(field);
                Localized::new(
                    format!("{} mag niet leeg zijn.", capital(nl)),
                    format!("{} must not be empty.", capital(en)),
                )
            }
            TooManyContactPersons { count } => Localized::new(
                format!(
                    "Een inwoner heeft hoogstens 3 vaste contactpersonen bij de leverancier, niet {count}."
                ),
                format!(
                    "A resident has at most 3 fixed contact persons at the supplier, not {count}."
                ),
            ),
            InvalidDate { input, .. } => Localized::new(
                format!("\"{input}\" is geen geldige datum (jjjj-mm-dd)."),
                format!("\"{input}\" is not a valid date (yyyy-mm-dd)."),
            ),
            InvalidRegistrationNumber { input } => Localized::new(
                format!("\"{input}\" is geen geldig registratienummer."),
                format!("\"{input}\" is not a valid registration number."),
            ),
            InvalidCalendar { reason } => Localized::new(
                format!("De werkdagenkalender is ongeldig: {reason}"),
                format!("The working-day calendar is invalid: {reason}"),
            ),
            NotResidentsDevice => Localized::new(
                "Dit hulpmiddel staat niet bij deze inwoner. Kies een hulpmiddel van de inwoner.",
                "This device is not with this resident. Choose one of the resident's devices.",
            ),
            ProposalInPast => Localized::new(
                "De voorgestelde nieuwe afspraak ligt niet in de toekomst. Kies een later moment (of laat het voorstel leeg).",
                "The proposed new appointment does not lie in the future. Choose a later time (or leave the proposal empty).",
            ),
            Invalid { reason, .. } => Localized::new(
                format!("{}.", capital(&reason.nl)),
                format!("{}.", capital(&reason.en)),
            ),
        }
    }
}

/// The words for a field in messages (Dutch, English), never the name in the code.
fn field_words(field: &str) -> (&'static str, &'static str) {
    match field {
        "answer" | "text" => ("het antwoord", "the answer"),
        "author" | "technician" => ("de naam van de monteur", "the technician's name"),
        "brand" => ("het merk", "the brand"),
        "city" => ("de plaats", "the town"),
        "correction" => ("de correctie", "the correction"),
        "description" => ("de omschrijving", "the description"),
        "details" => ("de toelichting in het logboek", "the logbook details"),
        "email" => ("het e-mailadres", "the email address"),
        "first_name" => ("de voornaam", "the first name"),
        "house_number" => ("het huisnummer", "the house number"),
        "initials" => ("de voorletters", "the initials"),
        "insurance_plate" => ("het verzekeringsplaatje", "the insurance plate"),
        "model" => ("het type", "the model"),
        "motivation" => ("de motivatie", "the motivation"),
        "name" => ("de naam", "the name"),
        "name_prefix" => ("het tussenvoegsel", "the name prefix"),
        "note" => ("de toelichting", "the note"),
        "particulars" => ("de bijzonderheden", "the particulars"),
        "phone" => ("het telefoonnummer", "the phone number"),
        "query" => ("de zoekopdracht", "the search"),
        "relation" => ("de relatie", "the relation"),
        "resident_number" => ("het inwonernummer", "the resident number"),
        "serial_number" => ("het serienummer", "the serial number"),
        "sling_number" => ("het tilbandnummer", "the sling number"),
        "street" => ("de straat", "the street"),
        "summary" => ("de samenvatting", "the summary"),
        "surname" => ("de achternaam", "the surname"),
        "key" | "step" | "instance" | "template_id" | "id" | "screen" => {
            ("een verwijzing van het scherm", "a reference of the screen")
        }
        _ => ("deze tekst", "this text"),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A value refused for a reason said in both languages.
pub(crate) fn invalid(field: &'static str, nl: &str, en: &str) -> ValidationError {
    ValidationError::Invalid {
        field,
        reason: Localized::new(nl, en),
    }
}

/// Refuses text longer than `max` characters (not bytes).
pub fn bounded(field: &'static str, value: &str, max: usize) -> Result<(), ValidationError> {
    if value.chars().count() > max {
        Err(ValidationError::TooLong { field, max })
    } else {
        Ok(())
    }
}

/// Refuses empty or blank text and text longer than `max` characters.
pub fn required(field: &'static str, value: &str, max: usize) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::Empty { field });
    }
    bounded(field, value, max)
}

/// Parses an ISO date (yyyy-mm-dd).
pub fn parse_date(field: &'static str, input: &str) -> Result<chrono::NaiveDate, ValidationError> {
    chrono::NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| {
        ValidationError::InvalidDate {
            field,
            input: input.chars().take(32).collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_code_and_both_languages() {
        let all = [
            ValidationError::InvalidId { kind: "DeviceId" },
            ValidationError::UnknownCategory { code: "19".into() },
            ValidationError::WindowTooLong { minutes: 150 },
            ValidationError::WindowEndsBeforeStart,
            ValidationError::InvalidPostcode { input: "x".into() },
            ValidationError::TooLong { field: "f", max: 3 },
            ValidationError::Empty { field: "f" },
            ValidationError::TooManyContactPersons { count: 4 },
            ValidationError::InvalidDate {
                field: "date",
                input: "x".into(),
            },
            ValidationError::InvalidRegistrationNumber { input: "x".into() },
            ValidationError::InvalidCalendar { reason: "x".into() },
            ValidationError::NotResidentsDevice,
            ValidationError::ProposalInPast,
        ];
        let mut codes = std::collections::HashSet::new();
        for e in all {
            assert!(codes.insert(e.code()));
            let m = e.message();
            assert!(!m.nl.is_empty() && !m.en.is_empty());
            assert_ne!(m.nl, m.en);
        }
    }

    /// The Dutch message names the field in Dutch, never by its name in the code.
    #[test]
    fn messages_name_fields_in_words() {
        let m = ValidationError::TooLong {
            field: "note",
            max: 2000,
        }
        .message();
        assert_eq!(m.nl, "De toelichting is te lang (hoogstens 2000 tekens).");
        assert_eq!(m.en, "The note is too long (at most 2000 characters).");
        let m = ValidationError::Empty {
            field: "description",
        }
        .message();
        assert_eq!(m.nl, "De omschrijving mag niet leeg zijn.");
        for field in [
            "summary",
            "query",
            "answer",
            "author",
            "correction",
            "motivation",
        ] {
            let m = ValidationError::Empty { field }.message();
            assert!(!m.nl.contains(field), "{field}: {}", m.nl);
            assert!(!m.nl.starts_with("Deze tekst"), "{field} has no words");
        }
    }

    #[test]
    fn bounded_counts_characters() {
        assert!(bounded("f", "ïïï", 3).is_ok());
        assert!(bounded("f", "ïïïï", 3).is_err());
        assert!(required("f", "  ", 3).is_err());
        assert!(parse_date("d", "2026-02-30").is_err());
        assert!(parse_date("d", "2026-02-28").is_ok());
    }
}
