//! Annotation: arrows, ellipses and freehand lines land where their fractions say, on the
//! upright image; the input is untouched; bad marks get a clear error.

mod common;
use common::*;
use image::RgbImage;
use veldwerk_media::synth;
use veldwerk_media::{annotate, process_photo, Color, Mark, PhotoOptions, Point, Shape};

const RED: Color = Color {
    r: 230,
    g: 20,
    b: 20,
};
const WHITE: [u8; 3] = [255, 255, 255];

fn white_photo(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_pixel(w, h, image::Rgb(WHITE));
    let jpeg = synth::jpeg(&img, 95, None).unwrap();
    process_photo(&jpeg, &PhotoOptions::default())
        .unwrap()
        .image
        .jpeg
}

fn p(x: f32, y: f32) -> Point {
    Point { x, y }
}

fn mark(shape: Shape, width: f32) -> Mark {
    Mark {
        shape,
        color: RED,
        width,
    }
}

fn is_red(c: [u8; 3]) -> bool {
    c[0] > 180 && c[1] < 90 && c[2] < 90
}

/// The colour of the single pixel at fractions (fx, fy).
fn at(img: &RgbImage, fx: f32, fy: f32) -> [u8; 3] {
    let (w, h) = img.dimensions();
    img.get_pixel(
        ((fx * w as f32) as u32).min(w - 1),
        ((fy * h as f32) as u32).min(h - 1),
    )
    .0
}

#[test]
fn an_arrow_has_a_shaft_and_a_head() {
    let photo = white_photo(800, 600);
    let before = photo.clone();
    let arrow = mark(
        Shape::Arrow {
            from: p(0.1, 0.5),
            to: p(0.9, 0.5),
        },
        0.01,
    );
    let out = annotate(&photo, &[arrow], &PhotoOptions::default()).unwrap();
    assert_eq!(photo, before, "the input is never changed");
    assert_ne!(out.image.jpeg, photo);
    assert_eq!((out.image.width, out.image.height), (800, 600));
    let img = decode(&out.image.jpeg);
    // Stroke 8 px; the head is 32 px long and 32 px wide at its base, so 24 px before the
    // tip it is 24 px wide.
    assert!(is_red(at(&img, 0.5, 0.5)), "shaft");
    assert!(is_red(at(&img, 0.12, 0.5)), "tail");
    assert!(
        near(at(&img, 0.5, 0.5 + 12.0 / 600.0), WHITE, 30),
        "shaft is thin"
    );
    let head_x = 0.9 - 24.0 / 800.0;
    assert!(
        is_red(at(&img, head_x, 0.5 + 9.0 / 600.0)),
        "head is wider than the shaft"
    );
    assert!(near(at(&img, 0.95, 0.5), WHITE, 30), "nothing past the tip");
    assert!(near(at(&img, 0.5, 0.2), WHITE, 30), "background");
    // The thumbnail shows the arrow too.
    let thumb = decode(&out.thumbnail.jpeg);
    assert!(sample(&thumb, 0.5, 0.5)[1] < 200);
}

#[test]
fn an_ellipse_is_an_outline_and_freehand_follows_its_points() {
    let photo = white_photo(600, 600);
    let marks = [
        mark(
            Shape::Ellipse {
                from: p(0.2, 0.2),
                to: p(0.6, 0.6),
            },
            0.01,
        ),
        mark(
            Shape::Freehand {
                points: vec![p(0.8, 0.1), p(0.8, 0.9), p(0.95, 0.9)],
            },
            0.01,
        ),
    ];
    let img = decode(
        &annotate(&photo, &marks, &PhotoOptions::default())
            .unwrap()
            .image
            .jpeg,
    );
    // The ellipse's outline at its top, left, right and bottom; not filled.
    for (x, y) in [(0.4, 0.2), (0.2, 0.4), (0.6, 0.4), (0.4, 0.6)] {
        assert!(is_red(at(&img, x, y)), "ellipse at ({x}, {y})");
    }
    assert!(near(at(&img, 0.4, 0.4), WHITE, 30), "ellipse is not filled");
    assert!(
        near(at(&img, 0.25, 0.25), WHITE, 30),
        "outside the ellipse near its box corner"
    );
    // The freehand line: both legs, and not the diagonal between its ends.
    assert!(is_red(at(&img, 0.8, 0.5)));
    assert!(is_red(at(&img, 0.9, 0.9)));
    assert!(near(at(&img, 0.88, 0.5), WHITE, 30));
}

