//! A message's subject and body from its template (`assets/messages/<reason>.<recipient>.
//! <lang>.txt`: a first line "Onderwerp: ..." or "Subject: ...", a blank line, the body) with
//! the facts filled in (`{name}` placeholders). A placeholder without a fact is an error, so
//! no message goes out with a hole in it.

use super::{Language, MessageReason, Recipient};
use std::collections::BTreeMap;

/// Which template: why, to whom, in which language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TemplateKey {
    pub reason: MessageReason,
    pub recipient: Recipient,
    pub language: Language,
}

macro_rules! templates {
    ($($reason:ident $recipient:ident $lang:ident => $file:literal,)*) => {
        const TEMPLATES: &[(MessageReason, Recipient, Language, &str)] = &[
            $((
                MessageReason::$reason,
                Recipient::$recipient,
                Language::$lang,
                include_str!(concat!("../../../../assets/messages/", $file)),
            ),)*
        ];
    };
}

templates! {
    DeadlineMissed Resident Nl => "deadline_missed.resident.nl.txt",
    DeadlineMissed Resident En => "deadline_missed.resident.en.txt",
    DeadlineMissed Municipality Nl => "deadline_missed.municipality.nl.txt",
    DeadlineMissed Municipality En => "deadline_missed.municipality.en.txt",
    AppointmentMoved Resident Nl => "appointment_moved.resident.nl.txt",
    AppointmentMoved Resident En => "appointment_moved.resident.en.txt",
    AppointmentConfirmed Resident Nl => "appointment_confirmed.resident.nl.txt",
    AppointmentConfirmed Resident En => "appointment_confirmed.resident.en.txt",
    ComplaintReceived Resident Nl => "complaint_received.resident.nl.txt",
    ComplaintReceived Resident En => "complaint_received.resident.en.txt",
    ComplaintProgress Resident Nl => "complaint_progress.resident.nl.txt",
    ComplaintProgress Resident En => "complaint_progress.resident.en.txt",
    ComplaintOutcome Resident Nl => "complaint_outcome.resident.nl.txt",
    ComplaintOutcome Resident En => "complaint_outcome.resident.en.txt",
}

/// The facts a template may name, by placeholder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageFacts(pub BTreeMap<&'static str, String>);

impl MessageFacts {
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.0.insert(name, value.into());
        self
    }
}

/// A composed message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub body: String,
}

/// The template for `key`, if there is one.
pub fn template(key: TemplateKey) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(r, to, l, _)| *r == key.reason && *to == key.recipient && *l == key.language)
        .map(|(_, _, _, t)| *t)
}

/// Fills `{name}` placeholders; an unknown one is named in the error.
fn fill(text: &str, facts: &MessageFacts) -> Result<String, String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| "an unclosed {".to_string())?;
        let name = &after[..close];
        let value = facts
            .0
            .get(name)
            .ok_or_else(|| format!("no fact for {{{name}}}"))?;
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The text with its first letter a capital (a subject may start with a fact).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The message for `key` with `facts` filled in.
pub fn compose(key: TemplateKey, facts: &MessageFacts) -> Result<Composed, String> {
    let t = template(key).ok_or_else(|| format!("no template for {key:?}"))?;
    let t = t.replace("\r\n", "\n");
    let (first, body) = t
        .split_once("\n\n")
        .ok_or_else(|| "a template starts with its subject line and a blank line".to_string())?;
    let subject = first
        .strip_prefix("Onderwerp:")
        .or_else(|| first.strip_prefix("Subject:"))
        .ok_or_else(|| "a template's first line is its subject".to_string())?;
    Ok(Composed {
        subject: capitalised(&fill(subject.trim(), facts)?),
        body: fill(body.trim_end(), facts)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> MessageFacts {
        MessageFacts::default()
            .with("resident", "Anke Ruïzendaal")
            .with("device", "Invacare Action 3 (WMO-0001-000001)")
            .with("due", "maandag 7 december 2026")
            .with("new_date", "woensdag 9 december 2026")
            .with("reason", "het onderdeel is niet op tijd geleverd")
            .with("replacement", "Vandaag")
            .with("supplier", "Hulpmiddelen Oost B.V.")
            .with("phone", "0800-123 45 67")
            .with("kind", "reparatie")
            .with("date", "dinsdag 8 december 2026")
            .with("window", "10:30–12:30")
            .with("new_window", "08:00–10:00")
            .with("what", "reparatie van uw rolstoel")
            .with("work", "reparatie van de rolstoel")
            .with("client", "C-0001")
            .with("received", "vrijdag 27 februari 2026")
            .with("process", "de bereikbaarheid")
            .with("progress", "Wij bellen u deze week nog.")
            .with("outcome", "Wij hebben de telefoondienst uitgebreid.")
            .with(
                "arrangement",
                "Vandaag nog brengen wij een vervangend hulpmiddel.",
            )
    }

    #[test]
    fn every_template_composes_with_its_facts_and_leaves_no_placeholder() {
        let mut n = 0;
        for (reason, recipient, language, _) in TEMPLATES {
            let key = TemplateKey {
                reason: *reason,
                recipient: *recipient,
                language: *language,
            };
            let c = compose(key, &facts()).unwrap_or_else(|e| panic!("{key:?}: {e}"));
            assert!(!c.subject.is_empty() && !c.body.is_empty(), "{key:?}");
            assert!(!c.subject.contains('{') && !c.body.contains('{'), "{key:?}");
            assert!(c.subject.chars().count() <= super::super::MAX_SUBJECT);
            assert!(c.body.chars().count() <= super::super::MAX_BODY);
            n += 1;
        }
        // every reason has a resident template in both languages
        for reason in MessageReason::ALL {
            for language in [Language::Nl, Language::En] {
                assert!(template(TemplateKey {
                    reason,
                    recipient: Recipient::Resident,
                    language
                })
                .is_some());
            }
        }
        assert_eq!(n, TEMPLATES.len());
    }

    #[test]
    fn a_missing_fact_is_an_error_not_a_hole() {
        let key = TemplateKey {
            reason: MessageReason::DeadlineMissed,
            recipient: Recipient::Resident,
            language: Language::Nl,
        };
        let e = compose(key, &MessageFacts::default()).unwrap_err();
        assert!(e.contains("no fact for"), "{e}");
        let c = compose(key, &facts()).unwrap();
        assert!(c.body.contains("woensdag 9 december 2026"));
        assert!(c.body.contains("Anke Ruïzendaal"));
    }
}
