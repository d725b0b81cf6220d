use crate::validation::{bounded, required};
use crate::ValidationError;
use serde::{Deserialize, Serialize};

/// A Dutch postcode, kept in its canonical form "1234 AB".
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(try_from = "String", into = "String")]
pub struct Postcode(String);

impl Postcode {
    /// Accepts "7311LG", "7311 lg", " 7311  LG "; refuses anything that is not four digits
    /// (not starting with 0) followed by two letters (not SA, SD or SS, which are not issued).
    pub fn parse(input: &str) -> Result<Postcode, ValidationError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let err = || ValidationError::InvalidPostcode {
            input: input.chars().take(16).collect(),
        };
        let bytes = compact.as_bytes();
        if bytes.len() != 6 {
            return Err(err());
        }
        let digits_ok = bytes[..4].iter().all(u8::is_ascii_digit) && bytes[0] != b'0';
        let letters_ok = bytes[4..].iter().all(u8::is_ascii_alphabetic);
        if !digits_ok || !letters_ok {
            return Err(err());
        }
        let letters = compact[4..].to_ascii_uppercase();
        if matches!(letters.as_str(), "SA" | "SD" | "SS") {
            return Err(err());
        }
        Ok(Postcode(format!("{} {}", &compact[..4], letters)))
    }

    /// "7311 LG"
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "7311lg": the form the search index holds, so "7311LG", "7311 lg" all match.
    pub fn compact_lower(&self) -> String {
        self.0.replace(' ', "").to_ascii_lowercase()
    }
}

impl TryFrom<String> for Postcode {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Postcode::parse(&s)
    }
}

impl From<Postcode> for String {
    fn from(p: Postcode) -> String {
        p.0
    }
}

/// A postal address in the Netherlands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Address {
    pub street: String,
    /// House number with any addition, e.g. "12", "12A", "12-2".
    pub house_number: String,
    pub postcode: Postcode,
    pub city: String,
}

impl Address {
    pub fn validate(&self) -> Result<(), ValidationError> {
        required("street", &self.street, 120)?;
        required("house_number", &self.house_number, 16)?;
        required("city", &self.city, 80)?;
        bounded("street", &self.street, 120)
    }

    /// "Kerkstraat 12"
    pub fn line1(&self) -> String {
        format!("{} {}", self.street, self.house_number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_normalise() {
        assert_eq!(Postcode::parse("7311lg").unwrap().as_str(), "7311 LG");
        assert_eq!(Postcode::parse(" 7311  LG ").unwrap().as_str(), "7311 LG");
        assert_eq!(
            Postcode::parse("7311 LG").unwrap().compact_lower(),
            "7311lg"
        );
    }

    #[test]
    fn bad_postcodes_are_refused() {
        for bad in [
            "0311 LG",
            "731 LG",
            "7311 L",
            "7311 SS",
            "7311 1G",
            "",
            "7311LGX",
            "７３１１LG",
        ] {
            assert!(Postcode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn deserialising_validates() {
        let p: Postcode = serde_json::from_str("\"8051ez\"").unwrap();
        assert_eq!(p.as_str(), "8051 EZ");
        assert!(serde_json::from_str::<Postcode>("\"nope\"").is_err());
    }
}
