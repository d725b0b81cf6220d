//! The embedded typeface (DejaVu Sans, regular and bold, from assets/fonts/) and its metrics.
//! Each face is parsed once per process and shared: parsing is pure, so this is memoisation,
//! not state.

use printpdf::ParsedFont;
use std::sync::OnceLock;

const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Which face a piece of text is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    pub const ALL: [Face; 2] = [Face::Regular, Face::Bold];
}

/// A parsed face with what layout needs from it.
pub struct FontFace {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Advance widths of U+0000..U+02FF in font units (Latin, Latin-1, Latin Extended A/B,
    /// spacing modifiers): the characters of Dutch and English text, looked up without the
    /// cmap. Other characters go through the cmap.
    latin: Vec<u16>,
}

impl FontFace {
    fn parse(bytes: &[u8]) -> FontFace {
        let mut warnings = Vec::new();
        // The embedded fonts are part of the build; failing to parse them is a build defect
        // that every test would catch at once, not an input error.
        #[allow(clippy::expect_used)]
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("embedded font must parse");
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut face = FontFace {
            parsed,
            units_per_em,
            latin: Vec::new(),
        };
        face.latin = (0u32..0x300)
            .map(|cp| face.advance_units(char::from_u32(cp).unwrap_or(' ')))
            .collect();
        face
    }

    fn advance_units(&self, ch: char) -> u16 {
        let gid = self.parsed.lookup_glyph_index(ch as u32).unwrap_or(0);
        self.parsed.get_horizontal_advance(gid)
    }

    /// Whether the face has a glyph for `ch` (otherwise the reader shows an empty box).
    pub fn covers(&self, ch: char) -> bool {
        self.parsed.lookup_glyph_index(ch as u32).is_some()
    }

    /// Advance width of `ch` at `size` points.
    pub fn char_width(&self, ch: char, size: f32) -> f32 {
        let units = match self.latin.get(ch as usize) {
            Some(w) => *w,
            None => self.advance_units(ch),
        };
        f32::from(units) * size / self.units_per_em
    }

    /// Width of `text` at `size` points: the sum of the advances, which is exactly how the
    /// PDF is drawn (the text is shown with `Tj` and no kerning adjustments).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size)).sum()
    }

    /// Height above the baseline of capitals, roughly, for placing text in boxes.
    pub fn ascent(&self, size: f32) -> f32 {
        f32::from(self.parsed.pdf_font_metrics.ascender) * size / self.units_per_em
    }
}

/// The shared, parsed face.
pub fn face(face: Face) -> &'static FontFace {
    static REGULAR: OnceLock<FontFace> = OnceLock::new();
    static BOLD: OnceLock<FontFace> = OnceLock::new();
    match face {
        Face::Regular => REGULAR.get_or_init(|| FontFace::parse(REGULAR_TTF)),
        Face::Bold => BOLD.get_or_init(|| FontFace::parse(BOLD_TTF)),
    }
}
