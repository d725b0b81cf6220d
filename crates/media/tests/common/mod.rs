//! Helpers shared by the photo tests: decoding outputs, sampling colours, building test files.
#![allow(dead_code)]

use image::RgbImage;
use std::path::PathBuf;
use veldwerk_media::synth::{self, ExifSpec};

/// Decodes a JPEG the pipeline wrote (with an independent decoder call, full size).
pub fn decode(jpeg: &[u8]) -> RgbImage {
    let mut d = jpeg_decoder::Decoder::new(jpeg);
    let px = d.decode().expect("output decodes");
    let info = d.info().unwrap();
    assert_eq!(info.pixel_format, jpeg_decoder::PixelFormat::RGB24);
    RgbImage::from_raw(info.width.into(), info.height.into(), px).unwrap()
}

/// The mean colour of a small square around the point at fractions (fx, fy) of the image.
pub fn sample(img: &RgbImage, fx: f32, fy: f32) -> [u8; 3] {
    let (w, h) = img.dimensions();
    let cx = ((fx * w as f32) as u32).min(w - 1);
    let cy = ((fy * h as f32) as u32).min(h - 1);
    let r = (w.min(h) / 40).max(1);
    let mut sum = [0u64; 3];
    let mut n = 0u64;
    for y in cy.saturating_sub(r)..=(cy + r).min(h - 1) {
        for x in cx.saturating_sub(r)..=(cx + r).min(w - 1) {
            let p = img.get_pixel(x, y);
            for c in 0..3 {
                sum[c] += u64::from(p[c]);
            }
            n += 1;
        }
    }
    sum.map(|s| (s / n) as u8)
}

pub fn near(a: [u8; 3], b: [u8; 3], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

/// A JPEG of `img` with a plain EXIF block carrying only `orientation`.
pub fn jpeg_with_orientation(img: &RgbImage, orientation: u16) -> Vec<u8> {
    let exif = synth::exif_tiff(&ExifSpec {
        orientation: Some(orientation),
        ..ExifSpec::default()
    })
    .unwrap();
    synth::jpeg(img, 92, Some(&exif)).unwrap()
}

/// Where the stored pixel (sx, sy) of a `sw`×`sh` image shows once EXIF orientation `o` is
/// applied, written from the EXIF definition (which side row 0 and column 0 are on),
/// independently of the image crate.
pub fn shown_at(o: u16, sx: u32, sy: u32, sw: u32, sh: u32) -> (u32, u32) {
    match o {
        1 => (sx, sy),                   // row 0 top, column 0 left
        2 => (sw - 1 - sx, sy),          // row 0 top, column 0 right
        3 => (sw - 1 - sx, sh - 1 - sy), // row 0 bottom, column 0 right
        4 => (sx, sh - 1 - sy),          // row 0 bottom, column 0 left
        5 => (sy, sx),                   // row 0 left, column 0 top
        6 => (sh - 1 - sy, sx),          // row 0 right, column 0 top
        7 => (sh - 1 - sy, sw - 1 - sx), // row 0 right, column 0 bottom
        8 => (sy, sw - 1 - sx),          // row 0 left, column 0 bottom
        _ => panic!("orientation {o}"),
    }
}

/// The pixels a camera would store so that `upright` shows once orientation `o` is applied.
pub fn stored_for(upright: &RgbImage, o: u16) -> RgbImage {
    let (w, h) = upright.dimensions();
    let (sw, sh) = if o >= 5 { (h, w) } else { (w, h) };
    RgbImage::from_fn(sw, sh, |sx, sy| {
        let (x, y) = shown_at(o, sx, sy, sw, sh);
        *upright.get_pixel(x, y)
    })
}

/// The shared sample folder, looked for beside every folder above this crate (the project
/// repository sits next to `shared/`, in CI and on the developers' machines).
pub fn shared_dir(rel: &str) -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("VELDWERK_SHARED_DIR") {
        let p = PathBuf::from(dir).join(rel);
        return p.is_dir().then_some(p);
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared").join(rel))
        .find(|p| p.is_dir())
}

/// A PNG chunk: length, type, data, CRC over type and data.
pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(data);
    c.extend_from_slice(&h.finalize().to_be_bytes());
    c
}
