//! Fixtures and small inline templates shared by the rules-engine tests (labels and titles
//! written as one string, expanded to Dutch and English).
#![allow(dead_code, unused_imports)] // each test file uses its own part of the fixtures

pub use chrono::{DateTime, Duration, NaiveDate, Utc};
pub use serde_json::Value;
pub use std::collections::BTreeMap;
pub use uuid::Uuid;
pub use veldwerk_core::ids::*;
pub use veldwerk_core::jobs::answer::validate;
pub use veldwerk_core::jobs::evaluate::{
    applicable_answers, applies, condition_holds, instances, missing, photo_items, progress,
    suggestions, warnings,
};
pub use veldwerk_core::jobs::*;
pub use veldwerk_core::logbook::LogbookKind;
pub use veldwerk_core::model::*;
pub use veldwerk_core::sla::ResponseClass;
pub use veldwerk_core::{Category, WorkingDayCalendar};

// --- fixtures ---------------------------------------------------------------------------

pub fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Monday 2 March 2026, the job day of every test.
pub fn job_day() -> NaiveDate {
    day(2026, 3, 2)
}

/// 10:30 local (CET) on the job day.
pub fn now() -> DateTime<Utc> {
    utc("2026-03-02T09:30:00Z")
}

pub fn cal() -> WorkingDayCalendar {
    WorkingDayCalendar::dutch_legal()
}

pub const RESIDENT: ResidentId = ResidentId(Uuid::from_u128(0x1));
pub const OTHER_RESIDENT: ResidentId = ResidentId(Uuid::from_u128(0x2));

pub fn device(n: u128, reg: &str, category: Category, status: DeviceStatus) -> Device {
    Device {
        id: DeviceId(Uuid::from_u128(0x100 + n)),
        registration_number: reg.into(),
        category,
        brand: "Merk".into(),
        model: format!("Type {n}"),
        serial_number: format!("SN{n}"),
        build_year: 2022,
        first_issued_on: Some(day(2022, 5, 1)),
        first_delivered_on: Some(day(2022, 5, 1)),
        last_delivered_on: Some(day(2022, 5, 1)),
        catalogue_value_cents: 100_000,
        accessories_value_cents: 0,
        configuration: vec![],
        measurements: vec![],
        reconditioned: false,
        electric: false,
        battery: None,
        insurance_plate: None,
        wlz_use: false,
        max_user_weight_kg: Some(130),
        swl_kg: None,
        status,
        resident_id: match status {
            DeviceStatus::InDepot => None,
            _ => Some(RESIDENT),
        },
        last_preventive_maintenance_on: Some(day(2025, 3, 1)),
        last_malfunction_on: None,
        last_misuse_maintenance_on: None,
        next_maintenance_due: Some(day(2026, 3, 1)),
        next_inspection_due: None,
    }
}

pub fn wheelchair_e() -> Device {
    device(1, "WMO-7-0001", Category::C7, DeviceStatus::InUse)
}

pub fn wheelchair_manual() -> Device {
    device(2, "WMO-3-0002", Category::C3, DeviceStatus::InUse)
}

pub fn hoist() -> Device {
    device(3, "WMO-16-0003", Category::C16, DeviceStatus::InUse)
}

pub fn depot_chair() -> Device {
    device(4, "WMO-7-0004", Category::C7, DeviceStatus::InDepot)
}

pub fn sling(n: u128, number: &str, status: SlingStatus) -> Sling {
    Sling {
        id: SlingId(Uuid::from_u128(0x200 + n)),
        hoist_id: hoist().id,
        sling_number: number.into(),
        manufacturer: "Tilco".into(),
        model: "Comfort".into(),
        size: "M".into(),
        swl_kg: 200,
        manufactured_on: Some(day(2023, 1, 1)),
        in_use_since: Some(day(2023, 2, 1)),
        status,
        next_inspection_due: Some(day(2026, 3, 15)),
    }
}

pub fn order(kind: OrderKind, category: Category, ordered_on: NaiveDate) -> Order {
    Order {
        id: OrderId(Uuid::from_u128(0x300)),
        order_number: "NO-2026-0042".into(),
        municipality_id: MunicipalityId(Uuid::from_u128(0x400)),
        resident_id: RESIDENT,
        kind,
        category,
        description: "Rolstoel voor dagelijks gebruik".into(),
        ordered_on,
        status: OrderStatus::Open,
        device_id: None,
    }
}

pub fn malfunction(class: ResponseClass, reported_at: &str, drive: bool) -> Malfunction {
    Malfunction {
        id: MalfunctionId(Uuid::from_u128(0x500)),
        device_id: wheelchair_e().id,
        resident_id: RESIDENT,
        reported_at: utc(reported_at),
        class,
        description: "Rolstoel rijdt niet".into(),
        drive_related: drive,
        status: MalfunctionStatus::Open,
        arrived_at: None,
        resolved_at: None,
    }
}

