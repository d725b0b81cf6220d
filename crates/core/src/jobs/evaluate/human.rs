//! Dates and deadlines in words, in Dutch and English.

use crate::sla::{self, DeadlineState, LOCAL_TZ};
use crate::Localized;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};

const NL_DAYS: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const EN_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const NL_MONTHS: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];
const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day for people: "di 1 dec" / "Tue 1 Dec".
pub fn human_day(d: NaiveDate) -> Localized {
    let wd = d.weekday().num_days_from_monday() as usize;
    let m = d.month0() as usize;
    Localized::new(
        format!("{} {} {}", NL_DAYS[wd], d.day(), NL_MONTHS[m]),
        format!("{} {} {}", EN_DAYS[wd], d.day(), EN_MONTHS[m]),
    )
}

/// A day with its year: "di 1 dec 2026" / "Tue 1 Dec 2026".
pub fn human_day_year(d: NaiveDate) -> Localized {
    let l = human_day(d);
    Localized::new(
        format!("{} {}", l.nl, d.year()),
        format!("{} {}", l.en, d.year()),
    )
}

/// An instant in local time: "di 1 dec 14:30" / "Tue 1 Dec 14:30".
pub fn human_moment(t: DateTime<Utc>) -> Localized {
    let local = t.with_timezone(&LOCAL_TZ);
    let l = human_day(local.date_naive());
    let hm = format!("{:02}:{:02}", local.hour(), local.minute());
    Localized::new(format!("{} {hm}", l.nl), format!("{} {hm}", l.en))
}

/// An exclusive deadline: at a local midnight "einde di 1 dec" / "the end of Tue 1 Dec" (the
/// day before that midnight), otherwise "di 1 dec 14:30" / "Tue 1 Dec 14:30".
pub fn human_deadline(t: DateTime<Utc>) -> Localized {
    let local = t.with_timezone(&LOCAL_TZ);
    if local.hour() == 0 && local.minute() == 0 && local.second() == 0 {
        let day = sla::local_date(t - Duration::seconds(1));
        let l = human_day(day);
        Localized::new(format!("einde {}", l.nl), format!("the end of {}", l.en))
    } else {
        human_moment(t)
    }
}

pub(crate) fn deadline_suffix(
    now: DateTime<Utc>,
    start: DateTime<Utc>,
    due: DateTime<Utc>,
) -> Localized {
    let st = sla::deadline_status(now, start, due);
    match st.state {
        DeadlineState::Overdue => Localized::new(" — overschreden", " — overdue"),
        DeadlineState::DueSoon => Localized::new(
            format!(" — nog {} min", st.remaining_minutes),
            format!(" — {} min left", st.remaining_minutes),
        ),
        DeadlineState::Ok => Localized::new("", ""),
    }
}
