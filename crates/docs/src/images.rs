//! Images passed in by the caller: signature PNGs and photo thumbnails (JPEG). Each is
//! checked by its header before it is decoded (size limits, so a hostile file cannot blow up
//! memory), then turned into the pixels printpdf embeds.

use crate::error::{DocError, ImageProblem, Result};
use image::{imageops::FilterType, DynamicImage, ImageFormat, ImageReader, Limits};
use printpdf::{RawImage, RawImageData, RawImageFormat};
use std::io::Cursor;

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

/// A signature PNG laid on white and made greyscale (ink on paper), ready to embed.
pub fn signature(png: &[u8], which: &str) -> Result<RawImage> {
    let img = decode(png, ImageFormat::Png, SIGNATURE_MAX, which)?.to_rgba8();
    let (w, h) = img.dimensions();
    let pixels = img
        .pixels()
        .map(|p| {
            let [r, g, b, a] = p.0;
            let luma = (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000;
            let a = u32::from(a);
            // Composite over white: luma * a + 255 * (1 - a).
            ((luma * a + 255 * (255 - a)) / 255) as u8
        })
        .collect();
    Ok(RawImage {
        pixels: RawImageData::U8(pixels),
        width: w as usize,
        height: h as usize,
        data_format: RawImageFormat::R8,
        tag: Vec::new(),
    })
}

/// A photo thumbnail, decoded (which proves it is a whole JPEG) and scaled down if large.
pub fn photo(jpeg: &[u8], which: &str) -> Result<RawImage> {
    let mut img = decode(jpeg, ImageFormat::Jpeg, (PHOTO_MAX, PHOTO_MAX), which)?;
    if img.width().max(img.height()) > PHOTO_EMBED {
        img = img.resize(PHOTO_EMBED, PHOTO_EMBED, FilterType::Triangle);
    }
    let rgb = img.to_rgb8();
    let (w, h) = rgb.dimensions();
    Ok(RawImage {
        pixels: RawImageData::U8(rgb.into_raw()),
        width: w as usize,
        height: h as usize,
        data_format: RawImageFormat::RGB8,
        tag: Vec::new(),
    })
}
