//! Building blocks the documents share: label/value lists, signature boxes, images.

use crate::common::{date_time, number, role, tr};
use crate::error::Result;
use crate::fonts::Face;
use crate::images;
use crate::layout::{one_line, table, Cell, Column, Flow, Style, TableStyle, CONTENT_W, LEFT};
use crate::model::{Lang, Measurement, Signature};
use crate::pdf::image_id;
use printpdf::{XObject, XObjectId};

/// The images of a document, in the order they are first drawn.
#[derive(Default)]
pub struct Images {
    list: Vec<XObject>,
}

impl Images {
    /// Adds an image; returns its resource id and its size in pixels.
    pub fn add(&mut self, img: images::Embedded) -> (XObjectId, f32, f32) {
        let size = (img.width as f32, img.height as f32);
        self.list.push(img.xobject);
        (image_id(self.list.len() - 1), size.0, size.1)
    }

    pub fn into_vec(self) -> Vec<XObject> {
        self.list
    }
}

/// Label/value rows, labels in bold.
pub fn fields(flow: &mut Flow, rows: &[(String, String)]) {
    let cols = [
        Column {
            title: "",
            share: 0.34,
        },
        Column {
            title: "",
            share: 0.66,
        },
    ];
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|(l, v)| vec![Cell::bold(l.clone()), Cell::new(v.clone())])
        .collect();
    table(flow, &cols, &rows, TableStyle::FIELDS);
}

/// Fits a `w` x `h` picture into a `bw` x `bh` box, keeping its proportions.
pub fn fit(w: f32, h: f32, bw: f32, bh: f32) -> (f32, f32) {
    let s = (bw / w.max(1.0)).min(bh / h.max(1.0));
    (w * s, h * s)
}

/// One signature box: who signs (caption), then the drawn signature, name, role and time.
pub struct SignatureBox<'a> {
    pub caption: String,
    pub signature: &'a Signature,
}

const IMAGE_H: f32 = 62.0;
const PAD: f32 = 6.0;
const LINE: f32 = 11.5;

/// The wrapped text of a box: caption lines, then name, role and time lines.
struct BoxText {
    caption: Vec<String>,
    rows: Vec<(Style, String)>,
}

impl BoxText {
    fn new(lang: Lang, b: &SignatureBox<'_>, inner: f32) -> BoxText {
        let caption = crate::layout::text::wrap(&b.caption, Style::LABEL.wrap(inner, None));
        let body = Style::new(Face::Regular, 8.5);
        let bold = Style::new(Face::Bold, 8.5);
        let signed = format!(
            "{} {}",
            tr(lang, "Getekend op", "Signed on"),
            date_time(lang, b.signature.signed_at)
        );
        let mut rows = Vec::new();
        for (style, text) in [
            (bold, crate::layout::one_line(&b.signature.name)),
            (body, role(lang, b.signature.role).to_string()),
            (body, signed),
        ] {
            for line in crate::layout::text::wrap(&text, style.wrap(inner, None)) {
                rows.push((style, line));
            }
        }
        BoxText { caption, rows }
    }

    fn image_top(&self) -> f32 {
        PAD + self.caption.len() as f32 * LINE + 2.0
    }

    fn height(&self) -> f32 {
        self.image_top() + IMAGE_H + 6.0 + self.rows.len() as f32 * LINE + PAD
    }
}

/// Draws signature boxes two side by side (more go on further rows).
pub fn signatures(
    flow: &mut Flow,
    lang: Lang,
    images: &mut Images,
    boxes: &[SignatureBox<'_>],
) -> Result<()> {
    let gap = 14.0;
    let w = (CONTENT_W - gap) / 2.0;
    for row in boxes.chunks(2) {
        let texts: Vec<BoxText> = row
            .iter()
            .map(|b| BoxText::new(lang, b, w - 2.0 * PAD))
            .collect();
        let h = texts.iter().map(BoxText::height).fold(0.0, f32::max);
        flow.ensure(h + 6.0);
        let top = flow.y();
        for (i, (b, t)) in row.iter().zip(&texts).enumerate() {
            let x = LEFT + i as f32 * (w + gap);
            draw_box(flow, lang, images, b, t, (x, top, w, h))?;
        }
        flow.advance(h + 10.0);
    }
    Ok(())
}

fn draw_box(
    flow: &mut Flow,
    lang: Lang,
    images: &mut Images,
    b: &SignatureBox<'_>,
    t: &BoxText,
    (x, top, w, h): (f32, f32, f32, f32),
) -> Result<()> {
    flow.stroke_rect(x, top, w, h, 0.55);
    let inner = w - 2.0 * PAD;
    for (i, line) in t.caption.iter().enumerate() {
        flow.text_at(x + PAD, top + PAD + i as f32 * LINE, Style::LABEL, line);
    }
    let which = format!(
        "{} ({})",
        one_line(&b.signature.name),
        role(lang, b.signature.role)
    );
    let img = images::signature(&b.signature.png, &which)?;
    let (id, pw, ph) = images.add(img);
    let (iw, ih) = fit(pw, ph, inner, IMAGE_H);
    flow.image(
        &id,
        x + PAD,
        top + t.image_top() + (IMAGE_H - ih) / 2.0,
        iw,
        ih,
    );
    let line_top = top + t.image_top() + IMAGE_H + 2.0;
    flow.rule(x + PAD, x + w - PAD, line_top, 0.6, 0.4);
    for (i, (style, text)) in t.rows.iter().enumerate() {
        flow.text_at(x + PAD, line_top + 4.0 + i as f32 * LINE, *style, text);
    }
    Ok(())
}

/// Measurements as a table: what was measured and the value with its unit.
pub fn measurements(flow: &mut Flow, lang: Lang, list: &[Measurement]) {
    let cols = [
        Column {
            title: tr(lang, "Meting", "Measurement"),
            share: 0.6,
        },
        Column {
            title: tr(lang, "Waarde", "Value"),
            share: 0.4,
        },
    ];
    let rows: Vec<Vec<Cell>> = list
        .iter()
        .map(|m| {
            let value = format!(
                "{} {}",
                number(lang, m.value, m.decimals),
                one_line(&m.unit)
            );
            vec![
                Cell::new(one_line(lang.pick(&m.label))),
                Cell::new(value.trim().to_string()),
            ]
        })
        .collect();
    table(flow, &cols, &rows, TableStyle::BODY);
}

/// Checks measurement labels, units and values.
pub fn check_measurements(list: &[Measurement]) -> Result<()> {
    crate::common::at_most("measurements", list, 200)?;
    for m in list {
        crate::common::required("measurement label", &m.label.nl, 200)?;
        crate::common::required("measurement label", &m.label.en, 200)?;
        if m.unit.chars().count() > 20 {
            return Err(crate::error::DocError::TooLong {
                field: "unit",
                max: 20,
            });
        }
        if !m.value.is_finite() || m.decimals > 4 {
            return Err(crate::error::DocError::Inconsistent {
                nl: "een meetwaarde is geen getal of heeft meer dan 4 decimalen",
                en: "a measured value is not a number or has more than 4 decimals",
            });
        }
    }
    Ok(())
}
