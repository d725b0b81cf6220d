//! What the technician is told about the contract's rules: deadlines, planning, batteries,
//! the replacement rule.

use super::*;
use crate::jobs::answer::Answer;
use crate::jobs::context::JobContext;
use crate::jobs::rules;
use crate::jobs::schema::keys;
use crate::model::JobKind;
use crate::sla;
use crate::Localized;
use crate::WorkingDayCalendar;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// When the technician arrived for this malfunction: the first arrival counts (one recorded
/// on an earlier visit), else the arrival answered in this job.
pub fn repair_arrival(
    m: &crate::model::Malfunction,
    answers: &BTreeMap<String, Answer>,
) -> Option<DateTime<Utc>> {
    m.arrived_at
        .or(moment(answers, keys::repair::ARRIVAL_ARRIVED_AT))
}

/// The repair's deadlines of this job (None without a malfunction), with the arrival as
/// [`repair_arrival`] has it: the job header, its warnings and the report agree.
pub fn repair_deadlines_of(
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
) -> Option<sla::RepairDeadlines> {
    let m = ctx.malfunction.as_ref()?;
    Some(sla::repair_deadlines(
        m.class,
        m.reported_at,
        repair_arrival(m, answers),
        cal,
    ))
}

/// The repair's deadlines as the technician should see them (class, on-site and fix-by
/// deadlines with their state at `now`), from `ctx.malfunction` and [`repair_arrival`].
pub(crate) fn repair_warnings(
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
    now: DateTime<Utc>,
    out: &mut Vec<Localized>,
) {
    let Some(m) = &ctx.malfunction else {
        return;
    };
    let arrived = repair_arrival(m, answers);
    let d = sla::repair_deadlines(m.class, m.reported_at, arrived, cal);
    let class = format!("{:?}", m.class);
    if let (Some(on_site), None) = (d.on_site_by, arrived) {
        let (h, s) = (
            human_deadline(on_site),
            deadline_suffix(now, m.reported_at, on_site),
        );
        out.push(Localized::new(
            format!("Klasse {class}: ter plaatse vóór {}{}", h.nl, s.nl),
            format!("Class {class}: on site before {}{}", h.en, s.en),
        ));
    }
    let resolved = yes_no(answers, keys::repair::RESOLUTION_FIXED_ON_SITE) == Some(true);
    if !resolved {
        let (h, s) = (
            human_deadline(d.fixed_by),
            deadline_suffix(now, m.reported_at, d.fixed_by),
        );
        out.push(Localized::new(
            format!("Klasse {class}: verholpen vóór {}{}", h.nl, s.nl),
            format!("Class {class}: fixed before {}{}", h.en, s.en),
        ));
    }
    // Not fixed on site, or the fix-by deadline passed: a functionally equal replacement
    // (or loan) device the same day, by the loan deadline when that is earlier (PvE 7.1.6,
    // 7.1.5); shown with its state, so it warns before it passes.
    let not_fixed = yes_no(answers, keys::repair::RESOLUTION_FIXED_ON_SITE) == Some(false);
    let missed = !resolved && now >= d.fixed_by;
    if (not_fixed || missed) && yes_no(answers, keys::repair::RESOLUTION_LOAN_PLACED) != Some(true)
    {
        let (h, s) = (
            human_deadline(d.replacement_by),
            deadline_suffix(now, d.fixed_by.min(now), d.replacement_by),
        );
        let (why_nl, why_en) = if not_fixed {
            ("Niet ter plaatse verholpen", "Not fixed on site")
        } else {
            ("Hersteltermijn gemist", "Fix-by deadline missed")
        };
        out.push(Localized::new(
            format!(
                "{why_nl}: een gelijkwaardig vervangend hulpmiddel (met de benodigde opties) vóór {}{}.",
                h.nl, s.nl
            ),
            format!(
                "{why_en}: a functionally equal replacement device (with the needed options) before {}{}.",
                h.en, s.en
            ),
        ));
    }
}

/// The replacement rule's notice (PvE 2.5, 4.1).
pub(crate) fn replacement_rule_notice(ctx: &JobContext) -> Localized {
    let year = rules::previous_calendar_year(ctx.job_day);
    Localized::new(
        format!(
            "Dit elektrische hulpmiddel had in {year} {} aandrijvingsreparaties (meer dan {}): het moet vervangen worden. Meld dit aan de planning.",
            ctx.drive_repairs_previous_year,
            rules::MAX_DRIVE_REPAIRS_PER_YEAR
        ),
        format!(
            "This electric device had {} drive-related repairs in {year} (more than {}): it must be replaced. Tell the planners.",
            ctx.drive_repairs_previous_year,
            rules::MAX_DRIVE_REPAIRS_PER_YEAR
        ),
    )
}

