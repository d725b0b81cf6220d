//! Marks drawn on a photo (arrows, ellipses, freehand lines) with tiny-skia, anti-aliased.
//! Coordinates are fractions of the upright image (0..1 from the top-left corner), so the UI
//! can draw on a preview of any size. The result is a new processed photo; the input bytes
//! are never changed.

use crate::{decode, detect, meta, pixels, PhotoError, PhotoOptions, Processed};
use image::RgbImage;
use serde::{Deserialize, Serialize};
use tiny_skia::{
    FillRule, IntSize, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform,
};

/// At most this many marks on one photo, and this many points in all freehand lines.
pub const MAX_MARKS: usize = 500;
pub const MAX_POINTS: usize = 100_000;

/// A point as fractions of the image's width (x) and height (y), from the top-left corner.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shape {
    /// A line with a filled head at `to`.
    Arrow { from: Point, to: Point },
    /// The ellipse inside the box with corners `from` and `to` (a circle when the box is
    /// square in pixels).
    Ellipse { from: Point, to: Point },
    /// A line through the points in order.
    Freehand { points: Vec<Point> },
}

/// An sRGB colour, written as "#rrggbb" in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl TryFrom<String> for Color {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let hex = s
            .strip_prefix('#')
            .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| format!("colour {s:?} is not #rrggbb"))?;
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|e| e.to_string());
        Ok(Color {
            r: byte(0)?,
            g: byte(2)?,
            b: byte(4)?,
        })
    }
}

impl From<Color> for String {
    fn from(c: Color) -> String {
        format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
    }
}

/// One mark: a shape, its colour and its stroke width as a fraction of the image's long edge
/// (0.005 is about 10 px on a 2048 px photo).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub shape: Shape,
    pub color: Color,
    pub width: f32,
}

/// Draws `marks` on the photo `jpeg` (any format the pipeline reads, normally a photo it
/// produced) and returns the annotated copy, processed like any photo.
pub fn annotate(jpeg: &[u8], marks: &[Mark], opts: &PhotoOptions) -> Result<Processed, PhotoError> {
    validate(marks)?;
    if jpeg.len() > opts.max_input_bytes {
        return Err(PhotoError::FileTooLarge {
            bytes: jpeg.len(),
            max: opts.max_input_bytes,
        });
    }
    let format = detect::sniff(jpeg)?;
    let decoded = decode::decode(jpeg, format, opts)?;
    let meta = meta::read(decoded.exif.as_deref());
    let image = pixels::fit(decoded.image, opts.max_edge)?;
    let image = pixels::orient(image, meta.orientation);
    let image = draw(image, marks)?;
    crate::finish(&image, meta.captured, format, decoded.source_size, opts)
}

fn validate(marks: &[Mark]) -> Result<(), PhotoError> {
    let invalid = |index: usize, reason: &str| PhotoError::InvalidMark {
        index,
        reason: reason.into(),
    };
    if marks.len() > MAX_MARKS {
        return Err(invalid(MAX_MARKS, "too many marks"));
    }
    let mut points = 0usize;
    for (i, m) in marks.iter().enumerate() {
        if !(m.width.is_finite() && m.width > 0.0 && m.width <= 0.1) {
            return Err(invalid(i, "width must be above 0 and at most 0.1"));
        }
        let pts: &[Point] = match &m.shape {
            Shape::Arrow { from, to } | Shape::Ellipse { from, to } => &[*from, *to],
            Shape::Freehand { points } if points.is_empty() => {
                return Err(invalid(i, "a freehand line needs a point"))
            }
            Shape::Freehand { points } => points,
        };
        points += pts.len();
        if points > MAX_POINTS {
            return Err(invalid(i, "too many points"));
        }
        // A little outside the image is fine (a stroke started past the edge); far outside
        // or not a number is a broken client.
        let ok = |v: f32| v.is_finite() && (-1.0..=2.0).contains(&v);
        if !pts.iter().all(|p| ok(p.x) && ok(p.y)) {
            return Err(invalid(i, "coordinates must be between -1 and 2"));
        }
    }
    Ok(())
}

