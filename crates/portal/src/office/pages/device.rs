//! A device's passport and logbook as the municipality may see them (PvE 5.2.8), with the
//! chain checked on every view.

use super::common::records_and_files;
use crate::error::ApiError;
use crate::office::format::{code, day, euro, moment, opt_day, Lang};
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::{EntityFilter, RecordFilter};
use axum::extract::{Path, State};
use axum::response::Response;
use uuid::Uuid;
use veldwerk_core::ids::DeviceId;
use veldwerk_core::logbook::details::kind_name;
use veldwerk_core::logbook::{verify_chain, words, BreakReason, LogbookEntry};
use veldwerk_core::model::{Device, Malfunction, Resident, Sling};
use veldwerk_sync::protocol::EntityKind;

fn yes_no(b: bool, lang: Lang) -> String {
    if b {
        lang.tr("ja", "yes")
    } else {
        lang.tr("nee", "no")
    }
}

fn passport(d: &Device, lang: Lang) -> Vec<(&'static str, &'static str, String)> {
    let opt = |v: Option<u16>, unit: &str| v.map_or_else(|| "-".into(), |n| format!("{n} {unit}"));
    let mut rows = vec![
        (
            "Registratienummer",
            "Registration number",
            d.registration_number.clone(),
        ),
        (
            "Categorie",
            "Category",
            format!("{} {}", d.category.code(), lang.pick(&d.category.name())),
        ),
        ("Merk", "Brand", d.brand.clone()),
        ("Type", "Model", d.model.clone()),
        ("Serienummer", "Serial number", d.serial_number.clone()),
        (
            "Bouwjaar (eerste uitgifte)",
            "Build year (first issued)",
            d.build_year.to_string(),
        ),
        (
            "Eerst uitgegeven",
            "First issued",
            opt_day(d.first_issued_on, lang),
        ),
        (
            "Eerste levering",
            "First delivery",
            opt_day(d.first_delivered_on, lang),
        ),
        (
            "Laatste levering",
            "Last delivery",
            opt_day(d.last_delivered_on, lang),
        ),
        (
            "Cataloguswaarde",
            "Catalogue value",
            euro(d.catalogue_value_cents, lang),
        ),
        (
            "Waarde toebehoren",
            "Accessories value",
            euro(d.accessories_value_cents, lang),
        ),
        (
            "Gereviseerd",
            "Reconditioned",
            yes_no(d.reconditioned, lang),
        ),
        ("Elektrisch", "Electric", yes_no(d.is_electric(), lang)),
        (
            "Gebruikt bij Wlz-logeren",
            "Used for Wlz stays",
            yes_no(d.wlz_use, lang),
        ),
        (
            "Max. gebruikersgewicht",
            "Max. user weight",
            opt(d.max_user_weight_kg, "kg"),
        ),
        ("Werklast (SWL)", "Safe working load", opt(d.swl_kg, "kg")),
        ("Status", "Status", code(&d.status)),
        (
            "Laatste preventief onderhoud",
            "Last preventive maintenance",
            opt_day(d.last_preventive_maintenance_on, lang),
        ),
        (
            "Laatste storing",
            "Last malfunction",
            opt_day(d.last_malfunction_on, lang),
        ),
        (
            "Laatste onderhoud na misbruik",
            "Last maintenance after misuse",
            opt_day(d.last_misuse_maintenance_on, lang),
        ),
        (
            "Volgend onderhoud",
            "Next maintenance",
            opt_day(d.next_maintenance_due, lang),
        ),
        (
            "Volgende keuring",
            "Next inspection",
            opt_day(d.next_inspection_due, lang),
        ),
    ];
    if let Some(p) = &d.insurance_plate {
        rows.push(("Verzekeringsplaatje", "Insurance plate", p.clone()));
    }
    if let Some(b) = &d.battery {
        let cap = b
            .capacity_pct
            .map_or_else(|| "-".into(), |c| format!("{c}%"));
        rows.push((
            "Accu",
            "Battery",
            format!(
                "{} {} V {} Ah, {} {}",
                code(&b.chemistry),
                b.nominal_voltage,
                b.rated_ah,
                cap,
                opt_day(b.tested_on, lang)
            ),
        ));
    }
    for m in &d.measurements {
        rows.push((
            "Maat",
            "Measurement",
            format!("{}: {} {}", m.key, m.value, m.unit),
        ));
    }
    rows
}

