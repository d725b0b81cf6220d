//! The job report (werkbon) for maintenance, repairs and adjustments.

use crate::blocks::{
    check_measurements, fields, fit, measurements, signatures, Images, SignatureBox,
};
use crate::common::*;
use crate::error::{DocError, Result};
use crate::images;
use crate::layout::{one_line, table, Cell, Column, Flow, Style, TableStyle, CONTENT_W, LEFT};
use crate::model::*;
use crate::pdf::{assemble, font_ids, Meta, RenderedPdf};

/// Room kept below the sign-off heading (a signature box) and the photos heading (a row).
const SIGNATURE_KEEP: f32 = 150.0;
const PHOTO_KEEP: f32 = 150.0;

/// Renders the job report in `lang`.
pub fn render_job_report(data: &JobReportData, lang: Lang) -> Result<RenderedPdf> {
    validate(data)?;
    let doc_id = data_id("job-report", lang, data)?;
    let mut flow = Flow::new(font_ids(&doc_id));
    let mut images = Images::default();
    let title = tr(lang, "Werkbon", "Job report");
    let kind = kind_words(lang, data.kind);
    flow.heading(&format!("{title}: {kind}"), Style::H1, 0.0);
    let sub = format!(
        "{} {}",
        tr(lang, "Werkbon", "Job"),
        one_line(&data.job_reference)
    );
    flow.paragraph(&sub, Style::SMALL.grey(0.35), LEFT, None);
    flow.advance(6.0);
    fields(&mut flow, &header_rows(lang, data));
    if let Some(c) = optional("complaint", data.complaint.as_deref(), 4000)? {
        flow.heading(tr(lang, "Melding", "Reported problem"), Style::H2, 10.0);
        flow.paragraph(&c, Style::BODY, LEFT, None);
    }
    if let Some(w) = optional("work done", data.work_done.as_deref(), 4000)? {
        flow.heading(tr(lang, "Uitgevoerd werk", "Work done"), Style::H2, 10.0);
        flow.paragraph(&w, Style::BODY, LEFT, None);
    }
    if !data.steps.is_empty() {
        flow.heading(tr(lang, "Controlepunten", "Checklist"), Style::H2, 10.0);
        for step in &data.steps {
            step_results(&mut flow, lang, step);
        }
    }
    if !data.measurements.is_empty() {
        flow.heading(tr(lang, "Metingen", "Measurements"), Style::H2, 10.0);
        measurements(&mut flow, lang, &data.measurements);
    }
    flow.heading(
        tr(lang, "Vervangen onderdelen", "Parts replaced"),
        Style::H2,
        10.0,
    );
    parts(&mut flow, lang, &data.parts);
    if !data.signals.is_empty() {
        flow.heading(
            tr(
                lang,
                "Signalen voor de gemeente",
                "Signals for the municipality",
            ),
            Style::H2,
            10.0,
        );
        signals(&mut flow, lang, &data.signals);
    }
    if !data.photos.is_empty() {
        flow.heading_with(tr(lang, "Foto's", "Photos"), Style::H2, 10.0, PHOTO_KEEP);
        photos(&mut flow, &mut images, &data.photos)?;
    }
    flow.heading_with(
        tr(lang, "Aftekenen", "Sign-off"),
        Style::H2,
        12.0,
        SIGNATURE_KEEP,
    );
    match &data.sign_off {
        SignOff::Signed(sig) => {
            let caption = tr(lang, "Voor gezien en akkoord", "Seen and agreed").to_string();
            signatures(
                &mut flow,
                lang,
                &mut images,
                &[SignatureBox {
                    caption,
                    signature: sig,
                }],
            )?;
        }
        SignOff::Refused {
            name,
            role: r,
            at,
            reason,
        } => {
            let text = format!(
                "{} {} ({}), {}. {}: {}",
                tr(lang, "Aftekenen geweigerd door", "Sign-off refused by"),
                one_line(name),
                role(lang, *r),
                date_time(lang, *at),
                tr(lang, "Reden", "Reason"),
                one_line(reason)
            );
            flow.paragraph(&text, Style::BODY, LEFT, None);
        }
    }
    let reference = format!(
        "{} {}",
        tr(lang, "Registratienr.", "Reg. no."),
        one_line(&data.device.registration_number)
    );
    let laid = flow.finish(
        title,
        &reference,
        &footer(lang, &doc_id, "job-report", 1),
        |i, n| page_label(lang, i, n),
    );
    let created = match &data.sign_off {
        SignOff::Signed(s) => s.signed_at.max(data.finished_at),
        SignOff::Refused { at, .. } => (*at).max(data.finished_at),
    };
    let subject = format!("{} {}", title, data.job_reference);
    let meta = Meta {
        title,
        subject: &subject,
        lang,
        doc_id,
        created,
    };
    assemble(laid, images.into_vec(), &meta)
}

