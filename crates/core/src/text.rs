//! Text shown to users comes in Dutch (first) and English.

use serde::{Deserialize, Serialize};

/// A message in both of the app's languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Localized {
    pub nl: String,
    pub en: String,
}

impl Localized {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            nl: nl.into(),
            en: en.into(),
        }
    }
}

/// Folds text for accent- and case-insensitive comparison: "Ruïzendaal" -> "ruizendaal".
/// Covers the Latin letters that occur in Dutch names and addresses.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                'a'
            }
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
                'o'
            }
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            other => {
                for l in other.to_lowercase() {
                    out.push(l);
                }
                continue;
            }
        };
        out.push(base);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("Ruïzendaal"), "ruizendaal");
        assert_eq!(fold("Ĳssel Café"), "ĳssel cafe");
        assert_ne!(fold("Ruïzendaal"), "ruizendal");
    }
}
