//! What comes out: sizes, no metadata but the capture time as data, the same bytes for the
//! same input (also from several threads at once), and batches with progress.

mod common;
use common::*;
use image::ImageEncoder;
use veldwerk_media::synth::{self, scene, ExifSpec, CAMERA_SERIAL, OWNER_NAME};
use veldwerk_media::{process_batch, process_photo, CaptureTime, PhotoOptions, Processed};

fn camera_photo() -> Vec<u8> {
    let thumb = synth::jpeg(&scene(160, 120, 2), 80, None).unwrap();
    let exif = synth::exif_tiff(&ExifSpec {
        orientation: Some(6),
        taken: Some("2024:06:14 09:41:27"),
        offset: Some("+02:00"),
        gps: Some((52, 6)),
        camera: true,
        thumbnail: Some(&thumb),
    })
    .unwrap();
    synth::jpeg(&scene(4032, 3024, 11), 90, Some(&exif)).unwrap()
}

/// The marker segments of a JPEG up to its first scan: (marker, payload).
fn segments(jpeg: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    let mut i = 2;
    while i + 4 <= jpeg.len() && jpeg[i] == 0xFF {
        let marker = jpeg[i + 1];
        let len = u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
        out.push((marker, jpeg[i + 4..i + 2 + len].to_vec()));
        if marker == 0xDA {
            break;
        }
        i += 2 + len;
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn assert_no_metadata(jpeg: &[u8], what: &str) {
    for (marker, payload) in segments(jpeg) {
        let ok = matches!(marker, 0xDB | 0xC0 | 0xC4 | 0xDA | 0xDD)
            || (marker == 0xE0 && payload.starts_with(b"JFIF\0"));
        assert!(
            ok,
            "{what}: segment FF{marker:02X} {:?}",
            &payload[..payload.len().min(8)]
        );
    }
    for needle in [
        b"Exif".as_slice(),
        CAMERA_SERIAL.as_bytes(),
        OWNER_NAME.as_bytes(),
        b"MAKERNOTE",
        b"Testmerk",
    ] {
        assert!(!contains(jpeg, needle), "{what}: contains {needle:?}");
    }
    let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(jpeg));
    assert!(exif.is_err(), "{what}: EXIF found");
}

#[test]
fn a_12_megapixel_photo_comes_out_upright_sized_and_stripped() {
    let input = camera_photo();
    // The input really has what must be removed (checks the check).
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&input))
        .unwrap();
    assert!(exif
        .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
        .is_some());
    assert!(contains(&input, CAMERA_SERIAL.as_bytes()));

    let out = process_photo(&input, &PhotoOptions::default()).unwrap();
    // Orientation 6 turns 4032x3024 into portrait; decoded at 1/2 it is 1512x2016.
    assert_eq!((out.image.width, out.image.height), (1512, 2016));
    let long = out.image.width.max(out.image.height);
    assert!((1600..=2048).contains(&long));
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (240, 320));
    assert_eq!(decode(&out.image.jpeg).dimensions(), (1512, 2016));
    assert_eq!(decode(&out.thumbnail.jpeg).dimensions(), (240, 320));
    assert_eq!(out.source_size, (4032, 3024));
    assert_no_metadata(&out.image.jpeg, "image");
    assert_no_metadata(&out.thumbnail.jpeg, "thumbnail");
    let t: CaptureTime = out.captured.unwrap();
    assert_eq!(t.local.to_string(), "2024-06-14 09:41:27");
    assert_eq!(t.offset_minutes, Some(120));
    assert_eq!(
        t.instant().unwrap().to_rfc3339(),
        "2024-06-14T09:41:27+02:00"
    );
    // A sensible quality: a few hundred kB for 3 MP of a noisy scene, far below the input.
    assert!(
        out.image.jpeg.len() < input.len() / 3,
        "{}",
        out.image.jpeg.len()
    );
    assert!(
        out.thumbnail.jpeg.len() < 40_000,
        "{}",
        out.thumbnail.jpeg.len()
    );
}

