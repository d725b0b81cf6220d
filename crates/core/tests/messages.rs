//! Messages of a missed deadline: to the resident through the channel they prefer (with what
//! is known), and to the municipality; the text says the new date and, for a repair, the
//! same-day replacement.

mod jobs_fixtures;
use jobs_fixtures::*;
use veldwerk_core::messages::{
    missed_deadline, Channel, Language, LateWork, MissedDeadline, Recipient,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ids() -> [MessageId; 2] {
    [MessageId::new_v7(), MessageId::new_v7()]
}

#[test]
fn a_missed_repair_deadline_tells_the_resident_and_the_municipality() {
    let c = repair_ctx(ResponseClass::B, false);
    let mut resident = c.resident.clone();
    resident.email = Some("inwoner@example.org".into());
    resident.preferred_communication = CommunicationPreference::Email;
    let device = c.device.clone().unwrap();
    let m = MissedDeadline {
        resident: &resident,
        device: &device,
        job_id: c.job.id,
        work: LateWork::Repair {
            replacement_by: d(2026, 3, 3),
        },
        due: d(2026, 3, 3),
        new_date: d(2026, 3, 6),
        reason: "het onderdeel is pas vrijdag leverbaar.",
        supplier: ("Hulpmiddelen Oost B.V.", "0800-123 45 67"),
        language: Language::Nl,
        at: "2026-03-03T09:00:00Z".parse().unwrap(),
        author: "Monteur",
    };
    let [to_resident, to_municipality] = missed_deadline(&m, ids()).expect("two messages");
    assert_eq!(to_resident.recipient, Recipient::Resident);
    assert_eq!(to_resident.channel, Channel::Email);
    assert_eq!(to_resident.address.as_deref(), Some("inwoner@example.org"));
    assert!(
        to_resident.body.contains("6 maart 2026"),
        "{}",
        to_resident.body
    );
    assert!(to_resident.body.contains("3 maart 2026"));
    assert!(to_resident.body.contains("vervangend hulpmiddel"));
    assert!(to_resident.body.contains(&resident.display_name()));
    // the reason in the sentence, its own full stop not doubled
    assert!(to_resident.body.contains("pas vrijdag leverbaar."));
    assert!(!to_resident.body.contains("leverbaar.."));
    assert!(to_resident.subject.contains(&device.registration_number));
    assert_eq!(to_municipality.recipient, Recipient::Municipality);
    assert_eq!(to_municipality.channel, Channel::Email);
    assert_eq!(to_municipality.address, None);
    assert!(to_municipality.subject.contains(&resident.resident_number));
    // the municipality reads about the resident's device, not "your" device
    assert!(
        !to_municipality.subject.contains(" uw "),
        "{}",
        to_municipality.subject
    );
    assert!(
        to_municipality.body.contains("reparatie van de"),
        "{}",
        to_municipality.body
    );
    // a subject starts with a capital, also when it starts with a fact
    assert!(
        to_resident.subject.starts_with("Reparatie van uw"),
        "{}",
        to_resident.subject
    );
    assert!(to_municipality.body.contains("6 maart 2026"));
    to_resident.validate().unwrap();
    to_municipality.validate().unwrap();

    // in English, the same facts
    let en = missed_deadline(
        &MissedDeadline {
            language: Language::En,
            ..m.clone()
        },
        ids(),
    )
    .unwrap();
    assert!(en[0].body.contains("6 March 2026"), "{}", en[0].body);
    assert!(en[0].body.contains("replacement device"));

    // a new date that is not later, or no reason: nothing is made
    assert!(missed_deadline(
        &MissedDeadline {
            new_date: m.due,
            ..m.clone()
        },
        ids()
    )
    .is_err());
    assert!(missed_deadline(
        &MissedDeadline {
            reason: "  ",
            ..m.clone()
        },
        ids()
    )
    .is_err());
}

#[test]
fn the_resident_is_reached_as_they_prefer_with_what_is_known() {
    let c = repair_ctx(ResponseClass::B, false);
    let device = c.device.clone().unwrap();
    let channel = |pref, email: Option<&str>, phone: Option<&str>| {
        let mut r = c.resident.clone();
        r.preferred_communication = pref;
        r.email = email.map(str::to_string);
        r.phone = phone.map(str::to_string);
        let m = MissedDeadline {
            resident: &r,
            device: &device,
            job_id: c.job.id,
            work: LateWork::Delivery,
            due: d(2026, 3, 3),
            new_date: d(2026, 3, 6),
            reason: "de levering is vertraagd",
            supplier: ("Hulpmiddelen Oost B.V.", "0800-123 45 67"),
            language: Language::Nl,
            at: "2026-03-03T09:00:00Z".parse().unwrap(),
            author: "Monteur",
        };
        let [to_resident, _] = missed_deadline(&m, ids()).unwrap();
        assert!(
            !to_resident.body.contains("vervangend"),
            "a delivery has no replacement"
        );
        (to_resident.channel, to_resident.address.unwrap())
    };
    use CommunicationPreference::*;
    assert_eq!(
        channel(Email, Some("a@b.nl"), Some("0612345678")),
        (Channel::Email, "a@b.nl".to_string())
    );
    assert_eq!(
        channel(Phone, Some("a@b.nl"), Some("0612345678")),
        (Channel::Sms, "0612345678".to_string())
    );
    // prefers e-mail but none is known: a letter to their home
    let (ch, address) = channel(Email, None, Some("0612345678"));
    assert_eq!(ch, Channel::Letter);
    assert!(
        address.contains(c.resident.address.postcode.as_str()),
        "{address}"
    );
    assert_eq!(channel(Post, Some("a@b.nl"), None).0, Channel::Letter);
}

#[test]
fn a_moved_appointment_tells_the_resident_the_new_time_at_once() {
    use veldwerk_core::messages::{appointment_moved, MovedAppointment};
    let c = repair_ctx(ResponseClass::B, false);
    let mut resident = c.resident.clone();
    resident.preferred_communication = CommunicationPreference::Phone;
    resident.phone = Some("0612345678".into());
    let w = |a: &str, b: &str| TimeWindow {
        start: a.parse().unwrap(),
        end: b.parse().unwrap(),
    };
    // summer time: 08:30 UTC is 10:30 in Amsterdam
    let m = MovedAppointment {
        resident: &resident,
        appointment_id: c.appointment.id,
        planned: w("2026-06-02T08:30:00Z", "2026-06-02T10:30:00Z"),
        proposed: w("2026-06-03T06:00:00Z", "2026-06-03T08:00:00Z"),
        reason: "een spoedreparatie bij een andere inwoner",
        supplier: ("Hulpmiddelen Oost B.V.", "0800-123 45 67"),
        language: Language::Nl,
        at: "2026-06-02T07:45:00Z".parse().unwrap(),
        author: "Monteur",
    };
    let msg = appointment_moved(&m, MessageId::new_v7()).expect("a message");
    assert_eq!(msg.channel, Channel::Sms);
    assert_eq!(msg.address.as_deref(), Some("0612345678"));
    // at once: a resident who prefers post is texted, or else e-mailed; a letter only when
    // nothing faster is known
    for (phone, email, expected) in [
        (
            Some("0612345678"),
            Some("a@b.nl"),
            (Channel::Sms, "0612345678"),
        ),
        (None, Some("a@b.nl"), (Channel::Email, "a@b.nl")),
        (
            None,
            None,
            (Channel::Letter, c.resident.address.postcode.as_str()),
        ),
    ] {
        let mut by_post = resident.clone();
        by_post.preferred_communication = CommunicationPreference::Post;
        by_post.phone = phone.map(str::to_string);
        by_post.email = email.map(str::to_string);
        let msg = appointment_moved(
            &MovedAppointment {
                resident: &by_post,
                ..m
            },
            MessageId::new_v7(),
        )
        .expect("a message");
        assert_eq!(msg.channel, expected.0);
        assert!(
            msg.address
                .as_deref()
                .unwrap_or_default()
                .contains(expected.1),
            "{msg:?}"
        );
    }
    // one who prefers e-mail keeps e-mail
    let mut by_mail = resident.clone();
    by_mail.preferred_communication = CommunicationPreference::Email;
    by_mail.email = Some("c@d.nl".into());
    let msg = appointment_moved(
        &MovedAppointment {
            resident: &by_mail,
            ..m
        },
        MessageId::new_v7(),
    )
    .expect("a message");
    assert_eq!(
        (msg.channel, msg.address.as_deref()),
        (Channel::Email, Some("c@d.nl"))
    );
    assert_eq!(msg.proposed, Some(m.proposed));
    assert_eq!(msg.appointment_id, Some(c.appointment.id));
    assert!(msg.body.contains("10:30–12:30"), "{}", msg.body);
    assert!(
        msg.body.contains("3 juni 2026, tussen 08:00–10:00"),
        "{}",
        msg.body
    );
    assert!(msg.body.contains("spoedreparatie"));
    msg.validate().unwrap();
    // a proposal in the past, longer than two hours, or no change: nothing is made
    let past = w("2026-06-02T07:00:00Z", "2026-06-02T08:00:00Z");
    assert!(appointment_moved(
        &MovedAppointment {
            proposed: past,
            ..m.clone()
        },
        MessageId::new_v7()
    )
    .is_err());
    let long = w("2026-06-03T06:00:00Z", "2026-06-03T08:30:00Z");
    assert!(appointment_moved(
        &MovedAppointment {
            proposed: long,
            ..m.clone()
        },
        MessageId::new_v7()
    )
    .is_err());
    assert!(appointment_moved(
        &MovedAppointment {
            proposed: m.planned,
            ..m.clone()
        },
        MessageId::new_v7()
    )
    .is_err());
}

#[test]
fn a_deadline_at_midnight_is_the_day_before() {
    use veldwerk_core::sla::{deadline_day, end_of_local_day, start_of_local_day};
    for day in [
        d(2026, 3, 28),
        d(2026, 3, 29),
        d(2026, 10, 25),
        d(2026, 11, 25),
    ] {
        // "by the end of the day" (across summer and winter time changes)
        assert_eq!(deadline_day(end_of_local_day(day)), day);
        assert_eq!(
            deadline_day(start_of_local_day(day) + chrono::Duration::hours(10)),
            day
        );
    }
}
