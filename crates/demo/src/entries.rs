//! The logbook entries the demo writes, in words: a Dutch and an English headline, and the
//! details in the format of `veldwerk_core::logbook::details` (lines in both languages, with
//! dates, money, units and codes in words; the same facts by code for the portal).
//!
//! A fact the one dictionary (`veldwerk_core::logbook::from_keys`) words well is given by
//! code ([`Words::fact`]); a fact whose value is demo text (a fault, a part, an adjustment)
//! is given with its own words in both languages ([`Words::fact_said`]).

use crate::catalog::{Fault, Part};
use serde_json::{json, Map, Value};
use veldwerk_core::logbook::from_keys::{self, NoForm};
use veldwerk_core::logbook::Details;
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Localized;

/// An entry's headline in both languages.
pub(crate) fn headline(nl: impl Into<String>, en: impl Into<String>) -> Localized {
    Localized::new(nl, en)
}

/// The details of an entry being written.
#[derive(Default)]
pub(crate) struct Words(Details);

impl Words {
    pub(crate) fn new() -> Words {
        Words::default()
    }

    /// A fact by code, worded by the one dictionary of data keys.
    pub(crate) fn fact(mut self, key: &str, value: Value) -> Words {
        if value.is_null() {
            return self;
        }
        let mut one = Map::new();
        one.insert(key.to_string(), value.clone());
        for line in from_keys::lines(&one, &NoForm) {
            self.0.line(line.label, line.value);
        }
        self.0.data(key, value);
        self
    }

    /// A fact by code, read with its own words.
    pub(crate) fn fact_said(
        mut self,
        key: &str,
        value: Value,
        label: (&str, &str),
        words: Localized,
    ) -> Words {
        self.0.data(key, value);
        self.0.say(label.0, label.1, words);
        self
    }

    /// Who signed the work off.
    pub(crate) fn sign_off(self, by: Option<&SignOff>) -> Words {
        match by {
            Some(s) => self.fact("signoff", json!({"name": s.name, "role": s.role})),
            None => self,
        }
    }

    /// The parts replaced: a line each, and the list by number for the portal.
    pub(crate) fn parts(mut self, used: &[Used]) -> Words {
        if used.is_empty() {
            return self;
        }
        let data: Vec<Value> = used
            .iter()
            .map(
                |u| json!({"number": u.part.0, "description": u.part.1, "qty": u.qty, "new": true}),
            )
            .collect();
        self.0.data("parts", Value::Array(data));
        for u in used {
            let (number, nl, en) = u.part;
            self.0.say(
                "Onderdeel vervangen",
                "Part replaced",
                Localized::new(
                    format!("{nl} ({number}), {}×, nieuw", u.qty),
                    format!("{en} ({number}), {}×, new", u.qty),
                ),
            );
        }
        self
    }

    /// The details with the English headline, ready to be stored.
    pub(crate) fn finish(mut self, summary_en: &str) -> Details {
        self.0.summary_en(summary_en);
        self.0
    }
}

/// Who signed off, and in which role (a code the dictionary words).
#[derive(Clone)]
pub(crate) struct SignOff {
    pub name: String,
    pub role: &'static str,
}

/// A part used, with the quantity.
#[derive(Clone, Copy)]
pub(crate) struct Used {
    pub part: &'static Part,
    pub qty: u8,
}

/// "Motorcontroller, accuset ..." / "Motor controller, battery set ...": the parts named
/// in a headline.
pub(crate) fn part_names(used: &[Used]) -> Localized {
    let join = |f: fn(&Part) -> &str| {
        used.iter()
            .map(|u| lower_first(f(u.part)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Localized::new(join(|p| p.1), join(|p| p.2))
}

/// The first letter in lower case, unless the word is an abbreviation ("LED headlight").
pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.next()) {
        (Some(a), Some(b)) if b.is_lowercase() => {
            a.to_lowercase().collect::<String>() + &s[a.len_utf8()..]
        }
        _ => s.to_string(),
    }
}

/// The first words of a fault, before its first comma ("Rem links pakt niet meer").
pub(crate) fn fault_head(f: &Fault) -> Localized {
    let head = |s: &'static str| lower_first(s.split(',').next().unwrap_or(s));
    Localized::new(head(f.text), head(f.text_en))
}

pub(crate) fn class_letter(c: ResponseClass) -> &'static str {
    match c {
        ResponseClass::A => "A",
        ResponseClass::B => "B",
        ResponseClass::C => "C",
    }
}

