//! Technicians, residents and their contact persons.

use crate::data::{
    MunicipalityData, CASE_MANAGER_AREAS, FEMALE_MID, FEMALE_OLD, FEMALE_YOUNG, FITTER_AREAS,
    INFORMAL_RELATIONS, MALE_MID, MALE_OLD, MALE_YOUNG, MECHANIC_AREAS, MUNICIPALITIES,
    PARTICULARS, POSTCODE_LETTERS, PROFESSIONAL_CARERS, STREETS, SURNAMES,
};
use crate::rng::{Ids, Rand, Stream};
use crate::RESIDENT_BATCH;
use crate::{days_before, local_time, Ctx, DemoConfig, DemoPhase, DemoProgress, DemoSummary, Tech};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use veldwerk_core::ids::{CaregiverId, ResidentId, TechnicianId};
use veldwerk_core::model::{
    Address, Caregiver, CaregiverKind, CommunicationPreference, Postcode, Resident, TechnicianRole,
};
use veldwerk_core::text::fold;
use veldwerk_core::Category;
use veldwerk_store::{Store, StoreError};

/// A resident as the later phases need them.
pub(crate) struct Res {
    pub id: ResidentId,
    pub muni: usize,
    pub child: bool,
    /// Initials for sign-offs, e.g. "J.M. de Vries".
    pub signature: String,
    /// A contact person who may sign, if any.
    pub signer: Option<String>,
    pub devices: Vec<u32>,
    pub categories: Vec<Category>,
}

pub(crate) fn technicians(cfg: &DemoConfig, ids: &mut Ids, created: DateTime<Utc>) -> Vec<Tech> {
    let mut r = Rand::new(cfg.seed, Stream::Technicians);
    let (mechanics, fitters, case_managers) = cfg.roles();
    let mut out = Vec::with_capacity(cfg.technicians);
    let mut used = Vec::new();
    let roles = [
        (TechnicianRole::Mechanic, mechanics, MECHANIC_AREAS),
        (TechnicianRole::Fitter, fitters, FITTER_AREAS),
        (
            TechnicianRole::CaseManager,
            case_managers,
            CASE_MANAGER_AREAS,
        ),
    ];
    for (role, count, areas) in roles {
        for i in 0..count {
            // Distinct names, so the technician picker is unambiguous.
            let mut name = String::new();
            for _ in 0..50 {
                let female = r.chance(40);
                let first = *r.pick(if female { FEMALE_MID } else { MALE_MID });
                let (prefix, surname) = *r.pick(SURNAMES);
                name = match prefix {
                    Some(p) => format!("{first} {p} {surname}"),
                    None => format!("{first} {surname}"),
                };
                if !used.contains(&name) {
                    break;
                }
            }
            used.push(name.clone());
            out.push(Tech {
                id: TechnicianId(ids.at(created)),
                name,
                role,
                areas: areas[i % areas.len()],
            });
        }
    }
    out
}

fn municipality_weights() -> Vec<u32> {
    MUNICIPALITIES.iter().map(|m| m.weight).collect()
}

pub(crate) fn first_name(r: &mut Rand, birth_year: i32, female: bool) -> &'static str {
    let list = match (birth_year, female) {
        (..=1962, true) => FEMALE_OLD,
        (..=1962, false) => MALE_OLD,
        (1963..=2002, true) => FEMALE_MID,
        (1963..=2002, false) => MALE_MID,
        (_, true) => FEMALE_YOUNG,
        (_, false) => MALE_YOUNG,
    };
    list[r.below(list.len())]
}

fn initials_of(r: &mut Rand, first: &str, child: bool) -> String {
    let mut s: String = first.chars().take(1).collect();
    s.push('.');
    if !child && r.chance(45) {
        s.push(*r.pick(&['A', 'B', 'C', 'D', 'E', 'G', 'H', 'J', 'M', 'P', 'W']));
        s.push('.');
    }
    s
}

pub(crate) fn postcode(r: &mut Rand, lo: u16, hi: u16) -> Postcode {
    loop {
        let digits = r.range(i64::from(lo), i64::from(hi));
        let a = char::from(*r.pick(POSTCODE_LETTERS));
        let b = char::from(*r.pick(POSTCODE_LETTERS));
        if let Ok(p) = Postcode::parse(&format!("{digits}{a}{b}")) {
            return p;
        }
    }
}

fn area_code(m: &MunicipalityData) -> &'static str {
    match m.code {
        "apeldoorn" => "055",
        "brummen" | "zutphen" => "0575",
        "epe" | "heerde" => "0578",
        "hattem" => "038",
        "lochem" => "0573",
        "olst-wijhe" => "0570",
        _ => "0571",
    }
}