#[test]
fn capture_time_without_offset_and_without_exif() {
    let exif = synth::exif_tiff(&ExifSpec {
        taken: Some("2023:12:31 23:59:58"),
        ..ExifSpec::default()
    })
    .unwrap();
    let out = process_photo(
        &synth::jpeg(&scene(64, 48, 1), 90, Some(&exif)).unwrap(),
        &PhotoOptions::default(),
    )
    .unwrap();
    let t = out.captured.unwrap();
    assert_eq!(t.local.to_string(), "2023-12-31 23:59:58");
    assert_eq!((t.offset_minutes, t.instant()), (None, None));
    let plain = synth::jpeg(&scene(64, 48, 1), 90, None).unwrap();
    assert_eq!(
        process_photo(&plain, &PhotoOptions::default())
            .unwrap()
            .captured,
        None
    );
}

#[test]
fn sizes_for_other_inputs() {
    let opts = PhotoOptions::default();
    // 3000 px is not decoded at 1/2 (1500 < 1600): decoded whole, then resized to 2048.
    let out = process_photo(
        &synth::jpeg(&scene(3000, 2000, 4), 85, None).unwrap(),
        &opts,
    )
    .unwrap();
    assert_eq!((out.image.width, out.image.height), (2048, 1365));
    // 8000 px: decoded at 1/4 = 2000.
    let out = process_photo(
        &synth::jpeg(&scene(8000, 1000, 4), 70, None).unwrap(),
        &opts,
    )
    .unwrap();
    assert_eq!((out.image.width, out.image.height), (2000, 250));
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (320, 40));
    // A PNG screenshot larger than 2048.
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(
            scene(2500, 1000, 9).as_raw(),
            2500,
            1000,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    let out = process_photo(&png, &opts).unwrap();
    assert_eq!((out.image.width, out.image.height), (2048, 819));
    // Small images are never enlarged.
    let out = process_photo(&synth::jpeg(&scene(200, 100, 4), 85, None).unwrap(), &opts).unwrap();
    assert_eq!((out.image.width, out.image.height), (200, 100));
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (200, 100));
}

#[test]
fn progressive_and_grey_jpegs() {
    let opts = PhotoOptions::default();
    let img = scene(3400, 2000, 8);
    let mut progressive = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut progressive, 88);
    enc.set_progressive(true);
    enc.encode(img.as_raw(), 3400, 2000, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    let out = process_photo(&progressive, &opts).unwrap();
    // Progressive files scale while decoding too: 1/2 is 1700 px.
    assert_eq!((out.image.width, out.image.height), (1700, 1000));
    let got = decode(&out.image.jpeg);
    for (fx, fy) in [(0.2, 0.2), (0.5, 0.5), (0.8, 0.7)] {
        assert!(
            near(sample(&got, fx, fy), sample(&img, fx, fy), 16),
            "({fx}, {fy})"
        );
    }
    let grey = image::GrayImage::from_fn(300, 200, |x, _| image::Luma([(x % 256) as u8]));
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 90)
        .encode(grey.as_raw(), 300, 200, jpeg_encoder::ColorType::Luma)
        .unwrap();
    let out = process_photo(&jpeg, &opts).unwrap();
    let got = decode(&out.image.jpeg);
    let c = sample(&got, 0.5, 0.5);
    assert!(
        c[0].abs_diff(150) < 8 && c[0] == c[1] && c[1] == c[2],
        "{c:?}"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes_on_any_thread() {
    let input = camera_photo();
    let opts = PhotoOptions::default();
    let first = process_photo(&input, &opts).unwrap();
    let second = process_photo(&input, &opts).unwrap();
    assert_eq!(first, second);
    let results: Vec<Processed> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..3)
            .map(|_| s.spawn(|| process_photo(&input, &opts).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in results {
        assert!(r == first, "a thread produced other bytes");
    }
}

#[test]
fn a_batch_reports_progress_and_keeps_going_past_a_bad_file() {
    let good = synth::jpeg(&scene(300, 200, 1), 85, None).unwrap();
    let inputs: Vec<Vec<u8>> = vec![good.clone(), b"geen foto".to_vec(), good];
    let mut seen = Vec::new();
    let results = process_batch(&inputs, &PhotoOptions::default(), |done, total| {
        seen.push((done, total))
    });
    assert_eq!(seen, vec![(1, 3), (2, 3), (3, 3)]);
    assert!(results[0].is_ok() && results[2].is_ok());
    assert_eq!(
        results[1].as_ref().unwrap_err().code(),
        "photo_not_an_image"
    );
    assert_eq!(results[0], results[2]);
}
