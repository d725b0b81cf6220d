//! Sample data for the certificate and the job report.

use super::{at, day, hoist, label, photo_jpeg, resident, scooter, signature, supplier};
use crate::model::*;

fn item(nl: &str, en: &str, result: ItemResult) -> CheckItem {
    CheckItem {
        label: label(nl, en),
        result,
        note: None,
    }
}

/// A periodic hoist inspection with one defect to fix, two slings (one withdrawn), and the
/// inspector's signature.
pub fn certificate_data() -> HoistCertificateData {
    let ok = ItemResult::Ok;
    let steps = vec![
        CheckStep {
            title: label("Onderstel en wielen", "Base and castors"),
            items: vec![
                item(
                    "Poten openen en sluiten soepel",
                    "Legs open and close freely",
                    ok.clone(),
                ),
                item(
                    "Wielen draaien en rollen",
                    "Castors swivel and roll",
                    ok.clone(),
                ),
                item(
                    "Remmen houden",
                    "Brakes hold",
                    ItemResult::Defect {
                        remedy: "Remblok achter links vervangen".into(),
                        fix_by: day(2025, 4, 1),
                    },
                ),
            ],
        },
        CheckStep {
            title: label("Mast, giek en spreidbalk", "Mast, boom and spreader bar"),
            items: vec![
                item(
                    "Geen scheuren of vervorming",
                    "No cracks or deformation",
                    ok.clone(),
                ),
                item(
                    "Haken en sluitingen heel",
                    "Hooks and latches intact",
                    ok.clone(),
                ),
            ],
        },
        CheckStep {
            title: label("Veiligheid en bediening", "Safety and controls"),
            items: vec![
                item("Noodstop werkt", "Emergency stop works", ok.clone()),
                item(
                    "Nooddaalsysteem werkt",
                    "Emergency lowering works",
                    ItemResult::Repaired,
                ),
                item(
                    "Plafondrail: eindstops",
                    "Ceiling rail: end stops",
                    ItemResult::NotApplicable,
                ),
            ],
        },
    ];
    HoistCertificateData {
        certificate_number: "KT-2025-000318".into(),
        supplier: supplier(),
        device: hoist(),
        swl_kg: 180,
        resident: resident(),
        standard: "NEN-EN-ISO 10535".into(),
        protocol: Some("Servicehandleiding fabrikant, versie 2021-03".into()),
        kind: InspectionKind::Periodic,
        steps,
        measurements: vec![
            Measurement {
                label: label("Isolatieweerstand", "Insulation resistance"),
                value: 212.5,
                unit: "MΩ".into(),
                decimals: 1,
            },
            Measurement {
                label: label("Lekstroom", "Leakage current"),
                value: 0.04,
                unit: "mA".into(),
                decimals: 2,
            },
        ],
        instrument: Some(Instrument {
            name: Some("Installatietester".into()),
            serial_number: "IT-55102".into(),
            calibrated_on: day(2024, 11, 20),
        }),
        slings: vec![
            SlingResult {
                number: "TB-000877".into(),
                manufacturer: "Invacare".into(),
                model: "Comfort".into(),
                size: "M".into(),
                swl_kg: 200,
                outcome: SlingOutcome::Approved,
                note: None,
            },
            SlingResult {
                number: "TB-000878".into(),
                manufacturer: "Invacare".into(),
                model: "Hygiëne".into(),
                size: "L".into(),
                swl_kg: 200,
                outcome: SlingOutcome::Withdrawn,
                note: Some("Stiksel bij de beenlus los".into()),
            },
        ],
        outcome: InspectionOutcome::ApprovedWithRemarks,
        remarks: Some("Remblok besteld; herstel gepland.".into()),
        inspector: Inspector {
            name: "Sanne Oude Veldhuis".into(),
            qualification: "Keurmeester tilliften (Stigah)".into(),
            certificate_number: "STG-04471".into(),
        },
        inspected_on: day(2025, 3, 14),
        next_due_on: day(2026, 3, 14),
        signature: Some(signature(
            "Sanne Oude Veldhuis",
            SignerRole::Inspector,
            3,
            30,
        )),
    }
}

/// A scooter maintenance job report with `items` checklist items (every 9th not OK),
/// `parts` parts and `photos` photo thumbnails, signed off by the resident.
pub fn job_report_data(items: usize, parts: usize, photos: usize) -> JobReportData {
    let per_step = 10;
    let steps = (0..items.div_ceil(per_step))
        .map(|s| CheckStep {
            title: label(&format!("Stap {}", s + 1), &format!("Step {}", s + 1)),
            items: (s * per_step..((s + 1) * per_step).min(items))
                .map(|i| {
                    let result = match i % 9 {
                        4 => ItemResult::Repaired,
                        7 => ItemResult::Defect {
                            remedy: format!(
                                "Onderdeel {i} bijstellen of vervangen bij volgend bezoek"
                            ),
                            fix_by: day(2025, 4, 1),
                        },
                        8 => ItemResult::NotApplicable,
                        _ => ItemResult::Ok,
                    };
                    CheckItem {
                        label: label(
                            &format!("Controlepunt {i}: bevestiging en speling"),
                            &format!("Item {i}: fixing and play"),
                        ),
                        result,
                        note: (i % 9 == 4)
                            .then(|| "Bout nagetrokken met momentsleutel".to_string()),
                    }
                })
                .collect(),
        })
        .collect();
    JobReportData {
        job_reference: "WB-2025-004210".into(),
        kind: JobKind::PreventiveMaintenance,
        supplier: supplier(),
        resident: resident(),
        device: scooter(),
        technician: "Joris Ten Hoeve-Blom".into(),
        started_at: at(2025, 3, 14, 8, 5),
        finished_at: at(2025, 3, 14, 9, 20),
        checklist: Some("pm-scooter v1".into()),
        complaint: None,
        work_done: Some(
            "Jaarlijks onderhoud uitgevoerd; accu getest en banden op spanning gebracht.".into(),
        ),
        steps,
        measurements: vec![
            Measurement {
                label: label("Accuspanning in rust", "Battery open-circuit voltage"),
                value: 25.62,
                unit: "V".into(),
                decimals: 2,
            },
            Measurement {
                label: label("Accucapaciteit", "Battery capacity"),
                value: 86.0,
                unit: "%".into(),
                decimals: 0,
            },
            Measurement {
                label: label("Kilometerstand", "Odometer"),
                value: 4312.0,
                unit: "km".into(),
                decimals: 0,
            },
        ],
        parts: (0..parts)
            .map(|i| PartUsed {
                part_number: format!("ART-{:05}", 1000 + i * 7),
                description: format!("Onderdeel {i}: borgmoer M8 verzinkt"),
                quantity: (i % 4 + 1) as u32,
                reused: i % 5 == 3,
            })
            .collect(),
        labour_minutes: 75,
        photos: (0..photos)
            .map(|i| Photo {
                caption: Some(format!("Foto {}: linker achterwiel", i + 1)),
                jpeg: photo_jpeg(i as u32, 320, 240),
            })
            .collect(),
        signals: vec![ReportSignal {
            topic: label("Stalling", "Storage"),
            text: "Scootmobiel staat in de gang voor de voordeur; vluchtweg deels geblokkeerd."
                .into(),
            urgent: false,
        }],
        next_due_on: Some(day(2026, 3, 14)),
        sign_off: SignOff::Signed(signature("Anke Ruïzendaal", SignerRole::Resident, 4, 21)),
    }
}
