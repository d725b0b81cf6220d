use veldwerk_docs::{
    model::Lang, render_agreement, render_hoist_certificate, render_job_report, sample,
    AgreementTemplate,
};
fn main() {
    for lang in [Lang::Nl, Lang::En] {
        let t = AgreementTemplate::current(lang).unwrap();
        let r = render_agreement(
            &t,
            &sample::agreement_data(),
            &sample::agreement_signatures(),
        )
        .unwrap();
        let p = format!("/tmp/agreement-{lang:?}.pdf");
        std::fs::write(&p, &r.pdf.bytes).unwrap();
        println!("{p} {} bytes, {:?}", r.pdf.bytes.len(), r.pdf.layout);
        let r = render_hoist_certificate(&sample::certificate_data(), lang).unwrap();
        let p = format!("/tmp/cert-{lang:?}.pdf");
        std::fs::write(&p, &r.bytes).unwrap();
        println!("{p} {} bytes, {:?}", r.bytes.len(), r.layout);
        let r = render_job_report(&sample::job_report_data(80, 20, 4), lang).unwrap();
        let p = format!("/tmp/job-{lang:?}.pdf");
        std::fs::write(&p, &r.bytes).unwrap();
        println!("{p} {} bytes, {:?}", r.bytes.len(), r.layout);
    }
}
