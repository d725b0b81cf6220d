//! What can go wrong with a photo, each case with a stable code and a message in Dutch and
//! English. Every message says what the technician can do next.

use thiserror::Error;
use veldwerk_core::Localized;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhotoError {
    /// A file of zero bytes.
    #[error("the file is empty")]
    Empty,
    /// Larger than the pipeline accepts as input.
    #[error("the file has {bytes} bytes, more than the {max} accepted")]
    FileTooLarge { bytes: usize, max: usize },
    /// Recognised, but a format the pipeline does not read (HEIC, AVIF, GIF, ...).
    #[error("{format} images are not supported")]
    UnsupportedFormat { format: &'static str },
    /// Not an image at all (a PDF, text, a video...).
    #[error("the file is not an image")]
    NotAnImage,
    /// The header declares more pixels than the pipeline decodes (refused before decoding).
    #[error("the image is {width}x{height}, more than {max_pixels} pixels")]
    TooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    /// The image data is damaged, truncated or not decodable.
    #[error("the image is damaged or incomplete: {detail}")]
    Corrupt { detail: String },
    /// An annotation mark that cannot be drawn (coordinates, width, colour, count).
    #[error("annotation mark {index} is invalid: {reason}")]
    InvalidMark { index: usize, reason: String },
    /// Writing the result failed (a bug: the encoder refused our own pixels).
    #[error("the photo could not be encoded: {detail}")]
    Encode { detail: String },
}

impl PhotoError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::Empty => "photo_empty",
            PhotoError::FileTooLarge { .. } => "photo_file_too_large",
            PhotoError::UnsupportedFormat { .. } => "photo_unsupported_format",
            PhotoError::NotAnImage => "photo_not_an_image",
            PhotoError::TooManyPixels { .. } => "photo_too_many_pixels",
            PhotoError::Corrupt { .. } => "photo_corrupt",
            PhotoError::InvalidMark { .. } => "photo_invalid_mark",
            PhotoError::Encode { .. } => "photo_encode_failed",
        }
    }

    /// What the technician reads, in Dutch and English.
    pub fn message(&self) -> Localized {
        match self {
            PhotoError::Empty => Localized::new(
                "Het bestand is leeg (0 bytes). Kies de foto opnieuw of maak een nieuwe foto.",
                "The file is empty (0 bytes). Choose the photo again or take a new one.",
            ),
            PhotoError::FileTooLarge { bytes, max } => Localized::new(
                format!(
                    "Het bestand is te groot ({} MB; maximaal {} MB). Kies een kleinere foto.",
                    mb(*bytes),
                    mb(*max)
                ),
                format!(
                    "The file is too large ({} MB; at most {} MB). Choose a smaller photo.",
                    mb(*bytes),
                    mb(*max)
                ),
            ),
            PhotoError::UnsupportedFormat { format } => Localized::new(
                format!(
                    "{format}-foto's worden niet ondersteund. Stel de camera in op JPEG \
                     ('meest compatibel') of exporteer de foto als JPEG of PNG."
                ),
                format!(
                    "{format} photos are not supported. Set the camera to JPEG \
                     ('most compatible') or export the photo as JPEG or PNG."
                ),
            ),
            PhotoError::NotAnImage => Localized::new(
                "Dit bestand is geen foto. Kies een JPEG-, PNG- of WebP-afbeelding.",
                "This file is not a photo. Choose a JPEG, PNG or WebP image.",
            ),
            PhotoError::TooManyPixels {
                width,
                height,
                max_pixels,
            } => {
                let mp = max_pixels / 1_000_000;
                Localized::new(
                    format!(
                        "De foto is te groot ({width} × {height} pixels). Verklein hem tot \
                         hoogstens {mp} megapixel of maak een nieuwe foto."
                    ),
                    format!(
                        "The photo is too large ({width} × {height} pixels). Reduce it to \
                         at most {mp} megapixels or take a new photo."
                    ),
                )
            }
            PhotoError::Corrupt { .. } => Localized::new(
                "De foto is beschadigd of onvolledig en kan niet worden gelezen. Kies de foto \
                 opnieuw of maak een nieuwe.",
                "The photo is damaged or incomplete and cannot be read. Choose it again or \
                 take a new one.",
            ),
            PhotoError::InvalidMark { index, .. } => Localized::new(
                format!(
                    "Markering {} kan niet worden getekend. Verwijder hem en teken opnieuw.",
                    index + 1
                ),
                format!(
                    "Mark {} cannot be drawn. Remove it and draw it again.",
                    index + 1
                ),
            ),
            PhotoError::Encode { .. } => Localized::new(
                "De foto kon niet worden opgeslagen. Probeer het opnieuw; meld het bij de \
                 helpdesk als het blijft gebeuren.",
                "The photo could not be saved. Try again; report it to the help desk if it \
                 keeps happening.",
            ),
        }
    }
}

fn mb(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}
