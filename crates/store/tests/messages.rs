//! Messages (migration 009): the row and its outbox entry at once; a retry is answered with
//! what is stored, other content under the same id refused; immutable; read back whole.

mod common;
use common::*;
use veldwerk_core::ids::*;
use veldwerk_core::messages::*;
use veldwerk_store::StoreError;

fn message(n: u128, recipient: Recipient) -> MessageRecord {
    MessageRecord {
        id: MessageId(id(90_000 + n)),
        resident_id: ResidentId(id(ANNA)),
        municipality_id: MunicipalityId(id(MUNI)),
        job_id: Some(job(REPAIR_JOB)),
        appointment_id: None,
        recipient,
        channel: Channel::Email,
        address: (recipient == Recipient::Resident).then(|| "anna@example.org".to_string()),
        reason: MessageReason::DeadlineMissed,
        proposed: None,
        language: Language::Nl,
        subject: "Reparatie van uw rolstoel: de nieuwe datum is 6 maart 2026".into(),
        body: "Beste Anna de Vries,\n\nDe nieuwe datum is 6 maart 2026.".into(),
        created_at: t(9, 0),
        author: "Monteur Een".into(),
    }
}

#[test]
fn a_message_is_its_row_and_its_outbox_entry_and_is_recorded_once() {
    let (_f, mut s) = store_with_jobs();
    let before = s.outbox_len().unwrap();
    let to_resident = s.record_message(&message(1, Recipient::Resident)).unwrap();
    let to_municipality = s
        .record_message(&message(2, Recipient::Municipality))
        .unwrap();
    assert_eq!(s.outbox_len().unwrap(), before + 2);
    let out = s.outbox_page(0, 1000).unwrap();
    let queued: Vec<MessageRecord> = out
        .iter()
        .filter(|e| e.record_type == "message")
        .map(|e| serde_json::from_str(&e.payload_json).unwrap())
        .collect();
    assert_eq!(queued, vec![to_resident.clone(), to_municipality.clone()]);
    assert_eq!(
        s.messages_of_job(job(REPAIR_JOB)).unwrap(),
        vec![to_resident.clone(), to_municipality.clone()]
    );
    assert_eq!(
        s.messages_of_resident(ResidentId(id(ANNA))).unwrap().len(),
        2
    );
    // a retry changes nothing; other content under the same id is refused
    let d = digest(&s);
    assert_eq!(
        s.record_message(&message(1, Recipient::Resident)).unwrap(),
        to_resident
    );
    assert_eq!(d, digest(&s));
    let mut other = message(1, Recipient::Resident);
    other.body = "Iets anders".into();
    assert!(matches!(
        s.record_message(&other),
        Err(StoreError::RecordConflict { .. })
    ));
    assert_eq!(d, digest(&s));
}

#[test]
fn bad_messages_are_refused_and_stored_ones_never_change() {
    let (_f, mut s) = store_with_jobs();
    let d = digest(&s);
    let mut no_address = message(3, Recipient::Resident);
    no_address.address = None;
    assert!(s.record_message(&no_address).is_err());
    let mut empty = message(4, Recipient::Resident);
    empty.body = " ".into();
    assert!(s.record_message(&empty).is_err());
    let mut unknown_job = message(5, Recipient::Resident);
    unknown_job.job_id = Some(JobId(id(1)));
    assert!(matches!(
        s.record_message(&unknown_job),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(d, digest(&s));
    s.record_message(&message(6, Recipient::Resident)).unwrap();
    let raw = s.raw_connection();
    for sql in ["UPDATE messages SET record = 'x'", "DELETE FROM messages"] {
        assert!(raw.execute(sql, []).is_err(), "{sql} was allowed");
    }
}
