//! Recognising a file by its content (magic bytes), never by its name: the formats we read,
//! the image formats we name when we refuse them, and everything else as "not an image".

use crate::PhotoError;

/// The formats the pipeline reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

/// What `bytes` is, or why it is refused.
pub fn sniff(bytes: &[u8]) -> Result<Format, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Format::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Format::Png);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok(Format::WebP);
    }
    if let Some(format) = iso_media(bytes) {
        return Err(PhotoError::UnsupportedFormat { format });
    }
    if let Some(format) = other_image(bytes) {
        return Err(PhotoError::UnsupportedFormat { format });
    }
    Err(PhotoError::NotAnImage)
}

/// An ISO base media file (HEIF family, AVIF, also MP4/MOV video) starts with an `ftyp` box:
/// size, "ftyp", a major brand and compatible brands. Photos in HEIC, HEIF and AVIF are named;
/// a video or anything else in such a box is not an image (None).
fn iso_media(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() < 16 || &bytes[4..8] != b"ftyp" {
        return None;
    }
    let size = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let end = size.clamp(16, bytes.len().min(4096));
    // The major brand, then the compatible brands after the minor version.
    let brands = std::iter::once(&bytes[8..12]).chain(bytes[16..end].chunks_exact(4));
    let mut found: Option<&'static str> = None;
    for brand in brands {
        let name = match brand {
            b"avif" | b"avis" => return Some("AVIF"),
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" => Some("HEIC"),
            b"mif1" | b"msf1" => Some("HEIF"),
            b"crx " => Some("Canon RAW (CR3)"),
            _ => None,
        };
        // HEIC names the codec and wins over the generic HEIF brand.
        if name.is_some() && found != Some("HEIC") {
            found = name;
        }
    }
    found
}

/// Other image formats a technician may pick, named so the message can say which.
fn other_image(bytes: &[u8]) -> Option<&'static str> {
    let starts = |sig: &[u8]| bytes.starts_with(sig);
    if starts(b"GIF87a") || starts(b"GIF89a") {
        Some("GIF")
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some("TIFF/RAW")
    } else if starts(b"8BPS") {
        Some("Photoshop (PSD)")
    } else if starts(&[0xFF, 0x0A]) || starts(b"\0\0\0\x0cJXL \r\n\x87\n") {
        Some("JPEG XL")
    } else if starts(b"\0\0\0\x0cjP  \r\n\x87\n") {
        Some("JPEG 2000")
    } else if is_bmp(bytes) {
        Some("BMP")
    } else {
        None
    }
}

/// "BM" alone is too weak (a text may start with it): the info header size must be one that
/// BMP defines.
fn is_bmp(bytes: &[u8]) -> bool {
    bytes.len() >= 18
        && bytes.starts_with(b"BM")
        && matches!(
            u32::from_le_bytes([bytes[14], bytes[15], bytes[16], bytes[17]]),
            12 | 40 | 52 | 56 | 64 | 108 | 124
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compatible.len();
        let mut b = (size as u32).to_be_bytes().to_vec();
        b.extend_from_slice(b"ftyp");
        b.extend_from_slice(major);
        b.extend_from_slice(&[0, 0, 0, 0]);
        for c in compatible {
            b.extend_from_slice(*c);
        }
        b.extend_from_slice(&[0; 32]);
        b
    }

    fn refused(bytes: &[u8]) -> &'static str {
        match sniff(bytes) {
            Err(PhotoError::UnsupportedFormat { format }) => format,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn iso_brands_are_named() {
        assert_eq!(refused(&ftyp(b"heic", &[b"mif1", b"heic"])), "HEIC");
        assert_eq!(refused(&ftyp(b"mif1", &[b"mif1", b"heic"])), "HEIC");
        assert_eq!(refused(&ftyp(b"mif1", &[b"mif1"])), "HEIF");
        assert_eq!(refused(&ftyp(b"mif1", &[b"mif1", b"avif"])), "AVIF");
        assert_eq!(refused(&ftyp(b"avif", &[])), "AVIF");
        assert_eq!(
            sniff(&ftyp(b"isom", &[b"mp41"])),
            Err(PhotoError::NotAnImage)
        );
        // A box size larger than the file does not read past its end.
        let mut b = ftyp(b"heic", &[]);
        b[0..4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(refused(&b), "HEIC");
    }

    #[test]
    fn formats_by_content() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(Format::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Ok(Format::Png));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Ok(Format::WebP));
        assert_eq!(sniff(b"RIFF\0\0\0\0WAVEfmt "), Err(PhotoError::NotAnImage));
        assert_eq!(refused(b"GIF89a......"), "GIF");
        assert_eq!(sniff(b"%PDF-1.7\n"), Err(PhotoError::NotAnImage));
        assert_eq!(sniff(b"BMW onderhoud"), Err(PhotoError::NotAnImage));
        assert_eq!(sniff(&[]), Err(PhotoError::Empty));
        assert_eq!(sniff(&[0xFF]), Err(PhotoError::NotAnImage));
    }
}