/// A job of `kind` at the resident's home on the job day, 09:00-10:00 local.
pub fn ctx(kind: JobKind, device: Option<Device>) -> JobContext {
    let appointment = Appointment {
        id: AppointmentId(Uuid::from_u128(0x600)),
        technician_id: TechnicianId(Uuid::from_u128(0x700)),
        resident_id: RESIDENT,
        window: TimeWindow::new(utc("2026-03-02T08:00:00Z"), utc("2026-03-02T09:00:00Z")).unwrap(),
        status: AppointmentStatus::InProgress,
        note: None,
    };
    JobContext {
        job: Job {
            id: JobId(Uuid::from_u128(0x800)),
            appointment_id: appointment.id,
            kind,
            device_id: device.as_ref().map(|d| d.id),
            order_id: None,
            malfunction_id: None,
            status: JobStatus::InProgress,
        },
        appointment,
        resident: Resident {
            id: RESIDENT,
            resident_number: "C-1001".into(),
            municipality_id: MunicipalityId(Uuid::from_u128(0x400)),
            initials: "J.".into(),
            first_name: "Jan".into(),
            name_prefix: Some("van der".into()),
            surname: "Berg".into(),
            birth_date: day(1948, 6, 1),
            address: Address {
                street: "Kerkstraat".into(),
                house_number: "12".into(),
                postcode: Postcode::parse("7311 LG").unwrap(),
                city: "Apeldoorn".into(),
            },
            phone: None,
            email: None,
            preferred_communication: CommunicationPreference::Post,
            particulars: None,
        },
        caregivers: vec![],
        device,
        order: None,
        malfunction: None,
        slings: vec![],
        technician: Technician {
            id: TechnicianId(Uuid::from_u128(0x700)),
            name: "Piet Monteur".into(),
            role: TechnicianRole::Mechanic,
        },
        planned_day: job_day(),
        job_day: job_day(),
        drive_repairs_previous_year: 0,
        deviation: None,
        devices_by_registration: BTreeMap::new(),
        item_photos: Default::default(),
    }
}

pub fn with_known(mut c: JobContext, devices: &[Device]) -> JobContext {
    for d in devices {
        c.devices_by_registration
            .insert(d.registration_number.clone(), d.clone());
    }
    c
}

pub fn with_order(mut c: JobContext, o: Order) -> JobContext {
    c.job.order_id = Some(o.id);
    c.order = Some(o);
    c
}

/// Expands every "label", "title" and option label written as one string into Dutch and
/// English ("Remmen" -> {"nl": "Remmen", "en": "Remmen (en)"}).
pub fn expand(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match (k.as_str(), &*x) {
                    ("label" | "title", Value::String(s)) => {
                        *x = serde_json::json!({ "nl": s, "en": format!("{s} (en)") });
                    }
                    _ => expand(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(expand),
        _ => {}
    }
}

/// A template from inline JSON; it must pass the template validation.
pub fn tpl(json: &str) -> Template {
    let mut v: Value = serde_json::from_str(json).expect("template JSON");
    expand(&mut v);
    let t: Template = serde_json::from_value(v).expect("template shape");
    t.validate().expect("template valid");
    t
}

pub fn draft(t: &Template, c: &JobContext, answers: &[(&str, Answer)]) -> JobDraft {
    JobDraft {
        job_id: c.job.id,
        template_id: t.id.clone(),
        template_version: t.version,
        state: JobState::InProgress,
        answers: answers
            .iter()
            .map(|(k, a)| (k.to_string(), a.clone()))
            .collect(),
        started_at: utc("2026-03-02T08:05:00Z"),
        updated_at: now(),
    }
}

pub fn answers(list: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
    list.iter()
        .map(|(k, a)| (k.to_string(), a.clone()))
        .collect()
}

pub fn yes(v: bool) -> Answer {
    Answer::YesNo { value: v }
}
pub fn ch(v: &str) -> Answer {
    Answer::Choice { value: v.into() }
}
pub fn check(r: CheckResult) -> Answer {
    Answer::Check {
        result: r,
        fix_by: None,
        note: None,
    }
}
pub fn fix_by(d: NaiveDate) -> Answer {
    Answer::Check {
        result: CheckResult::DefectFixBy,
        fix_by: Some(d),
        note: Some("Bekleding gescheurd".into()),
    }
}
pub fn num(v: f64) -> Answer {
    Answer::Measurement { value: v }
}
pub fn txt(v: &str) -> Answer {
    Answer::Text { value: v.into() }
}
pub fn date(d: NaiveDate) -> Answer {
    Answer::Date { value: d }
}
pub fn at(s: &str) -> Answer {
    Answer::Moment { value: utc(s) }
}
pub fn reg(v: &str) -> Answer {
    Answer::Registration { value: v.into() }
}
pub fn cat(c: Category) -> Answer {
    Answer::Category { value: c }
}
pub fn signed() -> Answer {
    Answer::SignOff {
        name: "J. Jansen".into(),
        role: SignerRole::Resident,
        signature: None,
        refused: None,
    }
}
pub fn parts(n: usize) -> Answer {
    Answer::Parts {
        parts: (0..n)
            .map(|i| Part {
                number: format!("P-{i}"),
                description: format!("Onderdeel {i}"),
                quantity: 1,
                new: true,
            })
            .collect(),
    }
}

pub fn keys(m: &[MissingItem]) -> Vec<&str> {
    m.iter().map(|x| x.key.as_str()).collect()
}

pub fn changes_of(c: &Completion, id: DeviceId) -> &DeviceChanges {
    &c.devices
        .iter()
        .find(|u| u.device_id == id)
        .unwrap_or_else(|| panic!("no update for {id}"))
        .changes
}

pub fn entries(c: &Completion) -> Vec<(DeviceId, LogbookKind)> {
    c.logbook.iter().map(|e| (e.device_id, e.kind)).collect()
}

pub fn details(c: &Completion, kind: LogbookKind) -> Value {
    let e = c
        .logbook
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} entry"));
    let v: Value = serde_json::from_str(&e.details_json).unwrap();
    // the facts by code for the portal (what the reader sees is in "lines")
    v["data"].clone()
}

