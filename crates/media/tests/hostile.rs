//! Hostile input: each gets its own clear error (code and message in both languages), never
//! a panic. How much memory the refusals take is measured in tests/memory.rs.

mod common;
use common::*;
use image::{ImageEncoder, RgbaImage};
use proptest::prelude::*;
use veldwerk_media::synth::{self, scene};
use veldwerk_media::{process_photo, PhotoError, PhotoOptions};

fn small_jpeg() -> Vec<u8> {
    synth::jpeg(&scene(96, 64, 3), 90, None).unwrap()
}

fn code(bytes: &[u8]) -> &'static str {
    match process_photo(bytes, &PhotoOptions::default()) {
        Ok(_) => "ok",
        Err(e) => {
            let m = e.message();
            assert!(
                !m.nl.is_empty() && !m.en.is_empty() && m.nl != m.en,
                "{e:?}"
            );
            e.code()
        }
    }
}

/// A tiny PNG whose header declares `w`×`h` RGB pixels (a decompression bomb when large).
pub fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend(chunk(b"IHDR", &ihdr));
    // A few hundred bytes of deflate that would inflate to a lot of zero rows.
    let zeros = vec![0u8; 64 * 1024];
    let mut z = Vec::new();
    image::codecs::png::PngEncoder::new(&mut z)
        .write_image(&zeros, 128, 128, image::ExtendedColorType::Rgba8)
        .unwrap();
    let idat_start = z.windows(4).position(|w| w == b"IDAT").unwrap();
    let len = u32::from_be_bytes(z[idat_start - 4..idat_start].try_into().unwrap()) as usize;
    png.extend(chunk(b"IDAT", &z[idat_start + 4..idat_start + 4 + len]));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// A valid JPEG whose frame header is changed to declare `w`×`h`.
