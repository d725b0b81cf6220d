//! The documents a job produces, filled from the replica's records and rendered by
//! `veldwerk-docs` (pure; called on the blocking pool, never on the UI thread).
//!
//! The user agreement is made from the job's context (resident, device, order, municipality)
//! and the signatures; the text the signer sees is the same text (`agreement_text`), so its
//! hash in the signature can be checked against the document at completion.

use crate::error::{AppError, CmdResult};
use chrono::{DateTime, Utc};
use veldwerk_core::jobs::service::JobAggregate;
use veldwerk_core::jobs::SignatureRecord;
use veldwerk_core::model::{Municipality, SupplierContact};
use veldwerk_core::{ErrorCode, Localized};
use veldwerk_docs::model::{
    Address, AgreementData, AgreementSignatures, ContactPerson, Lang, Organisation, Ownership,
    Representative, Signature,
};
use veldwerk_docs::{AgreementTemplate, DocError};

/// The supplier as its documents name it. (The demo has one supplier; the portal will send
/// these details with the master data.)
pub fn supplier() -> Organisation {
    Organisation {
        name: "Hulpmiddelen Oost B.V.".into(),
        address: Some(Address {
            street: "Industrieweg 4".into(),
            postcode: "7421 AB".into(),
            town: "Deventer".into(),
        }),
        phone: Some("0800-123 45 67".into()),
        email: Some("service@hulpmiddelen-oost.example".into()),
    }
}

const COMPLAINTS: &str = "klachten@hulpmiddelen-oost.example of 0800-123 45 68";

pub fn doc_error(e: DocError) -> AppError {
    let m = e.to_string();
    AppError::new(
        ErrorCode::DocumentFailed,
        Localized::new(
            format!("Het document kon niet worden gemaakt: {m}"),
            format!("The document could not be made: {m}"),
        ),
    )
}

pub fn lang_of(code: &str) -> CmdResult<Lang> {
    match code {
        "nl" => Ok(Lang::Nl),
        "en" => Ok(Lang::En),
        _ => Err(AppError::new(
            ErrorCode::InvalidInput,
            Localized::new("Onbekende taal.", "Unknown language."),
        )),
    }
}

fn no_device() -> AppError {
    AppError::new(
        ErrorCode::SignatureRequired,
        Localized::new(
            "Deze levering heeft nog geen hulpmiddel; de overeenkomst kan nog niet worden gemaakt.",
            "This delivery has no device yet; the agreement cannot be made yet.",
        ),
    )
}

/// The data of the user agreement for this delivery, signed on `day` (the work's local
/// day), with the resident's representative when the resident's side signs as one.
pub fn agreement_data(
    agg: &JobAggregate,
    municipality: &Municipality,
    contacts: &[SupplierContact],
    representative: Option<&str>,
    at: DateTime<Utc>,
) -> CmdResult<AgreementData> {
    let ctx = &agg.ctx;
    let device = ctx.device.as_ref().ok_or_else(no_device)?;
    Ok(AgreementData {
        order_reference: veldwerk_docs::fill::order_reference(ctx),
        municipality: Organisation {
            name: municipality.name.clone(),
            address: None,
            phone: None,
            email: None,
        },
        supplier: supplier(),
        resident: resident_of(&ctx.resident),
        representative: representative.map(|name| Representative {
            name: name.to_string(),
            capacity: Localized::new("wettelijk vertegenwoordiger", "legal representative"),
        }),
        device: device_info(device),
        // bought outright under the contract (Annex 2: category 12) or on loan: the
        // contract's data decides
        ownership: match veldwerk_core::contract::current()
            .tariff(device.category)
            .price
        {
            Some(veldwerk_core::category::Price::Purchase { .. }) => Ownership::Owned,
            _ => Ownership::Loan,
        },
        electric: device.is_electric(),
        delivery_date: veldwerk_core::sla::local_date(at),
        complaints_contact: COMPLAINTS.into(),
        supplier_contacts: contacts
            .iter()
            .take(3)
            .map(|c| ContactPerson {
                name: c.name.clone(),
                role: c.role.clone(),
                phone: c.phone.clone(),
            })
            .collect(),
    })
}

pub use veldwerk_docs::fill::{device_info, resident_of, signer_role as docs_role};

/// The agreement text in `lang` and its hash, as the signer sees it.
pub fn agreement_text(data: &AgreementData, lang: Lang) -> CmdResult<veldwerk_docs::AgreementText> {
    let t = AgreementTemplate::current(lang).map_err(doc_error)?;
    veldwerk_docs::agreement_text(&t, data).map_err(doc_error)
}

/// A stored signature with its PNG, as the documents take it.
pub fn signature(s: &SignatureRecord, png: Vec<u8>) -> Signature {
    Signature {
        name: s.name.clone(),
        role: docs_role(s.role),
        signed_at: s.signed_at,
        png,
    }
}

/// Which language's text the signer saw (the one whose hash the signature carries).
pub fn lang_signed(data: &AgreementData, text_sha256: &str) -> CmdResult<Option<Lang>> {
    for lang in [Lang::Nl, Lang::En] {
        if agreement_text(data, lang)?.sha256() == text_sha256 {
            return Ok(Some(lang));
        }
    }
    Ok(None)
}

/// Renders the signed agreement in `lang`.
pub fn render_agreement(
    data: &AgreementData,
    lang: Lang,
    signatures: AgreementSignatures,
) -> CmdResult<veldwerk_docs::SignedAgreement> {
    let t = AgreementTemplate::current(lang).map_err(doc_error)?;
    veldwerk_docs::render_agreement(&t, data, &signatures).map_err(doc_error)
}
