//! The user agreement, read back as a reader would (poppler-utils).

mod reader;

use reader::{squash, Pdf};
use veldwerk_docs::model::{Lang, Representative, SignerRole};
use veldwerk_docs::{
    agreement_text, agreement_text_hash, render_agreement, sample, AgreementTemplate, TextBlock,
};

fn render(lang: Lang) -> veldwerk_docs::SignedAgreement {
    let t = AgreementTemplate::current(lang).expect("template");
    render_agreement(
        &t,
        &sample::agreement_data(),
        &sample::agreement_signatures(),
    )
    .expect("render")
}

#[test]
fn dutch_agreement_renders_and_reads_back() {
    let signed = render(Lang::Nl);
    let pdf = Pdf::new(&signed.pdf.bytes);
    let pages = pdf.render();
    assert!(!pages.is_empty());
    assert_eq!(pages.len(), signed.pdf.layout.pages);
    assert!(pages.iter().all(|p| p.has_ink()), "an empty page");
    let text = pdf.text();
    for needle in [
        "Gebruikersovereenkomst hulpmiddel",
        "VW-8A-004711",
        "Anke Ruïzendaal",
        "’s-Heerenberg",
        "Olst-Wijhe",
        "Joris Ten Hoeve-Blom",
        "0800-123 45 67",
        // the supplier's fixed contact persons (PvE 5.2.3a)
        "Femke Oudewater (casemanager), 088-204 11 00",
        "Sander Brinkhorst (planner)",
        "Bijlage: het hulpmiddel",
        "CRP2L-22-118734",
        "WA-HO-2025-55812",
        "Handtekeningen",
        &format!("pagina 1 van {}", pages.len()),
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} not in the PDF text:\n{text}"
        );
    }
    // Loan, electric, no representative: the conditional paragraphs follow the data.
    assert!(text.contains("Verzekering"));
    assert!(!text.contains("namens u, als"));
}

