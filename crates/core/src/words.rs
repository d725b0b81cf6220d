//! Values in words, in Dutch and English: dates ("10 december 2027" / "10 December 2027"),
//! moments, money ("€ 17.915,00" / "€17,915.00"), numbers with their unit ("7,4 km/u" /
//! "7.4 km/h"), yes and no, categories by name. The one home of how the app writes a value
//! for people: the logbook's details, the passport, the documents and the portal use these.

use crate::sla::LOCAL_TZ;
use crate::units::Unit;
use crate::{Category, Localized};
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "10 december 2027" / "10 December 2027".
pub fn date(d: NaiveDate) -> Localized {
    let m = d.month0() as usize;
    Localized::new(
        format!("{} {} {}", d.day(), NL_MONTHS[m], d.year()),
        format!("{} {} {}", d.day(), EN_MONTHS[m], d.year()),
    )
}

/// An instant in Amsterdam time: "10 december 2027, 14:30" / "10 December 2027, 14:30".
pub fn moment(t: DateTime<Utc>) -> Localized {
    let d = date(t.with_timezone(&LOCAL_TZ).date_naive());
    let hm = clock(t);
    Localized::new(format!("{}, {hm}", d.nl), format!("{}, {hm}", d.en))
}

/// The clock time of an instant in Amsterdam: "14:30".
pub fn clock(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&LOCAL_TZ);
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// A time window in Amsterdam time: "10:30–12:30" (the same in both languages).
pub fn window(w: &crate::model::TimeWindow) -> String {
    format!("{}–{}", clock(w.start), clock(w.end))
}

fn grouped(whole: u64, sep: char) -> String {
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Money from cents: "€ 17.915,00" / "€17,915.00".
pub fn euro(cents: u64) -> Localized {
    let (whole, rest) = (cents / 100, cents % 100);
    Localized::new(
        format!("€ {},{rest:02}", grouped(whole, '.')),
        format!("€{}.{rest:02}", grouped(whole, ',')),
    )
}

/// A number with at most `decimals` digits after the decimal point, trailing zeros kept as
/// the item keeps them: "7,4" / "7.4"; whole numbers without a decimal separator.
pub fn number(value: f64, decimals: u8) -> Localized {
    let en = if decimals == 0 || value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let s = format!("{value:.*}", usize::from(decimals.min(6)));
        // shortest form that still shows every digit typed
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        if s.is_empty() {
            "0".into()
        } else {
            s
        }
    };
    // thousands grouped: "30.000" / "30,000"
    let (int, frac) = en.split_once('.').unwrap_or((en.as_str(), ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let whole: u64 = digits.parse().unwrap_or(0);
    let group = |sep: char| {
        if digits.len() > 4 {
            grouped(whole, sep)
        } else {
            digits.to_string()
        }
    };
    let with = |sep: char, dec: char| {
        if frac.is_empty() {
            format!("{sign}{}", group(sep))
        } else {
            format!("{sign}{}{dec}{frac}", group(sep))
        }
    };
    Localized::new(with('.', ','), with(',', '.'))
}

/// A number with its unit: "7,4 km/u" / "7.4 km/h"; a count has no unit.
pub fn measure(value: f64, decimals: u8, unit: Unit) -> Localized {
    let n = number(value, decimals);
    let u = unit.symbols();
    let join = |n: &str, u: &str| {
        if u.is_empty() {
            n.to_string()
        } else if u == "%" {
            format!("{n}%")
        } else {
            format!("{n} {u}")
        }
    };
    Localized::new(join(&n.nl, &u.nl), join(&n.en, &u.en))
}

pub fn yes_no(v: bool) -> Localized {
    if v {
        Localized::new("ja", "yes")
    } else {
        Localized::new("nee", "no")
    }
}

/// "7 · Elektrische rolstoel" / "7 · Electric wheelchair".
pub fn category(c: Category) -> Localized {
    let name = c.name();
    Localized::new(
        format!("{} · {}", c.code(), name.nl),
        format!("{} · {}", c.code(), name.en),
    )
}

/// Plain text, the same in both languages (a name, a number, what someone typed).
pub fn same(text: impl Into<String>) -> Localized {
    let t = text.into();
    Localized::new(t.clone(), t)
}

/// Joins parts of both languages: `join(&[a, b], "; ")`.
pub fn join(parts: &[Localized], sep: &str) -> Localized {
    Localized::new(
        parts
            .iter()
            .map(|p| p.nl.as_str())
            .collect::<Vec<_>>()
            .join(sep),
        parts
            .iter()
            .map(|p| p.en.as_str())
            .collect::<Vec<_>>()
            .join(sep),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_money_and_numbers_read_as_people_write_them() {
        assert_eq!(
            date(d(2027, 12, 10)),
            Localized::new("10 december 2027", "10 December 2027")
        );
        assert_eq!(euro(1_791_500), Localized::new("€ 17.915,00", "€17,915.00"));
        assert_eq!(euro(5), Localized::new("€ 0,05", "€0.05"));
        assert_eq!(number(7.4, 1), Localized::new("7,4", "7.4"));
        assert_eq!(number(12.0, 0), Localized::new("12", "12"));
        assert_eq!(number(12.5, 2), Localized::new("12,5", "12.5"));
        assert_eq!(number(30000.0, 0), Localized::new("30.000", "30,000"));
        assert_eq!(number(1234.0, 0), Localized::new("1234", "1234"));
        assert_eq!(number(-25.47, 2), Localized::new("-25,47", "-25.47"));
        assert_eq!(
            measure(7.4, 1, Unit::KmPerHour),
            Localized::new("7,4 km/u", "7.4 km/h")
        );
        assert_eq!(
            measure(92.0, 0, Unit::Percent),
            Localized::new("92%", "92%")
        );
        let t = chrono::DateTime::parse_from_rfc3339("2026-07-01T12:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            moment(t),
            Localized::new("1 juli 2026, 14:30", "1 July 2026, 14:30")
        );
    }
}
