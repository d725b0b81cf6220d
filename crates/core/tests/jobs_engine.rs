//! The rules engine of guided jobs: conditions, what is missing, progress, suggestions,
//! warnings, the workflow with its guards, and what completing each kind of job writes.
//! Templates are small inline ones (labels and titles written as one string, expanded to
//! Dutch and English); the shipped templates are run at the end.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::Value;
use std::collections::BTreeMap;
use uuid::Uuid;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::answer::validate;
use veldwerk_core::jobs::evaluate::{
    applicable_answers, applies, condition_holds, instances, missing, progress, suggestions,
    warnings,
};
use veldwerk_core::jobs::*;
use veldwerk_core::logbook::LogbookKind;
use veldwerk_core::model::*;
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::{Category, WorkingDayCalendar};

// --- fixtures ---------------------------------------------------------------------------

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Monday 2 March 2026, the job day of every test.
fn job_day() -> NaiveDate {
    day(2026, 3, 2)
}

/// 10:30 local (CET) on the job day.
fn now() -> DateTime<Utc> {
    utc("2026-03-02T09:30:00Z")
}

fn cal() -> WorkingDayCalendar {
    WorkingDayCalendar::dutch_legal()
}

const RESIDENT: ResidentId = ResidentId(Uuid::from_u128(0x1));
const OTHER_RESIDENT: ResidentId = ResidentId(Uuid::from_u128(0x2));

