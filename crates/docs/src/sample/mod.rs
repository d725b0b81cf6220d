//! Generated sample data for the tests, the benchmark and demo mode: made-up people and
//! places with the characters Dutch documents must get right (ï, ’, hyphens), signature PNGs
//! drawn from a formula and photo JPEGs from a gradient. No real person's data.

mod documents;

pub use documents::{certificate_data, job_report_data};

use crate::model::*;
use chrono::{NaiveDate, TimeZone, Utc};
use image::{codecs::jpeg::JpegEncoder, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use veldwerk_core::{Category, Localized};

/// A made-up signature: a few loops of a pen stroke on a transparent background, as a pad
/// would export it. `seed` varies the shape.
pub fn signature_png(seed: u32, width: u32, height: u32) -> Vec<u8> {
    let mut img = RgbaImage::new(width.max(8), height.max(8));
    let (w, h) = (img.width() as f32, img.height() as f32);
    let s = seed as f32 * 0.37 + 1.0;
    let steps = 2000;
    for i in 0..steps {
        let t = i as f32 / steps as f32;
        let x = w * (0.06 + 0.88 * t) + (t * 40.0 * s).sin() * w * 0.02;
        let y = h * (0.5 + 0.28 * (t * 9.0 + s).sin() * (t * 23.0 * s).cos());
        for dx in -1i32..=1 {
            for dy in -1i32..=1 {
                let (px, py) = (x as i32 + dx, y as i32 + dy);
                if px >= 0 && py >= 0 && (px as u32) < img.width() && (py as u32) < img.height() {
                    img.put_pixel(px as u32, py as u32, Rgba([20, 30, 90, 255]));
                }
            }
        }
    }
    let mut out = Vec::new();
    let _ = image::codecs::png::PngEncoder::new(&mut out).write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgba8,
    );
    out
}

/// A made-up photo thumbnail: a coloured gradient with a band, as JPEG.
pub fn photo_jpeg(seed: u32, width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width.max(8), height.max(8), |x, y| {
        let band = ((x + y + seed * 13) / 24).is_multiple_of(2);
        let r = (x * 255 / width.max(1)) as u8;
        let g = (y * 255 / height.max(1)) as u8;
        Rgb([r, g, if band { 200 } else { (seed * 40 % 255) as u8 }])
    });
    let mut out = Vec::new();
    let _ = JpegEncoder::new_with_quality(&mut out, 80).write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    );
    out
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap_or_default()
}

pub fn supplier() -> Organisation {
    Organisation {
        name: "Hulpmiddelen Oost B.V.".into(),
        address: Some(Address {
            street: "Industrieweg 4".into(),
            postcode: "7421 AB".into(),
            town: "Deventer".into(),
        }),
        phone: Some("0800-123 45 67".into()),
        email: Some("service@hulpmiddelen-oost.example".into()),
    }
}

pub fn municipality() -> Organisation {
    Organisation {
        name: "Gemeente Olst-Wijhe".into(),
        address: Some(Address {
            street: "Karel de Grotestraat 3".into(),
            postcode: "8131 DA".into(),
            town: "Wijhe".into(),
        }),
        phone: None,
        email: None,
    }
}

pub fn resident() -> Resident {
    Resident {
        name: "Anke Ruïzendaal".into(),
        address: Address {
            street: "Kerkstraat 12a".into(),
            postcode: "7041 AB".into(),
            town: "’s-Heerenberg".into(),
        },
        birth_date: Some(day(1946, 5, 3)),
        client_number: Some("WMO-2025-00417".into()),
    }
}

pub fn scooter() -> DeviceInfo {
    DeviceInfo {
        category: Category::C8a,
        brand: "Vermeiren".into(),
        model: "Carpo 2 Limited".into(),
        registration_number: "VW-8A-004711".into(),
        serial_number: "CRP2L-22-118734".into(),
        build_year: 2022,
        condition: Condition::Reconditioned,
        options: vec![
            "Stokhouder".into(),
            "Regenkap met slot".into(),
            "Spiegel links en rechts".into(),
        ],
        insurance_plate: Some("WA-HO-2025-55812".into()),
    }
}

pub fn hoist() -> DeviceInfo {
    DeviceInfo {
        category: Category::C16,
        brand: "Invacare".into(),
        model: "Birdie Evo XPLUS".into(),
        registration_number: "VW-16-000932".into(),
        serial_number: "BEX-19-40021".into(),
        build_year: 2019,
        condition: Condition::Reconditioned,
        options: vec!["Spreidbalk 4-punts".into()],
        insurance_plate: None,
    }
}

/// A user agreement for a reconditioned scooter on loan, signed by the resident herself.
pub fn agreement_data() -> AgreementData {
    AgreementData {
        order_reference: "OW-2025-1187".into(),
        municipality: municipality(),
        supplier: supplier(),
        resident: resident(),
        representative: None,
        device: scooter(),
        ownership: Ownership::Loan,
        electric: true,
        delivery_date: day(2025, 3, 14),
        complaints_contact: "klachten@hulpmiddelen-oost.example of 0800-123 45 68".into(),
        supplier_contacts: vec![
            ContactPerson {
                name: "Femke Oudewater".into(),
                role: "casemanager".into(),
                phone: Some("088-204 11 00".into()),
            },
            ContactPerson {
                name: "Sander Brinkhorst".into(),
                role: "planner".into(),
                phone: None,
            },
        ],
    }
}

pub fn signature(name: &str, role: SignerRole, seed: u32, minute: u32) -> Signature {
    Signature {
        name: name.into(),
        role,
        signed_at: at(2025, 3, 14, 9, minute),
        png: signature_png(seed, 600, 200),
    }
}

pub fn agreement_signatures() -> AgreementSignatures {
    AgreementSignatures {
        resident_side: signature("Anke Ruïzendaal", SignerRole::Resident, 1, 42),
        supplier: signature("Joris Ten Hoeve-Blom", SignerRole::Technician, 2, 44),
    }
}

pub fn label(nl: &str, en: &str) -> Localized {
    Localized::new(nl, en)
}
