//! Details by code, put in words: the one dictionary of the keys an entry's data may hold,
//! with what each is called and how its value reads. Used when an entry is written (with the
//! form at hand, so answer keys read as their items' labels) and for entries written before
//! details carried words (without it).

use super::DetailLine;
use crate::model::{signal_kind_name, SignalKind};
use crate::words;
use crate::{Category, Localized};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

/// How an item key ("step.item") or a form id reads, when the form is at hand.
pub trait Namer {
    /// The label of an answer key, in both languages.
    fn item(&self, key: &str) -> Option<Localized>;
    /// The name of a form "id@version".
    fn form(&self, id_version: &str) -> Option<Localized>;
}

/// Without a form: keys are made readable.
pub struct NoForm;

impl Namer for NoForm {
    fn item(&self, _: &str) -> Option<Localized> {
        None
    }
    fn form(&self, _: &str) -> Option<Localized> {
        None
    }
}

#[derive(Clone, Copy)]
enum How {
    Text,
    Date,
    Moment,
    Cents,
    Minutes,
    Count,
    YesNo,
    Category,
    Unit(&'static str, &'static str),
    Code(&'static [(&'static str, &'static str, &'static str)]),
    Signal,
    SignOff,
    Parts,
    Checks,
    Measurements,
    Slings,
    Form,
    Group,
    Skip,
}

const RESULTS: &[(&str, &str, &str)] = &[
    ("ok", "in orde", "OK"),
    ("repaired", "ter plaatse hersteld", "repaired on site"),
    (
        "defect_fix_by",
        "defect, later te herstellen",
        "defect, to be fixed later",
    ),
    (
        "out_of_use",
        "defect, buiten gebruik",
        "defect, taken out of use",
    ),
    ("not_applicable", "niet van toepassing", "not applicable"),
];
const ROLES: &[(&str, &str, &str)] = &[
    ("resident", "inwoner", "resident"),
    ("caregiver", "mantelzorger/verzorger", "caregiver"),
    ("representative", "vertegenwoordiger", "representative"),
    ("technician", "monteur", "technician"),
];
const OUTCOMES: &[(&str, &str, &str)] = &[
    ("approved", "goedgekeurd", "approved"),
    (
        "approved_with_remarks",
        "goedgekeurd met opmerkingen",
        "approved with remarks",
    ),
    (
        "rejected",
        "afgekeurd, buiten gebruik",
        "rejected, out of use",
    ),
];
const REASONS: &[(&str, &str, &str)] = &[
    ("order_ended", "de opdracht is beëindigd", "the order ended"),
    (
        "repair_not_on_site",
        "reparatie niet ter plaatse",
        "repair not on site",
    ),
    ("not_home", "niemand thuis", "nobody home"),
    ("refused", "geweigerd", "refused"),
    ("cannot_proceed", "kon niet doorgaan", "could not go ahead"),
    ("replacement", "vervanging", "replacement"),
    ("adjustment", "aanpassing", "adjustment"),
];
const CLASSES: &[(&str, &str, &str)] = &[
    (
        "A",
        "klasse A (veilig gebruik mogelijk)",
        "class A (safe use possible)",
    ),
    (
        "B",
        "klasse B (veilig gebruik niet mogelijk)",
        "class B (safe use not possible)",
    ),
    (
        "C",
        "klasse C (sterk afhankelijk of gestrand)",
        "class C (highly dependent or stranded)",
    ),
];
const PEOPLE: &[(&str, &str, &str)] = &[
    ("resident", "inwoner", "resident"),
    ("inwoner", "inwoner", "resident"),
    ("caregiver", "mantelzorger", "caregiver"),
    ("municipality", "gemeente", "municipality"),
    ("technician", "monteur", "technician"),
    ("ter plaatse", "ter plaatse", "on site"),
    ("phone", "telefoon", "phone"),
    ("telefoon", "telefoon", "phone"),
    ("email", "e-mail", "e-mail"),
    ("portal", "portaal", "portal"),
];
const INSPECTION: &[(&str, &str, &str)] = &[
    ("first", "eerste keuring", "first inspection"),
    ("periodic", "periodieke keuring", "periodic inspection"),
    (
        "after_repair",
        "keuring na reparatie",
        "inspection after repair",
    ),
    (
        "exceptional",
        "bijzondere keuring",
        "exceptional inspection",
    ),
];
const STANDARDS: &[(&str, &str, &str)] = &[
    ("nen_en_iso_10535", "NEN-EN-ISO 10535", "NEN-EN-ISO 10535"),
    ("nen_7506", "NEN 7506", "NEN 7506"),
    ("stigah", "Stigah-protocol", "Stigah protocol"),
];
const ACTIONS: &[(&str, &str, &str)] = &[
    ("place", "geplaatst", "placed"),
    ("pickup", "opgehaald", "picked up"),
];

