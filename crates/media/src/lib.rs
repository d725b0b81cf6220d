//! The photo pipeline of Veldwerk, pure and deterministic (bytes in, bytes out; no files, no
//! clock): recognise the format by content, refuse what is hostile from its header, decode
//! (JPEG shrinking while it decodes), apply the EXIF orientation, fit within 2048 px, write
//! JPEG without any metadata, make a thumbnail, and keep the capture time as data.
//! Annotation draws marks on a processed photo and returns a new one.

mod annotate;
mod decode;
mod detect;
mod encode;
mod error;
mod meta;
mod pixels;
pub mod synth;

pub use annotate::{annotate, Color, Mark, Point, Shape};
pub use detect::Format;
pub use error::PhotoError;
pub use meta::CaptureTime;

use image::RgbImage;

/// The pipeline's settings; [`PhotoOptions::default`] is what the app uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoOptions {
    /// The long edge of the stored image is at most this (px).
    pub max_edge: u32,
    /// A JPEG is decoded at a reduced scale only where its long edge stays at least this.
    pub min_decode_edge: u32,
    /// JPEG quality of the stored image (1..=100).
    pub quality: u8,
    /// The long edge of the thumbnail (px).
    pub thumb_edge: u32,
    /// JPEG quality of the thumbnail.
    pub thumb_quality: u8,
    /// Images declaring more pixels than this are refused from their header.
    pub max_pixels: u64,
    /// Files larger than this are refused before anything is read.
    pub max_input_bytes: usize,
}

impl Default for PhotoOptions {
    fn default() -> Self {
        PhotoOptions {
            max_edge: 2048,
            min_decode_edge: 1600,
            quality: 85,
            thumb_edge: 320,
            thumb_quality: 80,
            max_pixels: 50_000_000,
            max_input_bytes: 40 * 1024 * 1024,
        }
    }
}

/// A JPEG the pipeline wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The result of processing: the upright image, its thumbnail, and the capture time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Processed {
    pub image: Encoded,
    pub thumbnail: Encoded,
    /// When the photo was taken, from EXIF (None when the file did not say).
    pub captured: Option<CaptureTime>,
    /// The format the input was in.
    pub source_format: Format,
    /// The size the input declared, before orientation and scaling.
    pub source_size: (u32, u32),
}

/// Processes one photo. See the crate documentation for the steps.
pub fn process_photo(input: &[u8], opts: &PhotoOptions) -> Result<Processed, PhotoError> {
    if input.len() > opts.max_input_bytes {
        return Err(PhotoError::FileTooLarge {
            bytes: input.len(),
            max: opts.max_input_bytes,
        });
    }
    let format = detect::sniff(input)?;
    let decoded = decode::decode(input, format, opts)?;
    let meta = meta::read(decoded.exif.as_deref());
    // Scale before turning: the turn then moves fewer pixels.
    let image = pixels::fit(decoded.image, opts.max_edge)?;
    let image = pixels::orient(image, meta.orientation);
    finish(&image, meta.captured, format, decoded.source_size, opts)
}

/// Processes several photos in order, reporting `(done, total)` after each one. One bad file
/// does not stop the others: each gets its own result.
pub fn process_batch<I, B>(
    inputs: I,
    opts: &PhotoOptions,
    mut progress: impl FnMut(usize, usize),
) -> Vec<Result<Processed, PhotoError>>
where
    I: IntoIterator<Item = B>,
    I::IntoIter: ExactSizeIterator,
    B: AsRef<[u8]>,
{
    let inputs = inputs.into_iter();
    let total = inputs.len();
    let mut out = Vec::with_capacity(total);
    for (i, input) in inputs.enumerate() {
        out.push(process_photo(input.as_ref(), opts));
        progress(i + 1, total);
    }
    out
}

/// Encodes the upright image and its thumbnail.
fn finish(
    image: &RgbImage,
    captured: Option<CaptureTime>,
    source_format: Format,
    source_size: (u32, u32),
    opts: &PhotoOptions,
) -> Result<Processed, PhotoError> {
    let main = encode::jpeg(image, opts.quality)?;
    let thumb = pixels::fitted_copy(image, opts.thumb_edge)?;
    let thumb_jpeg = encode::jpeg(&thumb, opts.thumb_quality)?;
    Ok(Processed {
        image: Encoded {
            jpeg: main,
            width: image.width(),
            height: image.height(),
        },
        thumbnail: Encoded {
            jpeg: thumb_jpeg,
            width: thumb.width(),
            height: thumb.height(),
        },
        captured,
        source_format,
        source_size,
    })
}
