//! The agreement templates: both languages parse, stay in step, and bad templates are refused.

use veldwerk_docs::model::{Lang, Ownership, Representative};
use veldwerk_docs::{agreement_text, sample, AgreementTemplate, TextBlock};

#[test]
fn built_in_templates_parse_and_match_between_languages() {
    let nl = AgreementTemplate::current(Lang::Nl).expect("nl");
    let en = AgreementTemplate::current(Lang::En).expect("en");
    assert_eq!((nl.id.as_str(), nl.version), ("user-agreement", 1));
    assert_eq!((en.id.as_str(), en.version), (nl.id.as_str(), nl.version));
    assert_eq!(
        nl.lines.len(),
        en.lines.len(),
        "the languages have different structures"
    );
    for (a, b) in nl.lines.iter().zip(&en.lines) {
        assert_eq!(a.conditions, b.conditions, "{a:?} vs {b:?}");
        assert_eq!(
            std::mem::discriminant(&a.kind),
            std::mem::discriminant(&b.kind),
            "{a:?} vs {b:?}"
        );
    }
    assert_eq!(
        AgreementTemplate::builtin("user-agreement", 1, Lang::En).expect("v1"),
        en
    );
    assert_eq!(
        AgreementTemplate::builtin("user-agreement", 9, Lang::Nl)
            .expect_err("v9")
            .code(),
        "doc_template"
    );
}

#[test]
fn conditions_follow_the_data() {
    let t = AgreementTemplate::current(Lang::En).expect("en");
    let plain =
        |d: &veldwerk_docs::model::AgreementData| agreement_text(&t, d).expect("text").plain_text();
    let loan = plain(&sample::agreement_data());
    assert!(loan.contains("on loan") && !loan.contains("becomes your property"));
    assert!(loan.contains("\n\nInsurance\n\n"));

    let mut d = sample::agreement_data();
    d.ownership = Ownership::Owned;
    d.electric = false;
    let owned = plain(&d);
    assert!(owned.contains("becomes your property") && !owned.contains("on loan"));
    assert!(!owned.contains("\n\nInsurance\n\n") && !owned.contains("Charge the battery"));

    let mut d = sample::agreement_data();
    d.representative = Some(Representative {
        name: "Petra de Wit".into(),
        capacity: veldwerk_core::Localized::new("mentor", "mentor"),
    });
    let text = agreement_text(&t, &d).expect("text");
    assert!(text
        .plain_text()
        .contains("Petra de Wit signs this agreement on your behalf, as mentor."));
    assert!(text.blocks.iter().any(
        |b| matches!(b, TextBlock::Fields(rows) if rows.iter().any(|(l, _)| l == "Representative"))
    ));
}

#[test]
fn broken_templates_are_refused() {
    let head = "id: x\nversion: 2\nlang: nl\ntitle: T\n---\n";
    let ok =
        AgreementTemplate::parse(&format!("{head}Hallo {{{{resident.name}}}}.\n")).expect("ok");
    assert_eq!(ok.version, 2);
    for body in [
        "Hallo {{resident.naam}}.",
        "Hallo {{resident.name.",
        "?unknown Tekst.",
        "[[unknown]]",
    ] {
        let err = AgreementTemplate::parse(&format!("{head}{body}\n")).expect_err(body);
        assert_eq!(err.code(), "doc_template", "{body}");
    }
    assert!(AgreementTemplate::parse("id: x\n").is_err(), "no separator");
    assert!(AgreementTemplate::parse("id: x\nversion: 1\nlang: de\ntitle: T\n---\nA\n").is_err());
    // A representative placeholder outside the ?representative condition fails when there is none.
    let t = AgreementTemplate::parse(&format!("{head}Namens u: {{{{representative.name}}}}.\n"))
        .expect("parse");
    assert_eq!(
        agreement_text(&t, &sample::agreement_data())
            .expect_err("no value")
            .code(),
        "doc_template"
    );
}

#[test]
fn plain_text_is_what_is_hashed() {
    let t = AgreementTemplate::current(Lang::Nl).expect("nl");
    let text = agreement_text(&t, &sample::agreement_data()).expect("text");
    let plain = text.plain_text();
    assert!(plain.starts_with("Gebruikersovereenkomst hulpmiddel\n\n"));
    assert!(plain.contains("\n• Het hulpmiddel is alleen voor u."));
    assert!(plain.contains("Registratienummer: VW-8A-004711"));
    let digest = sha2_hex(plain.as_bytes());
    assert_eq!(text.sha256(), digest);
}

fn sha2_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