/// The dictionary: data key, label (nl, en), how the value reads.
const KEYS: &[(&str, &str, &str, How)] = &[
    ("template", "Formulier", "Form", How::Form),
    ("checklist", "Controlelijst", "Checklist", How::Group),
    ("checks_done", "Gecontroleerd", "Checked", How::Count),
    ("checks", "Bevinding", "Finding", How::Checks),
    ("measurements", "Meting", "Measurement", How::Measurements),
    ("parts", "Onderdeel vervangen", "Part replaced", How::Parts),
    ("signoff", "Afgetekend door", "Signed off by", How::SignOff),
    ("sign_off", "Afgetekend door", "Signed off by", How::SignOff),
    ("signed_by", "Getekend door", "Signed by", How::Text),
    ("labour_minutes", "Werktijd", "Time spent", How::Minutes),
    ("usage", "Gebruiksfunctionaliteit", "Usage check", How::Text),
    (
        "functional_check",
        "Gebruiksfunctionaliteit",
        "Usage check",
        How::Text,
    ),
    ("adequate", "Nog adequaat", "Still adequate", How::YesNo),
    ("safe_use", "Veilig gebruik", "Safe use", How::YesNo),
    (
        "instruction_given",
        "Opnieuw instructie gegeven",
        "Instruction given again",
        How::YesNo,
    ),
    (
        "battery_capacity_pct",
        "Accucapaciteit",
        "Battery capacity",
        How::Unit("%", "%"),
    ),
    (
        "capacity_pct",
        "Accucapaciteit",
        "Battery capacity",
        How::Unit("%", "%"),
    ),
    ("reconditioned", "Gereviseerd", "Reconditioned", How::YesNo),
    (
        "open_circuit_voltage",
        "Rustspanning",
        "Open-circuit voltage",
        How::Unit("V", "V"),
    ),
    (
        "odometer_km",
        "Kilometerstand",
        "Odometer",
        How::Unit("km", "km"),
    ),
    (
        "next_due",
        "Volgende onderhoud",
        "Next maintenance",
        How::Date,
    ),
    (
        "next_maintenance_due",
        "Volgende onderhoud",
        "Next maintenance",
        How::Date,
    ),
    (
        "next_inspection",
        "Volgende keuring",
        "Next inspection",
        How::Date,
    ),
    ("outcome", "Uitkomst", "Outcome", How::Code(OUTCOMES)),
    ("result", "Uitkomst", "Result", How::Code(RESULTS)),
    ("condition", "Staat", "Condition", How::Code(RESULTS)),
    (
        "inspection_kind",
        "Soort keuring",
        "Kind of inspection",
        How::Code(INSPECTION),
    ),
    ("kind", "Soort", "Kind", How::Code(INSPECTION)),
    ("standard", "Norm", "Standard", How::Code(STANDARDS)),
    ("protocol", "Protocol", "Protocol", How::Text),
    (
        "inspector_certificate",
        "Certificaat keurmeester",
        "Inspector's certificate",
        How::Text,
    ),
    (
        "instrument_serial",
        "Meetinstrument",
        "Test instrument",
        How::Text,
    ),
    (
        "instrument_calibrated_on",
        "Instrument gekalibreerd op",
        "Instrument calibrated on",
        How::Date,
    ),
    ("sticker", "Keursticker", "Inspection sticker", How::Text),
    ("remarks", "Opmerkingen", "Remarks", How::Text),
    ("fix_by", "Herstellen vóór", "Fix by", How::Date),
    ("slings", "Tilband", "Sling", How::Slings),
    ("sling_number", "Tilband", "Sling", How::Text),
    ("sling_id", "", "", How::Skip),
    (
        "swl_kg",
        "Maximale belasting",
        "Safe working load",
        How::Unit("kg", "kg"),
    ),
    (
        "load_test_kg",
        "Proeflast",
        "Test load",
        How::Unit("kg", "kg"),
    ),
    (
        "load_test",
        "Belastingstest",
        "Load test",
        How::Code(RESULTS),
    ),
    (
        "emergency_lowering_ok",
        "Noodneerlaat werkt",
        "Emergency lowering works",
        How::YesNo,
    ),
    (
        "lifting_height_max",
        "Maximale hefhoogte",
        "Maximum lifting height",
        How::Unit("mm", "mm"),
    ),
    ("size", "Maat", "Size", How::Text),
    (
        "class",
        "Responsklasse",
        "Response class",
        How::Code(CLASSES),
    ),
    ("drive_related", "Aandrijving", "Drive-related", How::YesNo),
    (
        "reported_by",
        "Gemeld door",
        "Reported by",
        How::Code(PEOPLE),
    ),
    ("by", "Door", "By", How::Code(PEOPLE)),
    ("channel", "Gemeld via", "Reported via", How::Code(PEOPLE)),
    ("name", "Naam", "Name", How::Text),
    ("role", "Rol", "Role", How::Code(ROLES)),
    ("description", "Omschrijving", "Description", How::Text),
    ("fault", "Storing", "Fault", How::Text),
    ("cause", "Oorzaak", "Cause", How::Text),
    (
        "likely_cause",
        "Vermoedelijke oorzaak",
        "Likely cause",
        How::Text,
    ),
    ("photos", "Foto's", "Photos", How::Count),
    ("work_done", "Uitgevoerd werk", "Work done", How::Text),
    ("follow_up", "Vervolg", "Follow-up", How::Text),
    (
        "fixed_on_site",
        "Ter plaatse verholpen",
        "Fixed on site",
        How::YesNo,
    ),
    ("arrived_at", "Aankomst", "Arrival", How::Moment),
    ("resolved_at", "Verholpen", "Resolved", How::Moment),
    ("on_site", "Ter plaatse", "On site", How::YesNo),
    ("transported", "Vervoerd", "Transported", How::YesNo),
    (
        "loan_placed",
        "Leenmiddel geplaatst",
        "Loan device placed",
        How::YesNo,
    ),
    ("loan_device", "Leenmiddel", "Loan device", How::Text),
    (
        "options_moved",
        "Opties overgezet",
        "Options moved",
        How::Text,
    ),
    ("for_device", "Voor hulpmiddel", "For device", How::Text),
    ("action", "Actie", "Action", How::Code(ACTIONS)),
    (
        "device_taken",
        "Hulpmiddel meegenomen",
        "Device taken",
        How::YesNo,
    ),
    ("return_date", "Terug op", "Back on", How::Date),
    ("adjustment", "Aanpassing", "Adjustment", How::Text),
    ("new_device", "Nieuw hulpmiddel", "New device", How::Text),
    ("old_device", "Oud hulpmiddel", "Old device", How::Text),
    (
        "registration",
        "Registratienummer",
        "Registration number",
        How::Text,
    ),
    (
        "registration_number",
        "Registratienummer",
        "Registration number",
        How::Text,
    ),
    ("serial_number", "Serienummer", "Serial number", How::Text),
    ("order_number", "Nadere opdracht", "Order", How::Text),
    (
        "catalogue_value_cents",
        "Catalogusprijs",
        "Catalogue price",
        How::Cents,
    ),
    (
        "accessories_value_cents",
        "Catalogusprijs toebehoren",
        "Accessories catalogue price",
        How::Cents,
    ),
    ("category", "Categorie", "Category", How::Category),
    (
        "chosen_device",
        "Gekozen hulpmiddel",
        "Chosen device",
        How::Text,
    ),
    ("motivation", "Motivering", "Motivation", How::Text),
    (
        "trial_placement",
        "Proefplaatsing",
        "Trial placement",
        How::YesNo,
    ),
    (
        "trial_end_date",
        "Proefplaatsing tot",
        "Trial placement until",
        How::Date,
    ),
    (
        "lesson_result",
        "Resultaat rijles",
        "Driving lesson result",
        How::Text,
    ),
    (
        "driving_lesson",
        "Rijles gegeven",
        "Driving lesson given",
        How::YesNo,
    ),
    (
        "delivery_agreed_date",
        "Afgesproken leverdatum",
        "Agreed delivery date",
        How::Date,
    ),
    ("storage", "Stalling", "Storage", How::Text),
    (
        "seat_width",
        "Zitbreedte",
        "Seat width",
        How::Unit("mm", "mm"),
    ),
    (
        "seat_depth",
        "Zitdiepte",
        "Seat depth",
        How::Unit("mm", "mm"),
    ),
    (
        "seat_height",
        "Zithoogte",
        "Seat height",
        How::Unit("mm", "mm"),
    ),
    (
        "backrest_height",
        "Rughoogte",
        "Backrest height",
        How::Unit("mm", "mm"),
    ),
    (
        "user_agreement",
        "Gebruikersovereenkomst",
        "User agreement",
        How::Text,
    ),
    (
        "manual_handed_over",
        "Handleiding overhandigd",
        "Manual handed over",
        How::YesNo,
    ),
    ("signal", "Signaal", "Signal", How::Signal),
    ("urgent", "Met spoed", "Urgent", How::YesNo),
    ("reason", "Reden", "Reason", How::Code(REASONS)),
    ("note", "Notitie", "Note", How::Text),
    ("correction", "Correctie", "Correction", How::Text),
    ("malfunction_id", "", "", How::Skip),
    ("job_id", "", "", How::Skip),
    ("labels", "", "", How::Skip),
];

