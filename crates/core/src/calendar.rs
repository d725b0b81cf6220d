//! The working-day calendar (werkdagen).
//!
//! The contract speaks of working days and of "algemeen erkende feestdagen", the term of the
//! Algemene termijnenwet (art. 3). A working day is Monday to Friday except: New Year's Day,
//! Easter Monday, Ascension Day (Easter + 39), Whit Monday (Easter + 50), King's Day
//! (27 April, 26 April when 27 April is a Sunday), 5 May (every year) and both Christmas days.
//! Good Friday is not in the legal list.
//!
//! The calendar is data: a [`CalendarConfig`] holds the rules (fixed day, Easter offset,
//! King's Day) and one-off extra days, so a supplier can extend the legal list when a
//! municipality or collective agreement adds days (for example Good Friday as an Easter
//! offset of -2, or 24 December 2026 as an extra day). [`CalendarConfig::dutch_legal`] is the
//! default. Rules apply to every year; historical changes (Queen's Day before 2014, Liberation
//! Day only every five years before 2000) are not modelled, as deadlines concern the present.
//!
//! Nothing is cached: holidays are computed per call from at most [`MAX_RULES`] rules and a
//! sorted map of extra days, which is cheap. The calendar is `Clone + Send + Sync`.

use crate::{Localized, ValidationError};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// First year the calendar is meant and tested for; extra days must lie in this range.
pub const MIN_YEAR: i32 = 1900;
/// Last year the calendar is meant and tested for; extra days must lie in this range.
pub const MAX_YEAR: i32 = 2200;
/// At most this many rules. Far below the ~260 weekdays of a year, so every year keeps
/// working days and adding working days always terminates.
pub const MAX_RULES: usize = 50;
/// At most this many one-off extra days.
pub const MAX_EXTRA_DAYS: usize = 1000;
/// Easter offsets must lie within +/- this many days, which keeps the date in Easter's year
/// (Easter falls between 22 March and 25 April) and covers every moveable feast in use.
pub const MAX_EASTER_OFFSET: i32 = 70;
/// Longest name (of the calendar or of a day), in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Easter Sunday of a (proleptic Gregorian) year, by the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher). `None` only for years chrono cannot represent.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // n / 31 is 3 or 4 and n % 31 + 1 is 1..=31: the casts cannot lose anything.
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// A recurring holiday rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum HolidayRule {
    /// The same month and day every year (29 February is refused: use an extra day).
    Fixed {
        month: u32,
        day: u32,
        name: Localized,
    },
    /// Easter Sunday plus `days` (negative for before Easter): 1 = Easter Monday, 39 =
    /// Ascension Day, 50 = Whit Monday, -2 = Good Friday.
    EasterOffset { days: i32, name: Localized },
    /// 27 April, or 26 April when 27 April is a Sunday.
    KingsDay { name: Localized },
}

impl HolidayRule {
    /// The day this rule gives in `year`, if it exists.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        self.date_with_easter(year, easter_sunday(year))
    }

    fn date_with_easter(&self, year: i32, easter: Option<NaiveDate>) -> Option<NaiveDate> {
        match self {
            HolidayRule::Fixed { month, day, .. } => NaiveDate::from_ymd_opt(year, *month, *day),
            HolidayRule::EasterOffset { days, .. } => {
                let easter = easter?;
                let delta = Days::new(u64::from(days.unsigned_abs()));
                if *days >= 0 {
                    easter.checked_add_days(delta)
                } else {
                    easter.checked_sub_days(delta)
                }
            }
            HolidayRule::KingsDay { .. } => {
                let d = NaiveDate::from_ymd_opt(year, 4, 27)?;
                if d.weekday() == Weekday::Sun {
                    d.pred_opt()
                } else {
                    Some(d)
                }
            }
        }
    }

    /// The holiday's name in Dutch and English.
    pub fn name(&self) -> &Localized {
        match self {
            HolidayRule::Fixed { name, .. }
            | HolidayRule::EasterOffset { name, .. }
            | HolidayRule::KingsDay { name } => name,
        }
    }

    fn easter(days: i32, nl: &str, en: &str) -> HolidayRule {
        HolidayRule::EasterOffset {
            days,
            name: Localized::new(nl, en),
        }
    }

    fn fixed(month: u32, day: u32, nl: &str, en: &str) -> HolidayRule {
        HolidayRule::Fixed {
            month,
            day,
            name: Localized::new(nl, en),
        }
    }
}

