//! Peak memory: hostile headers are refused before anything of their declared size is
//! allocated, and a 12-megapixel photo is processed within a bounded amount. Measured with a
//! counting allocator around the call (this file has a single test, so nothing else runs in
//! the process meanwhile; the decoder's worker threads are counted too).

mod common;
use image::ImageEncoder;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use veldwerk_media::synth::{self, scene, ExifSpec};
use veldwerk_media::{process_photo, PhotoOptions};

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), SeqCst) + layout.size();
            PEAK.fetch_max(now, SeqCst);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), SeqCst);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The most memory held at once during `f`, beyond what was held before it.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(SeqCst);
    PEAK.store(base, SeqCst);
    let out = f();
    (out, PEAK.load(SeqCst).saturating_sub(base))
}

const MB: usize = 1024 * 1024;

#[test]
fn memory_stays_bounded() {
    let opts = PhotoOptions::default();
    // Hostile headers, built before measuring.
    let small = synth::jpeg(&scene(96, 64, 3), 90, None).unwrap();
    let mut huge_jpeg = small.clone();
    let sof = huge_jpeg
        .windows(2)
        .position(|m| m == [0xFF, 0xC0])
        .unwrap();
    huge_jpeg[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]); // 65535²
    let mut hundred_mp = small.clone();
    hundred_mp[sof + 5..sof + 7].copy_from_slice(&8_400u16.to_be_bytes());
    hundred_mp[sof + 7..sof + 9].copy_from_slice(&12_000u16.to_be_bytes());
    let bomb = {
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(&[0u8; 16 * 16 * 3], 16, 16, image::ExtendedColorType::Rgb8)
            .unwrap();
        // IHDR width and height sit at bytes 16..24.
        png[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32fast::hash(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        png
    };
    for (name, bytes) in [
        ("65535x65535 JPEG", &huge_jpeg),
        ("100 MP JPEG", &hundred_mp),
        ("PNG bomb", &bomb),
    ] {
        let (result, peak) = peak_during(|| process_photo(bytes, &opts));
        let e = result.expect_err(name);
        assert_eq!(e.code(), "photo_too_many_pixels", "{name}");
        assert!(peak < MB, "{name}: {peak} bytes at peak before refusing");
        eprintln!("{name}: refused, peak {peak} bytes");
    }

    // A camera photo: 12 MP with orientation 6.
    let exif = synth::exif_tiff(&ExifSpec {
        orientation: Some(6),
        ..ExifSpec::default()
    })
    .unwrap();
    let photo = synth::jpeg(&scene(4032, 3024, 7), 90, Some(&exif)).unwrap();
    let (out, peak) = peak_during(|| process_photo(&photo, &opts));
    out.unwrap();
    // Decoded at half size (2016x1512: 9 MB), turned (another 9 MB), encoded; the full-size
    // decode alone would be 36 MB.
    assert!(peak < 32 * MB, "12 MP photo: {} MB at peak", peak / MB);
    eprintln!("12 MP photo: peak {:.1} MB", peak as f64 / MB as f64);
}