fn find(key: &str) -> Option<(Localized, How)> {
    KEYS.iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, nl, en, how)| (Localized::new(*nl, *en), *how))
}

/// "odometer_km" -> "Odometer km" (a key no dictionary entry names).
fn readable(key: &str) -> Localized {
    let words: String = key
        .rsplit('.')
        .next()
        .unwrap_or(key)
        .replace('_', " ")
        .trim()
        .to_string();
    let mut c = words.chars();
    let cap = match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    };
    words::same(cap)
}

fn code_words(table: &[(&str, &str, &str)], code: &str) -> Localized {
    table.iter().find(|(c, ..)| *c == code).map_or_else(
        || words::same(code.replace('_', " ")),
        |(_, nl, en)| Localized::new(*nl, *en),
    )
}

/// Any value in words: dates, moments, numbers, yes/no; objects and lists joined.
pub(super) fn generic(v: &Value) -> Localized {
    match v {
        Value::Null => words::same("–"),
        Value::Bool(b) => words::yes_no(*b),
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(0.0);
            words::number(f, 2)
        }
        Value::String(s) => {
            if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                words::date(d)
            } else if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                words::moment(t.with_timezone(&Utc))
            } else {
                words::same(s.clone())
            }
        }
        Value::Array(a) => {
            let parts: Vec<Localized> = a.iter().map(generic).collect();
            words::join(&parts, ", ")
        }
        Value::Object(m) => {
            let parts: Vec<Localized> = m
                .iter()
                .filter(|(k, _)| find(k).is_none_or(|(_, h)| !matches!(h, How::Skip)))
                .map(|(k, v)| {
                    let label = find(k).map_or_else(|| readable(k), |(l, _)| l);
                    let v = generic(v);
                    Localized::new(
                        format!("{}: {}", label.nl.to_lowercase(), v.nl),
                        format!("{}: {}", label.en.to_lowercase(), v.en),
                    )
                })
                .collect();
            words::join(&parts, ", ")
        }
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn part_words(p: &Value) -> Localized {
    let desc = str_of(p, "description").unwrap_or("").to_string();
    let number = str_of(p, "number").filter(|n| !n.is_empty());
    let qty = p
        .get("quantity")
        .or_else(|| p.get("qty"))
        .and_then(Value::as_u64)
        .unwrap_or(1);
    let new = p.get("new").and_then(Value::as_bool).unwrap_or(true);
    let head = match number {
        Some(n) => format!("{desc} ({n})"),
        None => desc,
    };
    Localized::new(
        format!(
            "{head}, {qty}×, {}",
            if new { "nieuw" } else { "hergebruikt" }
        ),
        format!("{head}, {qty}×, {}", if new { "new" } else { "reused" }),
    )
}

