//! Deterministic, seeded demo data for the Veldwerk replica.
//!
//! [`generate`] fills an empty [`Store`] with invented but realistic data for the nine
//! municipalities of the contract: residents with their contact persons, devices of all 20
//! category codes with real brands and models, slings for the hoists, a hash-chained logbook
//! per device (every entry worded in Dutch and English), orders, open
//! malfunctions (class B/C ones reported on the anchor day before 08:00, class A ones in the
//! two days before), and two weeks of appointments for every technician: repairs within
//! their class's deadlines, maintenance near its due date, every kind of guided job on the
//! first working day; when the anchor is a weekend day or public holiday, that morning's
//! urgent reports served by the mechanic on call that day; the few visits planned late or
//! overdue say so in their note.
//!
//! The same seed and anchor always give the same data: identical ids, names, dates and
//! hashes. Nothing reads the clock; every date derives from [`DemoConfig::anchor`], and every
//! id is a UUIDv7 built from a date in the data and seeded random bits.

mod catalog;
mod contacts;
mod data;
mod devices;
mod entries;
mod orders;
mod people;
mod planning;
mod rng;

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use serde::Serialize;
use veldwerk_core::ids::{MunicipalityId, TechnicianId};
use veldwerk_core::model::{Municipality, Technician, TechnicianRole};
use veldwerk_core::{Localized, ValidationError, WorkingDayCalendar};
use veldwerk_store::{Store, StoreError};

pub use data::MUNICIPALITIES;

/// The models the demo stocks, as (category, brand, model), every category of the contract
/// (adults' and children's lines): what an end-to-end test searches for to open a device of
/// every kind.
pub fn catalogue_models() -> Vec<(veldwerk_core::Category, &'static str, &'static str)> {
    catalog::PLANS
        .iter()
        .flat_map(|p| p.models.iter().map(move |m| (p.category, m.brand, m.model)))
        .collect()
}
pub use planning::{MAINTENANCE_LEAD_DAYS, NOTE_LATE, NOTE_OVERDUE};

/// How much history each device gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum HistoryDepth {
    /// Years of maintenance, repairs, inspections, usage checks (about 5-15 entries).
    Full,
    /// About 2-4 entries per device, for the large benchmark replica.
    Compact,
}

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoConfig {
    pub seed: u64,
    pub residents: usize,
    pub devices: usize,
    pub technicians: usize,
    /// "Today". Appointments are planned for the working days of the Monday-Friday week
    /// containing it and of the next week; class A malfunctions are reported in the two days
    /// before it, class B and C ones on it, before 08:00 (so a user starting the demo during
    /// the day sees them as past; one starting earlier sees some ahead). When it is not a
    /// working day, its urgent reports are served on call that day by one mechanic.
    pub anchor: NaiveDate,
    pub history: HistoryDepth,
}

/// An unknown size name for [`DemoConfig::sized`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownSize(pub String);

impl std::fmt::Display for UnknownSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown demo size {:?} (use small, medium or benchmark)",
            self.0
        )
    }
}

impl std::error::Error for UnknownSize {}

impl DemoConfig {
    /// The seed of the presets.
    pub const DEFAULT_SEED: u64 = 7311;

    /// About 300 residents, 600 devices, 6 technicians (3 mechanics, 2 fitters, 1 case
    /// manager), full history: a technician's own replica.
    pub fn small(anchor: NaiveDate) -> DemoConfig {
        DemoConfig {
            seed: Self::DEFAULT_SEED,
            residents: 300,
            devices: 600,
            technicians: 6,
            anchor,
            history: HistoryDepth::Full,
        }
    }

    /// 5,000 residents, 10,000 devices, 15 technicians, full history.
    pub fn medium(anchor: NaiveDate) -> DemoConfig {
        DemoConfig {
            seed: Self::DEFAULT_SEED,
            residents: 5_000,
            devices: 10_000,
            technicians: 15,
            anchor,
            history: HistoryDepth::Full,
        }
    }