/// Who reported a malfunction: (code, Dutch, English).
pub(crate) const REPORTERS: &[(&str, &str, &str)] = &[
    ("resident", "inwoner", "resident"),
    ("caregiver", "mantelzorger", "caregiver"),
    ("district_nurse", "wijkverpleging", "district nurse"),
];

/// How a malfunction was reported: codes the dictionary words.
pub(crate) const CHANNELS: &[&str] = &["phone", "phone", "portal"];

/// A malfunction reported through the portal: its headline and details.
pub(crate) fn malfunction_reported(
    class: ResponseClass,
    fault: &Fault,
    drive_related: bool,
    reported: Option<(&(&str, &str, &str), &str)>,
) -> (Localized, Words) {
    let letter = class_letter(class);
    let summary = headline(
        format!("Storing gemeld (klasse {letter}): {}", fault.text),
        format!("Malfunction reported (class {letter}): {}", fault.text_en),
    );
    let mut w = Words::new()
        .fact("class", json!(letter))
        .fact_said(
            "description",
            json!(fault.text),
            ("Omschrijving", "Description"),
            Localized::new(fault.text, fault.text_en),
        )
        .fact("drive_related", json!(drive_related));
    if let Some(((code, nl, en), channel)) = reported {
        w = w
            .fact_said(
                "reported_by",
                json!(code),
                ("Gemeld door", "Reported by"),
                Localized::new(*nl, *en),
            )
            .fact("channel", json!(channel));
    }
    (summary, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use veldwerk_core::logbook::details::unreadable;

    #[test]
    fn facts_read_as_words_in_both_languages() {
        let part: &'static Part = &("MC-2001", "Motorcontroller", "Motor controller");
        let d = Words::new()
            .fact("next_due", json!("2027-10-26"))
            .fact("catalogue_value_cents", json!(1_791_500))
            .fact("checklist", json!("electric_drive"))
            .fact("result", json!("ok"))
            .sign_off(Some(&SignOff {
                name: "M. Smits".into(),
                role: "resident",
            }))
            .parts(&[Used { part, qty: 1 }])
            .finish("Preventive maintenance carried out");
        let text: Vec<String> = d
            .lines()
            .iter()
            .flat_map(|l| [&l.label.nl, &l.label.en, &l.value.nl, &l.value.en])
            .map(|s| s.to_string())
            .collect();
        for t in &text {
            assert!(unreadable(t).is_empty(), "{t}");
        }
        assert!(text.contains(&"26 oktober 2027".to_string()));
        assert!(text.contains(&"€ 17.915,00".to_string()));
        assert!(text.contains(&"Elektrische aandrijving".to_string()));
        assert!(text.contains(&"M. Smits (inwoner)".to_string()));
        assert!(text.contains(&"Motor controller (MC-2001), 1×, new".to_string()));
        let json: Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(json["v"], 2);
        assert_eq!(json["en"], "Preventive maintenance carried out");
        assert_eq!(json["data"]["next_due"], "2027-10-26");
        assert_eq!(json["data"]["parts"][0]["number"], "MC-2001");
    }

    #[test]
    fn headline_words_keep_abbreviations() {
        assert_eq!(lower_first("Motorcontroller"), "motorcontroller");
        assert_eq!(lower_first("LED headlight"), "LED headlight");
        assert_eq!(lower_first("V-brake pad set"), "V-brake pad set");
    }
}