/// Every entry reads as words in both languages: no ISO date, answer key, code or cents.
pub fn assert_readable(c: &Completion) {
    for e in &c.logbook {
        let entry = veldwerk_core::logbook::NewLogbookEntry::clone(e).chain_after(None);
        let w = veldwerk_core::logbook::words(&entry);
        let mut all = vec![w.summary.nl.clone(), w.summary.en.clone()];
        for l in &w.lines {
            all.extend([
                l.label.nl.clone(),
                l.label.en.clone(),
                l.value.nl.clone(),
                l.value.en.clone(),
            ]);
        }
        for text in all {
            let bad = veldwerk_core::logbook::details::unreadable(&text);
            assert!(
                bad.is_empty(),
                "{:?} entry reads {bad:?} in {text:?}",
                e.kind
            );
        }
        assert!(!w.lines.is_empty() || e.details_json.contains("\"lines\":[]"));
    }
}

// --- templates --------------------------------------------------------------------------

pub const USAGE: &str = r#"{"id": "usage", "title": "Gebruik", "items": [
    {"id": "functional_check", "label": "Toetsing", "required": true, "input": {"type": "choice", "options": [
        {"id": "adequate", "label": "Adequaat"},
        {"id": "adequate_after_instruction", "label": "Adequaat na uitleg"},
        {"id": "not_adequate", "label": "Niet adequaat"}]}},
    {"id": "notes", "label": "Toelichting", "required": true,
     "when": {"if": "choice_in", "key": "usage.functional_check", "values": ["not_adequate"]},
     "input": {"type": "text", "max_chars": 500}}]}"#;

pub const SIGNOFF: &str = r#"{"id": "signoff", "title": "Paraaf", "items": [
    {"id": "signer", "label": "Paraaf", "required": true, "input": {"type": "sign_off"}}]}"#;

pub fn pm_template() -> Template {
    tpl(&format!(
        r#"{{"id": "pm-test", "version": 3, "job_kind": "preventive_maintenance", "title": "PO",
        "steps": [
          {{"id": "drive", "title": "Aandrijving", "items": [
            {{"id": "brakes", "label": "Remmen", "required": true, "input": {{"type": "check"}}}},
            {{"id": "upholstery", "label": "Bekleding", "input": {{"type": "check"}}}},
            {{"id": "seat_lift", "label": "Zitlift", "required": true,
              "when": {{"if": "device_category_in", "categories": ["7"]}}, "input": {{"type": "check"}}}}]}},
          {{"id": "battery", "title": "Accu", "when": {{"if": "device_electric", "value": true}}, "items": [
            {{"id": "capacity_pct", "label": "Capaciteit", "required": true,
              "input": {{"type": "measurement", "unit": "percent", "min": 0, "max": 130}}}},
            {{"id": "voltage", "label": "Rustspanning",
              "input": {{"type": "measurement", "unit": "volt", "min": 0, "max": 60, "decimals": 1}}}}]}},
          {USAGE},
          {{"id": "work", "title": "Werk", "items": [
            {{"id": "parts", "label": "Onderdelen", "input": {{"type": "parts"}}}},
            {{"id": "labour_minutes", "label": "Arbeid", "required": true,
              "input": {{"type": "measurement", "unit": "minutes", "min": 0, "max": 600}}}},
            {{"id": "odometer", "label": "Km-stand",
              "input": {{"type": "measurement", "unit": "km", "min": 0, "max": 200000}}}}]}},
          {SIGNOFF}]}}"#
    ))
}

