use veldwerk_docs::{model::Lang, render_agreement, sample, AgreementTemplate};
fn main() {
    for lang in [Lang::Nl, Lang::En] {
        let t = AgreementTemplate::current(lang).unwrap();
        let r = render_agreement(&t, &sample::agreement_data(), &sample::agreement_signatures()).unwrap();
        let p = format!("/tmp/agreement-{lang:?}.pdf");
        std::fs::write(&p, &r.pdf.bytes).unwrap();
        println!("{p} {} bytes, {} pages, {:?}", r.pdf.bytes.len(), r.pdf.pages, r.layout);
    }
}
