//! The job report (werkbon), read back as a reader would (poppler-utils).

mod reader;

use reader::{squash, Pdf};
use veldwerk_docs::model::{ItemResult, Lang, SignOff, SignerRole};
use veldwerk_docs::{render_job_report, sample};

#[test]
fn long_job_report_breaks_over_pages_inside_the_margins() {
    let data = sample::job_report_data(80, 20, 5);
    let out = render_job_report(&data, Lang::Nl).expect("render");
    let layout = out.layout;
    assert!(layout.pages >= 3, "{layout:?}");
    assert!(
        layout.widest_right <= veldwerk_docs::layout::RIGHT + 0.01,
        "{layout:?}"
    );
    assert!(
        layout.lowest_bottom <= veldwerk_docs::layout::flow::BOTTOM + 0.01,
        "{layout:?}"
    );
    let pdf = Pdf::new(&out.bytes);
    let pages = pdf.render();
    assert_eq!(pages.len(), layout.pages);
    for (n, page) in pages.iter().enumerate() {
        assert!(page.has_ink());
        reader::assert_margins_blank(page, n + 1);
        let text = pdf.page_text(n + 1);
        assert!(
            text.contains(&format!("pagina {} van {}", n + 1, pages.len())),
            "page {}",
            n + 1
        );
        assert!(
            text.contains("Registratienr. VW-8A-004711"),
            "header on page {}",
            n + 1
        );
    }
    let text = pdf.text();
    for part in &data.parts {
        assert!(
            text.contains(&part.part_number),
            "{} missing",
            part.part_number
        );
    }
    // Not-OK items in detail, OK items only counted.
    let items: Vec<_> = data.steps.iter().flat_map(|s| &s.items).collect();
    for item in &items {
        let shown = text.contains(&item.label.nl);
        let detailed = !matches!(item.result, ItemResult::Ok | ItemResult::NotApplicable)
            || item.note.is_some();
        assert_eq!(
            shown, detailed,
            "{}: shown {shown}, expected {detailed}",
            item.label.nl
        );
    }
    assert!(
        text.contains("Stap 1: 7 in orde, 1 n.v.t."),
        "counts per step"
    );
    assert!(
        text.contains("25,62 V") && text.contains("4312 km"),
        "measurements with units"
    );
    assert!(text.contains("1 u 15 min"));
    assert!(text.contains("Anke Ruïzendaal") && text.contains("’s-Heerenberg"));
    assert!(text.contains("Joris Ten Hoeve-Blom"));
    assert!(text.contains("vluchtweg deels geblokkeerd"));
    // Five photo thumbnails and the resident's signature.
    let images = pdf.images();
    assert_eq!(images.len(), 6, "{images:?}");
    assert_eq!(
        images
            .iter()
            .filter(|(w, h, _)| (*w, *h) == (320, 240))
            .count(),
        5
    );
    assert!(pdf.fonts().iter().all(|(_, emb, sub)| *emb && *sub));
}

#[test]
fn english_job_report_has_english_headings() {
    let out = render_job_report(&sample::job_report_data(12, 2, 1), Lang::En).expect("render");
    let pdf = Pdf::new(&out.bytes);
    assert_eq!(pdf.render().len(), out.layout.pages);
    let text = pdf.text();
    for needle in [
        "Job report: preventive maintenance",
        "Checklist",
        "Parts replaced",
        "Signals for the municipality",
        "Photos",
        "Sign-off",
        "Seen and agreed",
        "25.62 V",
        "VW-8A-004711",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
}

#[test]
fn refused_sign_off_is_recorded_with_its_reason() {
    let mut data = sample::job_report_data(10, 1, 0);
    data.sign_off = SignOff::Refused {
        name: "Anke Ruïzendaal".into(),
        role: SignerRole::Resident,
        at: data.finished_at,
        reason: "Wil eerst met haar dochter overleggen".into(),
    };
    let out = render_job_report(&data, Lang::Nl).expect("render");
    let pdf = Pdf::new(&out.bytes);
    let text = pdf.text();
    assert!(
        text.contains("Aftekenen geweigerd door Anke Ruïzendaal"),
        "{text}"
    );
    assert!(squash(&text).contains(&squash("Reden: Wil eerst met haar dochter overleggen")));
    assert!(pdf.images().is_empty(), "no signature image for a refusal");

    data.sign_off = SignOff::Refused {
        name: "Anke Ruïzendaal".into(),
        role: SignerRole::Resident,
        at: data.finished_at,
        reason: " ".into(),
    };
    assert_eq!(
        render_job_report(&data, Lang::Nl)
            .expect_err("no reason")
            .code(),
        "doc_field_empty"
    );
}

#[test]
fn job_report_is_deterministic() {
    let data = sample::job_report_data(30, 5, 2);
    let a = render_job_report(&data, Lang::Nl).expect("render");
    let b = render_job_report(&data, Lang::Nl).expect("render");
    assert_eq!(a.bytes, b.bytes);
    let mut other = data.clone();
    other.labour_minutes += 1;
    assert_ne!(
        a.sha256,
        render_job_report(&other, Lang::Nl).expect("render").sha256
    );
}

#[test]
fn hostile_input_is_refused_not_a_panic() {
    let mut data = sample::job_report_data(5, 1, 1);
    data.photos[0].jpeg.truncate(200);
    let err = render_job_report(&data, Lang::Nl).expect_err("truncated JPEG");
    assert_eq!(err.code(), "doc_bad_image");

    let mut data = sample::job_report_data(5, 1, 1);
    data.photos[0].jpeg = sample::signature_png(1, 60, 20);
    assert_eq!(
        render_job_report(&data, Lang::Nl)
            .expect_err("PNG as photo")
            .code(),
        "doc_bad_image"
    );

    let mut data = sample::job_report_data(5, 1, 0);
    data.measurements[0].value = f64::NAN;
    assert_eq!(
        render_job_report(&data, Lang::Nl).expect_err("NaN").code(),
        "doc_inconsistent"
    );

    let data = sample::job_report_data(1001, 0, 0);
    assert_eq!(
        render_job_report(&data, Lang::Nl)
            .expect_err("too many")
            .code(),
        "doc_too_many"
    );

    let mut data = sample::job_report_data(5, 1, 0);
    data.finished_at = data.started_at - chrono::Duration::minutes(1);
    assert_eq!(
        render_job_report(&data, Lang::Nl).expect_err("time").code(),
        "doc_inconsistent"
    );

    // Control characters and a very long unbreakable note still lay out inside the page.
    let mut data = sample::job_report_data(5, 1, 0);
    data.steps[0].items[0].note = Some(format!("a\u{0}b\u{1b}[31m{}", "X".repeat(1900)));
    let out = render_job_report(&data, Lang::Nl).expect("render");
    assert!(out.layout.widest_right <= veldwerk_docs::layout::RIGHT + 0.01);
    let text = Pdf::new(&out.bytes).text();
    assert!(
        text.contains("ab[31m"),
        "control characters dropped, the rest kept"
    );
}
