//! Images passed in by the caller: signature PNGs and photo thumbnails (JPEG). Each is
//! checked by its header before it is decoded (size limits, so a hostile file cannot blow up
//! memory), then encoded for the PDF here (greyscale Flate for signatures, JPEG for photos)
//! and handed to printpdf as finished image XObjects: printpdf's own image path compresses
//! at the slowest zlib level and re-scans every pixel, which was a third of the time of an
//! agreement.

use crate::error::{DocError, ImageProblem, Result};
use flate2::{write::ZlibEncoder, Compression};
use image::codecs::jpeg::JpegEncoder;
use image::{imageops::FilterType, DynamicImage, ImageEncoder, ImageFormat, ImageReader, Limits};
use printpdf::{DictItem, ExternalStream, ExternalXObject, Px, XObject};
use std::collections::BTreeMap;
use std::io::{Cursor, Write};

/// An image ready to embed: its pixel size and the PDF image XObject.
pub struct Embedded {
    pub width: u32,
    pub height: u32,
    pub xobject: XObject,
}

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}

fn embedded(width: u32, height: u32, space: &str, filter: &str, content: Vec<u8>) -> Embedded {
    let dict: BTreeMap<String, DictItem> = [
        ("Type", name("XObject")),
        ("Subtype", name("Image")),
        ("Width", DictItem::Int(i64::from(width))),
        ("Height", DictItem::Int(i64::from(height))),
        ("BitsPerComponent", DictItem::Int(8)),
        ("ColorSpace", name(space)),
        ("Filter", name(filter)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let stream = ExternalStream {
        dict,
        content,
        compress: false,
    };
    Embedded {
        width,
        height,
        xobject: XObject::External(ExternalXObject {
            stream,
            width: Some(Px(width as usize)),
            height: Some(Px(height as usize)),
            dpi: None,
        }),
    }
}

/// Largest signature accepted (a signature pad on a high-density screen).
const SIGNATURE_MAX: (u32, u32) = (4000, 2000);
/// Largest photo accepted; thumbnails are about 320 px, larger ones are scaled down.
const PHOTO_MAX: u32 = 4096;
/// Photos are embedded at most this many pixels on the long edge.
const PHOTO_EMBED: u32 = 800;

fn bad(which: &str, problem: ImageProblem) -> DocError {
    DocError::BadImage {
        which: which.to_string(),
        problem,
    }
}

fn decode(bytes: &[u8], format: ImageFormat, max: (u32, u32), which: &str) -> Result<DynamicImage> {
    if image::guess_format(bytes).ok() != Some(format) {
        return Err(bad(which, ImageProblem::WrongFormat));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| bad(which, ImageProblem::Corrupt))?;
    if w == 0 || h == 0 {
        return Err(bad(which, ImageProblem::Corrupt));
    }
    if w > max.0 || h > max.1 {
        return Err(bad(which, ImageProblem::TooLarge));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(max.0);
    limits.max_image_height = Some(max.1);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader
        .decode()
        .map_err(|_| bad(which, ImageProblem::Corrupt))
}

/// A signature PNG laid on white and made greyscale (ink on paper), Flate-compressed.
pub fn signature(png: &[u8], which: &str) -> Result<Embedded> {
    let img = decode(png, ImageFormat::Png, SIGNATURE_MAX, which)?.to_rgba8();
    let (w, h) = img.dimensions();
    let grey: Vec<u8> = img
        .pixels()
        .map(|p| {
            let [r, g, b, a] = p.0;
            let luma = (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000;
            let a = u32::from(a);
            // Composite over white: luma * a + 255 * (1 - a).
            ((luma * a + 255 * (255 - a)) / 255) as u8
        })
        .collect();
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    z.write_all(&grey)
        .and_then(|_| z.finish())
        .map(|data| embedded(w, h, "DeviceGray", "FlateDecode", data))
        .map_err(|_| bad(which, ImageProblem::Corrupt))
}

/// A photo thumbnail: decoded (which proves it is a whole JPEG), scaled down if large, and
/// encoded again as a clean baseline RGB JPEG.
pub fn photo(jpeg: &[u8], which: &str) -> Result<Embedded> {
    let mut img = decode(jpeg, ImageFormat::Jpeg, (PHOTO_MAX, PHOTO_MAX), which)?;
    if img.width().max(img.height()) > PHOTO_EMBED {
        img = img.resize(PHOTO_EMBED, PHOTO_EMBED, FilterType::Triangle);
    }
    let rgb = img.to_rgb8();
    let (w, h) = rgb.dimensions();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(rgb.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .map_err(|_| bad(which, ImageProblem::Corrupt))?;
    Ok(embedded(w, h, "DeviceRGB", "DCTDecode", out))
}