pub fn pm_answers_ok() -> Vec<(&'static str, Answer)> {
    vec![
        ("drive.brakes", check(CheckResult::Ok)),
        ("drive.seat_lift", check(CheckResult::Repaired)),
        ("battery.capacity_pct", num(86.0)),
        ("battery.voltage", num(25.4)),
        ("usage.functional_check", ch("adequate")),
        ("work.parts", parts(2)),
        ("work.labour_minutes", num(45.0)),
        ("work.odometer", num(1234.0)),
        ("signoff.signer", signed()),
    ]
}

pub fn hoist_template() -> Template {
    tpl(&format!(
        r#"{{"id": "hoist-test", "version": 1, "job_kind": "hoist_inspection", "title": "Keuring",
        "steps": [
          {{"id": "inspection", "title": "Keuring", "items": [
            {{"id": "kind", "label": "Soort", "required": true, "input": {{"type": "choice", "options": [
              {{"id": "first", "label": "eerste"}}, {{"id": "periodic", "label": "periodiek"}},
              {{"id": "after_repair", "label": "na reparatie"}}, {{"id": "exceptional", "label": "bijzonder"}}]}}}},
            {{"id": "standard", "label": "Norm", "required": true, "input": {{"type": "choice", "options": [
              {{"id": "nen_en_iso_10535", "label": "NEN-EN-ISO 10535"}}, {{"id": "nen_7506", "label": "NEN 7506"}},
              {{"id": "stigah", "label": "Stigah"}}]}}}},
            {{"id": "protocol", "label": "Protocol", "input": {{"type": "text", "max_chars": 200}}}},
            {{"id": "inspector_certificate", "label": "Certificaat", "required": true,
              "input": {{"type": "text", "max_chars": 60}}}}]}},
          {{"id": "hoist", "title": "Tillift", "items": [
            {{"id": "mast", "label": "Mast", "input": {{"type": "check"}}}}]}},
          {{"id": "electrical", "title": "Elektrisch", "items": [
            {{"id": "insulation", "label": "Isolatieweerstand", "required": true,
              "input": {{"type": "measurement", "unit": "megaohm", "min": 0, "max": 2000}}}},
            {{"id": "instrument_serial", "label": "Meetinstrument", "required": true,
              "input": {{"type": "text", "max_chars": 60}}}},
            {{"id": "instrument_calibrated_on", "label": "Gekalibreerd", "required": true,
              "input": {{"type": "date", "max_days": 0}}}}]}},
          {{"id": "load_test", "title": "Belastingproef", "items": [
            {{"id": "result", "label": "Belastingproef", "required": true, "input": {{"type": "check"}}}}]}},
          {{"id": "sling", "title": "Tilband", "repeat": "slings", "items": [
            {{"id": "stitching", "label": "Stiksels", "required": true, "input": {{"type": "check"}}}},
            {{"id": "outcome", "label": "Oordeel", "required": true, "input": {{"type": "choice", "options": [
              {{"id": "approved", "label": "goedgekeurd"}}, {{"id": "rejected", "label": "afgekeurd"}}]}}}},
            {{"id": "remarks", "label": "Reden afkeur", "required": true,
              "when": {{"if": "choice_in", "key": "sling.outcome", "values": ["rejected"]}},
              "input": {{"type": "text", "max_chars": 500}}}}]}},
          {{"id": "outcome", "title": "Oordeel", "items": [
            {{"id": "result", "label": "Oordeel", "required": true, "input": {{"type": "choice", "options": [
              {{"id": "approved", "label": "goedgekeurd"}},
              {{"id": "approved_with_remarks", "label": "goedgekeurd met opmerkingen"}},
              {{"id": "rejected", "label": "afgekeurd"}}]}}}},
            {{"id": "fix_by", "label": "Herstellen voor", "required": true,
              "when": {{"if": "choice_in", "key": "outcome.result", "values": ["approved_with_remarks"]}},
              "input": {{"type": "date", "min_days": 0}}}},
            {{"id": "remarks", "label": "Opmerkingen", "input": {{"type": "text", "max_chars": 500}}}},
            {{"id": "sticker_number", "label": "Sticker", "input": {{"type": "text", "max_chars": 30}}}}]}},
          {{"id": "work", "title": "Werk", "items": [
            {{"id": "parts", "label": "Onderdelen", "input": {{"type": "parts"}}}}]}},
          {SIGNOFF}]}}"#
    ))
}