    /// 50,000 residents, 100,000 devices, 40 technicians, compact history: the whole
    /// contract, for benchmarks.
    pub fn benchmark(anchor: NaiveDate) -> DemoConfig {
        DemoConfig {
            seed: Self::DEFAULT_SEED,
            residents: 50_000,
            devices: 100_000,
            technicians: 40,
            anchor,
            history: HistoryDepth::Compact,
        }
    }

    /// "small", "medium" or "benchmark" (case-insensitive).
    pub fn sized(name: &str, anchor: NaiveDate) -> Result<DemoConfig, UnknownSize> {
        match name.trim().to_ascii_lowercase().as_str() {
            "small" => Ok(Self::small(anchor)),
            "medium" => Ok(Self::medium(anchor)),
            "benchmark" => Ok(Self::benchmark(anchor)),
            _ => Err(UnknownSize(name.to_string())),
        }
    }

    pub fn with_seed(mut self, seed: u64) -> DemoConfig {
        self.seed = seed;
        self
    }

    /// The Monday of the anchor's week.
    pub fn week_start(&self) -> NaiveDate {
        let back = u64::from(self.anchor.weekday().num_days_from_monday());
        self.anchor
            .checked_sub_days(Days::new(back))
            .unwrap_or(self.anchor)
    }

    /// The days appointments are planned on: the working days (Dutch legal calendar) of the
    /// anchor's Monday-Friday week and of the next week.
    pub fn planned_days(&self) -> Vec<NaiveDate> {
        let cal = WorkingDayCalendar::dutch_legal();
        let monday = self.week_start();
        (0..12u64)
            .filter_map(|i| monday.checked_add_days(Days::new(i)))
            .filter(|d| d.weekday().num_days_from_monday() < 5 && cal.is_working_day(*d))
            .collect()
    }

    /// How many technicians of each role: (mechanics, fitters, case managers).
    pub fn roles(&self) -> (usize, usize, usize) {
        let n = self.technicians;
        if n == 0 {
            return (0, 0, 0);
        }
        let case_managers = if n >= 3 { (n / 10).max(1) } else { 0 };
        let fitters = if n >= 2 {
            ((n * 35 + 50) / 100).max(1)
        } else {
            0
        };
        (n - case_managers - fitters, fitters, case_managers)
    }

    fn validate(&self) -> Result<(), ValidationError> {
        let empty = |field| Err(ValidationError::Empty { field });
        if self.residents == 0 {
            return empty("residents");
        }
        if self.devices == 0 {
            return empty("devices");
        }
        if self.technicians == 0 {
            return empty("technicians");
        }
        Ok(())
    }
}

/// The parts of a generation run, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DemoPhase {
    Setup,
    Residents,
    Devices,
    Planning,
    Done,
}

impl DemoPhase {
    pub fn label(self) -> Localized {
        match self {
            DemoPhase::Setup => Localized::new("Voorbereiden", "Preparing"),
            DemoPhase::Residents => Localized::new("Inwoners aanmaken", "Creating residents"),
            DemoPhase::Devices => Localized::new(
                "Hulpmiddelen en logboeken aanmaken",
                "Creating devices and logbooks",
            ),
            DemoPhase::Planning => Localized::new(
                "Opdrachten en afspraken plannen",
                "Planning orders and appointments",
            ),
            DemoPhase::Done => Localized::new("Klaar", "Done"),
        }
    }
}

/// Progress of a run: `done` of `total` units of the current phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DemoProgress {
    pub phase: DemoPhase,
    pub done: u64,
    pub total: u64,
}

impl DemoProgress {
    /// The share of the whole run that is done, 0.0..=1.0, weighting the phases by their
    /// usual cost (devices with their logbooks dominate).
    pub fn overall(&self) -> f64 {
        let (before, share) = match self.phase {
            DemoPhase::Setup => (0.0, 0.01),
            DemoPhase::Residents => (0.01, 0.19),
            DemoPhase::Devices => (0.20, 0.75),
            DemoPhase::Planning => (0.95, 0.05),
            DemoPhase::Done => return 1.0,
        };
        let frac = if self.total == 0 {
            0.0
        } else {
            self.done as f64 / self.total as f64
        };
        before + share * frac.clamp(0.0, 1.0)
    }
}

