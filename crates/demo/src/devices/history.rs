//! A device's logbook history before today: which events happened when, and by whom. What
//! each entry says is in [`super::logbook`].

use super::logbook::{self as say, Inspection, Maintenance, Repair, Said};
use crate::catalog;
use crate::entries::{SignOff, Used};
use crate::people::Res;
use crate::rng::Rand;
use crate::{days_after, days_before, local_time, Ctx, HistoryDepth};
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use veldwerk_core::category::MaintenanceGroup;
use veldwerk_core::logbook::{Details, LogbookKind};
use veldwerk_core::model::{Device, Sling, SlingStatus, TechnicianRole};
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Localized;

/// One logbook event before it is chained: the Dutch headline is the entry's summary, the
/// details carry the English one.
pub(super) struct Ev {
    pub(super) at: DateTime<Utc>,
    pub(super) kind: LogbookKind,
    pub(super) author: String,
    pub(super) summary: String,
    pub(super) details: Details,
}

impl Ev {
    pub(super) fn new(at: DateTime<Utc>, kind: LogbookKind, author: String, said: Said) -> Ev {
        let (summary, words): (Localized, _) = said;
        Ev {
            at,
            kind,
            author,
            details: words.finish(&summary.en),
            summary: summary.nl,
        }
    }
}

pub(super) fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

pub(super) fn sub_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n)).unwrap_or(d)
}

pub(super) fn date_between(r: &mut Rand, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    if hi <= lo {
        return lo;
    }
    let span = (hi - lo).num_days();
    days_after(lo, r.range(0, span) as u64)
}

/// One to `max` parts of the group, each once.
fn pick_parts(r: &mut Rand, group: MaintenanceGroup, max: usize) -> Vec<Used> {
    let list = catalog::parts(group);
    let n = r.range(1, max as i64) as usize;
    let mut used: Vec<Used> = Vec::new();
    for _ in 0..n {
        let part = r.pick(list);
        if used.iter().any(|u| u.part.0 == part.0) {
            continue;
        }
        let nl = part.1;
        let qty = if (nl.contains("wiel") || nl.contains("band")) && r.chance(30) {
            2
        } else {
            1
        };
        used.push(Used { part, qty });
    }
    used
}

pub(super) struct History {
    pub(super) first_issued: NaiveDate,
    pub(super) first_delivered: Option<NaiveDate>,
    pub(super) last_delivered: Option<NaiveDate>,
    pub(super) last_pm: Option<NaiveDate>,
    pub(super) interval: u32,
    pub(super) prev_malfunction: Option<NaiveDate>,
    pub(super) misuse: Option<NaiveDate>,
}

/// Writing one device's history.
struct Past<'a> {
    ctx: &'a Ctx,
    d: &'a Device,
    slings: &'a [Sling],
    res: Option<&'a Res>,
    muni: usize,
    h: &'a History,
    full: bool,
    end: NaiveDate,
    ev: Vec<Ev>,
}