fn sign_off_words(v: &Value) -> Localized {
    let name = str_of(v, "name").unwrap_or("").to_string();
    let role = code_words(ROLES, str_of(v, "role").unwrap_or(""));
    Localized::new(
        format!("{name} ({})", role.nl),
        format!("{name} ({})", role.en),
    )
}

fn check_words(c: &Value, namer: &dyn Namer) -> DetailLine {
    let item = str_of(c, "item").unwrap_or("");
    let label = namer
        .item(item)
        .or_else(|| {
            let nl = str_of(c, "label")?;
            let en = str_of(c, "label_en").unwrap_or(nl);
            Some(Localized::new(nl, en))
        })
        .unwrap_or_else(|| readable(item));
    let mut value = code_words(RESULTS, str_of(c, "result").unwrap_or(""));
    if let Some(d) = str_of(c, "fix_by").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        let w = words::date(d);
        value = Localized::new(
            format!("{}, herstellen vóór {}", value.nl, w.nl),
            format!("{}, to be fixed by {}", value.en, w.en),
        );
    }
    if let Some(n) = str_of(c, "note") {
        value = Localized::new(format!("{} ({n})", value.nl), format!("{} ({n})", value.en));
    }
    DetailLine::new(label, value)
}

fn measurement_words(key: &str, v: &Value, namer: &dyn Namer) -> DetailLine {
    let label = namer.item(key).unwrap_or_else(|| readable(key));
    let value = v.get("value").and_then(Value::as_f64).unwrap_or(0.0);
    let unit = str_of(v, "unit").unwrap_or("");
    let decimals = if value.fract() == 0.0 { 0 } else { 2 };
    let n = words::number(value, decimals);
    let (nl_u, en_u) = match unit {
        "km/h" => ("km/u", "km/h"),
        "h" => ("u", "h"),
        u => (u, u),
    };
    let join = |n: &str, u: &str| {
        if u.is_empty() {
            n.to_string()
        } else if u == "%" {
            format!("{n}%")
        } else {
            format!("{n} {u}")
        }
    };
    DetailLine::new(label, Localized::new(join(&n.nl, nl_u), join(&n.en, en_u)))
}