/// What a run wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DemoSummary {
    pub seed: u64,
    pub anchor: Option<NaiveDate>,
    pub municipalities: Vec<MunicipalityId>,
    /// In the order mechanics, fitters, case managers.
    pub technicians: Vec<TechnicianId>,
    pub residents: u32,
    pub caregivers: u32,
    pub devices: u32,
    pub slings: u32,
    pub logbook_entries: u32,
    pub orders: u32,
    /// Open malfunctions.
    pub malfunctions: u32,
    pub appointments: u32,
    pub jobs: u32,
    pub planned_days: Vec<NaiveDate>,
}

/// Settings written by a run.
pub const SETTING_SEED: &str = "demo_seed";
pub const SETTING_ANCHOR: &str = "demo_anchor";
/// Written last: a replica with a seed but without this was cut off while being filled.
pub const SETTING_COMPLETE: &str = "demo_complete";

/// Whether a demo fill of this replica was started and never finished (the process was
/// killed while generating): the replica then holds part of the demo data.
pub fn interrupted(store: &Store) -> Result<bool, StoreError> {
    Ok(store.setting(SETTING_SEED)?.is_some() && store.setting(SETTING_COMPLETE)?.is_none())
}

/// Residents written per transaction.
pub const RESIDENT_BATCH: usize = 2_000;
/// Devices (with their slings, logbooks and malfunctions) written per transaction.
pub const DEVICE_BATCH: usize = 2_000;

/// A technician as the generator knows them.
pub(crate) struct Tech {
    pub id: TechnicianId,
    pub name: String,
    pub role: TechnicianRole,
    /// Home municipalities (indices into [`MUNICIPALITIES`]).
    pub areas: &'static [usize],
}

/// What every part of the generator shares.
pub(crate) struct Ctx {
    pub seed: u64,
    pub anchor: NaiveDate,
    pub history: HistoryDepth,
    pub cal: WorkingDayCalendar,
    pub ids: rng::Ids,
    pub municipalities: Vec<MunicipalityId>,
    pub techs: Vec<Tech>,
    /// Per municipality, per role (mechanic, fitter, case manager): technicians serving it.
    pub serving: Vec<[Vec<usize>; 3]>,
    /// History entries lie on or before this day; only today's reports come later.
    pub history_end: NaiveDate,
    /// Last order number handed out.
    pub order_seq: u32,
}

pub(crate) fn role_index(r: TechnicianRole) -> usize {
    match r {
        TechnicianRole::Mechanic => 0,
        TechnicianRole::Fitter => 1,
        TechnicianRole::CaseManager => 2,
    }
}

impl Ctx {
    fn new(cfg: &DemoConfig) -> Ctx {
        let mut ids = rng::Ids::new(cfg.seed);
        let created = local_time(days_before(cfg.anchor, 3 * 365), 9 * 60);
        let municipalities = MUNICIPALITIES
            .iter()
            .map(|_| MunicipalityId(ids.at(created)))
            .collect();
        let techs = people::technicians(cfg, &mut ids, created);
        let mut serving: Vec<[Vec<usize>; 3]> = MUNICIPALITIES
            .iter()
            .map(|_| [Vec::new(), Vec::new(), Vec::new()])
            .collect();
        for (i, t) in techs.iter().enumerate() {
            for &m in t.areas {
                serving[m][role_index(t.role)].push(i);
            }
        }
        Ctx {
            seed: cfg.seed,
            anchor: cfg.anchor,
            history: cfg.history,
            cal: WorkingDayCalendar::dutch_legal(),
            ids,
            municipalities,
            techs,
            serving,
            history_end: days_before(cfg.anchor, 4),
            order_seq: 0,
        }
    }

    /// A technician of `role` serving municipality `muni` (any of the role when none does,
    /// any technician when the role has none).
    pub fn tech_for(&self, r: &mut rng::Rand, muni: usize, role: TechnicianRole) -> usize {
        let local = &self.serving[muni][role_index(role)];
        if !local.is_empty() {
            return *r.pick(local);
        }
        let of_role: Vec<usize> = (0..self.techs.len())
            .filter(|i| self.techs[*i].role == role)
            .collect();
        if of_role.is_empty() {
            r.below(self.techs.len())
        } else {
            *r.pick(&of_role)
        }
    }