#[test]
fn english_agreement_has_english_headings() {
    let signed = render(Lang::En);
    let pdf = Pdf::new(&signed.pdf.bytes);
    assert_eq!(pdf.render().len(), signed.pdf.layout.pages);
    let text = pdf.text();
    for needle in [
        "User agreement for an assistive device",
        "Who owns the device",
        "Appendix: the device",
        "Signatures",
        "Anke Ruïzendaal",
        "VW-8A-004711",
        "page 1 of",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    assert!(!text.contains("Handtekeningen"));
}

#[test]
fn decomposed_input_comes_out_composed() {
    let mut data = sample::agreement_data();
    data.resident.name = "Anke Rui\u{0308}zendaal".into();
    data.resident.address.town = "\u{2019}s-Heerenberg".into();
    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let mut signed_by = sample::agreement_signatures();
    signed_by.resident_side.name = "Anke Rui\u{0308}zendaal".into();
    let signed = render_agreement(&t, &data, &signed_by).expect("render");
    let text = Pdf::new(&signed.pdf.bytes).text();
    assert!(
        text.contains("Anke Ruïzendaal"),
        "composed name missing:\n{text}"
    );
    assert!(!text.contains('\u{0308}'), "a combining mark survived");
    assert!(text.contains("’s-Heerenberg"));
    // The hash of the text the signer saw is over the composed text too.
    assert_eq!(
        agreement_text_hash(&t, &data).expect("hash"),
        agreement_text_hash(&t, &sample::agreement_data()).expect("hash")
    );
}

#[test]
fn signatures_are_embedded_images_and_fonts_are_subset() {
    let signed = render(Lang::Nl);
    let pdf = Pdf::new(&signed.pdf.bytes);
    let images = pdf.images();
    assert_eq!(images.len(), 2, "two signatures expected: {images:?}");
    assert!(images.iter().all(|(w, h, _)| (*w, *h) == (600, 200)));
    let fonts = pdf.fonts();
    assert_eq!(fonts.len(), 2, "regular and bold: {fonts:?}");
    for (name, emb, sub) in &fonts {
        assert!(*emb && *sub, "{name} not embedded and subset");
        assert!(name.contains("+DejaVuSans"), "{name}");
    }
    // Subsetting keeps the file small: the full faces are 1.4 MB together.
    assert!(
        signed.pdf.bytes.len() < 120_000,
        "{} bytes",
        signed.pdf.bytes.len()
    );
}

#[test]
fn same_data_same_bytes_other_data_other_hash() {
    let a = render(Lang::Nl);
    // Render something else in between: printpdf's internal id counter moves on.
    let _ = render(Lang::En);
    let b = render(Lang::Nl);
    assert_eq!(a.pdf.bytes, b.pdf.bytes, "regenerating changed the bytes");
    assert_eq!(a.pdf.sha256, b.pdf.sha256);
    assert_eq!(a.pdf.sha256.len(), 64);

    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let mut data = sample::agreement_data();
    data.device.serial_number.push('X');
    let c = render_agreement(&t, &data, &sample::agreement_signatures()).expect("render");
    assert_ne!(a.pdf.sha256, c.pdf.sha256);
    assert_ne!(
        a.text_sha256, c.text_sha256,
        "the appendix is part of the signed text"
    );

    let mut sigs = sample::agreement_signatures();
    sigs.supplier.png = sample::signature_png(9, 600, 200);
    let d = render_agreement(&t, &sample::agreement_data(), &sigs).expect("render");
    assert_ne!(
        a.pdf.sha256, d.pdf.sha256,
        "another signature image, another file"
    );
    assert_eq!(a.text_sha256, d.text_sha256, "the text did not change");
}

#[test]
fn the_pdf_shows_the_text_the_signer_saw() {
    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let data = sample::agreement_data();
    let text = agreement_text(&t, &data).expect("text");
    let signed = render_agreement(&t, &data, &sample::agreement_signatures()).expect("render");
    assert_eq!(signed.text_sha256, text.sha256());
    assert_eq!(
        signed.text_sha256,
        agreement_text_hash(&t, &data).expect("hash")
    );
    let pdf = squash(&Pdf::new(&signed.pdf.bytes).body_text(signed.pdf.layout.pages));
    let mut checked = 0;
    for block in &text.blocks {
        let pieces: Vec<String> = match block {
            TextBlock::Heading(s) | TextBlock::Paragraph(s) | TextBlock::Bullet(s) => {
                vec![s.clone()]
            }
            TextBlock::Fields(rows) => rows
                .iter()
                .flat_map(|(l, v)| std::iter::once(l.clone()).chain(v.lines().map(str::to_string)))
                .collect(),
        };
        for p in pieces {
            assert!(pdf.contains(&squash(&p)), "not in the PDF: {p:?}");
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} pieces checked");
}

#[test]
fn representative_signs_and_is_named() {
    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let mut data = sample::agreement_data();
    data.representative = Some(Representative {
        name: "Dirk-Jan van ’t Hof".into(),
        capacity: veldwerk_core::Localized::new("curator", "guardian"),
    });
    let mut sigs = sample::agreement_signatures();
    // The resident signing while a representative is named is refused.
    let err = render_agreement(&t, &data, &sigs).expect_err("resident must not sign");
    assert_eq!(err.code(), "doc_inconsistent");
    sigs.resident_side.name = "Dirk-Jan van ’t Hof".into();
    sigs.resident_side.role = SignerRole::Representative;
    let signed = render_agreement(&t, &data, &sigs).expect("render");
    let text = Pdf::new(&signed.pdf.bytes).text();
    assert!(text.contains("Dirk-Jan van ’t Hof"));
    assert!(text.contains("curator"));
    assert!(text.contains("Vertegenwoordiger van de inwoner"));
}

#[test]
fn long_option_list_breaks_over_pages_and_stays_inside_the_margins() {
    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let mut data = sample::agreement_data();
    data.device.options = (1..=70)
        .map(|i| format!("Accessoire {i:02}: verstelbare armsteun met extra brede kussenbekleding, links en rechts"))
        .collect();
    data.device.serial_number = "S".repeat(58); // one unbreakable word, cut between characters
    let signed = render_agreement(&t, &data, &sample::agreement_signatures()).expect("render");
    let layout = signed.pdf.layout;
    assert!(layout.pages >= 4, "{layout:?}");
    assert!(
        layout.widest_right <= veldwerk_docs::layout::RIGHT + 0.01,
        "{layout:?}"
    );
    let pdf = Pdf::new(&signed.pdf.bytes);
    let pages = pdf.render();
    assert_eq!(pages.len(), layout.pages);
    let text = squash(&pdf.text());
    for i in 1..=70 {
        assert!(
            text.contains(&squash(&format!("Accessoire {i:02}:"))),
            "option {i} lost"
        );
    }
    for (n, page) in pages.iter().enumerate() {
        let page_text = pdf.page_text(n + 1);
        assert!(page_text.contains(&format!("pagina {} van {}", n + 1, pages.len())));
        reader::assert_margins_blank(page, n + 1);
    }
}

#[test]
fn agreement_without_images_is_small() {
    // A tiny signature image: the size is the text and the subset fonts.
    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let mut sigs = sample::agreement_signatures();
    sigs.resident_side.png = sample::signature_png(1, 8, 8);
    sigs.supplier.png = sample::signature_png(2, 8, 8);
    let signed = render_agreement(&t, &sample::agreement_data(), &sigs).expect("render");
    assert!(
        signed.pdf.bytes.len() < 100_000,
        "{} bytes",
        signed.pdf.bytes.len()
    );
}

#[test]
fn bad_signature_image_is_a_clear_error() {
    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let data = sample::agreement_data();
    let cases: [(Vec<u8>, &str); 4] = [
        (Vec::new(), "leeg bestand"),
        (b"not an image at all".to_vec(), "geen afbeelding"),
        (sample::photo_jpeg(1, 64, 32), "JPEG in plaats van PNG"),
        (
            sample::signature_png(1, 600, 200)[..300].to_vec(),
            "afgebroken PNG",
        ),
    ];
    for (png, what) in cases {
        let mut sigs = sample::agreement_signatures();
        sigs.supplier.png = png;
        let err = render_agreement(&t, &data, &sigs).expect_err(what);
        assert_eq!(err.code(), "doc_bad_image", "{what}: {err:?}");
        let msg = err.message();
        assert!(
            msg.nl.contains("Joris Ten Hoeve-Blom") && !msg.en.is_empty(),
            "{msg:?}"
        );
    }
    let mut sigs = sample::agreement_signatures();
    sigs.supplier.png = sample::signature_png(1, 4100, 10);
    let err = render_agreement(&t, &data, &sigs).expect_err("too wide");
    assert!(format!("{err:?}").contains("TooLarge"), "{err:?}");
}

#[test]
fn missing_facts_are_refused() {
    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let mut data = sample::agreement_data();
    data.supplier.phone = None;
    let err = agreement_text(&t, &data).expect_err("no 24/7 number");
    assert_eq!(err.code(), "doc_field_empty");
    let mut data = sample::agreement_data();
    data.resident.name = "  \u{7} ".into();
    assert_eq!(
        agreement_text(&t, &data).expect_err("no name").code(),
        "doc_field_empty"
    );
    let mut data = sample::agreement_data();
    data.order_reference = "x".repeat(101);
    assert_eq!(
        agreement_text(&t, &data).expect_err("long").code(),
        "doc_field_too_long"
    );
}

/// PvE 5.2.3a: at most three fixed contact persons of the supplier are named; a fourth is bad
/// data, refused with a clear error rather than printed.
#[test]
fn at_most_three_contact_persons_are_named() {
    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let mut data = sample::agreement_data();
    let one = data.supplier_contacts[0].clone();
    data.supplier_contacts = vec![one.clone(), one.clone(), one.clone(), one];
    let err = render_agreement(&t, &data, &sample::agreement_signatures()).expect_err("four");
    assert!(format!("{err:?}").contains("TooMany"), "{err:?}");
    data.supplier_contacts.clear();
    let signed = render_agreement(&t, &data, &sample::agreement_signatures()).expect("none");
    let text = Pdf::new(&signed.pdf.bytes).text();
    assert!(
        !text.contains("vaste contactpersonen"),
        "the line is left out"
    );
}
