//! The filled-in agreement text: exactly what the signer sees in the app and what the PDF
//! prints, and its hash.

use super::template::{fill, AgreementTemplate, FieldList, Flag, LineKind};
use crate::common::{address, date, optional, required, tr};
use crate::error::Result;
use crate::layout::one_line;
use crate::model::{AgreementData, Condition, Lang, Ownership};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// One block of the agreement as shown to the signer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "text")]
pub enum TextBlock {
    Heading(String),
    Paragraph(String),
    Bullet(String),
    /// Label/value pairs (the parties, the device appendix).
    Fields(Vec<(String, String)>),
}

/// The agreement text after filling in the data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgreementText {
    pub template_id: String,
    pub template_version: u32,
    pub lang: Lang,
    pub title: String,
    pub blocks: Vec<TextBlock>,
}

impl AgreementText {
    /// The text as plain paragraphs: the title, then each block separated by a blank line;
    /// bullets start with "• ", fields are "label: value" lines (a value's own lines are
    /// indented by two spaces). This is what is hashed.
    pub fn plain_text(&self) -> String {
        let mut parts = vec![self.title.clone()];
        for b in &self.blocks {
            parts.push(match b {
                TextBlock::Heading(t) | TextBlock::Paragraph(t) => t.clone(),
                TextBlock::Bullet(t) => format!("• {t}"),
                TextBlock::Fields(rows) => rows
                    .iter()
                    .map(|(l, v)| format!("{l}: {}", v.replace('\n', "\n  ")))
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
        }
        parts.join("\n\n")
    }

    /// SHA-256 (lower-case hex) of `plain_text()` in UTF-8.
    pub fn sha256(&self) -> String {
        crate::pdf::hex(&Sha256::digest(self.plain_text().as_bytes()))
    }
}

/// Checks the data and fills in the template.
pub fn agreement_text(template: &AgreementTemplate, data: &AgreementData) -> Result<AgreementText> {
    let lang = template.lang;
    let flags = |f: Flag| match f {
        Flag::Loan => data.ownership == Ownership::Loan,
        Flag::Owned => data.ownership == Ownership::Owned,
        Flag::Electric => data.electric,
        Flag::Representative => data.representative.is_some(),
    };
    let values = Values::new(data, lang)?;
    let mut blocks = Vec::new();
    for line in &template.lines {
        if !line.conditions.iter().all(|(f, want)| flags(*f) == *want) {
            continue;
        }
        let get = |name: &str| values.get(name);
        blocks.push(match &line.kind {
            LineKind::Heading(t) => TextBlock::Heading(fill(t, get)?),
            LineKind::Paragraph(t) => TextBlock::Paragraph(fill(t, get)?),
            LineKind::Bullet(t) => TextBlock::Bullet(fill(t, get)?),
            LineKind::Fields(FieldList::Parties) => TextBlock::Fields(parties(data, lang)?),
            LineKind::Fields(FieldList::Device) => TextBlock::Fields(device(data, lang)?),
        });
    }
    Ok(AgreementText {
        template_id: template.id.clone(),
        template_version: template.version,
        lang,
        title: template.title.clone(),
        blocks,
    })
}

/// SHA-256 of the exact agreement text the signer saw (see `AgreementText::plain_text`).
pub fn agreement_text_hash(template: &AgreementTemplate, data: &AgreementData) -> Result<String> {
    Ok(agreement_text(template, data)?.sha256())
}

/// The placeholder values, checked and normalised.
struct Values {
    pairs: Vec<(&'static str, String)>,
}

impl Values {
    fn new(d: &AgreementData, lang: Lang) -> Result<Values> {
        let mut pairs = vec![
            (
                "supplier.name",
                required("supplier name", &d.supplier.name, 200)?,
            ),
            (
                "municipality.name",
                required("municipality name", &d.municipality.name, 200)?,
            ),
            (
                "order_reference",
                required("order reference", &d.order_reference, 100)?,
            ),
            (
                "complaints_contact",
                required("complaints contact", &d.complaints_contact, 300)?,
            ),
            (
                "resident.name",
                required("resident name", &d.resident.name, 200)?,
            ),
            ("delivery_date", date(lang, d.delivery_date)),
            (
                "device.registration_number",
                required("registration number", &d.device.registration_number, 60)?,
            ),
        ];
        let phone = d.supplier.phone.as_deref().unwrap_or("");
        pairs.push((
            "supplier.phone",
            required("supplier phone (24/7)", phone, 40)?,
        ));
        if let Some(r) = &d.representative {
            pairs.push((
                "representative.name",
                required("representative name", &r.name, 200)?,
            ));
            pairs.push((
                "representative.capacity",
                required("representative capacity", lang.pick(&r.capacity), 100)?,
            ));
        }
        Ok(Values { pairs })
    }

    fn get(&self, name: &str) -> Option<String> {
        self.pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    }
}

fn org_lines(o: &crate::model::Organisation, with_phone: bool) -> Result<String> {
    let mut lines = vec![required("organisation name", &o.name, 200)?];
    if let Some(a) = &o.address {
        lines.push(address(a));
    }
    if with_phone {
        if let Some(p) = optional("phone", o.phone.as_deref(), 40)? {
            lines.push(p);
        }
    }
    if let Some(e) = optional("e-mail", o.email.as_deref(), 200)? {
        lines.push(e);
    }
    Ok(lines.join("\n"))
}

fn parties(d: &AgreementData, lang: Lang) -> Result<Vec<(String, String)>> {
    let mut resident = vec![
        required("resident name", &d.resident.name, 200)?,
        address(&d.resident.address),
    ];
    if let Some(b) = d.resident.birth_date {
        resident.push(format!("{} {}", tr(lang, "geboren", "born"), date(lang, b)));
    }
    if let Some(n) = optional("client number", d.resident.client_number.as_deref(), 60)? {
        resident.push(format!("{} {n}", tr(lang, "cliëntnummer", "client number")));
    }
    let mut rows = vec![
        (
            tr(lang, "Gemeente", "Municipality").to_string(),
            org_lines(&d.municipality, false)?,
        ),
        (
            tr(lang, "Leverancier", "Supplier").to_string(),
            org_lines(&d.supplier, true)?,
        ),
        (
            tr(lang, "Inwoner (gebruiker)", "Resident (user)").to_string(),
            resident.join("\n"),
        ),
    ];
    if let Some(r) = &d.representative {
        rows.push((
            tr(lang, "Vertegenwoordiger", "Representative").to_string(),
            format!(
                "{} ({})",
                one_line(&r.name),
                one_line(lang.pick(&r.capacity))
            ),
        ));
    }
    crate::common::at_most("supplier's contact persons", &d.supplier_contacts, 3)?;
    if !d.supplier_contacts.is_empty() {
        let lines = d
            .supplier_contacts
            .iter()
            .map(|c| {
                let mut line = format!(
                    "{} ({})",
                    required("contact person", &c.name, 120)?,
                    required("contact person's role", &c.role, 60)?
                );
                if let Some(p) = optional("contact person's phone", c.phone.as_deref(), 40)? {
                    line.push_str(&format!(", {p}"));
                }
                Ok(line)
            })
            .collect::<Result<Vec<_>>>()?;
        rows.push((
            tr(
                lang,
                "Uw vaste contactpersonen bij de leverancier",
                "Your fixed contact persons at the supplier",
            )
            .to_string(),
            lines.join("\n"),
        ));
    }
    rows.push((
        tr(
            lang,
            "Opdrachtnummer gemeente",
            "Municipality's order number",
        )
        .to_string(),
        one_line(&d.order_reference),
    ));
    Ok(rows)
}

fn device(d: &AgreementData, lang: Lang) -> Result<Vec<(String, String)>> {
    let dev = &d.device;
    crate::common::at_most("options and accessories", &dev.options, 100)?;
    let options = dev
        .options
        .iter()
        .map(|o| required("option", o, 200))
        .collect::<Result<Vec<_>>>()?;
    let none = tr(lang, "geen", "none").to_string();
    let condition = match dev.condition {
        Condition::New => tr(lang, "nieuw", "new"),
        Condition::Reconditioned => tr(lang, "gereviseerd (hergebruikt)", "reconditioned (reused)"),
    };
    let plate = match optional("insurance plate", dev.insurance_plate.as_deref(), 40)? {
        Some(p) => p,
        None => tr(lang, "niet van toepassing", "not applicable").to_string(),
    };
    let row = |nl: &'static str, en: &'static str, v: String| (tr(lang, nl, en).to_string(), v);
    Ok(vec![
        row(
            "Categorie",
            "Category",
            crate::common::category(lang, dev.category),
        ),
        row("Merk", "Brand", required("brand", &dev.brand, 100)?),
        row("Type", "Type", required("type", &dev.model, 100)?),
        row(
            "Registratienummer",
            "Registration number",
            required("registration number", &dev.registration_number, 60)?,
        ),
        row(
            "Serienummer",
            "Serial number",
            required("serial number", &dev.serial_number, 60)?,
        ),
        row("Bouwjaar", "Build year", dev.build_year.to_string()),
        row(
            "Nieuw of gereviseerd",
            "New or reconditioned",
            condition.to_string(),
        ),
        row(
            "Opties en accessoires",
            "Options and accessories",
            if options.is_empty() {
                none
            } else {
                options.join("\n")
            },
        ),
        row("Verzekeringsplaatje", "Insurance plate", plate),
        row("Leverdatum", "Delivery date", date(lang, d.delivery_date)),
    ])
}
