//! What the office reads on an appointment, in Dutch: a repair planned after its deadline or
//! maintenance that is overdue (dates and times in words), beside a practical note.

use super::pools::Urgent;
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use veldwerk_core::model::JobKind;
use veldwerk_core::sla::{local_date, ResponseClass, LOCAL_TZ};
use veldwerk_core::words;

/// How a note says a repair is planned after its deadline.
pub const NOTE_LATE: &str = "Te laat gepland";
/// How a note says maintenance or an inspection is overdue.
pub const NOTE_OVERDUE: &str = "Achterstallig";

fn hm(t: DateTime<Utc>) -> String {
    let l = t.with_timezone(&LOCAL_TZ);
    format!("{:02}:{:02}", l.hour(), l.minute())
}

fn letter(c: ResponseClass) -> &'static str {
    match c {
        ResponseClass::A => "A",
        ResponseClass::B => "B",
        ResponseClass::C => "C",
    }
}

/// A class B or C repair reached after its on-site deadline.
pub(super) fn late_on_site(u: &Urgent, start: DateTime<Utc>) -> String {
    let on_site = if local_date(u.on_site_by) == local_date(start) {
        hm(u.on_site_by)
    } else {
        words::moment(u.on_site_by).nl
    };
    format!(
        "{NOTE_LATE}: storing klasse {} gemeld om {}, ter plaatse uiterlijk {on_site}, gepland vanaf {} (geen monteur eerder beschikbaar)",
        letter(u.class),
        hm(u.reported_at),
        hm(start),
    )
}

/// A repair planned on a day after the one it had to be fixed by.
pub(super) fn late_fix(class: ResponseClass, last_day: NaiveDate, day: NaiveDate) -> String {
    format!(
        "{NOTE_LATE}: storing klasse {} moest uiterlijk {} verholpen zijn, gepland op {} (geen monteur eerder beschikbaar)",
        letter(class),
        words::date(last_day).nl,
        words::date(day).nl,
    )
}

/// Maintenance or an inspection planned after the day it was due.
pub(super) fn overdue(kind: JobKind, due: NaiveDate) -> String {
    let what = if kind == JobKind::HoistInspection {
        "e keuring"
    } else {
        " onderhoud"
    };
    format!(
        "{NOTE_OVERDUE}{what}: was uiterlijk {} nodig",
        words::date(due).nl
    )
}

/// The appointment's note: what the office must see first, then the practical note.
pub(super) fn note(flags: &[String], practical: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = flags.iter().map(String::as_str).chain(practical).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_say_dates_and_times_in_words() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(
            overdue(JobKind::HoistInspection, d(2, 3)),
            "Achterstallige keuring: was uiterlijk 3 februari 2026 nodig"
        );
        assert_eq!(
            overdue(JobKind::PreventiveMaintenance, d(2, 3)),
            "Achterstallig onderhoud: was uiterlijk 3 februari 2026 nodig"
        );
    }
}