pub fn jpeg_declaring(w: u16, h: u16) -> Vec<u8> {
    let mut j = small_jpeg();
    let sof = j.windows(2).position(|m| m == [0xFF, 0xC0]).unwrap();
    j[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    j[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    j
}

#[test]
fn an_empty_file() {
    assert_eq!(code(&[]), "photo_empty");
    assert!(PhotoError::Empty.message().nl.contains("leeg"));
}

#[test]
fn truncated_jpegs() {
    let j = small_jpeg();
    assert_eq!(code(&j), "ok");
    for cut in [
        3,
        20,
        300,
        j.len() / 2,
        j.len() - 40,
        j.len() - 2,
        j.len() - 1,
    ] {
        assert_eq!(
            code(&j[..cut]),
            "photo_corrupt",
            "cut at {cut} of {}",
            j.len()
        );
    }
}

#[test]
fn corrupt_jpegs() {
    let j = small_jpeg();
    // The frame header declaring no pixels.
    assert_eq!(code(&jpeg_declaring(0, 0)), "photo_corrupt");
    // The Huffman tables overwritten.
    let mut bad = j.clone();
    let dht = bad.windows(2).position(|m| m == [0xFF, 0xC4]).unwrap();
    for b in &mut bad[dht + 5..dht + 21] {
        *b = 0xFF;
    }
    assert_eq!(code(&bad), "photo_corrupt");
    // A JPEG signature followed by noise.
    let mut noise = vec![0xFF, 0xD8, 0xFF];
    noise.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    assert_eq!(code(&noise), "photo_corrupt");
}

#[test]
fn a_100_megapixel_photo_is_refused_from_its_header() {
    match process_photo(&jpeg_declaring(12_000, 8_400), &PhotoOptions::default()) {
        Err(PhotoError::TooManyPixels { width, height, .. }) => {
            assert_eq!((width, height), (12_000, 8_400))
        }
        other => panic!("{other:?}"),
    }
    let m = PhotoError::TooManyPixels {
        width: 12_000,
        height: 8_400,
        max_pixels: 50_000_000,
    }
    .message();
    assert!(
        m.nl.contains("12000 × 8400") && m.nl.contains("50 megapixel"),
        "{m:?}"
    );
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let bomb = png_declaring(100_000, 100_000);
    assert!(bomb.len() < 2_000, "{} bytes", bomb.len());
    assert_eq!(code(&bomb), "photo_too_many_pixels");
    // The same construction with a sane size decodes (the test builds real PNGs).
    assert_eq!(code(&png_declaring(128, 128)), "ok");
}

#[test]
fn a_png_with_alpha_is_flattened_onto_white() {
    // Left half transparent, right half opaque blue, a half-transparent black band.
    let img = RgbaImage::from_fn(200, 100, |x, y| match (x < 100, y < 50) {
        (true, true) => image::Rgba([255, 0, 0, 0]),
        (true, false) => image::Rgba([0, 0, 0, 128]),
        _ => image::Rgba([20, 40, 200, 255]),
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(img.as_raw(), 200, 100, image::ExtendedColorType::Rgba8)
        .unwrap();
    let out = process_photo(&png, &PhotoOptions::default()).unwrap();
    let got = decode(&out.image.jpeg);
    assert!(
        near(sample(&got, 0.25, 0.25), [255, 255, 255], 6),
        "transparent -> white"
    );
    assert!(
        near(sample(&got, 0.25, 0.75), [127, 127, 127], 8),
        "half -> grey"
    );
    assert!(
        near(sample(&got, 0.75, 0.5), [20, 40, 200], 12),
        "opaque stays"
    );
}

#[test]
fn heic_heif_and_avif_are_named() {
    let ftyp = |major: &[u8; 4], compat: &[u8; 4]| {
        let mut b = 24u32.to_be_bytes().to_vec();
        b.extend_from_slice(b"ftyp");
        b.extend_from_slice(major);
        b.extend_from_slice(&[0, 0, 0, 0]);
        b.extend_from_slice(b"mif1");
        b.extend_from_slice(compat);
        b.extend_from_slice(&[0u8; 200]);
        b
    };
    for (bytes, name) in [
        (ftyp(b"heic", b"heic"), "HEIC"),
        (ftyp(b"mif1", b"heic"), "HEIC"),
        (ftyp(b"mif1", b"miaf"), "HEIF"),
        (ftyp(b"avif", b"avif"), "AVIF"),
    ] {
        let e = process_photo(&bytes, &PhotoOptions::default()).unwrap_err();
        assert_eq!(e.code(), "photo_unsupported_format");
        let m = e.message();
        assert!(
            m.nl.starts_with(&format!("{name}-foto's worden niet ondersteund")),
            "{m:?}"
        );
        assert!(
            m.en.starts_with(&format!("{name} photos are not supported")),
            "{m:?}"
        );
    }
    assert_eq!(code(b"GIF89a\x01\x00\x01\x00"), "photo_unsupported_format");
}

#[test]
fn files_that_are_not_images() {
    assert_eq!(
        code(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"),
        "photo_not_an_image"
    );
    assert_eq!(
        code("Schade aan de rolstoel, zie foto".as_bytes()),
        "photo_not_an_image"
    );
    assert_eq!(code(b"PK\x03\x04zip"), "photo_not_an_image");
    assert_eq!(code(&[0u8; 64]), "photo_not_an_image");
    // A video in an ISO box is not a photo either.
    let mut mp4 = 20u32.to_be_bytes().to_vec();
    mp4.extend_from_slice(b"ftypisom\0\0\0\0mp41");
    assert_eq!(code(&mp4), "photo_not_an_image");
}

#[test]
fn a_file_over_the_input_limit_is_refused_before_reading() {
    let opts = PhotoOptions::default();
    let mut big = small_jpeg();
    big.resize(opts.max_input_bytes + 1, 0);
    let e = process_photo(&big, &opts).unwrap_err();
    assert_eq!(e.code(), "photo_file_too_large");
    assert!(e.message().nl.contains("40.0 MB"), "{:?}", e.message());
}

#[test]
fn webp_is_read() {
    let img = scene(120, 80, 5);
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .write_image(img.as_raw(), 120, 80, image::ExtendedColorType::Rgb8)
        .unwrap();
    let out = process_photo(&webp, &PhotoOptions::default()).unwrap();
    assert_eq!((out.image.width, out.image.height), (120, 80));
    assert_eq!(out.source_format, veldwerk_media::Format::WebP);
    let got = decode(&out.image.jpeg);
    assert!(near(sample(&got, 0.5, 0.5), sample(&img, 0.5, 0.5), 12));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Damaged files of every kind end in a result, never a panic or a hang.
    #[test]
    fn damaged_files_never_panic(
        which in 0..3usize,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = match which {
            0 => small_jpeg(),
            1 => png_declaring(64, 64),
            _ => synth::jpeg(&scene(40, 30, 1), 80, Some(&synth::exif_tiff(&synth::ExifSpec {
                orientation: Some(6), taken: Some("2024:01:02 03:04:05"), camera: true,
                ..Default::default()
            }).unwrap())).unwrap(),
        };
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        let keep = bytes.len() - cut.index(bytes.len() / 4 + 1);
        bytes.truncate(keep);
        let _ = process_photo(&bytes, &PhotoOptions::default());
    }
}
