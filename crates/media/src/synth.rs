//! Synthetic photos for the tests and the benchmark (the pipeline itself never uses this):
//! images whose content can be checked after processing, and camera-like JPEGs with the EXIF
//! a test needs (orientation, capture time, location, camera serial, maker note, thumbnail),
//! written with kamadak-exif's writer and jpeg-encoder.

use crate::PhotoError;
use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};
use image::RgbImage;
use std::io::Cursor;

/// The colours of [`quadrants`], clockwise from the top-left.
pub const QUADRANT_COLOURS: [[u8; 3]; 4] = [
    [220, 30, 30],  // top-left: red
    [30, 170, 60],  // top-right: green
    [240, 220, 40], // bottom-right: yellow
    [30, 60, 220],  // bottom-left: blue
];

/// An image with four distinctly coloured quadrants, so any turn or mirror shows.
pub fn quadrants(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let i = match (x < w / 2, y < h / 2) {
            (true, true) => 0,
            (false, true) => 1,
            (false, false) => 2,
            (true, false) => 3,
        };
        image::Rgb(QUADRANT_COLOURS[i])
    })
}

/// A photo-like scene: smooth gradients, soft shapes and sensor-like noise (so the JPEG is as
/// hard to compress as a real photo). Deterministic for a given seed.
pub fn scene(w: u32, h: u32, seed: u32) -> RgbImage {
    let mut s = seed.wrapping_mul(2_654_435_761).max(1);
    RgbImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let noise = (s & 15) as i32 - 8;
        let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
        let wave = ((fx * 23.0).sin() * (fy * 17.0).cos() * 40.0) as i32;
        let disc = {
            let (dx, dy) = (fx - 0.6, fy - 0.4);
            if dx * dx + dy * dy < 0.04 {
                60
            } else {
                0
            }
        };
        let c = |base: i32| (base + wave + disc + noise).clamp(0, 255) as u8;
        image::Rgb([
            c((fx * 180.0) as i32 + 30),
            c((fy * 160.0) as i32 + 40),
            c(((1.0 - fx) * 120.0) as i32 + 60),
        ])
    })
}

/// What to put in a synthetic EXIF block.
#[derive(Clone, Debug, Default)]
pub struct ExifSpec<'a> {
    pub orientation: Option<u16>,
    /// DateTimeOriginal, "YYYY:MM:DD HH:MM:SS".
    pub taken: Option<&'a str>,
    /// OffsetTimeOriginal, "+HH:MM".
    pub offset: Option<&'a str>,
    /// A GPS position (latitude, longitude in degrees).
    pub gps: Option<(u32, u32)>,
    /// Make, model, body serial number, owner name and a maker note.
    pub camera: bool,
    /// An embedded JPEG thumbnail (IFD1).
    pub thumbnail: Option<&'a [u8]>,
}

/// The marker text [`exif_tiff`] writes into the camera fields, to search for in outputs.
pub const CAMERA_SERIAL: &str = "SERIAL-4711-VELDWERK";
pub const OWNER_NAME: &str = "Eigenaar Testcamera";

fn ascii(s: &str) -> Value {
    Value::Ascii(vec![s.as_bytes().to_vec()])
}

fn degrees(d: u32) -> Value {
    let r = |num, denom| Rational { num, denom };
    Value::Rational(vec![r(d, 1), r(7, 1), r(3_141, 100)])
}

/// An EXIF block (a TIFF structure) as [`ExifSpec`] describes it.
pub fn exif_tiff(spec: &ExifSpec) -> Result<Vec<u8>, PhotoError> {
    let mut fields = Vec::new();
    let mut push = |tag: Tag, ifd: In, value: Value| {
        fields.push(Field {
            tag,
            ifd_num: ifd,
            value,
        })
    };
    if let Some(o) = spec.orientation {
        push(Tag::Orientation, In::PRIMARY, Value::Short(vec![o]));
    }
    if let Some(t) = spec.taken {
        push(Tag::DateTimeOriginal, In::PRIMARY, ascii(t));
    }
    if let Some(o) = spec.offset {
        push(Tag::OffsetTimeOriginal, In::PRIMARY, ascii(o));
    }
    if let Some((lat, lon)) = spec.gps {
        push(Tag::GPSLatitudeRef, In::PRIMARY, ascii("N"));
        push(Tag::GPSLatitude, In::PRIMARY, degrees(lat));
        push(Tag::GPSLongitudeRef, In::PRIMARY, ascii("E"));
        push(Tag::GPSLongitude, In::PRIMARY, degrees(lon));
    }
    if spec.camera {
        push(Tag::Make, In::PRIMARY, ascii("Testmerk"));
        push(Tag::Model, In::PRIMARY, ascii("Veldcamera 1"));
        push(Tag::BodySerialNumber, In::PRIMARY, ascii(CAMERA_SERIAL));
        push(Tag::CameraOwnerName, In::PRIMARY, ascii(OWNER_NAME));
        push(
            Tag::MakerNote,
            In::PRIMARY,
            Value::Undefined(b"MAKERNOTE-PRIVATE".to_vec(), 0),
        );
    }
    let mut w = Writer::new();
    for f in &fields {
        w.push_field(f);
    }
    if let Some(t) = spec.thumbnail {
        w.set_jpeg(t, In::THUMBNAIL);
    }
    let mut out = Cursor::new(Vec::new());
    w.write(&mut out, false).map_err(failed)?;
    Ok(out.into_inner())
}

fn failed(e: impl std::fmt::Display) -> PhotoError {
    PhotoError::Encode {
        detail: e.to_string(),
    }
}

/// A baseline JPEG of `img` (4:2:0), with `exif` (a TIFF block) in an APP1 segment.
pub fn jpeg(img: &RgbImage, quality: u8, exif: Option<&[u8]>) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, quality);
    enc.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    if let Some(e) = exif {
        enc.add_exif_metadata(e).map_err(failed)?;
    }
    let (w, h) = img.dimensions();
    let w = u16::try_from(w).map_err(failed)?;
    let h = u16::try_from(h).map_err(failed)?;
    enc.encode(img.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(failed)?;
    Ok(out)
}