fn validate(d: &JobReportData) -> Result<()> {
    required("job reference", &d.job_reference, 60)?;
    required("technician", &d.technician, 200)?;
    required("resident name", &d.resident.name, 200)?;
    required("registration number", &d.device.registration_number, 60)?;
    check_steps(&d.steps)?;
    check_measurements(&d.measurements)?;
    at_most("parts", &d.parts, 200)?;
    for p in &d.parts {
        required("part description", &p.description, 300)?;
        optional("part number", Some(&p.part_number), 60)?;
    }
    at_most("photos", &d.photos, 60)?;
    for p in &d.photos {
        optional("photo caption", p.caption.as_deref(), 200)?;
    }
    at_most("signals", &d.signals, 50)?;
    for s in &d.signals {
        required("signal", &s.text, 2000)?;
    }
    if d.finished_at < d.started_at {
        return Err(DocError::Inconsistent {
            nl: "de job eindigt voordat hij begint",
            en: "the job ends before it starts",
        });
    }
    match &d.sign_off {
        SignOff::Signed(s) => {
            required("signer name", &s.name, 200)?;
        }
        SignOff::Refused { name, reason, .. } => {
            required("name of who refused", name, 200)?;
            required("reason for refusing", reason, 1000)?;
        }
    }
    Ok(())
}

fn kind_words(lang: Lang, k: JobKind) -> &'static str {
    match k {
        JobKind::PreventiveMaintenance => {
            tr(lang, "preventief onderhoud", "preventive maintenance")
        }
        JobKind::Repair => tr(lang, "reparatie", "repair"),
        JobKind::Adjustment => tr(lang, "aanpassing", "adjustment"),
    }
}

fn header_rows(lang: Lang, d: &JobReportData) -> Vec<(String, String)> {
    let dev = &d.device;
    let row = |nl: &'static str, en: &'static str, v: String| (tr(lang, nl, en).to_string(), v);
    let when = format!(
        "{} – {}",
        date_time(lang, d.started_at),
        time(d.finished_at)
    );
    let mut rows = vec![
        row(
            "Inwoner",
            "Resident",
            format!(
                "{}\n{}",
                one_line(&d.resident.name),
                address(&d.resident.address)
            ),
        ),
        row(
            "Hulpmiddel",
            "Device",
            format!(
                "{}\n{} {}",
                category(lang, dev.category),
                one_line(&dev.brand),
                one_line(&dev.model)
            ),
        ),
        row(
            "Registratienummer",
            "Registration number",
            one_line(&dev.registration_number),
        ),
        row("Serienummer", "Serial number", one_line(&dev.serial_number)),
        row("Monteur", "Technician", one_line(&d.technician)),
        row("Datum en tijd", "Date and time", when),
        row(
            "Bestede tijd",
            "Time spent",
            duration(lang, d.labour_minutes),
        ),
    ];
    if let Some(c) = &d.checklist {
        rows.push(row("Controlelijst", "Checklist", one_line(c)));
    }
    if let Some(n) = d.next_due_on {
        rows.push(row("Volgend onderhoud", "Next maintenance", date(lang, n)));
    }
    rows
}

