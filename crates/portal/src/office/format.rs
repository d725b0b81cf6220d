//! How the office view writes times, dates, money and names: Europe/Amsterdam, Dutch first.

use chrono::{DateTime, NaiveDate, Utc};
use veldwerk_core::jobs::evaluate::{human_day_year, human_deadline};
use veldwerk_core::sla::LOCAL_TZ;
use veldwerk_core::Localized;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn pick(self, l: &Localized) -> String {
        match self {
            Lang::Nl => l.nl.clone(),
            Lang::En => l.en.clone(),
        }
    }

    pub fn tr(self, nl: &str, en: &str) -> String {
        match self {
            Lang::Nl => nl.to_string(),
            Lang::En => en.to_string(),
        }
    }
}

/// "wo 4 mrt 2026" / "Wed 4 Mar 2026" (the app's own wording, veldwerk_core).
pub fn day(d: NaiveDate, lang: Lang) -> String {
    lang.pick(&human_day_year(d))
}

/// "wo 4 mrt 2026 10:00" in Amsterdam time.
pub fn moment(t: DateTime<Utc>, lang: Lang) -> String {
    let local = t.with_timezone(&LOCAL_TZ);
    format!(
        "{} {}",
        day(local.date_naive(), lang),
        local.format("%H:%M")
    )
}

/// An exclusive deadline: "einde wo 4 mrt" at a local midnight, else the moment.
pub fn deadline(t: DateTime<Utc>, lang: Lang) -> String {
    lang.pick(&human_deadline(t))
}

pub fn opt_day(d: Option<NaiveDate>, lang: Lang) -> String {
    d.map_or_else(|| "-".into(), |d| day(d, lang))
}

/// "€ 1.234,56" / "€1,234.56"
pub fn euro(cents: u32, lang: Lang) -> String {
    let (whole, rest) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let sep = if lang == Lang::Nl { '.' } else { ',' };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    match lang {
        Lang::Nl => format!("€ {grouped},{rest:02}"),
        Lang::En => format!("€{grouped}.{rest:02}"),
    }
}

/// A duration in minutes as "2 u 5 min" / "2 h 5 min" (negative: the same, as overdue).
pub fn minutes(m: i32, lang: Lang) -> String {
    let m = m.unsigned_abs();
    let (h, rest) = (m / 60, m % 60);
    let hour = if lang == Lang::Nl { "u" } else { "h" };
    match (h, rest) {
        (0, r) => format!("{r} min"),
        (h, _) if h >= 48 => format!("{} {}", h / 24, lang.tr("dagen", "days")),
        (h, 0) => format!("{h} {hour}"),
        (h, r) => format!("{h} {hour} {r} min"),
    }
}

/// A JSON enum value's text ("in_use" -> "in_use").
pub fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn amsterdam_times_in_both_languages() {
        let t = Utc.with_ymd_and_hms(2026, 3, 4, 9, 0, 0).unwrap();
        assert_eq!(moment(t, Lang::Nl), "wo 4 mrt 2026 10:00");
        assert_eq!(moment(t, Lang::En), "Wed 4 Mar 2026 10:00");
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap();
        assert_eq!(moment(summer, Lang::Nl), "wo 1 jul 2026 11:00");
    }

    #[test]
    fn money_and_durations() {
        assert_eq!(euro(123456, Lang::Nl), "€ 1.234,56");
        assert_eq!(euro(5, Lang::En), "€0.05");
        assert_eq!(minutes(125, Lang::Nl), "2 u 5 min");
        assert_eq!(minutes(-30, Lang::En), "30 min");
        assert_eq!(minutes(2880, Lang::Nl), "2 dagen");
        assert_eq!(minutes(3000, Lang::En), "2 days");
        let midnight = Utc.with_ymd_and_hms(2026, 3, 4, 23, 0, 0).unwrap();
        assert_eq!(deadline(midnight, Lang::Nl), "einde wo 4 mrt");
    }
}