pub fn hoist_ctx() -> JobContext {
    let mut c = ctx(JobKind::HoistInspection, Some(hoist()));
    c.slings = vec![
        sling(1, "TB-10", SlingStatus::InUse),
        sling(2, "TB-2", SlingStatus::InUse),
        sling(3, "TB-1", SlingStatus::Withdrawn),
    ];
    c
}

pub fn sid(n: u128) -> String {
    SlingId(Uuid::from_u128(0x200 + n)).to_string()
}

pub fn hoist_answers(outcome: &str, sling1: &str, sling2: &str) -> Vec<(String, Answer)> {
    let mut v: Vec<(String, Answer)> = vec![
        ("inspection.kind".into(), ch("periodic")),
        ("inspection.standard".into(), ch("nen_en_iso_10535")),
        ("inspection.inspector_certificate".into(), txt("STG-123")),
        ("electrical.insulation".into(), num(500.0)),
        ("electrical.instrument_serial".into(), txt("FLK-9")),
        (
            "electrical.instrument_calibrated_on".into(),
            date(day(2025, 9, 1)),
        ),
        ("load_test.result".into(), check(CheckResult::Ok)),
        ("outcome.result".into(), ch(outcome)),
        ("outcome.sticker_number".into(), txt("ST-77")),
        ("signoff.signer".into(), signed()),
    ];
    for (n, o) in [(1, sling1), (2, sling2)] {
        v.push((
            format!("sling[{}].stitching", sid(n)),
            check(CheckResult::Ok),
        ));
        v.push((format!("sling[{}].outcome", sid(n)), ch(o)));
        if o == "rejected" {
            v.push((
                format!("sling[{}].remarks", sid(n)),
                txt("Scheur in de stof"),
            ));
        }
    }
    v
}

pub fn hoist_draft(t: &Template, c: &JobContext, list: Vec<(String, Answer)>) -> JobDraft {
    let mut d = draft(t, c, &[]);
    d.answers = list.into_iter().collect();
    d
}

pub fn repair_template() -> Template {
    tpl(&format!(
        r#"{{"id": "repair-test", "version": 2, "job_kind": "repair", "title": "Reparatie",
        "steps": [
          {{"id": "arrival", "title": "Aankomst", "items": [
            {{"id": "arrived_at", "label": "Aangekomen", "required": true, "input": {{"type": "moment"}}}}]}},
          {{"id": "diagnosis", "title": "Diagnose", "items": [
            {{"id": "fault", "label": "Storing", "required": true, "input": {{"type": "text", "max_chars": 500}}}},
            {{"id": "cause", "label": "Oorzaak", "required": true, "input": {{"type": "choice", "options": [
              {{"id": "wear", "label": "Slijtage"}}, {{"id": "wilful_damage", "label": "Moedwillige schade"}},
              {{"id": "accident", "label": "Ongeluk"}}, {{"id": "vandalism", "label": "Vandalisme"}},
              {{"id": "theft", "label": "Diefstal"}}]}}}},
            {{"id": "wilful_description", "label": "Beschrijving", "required": true,
              "when": {{"if": "choice_in", "key": "diagnosis.cause", "values": ["wilful_damage"]}},
              "input": {{"type": "text", "max_chars": 1000}}}},
            {{"id": "wilful_likely_cause", "label": "Vermoedelijke oorzaak", "required": true,
              "when": {{"if": "choice_in", "key": "diagnosis.cause", "values": ["wilful_damage"]}},
              "input": {{"type": "text", "max_chars": 500}}}},
            {{"id": "drive_related", "label": "Aandrijving", "required": true,
              "when": {{"if": "device_electric", "value": true}}, "input": {{"type": "yes_no"}}}}]}},
          {{"id": "resolution", "title": "Oplossing", "items": [
            {{"id": "fixed_on_site", "label": "Ter plaatse verholpen", "required": true, "input": {{"type": "yes_no"}}}},
            {{"id": "resolved_at", "label": "Verholpen om", "required": true,
              "when": {{"if": "answered", "key": "resolution.fixed_on_site", "value": true}}, "input": {{"type": "moment"}}}},
            {{"id": "parts", "label": "Onderdelen", "input": {{"type": "parts"}}}},
            {{"id": "labour_minutes", "label": "Arbeid", "required": true,
              "input": {{"type": "measurement", "unit": "minutes", "min": 0, "max": 600}}}},
            {{"id": "loan_placed", "label": "Leenmiddel geplaatst", "required": true,
              "when": {{"if": "answered", "key": "resolution.fixed_on_site", "value": false}}, "input": {{"type": "yes_no"}}}},
            {{"id": "loan_registration", "label": "Leenmiddel", "required": true,
              "when": {{"if": "answered", "key": "resolution.loan_placed", "value": true}}, "input": {{"type": "registration"}}}},
            {{"id": "options_moved", "label": "Opties overgezet",
              "when": {{"if": "answered", "key": "resolution.loan_placed", "value": true}},
              "input": {{"type": "text", "max_chars": 500}}}},
            {{"id": "transported", "label": "Vervoerd",
              "when": {{"if": "answered", "key": "resolution.fixed_on_site", "value": false}}, "input": {{"type": "yes_no"}}}}]}},
          {SIGNOFF}]}}"#
    ))
}