pub(crate) fn mobile(r: &mut Rand) -> String {
    format!("06-{}{} {}", r.range(1, 9), r.digits(3), r.digits(4))
}

fn landline(r: &mut Rand, m: &MunicipalityData) -> String {
    let code = area_code(m);
    let rest = 10 - code.len() as u32;
    format!("{code}-{}{}", r.range(2, 8), r.digits(rest - 1))
}

/// "jan.vandenberg" from first name, prefix and surname (accents folded).
pub(crate) fn mail_name(first: &str, prefix: Option<&str>, surname: &str) -> String {
    let clean = |s: &str| -> String {
        fold(s)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect()
    };
    format!(
        "{}.{}{}",
        clean(first),
        prefix.map(clean).unwrap_or_default(),
        clean(surname)
    )
}

fn full_name(first: &str, prefix: Option<&str>, surname: &str) -> String {
    match prefix {
        Some(p) => format!("{first} {p} {surname}"),
        None => format!("{first} {surname}"),
    }
}

fn birth_date(r: &mut Rand, anchor: NaiveDate, child: bool) -> NaiveDate {
    let age = if child {
        r.range(2, 17)
    } else {
        match r.weighted(&[10, 20, 47, 23]) {
            0 => r.range(18, 49),
            1 => r.range(50, 69),
            2 => r.range(70, 84),
            _ => r.range(85, 101),
        }
    };
    let days = age * 365 + r.range(0, 364);
    days_before(anchor, days as u64)
}

struct NewResident {
    resident: Resident,
    caregivers: Vec<Caregiver>,
    res: Res,
}

fn make_resident(
    ctx: &mut Ctx,
    r: &mut Rand,
    index: usize,
    counters: &mut [u32],
    weights: &[u32],
) -> NewResident {
    let muni = r.weighted(weights);
    let m = &MUNICIPALITIES[muni];
    // Resident 3 is always a child, so children's categories always occur.
    let child = index == 3 || r.permille(40);
    let born = birth_date(r, ctx.anchor, child);
    let female = r.chance(if born.year() < 1945 { 64 } else { 52 });
    let first = first_name(r, born.year(), female);
    let (prefix, surname) = *r.pick(SURNAMES);
    let initials = initials_of(r, first, child);
    let (place, lo, hi) = *r.pick(m.places);
    let house = {
        let n = r.range(1, 180);
        match r.below(14) {
            0 => format!("{n}A"),
            1 => format!("{n}-{}", r.range(1, 4)),
            2 => format!("{n}B"),
            _ => n.to_string(),
        }
    };
    let address = Address {
        street: r.pick(STREETS).to_string(),
        house_number: house,
        postcode: postcode(r, lo, hi),
        city: place.to_string(),
    };
    let elderly = born.year() <= ctx.anchor.year() - 70;
    let phone = if child || r.chance(8) {
        None
    } else if elderly && r.chance(55) {
        Some(landline(r, m))
    } else {
        Some(mobile(r))
    };
    let email_pct = if child {
        0
    } else if elderly {
        22
    } else {
        65
    };
    let email = r.chance(email_pct).then(|| {
        let domain = if r.chance(70) {
            "example.com"
        } else {
            "example.org"
        };
        format!("{}@{domain}", mail_name(first, prefix, surname))
    });
    let preferred_communication = match (email.is_some(), phone.is_some(), r.below(10)) {
        (true, _, 0..=3) => CommunicationPreference::Email,
        (true, _, 4) => CommunicationPreference::App,
        (_, true, 5..=9) | (false, true, _) => CommunicationPreference::Phone,
        _ => CommunicationPreference::Post,
    };
    let particulars = r.chance(24).then(|| r.pick(PARTICULARS).to_string());
    counters[muni] += 1;
    let resident_number = format!(
        "{}{:07}",
        m.prefix,
        1_000_000 + counters[muni] * 11 + r.range(0, 10) as u32
    );
    let created = local_time(days_before(ctx.anchor, 2 * 365), 8 * 60);
    let id = ResidentId(ctx.ids.at(created));
    let resident = Resident {
        id,
        resident_number,
        municipality_id: ctx.municipalities[muni],
        initials: initials.clone(),
        first_name: first.to_string(),
        name_prefix: prefix.map(str::to_string),
        surname: surname.to_string(),
        birth_date: born,
        address,
        phone,
        email,
        preferred_communication,
        particulars,
    };
    let caregivers = make_caregivers(ctx, r, &resident, child, m, created);
    let signer = caregivers
        .iter()
        .find(|c| c.may_sign)
        .map(|c| c.name.clone());
    let signature = full_name(&initials, prefix, surname);
    NewResident {
        res: Res {
            id,
            muni,
            child,
            signature,
            signer,
            devices: Vec::new(),
            categories: Vec::new(),
        },
        resident,
        caregivers,
    }
}

