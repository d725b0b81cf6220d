//! Reading PDFs back as a reader would, with poppler-utils (pdftoppm, pdftotext, pdfimages,
//! pdffonts). A missing tool fails the test loudly: scripts/setup.sh installs poppler-utils.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A PDF written to a temporary directory, with helpers to read it back.
pub struct Pdf {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Pdf {
    pub fn new(bytes: &[u8]) -> Pdf {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("doc.pdf");
        std::fs::write(&path, bytes).expect("write pdf");
        Pdf { _dir: dir, path }
    }

    fn dir(&self) -> &Path {
        self.path.parent().expect("parent")
    }

    /// All text (pdftotext, reading order, UTF-8).
    pub fn text(&self) -> String {
        run("pdftotext", &["-enc", "UTF-8", path(&self.path), "-"])
    }

    /// The text of one page (1-based).
    pub fn page_text(&self, page: usize) -> String {
        let p = page.to_string();
        run(
            "pdftotext",
            &["-enc", "UTF-8", "-f", &p, "-l", &p, path(&self.path), "-"],
        )
    }

    /// The text of every page without its header (title and reference) and footer
    /// (document id and page number), pages joined. The header is recognised by its text,
    /// not its position: pdftotext may read a body line that starts a page between the
    /// header's left and right parts.
    pub fn body_text(&self, pages: usize) -> String {
        (1..=pages)
            .map(|n| {
                let text = self.page_text(n);
                let mut lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
                assert!(
                    lines.len() >= 4,
                    "page {n} lacks header or footer: {lines:?}"
                );
                let title = lines.remove(0);
                let reference = lines
                    .iter()
                    .position(|l| {
                        l.starts_with("Registratienr.")
                            || l.starts_with("Reg. no.")
                            || l.starts_with("Registratienummer")
                            || l.starts_with("Registration number")
                    })
                    .filter(|i| *i <= 2)
                    .unwrap_or(0);
                assert_ne!(lines[reference], title, "page {n}: {lines:?}");
                lines.remove(reference);
                lines[..lines.len() - 2].join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Renders every page with `pdftoppm -r 50` (greyscale PGM) and returns the pages. Fails
    /// when pdftoppm reports anything on stderr.
    pub fn render(&self) -> Vec<Pgm> {
        let prefix = self.dir().join("page");
        let out = Command::new("pdftoppm")
            .args(["-r", "50", "-gray", path(&self.path), path(&prefix)])
            .output()
            .unwrap_or_else(|e| missing("pdftoppm", e));
        assert!(
            out.status.success(),
            "pdftoppm failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "pdftoppm complained: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir())
            .expect("read dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
            .collect();
        files.sort();
        files.iter().map(|f| Pgm::read(f)).collect()
    }

    /// `pdfimages -list`: one row per image, (width, height, color).
    pub fn images(&self) -> Vec<(u32, u32, String)> {
        run("pdfimages", &["-list", path(&self.path)])
            .lines()
            .skip(2)
            .filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f.len() > 5 && f[2] == "image").then(|| {
                    (
                        f[3].parse().unwrap_or(0),
                        f[4].parse().unwrap_or(0),
                        f[5].to_string(),
                    )
                })
            })
            .collect()
    }

    /// `pdffonts`: (name, embedded, subset) per font.
    pub fn fonts(&self) -> Vec<(String, bool, bool)> {
        run("pdffonts", &[path(&self.path)])
            .lines()
            .skip(2)
            .filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                // name type... encoding emb sub uni object ID: emb/sub/uni are the 5th-3rd from last.
                (f.len() >= 7).then(|| {
                    let n = f.len();
                    (f[0].to_string(), f[n - 5] == "yes", f[n - 4] == "yes")
                })
            })
            .collect()
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn missing(tool: &str, e: std::io::Error) -> ! {
    panic!(
        "{tool} could not be run ({e}). These tests read PDFs back with poppler-utils: \
         install it with scripts/setup.sh (or apt-get install poppler-utils)."
    )
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| missing(tool, e));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A greyscale page image (binary PGM, as pdftoppm -gray writes it).
pub struct Pgm {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Pgm {
    fn read(path: &Path) -> Pgm {
        let bytes = std::fs::read(path).expect("read pgm");
        // Header: "P5\n<w> <h>\n<max>\n" then the pixels.
        let mut fields = Vec::new();
        let mut pos = 0;
        while fields.len() < 4 {
            while bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let start = pos;
            while !bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..pos]).to_string());
        }
        assert_eq!(fields[0], "P5", "not a binary PGM");
        let width = fields[1].parse().expect("width");
        let height = fields[2].parse().expect("height");
        let pixels = bytes[pos + 1..].to_vec();
        assert_eq!(pixels.len(), width * height, "PGM size");
        Pgm {
            width,
            height,
            pixels,
        }
    }

    /// The darkest pixel in the column range `x0..x1` (pixels), over the whole height.
    pub fn darkest_in_columns(&self, x0: usize, x1: usize) -> u8 {
        (0..self.height)
            .flat_map(|y| (x0..x1.min(self.width)).map(move |x| (x, y)))
            .map(|(x, y)| self.pixels[y * self.width + x])
            .min()
            .unwrap_or(255)
    }

    /// Whether anything is drawn (a pixel darker than light grey) anywhere on the page.
    pub fn has_ink(&self) -> bool {
        self.pixels.iter().any(|p| *p < 200)
    }
}

/// Text with white space and hyphens removed, for comparing wrapped text with its source.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// The margins left and right of the text area are blank on a page rendered at 50 dpi.
pub fn assert_margins_blank(page: &Pgm, n: usize) {
    let px = |pt: f32| (pt * 50.0 / 72.0) as usize;
    let right = veldwerk_docs::layout::RIGHT;
    let left = veldwerk_docs::layout::LEFT;
    assert!(
        page.darkest_in_columns(px(right + 3.0), page.width) > 245,
        "ink in the right margin on page {n}"
    );
    assert!(
        page.darkest_in_columns(0, px(left - 3.0)) > 245,
        "ink in the left margin on page {n}"
    );
}