fn draw(image: RgbImage, marks: &[Mark]) -> Result<RgbImage, PhotoError> {
    let (w, h) = image.dimensions();
    let fail = |what: &str| PhotoError::Encode {
        detail: format!("annotation: {what}"),
    };
    let size = IntSize::from_wh(w, h).ok_or_else(|| fail("image size"))?;
    let rgba: Vec<u8> = image
        .as_raw()
        .chunks_exact(3)
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    let mut pixmap = Pixmap::from_vec(rgba, size).ok_or_else(|| fail("pixmap"))?;
    let long = w.max(h) as f32;
    for m in marks {
        let mut paint = Paint::default();
        paint.set_color_rgba8(m.color.r, m.color.g, m.color.b, 255);
        paint.anti_alias = true;
        let stroke = Stroke {
            width: (m.width * long).max(1.0),
            line_cap: LineCap::Round,
            line_join: LineJoin::Round,
            ..Stroke::default()
        };
        let px = |p: &Point| (p.x * w as f32, p.y * h as f32);
        let mut canvas = Canvas {
            pixmap: &mut pixmap,
            paint: &paint,
            stroke: &stroke,
        };
        match &m.shape {
            Shape::Arrow { from, to } => canvas.arrow(px(from), px(to)),
            Shape::Ellipse { from, to } => canvas.ellipse(px(from), px(to)),
            Shape::Freehand { points } => {
                canvas.polyline(&points.iter().map(px).collect::<Vec<_>>())
            }
        }
    }
    // The photo was opaque and every mark is opaque: dropping alpha loses nothing.
    let rgb: Vec<u8> = pixmap
        .take()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    RgbImage::from_raw(w, h, rgb).ok_or_else(|| fail("result size"))
}

struct Canvas<'a> {
    pixmap: &'a mut Pixmap,
    paint: &'a Paint<'a>,
    stroke: &'a Stroke,
}

type Px = (f32, f32);

impl Canvas<'_> {
    fn stroke(&mut self, pb: PathBuilder) {
        if let Some(path) = pb.finish() {
            self.pixmap
                .stroke_path(&path, self.paint, self.stroke, Transform::identity(), None);
        }
    }

    fn fill(&mut self, pb: PathBuilder) {
        if let Some(path) = pb.finish() {
            self.pixmap.fill_path(
                &path,
                self.paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// A degenerate shape (a click without a drag) still shows: as a round dot.
    fn dot(&mut self, (x, y): Px) {
        let mut pb = PathBuilder::new();
        pb.push_circle(x, y, self.stroke.width / 2.0);
        self.fill(pb);
    }

    fn polyline(&mut self, pts: &[Px]) {
        let Some((&first, rest)) = pts.split_first() else {
            return;
        };
        if rest.iter().all(|p| dist(first, *p) < 0.5) {
            return self.dot(first);
        }
        let mut pb = PathBuilder::new();
        pb.move_to(first.0, first.1);
        for p in rest {
            pb.line_to(p.0, p.1);
        }
        self.stroke(pb);
    }

    fn arrow(&mut self, from: Px, to: Px) {
        let len = dist(from, to);
        if len < 0.5 {
            return self.dot(to);
        }
        let (ux, uy) = ((to.0 - from.0) / len, (to.1 - from.1) / len);
        // The head is long enough to read at any stroke width, but not longer than the arrow.
        let head = (self.stroke.width * 4.0).max(12.0).min(len);
        let base = (to.0 - ux * head, to.1 - uy * head);
        if head < len {
            let mut shaft = PathBuilder::new();
            shaft.move_to(from.0, from.1);
            // Into the head a little, so no seam shows between shaft and head.
            shaft.line_to(base.0 + ux, base.1 + uy);
            self.stroke(shaft);
        }
        let half = head * 0.5;
        let mut tip = PathBuilder::new();
        tip.move_to(to.0, to.1);
        tip.line_to(base.0 - uy * half, base.1 + ux * half);
        tip.line_to(base.0 + uy * half, base.1 - ux * half);
        tip.close();
        self.fill(tip);
    }

    fn ellipse(&mut self, a: Px, b: Px) {
        let (w, h) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        let rect = Rect::from_ltrb(a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1))
            .filter(|_| w >= 0.5 && h >= 0.5);
        match rect.and_then(PathBuilder::from_oval) {
            Some(path) => {
                self.pixmap
                    .stroke_path(&path, self.paint, self.stroke, Transform::identity(), None)
            }
            // A flat box (no height or no width) is drawn as the line it is.
            None => self.polyline(&[a, b]),
        }
    }
}

fn dist(a: Px, b: Px) -> f32 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_hex() {
        let c: Color = serde_json::from_str("\"#E53935\"").unwrap();
        assert_eq!((c.r, c.g, c.b), (0xe5, 0x39, 0x35));
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"#e53935\"");
        assert!(serde_json::from_str::<Color>("\"red\"").is_err());
        assert!(serde_json::from_str::<Color>("\"#12345\"").is_err());
        assert!(serde_json::from_str::<Color>("\"#12345é\"").is_err());
    }

    #[test]
    fn marks_round_trip_as_json() {
        let json = r##"[{"shape":{"kind":"arrow","from":{"x":0.1,"y":0.2},"to":{"x":0.5,"y":0.5}},"color":"#ff0000","width":0.005},
            {"shape":{"kind":"freehand","points":[{"x":0,"y":0},{"x":1,"y":1}]},"color":"#00ff00","width":0.01}]"##;
        let marks: Vec<Mark> = serde_json::from_str(json).unwrap();
        assert_eq!(marks.len(), 2);
        let back: Vec<Mark> =
            serde_json::from_str(&serde_json::to_string(&marks).unwrap()).unwrap();
        assert_eq!(back, marks);
    }
}
