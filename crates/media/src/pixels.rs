//! Pixel work between decoding and encoding: fitting within a long edge (fast_image_resize,
//! SIMD convolution), applying the EXIF orientation (the image crate), colour conversions.

use crate::PhotoError;
use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, RgbImage, RgbaImage};

/// The size that fits `(w, h)` within `max_edge` on its long edge, keeping the aspect ratio;
/// never larger than the input.
pub fn fitted(w: u32, h: u32, max_edge: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= max_edge || max_edge == 0 {
        return (w, h);
    }
    let scale = |v: u32| -> u32 {
        let s = (u64::from(v) * u64::from(max_edge) + u64::from(long) / 2) / u64::from(long);
        (s as u32).max(1)
    };
    (scale(w), scale(h))
}

/// Scales the image down to fit within `max_edge` (Lanczos3); returns it unchanged when it
/// already fits.
pub fn fit(img: RgbImage, max_edge: u32) -> Result<RgbImage, PhotoError> {
    let (w, h) = img.dimensions();
    if fitted(w, h, max_edge) == (w, h) {
        return Ok(img);
    }
    fitted_copy(&img, max_edge)
}

/// A copy of the image that fits within `max_edge`.
pub fn fitted_copy(img: &RgbImage, max_edge: u32) -> Result<RgbImage, PhotoError> {
    let (w, h) = img.dimensions();
    let (tw, th) = fitted(w, h, max_edge);
    if (tw, th) == (w, h) {
        return Ok(img.clone());
    }
    let src = ImageRef::new(w, h, img.as_raw(), PixelType::U8x3).map_err(encode_err)?;
    let mut dst = Image::new(tw, th, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(encode_err)?;
    RgbImage::from_raw(tw, th, dst.into_vec()).ok_or_else(|| encode_err("resized size"))
}

/// Turns the stored pixels upright as EXIF orientation `o` (1..=8) says.
pub fn orient(img: RgbImage, o: u8) -> RgbImage {
    let Some(orientation) = Orientation::from_exif(o) else {
        return img;
    };
    if orientation == Orientation::NoTransforms {
        return img;
    }
    let mut dynamic = DynamicImage::ImageRgb8(img);
    dynamic.apply_orientation(orientation);
    dynamic.into_rgb8()
}

/// Puts a transparent image on a white background.
pub fn flatten_on_white(rgba: &RgbaImage) -> RgbImage {
    let (w, h) = rgba.dimensions();
    let mut out = Vec::with_capacity(w as usize * h as usize * 3);
    for p in rgba.as_raw().chunks_exact(4) {
        let a = u32::from(p[3]);
        for &c in &p[..3] {
            // c·a + 255·(1 − a), rounded, in 0..=255.
            out.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    RgbImage::from_raw(w, h, out).unwrap_or_else(|| RgbImage::new(w, h))
}

/// CMYK as jpeg-decoder delivers it (0 = no ink) to RGB, the naive way (no colour profile):
/// the conversion the image crate applied to this decoder's output.
pub fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cmyk.len() / 4 * 3);
    for p in cmyk.chunks_exact(4) {
        let k = 255 - u32::from(p[3]);
        for &c in &p[..3] {
            out.push(((255 - u32::from(c)) * k / 255) as u8);
        }
    }
    out
}

fn encode_err(e: impl std::fmt::Display) -> PhotoError {
    PhotoError::Encode {
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_keeps_the_aspect_and_never_enlarges() {
        assert_eq!(fitted(4032, 3024, 2048), (2048, 1536));
        assert_eq!(fitted(3024, 4032, 2048), (1536, 2048));
        assert_eq!(fitted(2016, 1512, 2048), (2016, 1512));
        assert_eq!(fitted(2016, 1512, 320), (320, 240));
        assert_eq!(fitted(10000, 1, 320), (320, 1));
    }

    #[test]
    fn transparent_pixels_become_white() {
        let img =
            RgbaImage::from_raw(3, 1, vec![0, 0, 0, 0, 10, 20, 30, 255, 0, 0, 0, 128]).unwrap();
        let out = flatten_on_white(&img);
        assert_eq!(
            out.as_raw(),
            &vec![255, 255, 255, 10, 20, 30, 127, 127, 127]
        );
    }
}
