//! Pages and the flow of content down them: a cursor that moves from the top margin to the
//! bottom margin and starts a new page when the next piece does not fit. Coordinates here are
//! points from the top-left corner; they are turned into PDF's bottom-left system when drawn.

use super::text::{wrap, Wrap};
use crate::fonts::{face, Face};
use crate::model::Lang;
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect,
    TextItem, XObjectId, XObjectTransform,
};

/// A4 in points.
pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
/// Left and right edge of the text area (20 mm margins).
pub const LEFT: f32 = 56.693;
pub const RIGHT: f32 = PAGE_W - 56.693;
pub const CONTENT_W: f32 = RIGHT - LEFT;
/// Top and bottom of the text area, from the top (room for the header and footer).
pub const TOP: f32 = 72.0;
pub const BOTTOM: f32 = PAGE_H - 64.0;

/// How a piece of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    /// 0 = black, 1 = white.
    pub grey: f32,
}

impl Style {
    pub const BODY: Style = Style::new(Face::Regular, 9.5);
    pub const SMALL: Style = Style::new(Face::Regular, 8.0);
    pub const LABEL: Style = Style::new(Face::Bold, 9.0);
    pub const H1: Style = Style::new(Face::Bold, 16.0);
    pub const H2: Style = Style::new(Face::Bold, 11.5);

    pub const fn new(face: Face, size: f32) -> Style {
        Style {
            face,
            size,
            grey: 0.0,
        }
    }

    pub const fn grey(self, grey: f32) -> Style {
        Style { grey, ..self }
    }

    pub fn line_height(self) -> f32 {
        self.size * 1.32
    }

    pub fn wrap(self, width: f32, hyphenate: Option<Lang>) -> Wrap<'static> {
        Wrap {
            face: face(self.face),
            size: self.size,
            width,
            hyphenate,
        }
    }
}

/// What the layout measured: tests use it to prove nothing runs off the page.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayoutStats {
    pub pages: usize,
    /// The right-most edge of any text drawn, in points from the left of the page.
    pub widest_right: f32,
    /// The lowest edge of any content in the text area, in points from the top of the page.
    pub lowest_bottom: f32,
}

/// The pages being laid out.
pub struct Flow {
    pages: Vec<Vec<Op>>,
    y: f32,
    fonts: [FontId; 2],
    stats: LayoutStats,
}

impl Flow {
    pub fn new(fonts: [FontId; 2]) -> Flow {
        Flow {
            pages: vec![Vec::new()],
            y: TOP,
            fonts,
            stats: LayoutStats::default(),
        }
    }

    /// Current position from the top of the page.
    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Moves down; never past the bottom (the next piece then starts a new page).
    pub fn advance(&mut self, dy: f32) {
        self.y = (self.y + dy).min(BOTTOM);
        self.stats.lowest_bottom = self.stats.lowest_bottom.max(self.y);
    }

    /// Starts a new page unless `height` fits below the cursor. Returns whether it broke.
    pub fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > BOTTOM + 0.01 && self.y > TOP {
            self.new_page();
            return true;
        }
        false
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn font_id(&self, f: Face) -> FontId {
        match f {
            Face::Regular => self.fonts[0].clone(),
            Face::Bold => self.fonts[1].clone(),
        }
    }