#[test]
fn marks_are_placed_on_the_upright_image() {
    // A camera photo stored sideways (orientation 6): a mark at the top-left of what the
    // technician sees lands at the top-left of the upright result.
    let upright = RgbImage::from_pixel(400, 300, image::Rgb(WHITE));
    let input = jpeg_with_orientation(&stored_for(&upright, 6), 6);
    let dot = mark(
        Shape::Freehand {
            points: vec![p(0.1, 0.1)],
        },
        0.05,
    );
    let out = annotate(&input, &[dot], &PhotoOptions::default()).unwrap();
    let img = decode(&out.image.jpeg);
    assert_eq!(img.dimensions(), (400, 300));
    assert!(is_red(at(&img, 0.1, 0.1)), "{:?}", at(&img, 0.1, 0.1));
    assert!(near(at(&img, 0.9, 0.1), WHITE, 30));
    assert!(near(at(&img, 0.1, 0.9), WHITE, 30));
}

#[test]
fn annotation_is_deterministic_and_accepts_the_uis_json() {
    let photo = white_photo(300, 200);
    let json = r##"[
        {"shape":{"kind":"arrow","from":{"x":0.1,"y":0.1},"to":{"x":0.5,"y":0.5}},"color":"#1e88e5","width":0.01},
        {"shape":{"kind":"ellipse","from":{"x":0.6,"y":0.2},"to":{"x":0.9,"y":0.8}},"color":"#e53935","width":0.008},
        {"shape":{"kind":"freehand","points":[{"x":0.1,"y":0.9},{"x":0.2,"y":0.8},{"x":0.3,"y":0.9}]},"color":"#43a047","width":0.004}
    ]"##;
    let marks: Vec<Mark> = serde_json::from_str(json).unwrap();
    let a = annotate(&photo, &marks, &PhotoOptions::default()).unwrap();
    let b = annotate(&photo, &marks, &PhotoOptions::default()).unwrap();
    assert_eq!(a, b);
    // Degenerate marks (a click without a drag) draw a dot instead of failing.
    let clicks = [
        mark(
            Shape::Arrow {
                from: p(0.5, 0.5),
                to: p(0.5, 0.5),
            },
            0.02,
        ),
        mark(
            Shape::Ellipse {
                from: p(0.2, 0.2),
                to: p(0.2, 0.2),
            },
            0.02,
        ),
        mark(
            Shape::Ellipse {
                from: p(0.7, 0.2),
                to: p(0.9, 0.2),
            },
            0.02,
        ),
    ];
    let img = decode(
        &annotate(&photo, &clicks, &PhotoOptions::default())
            .unwrap()
            .image
            .jpeg,
    );
    assert!(is_red(at(&img, 0.5, 0.5)) && is_red(at(&img, 0.2, 0.2)) && is_red(at(&img, 0.8, 0.2)));
}

#[test]
fn invalid_marks_are_refused_with_their_number() {
    let photo = white_photo(100, 100);
    let ok = mark(
        Shape::Arrow {
            from: p(0.1, 0.1),
            to: p(0.5, 0.5),
        },
        0.01,
    );
    let cases = [
        mark(
            Shape::Arrow {
                from: p(f32::NAN, 0.1),
                to: p(0.5, 0.5),
            },
            0.01,
        ),
        mark(
            Shape::Arrow {
                from: p(0.1, 0.1),
                to: p(50.0, 0.5),
            },
            0.01,
        ),
        mark(Shape::Freehand { points: vec![] }, 0.01),
        mark(
            Shape::Ellipse {
                from: p(0.1, 0.1),
                to: p(0.5, 0.5),
            },
            0.0,
        ),
        mark(
            Shape::Ellipse {
                from: p(0.1, 0.1),
                to: p(0.5, 0.5),
            },
            0.5,
        ),
        mark(
            Shape::Ellipse {
                from: p(0.1, 0.1),
                to: p(0.5, 0.5),
            },
            f32::INFINITY,
        ),
    ];
    for bad in cases {
        let e = annotate(&photo, &[ok.clone(), bad.clone()], &PhotoOptions::default()).unwrap_err();
        assert_eq!(e.code(), "photo_invalid_mark", "{bad:?}");
        assert!(e.message().nl.contains("Markering 2"), "{:?}", e.message());
    }
    let many = vec![ok.clone(); 501];
    assert_eq!(
        annotate(&photo, &many, &PhotoOptions::default())
            .unwrap_err()
            .code(),
        "photo_invalid_mark"
    );
    let long_line = mark(
        Shape::Freehand {
            points: vec![p(0.5, 0.5); 100_001],
        },
        0.01,
    );
    assert_eq!(
        annotate(&photo, &[long_line], &PhotoOptions::default())
            .unwrap_err()
            .code(),
        "photo_invalid_mark"
    );
    // Not a photo at all.
    assert_eq!(
        annotate(b"%PDF-1.4", &[ok], &PhotoOptions::default())
            .unwrap_err()
            .code(),
        "photo_not_an_image"
    );
}
