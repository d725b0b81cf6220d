//! Decoding to RGB pixels, after the header has been checked against the limits: JPEG with
//! jpeg-decoder (reduced-size IDCT: it shrinks while decoding), PNG and WebP with the image
//! crate (alpha flattened onto white). Decoders are third-party code reading hostile bytes:
//! a panic inside one becomes [`PhotoError::Corrupt`] instead of taking the app down.

use crate::detect::Format;
use crate::{PhotoError, PhotoOptions};
use image::{DynamicImage, ImageDecoder, RgbImage};
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Decoded pixels and the raw EXIF they came with.
pub struct Decoded {
    pub image: RgbImage,
    pub exif: Option<Vec<u8>>,
    /// The size the header declared (before any shrink while decoding).
    pub source_size: (u32, u32),
}

pub fn decode(bytes: &[u8], format: Format, opts: &PhotoOptions) -> Result<Decoded, PhotoError> {
    match format {
        Format::Jpeg => guarded(|| jpeg(bytes, opts)),
        Format::Png => guarded(|| {
            let d = image::codecs::png::PngDecoder::with_limits(Cursor::new(bytes), limits(opts))
                .map_err(corrupt)?;
            with_image_crate(d, opts)
        }),
        Format::WebP => guarded(|| {
            let d = image::codecs::webp::WebPDecoder::new(Cursor::new(bytes)).map_err(corrupt)?;
            with_image_crate(d, opts)
        }),
    }
}

fn guarded<T>(f: impl FnOnce() -> Result<T, PhotoError>) -> Result<T, PhotoError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(PhotoError::Corrupt {
            detail: "the decoder gave up on this file".into(),
        })
    })
}

fn corrupt(e: impl std::fmt::Display) -> PhotoError {
    PhotoError::Corrupt {
        detail: e.to_string(),
    }
}

/// Refuses a declared size over the pixel limit (before anything the size of the image is
/// allocated).
pub fn check_pixels(width: u32, height: u32, opts: &PhotoOptions) -> Result<(), PhotoError> {
    if width == 0 || height == 0 {
        return Err(PhotoError::Corrupt {
            detail: format!("declared size {width}x{height}"),
        });
    }
    if u64::from(width) * u64::from(height) > opts.max_pixels {
        return Err(PhotoError::TooManyPixels {
            width,
            height,
            max_pixels: opts.max_pixels,
        });
    }
    Ok(())
}

/// The largest JPEG scale denominator (1, 2, 4 or 8) that keeps the long edge at or above
/// `min_decode_edge`; 1 for an image that already fits within `max_edge`.
pub fn jpeg_denominator(long_edge: u32, opts: &PhotoOptions) -> u32 {
    if long_edge <= opts.max_edge {
        return 1;
    }
    let needed = opts.min_decode_edge.min(opts.max_edge).max(1);
    [8, 4, 2]
        .into_iter()
        .find(|d| long_edge.div_ceil(*d) >= needed)
        .unwrap_or(1)
}

fn jpeg(bytes: &[u8], opts: &PhotoOptions) -> Result<Decoded, PhotoError> {
    use jpeg_decoder::PixelFormat;
    let mut d = jpeg_decoder::Decoder::new(bytes);
    d.read_info().map_err(corrupt)?;
    let info = d.info().ok_or_else(|| corrupt("no frame header"))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    check_pixels(w, h, opts)?;
    if !jpeg_is_complete(bytes) {
        return Err(corrupt("the file ends before the image does"));
    }
    let den = jpeg_denominator(w.max(h), opts);
    if den > 1 {
        let (sw, sh) = (w.div_ceil(den), h.div_ceil(den));
        // Both fit in u16: they are at most the declared u16 sizes.
        d.scale(sw as u16, sh as u16).map_err(corrupt)?;
    }
    // A decoded buffer larger than the limit allows is refused by the decoder itself too.
    d.set_max_decoding_buffer_size(opts.max_pixels.saturating_mul(4) as usize);
    let pixels = d.decode().map_err(corrupt)?;
    let info = d.info().ok_or_else(|| corrupt("no frame header"))?;
    let (ow, oh) = (u32::from(info.width), u32::from(info.height));
    let rgb = match info.pixel_format {
        PixelFormat::RGB24 => pixels,
        PixelFormat::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        // 16-bit (lossless) grey, big-endian: keep the high byte.
        PixelFormat::L16 => pixels
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0]])
            .collect(),
        PixelFormat::CMYK32 => crate::pixels::cmyk_to_rgb(&pixels),
    };
    let image =
        RgbImage::from_raw(ow, oh, rgb).ok_or_else(|| corrupt("decoded size does not match"))?;
    Ok(Decoded {
        image,
        exif: d.exif_data().map(<[u8]>::to_vec),
        source_size: (w, h),
    })
}

