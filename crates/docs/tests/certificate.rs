//! The hoist inspection certificate, read back as a reader would (poppler-utils).

mod reader;

use reader::{squash, Pdf};
use veldwerk_docs::model::{
    CheckItem, CheckStep, InspectionOutcome, ItemResult, Lang, SignerRole, SlingOutcome,
    SlingResult,
};
use veldwerk_docs::{render_hoist_certificate, sample};

#[test]
fn dutch_certificate_reads_back() {
    let out = render_hoist_certificate(&sample::certificate_data(), Lang::Nl).expect("render");
    let pdf = Pdf::new(&out.bytes);
    let pages = pdf.render();
    assert_eq!(pages.len(), out.layout.pages);
    assert!(!pages.is_empty());
    let text = pdf.text();
    for needle in [
        "Keuringsrapport tillift",
        "KT-2025-000318",
        "VW-16-000932",
        "BEX-19-40021",
        "180 kg",
        "Anke Ruïzendaal",
        "’s-Heerenberg",
        "NEN-EN-ISO 10535",
        "periodieke keuring",
        "GOEDGEKEURD MET OPMERKINGEN",
        "Remblok achter links vervangen",
        "1 april 2025",
        "14 maart 2026",
        "TB-000877",
        "TB-000878",
        "Stiksel bij de beenlus los",
        "Sanne Oude Veldhuis",
        "STG-04471",
        "212,5 MΩ",
        "IT-55102",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    // Text in narrow table cells wraps: compare without white space.
    let flat = squash(&text);
    assert!(flat.contains(&squash("afgekeurd, uit gebruik")));
    // Every item is listed with its result.
    for item in sample::certificate_data()
        .steps
        .iter()
        .flat_map(|s| &s.items)
    {
        assert!(text.contains(&item.label.nl), "{} missing", item.label.nl);
    }
    assert_eq!(pdf.images().len(), 1, "the inspector's signature");
    assert!(pdf.fonts().iter().all(|(_, emb, sub)| *emb && *sub));
}

#[test]
fn english_certificate_has_english_headings() {
    let out = render_hoist_certificate(&sample::certificate_data(), Lang::En).expect("render");
    let pdf = Pdf::new(&out.bytes);
    assert_eq!(pdf.render().len(), out.layout.pages);
    let text = pdf.text();
    for needle in [
        "Hoist inspection certificate",
        "Items inspected",
        "Defects and remedies",
        "Slings",
        "APPROVED WITH REMARKS",
        "Next inspection due by 14 March 2026",
        "212.5 MΩ",
        "page 1 of",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
}

#[test]
fn certificate_is_deterministic() {
    let data = sample::certificate_data();
    let a = render_hoist_certificate(&data, Lang::Nl).expect("render");
    let b = render_hoist_certificate(&data, Lang::Nl).expect("render");
    assert_eq!(a.bytes, b.bytes);
    let en = render_hoist_certificate(&data, Lang::En).expect("render");
    assert_ne!(a.sha256, en.sha256);
    let mut other = data.clone();
    other.swl_kg = 175;
    assert_ne!(
        a.sha256,
        render_hoist_certificate(&other, Lang::Nl)
            .expect("render")
            .sha256
    );
}

#[test]
fn outcome_must_match_the_results() {
    let mut data = sample::certificate_data();
    data.outcome = InspectionOutcome::Approved;
    let err = render_hoist_certificate(&data, Lang::Nl).expect_err("defect but approved");
    assert_eq!(err.code(), "doc_inconsistent");

    let mut data = sample::certificate_data();
    data.steps[0].items[0].result = ItemResult::OutOfUse {
        remedy: "Poot gescheurd; tillift vervangen".into(),
    };
    let err = render_hoist_certificate(&data, Lang::Nl).expect_err("out of use but approved");
    assert_eq!(err.code(), "doc_inconsistent");
    data.outcome = InspectionOutcome::OutOfUse;
    let out = render_hoist_certificate(&data, Lang::Nl).expect("render");
    let text = Pdf::new(&out.bytes).text();
    assert!(text.contains("AFGEKEURD – BUITEN GEBRUIK"));
    assert!(squash(&text).contains(&squash("buiten gebruik tot herstel")));

    let mut data = sample::certificate_data();
    data.next_due_on = data.inspected_on;
    assert_eq!(
        render_hoist_certificate(&data, Lang::Nl)
            .expect_err("due")
            .code(),
        "doc_inconsistent"
    );

    let mut data = sample::certificate_data();
    if let Some(s) = data.signature.as_mut() {
        s.role = SignerRole::Resident;
    }
    assert_eq!(
        render_hoist_certificate(&data, Lang::Nl)
            .expect_err("signer")
            .code(),
        "doc_inconsistent"
    );
}

#[test]
fn many_items_and_slings_break_cleanly() {
    let mut data = sample::certificate_data();
    data.steps = (0..6)
        .map(|s| CheckStep {
            title: sample::label(&format!("Onderdeelgroep {s}"), &format!("Group {s}")),
            items: (0..15)
                .map(|i| CheckItem {
                    label: sample::label(
                        &format!("Keurpunt {s}.{i} met een wat langere omschrijving"),
                        "Item",
                    ),
                    result: ItemResult::Ok,
                    note: Some("Gecontroleerd volgens protocol, geen bijzonderheden".into()),
                })
                .collect(),
        })
        .collect();
    data.outcome = InspectionOutcome::Approved;
    data.slings = (0..30)
        .map(|i| SlingResult {
            number: format!("TB-{i:06}"),
            manufacturer: "Invacare".into(),
            model: "Comfort".into(),
            size: "M".into(),
            swl_kg: 200,
            outcome: if i % 7 == 0 {
                SlingOutcome::Withdrawn
            } else {
                SlingOutcome::Approved
            },
            note: None,
        })
        .collect();
    let out = render_hoist_certificate(&data, Lang::Nl).expect("render");
    assert!(out.layout.pages >= 4, "{:?}", out.layout);
    assert!(out.layout.widest_right <= veldwerk_docs::layout::RIGHT + 0.01);
    let pdf = Pdf::new(&out.bytes);
    let pages = pdf.render();
    assert_eq!(pages.len(), out.layout.pages);
    for (n, page) in pages.iter().enumerate() {
        reader::assert_margins_blank(page, n + 1);
    }
    let text = pdf.text();
    for i in 0..30 {
        assert!(text.contains(&format!("TB-{i:06}")), "sling {i} missing");
    }
    for n in 1..=out.layout.pages {
        // The table header is repeated on every page a table continues on.
        let page = pdf.page_text(n);
        assert!(page.contains(&format!("pagina {n} van {}", out.layout.pages)));
    }
}
