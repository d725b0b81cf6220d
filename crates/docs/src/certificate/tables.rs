//! The certificate's tables: every item, the defects with remedy and deadline, the slings.

use crate::common::*;
use crate::layout::{one_line, table, Cell, Column, Flow, Style, TableStyle, LEFT};
use crate::model::*;

/// Every item of a step with its result (a certificate lists them all).
pub(super) fn items_table(flow: &mut Flow, lang: Lang, step: &CheckStep) {
    flow.heading(&one_line(lang.pick(&step.title)), Style::LABEL, 4.0);
    let cols = [
        Column {
            title: tr(lang, "Keurpunt", "Item"),
            share: 0.42,
        },
        Column {
            title: tr(lang, "Resultaat", "Result"),
            share: 0.25,
        },
        Column {
            title: tr(lang, "Toelichting", "Note"),
            share: 0.33,
        },
    ];
    let rows: Vec<Vec<Cell>> = step
        .items
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

/// Each defect with its remedy and deadline.
pub(super) fn defects(flow: &mut Flow, lang: Lang, steps: &[CheckStep]) {
    let rows: Vec<Vec<Cell>> = steps
        .iter()
        .flat_map(|s| s.items.iter().map(move |i| (s, i)))
        .filter_map(|(s, i)| {
            let (remedy, by) = match &i.result {
                ItemResult::Defect { remedy, fix_by } => (remedy, date(lang, *fix_by)),
                ItemResult::OutOfUse { remedy } => (
                    remedy,
                    tr(lang, "buiten gebruik tot herstel", "out of use until fixed").into(),
                ),
                _ => return None,
            };
            let part = format!(
                "{}: {}",
                one_line(lang.pick(&s.title)),
                one_line(lang.pick(&i.label))
            );
            Some(vec![
                Cell::new(part),
                Cell::new(one_line(remedy)),
                Cell::new(by),
            ])
        })
        .collect();
    if rows.is_empty() {
        flow.paragraph(
            tr(lang, "Geen gebreken gevonden.", "No defects found."),
            Style::BODY,
            LEFT,
            None,
        );
        flow.advance(4.0);
        return;
    }
    let cols = [
        Column {
            title: tr(lang, "Onderdeel", "Part"),
            share: 0.38,
        },
        Column {
            title: tr(lang, "Herstel", "Remedy"),
            share: 0.38,
        },
        Column {
            title: tr(lang, "Uiterlijk", "Deadline"),
            share: 0.24,
        },
    ];
    table(flow, &cols, &rows, TableStyle::BODY);
}

pub(super) fn slings(flow: &mut Flow, lang: Lang, slings: &[SlingResult]) {
    if slings.is_empty() {
        let none = tr(
            lang,
            "Bij deze keuring zijn geen tilbanden gekeurd.",
            "No slings were inspected.",
        );
        flow.paragraph(none, Style::BODY, LEFT, None);
        flow.advance(4.0);
        return;
    }
    let cols = [
        Column {
            title: tr(lang, "Nummer", "Number"),
            share: 0.16,
        },
        Column {
            title: tr(lang, "Fabrikant en type", "Make and type"),
            share: 0.26,
        },
        Column {
            title: tr(lang, "Maat", "Size"),
            share: 0.08,
        },
        Column {
            title: "SWL",
            share: 0.1,
        },
        Column {
            title: tr(lang, "Uitslag", "Outcome"),
            share: 0.16,
        },
        Column {
            title: tr(lang, "Opmerking", "Note"),
            share: 0.24,
        },
    ];
    let rows: Vec<Vec<Cell>> = slings
        .iter()
        .map(|s| {
            let outcome = match s.outcome {
                SlingOutcome::Approved => tr(lang, "goedgekeurd", "approved"),
                SlingOutcome::Withdrawn => tr(lang, "afgekeurd, uit gebruik", "withdrawn"),
            };
            vec![
                Cell::new(one_line(&s.number)),
                Cell::new(one_line(&format!("{} {}", s.manufacturer, s.model))),
                Cell::new(one_line(&s.size)),
                Cell::new(format!("{} kg", s.swl_kg)),
                Cell::new(outcome),
                Cell::new(s.note.as_deref().map(one_line).unwrap_or_default()),
            ]
        })
        .collect();
    table(flow, &cols, &rows, TableStyle::BODY);
}
