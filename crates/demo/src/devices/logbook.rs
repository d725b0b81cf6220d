//! What each entry of a device's history says, in Dutch and English: the headline and the
//! details (see [`crate::entries`]).

use crate::catalog::{self, Fault};
use crate::entries::{class_letter, fault_head, headline, part_names, SignOff, Used, Words};
use chrono::NaiveDate;
use serde_json::json;
use veldwerk_core::category::MaintenanceGroup;
use veldwerk_core::model::{Device, SignalKind, Sling};
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Localized;

/// An entry's headline and details.
pub(super) type Said = (Localized, Words);

/// Adjustments made after delivery: (Dutch, English).
pub(super) const ADJUSTMENTS: &[(&str, &str)] = &[
    (
        "armleuningen in hoogte aangepast",
        "armrest height adjusted",
    ),
    (
        "zitkussen vervangen door antidecubituskussen",
        "seat cushion replaced by a pressure-relief cushion",
    ),
    ("hoofdsteun gemonteerd", "headrest fitted"),
    ("voetsteunen ingekort", "footrests shortened"),
    ("rugleuning hoek aangepast", "backrest angle adjusted"),
    ("extra handgreep gemonteerd", "extra handle fitted"),
    (
        "snelheid begrensd op verzoek van mantelzorger",
        "speed limited at the caregiver's request",
    ),
    (
        "joystick verplaatst naar de andere zijde",
        "joystick moved to the other side",
    ),
];

/// A signal to the municipality: what was seen (Dutch, English), its kind, and whether it
/// only fits an electric device.
pub(super) struct Seen {
    pub nl: &'static str,
    pub en: &'static str,
    pub kind: SignalKind,
    pub electric: bool,
}

const fn seen(nl: &'static str, en: &'static str, kind: SignalKind, electric: bool) -> Seen {
    Seen {
        nl,
        en,
        kind,
        electric,
    }
}

pub(super) const SIGNALS: &[Seen] = &[
    seen(
        "hulpmiddel wordt nauwelijks gebruikt",
        "the device is hardly used",
        SignalKind::NotUsed,
        false,
    ),
    seen(
        "hulpmiddel staat buiten zonder afdekking",
        "the device is kept outdoors uncovered",
        SignalKind::ImproperUse,
        false,
    ),
    seen(
        "accu wordt in de slaapkamer geladen; brandveiligheid besproken",
        "the battery is charged in the bedroom; fire safety discussed",
        SignalKind::UnsafeSituation,
        true,
    ),
    seen(
        "inwoner kan de bediening niet meer goed aan",
        "the resident can no longer work the controls properly",
        SignalKind::NoLongerAdequate,
        false,
    ),
    seen(
        "drempels in huis leveren valgevaar op",
        "thresholds in the home are a fall risk",
        SignalKind::UnsafeSituation,
        false,
    ),
    seen(
        "hulpmiddel past niet meer goed bij de beperking",
        "the device no longer suits the disability well",
        SignalKind::NoLongerAdequate,
        false,
    ),
];

/// Remarks at an approved hoist inspection: (Dutch, English).
pub(super) const REMARKS: &[(&str, &str)] = &[
    (
        "wielen licht versleten, bij de volgende keuring opnieuw beoordelen",
        "wheels slightly worn, to be reassessed at the next inspection",
    ),
    (
        "label met maximale belasting slecht leesbaar, nieuw label aangebracht",
        "safe working load label hard to read, a new label applied",
    ),
    (
        "accu nadert het einde van de levensduur",
        "battery nearing the end of its life",
    ),
];

/// Likely causes of damage by improper use: (Dutch, English).
pub(super) const CAUSES: &[(&str, &str)] = &[
    ("aanrijding met een deurpost", "collision with a door frame"),
    (
        "omgevallen bij het instappen",
        "tipped over when getting in",
    ),
    (
        "met hoge snelheid tegen een stoeprand",
        "hit a kerb at speed",
    ),
];

pub(super) fn registered(d: &Device) -> Said {
    let (code, name) = (d.category.code(), d.category.name());
    (
        headline(
            format!(
                "Geregistreerd: {} {}, categorie {code} ({})",
                d.brand, d.model, name.nl
            ),
            format!(
                "Registered: {} {}, category {code} ({})",
                d.brand, d.model, name.en
            ),
        ),
        Words::new()
            .fact("category", json!(code))
            .fact("registration_number", json!(d.registration_number))
            .fact("serial_number", json!(d.serial_number))
            .fact("catalogue_value_cents", json!(d.catalogue_value_cents))
            .fact("accessories_value_cents", json!(d.accessories_value_cents)),
    )
}

pub(super) fn collected_for_revision() -> Said {
    (
        headline(
            "Ingenomen bij de vorige gebruiker en naar het depot gebracht",
            "Collected from the previous user and taken to the depot",
        ),
        Words::new().fact("reason", json!("order_ended")),
    )
}