pub fn repair_ctx(class: ResponseClass, drive: bool) -> JobContext {
    let mut c = ctx(JobKind::Repair, Some(wheelchair_e()));
    let m = malfunction(class, "2026-03-02T07:15:00Z", drive);
    c.job.malfunction_id = Some(m.id);
    c.malfunction = Some(m);
    with_known(c, &[depot_chair(), wheelchair_manual()])
}

pub fn fitting_template() -> Template {
    tpl(
        r#"{"id": "fitting-test", "version": 1, "job_kind": "fitting", "title": "Passing",
        "steps": [
          {"id": "explanation", "title": "Uitleg", "items": [
            {"id": "given", "label": "Uitleg gegeven", "required": true, "input": {"type": "yes_no"}},
            {"id": "caregiver_instruction", "label": "Instructie verzorger", "required": true,
             "when": {"if": "order_category_in", "categories": ["15", "16"]}, "input": {"type": "yes_no"}}]},
          {"id": "body", "title": "Lichaamsmaten", "items": [
            {"id": "hip_width", "label": "Heupbreedte", "required": true,
             "input": {"type": "measurement", "unit": "mm", "min": 250, "max": 650}},
            {"id": "elbow_height", "label": "Elleboog", "input": {"type": "measurement", "unit": "cm", "min": 10, "max": 40, "decimals": 1}}]},
          {"id": "seat", "title": "Zitting", "items": [
            {"id": "width", "label": "Zitbreedte", "required": true,
             "input": {"type": "measurement", "unit": "mm", "min": 250, "max": 700,
                       "suggest": {"from": "body.hip_width", "offset": 25}}},
            {"id": "armrest", "label": "Armsteun",
             "input": {"type": "measurement", "unit": "cm", "min": 10, "max": 45, "decimals": 0,
                       "suggest": {"from": "body.elbow_height", "offset": 2.5}}}]},
          {"id": "lesson", "title": "Rijles", "when": {"if": "order_category_in", "categories": ["7", "8a", "8b"]}, "items": [
            {"id": "result", "label": "Resultaat", "required": true, "input": {"type": "choice", "options": [
              {"id": "good", "label": "goed"}, {"id": "sufficient", "label": "voldoende"},
              {"id": "insufficient", "label": "onvoldoende"}]}},
            {"id": "driving_lessons_advised", "label": "Rijlessen", "input": {"type": "measurement", "unit": "count", "min": 0, "max": 10}}]},
          {"id": "trial", "title": "Proef", "items": [
            {"id": "devices_tried", "label": "Geprobeerd", "required": true, "input": {"type": "text", "max_chars": 500}},
            {"id": "placement", "label": "Proefplaatsing", "required": true, "input": {"type": "yes_no"}},
            {"id": "end_date", "label": "Einde proef", "required": true,
             "when": {"if": "answered", "key": "trial.placement", "value": true}, "input": {"type": "date"}}]},
          {"id": "storage", "title": "Stalling", "items": [
            {"id": "location", "label": "Stalling", "required": true, "input": {"type": "choice", "options": [
              {"id": "indoor", "label": "binnen"}, {"id": "outdoor", "label": "buiten"}]}},
            {"id": "battery_removable", "label": "Accu uitneembaar", "input": {"type": "yes_no"}},
            {"id": "rain_cover_and_lock", "label": "Regenhoes", "input": {"type": "yes_no"}}]},
          {"id": "findings", "title": "Bevindingen", "items": [
            {"id": "chosen_device", "label": "Gekozen", "required": true, "input": {"type": "text", "max_chars": 200}},
            {"id": "motivation", "label": "Motivatie", "required": true, "input": {"type": "text", "max_chars": 1000}}]},
          {"id": "conclusion", "title": "Conclusie", "items": [
            {"id": "category", "label": "Categorie", "required": true, "input": {"type": "category"}},
            {"id": "deviation_motivation", "label": "Motivatie afwijking", "required": true,
             "when": {"if": "category_differs_from_order", "key": "conclusion.category"},
             "input": {"type": "text", "max_chars": 2000}},
            {"id": "first_time_right", "label": "First time right", "required": true, "input": {"type": "yes_no"}}]},
          {"id": "delivery", "title": "Levering", "items": [
            {"id": "agreed_date", "label": "Leverdatum", "input": {"type": "date"}}]}]}"#,
    )
}