/// A one-off day off: either a bare ISO date (`"2026-12-24"`) or a date with a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum ExtraDay {
    Date(NaiveDate),
    Named { date: NaiveDate, name: Localized },
}

impl ExtraDay {
    pub fn date(&self) -> NaiveDate {
        match self {
            ExtraDay::Date(d) | ExtraDay::Named { date: d, .. } => *d,
        }
    }

    /// The given name, or "Extra vrije dag" / "Extra day off".
    pub fn name(&self) -> Localized {
        match self {
            ExtraDay::Date(_) => Localized::new("Extra vrije dag", "Extra day off"),
            ExtraDay::Named { name, .. } => name.clone(),
        }
    }
}

/// The calendar as data, as stored and edited by the supplier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    pub name: String,
    pub rules: Vec<HolidayRule>,
    #[serde(default)]
    pub extra_days: Vec<ExtraDay>,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        CalendarConfig::dutch_legal()
    }
}

impl CalendarConfig {
    /// The public holidays of the Algemene termijnenwet, art. 3.
    pub fn dutch_legal() -> CalendarConfig {
        CalendarConfig {
            name: "Algemene termijnenwet".into(),
            rules: vec![
                HolidayRule::fixed(1, 1, "Nieuwjaarsdag", "New Year's Day"),
                HolidayRule::easter(1, "Tweede paasdag", "Easter Monday"),
                HolidayRule::KingsDay {
                    name: Localized::new("Koningsdag", "King's Day"),
                },
                HolidayRule::fixed(5, 5, "Bevrijdingsdag", "Liberation Day"),
                HolidayRule::easter(39, "Hemelvaartsdag", "Ascension Day"),
                HolidayRule::easter(50, "Tweede pinksterdag", "Whit Monday"),
                HolidayRule::fixed(12, 25, "Eerste kerstdag", "Christmas Day"),
                HolidayRule::fixed(12, 26, "Tweede kerstdag", "Boxing Day"),
            ],
            extra_days: Vec::new(),
        }
    }

    /// Checks the configuration; the error's reason says in English what is wrong.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let bad = |reason: String| Err(ValidationError::InvalidCalendar { reason });
        if self.name.trim().is_empty() {
            return bad("the calendar has no name".into());
        }
        if self.name.chars().count() > MAX_NAME_CHARS {
            return bad(format!(
                "the calendar name is longer than {MAX_NAME_CHARS} characters"
            ));
        }
        if self.rules.len() > MAX_RULES {
            return bad(format!(
                "{} rules; at most {MAX_RULES} are allowed",
                self.rules.len()
            ));
        }
        if self.extra_days.len() > MAX_EXTRA_DAYS {
            return bad(format!(
                "{} extra days; at most {MAX_EXTRA_DAYS} are allowed",
                self.extra_days.len()
            ));
        }
        for (i, rule) in self.rules.iter().enumerate() {
            let n = i + 1;
            check_name(rule.name()).map_err(|r| invalid(format!("rule {n}: {r}")))?;
            match rule {
                HolidayRule::Fixed { month, day, .. } => {
                    if !(1..=12).contains(month) {
                        return bad(format!("rule {n}: month {month} is not 1 to 12"));
                    }
                    if *month == 2 && *day == 29 {
                        return bad(format!(
                            "rule {n}: 29 February does not occur every year; add it as an extra day"
                        ));
                    }
                    // 2024 is a leap year, but 29 February is refused above.
                    if *day == 0 || NaiveDate::from_ymd_opt(2024, *month, *day).is_none() {
                        return bad(format!("rule {n}: month {month} has no day {day}"));
                    }
                }
                HolidayRule::EasterOffset { days, .. } => {
                    if days.unsigned_abs() > MAX_EASTER_OFFSET.unsigned_abs() {
                        return bad(format!(
                            "rule {n}: Easter offset {days} is outside -{MAX_EASTER_OFFSET} to {MAX_EASTER_OFFSET} days"
                        ));
                    }
                }
                HolidayRule::KingsDay { .. } => {}
            }
        }
        for day in &self.extra_days {
            let date = day.date();
            if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
                return bad(format!(
                    "extra day {date} is outside the years {MIN_YEAR} to {MAX_YEAR}"
                ));
            }
            check_name(&day.name()).map_err(|r| invalid(format!("extra day {date}: {r}")))?;
        }
        Ok(())
    }
}

