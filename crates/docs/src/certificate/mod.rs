//! The hoist inspection certificate (keuringsrapport tillift), PvE 7.2 / 4.1.5.

mod tables;

use crate::blocks::{check_measurements, fields, measurements, signatures, Images, SignatureBox};
use crate::common::*;
use crate::error::{DocError, Result};
use crate::layout::{one_line, Flow, Style, CONTENT_W, LEFT};
use crate::model::*;
use crate::pdf::{assemble, font_ids, Meta, RenderedPdf};
use tables::{defects, items_table, slings};

/// Renders the certificate in `lang`.
pub fn render_hoist_certificate(data: &HoistCertificateData, lang: Lang) -> Result<RenderedPdf> {
    validate(data)?;
    let doc_id = data_id("hoist-certificate", lang, data)?;
    let mut flow = Flow::new(font_ids(&doc_id));
    let mut images = Images::default();
    let title = tr(
        lang,
        "Keuringsrapport tillift",
        "Hoist inspection certificate",
    );
    flow.heading(title, Style::H1, 0.0);
    let sub = format!(
        "{} {} · {}",
        tr(lang, "Certificaatnummer", "Certificate number"),
        one_line(&data.certificate_number),
        one_line(&data.supplier.name)
    );
    flow.paragraph(&sub, Style::SMALL.grey(0.35), LEFT, None);
    flow.advance(6.0);
    banner(&mut flow, lang, data);

    flow.heading(tr(lang, "Tillift", "Hoist"), Style::H2, 10.0);
    fields(&mut flow, &device_rows(lang, data));
    flow.heading(tr(lang, "Keuring", "Inspection"), Style::H2, 10.0);
    fields(&mut flow, &inspection_rows(lang, data));

    flow.heading(tr(lang, "Keurpunten", "Items inspected"), Style::H2, 10.0);
    for step in &data.steps {
        items_table(&mut flow, lang, step);
    }
    flow.heading(
        tr(lang, "Gebreken en herstel", "Defects and remedies"),
        Style::H2,
        10.0,
    );
    defects(&mut flow, lang, &data.steps);
    if !data.measurements.is_empty() {
        flow.heading(tr(lang, "Metingen", "Measurements"), Style::H2, 10.0);
        measurements(&mut flow, lang, &data.measurements);
    }
    flow.heading(tr(lang, "Tilbanden", "Slings"), Style::H2, 10.0);
    slings(&mut flow, lang, &data.slings);
    if let Some(r) = optional("remarks", data.remarks.as_deref(), 4000)? {
        flow.heading(tr(lang, "Opmerkingen", "Remarks"), Style::H2, 10.0);
        flow.paragraph(&r, Style::BODY, LEFT, None);
    }
    if let Some(sig) = &data.signature {
        flow.heading_with(
            tr(lang, "Handtekening", "Signature"),
            Style::H2,
            12.0,
            150.0,
        );
        let caption = tr(lang, "Keurmeester", "Inspector").to_string();
        let boxes = [SignatureBox {
            caption,
            signature: sig,
        }];
        signatures(&mut flow, lang, &mut images, &boxes)?;
    }
    let reference = format!(
        "{} {}",
        tr(lang, "Certificaat", "Certificate"),
        one_line(&data.certificate_number)
    );
    let laid = flow.finish(
        title,
        &reference,
        &footer(lang, &doc_id, "hoist-certificate", 1),
        |i, n| page_label(lang, i, n),
    );
    let created = data
        .signature
        .as_ref()
        .map_or(day_start(data.inspected_on), |s| s.signed_at);
    let subject = format!(
        "{} {}",
        tr(lang, "Registratienummer", "Registration number"),
        data.device.registration_number
    );
    let meta = Meta {
        title,
        subject: &subject,
        lang,
        doc_id,
        created,
    };
    assemble(laid, images.into_vec(), &meta)
}

fn validate(d: &HoistCertificateData) -> Result<()> {
    required("certificate number", &d.certificate_number, 60)?;
    required("standard", &d.standard, 120)?;
    optional("protocol", d.protocol.as_deref(), 200)?;
    required("inspector name", &d.inspector.name, 200)?;
    required("inspector qualification", &d.inspector.qualification, 200)?;
    required(
        "inspector certificate number",
        &d.inspector.certificate_number,
        60,
    )?;
    required("resident name", &d.resident.name, 200)?;
    check_steps(&d.steps)?;
    check_measurements(&d.measurements)?;
    at_most("slings", &d.slings, 50)?;
    for s in &d.slings {
        required("sling number", &s.number, 60)?;
        optional("sling note", s.note.as_deref(), 1000)?;
    }
    if d.next_due_on <= d.inspected_on {
        return Err(DocError::Inconsistent {
            nl: "de volgende keuring ligt niet na deze keuring",
            en: "the next inspection is not after this one",
        });
    }
    let items = || d.steps.iter().flat_map(|s| &s.items);
    let out_of_use = items().any(|i| matches!(i.result, ItemResult::OutOfUse { .. }));
    let defect = items().any(|i| matches!(i.result, ItemResult::Defect { .. }));
    if out_of_use && d.outcome != InspectionOutcome::OutOfUse {
        return Err(DocError::Inconsistent {
            nl: "een gebrek zet de tillift buiten gebruik, maar de uitslag is goedgekeurd",
            en: "a defect takes the hoist out of use, but the outcome is approved",
        });
    }
    if defect && d.outcome == InspectionOutcome::Approved {
        return Err(DocError::Inconsistent {
            nl: "er zijn gebreken, maar de uitslag is goedgekeurd zonder opmerkingen",
            en: "there are defects, but the outcome is approved without remarks",
        });
    }
    if d.signature
        .as_ref()
        .is_some_and(|s| s.role != SignerRole::Inspector)
    {
        return Err(DocError::Inconsistent {
            nl: "het rapport wordt getekend door de keurmeester",
            en: "the certificate is signed by the inspector",
        });
    }
    Ok(())
}