pub fn fitting_answers(category: Category) -> Vec<(&'static str, Answer)> {
    vec![
        ("explanation.given", yes(true)),
        ("body.hip_width", num(420.0)),
        ("seat.width", num(445.0)),
        (
            "trial.devices_tried",
            txt("Küschall K-series, Invacare Action"),
        ),
        ("trial.placement", yes(false)),
        ("storage.location", ch("indoor")),
        ("findings.chosen_device", txt("Permobil M3")),
        ("findings.motivation", txt("Kan niet zelf hoepelen")),
        ("conclusion.category", cat(category)),
        ("conclusion.first_time_right", yes(false)),
    ]
}

pub fn delivery_template() -> Template {
    tpl(
        r#"{"id": "delivery-test", "version": 1, "job_kind": "delivery", "title": "Levering",
        "steps": [
          {"id": "identity", "title": "Identiteit", "items": [
            {"id": "registration", "label": "Registratienummer", "required": true, "input": {"type": "registration"}}]},
          {"id": "instruction", "title": "Instructie", "items": [
            {"id": "demonstration", "label": "Demonstratie", "required": true, "input": {"type": "yes_no"}},
            {"id": "driving_lesson", "label": "Rijles", "required": true,
              "when": {"if": "device_electric", "value": true}, "input": {"type": "yes_no"}}]},
          {"id": "handover", "title": "Overdracht", "items": [
            {"id": "manual", "label": "Handleiding", "required": true, "input": {"type": "yes_no"}},
            {"id": "insurance_info", "label": "Verzekering", "input": {"type": "yes_no"}},
            {"id": "complaint_procedure", "label": "Klachtenprocedure", "required": true, "input": {"type": "yes_no"}}]},
          {"id": "safety", "title": "Veiligheid", "items": [
            {"id": "operates_safely", "label": "Veilige bediening", "required": true, "input": {"type": "yes_no"}},
            {"id": "reaction_unimpaired", "label": "Reactievermogen", "required": true, "input": {"type": "yes_no"}},
            {"id": "doubts", "label": "Twijfels", "input": {"type": "text", "max_chars": 1000}}]},
          {"id": "agreement", "title": "Overeenkomst", "items": [
            {"id": "signer", "label": "Ondertekenaar", "required": true, "input": {"type": "sign_off"}}]}]}"#,
    )
}

pub fn delivery_answers() -> Vec<(&'static str, Answer)> {
    vec![
        ("identity.registration", reg("wmo-7-0001")),
        ("instruction.demonstration", yes(true)),
        ("instruction.driving_lesson", yes(true)),
        ("handover.manual", yes(true)),
        ("handover.complaint_procedure", yes(true)),
        ("safety.operates_safely", yes(true)),
        ("safety.reaction_unimpaired", yes(true)),
        ("agreement.signer", signed()),
    ]
}

pub fn simple_template(kind: &str, steps: &str) -> Template {
    tpl(&format!(
        r#"{{"id": "{}-test", "version": 1, "job_kind": "{kind}", "title": "T", "steps": [{steps}]}}"#,
        kind.replace('_', "-")
    ))
}

pub fn adjustment_template() -> Template {
    simple_template(
        "adjustment",
        &format!(
            r#"{{"id": "work", "title": "Werk", "items": [
              {{"id": "description", "label": "Omschrijving", "required": true, "input": {{"type": "text", "max_chars": 500}}}},
              {{"id": "parts", "label": "Onderdelen", "input": {{"type": "parts"}}}},
              {{"id": "device_taken", "label": "Meegenomen", "required": true, "input": {{"type": "yes_no"}}}},
              {{"id": "return_date", "label": "Terug op", "required": true,
                "when": {{"if": "answered", "key": "work.device_taken", "value": true}}, "input": {{"type": "date"}}}},
              {{"id": "replacement_placed", "label": "Vervangend geplaatst",
                "when": {{"if": "answered", "key": "work.device_taken", "value": true}}, "input": {{"type": "yes_no"}}}},
              {{"id": "replacement_registration", "label": "Vervangend hulpmiddel", "required": true,
                "when": {{"if": "answered", "key": "work.replacement_placed", "value": true}}, "input": {{"type": "registration"}}}}]}},
            {SIGNOFF}"#
        ),
    )
}

pub fn replacement_template() -> Template {
    simple_template(
        "replacement",
        &format!(
            r#"{{"id": "new_device", "title": "Nieuw", "items": [
              {{"id": "registration", "label": "Registratienummer", "required": true, "input": {{"type": "registration"}}}},
              {{"id": "catalogue_value", "label": "Cataloguswaarde", "required": true,
                "input": {{"type": "measurement", "unit": "euro", "min": 1, "max": 100000, "decimals": 2}}}}]}},
            {{"id": "old_device", "title": "Oud", "items": [
              {{"id": "collected", "label": "Ingenomen", "required": true, "input": {{"type": "yes_no"}}}}]}},
            {SIGNOFF}"#
        ),
    )
}

