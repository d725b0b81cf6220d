//! Text before it is drawn: normalisation (NFC, no control characters) and line breaking
//! with the font's real advance widths. Break opportunities come from the Unicode line
//! breaking algorithm (`unicode-linebreak`), the choice of breaks from textwrap's optimal-fit
//! algorithm, and hyphenation points (prose only) from the `hyphenation` crate's Dutch and
//! English TeX patterns.

use crate::fonts::FontFace;
use crate::model::Lang;
use hyphenation::{Hyphenator, Language, Load, Standard};
use std::sync::OnceLock;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{wrap_first_fit, wrap_optimal_fit, Penalties};
use unicode_linebreak::{linebreaks, BreakOpportunity};
use unicode_normalization::UnicodeNormalization;

/// NFC, line ends as `\n`, tabs and other white space as a plain space, other control
/// characters (and the soft hyphen) dropped.
pub fn normalise(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .nfc()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\u{00AD}' => None,
            c if c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// `normalise`, then everything on one line (for table cells and labels that must not break
/// into paragraphs).
pub fn one_line(text: &str) -> String {
    normalise(text).replace('\n', " ").trim().to_string()
}

/// The hyphenation dictionary for a language, loaded once from the embedded patterns.
fn dictionary(lang: Lang) -> Option<&'static Standard> {
    static NL: OnceLock<Option<Standard>> = OnceLock::new();
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    const NL_BYTES: &[u8] = include_bytes!("../../../../assets/hyphenation/nl.standard.bincode");
    const EN_BYTES: &[u8] = include_bytes!("../../../../assets/hyphenation/en-gb.standard.bincode");
    let (cell, bytes, language) = match lang {
        Lang::Nl => (&NL, NL_BYTES, Language::Dutch),
        Lang::En => (&EN, EN_BYTES, Language::EnglishGB),
    };
    cell.get_or_init(|| Standard::from_reader(language, &mut &bytes[..]).ok())
        .as_ref()
}

/// One piece of a line: a word (or part of a hyphenated word) and what follows it.
#[derive(Debug)]
struct Piece {
    text: String,
    width: f64,
    /// Width of the white space after it when it is not at the end of a line.
    space: f64,
    /// Width of the hyphen drawn when a line ends here (mid-word), else 0.
    hyphen: f64,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.space
    }
    fn penalty_width(&self) -> f64 {
        self.hyphen
    }
}

/// How to break a paragraph.
#[derive(Clone, Copy)]
pub struct Wrap<'a> {
    pub face: &'a FontFace,
    pub size: f32,
    /// Available width in points.
    pub width: f32,
    /// Hyphenate long lower-case words (prose); never names, numbers or codes.
    pub hyphenate: Option<Lang>,
}

/// Breaks `text` (already normalised) into lines no wider than `wrap.width`. Hard line breaks
/// (`\n`) are kept; a word wider than the line is cut between characters.
pub fn wrap(text: &str, wrap: Wrap<'_>) -> Vec<String> {
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        let pieces = pieces(hard.trim_end(), wrap);
        if pieces.is_empty() {
            lines.push(String::new());
            continue;
        }
        // Widths in "half ems" so textwrap's penalties (tuned for character columns) fit.
        let unit = f64::from(wrap.size) * 0.5;
        let scaled: Vec<Piece> = pieces
            .iter()
            .map(|p| Piece {
                text: String::new(),
                width: p.width / unit,
                space: p.space / unit,
                hyphen: p.hyphen / unit,
            })
            .collect();
        let line_width = [f64::from(wrap.width) / unit];
        // Optimal fit lets a line overflow when that scores better; a printed page cannot:
        // overflowing costs (almost) everything, and a result that still overflows falls back
        // to first fit (which never does).
        let mut penalties = Penalties::new();
        penalties.overflow_penalty = 1 << 40;
        let chosen = match wrap_optimal_fit(&scaled, &line_width, &penalties) {
            Ok(lines) if lines.iter().all(|l| fits(l, line_width[0])) => lines,
            _ => wrap_first_fit(&scaled, &line_width),
        };
        let mut start = 0;
        for line in chosen {
            let end = start + line.len();
            lines.push(join(&pieces[start..end]));
            start = end;
        }
    }
    lines
}

fn fits(line: &[Piece], width: f64) -> bool {
    let Some((last, rest)) = line.split_last() else {
        return true;
    };
    let w: f64 = rest.iter().map(|p| p.width + p.space).sum::<f64>() + last.width + last.hyphen;
    w <= width + 1e-9
}

fn join(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        out.push_str(&p.text);
        let last = i + 1 == pieces.len();
        if last {
            if p.hyphen > 0.0 {
                out.push('-');
            }
        } else if p.space > 0.0 {
            out.push(' ');
        }
    }
    out
}

/// Splits a line of text into pieces at the allowed break opportunities.
fn pieces(text: &str, wrap: Wrap<'_>) -> Vec<Piece> {
    let space = f64::from(wrap.face.char_width(' ', wrap.size));
    let hyphen = f64::from(wrap.face.char_width('-', wrap.size));
    let mut out = Vec::new();
    let mut start = 0;
    for (end, _) in breaks(text) {
        let segment = &text[start..end];
        start = end;
        let word = segment.trim_end_matches(' ');
        let trailing = if word.len() < segment.len() {
            space
        } else {
            0.0
        };
        if word.is_empty() {
            // Leading spaces: keep them as width on the previous piece (or drop them).
            continue;
        }
        let mut parts = hyphen_parts(word, wrap.hyphenate);
        // On a very narrow line a syllable and its hyphen may not fit: then no hyphenation.
        let max = f64::from(wrap.width);
        if parts.len() > 1
            && parts
                .iter()
                .any(|p| f64::from(wrap.face.width(p, wrap.size)) + hyphen > max)
        {
            parts = vec![word];
        }
        let last = parts.len() - 1;
        for (i, part) in parts.into_iter().enumerate() {
            let (gap, pen) = if i == last {
                (trailing, 0.0)
            } else {
                (0.0, hyphen)
            };
            push_fitting(&mut out, part, gap, pen, wrap);
        }
    }
    out
}