pub(super) fn reconditioned(battery_pct: Option<u8>) -> Said {
    let summary = match battery_pct {
        Some(p) => headline(
            format!("Gereviseerd: gereinigd, gecontroleerd, accu getest ({p}%)"),
            format!("Reconditioned: cleaned, checked, battery tested ({p}%)"),
        ),
        None => headline(
            "Gereviseerd: gereinigd, gecontroleerd en functioneel getest",
            "Reconditioned: cleaned, checked and tested for function",
        ),
    };
    (
        summary,
        Words::new()
            .fact("reconditioned", json!(true))
            .fact("battery_capacity_pct", json!(battery_pct)),
    )
}

pub(super) fn delivered(lesson: bool, by: Option<&SignOff>) -> Said {
    let summary = if lesson {
        headline(
            "Geleverd en uitgelegd, rijles gegeven, gebruikersovereenkomst getekend",
            "Delivered and explained, driving lesson given, user agreement signed",
        )
    } else {
        headline(
            "Geleverd en uitgelegd, gebruikersovereenkomst getekend",
            "Delivered and explained, user agreement signed",
        )
    };
    (
        summary,
        Words::new()
            .fact_said(
                "user_agreement",
                json!("signed"),
                ("Gebruikersovereenkomst", "User agreement"),
                Localized::new("getekend", "signed"),
            )
            .fact_said(
                "instruction_given",
                json!(true),
                ("Uitleg gegeven", "Instruction given"),
                Localized::new("ja", "yes"),
            )
            .fact("driving_lesson", json!(lesson))
            .fact("manual_handed_over", json!(true))
            .sign_off(by),
    )
}

pub(super) fn adjusted(what: &(&str, &str), minutes: i64) -> Said {
    (
        headline(
            format!("Aanpassing: {}", what.0),
            format!("Adjustment: {}", what.1),
        ),
        Words::new()
            .fact_said(
                "adjustment",
                json!(what.0),
                ("Aanpassing", "Adjustment"),
                Localized::new(what.0, what.1),
            )
            .fact("labour_minutes", json!(minutes)),
    )
}

/// A hoist's inspection as the logbook keeps it.
pub(super) struct Inspection<'a> {
    pub first: bool,
    pub remark: Option<&'a (&'a str, &'a str)>,
    pub swl_kg: Option<u16>,
    pub labour_minutes: i64,
    pub parts: &'a [Used],
    pub certificate: String,
    pub next: NaiveDate,
    /// The slings inspected with it (in the compact history; the full history gives each
    /// sling its own entry): (sling, rejected).
    pub slings: Vec<(&'a Sling, bool)>,
    pub by: Option<&'a SignOff>,
}

pub(super) fn hoist_inspected(i: &Inspection<'_>) -> Said {
    let summary = if i.remark.is_some() {
        headline(
            "Jaarlijkse keuring tillift: goedgekeurd met opmerkingen",
            "Annual hoist inspection: approved with remarks",
        )
    } else {
        headline(
            "Jaarlijkse keuring tillift: goedgekeurd",
            "Annual hoist inspection: approved",
        )
    };
    let slings: Vec<_> = i
        .slings
        .iter()
        .map(|(s, rejected)| {
            json!({"sling_number": s.sling_number,
                   "outcome": if *rejected { "rejected" } else { "approved" }})
        })
        .collect();
    let mut w = Words::new()
        .fact(
            "inspection_kind",
            json!(if i.first { "first" } else { "periodic" }),
        )
        .fact("standard", json!("nen_en_iso_10535"))
        .fact("protocol", json!("Stigah"))
        .fact(
            "outcome",
            json!(if i.remark.is_some() {
                "approved_with_remarks"
            } else {
                "approved"
            }),
        );
    if let Some((nl, en)) = i.remark {
        w = w.fact_said(
            "remarks",
            json!(nl),
            ("Opmerkingen", "Remarks"),
            Localized::new(*nl, *en),
        );
    }
    let w = w
        .fact("swl_kg", json!(i.swl_kg))
        .fact("load_test_kg", json!(i.swl_kg))
        .fact("emergency_lowering_ok", json!(true))
        .fact("labour_minutes", json!(i.labour_minutes))
        .parts(i.parts)
        .fact("inspector_certificate", json!(i.certificate))
        .fact("next_inspection", json!(i.next.to_string()));
    let w = if slings.is_empty() {
        w
    } else {
        w.fact("slings", json!(slings))
    };
    (summary, w.sign_off(i.by))
}

pub(super) fn sling_inspected(s: &Sling, rejected: bool) -> Said {
    let n = &s.sling_number;
    let summary = if rejected {
        headline(
            format!("Keuring tilband {n}: afgekeurd (naad los), ingenomen"),
            format!("Sling {n} inspected: rejected (seam torn), withdrawn"),
        )
    } else {
        headline(
            format!("Keuring tilband {n}: goedgekeurd"),
            format!("Sling {n} inspected: approved"),
        )
    };
    let mut w = Words::new()
        .fact("sling_number", json!(n))
        .fact("size", json!(s.size))
        .fact("swl_kg", json!(s.swl_kg))
        .fact(
            "outcome",
            json!(if rejected { "rejected" } else { "approved" }),
        );
    if rejected {
        w = w.fact_said(
            "remarks",
            json!("naad los"),
            ("Opmerkingen", "Remarks"),
            Localized::new("naad los", "seam torn"),
        );
    }
    (summary, w)
}