fn invalid(reason: String) -> ValidationError {
    ValidationError::InvalidCalendar { reason }
}

fn check_name(name: &Localized) -> Result<(), String> {
    for (lang, text) in [("Dutch", &name.nl), ("English", &name.en)] {
        if text.trim().is_empty() {
            return Err(format!("the {lang} name is empty"));
        }
        if text.chars().count() > MAX_NAME_CHARS {
            return Err(format!(
                "the {lang} name is longer than {MAX_NAME_CHARS} characters"
            ));
        }
    }
    Ok(())
}

/// Working days: Monday to Friday except the holidays of a validated [`CalendarConfig`].
///
/// Serialises as its config; deserialising validates it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CalendarConfig", into = "CalendarConfig")]
pub struct WorkingDayCalendar {
    config: CalendarConfig,
    extra: BTreeMap<NaiveDate, Localized>,
}

impl Default for WorkingDayCalendar {
    fn default() -> Self {
        WorkingDayCalendar::dutch_legal()
    }
}

impl TryFrom<CalendarConfig> for WorkingDayCalendar {
    type Error = ValidationError;
    fn try_from(config: CalendarConfig) -> Result<Self, Self::Error> {
        config.validate()?;
        let mut extra = BTreeMap::new();
        for day in &config.extra_days {
            // A date listed twice keeps its first name.
            extra.entry(day.date()).or_insert_with(|| day.name());
        }
        Ok(WorkingDayCalendar { config, extra })
    }
}