    /// Draws one line of text with its top at `top` (from the top of the page).
    pub fn text_at(&mut self, x: f32, top: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        let f = face(style.face);
        let right = x + f.width(text, style.size);
        self.stats.widest_right = self.stats.widest_right.max(right);
        let baseline = PAGE_H - top - f.ascent(style.size);
        let font = self.font_id(style.face);
        let ops = self.ops();
        ops.push(Op::SetFillColor {
            col: grey(style.grey),
        });
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font),
            size: Pt(style.size),
        });
        ops.push(Op::SetTextCursor {
            pos: Point::new_pt(x, baseline),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
        ops.push(Op::EndTextSection);
    }

    /// Lays out a paragraph at the cursor (from `x` to the right margin), breaking pages
    /// between lines: never one line alone at the bottom of a page (orphan) or at the top of
    /// the next (widow).
    pub fn paragraph(&mut self, text: &str, style: Style, x: f32, hyphenate: Option<Lang>) {
        let lines = wrap(text, style.wrap(RIGHT - x, hyphenate));
        let lh = style.line_height();
        let mut i = 0;
        while i < lines.len() {
            let left = lines.len() - i;
            let room = ((BOTTOM + 0.01 - self.y) / lh).floor().max(0.0) as usize;
            let mut take = room.min(left);
            if take < left && left - take == 1 && take > 2 {
                take -= 1;
            }
            if (take == 0 || (take == 1 && left > 1)) && self.y > TOP {
                self.new_page();
                continue;
            }
            let take = take.max(1);
            for line in &lines[i..i + take] {
                let top = self.y;
                self.text_at(x, top, style, line);
                self.advance(lh);
            }
            i += take;
            if i < lines.len() {
                self.new_page();
            }
        }
    }

    /// A heading, kept on the same page as (at least) three lines of what follows.
    pub fn heading(&mut self, text: &str, style: Style, space_before: f32) {
        self.heading_with(text, style, space_before, 3.0 * Style::BODY.line_height());
    }

    /// A heading, kept on the same page as the first `keep` points of what follows.
    pub fn heading_with(&mut self, text: &str, style: Style, space_before: f32, keep: f32) {
        let lines = wrap(text, style.wrap(CONTENT_W, None));
        let lh = style.line_height();
        let needed = space_before + lh * lines.len() as f32 + keep;
        if !self.ensure(needed) && self.y > TOP {
            self.advance(space_before);
        }
        for line in &lines {
            let top = self.y;
            self.text_at(LEFT, top, style, line);
            self.advance(lh);
        }
        self.advance(2.0);
    }

    /// A horizontal rule at `top` from `x0` to `x1`.
    pub fn rule(&mut self, x0: f32, x1: f32, top: f32, shade: f32, thickness: f32) {
        let y = PAGE_H - top;
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: grey(shade) });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(x0, y), point(x1, y)],
                is_closed: false,
            },
        });
    }

    /// A filled rectangle with its top-left corner at (`x`, `top`).
    pub fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, shade: f32) {
        self.rect(x, top, w, h, shade, PaintMode::Fill);
    }

    /// The outline of a rectangle with its top-left corner at (`x`, `top`).
    pub fn stroke_rect(&mut self, x: f32, top: f32, w: f32, h: f32, shade: f32) {
        self.rect(x, top, w, h, shade, PaintMode::Stroke);
    }

    fn rect(&mut self, x: f32, top: f32, w: f32, h: f32, shade: f32, mode: PaintMode) {
        self.stats.lowest_bottom = self.stats.lowest_bottom.max(top + h);
        let ops = self.ops();
        match mode {
            PaintMode::Stroke => {
                ops.push(Op::SetOutlineColor { col: grey(shade) });
                ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
            }
            _ => ops.push(Op::SetFillColor { col: grey(shade) }),
        }
        let mut r = Rect::from_xywh(Pt(x), Pt(PAGE_H - top - h), Pt(w), Pt(h));
        r.mode = Some(mode);
        ops.push(Op::DrawRectangle { rectangle: r });
    }

    /// Draws an image XObject into the box with its top-left corner at (`x`, `top`).
    pub fn image(&mut self, id: &XObjectId, x: f32, top: f32, w: f32, h: f32) {
        self.stats.lowest_bottom = self.stats.lowest_bottom.max(top + h);
        self.ops().push(Op::UseXobject {
            id: id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(PAGE_H - top - h)),
                scale_x: Some(w),
                scale_y: Some(h),
                no_auto_scale: true,
                ..Default::default()
            },
        });
    }

    /// Ends the layout: draws each page's header (title left, reference right, a rule) and
    /// footer (`footer_left`, and "page i of n" from `page_label`), and returns the pages.
    pub fn finish(
        mut self,
        title: &str,
        reference: &str,
        footer_left: &str,
        page_label: impl Fn(usize, usize) -> String,
    ) -> (Vec<Vec<Op>>, LayoutStats) {
        let n = self.pages.len();
        let body = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(n);
        let small = Style::SMALL.grey(0.3);
        for (i, page) in body.into_iter().enumerate() {
            self.pages = vec![Vec::new()];
            let head = Style::new(Face::Bold, 8.0).grey(0.3);
            self.text_at(LEFT, 36.0, head, title);
            let ref_w = face(small.face).width(reference, small.size);
            self.text_at(RIGHT - ref_w, 36.0, small, reference);
            self.rule(LEFT, RIGHT, 50.0, 0.6, 0.5);
            self.rule(LEFT, RIGHT, PAGE_H - 48.0, 0.6, 0.5);
            self.text_at(LEFT, PAGE_H - 42.0, small, footer_left);
            let label = page_label(i + 1, n);
            let label_w = face(small.face).width(&label, small.size);
            self.text_at(RIGHT - label_w, PAGE_H - 42.0, small, &label);
            let mut ops = std::mem::take(&mut self.pages[0]);
            ops.extend(page);
            out.push(ops);
        }
        self.stats.pages = n;
        (out, self.stats)
    }
}

fn grey(shade: f32) -> Color {
    Color::Greyscale(Greyscale::new(shade, None))
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point::new_pt(x, y),
        bezier: false,
    }
}

/// `Point` in points (printpdf's `Point::new` takes millimetres).
trait PointPt {
    fn new_pt(x: f32, y: f32) -> Point;
}

impl PointPt for Point {
    fn new_pt(x: f32, y: f32) -> Point {
        Point { x: Pt(x), y: Pt(y) }
    }
}
