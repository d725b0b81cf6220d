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

/// Folds text for accent- and case-insensitive comparison: "Ruïzendaal" -> "ruizendaal",
/// "Yılmaz" -> "yilmaz", "Ørsted" -> "orsted", "Straße" -> "strasse". Letters are decomposed
/// (Unicode NFKD, by the well-kept `unicode-normalization` crate) and their marks dropped;
/// the Latin letters that have no decomposition (ı, ł, ø, æ, ß, œ, đ, ð, þ, ħ, ŀ, ĸ, ŋ) are
/// written with the letters people type for them.
pub fn fold(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let plain: &str = match c {
            'ı' | 'İ' => "i",
            'ł' | 'Ł' => "l",
            'ø' | 'Ø' => "o",
            'æ' | 'Æ' => "ae",
            'ß' | 'ẞ' => "ss",
            'œ' | 'Œ' => "oe",
            'đ' | 'Đ' | 'ð' | 'Ð' => "d",
            'þ' | 'Þ' => "th",
            'ħ' | 'Ħ' => "h",
            'ŀ' | 'Ŀ' => "l",
            'ĸ' => "k",
            'ŋ' | 'Ŋ' => "n",
            _ => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("Ruïzendaal"), "ruizendaal");
        assert_eq!(fold("Ĳssel Café"), "ijssel cafe");
        assert_eq!(fold("Gijs Yılmaz"), "gijs yilmaz");
        assert_eq!(fold("Łukasz Ørsted-Æbeltoft"), "lukasz orsted-aebeltoft");
        assert_eq!(
            fold("Straße Œuvre Đorđević Þór"),
            "strasse oeuvre dordevic thor"
        );
        assert_ne!(fold("Ruïzendaal"), "ruizendal");
    }
}