/// True when an end-of-image marker follows the first start-of-scan. Entropy-coded data
/// cannot contain the marker (0xFF is stuffed), so its absence means the file was cut short.
pub fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let Some(sos) = first_scan(bytes) else {
        return false;
    };
    bytes[sos..].windows(2).rev().any(|w| w == [0xFF, 0xD9])
}

/// The offset of the first SOS marker, walking the marker segments from the start.
fn first_scan(bytes: &[u8]) -> Option<usize> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        match marker {
            0xDA => return Some(i),
            // Fill bytes, and markers without a length.
            0xFF => i += 1,
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
                i += 2 + len;
            }
        }
    }
    None
}

fn limits(opts: &PhotoOptions) -> image::Limits {
    let mut l = image::Limits::default();
    let side = u32::try_from(opts.max_pixels).unwrap_or(u32::MAX);
    l.max_image_width = Some(side);
    l.max_image_height = Some(side);
    // The decoded image (up to 16-bit RGBA) and the 8-bit copy beside it.
    l.max_alloc = Some(opts.max_pixels.saturating_mul(12));
    l
}

fn with_image_crate(mut d: impl ImageDecoder, opts: &PhotoOptions) -> Result<Decoded, PhotoError> {
    let (w, h) = d.dimensions();
    check_pixels(w, h, opts)?;
    d.set_limits(limits(opts)).map_err(corrupt)?;
    let exif = d.exif_metadata().ok().flatten();
    let img = DynamicImage::from_decoder(d).map_err(corrupt)?;
    let image = if img.color().has_alpha() {
        crate::pixels::flatten_on_white(&img.to_rgba8())
    } else {
        img.to_rgb8()
    };
    Ok(Decoded {
        image,
        exif,
        source_size: (w, h),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denominators_keep_enough_pixels() {
        let o = PhotoOptions::default();
        assert_eq!(jpeg_denominator(4032, &o), 2); // 2016
        assert_eq!(jpeg_denominator(8000, &o), 4); // 2000
        assert_eq!(jpeg_denominator(3000, &o), 1); // 1500 would be too small
        assert_eq!(jpeg_denominator(3200, &o), 2); // 1600
        assert_eq!(jpeg_denominator(2048, &o), 1);
        assert_eq!(jpeg_denominator(640, &o), 1);
        assert_eq!(jpeg_denominator(1, &o), 1);
        assert_eq!(jpeg_denominator(65535, &o), 8);
    }

    #[test]
    fn a_scan_without_its_end_is_incomplete() {
        let head = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0xFF, 0xD9, 0xFF, 0xDA, 0, 2,
        ];
        assert!(!jpeg_is_complete(&head), "EOI inside APP0 does not count");
        let mut whole = head.to_vec();
        whole.extend_from_slice(&[1, 2, 0xFF, 0x00, 3, 0xFF, 0xD9]);
        assert!(jpeg_is_complete(&whole));
        assert!(!jpeg_is_complete(&[0xFF, 0xD8]));
        assert!(!jpeg_is_complete(&[0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF]));
    }
}