fn outcome_words(lang: Lang, o: InspectionOutcome) -> &'static str {
    match o {
        InspectionOutcome::Approved => tr(lang, "GOEDGEKEURD", "APPROVED"),
        InspectionOutcome::ApprovedWithRemarks => {
            tr(lang, "GOEDGEKEURD MET OPMERKINGEN", "APPROVED WITH REMARKS")
        }
        InspectionOutcome::OutOfUse => {
            tr(lang, "AFGEKEURD – BUITEN GEBRUIK", "REJECTED – OUT OF USE")
        }
    }
}

/// The outcome in a shaded box, with the next due date.
fn banner(flow: &mut Flow, lang: Lang, d: &HoistCertificateData) {
    let h = 40.0;
    flow.ensure(h + 8.0);
    let top = flow.y();
    let shade = match d.outcome {
        InspectionOutcome::Approved => 0.92,
        InspectionOutcome::ApprovedWithRemarks => 0.85,
        InspectionOutcome::OutOfUse => 0.75,
    };
    flow.fill_rect(LEFT, top, CONTENT_W, h, shade);
    let label = format!(
        "{}: {}",
        tr(lang, "Uitslag", "Outcome"),
        outcome_words(lang, d.outcome)
    );
    flow.text_at(LEFT + 8.0, top + 6.0, Style::H2, &label);
    let next = format!(
        "{} {}",
        tr(lang, "Volgende keuring uiterlijk", "Next inspection due by"),
        date(lang, d.next_due_on)
    );
    flow.text_at(LEFT + 8.0, top + 24.0, Style::BODY, &next);
    flow.advance(h + 6.0);
}

fn device_rows(lang: Lang, d: &HoistCertificateData) -> Vec<(String, String)> {
    let dev = &d.device;
    let row = |nl: &'static str, en: &'static str, v: String| (tr(lang, nl, en).to_string(), v);
    vec![
        row("Categorie", "Category", category(lang, dev.category)),
        row(
            "Merk en type",
            "Brand and type",
            one_line(&format!("{} {}", dev.brand, dev.model)),
        ),
        row(
            "Registratienummer",
            "Registration number",
            one_line(&dev.registration_number),
        ),
        row("Serienummer", "Serial number", one_line(&dev.serial_number)),
        row("Bouwjaar", "Build year", dev.build_year.to_string()),
        row(
            "Veilige werklast (SWL)",
            "Safe working load (SWL)",
            format!("{} kg", d.swl_kg),
        ),
        row(
            "Opstelplaats",
            "Location",
            format!(
                "{}\n{}",
                one_line(&d.resident.name),
                address(&d.resident.address)
            ),
        ),
    ]
}

fn inspection_rows(lang: Lang, d: &HoistCertificateData) -> Vec<(String, String)> {
    let kind = match d.kind {
        InspectionKind::First => tr(lang, "eerste keuring", "first inspection"),
        InspectionKind::Periodic => tr(lang, "periodieke keuring", "periodic inspection"),
        InspectionKind::AfterRepair => tr(lang, "keuring na reparatie", "inspection after repair"),
        InspectionKind::Exceptional => tr(lang, "buitengewone keuring", "exceptional inspection"),
    };
    let row = |nl: &'static str, en: &'static str, v: String| (tr(lang, nl, en).to_string(), v);
    let i = &d.inspector;
    let mut rows = vec![
        row("Soort keuring", "Kind of inspection", kind.to_string()),
        row("Gevolgde norm", "Standard followed", one_line(&d.standard)),
    ];
    if let Some(p) = &d.protocol {
        rows.push(row(
            "Protocol en versie",
            "Protocol and version",
            one_line(p),
        ));
    }
    rows.push(row(
        "Keuringsdatum",
        "Date of inspection",
        date(lang, d.inspected_on),
    ));
    rows.push(row(
        "Volgende keuring",
        "Next inspection",
        date(lang, d.next_due_on),
    ));
    rows.push(row(
        "Keurmeester",
        "Inspector",
        format!("{}\n{}", one_line(&i.name), one_line(&i.qualification)),
    ));
    rows.push(row(
        "Certificaatnummer keurmeester",
        "Inspector's certificate number",
        one_line(&i.certificate_number),
    ));
    if let Some(m) = &d.instrument {
        let name = m
            .name
            .as_deref()
            .map(|n| format!("{}, ", one_line(n)))
            .unwrap_or_default();
        let text = format!(
            "{name}{} {}, {} {}",
            tr(lang, "serienummer", "serial number"),
            one_line(&m.serial_number),
            tr(lang, "gekalibreerd op", "calibrated on"),
            date(lang, m.calibrated_on)
        );
        rows.push(row("Meetinstrument", "Measuring instrument", text));
    }
    rows
}