/// A step's count of OK items, then only what needs attention (and OK items with a note).
fn step_results(flow: &mut Flow, lang: Lang, step: &CheckStep) {
    let ok = step
        .items
        .iter()
        .filter(|i| i.result == ItemResult::Ok)
        .count();
    let na = step
        .items
        .iter()
        .filter(|i| i.result == ItemResult::NotApplicable)
        .count();
    let summary = match lang {
        Lang::Nl => format!("{}: {ok} in orde, {na} n.v.t.", one_line(&step.title.nl)),
        Lang::En => format!("{}: {ok} OK, {na} n/a", one_line(&step.title.en)),
    };
    let detail: Vec<&CheckItem> = step
        .items
        .iter()
        .filter(|i| {
            let plain = matches!(i.result, ItemResult::Ok | ItemResult::NotApplicable);
            !plain || i.note.as_deref().is_some_and(|n| !n.trim().is_empty())
        })
        .collect();
    flow.heading(&summary, Style::LABEL, 4.0);
    if detail.is_empty() {
        return;
    }
    let cols = [
        Column {
            title: tr(lang, "Controlepunt", "Item"),
            share: 0.4,
        },
        Column {
            title: tr(lang, "Resultaat", "Result"),
            share: 0.25,
        },
        Column {
            title: tr(lang, "Toelichting", "Note"),
            share: 0.35,
        },
    ];
    let rows: Vec<Vec<Cell>> = detail
        .iter()
        .map(|i| {
            vec![
                Cell::new(one_line(lang.pick(&i.label))),
                Cell::new(result(lang, &i.result)),
                Cell::new(item_detail(i)),
            ]
        })
        .collect();
    table(flow, &cols, &rows, TableStyle::BODY);
}

fn parts(flow: &mut Flow, lang: Lang, parts: &[PartUsed]) {
    if parts.is_empty() {
        flow.paragraph(
            tr(lang, "Geen onderdelen vervangen.", "No parts replaced."),
            Style::BODY,
            LEFT,
            None,
        );
        flow.advance(4.0);
        return;
    }
    let cols = [
        Column {
            title: tr(lang, "Artikelnummer", "Part number"),
            share: 0.22,
        },
        Column {
            title: tr(lang, "Omschrijving", "Description"),
            share: 0.5,
        },
        Column {
            title: tr(lang, "Aantal", "Quantity"),
            share: 0.12,
        },
        Column {
            title: tr(lang, "Nieuw of hergebruikt", "New or reused"),
            share: 0.16,
        },
    ];
    let rows: Vec<Vec<Cell>> = parts
        .iter()
        .map(|p| {
            let state = if p.reused {
                tr(lang, "hergebruikt", "reused")
            } else {
                tr(lang, "nieuw", "new")
            };
            vec![
                Cell::new(one_line(&p.part_number)),
                Cell::new(one_line(&p.description)),
                Cell::new(p.quantity.to_string()),
                Cell::new(state),
            ]
        })
        .collect();
    table(flow, &cols, &rows, TableStyle::BODY);
}

fn signals(flow: &mut Flow, lang: Lang, list: &[ReportSignal]) {
    for s in list {
        let urgent = if s.urgent {
            tr(lang, " (direct gemeld)", " (reported at once)")
        } else {
            ""
        };
        flow.heading(
            &format!("{}{urgent}", one_line(lang.pick(&s.topic))),
            Style::LABEL,
            2.0,
        );
        flow.paragraph(&crate::layout::normalise(&s.text), Style::BODY, LEFT, None);
        flow.advance(4.0);
    }
}

/// Thumbnails three to a row, each with its caption under it.
fn photos(flow: &mut Flow, images: &mut Images, list: &[Photo]) -> Result<()> {
    let gap = 10.0;
    let w = (CONTENT_W - 2.0 * gap) / 3.0;
    let box_h = w * 0.75;
    for (n, row) in list.chunks(3).enumerate() {
        let captions: Vec<Vec<String>> = row
            .iter()
            .map(|p| {
                let c = p.caption.as_deref().map(one_line).unwrap_or_default();
                crate::layout::text::wrap(&c, Style::SMALL.wrap(w, None))
                    .into_iter()
                    .collect()
            })
            .collect();
        let cap_h =
            captions.iter().map(Vec::len).max().unwrap_or(0) as f32 * Style::SMALL.line_height();
        flow.ensure(box_h + cap_h + 8.0);
        let top = flow.y();
        for (i, (photo, caption)) in row.iter().zip(&captions).enumerate() {
            let x = LEFT + i as f32 * (w + gap);
            let img = images::photo(&photo.jpeg, &format!("foto {}", n * 3 + i + 1))?;
            let (id, pw, ph) = images.add(img);
            let (iw, ih) = fit(pw, ph, w, box_h);
            flow.image(&id, x + (w - iw) / 2.0, top + (box_h - ih) / 2.0, iw, ih);
            for (k, line) in caption.iter().enumerate() {
                let y = top + box_h + 2.0 + k as f32 * Style::SMALL.line_height();
                flow.text_at(x, y, Style::SMALL, line);
            }
        }
        flow.advance(box_h + cap_h + 8.0);
    }
    Ok(())
}