fn group_words(code: &str) -> Localized {
    use crate::category::MaintenanceGroup as G;
    let g = serde_json::from_value::<G>(Value::String(code.to_string())).ok();
    g.map_or_else(|| words::same(code.replace('_', " ")), |g| g.name())
}

/// Every line the data says, in the order of its keys (lists give a line per item).
pub fn lines(m: &Map<String, Value>, namer: &dyn Namer) -> Vec<DetailLine> {
    let labels = m.get("labels").and_then(Value::as_object);
    let chosen = |key: &str| -> Option<Localized> {
        let l = labels?.get(key)?;
        Some(Localized::new(str_of(l, "nl")?, str_of(l, "en")?))
    };
    let mut out = Vec::new();
    for (key, v) in m {
        let (label, how) = find(key)
            .or_else(|| namer.item(key).map(|l| (l, How::Text)))
            .unwrap_or_else(|| (readable(key), How::Text));
        if let Some(words) = chosen(key) {
            out.push(DetailLine::new(label, words));
            continue;
        }
        match how {
            How::Skip => {}
            How::Checks => {
                for c in v.as_array().into_iter().flatten() {
                    out.push(check_words(c, namer));
                }
            }
            How::Measurements => {
                for (k, mv) in v.as_object().into_iter().flatten() {
                    out.push(measurement_words(k, mv, namer));
                }
            }
            How::Parts => {
                for p in v.as_array().into_iter().flatten() {
                    out.push(DetailLine::new(label.clone(), part_words(p)));
                }
            }
            How::Slings => {
                for s in v.as_array().into_iter().flatten() {
                    let number = str_of(s, "sling_number").unwrap_or("");
                    let outcome = code_words(OUTCOMES, str_of(s, "outcome").unwrap_or(""));
                    out.push(DetailLine::new(
                        Localized::new(format!("Tilband {number}"), format!("Sling {number}")),
                        outcome,
                    ));
                }
            }
            How::SignOff => out.push(DetailLine::new(label, sign_off_words(v))),
            How::Form => {
                let id = v.as_str().unwrap_or("");
                let name = namer.form(id).unwrap_or_else(|| {
                    let (form, version) = id.split_once('@').unwrap_or((id, ""));
                    Localized::new(
                        format!("{form} (versie {version})"),
                        format!("{form} (version {version})"),
                    )
                });
                out.push(DetailLine::new(label, name));
            }
            How::Group => out.push(DetailLine::new(
                label,
                group_words(v.as_str().unwrap_or("")),
            )),
            How::Code(table) => {
                let value = match v.as_str() {
                    Some(code) => code_words(table, code),
                    None => generic(v),
                };
                out.push(DetailLine::new(label, value));
            }
            How::Signal => {
                let kind = serde_json::from_value::<SignalKind>(v.clone()).ok();
                let value = kind.map_or_else(|| generic(v), signal_kind_name);
                out.push(DetailLine::new(label, value));
            }
            How::Category => {
                let c = v.as_str().and_then(|c| Category::from_code(c).ok());
                out.push(DetailLine::new(
                    label,
                    c.map_or_else(|| generic(v), words::category),
                ));
            }
            How::Cents => {
                let value = v.as_u64().map_or_else(|| generic(v), words::euro);
                out.push(DetailLine::new(label, value));
            }
            How::Minutes => {
                let value = v.as_f64().map_or_else(
                    || generic(v),
                    |n| {
                        let n = words::number(n, 0);
                        Localized::new(format!("{} min", n.nl), format!("{} min", n.en))
                    },
                );
                out.push(DetailLine::new(label, value));
            }
            How::Count => out.push(DetailLine::new(label, generic(v))),
            How::Unit(nl, en) => {
                let value = v.as_f64().map_or_else(
                    || generic(v),
                    |n| {
                        let w = words::number(n, 2);
                        let fmt = |n: &str, u: &str| {
                            if u == "%" {
                                format!("{n}%")
                            } else {
                                format!("{n} {u}")
                            }
                        };
                        Localized::new(fmt(&w.nl, nl), fmt(&w.en, en))
                    },
                );
                out.push(DetailLine::new(label, value));
            }
            How::Text | How::Date | How::Moment | How::YesNo => {
                out.push(DetailLine::new(label, generic(v)))
            }
        }
    }
    out
}