pub fn collection_template() -> Template {
    simple_template(
        "collection",
        r#"{"id": "collection", "title": "Inname", "items": [
          {"id": "collected", "label": "Ingenomen", "required": true, "input": {"type": "yes_no"}},
          {"id": "condition", "label": "Staat", "required": true,
           "when": {"if": "answered", "key": "collection.collected", "value": true}, "input": {"type": "check"}},
          {"id": "accessories_complete", "label": "Toebehoren", "input": {"type": "yes_no"}}]}"#,
    )
}

pub fn loan_template() -> Template {
    simple_template(
        "loan_device",
        r#"{"id": "loan", "title": "Leenmiddel", "items": [
          {"id": "action", "label": "Actie", "required": true, "input": {"type": "choice", "options": [
            {"id": "place", "label": "plaatsen"}, {"id": "pickup", "label": "ophalen"}]}},
          {"id": "registration", "label": "Leenmiddel", "required": true, "input": {"type": "registration"}},
          {"id": "options_moved", "label": "Opties", "input": {"type": "text", "max_chars": 500}}]},
        {"id": "signoff", "title": "Paraaf", "items": [
          {"id": "signer", "label": "Paraaf", "input": {"type": "sign_off"}}]}"#,
    )
}

// --- the shipped templates ------------------------------------------------------------------

pub fn shipped(id: &str) -> Template {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/templates")
        .join(format!("{id}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let (set, problems) = TemplateSet::load([(id, text.as_str())]);
    assert!(problems.is_empty(), "{problems:?}");
    let t = set.all().next().unwrap().clone();
    t
}

/// A valid answer for any item, chosen from its input alone (registration numbers: the
/// first known device; categories: the order's).
pub fn generic_answer(item: &Item, c: &JobContext) -> Answer {
    match &item.input {
        Input::Check => check(CheckResult::Ok),
        Input::YesNo => yes(true),
        Input::Choice { options } => ch(&options[0].id),
        Input::MultiChoice { options } => Answer::MultiChoice {
            values: vec![options[0].id.clone()],
        },
        Input::Measurement {
            min,
            max,
            warn_min,
            warn_max,
            ..
        } => {
            let lo = warn_min.unwrap_or(*min);
            let hi = warn_max.unwrap_or(*max);
            num(((lo + hi) / 2.0).floor())
        }
        Input::Text { max_chars, .. } => txt(&format!("tekst {}", item.id.replace('_', " "))
            .chars()
            .take(*max_chars as usize)
            .collect::<String>()),
        Input::Date { min_days, max_days } => {
            let k = 7i32.clamp(min_days.unwrap_or(-3650), max_days.unwrap_or(3650));
            date(c.job_day + Duration::days(i64::from(k)))
        }
        Input::Moment => Answer::Moment {
            value: c.appointment.window.start + Duration::minutes(10),
        },
        Input::Parts => parts(1),
        Input::SignOff => signed(),
        Input::Registration => reg(c.devices_by_registration.keys().next().unwrap()),
        Input::Category => cat(c.order.as_ref().unwrap().category),
    }
}

/// Answers every item that applies (`all`) or only the required ones, in template order,
/// keeping the answers in `a` and repeating until answers stop switching further items on;
/// each answer is validated as the app would.
pub fn fill(
    t: &Template,
    c: &JobContext,
    mut a: BTreeMap<String, Answer>,
    all: bool,
) -> BTreeMap<String, Answer> {
    loop {
        let mut added = false;
        for step in &t.steps {
            for (inst, _) in instances(step, c) {
                for item in &step.items {
                    let key = answer_key(&step.id, inst.as_deref(), &item.id);
                    if a.contains_key(&key)
                        || !(all || item.required)
                        || !applies(step, item, &a, c, inst.as_deref())
                    {
                        continue;
                    }
                    let raw = generic_answer(item, c);
                    let (stored, _) = validate(&key, item, raw, c.job_day)
                        .unwrap_or_else(|e| panic!("{}: {key}: {e}", t.id));
                    a.insert(key, stored);
                    added = true;
                }
            }
        }
        if !added {
            return a;
        }
    }
}

/// The keys of the items that apply with these answers.
pub fn applies_keys(t: &Template, a: &BTreeMap<String, Answer>, c: &JobContext) -> Vec<String> {
    let mut out = Vec::new();
    for s in &t.steps {
        for i in &s.items {
            let key = format!("{}.{}", s.id, i.id);
            if applies(s, i, a, c, None) {
                out.push(key);
            }
        }
    }
    out
}