impl Past<'_> {
    fn tech(&self, r: &mut Rand, role: TechnicianRole) -> String {
        self.ctx.techs[self.ctx.tech_for(r, self.muni, role)]
            .name
            .clone()
    }

    fn push(&mut self, at: DateTime<Utc>, kind: LogbookKind, author: String, said: Said) {
        self.ev.push(Ev::new(at, kind, author, said));
    }

    /// Who signs off work at the resident's home: a caregiver for a child and sometimes
    /// for an adult, else the resident.
    fn sign_off(&self, r: &mut Rand) -> Option<SignOff> {
        let x = self.res?;
        Some(match &x.signer {
            Some(name) if x.child || r.chance(35) => SignOff {
                name: name.clone(),
                role: "caregiver",
            },
            _ => SignOff {
                name: x.signature.clone(),
                role: "resident",
            },
        })
    }

    /// Registration, a revision before a reconditioned device was delivered again,
    /// the delivery and a later adjustment.
    fn life(&mut self, r: &mut Rand) {
        let (d, h, end) = (self.d, self.h, self.end);
        self.push(
            local_time(h.first_issued, 9 * 60),
            LogbookKind::Registered,
            "portal".to_string(),
            say::registered(d),
        );
        if self.full && d.reconditioned {
            let revision_day = match h.first_delivered {
                Some(fd) => days_before(fd, r.range(5, 15) as u64),
                None => date_between(r, days_after(h.first_issued, 400), end),
            }
            .max(days_after(h.first_issued, 2));
            let collected = days_before(revision_day, r.range(10, 60) as u64)
                .max(days_after(h.first_issued, 1));
            let mech = self.tech(r, TechnicianRole::Mechanic);
            let at = at_day(r, collected);
            self.push(
                at,
                LogbookKind::Collection,
                mech.clone(),
                say::collected_for_revision(),
            );
            let pct = d.battery.as_ref().and_then(|b| b.capacity_pct);
            let at = at_day(r, revision_day);
            self.push(at, LogbookKind::Note, mech, say::reconditioned(pct));
        }
        if let Some(fd) = h.first_delivered {
            let fitter = self.tech(r, TechnicianRole::Fitter);
            let lesson = d.is_electric() && !d.category.is_hoist();
            let at = at_day(r, fd);
            let by = self.sign_off(r);
            self.push(
                at,
                LogbookKind::Delivery,
                fitter,
                say::delivered(lesson, by.as_ref()),
            );
        }
        if let (true, Some(fd), Some(ld)) = (self.full, h.first_delivered, h.last_delivered) {
            if ld > fd {
                let adj = *r.pick(say::ADJUSTMENTS);
                let at = at_day(r, ld);
                let fitter = self.tech(r, TechnicianRole::Fitter);
                let minutes = r.range(2, 8) * 15;
                self.push(
                    at,
                    LogbookKind::Adjustment,
                    fitter,
                    say::adjusted(&adj, minutes),
                );
            }
        }
    }

    /// Maintenance and inspections (a year or 18 months apart), with the usage check.
    fn maintenance(&mut self, r: &mut Rand) {
        let (d, h, full) = (self.d, self.h, self.full);
        let Some(last) = h.last_pm else { return };
        let group = d.category.maintenance_group();
        let earliest = days_after(h.first_delivered.unwrap_or(h.first_issued), 30);
        let mut dates = vec![last];
        // Whether the oldest date listed is the device's first maintenance.
        let mut from_start = !full && sub_months(last, h.interval) < earliest;
        if full {
            let mut d0 = last;
            while dates.len() < 4 {
                let prev = days_before(sub_months(d0, h.interval), r.range(0, 20) as u64);
                if prev < earliest {
                    from_start = true;
                    break;
                }
                let prev = self.ctx.workday_from(prev);
                dates.push(prev);
                d0 = prev;
            }
        }
        let count = dates.len();
        for (i, day) in dates.into_iter().enumerate() {
            let newest = i == 0;
            let mech = self.tech(r, TechnicianRole::Mechanic);
            let base = at_day(r, day);
            let labour = r.range(2, 6) * 10;
            let parts = if r.chance(40) {
                pick_parts(r, group, 2)
            } else {
                Vec::new()
            };
            if d.category.is_hoist() {
                let remark = r.chance(15).then(|| r.pick(say::REMARKS));
                let certificate = format!("STG-{:05}", 10_000 + r.below(9_000));
                let by = self.sign_off(r);
                let slings = if full {
                    Vec::new()
                } else {
                    self.slings
                        .iter()
                        .map(|s| (s, newest && s.status == SlingStatus::Withdrawn))
                        .collect()
                };
                let said = say::hoist_inspected(&Inspection {
                    first: from_start && i + 1 == count,
                    remark,
                    swl_kg: d.swl_kg,
                    labour_minutes: labour + 20,
                    parts: &parts,
                    certificate,
                    next: add_months(day, 12),
                    slings,
                    by: by.as_ref(),
                });
                self.push(base, LogbookKind::HoistInspection, mech.clone(), said);
                if full {
                    for (k, s) in self.slings.iter().enumerate() {
                        if s.in_use_since.is_some_and(|u| u > day) {
                            continue;
                        }
                        let rejected = newest && s.status == SlingStatus::Withdrawn;
                        self.push(
                            base + Duration::minutes(10 + 5 * k as i64),
                            LogbookKind::SlingInspection,
                            mech.clone(),
                            say::sling_inspected(s, rejected),
                        );
                    }
                }
            } else {
                let by = self.sign_off(r);
                let odometer = (group == MaintenanceGroup::Scooter)
                    .then(|| r.range(150, 4_000) * (1 + count as i64 - i as i64));
                let battery = d
                    .battery
                    .as_ref()
                    .filter(|_| newest)
                    .map(|b| (b.capacity_pct, f64::from(b.nominal_voltage) + 1.4));
                let said = say::maintained(&Maintenance {
                    group,
                    labour_minutes: labour,
                    parts: &parts,
                    by: by.as_ref(),
                    next_due: add_months(day, h.interval),
                    odometer_km: odometer,
                    battery,
                });
                self.push(base, LogbookKind::PreventiveMaintenance, mech.clone(), said);
            }
            if full && r.chance(60) {
                let adequate = r.chance(85);
                self.push(
                    base + Duration::minutes(30),
                    LogbookKind::UsageCheck,
                    mech,
                    say::usage_checked(adequate),
                );
            }
        }
    }

    /// Repairs of earlier malfunctions, within their class's time (a loan device when the
    /// repair could not be done on site).
    fn repairs(&mut self, r: &mut Rand) {
        let (d, h, full, end) = (self.d, self.h, self.full, self.end);
        let group = d.category.maintenance_group();
        let mut days = Vec::new();
        if let Some(day) = h.prev_malfunction {
            days.push(day);
        }
        if full && r.chance(30) {
            if let Some(fd) = h.first_delivered {
                let lo = days_after(fd, 20);
                let hi = h.prev_malfunction.unwrap_or(end);
                if lo < hi {
                    days.push(date_between(r, lo, hi));
                }
            }
        }
        for day in days {
            let faults = catalog::faults(group);
            let fault = r.pick(faults);
            let class = match r.range(0, i64::from(fault.max_class.min(2))) {
                0 => ResponseClass::A,
                1 => ResponseClass::B,
                _ => ResponseClass::C,
            };
            let reported = local_time(day, r.range(7 * 60, 20 * 60) as u32);
            // Class A within its two working days, B and C within hours of the report.
            let repaired = match class {
                ResponseClass::A => {
                    let by = self.ctx.cal.add_working_days(day, r.range(0, 2) as u32);
                    local_time(by.min(end), r.range(9 * 60, 17 * 60) as u32)
                        .max(reported + Duration::minutes(45))
                }
                ResponseClass::B => reported + Duration::minutes(r.range(60, 170)),
                ResponseClass::C => reported + Duration::minutes(r.range(50, 150)),
            };
            if full {
                let (summary, words) = crate::entries::malfunction_reported(
                    class,
                    fault,
                    fault.drive_related && d.is_electric(),
                    None,
                );
                self.push(
                    reported,
                    LogbookKind::MalfunctionReported,
                    "portal".to_string(),
                    (summary, words),
                );
            }
            let mut parts = if r.chance(25) {
                pick_parts(r, group, 1)
            } else {
                Vec::new()
            };
            if let Some(part) = catalog::parts(group)
                .iter()
                .find(|p| p.0 == fault.part)
                .filter(|p| !parts.iter().any(|u| u.part.0 == p.0))
            {
                parts.insert(0, Used { part, qty: 1 });
            }
            let mech = self.tech(r, TechnicianRole::Mechanic);
            let loan = full && r.chance(12);
            if loan {
                let at = reported + Duration::minutes(r.range(40, 110));
                self.push(
                    at,
                    LogbookKind::LoanPlaced,
                    mech.clone(),
                    say::loan_placed(),
                );
            }
            let repaired = if loan {
                repaired + Duration::days(2)
            } else {
                repaired
            };
            let labour = r.range(2, 8) * 15;
            let by = self.sign_off(r);
            let said = say::repaired(&Repair {
                class,
                fault,
                parts: &parts,
                labour_minutes: labour,
                on_site: !loan,
                by: by.as_ref(),
            });
            self.push(repaired, LogbookKind::Repair, mech.clone(), said);
            if loan {
                self.push(
                    repaired + Duration::minutes(20),
                    LogbookKind::LoanReturned,
                    mech,
                    say::loan_returned(),
                );
            }
        }
    }

    /// Damage by improper use, and a signal to the municipality.
    fn incidents(&mut self, r: &mut Rand) {
        let (d, h, full, end) = (self.d, self.h, self.full, self.end);
        if let Some(day) = h.misuse.filter(|_| full) {
            let at = at_day(r, day);
            let mech = self.tech(r, TechnicianRole::Mechanic);
            let photos = r.range(1, 4);
            let cause = *r.pick(say::CAUSES);
            self.push(
                at,
                LogbookKind::DamageReport,
                mech,
                say::damage(photos, &cause),
            );
        }
        if full && self.res.is_some() && r.chance(3) {
            if let Some(fd) = h.first_delivered {
                let fitting: Vec<&say::Seen> = say::SIGNALS
                    .iter()
                    .filter(|s| !s.electric || d.is_electric())
                    .collect();
                let s = *r.pick(&fitting);
                let day = date_between(r, fd, end);
                let at = at_day(r, day);
                let mech = self.tech(r, TechnicianRole::Mechanic);
                self.push(at, LogbookKind::Signal, mech, say::signalled(s));
            }
        }
    }
}

/// A moment during working hours on `day`.
fn at_day(r: &mut Rand, day: NaiveDate) -> DateTime<Utc> {
    local_time(day, r.range(8 * 60, 16 * 60) as u32)
}

/// The device's history before today, oldest first.
pub(super) fn history_events(
    ctx: &Ctx,
    r: &mut Rand,
    d: &Device,
    slings: &[Sling],
    res: Option<&Res>,
    muni: usize,
    h: &History,
) -> Vec<Ev> {
    let mut past = Past {
        ctx,
        d,
        slings,
        res,
        muni,
        h,
        full: ctx.history == HistoryDepth::Full,
        end: ctx.history_end,
        ev: Vec::new(),
    };
    past.life(r);
    past.maintenance(r);
    past.repairs(r);
    past.incidents(r);
    let mut ev = past.ev;
    // Nothing before registration, nothing after the history window.
    let first = local_time(h.first_issued, 9 * 60);
    let last = local_time(days_after(ctx.history_end, 1), 0);
    for e in &mut ev {
        if e.at < first {
            e.at = first;
        }
        if e.at >= last {
            e.at = last - Duration::minutes(1);
        }
    }
    ev.sort_by_key(|e| e.at);
    ev
}