/// A preventive maintenance as the logbook keeps it.
pub(super) struct Maintenance<'a> {
    pub group: MaintenanceGroup,
    pub labour_minutes: i64,
    pub parts: &'a [Used],
    pub by: Option<&'a SignOff>,
    pub next_due: NaiveDate,
    pub odometer_km: Option<i64>,
    /// Capacity (%) and open-circuit voltage of the battery tested.
    pub battery: Option<(Option<u8>, f64)>,
}

pub(super) fn maintained(m: &Maintenance<'_>) -> Said {
    let summary = if m.parts.is_empty() {
        headline(
            "Preventief onderhoud uitgevoerd, geen bijzonderheden",
            "Preventive maintenance carried out, nothing to report",
        )
    } else {
        let names = part_names(m.parts);
        headline(
            format!("Preventief onderhoud uitgevoerd; vervangen: {}", names.nl),
            format!("Preventive maintenance carried out; replaced: {}", names.en),
        )
    };
    let mut w = Words::new()
        .fact("checklist", json!(catalog::checklist(m.group)))
        .fact("result", json!("ok"))
        .fact("labour_minutes", json!(m.labour_minutes))
        .parts(m.parts)
        .sign_off(m.by)
        .fact("next_due", json!(m.next_due.to_string()))
        .fact("odometer_km", json!(m.odometer_km));
    if let Some((pct, volts)) = m.battery {
        w = w
            .fact("battery_capacity_pct", json!(pct))
            .fact("open_circuit_voltage", json!(volts));
    }
    (summary, w)
}

pub(super) fn usage_checked(adequate: bool) -> Said {
    let summary = if adequate {
        headline(
            "Toetsing gebruiksfunctionaliteit: inwoner gebruikt het hulpmiddel veilig en adequaat",
            "Usage check: the resident uses the device safely and adequately",
        )
    } else {
        headline(
            "Toetsing gebruiksfunctionaliteit: aanvullende instructie gegeven over de bediening",
            "Usage check: further instruction given on the controls",
        )
    };
    (
        summary,
        Words::new()
            .fact("safe_use", json!(true))
            .fact("adequate", json!(adequate))
            .fact("instruction_given", json!(!adequate)),
    )
}

/// A repair as the logbook keeps it.
pub(super) struct Repair<'a> {
    pub class: ResponseClass,
    pub fault: &'a Fault,
    pub parts: &'a [Used],
    pub labour_minutes: i64,
    pub on_site: bool,
    pub by: Option<&'a SignOff>,
}

pub(super) fn repaired(x: &Repair<'_>) -> Said {
    let what = fault_head(x.fault);
    let summary = if x.parts.is_empty() {
        headline(
            format!(
                "Reparatie: {}; afgesteld, geen onderdelen vervangen",
                what.nl
            ),
            format!("Repair: {}; adjusted, no parts replaced", what.en),
        )
    } else {
        let names = part_names(x.parts);
        headline(
            format!("Reparatie: {}; vervangen: {}", what.nl, names.nl),
            format!("Repair: {}; replaced: {}", what.en, names.en),
        )
    };
    (
        summary,
        Words::new()
            .fact("class", json!(class_letter(x.class)))
            .fact_said(
                "fault",
                json!(x.fault.text),
                ("Storing", "Fault"),
                Localized::new(x.fault.text, x.fault.text_en),
            )
            .parts(x.parts)
            .fact("labour_minutes", json!(x.labour_minutes))
            .fact("on_site", json!(x.on_site))
            .sign_off(x.by),
    )
}

pub(super) fn loan_placed() -> Said {
    (
        headline(
            "Leenmiddel geplaatst: reparatie kon niet ter plaatse",
            "Loan device placed: the repair could not be done on site",
        ),
        Words::new().fact("reason", json!("repair_not_on_site")),
    )
}

pub(super) fn loan_returned() -> Said {
    (
        headline(
            "Leenmiddel retour, eigen hulpmiddel teruggeplaatst",
            "Loan device returned, own device put back",
        ),
        Words::new().fact("action", json!("pickup")),
    )
}

pub(super) fn damage(photos: i64, cause: &(&str, &str)) -> Said {
    (
        headline(
            "Schade door vermoedelijk onjuist gebruik gemeld aan de gemeente",
            "Damage from suspected improper use reported to the municipality",
        ),
        Words::new().fact("photos", json!(photos)).fact_said(
            "likely_cause",
            json!(cause.0),
            ("Vermoedelijke oorzaak", "Likely cause"),
            Localized::new(cause.0, cause.1),
        ),
    )
}

pub(super) fn signalled(s: &Seen) -> Said {
    (
        headline(
            format!("Signaal aan de gemeente: {}", s.nl),
            format!("Signal to the municipality: {}", s.en),
        ),
        Words::new()
            .fact("signal", json!(s.kind))
            .fact_said(
                "description",
                json!(s.nl),
                ("Omschrijving", "Description"),
                Localized::new(s.nl, s.en),
            )
            .fact("urgent", json!(s.kind.always_urgent())),
    )
}