impl From<WorkingDayCalendar> for CalendarConfig {
    fn from(cal: WorkingDayCalendar) -> Self {
        cal.config
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl WorkingDayCalendar {
    /// Validates `config` and builds the calendar from it.
    pub fn from_config(config: &CalendarConfig) -> Result<Self, ValidationError> {
        WorkingDayCalendar::try_from(config.clone())
    }

    /// The legal calendar of the Algemene termijnenwet.
    pub fn dutch_legal() -> Self {
        // The legal config is valid by construction (checked in the tests).
        let config = CalendarConfig::dutch_legal();
        WorkingDayCalendar {
            config,
            extra: BTreeMap::new(),
        }
    }

    /// The configuration this calendar was built from.
    pub fn config(&self) -> &CalendarConfig {
        &self.config
    }

    /// This calendar plus one more rule (e.g. Good Friday as an Easter offset of -2).
    pub fn with_rule(self, rule: HolidayRule) -> Result<Self, ValidationError> {
        let mut config = self.config;
        config.rules.push(rule);
        WorkingDayCalendar::try_from(config)
    }

    /// This calendar plus one more day off.
    pub fn with_extra_day(self, day: ExtraDay) -> Result<Self, ValidationError> {
        let mut config = self.config;
        config.extra_days.push(day);
        WorkingDayCalendar::try_from(config)
    }

    /// The holiday on `d`, if any (also when it falls in a weekend). When several rules give
    /// the same day, the first rule's name wins, then the extra day's.
    pub fn holiday(&self, d: NaiveDate) -> Option<Localized> {
        self.holiday_name(d).cloned()
    }

    fn holiday_name(&self, d: NaiveDate) -> Option<&Localized> {
        let easter = easter_sunday(d.year());
        self.config
            .rules
            .iter()
            .find(|r| r.date_with_easter(d.year(), easter) == Some(d))
            .map(HolidayRule::name)
            .or_else(|| self.extra.get(&d))
    }

    /// Why `d` is not a working day (its holiday, else "Saturday"/"Sunday"); `None` on a
    /// working day.
    pub fn non_working_reason(&self, d: NaiveDate) -> Option<Localized> {
        self.holiday(d).or_else(|| match d.weekday() {
            Weekday::Sat => Some(Localized::new("Zaterdag", "Saturday")),
            Weekday::Sun => Some(Localized::new("Zondag", "Sunday")),
            _ => None,
        })
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !is_weekend(d) && self.holiday_name(d).is_none()
    }

    /// All holidays of `year` (including those in weekends), sorted, one entry per date.
    pub fn holidays_in_year(&self, year: i32) -> Vec<(NaiveDate, Localized)> {
        self.holiday_dates(year)
            .into_iter()
            .filter_map(|d| self.holiday(d).map(|n| (d, n)))
            .collect()
    }

    /// Distinct holiday dates of `year`, sorted.
    fn holiday_dates(&self, year: i32) -> Vec<NaiveDate> {
        let easter = easter_sunday(year);
        let mut dates: Vec<NaiveDate> = self
            .config
            .rules
            .iter()
            .filter_map(|r| r.date_with_easter(year, easter))
            .filter(|d| d.year() == year)
            .collect();
        if let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) {
            dates.extend(self.extra.range(first..=last).map(|(d, _)| *d));
        }
        dates.sort_unstable();
        dates.dedup();
        dates
    }

    /// The first working day strictly after `d`.
    ///
    /// # Panics
    /// Only at the end of chrono's date range (year 262143).
    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        self.add_working_days(d, 1)
    }

    /// The last working day strictly before `d`; `None` only at the start of chrono's range.
    pub fn previous_working_day(&self, d: NaiveDate) -> Option<NaiveDate> {
        let mut cur = d.pred_opt()?;
        while !self.is_working_day(cur) {
            cur = cur.pred_opt()?;
        }
        Some(cur)
    }

