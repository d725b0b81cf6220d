//! The crate's one error type: a stable machine-readable code and a message in Dutch and
//! English. Bad input is always an error, never a panic.

use serde::{Serialize, Serializer};
use thiserror::Error;
use veldwerk_core::Localized;

/// Why a document could not be produced.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DocError {
    /// A required text field is empty (after trimming).
    #[error("{field} is empty")]
    Empty { field: &'static str },
    /// A text field is longer than the document allows.
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    /// A list has more entries than the document allows.
    #[error("{field} has more than {max} entries")]
    TooMany { field: &'static str, max: usize },
    /// An image (signature or photo) could not be read or is too large.
    #[error("image {which} is not usable: {problem:?}")]
    BadImage {
        which: String,
        problem: ImageProblem,
    },
    /// The agreement template is malformed or does not fit the data.
    #[error("agreement template: {reason}")]
    Template { reason: String },
    /// The data contradicts itself (e.g. an approved hoist with a take-out-of-use defect).
    #[error("inconsistent data: {en}")]
    Inconsistent { nl: &'static str, en: &'static str },
    /// The PDF writer failed (should not happen with valid input).
    #[error("PDF writer: {reason}")]
    Pdf { reason: String },
}

impl DocError {
    /// Stable, machine-readable code: callers and tests match on it, never on the message.
    pub fn code(&self) -> &'static str {
        match self {
            DocError::Empty { .. } => "doc_field_empty",
            DocError::TooLong { .. } => "doc_field_too_long",
            DocError::TooMany { .. } => "doc_too_many",
            DocError::BadImage { .. } => "doc_bad_image",
            DocError::Template { .. } => "doc_template",
            DocError::Inconsistent { .. } => "doc_inconsistent",
            DocError::Pdf { .. } => "doc_pdf_writer",
        }
    }

    /// The message for people, in Dutch and English.
    pub fn message(&self) -> Localized {
        match self {
            DocError::Empty { field } => Localized::new(
                format!("Het veld '{field}' is leeg; het document kan zo niet worden gemaakt."),
                format!("The field '{field}' is empty; the document cannot be made like this."),
            ),
            DocError::TooLong { field, max } => Localized::new(
                format!("Het veld '{field}' is langer dan {max} tekens."),
                format!("The field '{field}' is longer than {max} characters."),
            ),
            DocError::TooMany { field, max } => Localized::new(
                format!("'{field}' heeft meer dan {max} regels; dat past niet in het document."),
                format!("'{field}' has more than {max} entries; that does not fit the document."),
            ),
            DocError::BadImage { which, problem } => {
                let (nl, en) = problem.words();
                Localized::new(
                    format!("De afbeelding '{which}' is niet bruikbaar: {nl}."),
                    format!("The image '{which}' cannot be used: {en}."),
                )
            }
            DocError::Template { reason } => Localized::new(
                format!("De tekst van de overeenkomst klopt niet: {reason}."),
                format!("The agreement text is not valid: {reason}."),
            ),
            DocError::Inconsistent { nl, en } => Localized::new(
                format!("De gegevens spreken elkaar tegen: {nl}."),
                format!("The data contradicts itself: {en}."),
            ),
            DocError::Pdf { reason } => Localized::new(
                format!("Het PDF-bestand kon niet worden geschreven ({reason})."),
                format!("The PDF file could not be written ({reason})."),
            ),
        }
    }
}

/// What is wrong with an image passed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageProblem {
    /// Not a PNG (signatures) or not a JPEG (photos).
    WrongFormat,
    /// The header says it is larger than the document accepts.
    TooLarge,
    /// The bytes do not decode (truncated or corrupt).
    Corrupt,
}

impl ImageProblem {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            ImageProblem::WrongFormat => ("verkeerd bestandsformaat", "wrong file format"),
            ImageProblem::TooLarge => ("te groot", "too large"),
            ImageProblem::Corrupt => ("beschadigd of onvolledig", "damaged or incomplete"),
        }
    }
}

/// Serialized as `{ "code": ..., "message": { "nl": ..., "en": ... } }`, the app's error shape.
impl Serialize for DocError {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("DocError", 2)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.message())?;
        st.end()
    }
}

pub type Result<T> = std::result::Result<T, DocError>;