/// The break opportunities of UAX #14, except after a hyphen before a capital (keeps
/// "Olst-Wijhe" and "Jan-Willem" together unless they cannot fit at all).
fn breaks(text: &str) -> impl Iterator<Item = (usize, BreakOpportunity)> + '_ {
    linebreaks(text).filter(move |(i, op)| {
        if *op == BreakOpportunity::Mandatory || *i >= text.len() {
            return true;
        }
        let before = text[..*i].chars().next_back();
        let after = text[*i..].chars().next();
        !(matches!(before, Some('-' | '\u{2010}')) && after.is_some_and(char::is_uppercase))
    })
}

/// Splits a word at its hyphenation points, when it is a long lower-case word of prose.
fn hyphen_parts(word: &str, lang: Option<Lang>) -> Vec<&str> {
    let Some(lang) = lang else {
        return vec![word];
    };
    // Only the letters in the middle: "gebruikersovereenkomst," keeps its comma.
    let core_start = word.find(|c: char| c.is_alphabetic()).unwrap_or(0);
    let core_end = word
        .rfind(|c: char| c.is_alphabetic())
        .map(|i| i + word[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(word.len());
    let core = &word[core_start..core_end.max(core_start)];
    let eligible = core.chars().count() >= 8 && core.chars().all(|c| c.is_lowercase());
    let dict = if eligible { dictionary(lang) } else { None };
    let Some(dict) = dict else {
        return vec![word];
    };
    let mut parts = Vec::new();
    let mut from = 0;
    for b in dict.hyphenate(core).breaks {
        let at = core_start + b;
        if at > from && word.is_char_boundary(at) {
            parts.push(&word[from..at]);
            from = at;
        }
    }
    parts.push(&word[from..]);
    parts
}

/// Adds a piece, cutting it between characters if it is wider than the whole line.
fn push_fitting(out: &mut Vec<Piece>, text: &str, space: f64, hyphen: f64, wrap: Wrap<'_>) {
    let width = f64::from(wrap.face.width(text, wrap.size));
    let max = f64::from(wrap.width);
    if width <= max {
        out.push(Piece {
            text: text.to_string(),
            width,
            space,
            hyphen,
        });
        return;
    }
    let mut chunk = String::new();
    let mut chunk_w = 0.0;
    for c in text.chars() {
        let w = f64::from(wrap.face.char_width(c, wrap.size));
        if chunk_w + w > max && !chunk.is_empty() {
            out.push(Piece {
                text: std::mem::take(&mut chunk),
                width: chunk_w,
                space: 0.0,
                hyphen: 0.0,
            });
            chunk_w = 0.0;
        }
        chunk.push(c);
        chunk_w += w;
    }
    out.push(Piece {
        text: chunk,
        width: chunk_w,
        space,
        hyphen,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{face, Face};
    use proptest::prelude::*;

    fn squash(s: &str) -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect()
    }

    #[test]
    fn normalise_composes_and_drops_controls() {
        assert_eq!(normalise("Rui\u{0308}zendaal"), "Ruïzendaal");
        assert_eq!(normalise("a\u{0}b\tc\r\nd\u{AD}e"), "ab c\nde");
        assert_eq!(one_line(" a\nb "), "a b");
    }

    #[test]
    fn names_with_a_hyphen_before_a_capital_stay_whole() {
        let w = Wrap {
            face: face(Face::Regular),
            size: 10.0,
            width: 80.0,
            hyphenate: None,
        };
        let lines = wrap("Gemeente Olst-Wijhe", w);
        assert!(lines.iter().any(|l| l == "Olst-Wijhe"), "{lines:?}");
    }

    #[test]
    fn dutch_prose_is_hyphenated_names_are_not() {
        let text = "gebruikersovereenkomst verzekeringsplaatje Ruïzendaalstraat";
        let w = Wrap {
            face: face(Face::Regular),
            size: 10.0,
            width: 90.0,
            hyphenate: Some(Lang::Nl),
        };
        let lines = wrap(text, w);
        assert!(
            lines.iter().any(|l| l.ends_with('-')),
            "no hyphenation: {lines:?}"
        );
        assert!(
            lines.iter().all(|l| !l.starts_with("daal")),
            "a name was hyphenated: {lines:?}"
        );
        assert_eq!(squash(&lines.concat()), squash(text));
    }

    proptest! {
        #[test]
        fn lines_fit_and_keep_every_character(
            words in prop::collection::vec(
                prop::sample::select(vec![
                    "de", "hulpmiddel", "Ruïzendaal", "’s-Heerenberg", "Olst-Wijhe",
                    "gebruikersovereenkomst", "VW-8A-004711", "e-mail", "—", "",
                    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "a\nb",
                ]),
                0..60,
            ),
            width in 20.0f32..400.0,
            size in 6.0f32..16.0,
            hyphenate in any::<bool>(),
        ) {
            let text = normalise(&words.join(" "));
            let f = face(Face::Regular);
            let w = Wrap { face: f, size, width, hyphenate: hyphenate.then_some(Lang::Nl) };
            let lines = wrap(&text, w);
            for l in &lines {
                prop_assert!(f.width(l, size) <= width + 0.01, "{l:?} is {} wide, max {width}", f.width(l, size));
            }
            prop_assert_eq!(squash(&lines.concat()), squash(&text));
        }
    }
}