    /// The mechanics on call on `day` when it is not a working day, in the order they are
    /// called in: a rota over the mechanics by the ISO week (the first is the one on call; the
    /// next only when one cannot reach every urgent report in time). Empty on a working day.
    pub fn on_call(&self, day: NaiveDate) -> Vec<usize> {
        if self.cal.is_working_day(day) {
            return Vec::new();
        }
        let mechanics: Vec<usize> = (0..self.techs.len())
            .filter(|t| self.techs[*t].role == TechnicianRole::Mechanic)
            .collect();
        let n = mechanics.len();
        let first = day.iso_week().week() as usize % n.max(1);
        (0..n).map(|i| mechanics[(first + i) % n]).collect()
    }

    /// The first working day on or after `d`.
    pub fn workday_from(&self, d: NaiveDate) -> NaiveDate {
        let mut d = d;
        for _ in 0..14 {
            if self.cal.is_working_day(d) {
                break;
            }
            d = d.succ_opt().unwrap_or(d);
        }
        d
    }
}

pub(crate) fn days_before(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

pub(crate) fn days_after(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// The instant of local (Europe/Amsterdam) time `minutes` after midnight on `date`.
pub(crate) fn local_time(date: NaiveDate, minutes: u32) -> DateTime<Utc> {
    let naive = date
        .and_hms_opt(minutes / 60 % 24, minutes % 60, 0)
        .unwrap_or_default();
    chrono_tz::Europe::Amsterdam
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive))
}

/// Fills an empty replica with demo data; see the crate docs. Writes in batched
/// transactions and reports progress after each. The replica must not hold data already
/// (the logbook is append-only, so a second run on the same file fails on its first entry).
pub fn generate(
    store: &mut Store,
    cfg: &DemoConfig,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<DemoSummary, StoreError> {
    cfg.validate()?;
    progress(DemoProgress {
        phase: DemoPhase::Setup,
        done: 0,
        total: 1,
    });
    let mut ctx = Ctx::new(cfg);
    let mut summary = DemoSummary {
        seed: cfg.seed,
        anchor: Some(cfg.anchor),
        municipalities: ctx.municipalities.clone(),
        technicians: ctx.techs.iter().map(|t| t.id).collect(),
        planned_days: cfg.planned_days(),
        ..DemoSummary::default()
    };
    {
        let w = store.write()?;
        w.set_setting(SETTING_SEED, &cfg.seed.to_string())?;
        w.set_setting(SETTING_ANCHOR, &cfg.anchor.format("%Y-%m-%d").to_string())?;
        for (m, id) in MUNICIPALITIES.iter().zip(&ctx.municipalities) {
            w.upsert_municipality(&Municipality {
                id: *id,
                code: m.code.to_string(),
                name: m.name.to_string(),
            })?;
        }
        for t in &ctx.techs {
            w.upsert_technician(&Technician {
                id: t.id,
                name: t.name.clone(),
                role: t.role,
            })?;
        }
        w.commit()?;
    }
    progress(DemoProgress {
        phase: DemoPhase::Setup,
        done: 1,
        total: 1,
    });
    let mut residents = people::write_residents(store, &mut ctx, cfg, &mut summary, progress)?;
    contacts::write_contacts(store, &ctx, &residents)?;
    let devices =
        devices::write_devices(store, &mut ctx, cfg, &mut residents, &mut summary, progress)?;
    planning::write_planning(
        store,
        &mut ctx,
        cfg,
        &residents,
        &devices,
        &mut summary,
        progress,
    )?;
    {
        let w = store.write()?;
        w.set_setting(SETTING_COMPLETE, "1")?;
        w.commit()?;
    }
    progress(DemoProgress {
        phase: DemoPhase::Done,
        done: 1,
        total: 1,
    });
    Ok(summary)
}

/// The local (Europe/Amsterdam) calendar day of an instant.
pub(crate) fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
}
