//! JPEG output with jpeg-encoder (SIMD on x86-64): baseline, 4:2:0 with averaged chroma,
//! a JFIF header and nothing else (no EXIF, no ICC profile, no comment).

use crate::PhotoError;
use image::RgbImage;
use jpeg_encoder::{ChromaSubsamplingMethod, ColorType, Encoder, SamplingFactor};

pub fn jpeg(img: &RgbImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let (w, h) = img.dimensions();
    let err = |e: &dyn std::fmt::Display| PhotoError::Encode {
        detail: e.to_string(),
    };
    let w16 = u16::try_from(w).map_err(|e| err(&e))?;
    let h16 = u16::try_from(h).map_err(|e| err(&e))?;
    // About 1.5 bits per pixel at quality 85: one allocation for most photos.
    let mut out = Vec::with_capacity(w as usize * h as usize / 5 + 1024);
    let mut enc = Encoder::new(&mut out, quality.clamp(1, 100));
    enc.set_sampling_factor(SamplingFactor::F_2_2);
    enc.set_chroma_subsampling_method(ChromaSubsamplingMethod::Average);
    enc.encode(img.as_raw(), w16, h16, ColorType::Rgb)
        .map_err(|e| err(&e))?;
    Ok(out)
}
