//! The user agreement (gebruikersovereenkomst) signed at delivery, PvE 6.4.

mod template;
mod text;

pub use template::{AgreementTemplate, PLACEHOLDERS};
pub use text::{agreement_text, agreement_text_hash, AgreementText, TextBlock};

use crate::blocks::{fields, signatures, Images, SignatureBox};
use crate::common::{data_id, footer, page_label, required, tr};
use crate::error::{DocError, Result};
use crate::layout::{Flow, Style, LEFT};
use crate::model::{AgreementData, AgreementSignatures, SignerRole};
use crate::pdf::{assemble, font_ids, Meta, RenderedPdf};
use serde::Serialize;

/// A signed agreement: the PDF, and the hash of the text the signer saw. Both go into the
/// logbook entry; the PDF is never regenerated differently (same data, same bytes).
#[derive(Clone, Debug, PartialEq)]
pub struct SignedAgreement {
    pub pdf: RenderedPdf,
    /// `agreement_text_hash` of the same template and data.
    pub text_sha256: String,
}

/// Renders the signed user agreement in the template's language.
pub fn render_agreement(
    template: &AgreementTemplate,
    data: &AgreementData,
    signed: &AgreementSignatures,
) -> Result<SignedAgreement> {
    let text = agreement_text(template, data)?;
    let lang = template.lang;
    check_signers(data, signed)?;
    #[derive(Serialize)]
    struct Identity<'a> {
        template: (&'a str, u32),
        data: &'a AgreementData,
        signed: &'a AgreementSignatures,
    }
    let identity = Identity {
        template: (&template.id, template.version),
        data,
        signed,
    };
    let doc_id = data_id("user-agreement", lang, &identity)?;
    let mut flow = Flow::new(font_ids(&doc_id));
    let mut images = Images::default();
    flow.heading(&text.title, Style::H1, 0.0);
    let sub = format!(
        "{} {} · {} {}",
        tr(lang, "Registratienummer", "Registration number"),
        crate::layout::one_line(&data.device.registration_number),
        tr(lang, "tekstversie", "text version"),
        format_args!("{} v{}", text.template_id, text.template_version),
    );
    flow.paragraph(&sub, Style::SMALL.grey(0.35), LEFT, None);
    flow.advance(6.0);
    body(&mut flow, &text);
    flow.heading_with(
        tr(lang, "Handtekeningen", "Signatures"),
        Style::H2,
        12.0,
        150.0,
    );
    let resident_caption = match signed.resident_side.role {
        SignerRole::Representative => tr(
            lang,
            "Vertegenwoordiger van de inwoner",
            "Resident's representative",
        ),
        _ => tr(lang, "Inwoner", "Resident"),
    };
    let boxes = [
        SignatureBox {
            caption: resident_caption.to_string(),
            signature: &signed.resident_side,
        },
        SignatureBox {
            caption: format!(
                "{} {}",
                tr(lang, "Namens", "For"),
                crate::layout::one_line(&data.supplier.name)
            ),
            signature: &signed.supplier,
        },
    ];
    signatures(&mut flow, lang, &mut images, &boxes)?;
    let reference = format!(
        "{} {}",
        tr(lang, "Registratienr.", "Reg. no."),
        crate::layout::one_line(&data.device.registration_number)
    );
    let laid = flow.finish(
        &text.title,
        &reference,
        &footer(lang, &doc_id, &text.template_id, text.template_version),
        |i, n| page_label(lang, i, n),
    );
    let created = signed
        .resident_side
        .signed_at
        .max(signed.supplier.signed_at);
    let meta = Meta {
        title: &text.title,
        subject: &format!("{} {}", tr(lang, "Opdracht", "Order"), data.order_reference),
        lang,
        doc_id,
        created,
    };
    let pdf = assemble(laid, images.into_vec(), &meta)?;
    Ok(SignedAgreement {
        pdf,
        text_sha256: text.sha256(),
    })
}

/// The text blocks as paragraphs, headings, bullets and field tables.
fn body(flow: &mut Flow, text: &AgreementText) {
    let lang = Some(text.lang);
    for block in &text.blocks {
        match block {
            TextBlock::Heading(t) => flow.heading(t, Style::H2, 10.0),
            TextBlock::Paragraph(t) => {
                flow.paragraph(t, Style::BODY, LEFT, lang);
                flow.advance(4.0);
            }
            TextBlock::Bullet(t) => {
                flow.ensure(Style::BODY.line_height());
                let top = flow.y();
                flow.text_at(LEFT + 4.0, top, Style::BODY, "•");
                flow.paragraph(t, Style::BODY, LEFT + 16.0, lang);
                flow.advance(2.0);
            }
            TextBlock::Fields(rows) => fields(flow, rows),
        }
    }
}

/// The signers must be who the agreement says: the representative signs when there is one.
fn check_signers(data: &AgreementData, s: &AgreementSignatures) -> Result<()> {
    required("signer name", &s.resident_side.name, 200)?;
    required("technician name", &s.supplier.name, 200)?;
    let expected = if data.representative.is_some() {
        SignerRole::Representative
    } else {
        SignerRole::Resident
    };
    if s.resident_side.role != expected {
        return Err(DocError::Inconsistent {
            nl: "de handtekening aan de kant van de inwoner hoort van de inwoner of, als die er is, van de vertegenwoordiger",
            en: "the resident-side signature must be the resident's or, when there is one, the representative's",
        });
    }
    if s.supplier.role != SignerRole::Technician {
        return Err(DocError::Inconsistent {
            nl: "de leverancier tekent met de monteur of adviseur die levert",
            en: "the supplier signs through the technician who delivers",
        });
    }
    Ok(())
}