    /// The `n`-th working day strictly after `d`; `d` itself when `n` is 0.
    ///
    /// # Panics
    /// Only when the result would lie past the end of chrono's date range (year 262143).
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        self.checked_add_working_days(d, n)
            .expect("working-day arithmetic beyond chrono's date range")
    }

    /// Like [`add_working_days`](Self::add_working_days), `None` past chrono's date range.
    pub fn checked_add_working_days(&self, d: NaiveDate, n: u32) -> Option<NaiveDate> {
        if n == 0 {
            return Some(d);
        }
        // Jump ahead by the number of working days still missing (each calendar day adds at
        // most one) until exactly n lie in (d, cur]. The last jump reaches n only if every
        // day it covered is a working day, so cur is then the n-th working day itself.
        let (mut cur, mut count) = (d, 0u32);
        while count < n {
            let next = cur.checked_add_days(Days::new(u64::from(n - count)))?;
            count += self.working_days_between(cur, next);
            cur = next;
        }
        debug_assert!(self.is_working_day(cur));
        Some(cur)
    }

    /// The number of working days in `(a, b]`; 0 when `b <= a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> u32 {
        if b <= a {
            return 0;
        }
        let span = b.signed_duration_since(a).num_days();
        let full_weeks = span / 7;
        let mut weekdays = full_weeks * 5;
        let mut cur = a + chrono::Duration::days(full_weeks * 7);
        while cur < b {
            cur = cur.succ_opt().unwrap_or(b);
            if !is_weekend(cur) {
                weekdays += 1;
            }
        }
        let mut holidays = 0i64;
        for year in a.year()..=b.year() {
            holidays += self
                .holiday_dates(year)
                .into_iter()
                .filter(|d| *d > a && *d <= b && !is_weekend(*d))
                .count() as i64;
        }
        // At most ~191 million days fit in chrono's range: the count fits in u32.
        u32::try_from(weekdays - holidays).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_known_dates() {
        let known = "1900-04-15 1943-04-25 1961-04-02 2000-04-23 2008-03-23 2024-03-31 \
                     2025-04-20 2026-04-05 2027-03-28 2038-04-25 2100-03-28 2200-04-06";
        for e in known.split_whitespace().map(date) {
            assert_eq!(easter_sunday(e.year()), Some(e), "Easter {}", e.year());
        }
    }

    #[test]
    fn legal_holidays_2024_to_2027() {
        let cal = WorkingDayCalendar::dutch_legal();
        let expected = [
            (2024, "01-01 04-01 04-27 05-05 05-09 05-20 12-25 12-26"),
            // 27 April 2025 is a Sunday: King's Day on 26 April.
            (2025, "01-01 04-21 04-26 05-05 05-29 06-09 12-25 12-26"),
            (2026, "01-01 04-06 04-27 05-05 05-14 05-25 12-25 12-26"),
            (2027, "01-01 03-29 04-27 05-05 05-06 05-17 12-25 12-26"),
        ];
        for (year, days) in expected {
            let got: Vec<NaiveDate> = cal
                .holidays_in_year(year)
                .into_iter()
                .map(|(d, _)| d)
                .collect();
            let want: Vec<NaiveDate> = days
                .split_whitespace()
                .map(|d| date(&format!("{year}-{d}")))
                .collect();
            assert_eq!(got, want, "{year}");
        }
    }

    #[test]
    fn named_holidays() {
        let cal = WorkingDayCalendar::dutch_legal();
        let name = |s: &str| cal.holiday(date(s)).map(|l| l.en);
        // 27 April 2025 is a Sunday, so King's Day is Saturday 26 April.
        assert_eq!(name("2025-04-26").as_deref(), Some("King's Day"));
        assert_eq!(name("2025-04-27"), None);
        assert_eq!(name("2026-04-27").as_deref(), Some("King's Day"));
        assert_eq!(name("2026-05-14").as_deref(), Some("Ascension Day"));
        assert_eq!(name("2026-05-25").as_deref(), Some("Whit Monday"));
        assert_eq!(name("2026-04-06").as_deref(), Some("Easter Monday"));
        assert_eq!(name("2026-12-26").as_deref(), Some("Boxing Day"));
        assert_eq!(
            cal.holiday(date("2026-05-05")).unwrap().nl,
            "Bevrijdingsdag"
        );
        // Good Friday, Easter Sunday and Whit Sunday are not legal holidays.
        assert_eq!(name("2026-04-03"), None);
        assert!(cal.is_working_day(date("2026-04-03")));
        assert!(!cal.is_working_day(date("2026-04-06")));
        assert!(!cal.is_working_day(date("2026-05-05")));
        assert!(!cal.is_working_day(date("2026-02-14")));
        assert!(cal.is_working_day(date("2026-02-13")));
        // A holiday in a weekend is still named; the reason falls back to the weekday.
        assert_eq!(name("2024-05-05").as_deref(), Some("Liberation Day"));
        let why = |s: &str| cal.non_working_reason(date(s)).map(|l| l.en);
        assert_eq!(why("2026-02-14").as_deref(), Some("Saturday"));
        assert_eq!(why("2026-02-15").as_deref(), Some("Sunday"));
        assert_eq!(why("2026-12-25").as_deref(), Some("Christmas Day"));
        assert_eq!(why("2026-02-16"), None);
    }

    #[test]
    fn working_day_arithmetic() {
        let cal = WorkingDayCalendar::dutch_legal();
        let d = date("2026-12-24"); // Thursday
        assert_eq!(cal.next_working_day(d), date("2026-12-28"));
        assert_eq!(cal.add_working_days(d, 0), d);
        assert_eq!(cal.add_working_days(d, 2), date("2026-12-29"));
        // 31 Dec 2026 is Thursday; 1 Jan 2027 (Friday) is a holiday.
        assert_eq!(
            cal.add_working_days(date("2026-12-30"), 2),
            date("2027-01-04")
        );
        // Across King's Day and 5 May 2026: 10 working days after Thursday 23 April.
        assert_eq!(
            cal.add_working_days(date("2026-04-23"), 10),
            date("2026-05-11")
        );
        assert_eq!(
            cal.working_days_between(date("2026-04-23"), date("2026-05-11")),
            10
        );
        assert_eq!(
            cal.working_days_between(date("2026-05-11"), date("2026-04-23")),
            0
        );
        assert_eq!(cal.working_days_between(d, d), 0);
        // 2026 has 261 weekdays and 7 legal holidays on weekdays (1 Jan, 6 Apr, 27 Apr,
        // 5 May, 14 May, 25 May, 25 Dec; 26 Dec is a Saturday): 261 - 7 = 254.
        assert_eq!(
            cal.working_days_between(date("2025-12-31"), date("2026-12-31")),
            254
        );
        assert_eq!(
            cal.previous_working_day(date("2026-12-28")),
            Some(date("2026-12-24"))
        );
        assert_eq!(
            cal.add_working_days(date("2026-02-14"), 1),
            date("2026-02-16")
        );
    }

    #[test]
    fn add_matches_a_day_by_day_walk() {
        let cal = WorkingDayCalendar::dutch_legal()
            .with_rule(HolidayRule::easter(-2, "Goede Vrijdag", "Good Friday"))
            .unwrap();
        let mut start = date("2025-12-01");
        while start < date("2027-02-01") {
            for n in 0..30 {
                let mut cur = start;
                let mut left = n;
                while left > 0 {
                    cur = cur.succ_opt().unwrap();
                    if cal.is_working_day(cur) {
                        left -= 1;
                    }
                }
                assert_eq!(cal.add_working_days(start, n), cur, "{start} + {n}");
            }
            start = start.succ_opt().unwrap();
        }
    }

    #[test]
    fn extending_the_calendar() {
        let cal = WorkingDayCalendar::dutch_legal()
            .with_rule(HolidayRule::easter(-2, "Goede Vrijdag", "Good Friday"))
            .unwrap()
            .with_extra_day(ExtraDay::Date(date("2026-12-24")))
            .unwrap();
        assert_eq!(cal.holiday(date("2026-04-03")).unwrap().en, "Good Friday");
        assert_eq!(cal.holiday(date("2026-12-24")).unwrap().en, "Extra day off");
        assert_eq!(cal.next_working_day(date("2026-12-23")), date("2026-12-28"));
        assert_eq!(cal.config().rules.len(), 9);
    }

    #[test]
    fn config_round_trips_and_accepts_bare_dates() {
        let json = r#"{"name":"Gemeente X","rules":[
            {"kind":"fixed","month":1,"day":1,"name":{"nl":"Nieuwjaarsdag","en":"New Year's Day"}},
            {"kind":"easter_offset","days":-2,"name":{"nl":"Goede Vrijdag","en":"Good Friday"}},
            {"kind":"kings_day","name":{"nl":"Koningsdag","en":"King's Day"}}],
            "extra_days":["2026-12-24",{"date":"2026-12-31","name":{"nl":"Oudjaarsdag","en":"New Year's Eve"}}]}"#;
        let config: CalendarConfig = serde_json::from_str(json).unwrap();
        let cal = WorkingDayCalendar::from_config(&config).unwrap();
        assert_eq!(cal.holiday(date("2026-12-31")).unwrap().nl, "Oudjaarsdag");
        assert!(!cal.is_working_day(date("2026-12-24")));
        let back: WorkingDayCalendar =
            serde_json::from_str(&serde_json::to_string(&cal).unwrap()).unwrap();
        assert_eq!(back, cal);
        let legal = serde_json::to_string(&CalendarConfig::dutch_legal()).unwrap();
        assert_eq!(
            serde_json::from_str::<CalendarConfig>(&legal).unwrap(),
            CalendarConfig::dutch_legal()
        );
        // A typo in a field name is refused rather than silently ignored.
        assert!(serde_json::from_str::<CalendarConfig>(
            r#"{"name":"x","rules":[],"extra_dayz":[]}"#
        )
        .is_err());
    }

    #[test]
    fn invalid_configs_are_refused_with_a_reason() {
        assert!(CalendarConfig::dutch_legal().validate().is_ok());
        let with_rule = |rule: HolidayRule| {
            let mut c = CalendarConfig::dutch_legal();
            c.rules.push(rule);
            WorkingDayCalendar::from_config(&c)
        };
        let reason = |r: Result<WorkingDayCalendar, ValidationError>| match r {
            Err(ValidationError::InvalidCalendar { reason }) => reason,
            other => panic!("expected InvalidCalendar, got {other:?}"),
        };
        assert!(reason(with_rule(HolidayRule::fixed(13, 1, "x", "x"))).contains("month 13"));
        assert!(reason(with_rule(HolidayRule::fixed(4, 31, "x", "x"))).contains("no day 31"));
        assert!(reason(with_rule(HolidayRule::fixed(4, 0, "x", "x"))).contains("no day 0"));
        assert!(reason(with_rule(HolidayRule::fixed(2, 29, "x", "x"))).contains("29 February"));
        assert!(reason(with_rule(HolidayRule::easter(71, "x", "x"))).contains("offset 71"));
        assert!(reason(with_rule(HolidayRule::easter(-71, "x", "x"))).contains("offset -71"));
        assert!(with_rule(HolidayRule::easter(-70, "x", "x")).is_ok());
        assert!(reason(with_rule(HolidayRule::fixed(3, 1, " ", "x"))).contains("Dutch name"));
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert!(reason(with_rule(HolidayRule::fixed(3, 1, "x", &long))).contains("English"));

        let mut c = CalendarConfig::dutch_legal();
        c.rules = (0..=MAX_RULES)
            .map(|_| HolidayRule::fixed(3, 1, "x", "x"))
            .collect();
        assert!(reason(WorkingDayCalendar::from_config(&c)).contains("rules"));
        let mut c = CalendarConfig::dutch_legal();
        c.extra_days = vec![ExtraDay::Date(date("2026-03-02")); MAX_EXTRA_DAYS + 1];
        assert!(reason(WorkingDayCalendar::from_config(&c)).contains("extra days"));
        let mut c = CalendarConfig::dutch_legal();
        c.extra_days = vec![ExtraDay::Date(date("2201-03-02"))];
        assert!(reason(WorkingDayCalendar::from_config(&c)).contains("2201-03-02"));
        let mut c = CalendarConfig::dutch_legal();
        c.name = "  ".into();
        assert!(reason(WorkingDayCalendar::from_config(&c)).contains("name"));
        // Deserialising a calendar validates it.
        assert!(serde_json::from_str::<WorkingDayCalendar>(
            r#"{"name":"x","rules":[{"kind":"fixed","month":2,"day":30,"name":{"nl":"a","en":"b"}}]}"#
        )
        .is_err());
    }

    #[test]
    fn dutch_legal_matches_validated_construction() {
        let built = WorkingDayCalendar::from_config(&CalendarConfig::dutch_legal()).unwrap();
        assert_eq!(built, WorkingDayCalendar::dutch_legal());
        assert_eq!(WorkingDayCalendar::default(), built);
    }
}