fn break_text(reason: BreakReason, seq: u32, lang: Lang) -> String {
    let (nl, en) = match reason {
        BreakReason::HashMismatch => (
            "inhoud gewijzigd na vastleggen",
            "content changed after recording",
        ),
        BreakReason::PrevHashMismatch => (
            "verwijst niet naar de vorige regel",
            "does not point at the previous entry",
        ),
        BreakReason::SequenceGap => (
            "regel ontbreekt of staat dubbel",
            "an entry is missing or repeated",
        ),
        BreakReason::WrongDevice => ("regel van een ander hulpmiddel", "entry of another device"),
        BreakReason::TailMissing => (
            "de nieuwste regels ontbreken",
            "the newest entries are missing",
        ),
    };
    format!(
        "{} {seq}: {}",
        lang.tr("bij regel", "at entry"),
        lang.tr(nl, en)
    )
}

pub async fn show(State(state): State<AppState>, o: Office, Path(id): Path<Uuid>) -> Response {
    let lang = o.lang;
    let did = DeviceId(id);
    let data = state
        .run(move |s| {
            let Some(d) = s.entity(EntityKind::Device, id)? else {
                return Ok(None);
            };
            let d: Device = d.decode()?;
            let resident = match d.resident_id {
                Some(r) => s
                    .entity(EntityKind::Resident, r.0)?
                    .and_then(|e| e.decode::<Resident>().ok()),
                None => None,
            };
            let of = |k| s.entities(k, EntityFilter::Device(did));
            let slings: Vec<Sling> = of(EntityKind::Sling)?
                .iter()
                .filter_map(|e| e.decode().ok())
                .collect();
            let malfunctions: Vec<Malfunction> = of(EntityKind::Malfunction)?
                .iter()
                .filter_map(|e| e.decode().ok())
                .collect();
            let mut entries: Vec<LogbookEntry> = of(EntityKind::LogbookEntry)?
                .iter()
                .map(|e| e.decode())
                .collect::<Result<_, _>>()?;
            entries.sort_by_key(|e| e.seq);
            let records = s.records(&RecordFilter {
                device: Some(did),
                ..Default::default()
            })?;
            Ok(Some((d, resident, slings, malfunctions, entries, records)))
        })
        .await;
    let (d, resident, slings, malfunctions, entries, records) = match data {
        Ok(Some(x)) => x,
        Ok(None) => return failure(lang, ApiError::not_found()),
        Err(e) => return failure(lang, e),
    };
    let chain = verify_chain(d.id, &entries);
    let (rows, files) = records_and_files(&records, lang);
    let ctx = minijinja::context! {
        section => "/kantoor/inwoners",
        d => minijinja::context! {
            registration => d.registration_number, model => format!("{} {}", d.brand, d.model),
            resident => resident.as_ref().map(Resident::display_name),
            resident_id => d.resident_id.map(|r| r.to_string()),
        },
        passport => passport(&d, lang),
        config => d.configuration.iter().map(|c| format!("{}: {}", c.label, c.value)).collect::<Vec<_>>(),
        slings => slings.iter().map(|s| minijinja::context! {
            number => s.sling_number, model => format!("{} {}", s.manufacturer, s.model), size => s.size,
            status => code(&s.status), next => opt_day(s.next_inspection_due, lang),
        }).collect::<Vec<_>>(),
        malfunctions => malfunctions.iter().map(|m| format!(
            "{} {} ({}): {} – {}", lang.tr("klasse", "class"), code(&m.class), moment(m.reported_at, lang), m.description, code(&m.status),
        )).collect::<Vec<_>>(),
        chain_ok => chain.is_ok(),
        chain_problem => chain.err().map(|b| break_text(b.reason, b.seq, lang)),
        // each entry in words, in the reader's language: the same rendering as the app's
        // passport (core::logbook::words, one home)
        entries => entries.iter().map(|e| {
            let w = words(e);
            minijinja::context! {
                seq => e.seq, when => moment(e.occurred_at, lang), kind => lang.pick(&kind_name(e.kind)), author => e.author,
                summary => lang.pick(&w.summary),
                lines => w.lines.iter().map(|l| format!("{}: {}", lang.pick(&l.label), lang.pick(&l.value))).collect::<Vec<_>>(),
                corrects => e.corrects.and_then(|c| entries.iter().find(|x| x.id == c)).map(|x| x.seq),
            }
        }).collect::<Vec<_>>(),
        records => rows, files => files,
        today => day(veldwerk_core::sla::local_date(o.now), lang),
    };
    page(&state, &o, "device.html", ctx)
}