fn make_caregivers(
    ctx: &mut Ctx,
    r: &mut Rand,
    res: &Resident,
    child: bool,
    m: &MunicipalityData,
    created: DateTime<Utc>,
) -> Vec<Caregiver> {
    let count = if child {
        1 + r.weighted(&[50, 40, 10])
    } else {
        r.weighted(&[25, 40, 25, 10])
    };
    let parent_year = res.birth_date.year() - 30;
    let mut out: Vec<Caregiver> = Vec::with_capacity(count);
    let mut professional_done = false;
    for i in 0..count {
        let id = CaregiverId(ctx.ids.at(created));
        if child {
            let female = i == 0 || r.chance(30);
            let first = first_name(r, parent_year, female);
            let surname = if r.chance(80) {
                (res.name_prefix.as_deref(), res.surname.as_str())
            } else {
                *r.pick(SURNAMES)
            };
            out.push(Caregiver {
                id,
                resident_id: res.id,
                name: full_name(first, surname.0, surname.1),
                relation: if female { "moeder" } else { "vader" }.to_string(),
                kind: CaregiverKind::Informal,
                phone: Some(mobile(r)),
                email: r
                    .chance(70)
                    .then(|| format!("{}@example.com", mail_name(first, surname.0, surname.1))),
                may_sign: true,
            });
            continue;
        }
        if !professional_done && r.chance(30) {
            professional_done = true;
            let (relation, team) = *r.pick(PROFESSIONAL_CARERS);
            let mail = team.to_lowercase().replace("team ", "").replace(' ', ".");
            out.push(Caregiver {
                id,
                resident_id: res.id,
                name: team.to_string(),
                relation: relation.to_string(),
                kind: CaregiverKind::Professional,
                phone: Some(landline(r, m)),
                email: Some(format!("{mail}@example.com")),
                may_sign: relation == "wijkverpleging" && r.chance(60),
            });
            continue;
        }
        let (relation, family, female) = *r.pick(INFORMAL_RELATIONS);
        let female = female.unwrap_or_else(|| r.chance(50));
        let year = if relation == "partner" {
            res.birth_date.year() + r.range(-4, 4) as i32
        } else {
            res.birth_date.year() + 28
        };
        let first = first_name(r, year, female);
        let same_name = matches!(relation, "zoon" | "partner") || (family && r.chance(40));
        let surname = if same_name {
            (res.name_prefix.as_deref(), res.surname.as_str())
        } else {
            *r.pick(SURNAMES)
        };
        out.push(Caregiver {
            id,
            resident_id: res.id,
            name: full_name(first, surname.0, surname.1),
            relation: relation.to_string(),
            kind: CaregiverKind::Informal,
            phone: r.chance(92).then(|| mobile(r)),
            email: r.chance(45).then(|| {
                let domain = if r.chance(60) {
                    "example.com"
                } else {
                    "example.org"
                };
                format!("{}@{domain}", mail_name(first, surname.0, surname.1))
            }),
            may_sign: if family { r.chance(85) } else { r.chance(15) },
        });
    }
    out
}

/// Writes all residents in batches and returns what the later phases need.
pub(crate) fn write_residents(
    store: &mut Store,
    ctx: &mut Ctx,
    cfg: &DemoConfig,
    summary: &mut DemoSummary,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<Vec<Res>, StoreError> {
    let mut r = Rand::new(ctx.seed, Stream::Residents);
    let weights = municipality_weights();
    let mut counters = vec![0u32; MUNICIPALITIES.len()];
    let total = cfg.residents;
    let mut out = Vec::with_capacity(total);
    let report = |done: usize, progress: &mut dyn FnMut(DemoProgress)| {
        progress(DemoProgress {
            phase: DemoPhase::Residents,
            done: done as u64,
            total: total as u64,
        })
    };
    report(0, progress);
    let mut start = 0;
    while start < total {
        let end = (start + RESIDENT_BATCH).min(total);
        let w = store.write()?;
        for i in start..end {
            let n = make_resident(ctx, &mut r, i, &mut counters, &weights);
            w.upsert_resident(&n.resident, &n.caregivers)?;
            summary.caregivers += n.caregivers.len() as u32;
            out.push(n.res);
        }
        w.commit()?;
        summary.residents = end as u32;
        report(end, progress);
        start = end;
    }
    Ok(out)
}
