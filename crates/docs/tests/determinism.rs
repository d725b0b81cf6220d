//! Regenerating from the same data gives byte-identical files, also in another process (the
//! benchmark binary's `--emit` writes the sample documents from a fresh process).

mod reader;

use veldwerk_docs::model::Lang;
use veldwerk_docs::{
    render_agreement, render_hoist_certificate, render_job_report, sample, AgreementTemplate,
};

#[test]
fn another_process_writes_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_docs-bench"))
        .arg("--emit")
        .arg(dir.path())
        .status()
        .expect("run docs-bench --emit");
    assert!(status.success());
    for lang in [Lang::Nl, Lang::En] {
        let t = AgreementTemplate::current(lang).expect("template");
        let here = [
            (
                "agreement",
                render_agreement(
                    &t,
                    &sample::agreement_data(),
                    &sample::agreement_signatures(),
                )
                .expect("a")
                .pdf
                .bytes,
            ),
            (
                "certificate",
                render_hoist_certificate(&sample::certificate_data(), lang)
                    .expect("c")
                    .bytes,
            ),
            (
                "job-report",
                render_job_report(&sample::job_report_data(80, 20, 5), lang)
                    .expect("j")
                    .bytes,
            ),
        ];
        for (name, bytes) in here {
            let file = dir
                .path()
                .join(format!("{name}-{lang:?}.pdf").to_lowercase());
            let there = std::fs::read(&file).expect("emitted file");
            assert!(
                there == bytes,
                "{name} ({lang:?}) differs between processes"
            );
        }
    }
}

#[test]
fn no_clock_or_random_in_the_file() {
    let t = AgreementTemplate::current(Lang::Nl).expect("template");
    let a = render_agreement(
        &t,
        &sample::agreement_data(),
        &sample::agreement_signatures(),
    )
    .expect("a");
    let text = String::from_utf8_lossy(&a.pdf.bytes);
    // The dates are the signing time from the data (10:44 Amsterdam = 09:44 UTC), not the clock.
    for key in ["/CreationDate", "/ModDate"] {
        let want = format!("{key}(D:20250314094400+00'00')");
        assert!(text.contains(&want), "{key} not from the data");
    }
    // The trailer /ID is derived from the data (the document id shown in the footer), the
    // same in both places, not printpdf's counter.
    let id_pos = text.rfind("/ID[<").expect("trailer id");
    let id = &text[id_pos + 5..id_pos + 5 + 32];
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    assert!(text[id_pos..].starts_with(&format!("/ID[<{id}><{id}>]")));
    let shown = reader::Pdf::new(&a.pdf.bytes).text();
    assert!(
        shown.contains(&format!("Document-ID {}", id[..16].to_lowercase())),
        "footer id"
    );
}
