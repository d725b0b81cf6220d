//! Tables: columns as fractions of the text width, cells wrapped to their column, a header
//! row repeated on every page the table continues on, and rows taller than a page split
//! between lines.

use super::flow::{Flow, Style, BOTTOM, CONTENT_W, LEFT, TOP};
use super::text::wrap;
use crate::fonts::Face;

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;

/// A column: its title (for the header row) and its share of the text width.
pub struct Column<'a> {
    pub title: &'a str,
    pub share: f32,
}

/// A cell's text and whether it is set in bold.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub bold: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: false,
        }
    }

    pub fn bold(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: true,
        }
    }
}

/// How the table looks.
#[derive(Clone, Copy)]
pub struct TableStyle {
    pub size: f32,
    /// Draw the header row with the column titles.
    pub header: bool,
}

impl TableStyle {
    pub const BODY: TableStyle = TableStyle {
        size: 8.5,
        header: true,
    };
    /// Label/value lists: no header row.
    pub const FIELDS: TableStyle = TableStyle {
        size: 9.0,
        header: false,
    };
}

struct Laid {
    /// Per cell, its wrapped lines.
    cells: Vec<Vec<String>>,
    bold: Vec<bool>,
}

impl Laid {
    fn lines(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(1).max(1)
    }
}

/// Draws a table at the cursor and moves the cursor below it.
pub fn table(flow: &mut Flow, columns: &[Column<'_>], rows: &[Vec<Cell>], style: TableStyle) {
    let total: f32 = columns
        .iter()
        .map(|c| c.share)
        .sum::<f32>()
        .max(f32::EPSILON);
    let widths: Vec<f32> = columns
        .iter()
        .map(|c| c.share / total * CONTENT_W)
        .collect();
    let lh = Style::new(Face::Regular, style.size).line_height();
    let header = style.header.then(|| {
        let cells = columns
            .iter()
            .map(|c| Cell::bold(c.title))
            .collect::<Vec<_>>();
        lay(&cells, &widths, style.size)
    });
    let header_h = header.as_ref().map_or(0.0, |h| row_height(h.lines(), lh));
    // Keep the header with at least the first row.
    let first_h = rows.first().map_or(0.0, |r| {
        row_height(lay(r, &widths, style.size).lines().min(3), lh)
    });
    flow.ensure(header_h + first_h);
    if let Some(h) = &header {
        draw_rows(flow, h, &widths, 0, h.lines(), lh, true, style.size);
    }
    for row in rows {
        let laid = lay(row, &widths, style.size);
        let mut from = 0;
        let total_lines = laid.lines();
        while from < total_lines {
            let room = ((BOTTOM - flow.y() - 2.0 * PAD_Y) / lh).floor().max(0.0) as usize;
            let rest = total_lines - from;
            // Start a new page when the (rest of the) row does not fit, unless it would not
            // fit on an empty page either: then fill this page and continue on the next.
            let page_lines = ((BOTTOM - TOP - header_h - 2.0 * PAD_Y) / lh).floor() as usize;
            if rest > room && (rest <= page_lines || room < 2) {
                flow.new_page();
                if let Some(h) = &header {
                    draw_rows(flow, h, &widths, 0, h.lines(), lh, true, style.size);
                }
                continue;
            }
            let to = from + rest.min(room.max(1));
            draw_rows(flow, &laid, &widths, from, to, lh, false, style.size);
            from = to;
        }
    }
    flow.advance(6.0);
}

fn row_height(lines: usize, lh: f32) -> f32 {
    lines as f32 * lh + 2.0 * PAD_Y
}

fn lay(row: &[Cell], widths: &[f32], size: f32) -> Laid {
    let cells = row
        .iter()
        .zip(widths)
        .map(|(cell, w)| {
            let face = if cell.bold { Face::Bold } else { Face::Regular };
            let style = Style::new(face, size);
            wrap(&cell.text, style.wrap(w - 2.0 * PAD_X, None))
        })
        .collect();
    Laid {
        cells,
        bold: row.iter().map(|c| c.bold).collect(),
    }
}

/// Draws lines `from..to` of a laid-out row at the cursor.
#[allow(clippy::too_many_arguments)]
fn draw_rows(
    flow: &mut Flow,
    laid: &Laid,
    widths: &[f32],
    from: usize,
    to: usize,
    lh: f32,
    header: bool,
    size: f32,
) {
    let top = flow.y();
    let h = row_height(to - from, lh);
    if header {
        flow.fill_rect(LEFT, top, CONTENT_W, h, 0.9);
    }
    let mut x = LEFT;
    for ((lines, w), bold) in laid.cells.iter().zip(widths).zip(&laid.bold) {
        let face = if *bold { Face::Bold } else { Face::Regular };
        let style = Style::new(face, size);
        for (i, line) in lines.iter().enumerate().take(to).skip(from) {
            let line_top = top + PAD_Y + (i - from) as f32 * lh;
            flow.text_at(x + PAD_X, line_top, style, line);
        }
        x += w;
    }
    flow.rule(LEFT, LEFT + CONTENT_W, top + h, 0.75, 0.4);
    flow.advance(h);
}
