//! Every EXIF orientation comes out upright: our own quadrant images for all eight values
//! (small and camera-sized, the latter decoded at a reduced scale), and the shared samples.

mod common;
use common::*;
use veldwerk_media::synth::{quadrants, QUADRANT_COLOURS};
use veldwerk_media::{process_photo, PhotoOptions};

/// The centres of the four quadrants, clockwise from the top-left, as in QUADRANT_COLOURS.
const CENTRES: [(f32, f32); 4] = [(0.25, 0.25), (0.75, 0.25), (0.75, 0.75), (0.25, 0.75)];

fn assert_upright(jpeg: &[u8], w: u32, h: u32, what: &str) {
    let img = decode(jpeg);
    assert_eq!(img.dimensions(), (w, h), "{what}: size");
    for (i, (fx, fy)) in CENTRES.iter().enumerate() {
        let got = sample(&img, *fx, *fy);
        assert!(
            near(got, QUADRANT_COLOURS[i], 24),
            "{what}: quadrant {i} is {got:?}, expected {:?}",
            QUADRANT_COLOURS[i]
        );
    }
}

#[test]
fn the_stored_pixels_of_each_orientation_differ() {
    // A guard for the test itself: every orientation stores the picture differently, so a
    // pipeline that ignored or confused a value could not pass the tests below.
    let upright = quadrants(8, 6);
    let stored: Vec<_> = (1..=8).map(|o| stored_for(&upright, o)).collect();
    for a in 0..8 {
        for b in a + 1..8 {
            assert_ne!(stored[a], stored[b], "orientations {} and {}", a + 1, b + 1);
        }
    }
}

#[test]
fn all_eight_orientations_come_out_upright() {
    let upright = quadrants(320, 240);
    for o in 1..=8u16 {
        let input = jpeg_with_orientation(&stored_for(&upright, o), o);
        let out = process_photo(&input, &PhotoOptions::default()).unwrap();
        assert_upright(&out.image.jpeg, 320, 240, &format!("orientation {o}"));
        assert_eq!((out.thumbnail.width, out.thumbnail.height), (320, 240));
    }
}

#[test]
fn camera_sized_photos_shrink_while_decoding_and_come_out_upright() {
    // 3600x2700 is decoded at 1/2 (1800x1350), then turned.
    let upright = quadrants(3600, 2700);
    for o in [1u16, 3, 5, 6, 8] {
        let input = jpeg_with_orientation(&stored_for(&upright, o), o);
        let out = process_photo(&input, &PhotoOptions::default()).unwrap();
        assert_upright(&out.image.jpeg, 1800, 1350, &format!("orientation {o}"));
        assert_upright(&out.thumbnail.jpeg, 320, 240, &format!("thumbnail {o}"));
        let expected_source = if o >= 5 { (2700, 3600) } else { (3600, 2700) };
        assert_eq!(out.source_size, expected_source);
    }
}

#[test]
fn an_out_of_range_orientation_is_taken_as_upright() {
    let upright = quadrants(64, 48);
    for o in [0u16, 9, 65535] {
        let input = jpeg_with_orientation(&upright, o);
        let out = process_photo(&input, &PhotoOptions::default()).unwrap();
        assert_upright(&out.image.jpeg, 64, 48, &format!("orientation {o}"));
    }
}

#[test]
fn a_png_with_an_exif_orientation_comes_out_upright() {
    use image::ImageEncoder;
    let upright = quadrants(120, 80);
    let stored = stored_for(&upright, 6);
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(stored.as_raw(), 80, 120, image::ExtendedColorType::Rgb8)
        .unwrap();
    // An eXIf chunk right after IHDR (8 bytes of signature, 25 of IHDR).
    let exif = veldwerk_media::synth::exif_tiff(&veldwerk_media::synth::ExifSpec {
        orientation: Some(6),
        ..Default::default()
    })
    .unwrap();
    let tail = png.split_off(33);
    png.extend(chunk(b"eXIf", &exif));
    png.extend(tail);
    let out = process_photo(&png, &PhotoOptions::default()).unwrap();
    assert_upright(&out.image.jpeg, 120, 80, "PNG with orientation 6");
}

/// The public samples (each shows an upright "F" when handled right): every one must match
/// the sample without orientation after processing, in size and on a coarse grid of pixels.
#[test]
fn the_shared_samples_come_out_upright() {
    let Some(dir) = shared_dir("testdata/photos/exif-orientation") else {
        eprintln!("SKIPPED: shared/testdata/photos/exif-orientation not found");
        return;
    };
    let opts = PhotoOptions::default();
    let mut checked = 0;
    for kind in ["Landscape", "Portrait"] {
        let reference = dir.join(format!("{kind}_0.jpg"));
        let Ok(bytes) = std::fs::read(&reference) else {
            eprintln!("SKIPPED: {} missing", reference.display());
            continue;
        };
        let want = decode(&process_photo(&bytes, &opts).unwrap().image.jpeg);
        for o in 1..=8 {
            let path = dir.join(format!("{kind}_{o}.jpg"));
            let bytes = std::fs::read(&path).unwrap();
            let got = decode(&process_photo(&bytes, &opts).unwrap().image.jpeg);
            assert_eq!(got.dimensions(), want.dimensions(), "{}", path.display());
            let mut worst = 0u8;
            for gy in 0..12 {
                for gx in 0..12 {
                    let (fx, fy) = ((gx as f32 + 0.5) / 12.0, (gy as f32 + 0.5) / 12.0);
                    let (a, b) = (sample(&got, fx, fy), sample(&want, fx, fy));
                    worst = worst.max(a.iter().zip(b).map(|(x, y)| x.abs_diff(y)).max().unwrap());
                }
            }
            assert!(
                worst <= 40,
                "{}: differs by {worst} on the grid",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} samples checked");
    eprintln!("{checked} shared samples upright");
}