/// A reconditioned device handed to the resident (a replacement, a loan or stand-in device)
/// needs a battery of at least 80%: the passport's last test says whether it has.
pub(crate) fn handed_out_battery_warnings(
    kind: JobKind,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
) -> Vec<Localized> {
    let key = match kind {
        JobKind::Replacement => keys::replacement::NEW_DEVICE_REGISTRATION,
        JobKind::Repair => keys::repair::RESOLUTION_LOAN_REGISTRATION,
        JobKind::Adjustment => keys::adjustment::WORK_REPLACEMENT_REGISTRATION,
        JobKind::LoanDevice => keys::loan::LOAN_REGISTRATION,
        _ => return Vec::new(),
    };
    let Some(dev) = registration(answers, key).and_then(|r| known_device(ctx, r)) else {
        return Vec::new();
    };
    if !dev.reconditioned || !dev.is_electric() {
        return Vec::new();
    }
    let min = rules::RECONDITIONED_BATTERY_MIN_PCT;
    let reg = &dev.registration_number;
    match dev.battery.as_ref().and_then(|b| b.capacity_pct) {
        Some(pct) if rules::reconditioned_battery_ok(f64::from(pct)) => Vec::new(),
        Some(pct) => vec![Localized::new(
            format!("{reg} is gereviseerd en de accu haalde bij de laatste test {pct}% (minstens {min}% nodig): vervang of test de accu voordat de inwoner ermee rijdt."),
            format!("{reg} is reconditioned and its battery tested {pct}% last time (at least {min}% needed): replace or test the battery before the resident uses it."),
        )],
        None => vec![Localized::new(
            format!("{reg} is gereviseerd en er is geen accutest bekend: test de accu (minstens {min}%) voordat de inwoner ermee rijdt."),
            format!("{reg} is reconditioned and no battery test is known: test the battery (at least {min}%) before the resident uses it."),
        )],
    }
}

pub(crate) fn battery_notice(pct: f64) -> Localized {
    Localized::new(
        format!(
            "Een gereviseerd hulpmiddel heeft een accu van minstens {}% nodig; gemeten {pct}%.",
            rules::RECONDITIONED_BATTERY_MIN_PCT
        ),
        format!(
            "A reconditioned device needs a battery of at least {}%; measured {pct}%.",
            rules::RECONDITIONED_BATTERY_MIN_PCT
        ),
    )
}

pub(crate) fn planning_notice(deadline: DateTime<Utc>) -> Localized {
    let h = human_deadline(deadline);
    Localized::new(
        format!("Plan de leverdatum met de inwoner vóór {}.", h.nl),
        format!(
            "The delivery date must be planned with the resident before {}.",
            h.en
        ),
    )
}

/// Adjustment: a planned return day (`work.return_date`) after the deadline `due`.
/// When the device of an adjustment was taken: the start of the visit (a job that stays
/// open overnight does not move the deadline), or now when that lies earlier.
pub(crate) fn adjustment_taken_at(ctx: &JobContext, now: DateTime<Utc>) -> DateTime<Utc> {
    ctx.appointment.window.start.min(now)
}

/// What a fitting agreed that needs attention (PvE 6.3): more driving lessons advised than
/// the one free extra lesson, a battery that cannot be taken out while the device is stored
/// indoors, or outdoor storage without rain cover and lock.
pub(crate) fn fitting_warnings(answers: &BTreeMap<String, Answer>) -> Vec<Localized> {
    let mut out = Vec::new();
    if let Some(n) = measurement(answers, keys::fitting::LESSON_DRIVING_LESSONS_ADVISED)
        .filter(|n| *n > f64::from(rules::FREE_EXTRA_DRIVING_LESSONS))
    {
        out.push(Localized::new(
            format!("{n} rijlessen geadviseerd: één extra les van 30 minuten is gratis, voor meer is een opdracht van de gemeente nodig."),
            format!("{n} driving lessons advised: one extra 30-minute lesson is free; more need an order from the municipality."),
        ));
    }
    if yes_no(answers, keys::fitting::STORAGE_BATTERY_REMOVABLE) == Some(false) {
        out.push(Localized::new(
            "Binnen stallen met een accu die er niet uit kan: dat is niet brandveilig. Spreek een uitneembare accu of een andere stalling af.",
            "Stored indoors with a battery that cannot be taken out: that is not fire-safe. Agree on a removable battery or other storage.",
        ));
    }
    if yes_no(answers, keys::fitting::STORAGE_RAIN_COVER_AND_LOCK) == Some(false) {
        out.push(Localized::new(
            "Buiten stallen vraagt een regenhoes en een slot: regel die vóór de levering.",
            "Outdoor storage needs a rain cover and a lock: arrange them before the delivery.",
        ));
    }
    out
}

pub(crate) fn return_too_late(
    answers: &BTreeMap<String, Answer>,
    due: DateTime<Utc>,
) -> Option<Localized> {
    let planned = date(answers, keys::adjustment::WORK_RETURN_DATE)?;
    (sla::start_of_local_day(planned) >= due).then(|| {
        let (p, h) = (human_day(planned), human_deadline(due));
        Localized::new(
            format!(
                "Terug op {} is te laat: uiterlijk {} (2 werkdagen). Is de inwoner afhankelijk van het hulpmiddel, plaats dan een vervangend hulpmiddel.",
                p.nl, h.nl
            ),
            format!(
                "Back on {} is too late: due before {} (2 working days). If the resident depends on the device, place a replacement.",
                p.en, h.en
            ),
        )
    })
}

pub(crate) fn deviation_notice(ordered: crate::Category, proposed: crate::Category) -> Localized {
    Localized::new(
        format!(
            "Andere categorie dan besteld ({} → {}): de levering is geblokkeerd tot de gemeente akkoord geeft.",
            ordered.code(),
            proposed.code()
        ),
        format!(
            "Another category than ordered ({} → {}): delivery is blocked until the municipality approves.",
            ordered.code(),
            proposed.code()
        ),
    )
}