fn device(n: u128, reg: &str, category: Category, status: DeviceStatus) -> Device {
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

fn wheelchair_e() -> Device {
    device(1, "WMO-7-0001", Category::C7, DeviceStatus::InUse)
}

fn wheelchair_manual() -> Device {
    device(2, "WMO-3-0002", Category::C3, DeviceStatus::InUse)
}

fn hoist() -> Device {
    device(3, "WMO-16-0003", Category::C16, DeviceStatus::InUse)
}

fn depot_chair() -> Device {
    device(4, "WMO-7-0004", Category::C7, DeviceStatus::InDepot)
}

fn sling(n: u128, number: &str, status: SlingStatus) -> Sling {
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

fn order(kind: OrderKind, category: Category, ordered_on: NaiveDate) -> Order {
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

fn malfunction(class: ResponseClass, reported_at: &str, drive: bool) -> Malfunction {
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
fn ctx(kind: JobKind, device: Option<Device>) -> JobContext {
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
        job_day: job_day(),
        drive_repairs_previous_year: 0,
        deviation: None,
        devices_by_registration: BTreeMap::new(),
    }
}

fn with_known(mut c: JobContext, devices: &[Device]) -> JobContext {
    for d in devices {
        c.devices_by_registration
            .insert(d.registration_number.clone(), d.clone());
    }
    c
}

fn with_order(mut c: JobContext, o: Order) -> JobContext {
    c.job.order_id = Some(o.id);
    c.order = Some(o);
    c
}

/// Expands every "label", "title" and option label written as one string into Dutch and
/// English ("Remmen" -> {"nl": "Remmen", "en": "Remmen (en)"}).
fn expand(v: &mut Value) {
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
fn tpl(json: &str) -> Template {
    let mut v: Value = serde_json::from_str(json).expect("template JSON");
    expand(&mut v);
    let t: Template = serde_json::from_value(v).expect("template shape");
    t.validate().expect("template valid");
    t
}

fn draft(t: &Template, c: &JobContext, answers: &[(&str, Answer)]) -> JobDraft {
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

fn answers(list: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
    list.iter()
        .map(|(k, a)| (k.to_string(), a.clone()))
        .collect()
}

fn yes(v: bool) -> Answer {
    Answer::YesNo { value: v }
}
fn ch(v: &str) -> Answer {
    Answer::Choice { value: v.into() }
}
fn check(r: CheckResult) -> Answer {
    Answer::Check {
        result: r,
        fix_by: None,
        note: None,
    }
}
fn fix_by(d: NaiveDate) -> Answer {
    Answer::Check {
        result: CheckResult::DefectFixBy,
        fix_by: Some(d),
        note: Some("Bekleding gescheurd".into()),
    }
}
fn num(v: f64) -> Answer {
    Answer::Measurement { value: v }
}
fn txt(v: &str) -> Answer {
    Answer::Text { value: v.into() }
}
fn date(d: NaiveDate) -> Answer {
    Answer::Date { value: d }
}
fn at(s: &str) -> Answer {
    Answer::Moment { value: utc(s) }
}
fn reg(v: &str) -> Answer {
    Answer::Registration { value: v.into() }
}
fn cat(c: Category) -> Answer {
    Answer::Category { value: c }
}
fn signed() -> Answer {
    Answer::SignOff {
        name: "J. Jansen".into(),
        role: SignerRole::Resident,
    }
}
fn parts(n: usize) -> Answer {
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

fn keys(m: &[MissingItem]) -> Vec<&str> {
    m.iter().map(|x| x.key.as_str()).collect()
}

fn changes_of(c: &Completion, id: DeviceId) -> &DeviceChanges {
    &c.devices
        .iter()
        .find(|u| u.device_id == id)
        .unwrap_or_else(|| panic!("no update for {id}"))
        .changes
}

fn entries(c: &Completion) -> Vec<(DeviceId, LogbookKind)> {
    c.logbook.iter().map(|e| (e.device_id, e.kind)).collect()
}

fn details(c: &Completion, kind: LogbookKind) -> Value {
    let e = c
        .logbook
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} entry"));
    serde_json::from_str(&e.details_json).unwrap()
}

// --- templates --------------------------------------------------------------------------

const USAGE: &str = r#"{"id": "usage", "title": "Gebruik", "items": [
    {"id": "functional_check", "label": "Toetsing", "required": true, "input": {"type": "choice", "options": [
        {"id": "adequate", "label": "Adequaat"},
        {"id": "adequate_after_instruction", "label": "Adequaat na uitleg"},
        {"id": "not_adequate", "label": "Niet adequaat"}]}},
    {"id": "notes", "label": "Toelichting", "required": true,
     "when": {"if": "choice_in", "key": "usage.functional_check", "values": ["not_adequate"]},
     "input": {"type": "text", "max_chars": 500}}]}"#;

const SIGNOFF: &str = r#"{"id": "signoff", "title": "Paraaf", "items": [
    {"id": "signer", "label": "Paraaf", "required": true, "input": {"type": "sign_off"}}]}"#;

fn pm_template() -> Template {
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

fn pm_answers_ok() -> Vec<(&'static str, Answer)> {
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

fn hoist_template() -> Template {
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

fn hoist_ctx() -> JobContext {
    let mut c = ctx(JobKind::HoistInspection, Some(hoist()));
    c.slings = vec![
        sling(1, "TB-10", SlingStatus::InUse),
        sling(2, "TB-2", SlingStatus::InUse),
        sling(3, "TB-1", SlingStatus::Withdrawn),
    ];
    c
}

fn sid(n: u128) -> String {
    SlingId(Uuid::from_u128(0x200 + n)).to_string()
}

fn hoist_answers(outcome: &str, sling1: &str, sling2: &str) -> Vec<(String, Answer)> {
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

fn hoist_draft(t: &Template, c: &JobContext, list: Vec<(String, Answer)>) -> JobDraft {
    let mut d = draft(t, c, &[]);
    d.answers = list.into_iter().collect();
    d
}

fn repair_template() -> Template {
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

fn repair_ctx(class: ResponseClass, drive: bool) -> JobContext {
    let mut c = ctx(JobKind::Repair, Some(wheelchair_e()));
    let m = malfunction(class, "2026-03-02T07:15:00Z", drive);
    c.job.malfunction_id = Some(m.id);
    c.malfunction = Some(m);
    with_known(c, &[depot_chair(), wheelchair_manual()])
}

fn fitting_template() -> Template {
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

fn fitting_answers(category: Category) -> Vec<(&'static str, Answer)> {
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

fn delivery_template() -> Template {
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

fn delivery_answers() -> Vec<(&'static str, Answer)> {
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

fn simple_template(kind: &str, steps: &str) -> Template {
    tpl(&format!(
        r#"{{"id": "{}-test", "version": 1, "job_kind": "{kind}", "title": "T", "steps": [{steps}]}}"#,
        kind.replace('_', "-")
    ))
}

fn adjustment_template() -> Template {
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

fn replacement_template() -> Template {
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

fn collection_template() -> Template {
    simple_template(
        "collection",
        r#"{"id": "collection", "title": "Inname", "items": [
          {"id": "collected", "label": "Ingenomen", "required": true, "input": {"type": "yes_no"}},
          {"id": "condition", "label": "Staat", "required": true,
           "when": {"if": "answered", "key": "collection.collected", "value": true}, "input": {"type": "check"}},
          {"id": "accessories_complete", "label": "Toebehoren", "input": {"type": "yes_no"}}]}"#,
    )
}

fn loan_template() -> Template {
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

// --- conditions ---------------------------------------------------------------------------

#[test]
fn every_condition_variant() {
    let c = with_order(
        ctx(JobKind::Fitting, Some(wheelchair_e())),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let a = answers(&[
        ("x.yes", yes(true)),
        ("x.no", yes(false)),
        ("x.pick", ch("b")),
        (
            "x.multi",
            Answer::MultiChoice {
                values: vec!["m1".into(), "m2".into()],
            },
        ),
        ("x.check", check(CheckResult::OutOfUse)),
        ("x.cat7", cat(Category::C7)),
        ("x.cat3", cat(Category::C3)),
    ]);
    let holds = |json: &str, c: &JobContext| {
        let cond: Condition = serde_json::from_str(json).unwrap();
        condition_holds(&cond, &a, c, None)
    };
    // answered
    assert!(holds(
        r#"{"if": "answered", "key": "x.yes", "value": true}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "answered", "key": "x.yes", "value": false}"#,
        &c
    ));
    assert!(holds(
        r#"{"if": "answered", "key": "x.no", "value": false}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "answered", "key": "x.none", "value": true}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "answered", "key": "x.none", "value": false}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "answered", "key": "x.pick", "value": true}"#,
        &c
    ));
    // choice_in
    assert!(holds(
        r#"{"if": "choice_in", "key": "x.pick", "values": ["a", "b"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "choice_in", "key": "x.pick", "values": ["a"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "choice_in", "key": "x.none", "values": ["a"]}"#,
        &c
    ));
    assert!(holds(
        r#"{"if": "choice_in", "key": "x.multi", "values": ["m2"]}"#,
        &c
    ));
    // check_in
    assert!(holds(
        r#"{"if": "check_in", "key": "x.check", "results": ["out_of_use", "defect_fix_by"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "check_in", "key": "x.check", "results": ["ok"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "check_in", "key": "x.none", "results": ["ok"]}"#,
        &c
    ));
    // category_differs_from_order
    assert!(holds(
        r#"{"if": "category_differs_from_order", "key": "x.cat7"}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "category_differs_from_order", "key": "x.cat3"}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "category_differs_from_order", "key": "x.none"}"#,
        &c
    ));
    let no_order = ctx(JobKind::Fitting, None);
    assert!(!holds(
        r#"{"if": "category_differs_from_order", "key": "x.cat7"}"#,
        &no_order
    ));
    // device_electric: category 7 is always electric; category 3 never; no device: false
    assert!(holds(r#"{"if": "device_electric", "value": true}"#, &c));
    assert!(!holds(r#"{"if": "device_electric", "value": false}"#, &c));
    let manual = ctx(JobKind::Fitting, Some(wheelchair_manual()));
    assert!(holds(
        r#"{"if": "device_electric", "value": false}"#,
        &manual
    ));
    assert!(!holds(
        r#"{"if": "device_electric", "value": true}"#,
        &no_order
    ));
    assert!(!holds(
        r#"{"if": "device_electric", "value": false}"#,
        &no_order
    ));
    // category 9 follows the device record
    let mut bike = device(9, "WMO-9-0009", Category::C9, DeviceStatus::InUse);
    assert!(!holds(
        r#"{"if": "device_electric", "value": true}"#,
        &ctx(JobKind::Repair, Some(bike.clone()))
    ));
    bike.electric = true;
    assert!(holds(
        r#"{"if": "device_electric", "value": true}"#,
        &ctx(JobKind::Repair, Some(bike))
    ));
    // device_category_in / order_category_in
    assert!(holds(
        r#"{"if": "device_category_in", "categories": ["7", "8a"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "device_category_in", "categories": ["3"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "device_category_in", "categories": ["7"]}"#,
        &no_order
    ));
    assert!(holds(
        r#"{"if": "order_category_in", "categories": ["3"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "order_category_in", "categories": ["7"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "order_category_in", "categories": ["3"]}"#,
        &no_order
    ));
    // all / any / not
    let t = r#"{"if": "answered", "key": "x.yes", "value": true}"#;
    let f = r#"{"if": "answered", "key": "x.yes", "value": false}"#;
    assert!(holds(&format!(r#"{{"if": "all", "all": [{t}, {t}]}}"#), &c));
    assert!(!holds(
        &format!(r#"{{"if": "all", "all": [{t}, {f}]}}"#),
        &c
    ));
    assert!(holds(r#"{"if": "all", "all": []}"#, &c));
    assert!(holds(&format!(r#"{{"if": "any", "any": [{f}, {t}]}}"#), &c));
    assert!(!holds(
        &format!(r#"{{"if": "any", "any": [{f}, {f}]}}"#),
        &c
    ));
    assert!(!holds(r#"{"if": "any", "any": []}"#, &c));
    assert!(holds(&format!(r#"{{"if": "not", "not": {f}}}"#), &c));
    assert!(!holds(&format!(r#"{{"if": "not", "not": {t}}}"#), &c));
}

#[test]
fn sling_conditions_read_their_own_instance() {
    let t = hoist_template();
    let c = hoist_ctx();
    let a: BTreeMap<String, Answer> = [
        (format!("sling[{}].outcome", sid(1)), ch("rejected")),
        (format!("sling[{}].outcome", sid(2)), ch("approved")),
    ]
    .into_iter()
    .collect();
    let cond: Condition = serde_json::from_str(
        r#"{"if": "choice_in", "key": "sling.outcome", "values": ["rejected"]}"#,
    )
    .unwrap();
    assert!(condition_holds(&cond, &a, &c, Some(&sid(1))));
    assert!(!condition_holds(&cond, &a, &c, Some(&sid(2))));
    // Outside the repeated step there is no plain answer.
    assert!(!condition_holds(&cond, &a, &c, None));
    let (step, item) = t.item("sling.remarks").unwrap();
    assert!(applies(step, item, &a, &c, Some(&sid(1))));
    assert!(!applies(step, item, &a, &c, Some(&sid(2))));
    // Only the rejected sling needs its remarks.
    let m = missing(&t, &a, &c);
    let sling_missing: Vec<&str> = keys(&m)
        .into_iter()
        .filter(|k| k.starts_with("sling["))
        .collect();
    assert_eq!(
        sling_missing,
        vec![
            format!("sling[{}].stitching", sid(2)),
            format!("sling[{}].stitching", sid(1)),
            format!("sling[{}].remarks", sid(1)),
        ]
    );
}

#[test]
fn instances_per_sling_in_number_order() {
    let t = hoist_template();
    let c = hoist_ctx();
    let sling_step = t.steps.iter().find(|s| s.id == "sling").unwrap();
    assert_eq!(
        instances(sling_step, &c),
        vec![
            (Some(sid(2)), Some("TB-2".to_string())),
            (Some(sid(1)), Some("TB-10".to_string())),
        ],
        "in use only, TB-2 before TB-10"
    );
    assert_eq!(instances(&t.steps[0], &c), vec![(None, None)]);
    let mut bare = c.clone();
    bare.slings.clear();
    assert!(instances(sling_step, &bare).is_empty());
    // Without slings the repeated step asks nothing.
    assert!(!keys(&missing(&t, &BTreeMap::new(), &bare))
        .iter()
        .any(|k| k.starts_with("sling")));
}

// --- missing, problems, progress, suggestions -------------------------------------------

#[test]
fn missing_lists_required_items_that_apply_in_template_order() {
    let t = pm_template();
    let e = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_e()));
    assert_eq!(
        keys(&missing(&t, &BTreeMap::new(), &e)),
        vec![
            "drive.brakes",
            "drive.seat_lift",
            "battery.capacity_pct",
            "usage.functional_check",
            "work.labour_minutes",
            "signoff.signer"
        ]
    );
    // A manual wheelchair: no seat lift (category), no battery step (not electric).
    let m = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_manual()));
    assert_eq!(
        keys(&missing(&t, &BTreeMap::new(), &m)),
        vec![
            "drive.brakes",
            "usage.functional_check",
            "work.labour_minutes",
            "signoff.signer"
        ]
    );
    // A conditional item becomes required by an answer.
    let a = answers(&[("usage.functional_check", ch("not_adequate"))]);
    let miss = missing(&t, &a, &m);
    assert!(keys(&miss).contains(&"usage.notes"));
    let notes = miss.iter().find(|x| x.key == "usage.notes").unwrap();
    assert_eq!(notes.step_id, "usage");
    assert_eq!(notes.label.nl, "Toelichting");
    assert_eq!(notes.problem, None);
    // Everything answered: nothing missing.
    assert!(missing(&t, &answers(&pm_answers_ok()), &e).is_empty());
}

#[test]
fn delivery_identity_must_be_the_ordered_device() {
    let t = delivery_template();
    let c = ctx(JobKind::Delivery, Some(wheelchair_e()));
    let mut a = answers(&delivery_answers());
    assert!(missing(&t, &a, &c).is_empty(), "case and spaces ignored");
    a.insert("identity.registration".into(), reg("WMO-7-0004"));
    let m = missing(&t, &a, &c);
    assert_eq!(keys(&m), vec!["identity.registration"]);
    let p = m[0].problem.as_ref().unwrap();
    assert_eq!(p.en, "does not match the ordered device WMO-7-0001");
    assert!(p.nl.contains("WMO-7-0001"));
    a.insert("identity.registration".into(), reg(" wmo-7- 0001 "));
    assert!(missing(&t, &a, &c).is_empty());
}

#[test]
fn loan_device_must_be_a_depot_device_other_than_the_broken_one() {
    let t = repair_template();
    let mut in_use = device(5, "WMO-7-0005", Category::C7, DeviceStatus::InUse);
    in_use.resident_id = Some(OTHER_RESIDENT);
    let on_loan = device(6, "WMO-7-0006", Category::C7, DeviceStatus::OnLoan);
    let c = with_known(
        repair_ctx(ResponseClass::B, false),
        &[in_use, on_loan, wheelchair_e()],
    );
    let base = [
        ("arrival.arrived_at", at("2026-03-02T08:40:00Z")),
        ("diagnosis.fault", txt("Motor defect")),
        ("diagnosis.cause", ch("wear")),
        ("diagnosis.drive_related", yes(true)),
        ("resolution.fixed_on_site", yes(false)),
        ("resolution.labour_minutes", num(30.0)),
        ("resolution.loan_placed", yes(true)),
        ("signoff.signer", signed()),
    ];
    let problem = |r: &str| {
        let mut a = answers(&base);
        a.insert("resolution.loan_registration".into(), reg(r));
        let m = missing(&t, &a, &c);
        assert!(m.len() <= 1, "{m:?}");
        m.first().map(|x| {
            assert_eq!(x.key, "resolution.loan_registration");
            x.problem.clone().unwrap().en
        })
    };
    assert_eq!(problem("WMO-7-0004"), None);
    assert_eq!(problem("wmo-7-0004"), None);
    assert_eq!(
        problem("WMO-7-0005").as_deref(),
        Some("WMO-7-0005 is not in the depot (in use with a resident)")
    );
    assert_eq!(
        problem("WMO-7-0006").as_deref(),
        Some("WMO-7-0006 is not in the depot (already on loan)")
    );
    assert!(problem("WMO-7-0001").unwrap().contains("own device"));
    assert_eq!(
        problem("WMO-X-9999").as_deref(),
        Some("WMO-X-9999 is not a known device")
    );
    // Without the registration the item is simply missing.
    let m = missing(&t, &answers(&base), &c);
    assert_eq!(keys(&m), vec!["resolution.loan_registration"]);
    assert_eq!(m[0].problem, None);
}

#[test]
fn loan_job_registration_rules() {
    let t = loan_template();
    let mine = device(7, "WMO-7-0007", Category::C7, DeviceStatus::OnLoan);
    let mut theirs = device(8, "WMO-7-0008", Category::C7, DeviceStatus::OnLoan);
    theirs.resident_id = Some(OTHER_RESIDENT);
    let c = with_known(
        ctx(JobKind::LoanDevice, None),
        &[depot_chair(), mine, theirs],
    );
    let problem = |action: &str, r: &str| {
        let a = answers(&[("loan.action", ch(action)), ("loan.registration", reg(r))]);
        missing(&t, &a, &c).first().and_then(|m| m.problem.clone())
    };
    assert_eq!(problem("place", "WMO-7-0004"), None);
    assert!(problem("place", "WMO-7-0007").is_some(), "not in the depot");
    assert_eq!(problem("pickup", "WMO-7-0007"), None);
    assert_eq!(
        problem("pickup", "WMO-7-0008").unwrap().en,
        "WMO-7-0008 is not with this resident"
    );
    assert!(problem("pickup", "WMO-7-0004").is_some());
    // The job's own device may be placed whatever the replica says about it.
    let own = ctx(
        JobKind::LoanDevice,
        Some(device(9, "WMO-7-0009", Category::C7, DeviceStatus::InUse)),
    );
    let a = answers(&[
        ("loan.action", ch("place")),
        ("loan.registration", reg("WMO-7-0009")),
    ]);
    assert!(missing(&t, &a, &own).is_empty());
}

#[test]
fn replacement_and_fitting_consistency() {
    let t = replacement_template();
    let c = with_known(
        ctx(JobKind::Replacement, Some(wheelchair_e())),
        &[depot_chair(), wheelchair_e()],
    );
    let mut a = answers(&[
        ("new_device.registration", reg("WMO-7-0001")),
        ("new_device.catalogue_value", num(5000.0)),
        ("old_device.collected", yes(true)),
        ("signoff.signer", signed()),
    ]);
    assert_eq!(
        missing(&t, &a, &c)[0].problem.as_ref().unwrap().en,
        "this is the device being replaced"
    );
    a.insert("new_device.registration".into(), reg("WMO-7-0004"));
    assert!(missing(&t, &a, &c).is_empty());

    let t = fitting_template();
    let c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let mut a = answers(&fitting_answers(Category::C3));
    a.insert("trial.placement".into(), yes(true));
    let end = |d: NaiveDate, a: &mut BTreeMap<String, Answer>| {
        a.insert("trial.end_date".into(), date(d));
        missing(&t, a, &c)
    };
    assert!(end(day(2026, 3, 23), &mut a).is_empty(), "21 days");
    assert!(end(day(2026, 3, 3), &mut a).is_empty(), "1 day");
    for bad in [day(2026, 3, 24), day(2026, 3, 2), day(2026, 3, 1)] {
        let m = end(bad, &mut a);
        assert_eq!(keys(&m), vec!["trial.end_date"], "{bad}");
        assert!(m[0].problem.is_some());
    }
    a.insert("trial.end_date".into(), date(day(2026, 3, 20)));
    a.insert("delivery.agreed_date".into(), date(day(2026, 3, 1)));
    assert_eq!(keys(&missing(&t, &a, &c)), vec!["delivery.agreed_date"]);
    a.insert("delivery.agreed_date".into(), date(job_day()));
    assert!(missing(&t, &a, &c).is_empty());
}

#[test]
fn a_defect_without_its_date_is_a_problem() {
    let t = pm_template();
    let c = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_manual()));
    let mut a = answers(&pm_answers_ok());
    a.insert(
        "drive.upholstery".into(),
        Answer::Check {
            result: CheckResult::DefectFixBy,
            fix_by: None,
            note: None,
        },
    );
    let m = missing(&t, &a, &c);
    assert_eq!(keys(&m), vec!["drive.upholstery"]);
    assert!(m[0].problem.is_some());
    // An answer of the wrong type is not taken as an answer either.
    a.insert("drive.upholstery".into(), check(CheckResult::Ok));
    a.insert("work.labour_minutes".into(), txt("45"));
    assert_eq!(keys(&missing(&t, &a, &c)), vec!["work.labour_minutes"]);
}

#[test]
fn progress_counts_per_step_and_sling() {
    let t = hoist_template();
    let c = hoist_ctx();
    let mut list = hoist_answers("approved", "rejected", "approved");
    list.retain(|(k, _)| {
        k != "inspection.inspector_certificate" && *k != format!("sling[{}].remarks", sid(1))
    });
    list.push(("hoist.mast".into(), check(CheckResult::Ok)));
    let a: BTreeMap<String, Answer> = list.into_iter().collect();
    let p = progress(&t, &a, &c);
    type Row<'a> = (&'a str, Option<&'a str>, bool, u32, u32, u32);
    let summary: Vec<Row> = p
        .iter()
        .map(|s| {
            (
                s.step_id.as_str(),
                s.instance_label.as_deref(),
                s.applicable,
                s.items,
                s.answered,
                s.required_missing,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("inspection", None, true, 4, 2, 1),
            ("hoist", None, true, 1, 1, 0),
            ("electrical", None, true, 3, 3, 0),
            ("load_test", None, true, 1, 1, 0),
            ("sling", Some("TB-2"), true, 2, 2, 0),
            ("sling", Some("TB-10"), true, 3, 2, 1),
            ("outcome", None, true, 3, 2, 0),
            ("work", None, true, 1, 0, 0),
            ("signoff", None, true, 1, 1, 0),
        ]
    );
    assert_eq!(p[5].instance, Some(sid(1)));
    // A skipped step counts nothing.
    let t = pm_template();
    let m = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_manual()));
    let p = progress(&t, &BTreeMap::new(), &m);
    let battery = p.iter().find(|s| s.step_id == "battery").unwrap();
    assert!(!battery.applicable);
    assert_eq!((battery.items, battery.required_missing), (0, 0));
    let drive = p.iter().find(|s| s.step_id == "drive").unwrap();
    assert_eq!(
        (drive.items, drive.answered, drive.required_missing),
        (2, 0, 1)
    );
}

#[test]
fn suggestions_derive_from_answered_sources() {
    let t = fitting_template();
    assert!(suggestions(&t, &BTreeMap::new()).is_empty());
    let s = suggestions(&t, &answers(&[("body.hip_width", num(420.0))]));
    assert_eq!(s.len(), 1);
    assert_eq!(s["seat.width"], 445.0, "seat width = hip width + 25");
    // Rounded to the item's decimals: 23.7 + 2.5 = 26.2 -> 26 cm.
    let s = suggestions(&t, &answers(&[("body.elbow_height", num(23.7))]));
    assert_eq!(s["seat.armrest"], 26.0);
    // A source of another type suggests nothing.
    assert!(suggestions(&t, &answers(&[("body.hip_width", txt("420"))])).is_empty());
}

// --- workflow ------------------------------------------------------------------------------

#[test]
fn workflow_errors_are_typed() {
    let t = pm_template();
    let c = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_manual()));
    let mut d = draft(&t, &c, &pm_answers_ok());
    d.state = JobState::Completed;
    assert_eq!(
        complete(&t, &d, &c, &cal(), now()).unwrap_err(),
        WorkflowError::IllegalTransition {
            kind: JobKind::PreventiveMaintenance,
            from: JobState::Completed,
            event: JobEvent::Complete
        }
    );
    d.state = JobState::NotStarted;
    assert!(matches!(
        complete(&t, &d, &c, &cal(), now()),
        Err(WorkflowError::IllegalTransition { .. })
    ));
    assert_eq!(
        next_state(&t, &d, &c, JobEvent::Start),
        Ok(JobState::InProgress)
    );
    // Missing items are listed.
    d.state = JobState::InProgress;
    d.answers.remove("work.labour_minutes");
    match complete(&t, &d, &c, &cal(), now()) {
        Err(WorkflowError::Incomplete { missing }) => {
            assert_eq!(keys(&missing), vec!["work.labour_minutes"]);
        }
        other => panic!("expected Incomplete, got {other:?}"),
    }
    // Starting needs nothing answered; cannot proceed is always possible before the end.
    assert_eq!(
        next_state(&t, &d, &c, JobEvent::CannotProceed),
        Ok(JobState::CannotProceed)
    );
    // A PM job is never marked ready to sign.
    assert!(matches!(
        next_state(&t, &d, &c, JobEvent::MarkReadyToSign),
        Err(WorkflowError::IllegalTransition { .. })
    ));
}

#[test]
fn delivery_waits_for_signature_and_deviation() {
    let t = delivery_template();
    let c = ctx(JobKind::Delivery, Some(wheelchair_e()));
    let mut d = draft(&t, &c, &delivery_answers());
    assert!(matches!(
        complete(&t, &d, &c, &cal(), now()),
        Err(WorkflowError::IllegalTransition { .. })
    ));
    assert_eq!(ready_to_sign(&t, &d, &c), Ok(JobState::ReadyToSign));
    d.state = JobState::ReadyToSign;
    assert_eq!(
        complete(&t, &d, &c, &cal(), now()).unwrap_err(),
        WorkflowError::SignatureRequired
    );
    // Incomplete: cannot be marked ready to sign.
    d.state = JobState::InProgress;
    d.answers.remove("handover.manual");
    match ready_to_sign(&t, &d, &c) {
        Err(WorkflowError::Incomplete { missing }) => {
            assert_eq!(keys(&missing), vec!["handover.manual"])
        }
        other => panic!("{other:?}"),
    }
    // Blocked by a pending deviation, then by a rejected one; approved is fine.
    let o = order(OrderKind::Provision, Category::C3, day(2026, 2, 1));
    let mut blocked_ctx = with_order(c.clone(), o.clone());
    let mut dev = DeviationRequest {
        id: DeviationRequestId(Uuid::from_u128(0x900)),
        order_id: o.id,
        resident_id: RESIDENT,
        job_id: JobId(Uuid::from_u128(0x901)),
        ordered: Category::C3,
        proposed: Category::C7,
        motivation: "Kan niet zelf hoepelen".into(),
        requested_at: utc("2026-02-20T10:00:00Z"),
        status: DeviationStatus::Pending,
    };
    blocked_ctx.deviation = Some(dev.clone());
    assert_eq!(blocked(&blocked_ctx), Some(Blocked::DeviationPending));
    let mut start = draft(&t, &c, &delivery_answers());
    start.state = JobState::NotStarted;
    assert_eq!(
        next_state(&t, &start, &blocked_ctx, JobEvent::Start),
        Err(WorkflowError::Blocked(Blocked::DeviationPending))
    );
    d.answers = answers(&delivery_answers());
    assert_eq!(
        ready_to_sign(&t, &d, &blocked_ctx),
        Err(WorkflowError::Blocked(Blocked::DeviationPending))
    );
    dev.status = DeviationStatus::Rejected;
    blocked_ctx.deviation = Some(dev.clone());
    assert_eq!(
        ready_to_sign(&t, &d, &blocked_ctx),
        Err(WorkflowError::Blocked(Blocked::DeviationRejected))
    );
    dev.status = DeviationStatus::Approved;
    blocked_ctx.deviation = Some(dev);
    assert_eq!(
        ready_to_sign(&t, &d, &blocked_ctx),
        Ok(JobState::ReadyToSign)
    );
    // A pending deviation does not block other kinds of job.
    let mut repair = blocked_ctx.clone();
    repair.job.kind = JobKind::Repair;
    repair.deviation.as_mut().unwrap().status = DeviationStatus::Pending;
    assert_eq!(blocked(&repair), None);
}

#[test]
fn delivery_doubts_become_an_urgent_signal() {
    let t = delivery_template();
    let c = ctx(JobKind::Delivery, Some(wheelchair_e()));
    let d = draft(&t, &c, &delivery_answers());
    assert!(delivery_signals(&d, &c, now()).is_empty());
    let mut list = delivery_answers();
    list.retain(|(k, _)| *k != "safety.reaction_unimpaired");
    list.push(("safety.reaction_unimpaired", yes(false)));
    list.push(("safety.doubts", txt("Gebruikt zware pijnstillers")));
    let d = draft(&t, &c, &list);
    let s = delivery_signals(&d, &c, now());
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].kind, SignalKind::DrivingAbilityDoubt);
    assert!(s[0].urgent);
    assert_eq!(s[0].device_id, Some(wheelchair_e().id));
    assert_eq!(s[0].job_id, Some(c.job.id));
    assert_eq!(s[0].created_at, now());
    assert!(s[0].description.contains("reactievermogen"));
    assert!(s[0].description.contains("Gebruikt zware pijnstillers"));
}

// --- completion per kind -----------------------------------------------------------------

#[test]
fn pm_of_an_electric_wheelchair() {
    let t = pm_template();
    let mut dev = wheelchair_e();
    dev.reconditioned = true;
    let c = ctx(JobKind::PreventiveMaintenance, Some(dev.clone()));
    let mut list = pm_answers_ok();
    list.push(("drive.upholstery", fix_by(day(2026, 3, 16))));
    // An answer to an item that does not apply is not reported.
    list.push(("usage.notes", txt("oud")));
    let d = draft(&t, &c, &list);
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();

    // The report.
    assert_eq!(done.report.job_id, c.job.id);
    assert_eq!(done.report.kind, JobKind::PreventiveMaintenance);
    assert_eq!(
        (
            done.report.template_id.as_str(),
            done.report.template_version
        ),
        ("pm-test", 3)
    );
    assert_eq!(done.report.started_at, d.started_at);
    assert_eq!(done.report.completed_at, now());
    assert_eq!(done.report.technician, "Piet Monteur");
    assert!(!done.report.answers.contains_key("usage.notes"));
    assert_eq!(done.report.answers.len(), list.len() - 1);

    // The passport: yearly, battery tested today.
    assert_eq!(
        done.devices,
        vec![DeviceUpdate {
            device_id: dev.id,
            changes: DeviceChanges {
                last_preventive_maintenance_on: Some(job_day()),
                next_maintenance_due: Some(day(2027, 3, 2)),
                battery_capacity_pct: Some(86),
                battery_tested_on: Some(job_day()),
                ..Default::default()
            }
        }]
    );
    // The logbook: maintenance and usage check, both on the device.
    assert_eq!(
        entries(&done),
        vec![
            (dev.id, LogbookKind::PreventiveMaintenance),
            (dev.id, LogbookKind::UsageCheck)
        ]
    );
    for e in &done.logbook {
        assert_eq!(e.author, "Piet Monteur");
        assert_eq!(e.job_id, Some(c.job.id));
        assert_eq!((e.occurred_at, e.recorded_at), (now(), now()));
        assert_eq!(e.corrects, None);
    }
    assert_eq!(
        done.logbook[0].summary,
        "Preventief onderhoud uitgevoerd; 1 punt ter plaatse hersteld; defect Bekleding, \
         herstellen vóór ma 16 mrt 2026; 2 onderdelen vervangen; afgetekend door J. Jansen (inwoner)"
    );
    assert_eq!(
        done.logbook[1].summary,
        "Toetsing gebruiksfunctionaliteit: Adequaat"
    );
    let det = details(&done, LogbookKind::PreventiveMaintenance);
    assert_eq!(det["template"], "pm-test@3");
    assert_eq!(det["checks_done"], 3);
    assert_eq!(det["checks"].as_array().unwrap().len(), 2);
    assert_eq!(det["checks"][0]["item"], "drive.seat_lift");
    assert_eq!(det["checks"][0]["result"], "repaired");
    assert_eq!(det["checks"][1]["fix_by"], "2026-03-16");
    assert_eq!(det["measurements"]["battery.voltage"]["unit"], "V");
    assert_eq!(det["measurements"]["work.odometer"]["value"], 1234.0);
    assert_eq!(det["labour_minutes"], 45.0);
    assert_eq!(det["usage"], "adequate");
    assert_eq!(det["parts"].as_array().unwrap().len(), 2);
    assert_eq!(det["signoff"]["name"], "J. Jansen");
    assert_eq!(det["signoff"]["role"], "resident");
    let usage = details(&done, LogbookKind::UsageCheck);
    assert_eq!(usage["usage.functional_check"], "adequate");
    assert_eq!(usage["template"], "pm-test@3");
    // Nothing to signal; the defect's date is a notice.
    assert!(done.signals.is_empty());
    assert_eq!(done.notices.len(), 1);
    assert!(done.notices[0].nl.contains("ma 16 mrt 2026"));
    assert!(done.slings.is_empty() && done.orders.is_empty());
    assert!(done.malfunction.is_none() && done.deviation.is_none());
}

#[test]
fn pm_out_of_use_not_adequate_and_a_weak_battery() {
    let t = pm_template();
    let mut dev = wheelchair_e();
    dev.reconditioned = true;
    let c = ctx(JobKind::PreventiveMaintenance, Some(dev.clone()));
    let mut list = pm_answers_ok();
    list.retain(|(k, _)| {
        !matches!(
            *k,
            "drive.brakes" | "battery.capacity_pct" | "usage.functional_check"
        )
    });
    list.push(("drive.brakes", check(CheckResult::OutOfUse)));
    list.push(("battery.capacity_pct", num(74.6)));
    list.push(("usage.functional_check", ch("not_adequate")));
    list.push((
        "usage.notes",
        txt("Inwoner kan de joystick niet meer bedienen."),
    ));
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    let ch = changes_of(&done, dev.id);
    assert_eq!(ch.status, Some(DeviceStatus::OutOfUse));
    assert_eq!(ch.battery_capacity_pct, Some(75));
    assert_eq!(done.signals.len(), 1);
    let s = &done.signals[0];
    assert_eq!(s.kind, SignalKind::NoLongerAdequate);
    assert!(!s.urgent);
    assert_eq!((s.resident_id, s.device_id), (RESIDENT, Some(dev.id)));
    assert!(s.description.contains("joystick"));
    let all: String = done.notices.iter().map(|n| n.en.clone()).collect();
    assert!(all.contains("taken out of use"), "{all}");
    assert!(all.contains("at least 80%"), "{all}");
    assert!(done.logbook[0]
        .summary
        .contains("defect Remmen: buiten gebruik"));
    assert_eq!(
        done.logbook[1].summary,
        "Toetsing gebruiksfunctionaliteit: Niet adequaat"
    );
    // Warnings while working say the same.
    let w = warnings(&t, &draft(&t, &c, &list).answers, &c, &cal(), now());
    assert!(w.iter().any(|x| x.en.contains("at least 80%")));
    assert!(w.iter().any(|x| x.en.contains("out of use")));
}

#[test]
fn pm_of_a_manual_wheelchair_is_due_in_18_months() {
    let t = pm_template();
    let dev = wheelchair_manual();
    let c = ctx(JobKind::PreventiveMaintenance, Some(dev.clone()));
    let list: Vec<_> = pm_answers_ok()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("battery") && *k != "drive.seat_lift")
        .collect();
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    let ch = changes_of(&done, dev.id);
    assert_eq!(ch.next_maintenance_due, Some(day(2027, 9, 2)));
    assert_eq!(ch.battery_capacity_pct, None);
    assert_eq!(ch.status, None);
}

#[test]
fn hoist_inspection_with_a_rejected_sling() {
    let t = hoist_template();
    let c = hoist_ctx();
    let d = hoist_draft(&t, &c, hoist_answers("approved", "rejected", "approved"));
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let h = hoist();
    assert_eq!(
        done.slings,
        vec![
            SlingUpdate {
                sling_id: SlingId(Uuid::from_u128(0x202)),
                status: None,
                next_inspection_due: Some(day(2027, 3, 2)),
            },
            SlingUpdate {
                sling_id: SlingId(Uuid::from_u128(0x201)),
                status: Some(SlingStatus::Withdrawn),
                next_inspection_due: None,
            },
        ]
    );
    assert_eq!(
        done.devices,
        vec![DeviceUpdate {
            device_id: h.id,
            changes: DeviceChanges {
                last_preventive_maintenance_on: Some(job_day()),
                next_maintenance_due: Some(day(2027, 3, 2)),
                next_inspection_due: Some(day(2027, 3, 2)),
                ..Default::default()
            }
        }]
    );
    assert_eq!(
        entries(&done),
        vec![
            (h.id, LogbookKind::SlingInspection),
            (h.id, LogbookKind::SlingInspection),
            (h.id, LogbookKind::HoistInspection)
        ]
    );
    assert_eq!(
        done.logbook[0].summary,
        "Tilband TB-2 (Tilco Comfort, maat M) gekeurd: goedgekeurd"
    );
    assert_eq!(
        done.logbook[1].summary,
        "Tilband TB-10 (Tilco Comfort, maat M) gekeurd: afgekeurd, uit gebruik genomen (Scheur in de stof)"
    );
    assert_eq!(
        done.logbook[2].summary,
        "Keuring tillift (periodiek; NEN-EN-ISO 10535): goedgekeurd; keuringssticker ST-77; \
         2 tilbanden gekeurd, 1 afgekeurd; afgetekend door J. Jansen (inwoner)"
    );
    let sling_details: Value = serde_json::from_str(&done.logbook[1].details_json).unwrap();
    assert_eq!(sling_details["sling_number"], "TB-10");
    assert_eq!(sling_details["outcome"], "rejected");
    assert_eq!(sling_details["checks_done"], 1);
    let det = details(&done, LogbookKind::HoistInspection);
    assert_eq!(det["standard"], "nen_en_iso_10535");
    assert_eq!(det["inspection_kind"], "periodic");
    assert_eq!(det["inspector_certificate"], "STG-123");
    assert_eq!(det["instrument_serial"], "FLK-9");
    assert_eq!(det["instrument_calibrated_on"], "2025-09-01");
    assert_eq!(det["load_test"], "ok");
    assert_eq!(det["sticker"], "ST-77");
    assert_eq!(det["measurements"]["electrical.insulation"]["unit"], "MΩ");
    assert_eq!(det["next_inspection_due"], "2027-03-02");
    assert_eq!(det["slings"].as_array().unwrap().len(), 2);
    // The sling's own checks are not the hoist's.
    assert_eq!(det["checks_done"], 1);
    assert!(done.notices.iter().any(|n| n.en.contains("TB-10")));
}

#[test]
fn a_rejected_hoist_goes_out_of_use() {
    let t = hoist_template();
    let c = hoist_ctx();
    let mut list = hoist_answers("rejected", "approved", "approved");
    list.push(("outcome.remarks".into(), txt("Mast gescheurd")));
    let done = complete(&t, &hoist_draft(&t, &c, list), &c, &cal(), now()).unwrap();
    let ch = changes_of(&done, hoist().id);
    assert_eq!(ch.status, Some(DeviceStatus::OutOfUse));
    assert_eq!(ch.next_inspection_due, None);
    assert!(done
        .slings
        .iter()
        .all(|s| s.status.is_none() && s.next_inspection_due == Some(day(2027, 3, 2))));
    assert!(done.notices.iter().any(|n| n.en.contains("out of use")));
    // Approved with remarks: a notice with the fix-by day.
    let mut list = hoist_answers("approved_with_remarks", "approved", "approved");
    list.push(("outcome.fix_by".into(), date(day(2026, 3, 20))));
    list.push(("outcome.remarks".into(), txt("Label vervangen")));
    let done = complete(&t, &hoist_draft(&t, &c, list), &c, &cal(), now()).unwrap();
    let ch = changes_of(&done, hoist().id);
    assert_eq!(ch.status, None);
    assert_eq!(ch.next_inspection_due, Some(day(2027, 3, 2)));
    assert_eq!(
        done.notices,
        vec![veldwerk_core::Localized::new(
            "Goedgekeurd met opmerkingen: herstellen vóór vr 20 mrt 2026. Label vervangen",
            "Approved with remarks: fix by Fri 20 Mar 2026. Label vervangen"
        )]
    );
    assert!(done.logbook[2]
        .summary
        .contains("herstellen vóór vr 20 mrt 2026"));
}

fn repair_loan_answers() -> Vec<(&'static str, Answer)> {
    vec![
        ("arrival.arrived_at", at("2026-03-02T08:40:00Z")),
        ("diagnosis.fault", txt("Rechter motor maakt geen contact")),
        ("diagnosis.cause", ch("wear")),
        ("diagnosis.drive_related", yes(true)),
        ("resolution.fixed_on_site", yes(false)),
        ("resolution.parts", parts(1)),
        ("resolution.labour_minutes", num(50.0)),
        ("resolution.loan_placed", yes(true)),
        ("resolution.loan_registration", reg("wmo-7-0004")),
        ("resolution.options_moved", txt("Hoofdsteun, tafelblad")),
        ("resolution.transported", yes(false)),
        ("signoff.signer", signed()),
    ]
}

#[test]
fn class_b_repair_with_a_loan_device() {
    let t = repair_template();
    let c = repair_ctx(ResponseClass::B, true);
    let d = draft(&t, &c, &repair_loan_answers());
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let (own, loan) = (wheelchair_e(), depot_chair());
    assert_eq!(
        done.malfunction,
        Some(MalfunctionUpdate {
            malfunction_id: c.malfunction.as_ref().unwrap().id,
            arrived_at: Some(utc("2026-03-02T08:40:00Z")),
            resolved_at: None,
            status: None,
        })
    );
    assert_eq!(
        done.devices,
        vec![
            DeviceUpdate {
                device_id: own.id,
                changes: DeviceChanges {
                    status: Some(DeviceStatus::AwaitingRepair),
                    last_malfunction_on: Some(job_day()),
                    ..Default::default()
                }
            },
            DeviceUpdate {
                device_id: loan.id,
                changes: DeviceChanges {
                    status: Some(DeviceStatus::OnLoan),
                    resident: Some(ResidentLink::Resident(RESIDENT)),
                    last_delivered_on: Some(job_day()),
                    ..Default::default()
                }
            },
        ]
    );
    assert_eq!(
        entries(&done),
        vec![
            (own.id, LogbookKind::Repair),
            (loan.id, LogbookKind::LoanPlaced),
            (own.id, LogbookKind::LoanPlaced),
        ]
    );
    // Not fixed: the entries occurred at the arrival.
    assert!(done
        .logbook
        .iter()
        .all(|e| e.occurred_at == utc("2026-03-02T08:40:00Z") && e.recorded_at == now()));
    assert_eq!(
        done.logbook[1].summary,
        "Als leenmiddel geplaatst bij Jan van der Berg voor WMO-7-0001; opties overgezet: Hoofdsteun, tafelblad"
    );
    assert!(done.logbook[2].summary.contains("Leenmiddel WMO-7-0004"));
    assert_eq!(
        done.logbook[0].summary,
        "Reparatie: Rechter motor maakt geen contact; oorzaak: slijtage; aandrijving; \
         1 onderdeel vervangen; 50 min; niet ter plaatse verholpen; leenmiddel WMO-7-0004 geplaatst; \
         afgetekend door J. Jansen (inwoner)"
    );
    let det = details(&done, LogbookKind::Repair);
    assert_eq!(det["class"], "B");
    assert_eq!(det["fixed_on_site"], false);
    assert_eq!(det["drive_related"], true);
    assert_eq!(det["loan_registration"], "wmo-7-0004");
    assert_eq!(det["labour_minutes"], 50.0);
    assert!(done.signals.is_empty());
    assert!(done.notices.is_empty(), "{:?}", done.notices);
}

#[test]
fn repair_fixed_on_site_resolves_the_malfunction() {
    let t = repair_template();
    let mut c = repair_ctx(ResponseClass::C, true);
    c.device.as_mut().unwrap().status = DeviceStatus::AwaitingRepair;
    c.drive_repairs_previous_year = 3;
    let d = draft(
        &t,
        &c,
        &[
            ("arrival.arrived_at", at("2026-03-02T08:00:00Z")),
            ("diagnosis.fault", txt("Zekering")),
            ("diagnosis.cause", ch("wear")),
            ("diagnosis.drive_related", yes(true)),
            ("resolution.fixed_on_site", yes(true)),
            ("resolution.resolved_at", at("2026-03-02T08:55:00Z")),
            ("resolution.labour_minutes", num(20.0)),
            // stale: does not apply once fixed on site
            ("resolution.loan_placed", yes(true)),
            ("resolution.loan_registration", reg("WMO-7-0004")),
            ("signoff.signer", signed()),
        ],
    );
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let m = done.malfunction.clone().unwrap();
    assert_eq!(m.status, Some(MalfunctionStatus::Resolved));
    assert_eq!(m.resolved_at, Some(utc("2026-03-02T08:55:00Z")));
    assert_eq!(m.arrived_at, Some(utc("2026-03-02T08:00:00Z")));
    assert_eq!(done.devices.len(), 1, "no loan device");
    let ch = changes_of(&done, wheelchair_e().id);
    assert_eq!(ch.status, Some(DeviceStatus::InUse));
    assert_eq!(
        entries(&done),
        vec![(wheelchair_e().id, LogbookKind::Repair)]
    );
    assert_eq!(done.logbook[0].occurred_at, utc("2026-03-02T08:55:00Z"));
    assert!(!done
        .report
        .answers
        .contains_key("resolution.loan_registration"));
    // More than 2 drive-related repairs last year: the replacement rule.
    assert_eq!(done.notices.len(), 1);
    assert!(done.notices[0].en.contains("must be replaced"));
    assert!(done.notices[0].en.contains("2025"));
    // Exactly 2 last year: the rule does not apply yet.
    let mut c2 = c.clone();
    c2.drive_repairs_previous_year = 2;
    assert!(complete(&t, &d, &c2, &cal(), now())
        .unwrap()
        .notices
        .is_empty());
    // Not drive-related: no such notice.
    let mut d2 = d.clone();
    d2.answers
        .insert("diagnosis.drive_related".into(), yes(false));
    assert!(complete(&t, &d2, &c, &cal(), now())
        .unwrap()
        .notices
        .is_empty());
}

#[test]
fn wilful_damage_is_signalled_and_reported() {
    let t = repair_template();
    let c = repair_ctx(ResponseClass::A, false);
    let d = draft(
        &t,
        &c,
        &[
            ("arrival.arrived_at", at("2026-03-02T08:20:00Z")),
            ("diagnosis.fault", txt("Joystick afgebroken")),
            ("diagnosis.cause", ch("wilful_damage")),
            (
                "diagnosis.wilful_description",
                txt("Joystick met kracht afgebroken"),
            ),
            (
                "diagnosis.wilful_likely_cause",
                txt("Kleinzoon speelde ermee"),
            ),
            ("diagnosis.drive_related", yes(false)),
            ("resolution.fixed_on_site", yes(true)),
            ("resolution.resolved_at", at("2026-03-02T09:10:00Z")),
            ("resolution.labour_minutes", num(40.0)),
            ("signoff.signer", signed()),
        ],
    );
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let dev = wheelchair_e();
    assert_eq!(
        entries(&done),
        vec![
            (dev.id, LogbookKind::Repair),
            (dev.id, LogbookKind::DamageReport)
        ]
    );
    assert_eq!(
        done.logbook[1].summary,
        "Vermoeden van moedwillige schade aan WMO-7-0001 (Merk Type 1): Joystick met kracht \
         afgebroken. Vermoedelijke oorzaak: Kleinzoon speelde ermee"
    );
    assert_eq!(done.signals.len(), 1);
    let s = &done.signals[0];
    assert_eq!(s.kind, SignalKind::SuspectedWilfulDamage);
    assert!(!s.urgent);
    assert_eq!(s.description, done.logbook[1].summary);
    let ch = changes_of(&done, dev.id);
    assert_eq!(ch.last_misuse_maintenance_on, Some(job_day()));
    assert_eq!(ch.last_malfunction_on, Some(job_day()));
    assert_eq!(ch.status, None, "fixed, and it was in use");
    assert!(done.notices.iter().any(|n| n.en.contains("photos")));
}

#[test]
fn fitting_concluding_another_category_requests_a_deviation() {
    let t = fitting_template();
    let c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let mut list = fitting_answers(Category::C7);
    // Not yet complete without the motivation for the deviation.
    let d = draft(&t, &c, &list);
    match complete(&t, &d, &c, &cal(), now()) {
        Err(WorkflowError::Incomplete { missing }) => assert_eq!(
            keys(&missing),
            vec!["conclusion.deviation_motivation"],
            "no driving lesson for an order of category 3"
        ),
        other => panic!("{other:?}"),
    }
    list.push((
        "conclusion.deviation_motivation",
        txt("Inwoner kan niet meer zelf hoepelen; elektrische rolstoel nodig."),
    ));
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    let dev = done.deviation.expect("a deviation request");
    assert_eq!(dev.status, DeviationStatus::Pending);
    assert_eq!((dev.ordered, dev.proposed), (Category::C3, Category::C7));
    assert_eq!(dev.order_id, c.order.as_ref().unwrap().id);
    assert_eq!((dev.resident_id, dev.job_id), (RESIDENT, c.job.id));
    assert_eq!(
        dev.motivation,
        "Inwoner kan niet meer zelf hoepelen; elektrische rolstoel nodig."
    );
    assert_eq!(dev.requested_at, now());
    // No device yet: nothing in any logbook; the report holds the answers.
    assert!(done.logbook.is_empty() && done.devices.is_empty());
    assert_eq!(
        done.report.answers["conclusion.first_time_right"],
        yes(false)
    );
    assert_eq!(done.notices.len(), 1);
    assert!(done.notices[0]
        .en
        .contains("blocked until the municipality approves"));
}

#[test]
fn fitting_in_the_ordered_category_plans_the_delivery() {
    let t = fitting_template();
    let c = with_order(
        ctx(JobKind::Fitting, Some(wheelchair_manual())),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let list = fitting_answers(Category::C3);
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert!(done.deviation.is_none());
    // Fitted Monday 2 March: plan the delivery before the end of Tuesday 3 March.
    assert_eq!(
        done.notices,
        vec![veldwerk_core::Localized::new(
            "Plan de leverdatum met de inwoner vóór einde di 3 mrt.",
            "The delivery date must be planned with the resident before the end of Tue 3 Mar."
        )]
    );
    assert_eq!(
        entries(&done),
        vec![(wheelchair_manual().id, LogbookKind::Fitting)]
    );
    assert_eq!(
        done.logbook[0].summary,
        "Passing: gekozen Permobil M3; categorie 3"
    );
    let det = details(&done, LogbookKind::Fitting);
    assert_eq!(det["category"], "3");
    assert_eq!(det["measurements"]["body.hip_width"]["unit"], "mm");
    // With an agreed date there is nothing to plan.
    let mut list = list;
    list.push(("delivery.agreed_date", date(day(2026, 3, 12))));
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert!(done.notices.is_empty());
}

#[test]
fn adjustment_with_the_device_taken() {
    let t = adjustment_template();
    let dev = wheelchair_e();
    let c = with_known(
        ctx(JobKind::Adjustment, Some(dev.clone())),
        &[depot_chair()],
    );
    let list = [
        ("work.description", txt("Zitting verbreed")),
        ("work.device_taken", yes(true)),
        ("work.return_date", date(day(2026, 3, 5))),
        ("work.replacement_placed", yes(true)),
        ("work.replacement_registration", reg("WMO-7-0004")),
        ("signoff.signer", signed()),
    ];
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert_eq!(
        changes_of(&done, dev.id).status,
        Some(DeviceStatus::AwaitingRepair)
    );
    let loan = changes_of(&done, depot_chair().id);
    assert_eq!(loan.status, Some(DeviceStatus::OnLoan));
    assert_eq!(loan.resident, Some(ResidentLink::Resident(RESIDENT)));
    assert_eq!(
        entries(&done),
        vec![
            (dev.id, LogbookKind::Adjustment),
            (depot_chair().id, LogbookKind::LoanPlaced),
            (dev.id, LogbookKind::LoanPlaced),
        ]
    );
    // Taken Monday 2 March: back before the end of Wednesday 4 March; Thursday is too late.
    assert_eq!(
        done.logbook[0].summary,
        "Aanpassing: Zitting verbreed; hulpmiddel meegenomen, terug vóór einde wo 4 mrt; \
         vervangend hulpmiddel WMO-7-0004 geplaatst; afgetekend door J. Jansen (inwoner)"
    );
    assert_eq!(done.notices.len(), 2);
    assert!(done.notices[0].en.contains("before the end of Wed 4 Mar"));
    assert!(done.notices[1].en.contains("too late"));
}

#[test]
fn replacement_hands_over_the_new_device() {
    let t = replacement_template();
    let old = wheelchair_e();
    let new = depot_chair();
    let c = with_order(
        with_known(
            ctx(JobKind::Replacement, Some(old.clone())),
            std::slice::from_ref(&new),
        ),
        order(OrderKind::Replacement, Category::C7, day(2026, 2, 25)),
    );
    let list = [
        ("new_device.registration", reg("WMO-7-0004")),
        ("new_device.catalogue_value", num(7450.555)),
        ("old_device.collected", yes(true)),
        ("signoff.signer", signed()),
    ];
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert_eq!(
        done.devices,
        vec![
            DeviceUpdate {
                device_id: new.id,
                changes: DeviceChanges {
                    status: Some(DeviceStatus::InUse),
                    resident: Some(ResidentLink::Resident(RESIDENT)),
                    first_delivered_on: Some(job_day()),
                    last_delivered_on: Some(job_day()),
                    catalogue_value_cents: Some(745_056),
                    ..Default::default()
                }
            },
            DeviceUpdate {
                device_id: old.id,
                changes: DeviceChanges {
                    status: Some(DeviceStatus::InDepot),
                    resident: Some(ResidentLink::Nobody),
                    ..Default::default()
                }
            },
        ]
    );
    assert_eq!(
        entries(&done),
        vec![
            (new.id, LogbookKind::Replacement),
            (old.id, LogbookKind::Replacement)
        ]
    );
    assert!(done.logbook[0].summary.contains("€ 7.450,56"));
    assert!(done.logbook[1]
        .summary
        .starts_with("Vervangen door WMO-7-0004"));
    assert_eq!(
        done.orders,
        vec![OrderUpdate {
            order_id: c.order.as_ref().unwrap().id,
            status: OrderStatus::Completed
        }]
    );
    // Not collected: the old device stays, and the technician is reminded.
    let mut list = list.to_vec();
    list[2] = ("old_device.collected", yes(false));
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert_eq!(done.devices.len(), 1);
    assert_eq!(done.notices.len(), 1);
}

#[test]
fn collection_returns_the_device_to_the_depot() {
    let t = collection_template();
    let dev = wheelchair_manual();
    // Ordered Thursday 12 February: due before the end of Thursday 26 February.
    let c = with_order(
        ctx(JobKind::Collection, Some(dev.clone())),
        order(OrderKind::Collection, Category::C3, day(2026, 2, 12)),
    );
    let list = [
        ("collection.collected", yes(true)),
        ("collection.condition", check(CheckResult::Ok)),
        ("collection.accessories_complete", yes(true)),
    ];
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert_eq!(
        done.devices,
        vec![DeviceUpdate {
            device_id: dev.id,
            changes: DeviceChanges {
                status: Some(DeviceStatus::InDepot),
                resident: Some(ResidentLink::Nobody),
                ..Default::default()
            }
        }]
    );
    assert_eq!(entries(&done), vec![(dev.id, LogbookKind::Collection)]);
    assert_eq!(
        done.logbook[0].summary,
        "Ingenomen bij Jan van der Berg; staat in orde; toebehoren compleet"
    );
    assert_eq!(done.orders.len(), 1);
    assert_eq!(done.orders[0].status, OrderStatus::Completed);
    assert_eq!(done.notices.len(), 1, "late");
    assert!(done.notices[0].en.contains("the end of Thu 26 Feb"));
    // In time: no notice.
    let on_time = with_order(
        ctx(JobKind::Collection, Some(dev.clone())),
        order(OrderKind::Collection, Category::C3, day(2026, 2, 20)),
    );
    let done = complete(&t, &draft(&t, &on_time, &list), &on_time, &cal(), now()).unwrap();
    assert!(done.notices.is_empty());
    // Not collected: nothing changes, the order stays open.
    let done = complete(
        &t,
        &draft(&t, &c, &[("collection.collected", yes(false))]),
        &c,
        &cal(),
        now(),
    )
    .unwrap();
    assert!(done.devices.is_empty() && done.orders.is_empty() && done.logbook.is_empty());
}

#[test]
fn loan_device_pickup_and_placement() {
    let t = loan_template();
    let mut loan = device(7, "WMO-7-0007", Category::C7, DeviceStatus::OnLoan);
    loan.resident_id = Some(RESIDENT);
    let c = with_known(
        ctx(JobKind::LoanDevice, None),
        &[loan.clone(), depot_chair()],
    );
    let done = complete(
        &t,
        &draft(
            &t,
            &c,
            &[
                ("loan.action", ch("pickup")),
                ("loan.registration", reg("WMO-7-0007")),
            ],
        ),
        &c,
        &cal(),
        now(),
    )
    .unwrap();
    assert_eq!(
        done.devices,
        vec![DeviceUpdate {
            device_id: loan.id,
            changes: DeviceChanges {
                status: Some(DeviceStatus::InDepot),
                resident: Some(ResidentLink::Nobody),
                ..Default::default()
            }
        }]
    );
    assert_eq!(entries(&done), vec![(loan.id, LogbookKind::LoanReturned)]);
    assert_eq!(
        done.logbook[0].summary,
        "Leenmiddel opgehaald bij Jan van der Berg"
    );

    let done = complete(
        &t,
        &draft(
            &t,
            &c,
            &[
                ("loan.action", ch("place")),
                ("loan.registration", reg("WMO-7-0004")),
                ("loan.options_moved", txt("Hoofdsteun")),
            ],
        ),
        &c,
        &cal(),
        now(),
    )
    .unwrap();
    let ch = changes_of(&done, depot_chair().id);
    assert_eq!(ch.status, Some(DeviceStatus::OnLoan));
    assert_eq!(ch.resident, Some(ResidentLink::Resident(RESIDENT)));
    assert_eq!(ch.last_delivered_on, Some(job_day()));
    assert_eq!(
        entries(&done),
        vec![(depot_chair().id, LogbookKind::LoanPlaced)]
    );
}

// --- warnings and not-home ----------------------------------------------------------------

#[test]
fn warnings_during_the_job() {
    // Fitting without a delivery date.
    let t = fitting_template();
    let c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let w = warnings(&t, &BTreeMap::new(), &c, &cal(), now());
    assert_eq!(
        w,
        vec![veldwerk_core::Localized::new(
            "Plan de leverdatum met de inwoner vóór einde di 3 mrt.",
            "The delivery date must be planned with the resident before the end of Tue 3 Mar."
        )]
    );
    let a = answers(&[("delivery.agreed_date", date(day(2026, 3, 10)))]);
    assert!(warnings(&t, &a, &c, &cal(), now()).is_empty());
    let a = answers(&[("conclusion.category", cat(Category::C7))]);
    let w = warnings(&t, &a, &c, &cal(), now());
    assert_eq!(w.len(), 1);
    assert!(w[0].en.contains("3 → 7"));

    // Repair class B reported 08:15 local: on site before 11:15, fixed before the day ends.
    let t = repair_template();
    let c = repair_ctx(ResponseClass::B, true);
    let w = warnings(&t, &BTreeMap::new(), &c, &cal(), now());
    assert_eq!(
        w.iter().map(|x| x.en.as_str()).collect::<Vec<_>>(),
        vec![
            "Class B: on site before Mon 2 Mar 11:15 — 45 min left",
            "Class B: fixed before the end of Mon 2 Mar",
        ]
    );
    assert_eq!(
        w[0].nl,
        "Klasse B: ter plaatse vóór ma 2 mrt 11:15 — nog 45 min"
    );
    // Arrived, not fixed, no loan device: the loan-device deadline (unsafe: 1 working day).
    let a = answers(&[
        ("arrival.arrived_at", at("2026-03-02T09:00:00Z")),
        ("resolution.fixed_on_site", yes(false)),
        ("resolution.loan_placed", yes(false)),
        ("diagnosis.drive_related", yes(true)),
    ]);
    let mut c3 = c.clone();
    c3.drive_repairs_previous_year = 3;
    let w = warnings(&t, &a, &c3, &cal(), utc("2026-03-02T23:30:00Z"));
    let en: Vec<&str> = w.iter().map(|x| x.en.as_str()).collect();
    assert_eq!(
        en[0],
        "Class B: fixed before the end of Mon 2 Mar — overdue"
    );
    assert!(en[1].contains("before the end of Tue 3 Mar"), "{en:?}");
    assert!(en[2].contains("must be replaced"), "{en:?}");
    assert_eq!(en.len(), 3);

    // Collection: due by the end of the 10th working day after the order.
    let t = collection_template();
    let c = with_order(
        ctx(JobKind::Collection, Some(wheelchair_manual())),
        order(OrderKind::Collection, Category::C3, day(2026, 2, 20)),
    );
    let w = warnings(&t, &BTreeMap::new(), &c, &cal(), now());
    assert_eq!(w[0].en, "Collection due before the end of Fri 6 Mar");
    assert_eq!(w[0].nl, "Inname vóór einde vr 6 mrt");

    // Adjustment: the device taken must be back within 2 working days.
    let t = adjustment_template();
    let c = ctx(JobKind::Adjustment, Some(wheelchair_e()));
    let a = answers(&[("work.device_taken", yes(true))]);
    let w = warnings(&t, &a, &c, &cal(), now());
    assert_eq!(
        w[0].en,
        "Device taken: back with the resident before the end of Wed 4 Mar."
    );
}

#[test]
fn not_home_reports() {
    let c = ctx(JobKind::Repair, Some(wheelchair_e()));
    let proposal =
        TimeWindow::new(utc("2026-03-03T08:00:00Z"), utc("2026-03-03T10:00:00Z")).unwrap();
    let r = not_home(
        JobReportId::new_v7(),
        &c,
        vec![c.job.id],
        NotHomeReason::NotHome,
        "  Niemand thuis, kaartje achtergelaten.  ".into(),
        Some(proposal),
        now(),
    )
    .unwrap();
    assert_eq!(r.note, "Niemand thuis, kaartje achtergelaten.");
    assert_eq!(r.tell_resident_via, CommunicationPreference::Post);
    assert_eq!(
        (r.appointment_id, r.resident_id),
        (c.appointment.id, RESIDENT)
    );
    assert_eq!(r.jobs, vec![c.job.id]);
    assert_eq!(r.proposal, Some(proposal));
    assert_eq!((r.created_at, r.author.as_str()), (now(), "Piet Monteur"));
    // Too long a note, a proposal in the past.
    assert_eq!(
        not_home(
            JobReportId::new_v7(),
            &c,
            vec![],
            NotHomeReason::Refused,
            "x".repeat(2001),
            None,
            now()
        )
        .unwrap_err(),
        veldwerk_core::ValidationError::TooLong {
            field: "note",
            max: 2000
        }
    );
    assert!(not_home(
        JobReportId::new_v7(),
        &c,
        vec![],
        NotHomeReason::Refused,
        "x".repeat(2000),
        None,
        now()
    )
    .is_ok());
    let past = TimeWindow::new(utc("2026-03-02T08:00:00Z"), utc("2026-03-02T09:00:00Z")).unwrap();
    assert!(not_home(
        JobReportId::new_v7(),
        &c,
        vec![],
        NotHomeReason::CannotProceed,
        String::new(),
        Some(past),
        now()
    )
    .is_err());
}

// --- the shipped templates ------------------------------------------------------------------

fn shipped(id: &str) -> Template {
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
fn generic_answer(item: &Item, c: &JobContext) -> Answer {
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
        Input::Text { max_chars, .. } => txt(&format!("tekst {}", item.id)
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
fn fill(
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

#[test]
fn shipped_templates_run_through_the_rules() {
    let mut scooter = device(10, "WMO-8A-0010", Category::C8a, DeviceStatus::InUse);
    scooter.reconditioned = true;
    let mut hoist_c = ctx(JobKind::HoistInspection, Some(hoist()));
    hoist_c.slings = vec![
        sling(1, "TB-1", SlingStatus::InUse),
        sling(2, "TB-2", SlingStatus::InUse),
    ];
    let mut repair_c = repair_ctx(ResponseClass::B, true);
    repair_c.devices_by_registration.remove("WMO-3-0002");
    let fitting_c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C7, day(2026, 2, 20)),
    );
    let cases = [
        (
            "pm-electric-drive",
            ctx(JobKind::PreventiveMaintenance, Some(wheelchair_e())),
        ),
        (
            "pm-scooter",
            ctx(JobKind::PreventiveMaintenance, Some(scooter)),
        ),
        ("hoist-inspection", hoist_c),
        ("repair", repair_c),
        ("fitting", fitting_c),
    ];
    for (id, c) in cases {
        let t = shipped(id);
        assert_eq!(t.job_kind, c.job.kind, "{id}");
        for all in [false, true] {
            let a = fill(&t, &c, BTreeMap::new(), all);
            assert_eq!(missing(&t, &a, &c), vec![], "{id} (all: {all})");
            let mut d = draft(&t, &c, &[]);
            d.answers = a.clone();
            let done = complete(&t, &d, &c, &cal(), now())
                .unwrap_or_else(|e| panic!("{id} (all: {all}): {e:?}"));
            assert_eq!(done.report.answers, applicable_answers(&t, &a, &c));
            assert_eq!(done.report.template_id, id);
            // Every progress step is complete.
            assert!(progress(&t, &a, &c).iter().all(|p| p.required_missing == 0));
            match c.job.kind {
                JobKind::PreventiveMaintenance => {
                    let dev = c.device.as_ref().unwrap();
                    let ch = changes_of(&done, dev.id);
                    assert_eq!(ch.next_maintenance_due, Some(day(2027, 3, 2)), "{id}");
                    assert!(ch.battery_capacity_pct.is_some(), "{id}: battery read");
                    assert_eq!(
                        entries(&done),
                        vec![
                            (dev.id, LogbookKind::PreventiveMaintenance),
                            (dev.id, LogbookKind::UsageCheck)
                        ]
                    );
                }
                JobKind::HoistInspection => {
                    assert_eq!(done.slings.len(), 2, "one update per sling");
                    assert_eq!(done.logbook.len(), 3);
                    assert_eq!(
                        changes_of(&done, hoist().id).next_inspection_due,
                        Some(day(2027, 3, 2))
                    );
                }
                JobKind::Repair => {
                    let m = done.malfunction.as_ref().unwrap();
                    // yes everywhere: fixed on site
                    assert_eq!(m.status, Some(MalfunctionStatus::Resolved));
                    assert!(m.arrived_at.is_some() && m.resolved_at.is_some());
                }
                JobKind::Fitting => {
                    assert!(done.deviation.is_none());
                    assert!(done.logbook.is_empty());
                }
                _ => unreachable!(),
            }
        }
    }
    // The repair's loan path and the fitting's deviation path with the shipped templates.
    let t = shipped("repair");
    let c = repair_ctx(ResponseClass::B, true);
    let start = answers(&[
        ("resolution.fixed_on_site", yes(false)),
        ("resolution.loan_placed", yes(true)),
    ]);
    let a = fill(&t, &c, start.clone(), false);
    assert_eq!(
        keys(&missing(&t, &a, &c)),
        vec!["resolution.loan_registration"],
        "the generic registration is a device in use"
    );
    let mut start = start;
    start.insert("resolution.loan_registration".into(), reg("WMO-7-0004"));
    let a = fill(&t, &c, start, false);
    assert_eq!(missing(&t, &a, &c), vec![]);
    let mut d = draft(&t, &c, &[]);
    d.answers = a;
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    assert_eq!(
        changes_of(&done, depot_chair().id).status,
        Some(DeviceStatus::OnLoan)
    );
    assert_eq!(
        changes_of(&done, wheelchair_e().id).status,
        Some(DeviceStatus::AwaitingRepair)
    );
    assert_eq!(done.logbook.len(), 3);

    let t = shipped("fitting");
    let c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let start = answers(&[("conclusion.category", cat(Category::C7))]);
    let a = fill(&t, &c, start, false);
    assert_eq!(missing(&t, &a, &c), vec![]);
    let mut d = draft(&t, &c, &[]);
    d.answers = a;
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let dev = done.deviation.unwrap();
    assert_eq!((dev.ordered, dev.proposed), (Category::C3, Category::C7));
    assert!(!dev.motivation.is_empty());
}

/// Findings of a review: answers that would write wrong data are problems before completion.
#[test]
fn a_replacement_never_takes_another_residents_device() {
    let t = replacement_template();
    let mut taken = depot_chair();
    taken.status = DeviceStatus::InUse;
    taken.resident_id = Some(OTHER_RESIDENT);
    let c = with_known(
        ctx(JobKind::Replacement, Some(wheelchair_e())),
        std::slice::from_ref(&taken),
    );
    let list = [
        ("new_device.registration", reg(&taken.registration_number)),
        ("new_device.catalogue_value", num(7450.0)),
        ("old_device.collected", yes(true)),
        ("signoff.signer", signed()),
    ];
    let m = missing(&t, &answers(&list), &c);
    let problem = m
        .iter()
        .find(|x| x.key == "new_device.registration")
        .and_then(|x| x.problem.clone())
        .expect("a device with another resident is a problem");
    assert!(problem.nl.contains("depot"), "{problem:?}");
    assert!(complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).is_err());
}

#[test]
fn resolved_before_arrival_is_a_problem_and_the_first_arrival_counts() {
    let t = repair_template();
    let c = repair_ctx(ResponseClass::B, false);
    let bad = answers(&[
        ("arrival.arrived_at", at("2026-03-02T10:00:00Z")),
        ("resolution.fixed_on_site", yes(true)),
        ("resolution.resolved_at", at("2026-03-02T09:00:00Z")),
    ]);
    let m = missing(&t, &bad, &c);
    assert!(
        m.iter()
            .any(|x| x.key == "resolution.resolved_at" && x.problem.is_some()),
        "{m:?}"
    );
    // a second visit for the same malfunction keeps the first arrival
    let mut again = c.clone();
    if let Some(m) = again.malfunction.as_mut() {
        m.arrived_at = Some(utc("2026-03-02T08:40:00Z"));
    }
    let first = again.malfunction.as_ref().and_then(|m| m.arrived_at);
    let list: Vec<(&str, Answer)> = repair_fixed_answers();
    if let Ok(done) = complete(&t, &draft(&t, &again, &list), &again, &cal(), now()) {
        assert_eq!(done.malfunction.unwrap().arrived_at, first);
    } else {
        panic!("the repair completes");
    }
}

fn repair_fixed_answers() -> Vec<(&'static str, Answer)> {
    let t = repair_template();
    let mut list = vec![
        ("arrival.arrived_at", at("2026-03-02T09:30:00Z")),
        ("diagnosis.fault", txt("Rem slaat niet aan")),
        ("diagnosis.cause", ch("wear")),
        ("diagnosis.drive_related", yes(false)),
        ("resolution.fixed_on_site", yes(true)),
        ("resolution.work_done", txt("Remkabel vervangen")),
        ("resolution.resolved_at", at("2026-03-02T10:15:00Z")),
        ("resolution.labour_minutes", num(45.0)),
        ("signoff.signer", signed()),
    ];
    // keep only the items the test template has
    list.retain(|(k, _)| t.item(k).is_some());
    list
}

#[test]
fn a_hoist_with_a_check_out_of_use_cannot_be_approved() {
    let t = hoist_template();
    let c = hoist_ctx();
    let mut list = hoist_answers("approved", "approved", "approved");
    let check_key = list
        .iter()
        .find(|(k, a)| !k.starts_with("sling[") && matches!(a, Answer::Check { .. }))
        .map(|(k, _)| k.clone())
        .expect("the hoist template has checks");
    for (k, a) in list.iter_mut() {
        if *k == check_key {
            *a = check(CheckResult::OutOfUse);
        }
    }
    let d = hoist_draft(&t, &c, list.clone());
    let m = missing(&t, &d.answers, &c);
    assert!(
        m.iter()
            .any(|x| x.key == "outcome.result" && x.problem.is_some()),
        "{m:?}"
    );
    assert!(complete(&t, &d, &c, &cal(), now()).is_err());
    // rejected is consistent with a check out of use
    for (k, a) in list.iter_mut() {
        if k == "outcome.result" {
            *a = ch("rejected");
        }
    }
    let d = hoist_draft(&t, &c, list);
    assert!(!missing(&t, &d.answers, &c)
        .iter()
        .any(|x| x.key == "outcome.result" && x.problem.is_some()));
}

#[test]
fn a_moment_must_lie_on_the_job_day() {
    let t = repair_template();
    let (_, item) = t.item("arrival.arrived_at").unwrap();
    let ok = validate(
        "arrival.arrived_at",
        item,
        at("2026-03-02T09:00:00Z"),
        job_day(),
    );
    assert!(ok.is_ok(), "{ok:?}");
    for wrong in [
        "2031-03-02T09:00:00Z",
        "1999-03-02T09:00:00Z",
        "2026-03-05T09:00:00Z",
    ] {
        let r = validate("arrival.arrived_at", item, at(wrong), job_day());
        assert!(
            matches!(r, Err(AnswerError::DateOutOfRange { .. })),
            "{wrong}: {r:?}"
        );
    }
}
