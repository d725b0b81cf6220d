//! Signatures and documents (migration 007): each row, its outbox entry and its blob
//! references in one transaction; a retry is not applied twice; the rows are immutable.

mod common;
use common::*;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::*;
use veldwerk_store::StoreError;

const SIG: u128 = 70_001;
const DOC: u128 = 70_101;

fn hash(c: char) -> String {
    std::iter::repeat_n(c, 64).collect()
}

fn signature(job_n: u128) -> SignatureRecord {
    SignatureRecord {
        id: SignatureId(id(SIG)),
        job_id: job(job_n),
        resident_id: ResidentId(id(ANNA)),
        device_id: Some(DeviceId(id(HOIST))),
        purpose: SignaturePurpose::SignOff,
        name: "Anna de Vries".into(),
        role: SignerRole::Resident,
        signed_at: t(11, 30),
        strokes_json: r#"[{"points":[{"x":1,"y":2,"time":0,"pressure":0.5}]}]"#.into(),
        png_sha256: hash('a'),
        png_size: 1234,
        width: 600,
        height: 200,
        text_sha256: None,
        author: "Monteur Een".into(),
    }
}

fn document() -> DocumentRecord {
    DocumentRecord {
        id: DocumentId(id(DOC)),
        kind: DocumentKind::JobReport,
        resident_id: ResidentId(id(ANNA)),
        device_id: Some(DeviceId(id(HOIST))),
        job_id: Some(job(REPAIR_JOB)),
        sha256: hash('d'),
        size: 54_321,
        text_sha256: None,
        created_at: t(11, 40),
        author: "Monteur Een".into(),
    }
}

#[test]
fn a_signature_is_its_row_its_outbox_entry_and_its_blob_reference_at_once() {
    let (_f, mut s) = store_with_jobs();
    let before = (s.outbox_len().unwrap(), rows_in(&s, "blob_refs"));
    let stored = s.record_signature(&signature(REPAIR_JOB)).unwrap();
    assert_eq!(stored.name, "Anna de Vries");
    assert_eq!(rows_in(&s, "signatures"), 1);
    assert_eq!(s.outbox_len().unwrap(), before.0 + 1);
    assert_eq!(rows_in(&s, "blob_refs"), before.1 + 1);
    let out = s.outbox_page(0, 1000).unwrap();
    let e = out.iter().find(|e| e.record_type == "signature").unwrap();
    let payload: serde_json::Value = serde_json::from_str(&e.payload_json).unwrap();
    assert_eq!(payload["sha256"], hash('a'));
    assert_eq!(payload["media_type"], "image/png");
    assert_eq!(payload["name"], "Anna de Vries");
    assert!(payload["strokes"].as_str().unwrap().contains("pressure"));
    let pending = s.pending_blobs().unwrap();
    assert!(pending.iter().any(|b| b.sha256.as_str() == hash('a')));
    assert_eq!(
        s.signatures_of_job(job(REPAIR_JOB), SignaturePurpose::SignOff)
            .unwrap(),
        vec![stored.clone()]
    );

    // the same signature again (a retry, stamped a moment later) writes nothing
    let before = digest(&s);
    let retry = SignatureRecord {
        signed_at: t(11, 31),
        ..signature(REPAIR_JOB)
    };
    assert_eq!(s.record_signature(&retry).unwrap(), stored);
    assert_eq!(before, digest(&s), "a retried signature was applied twice");
    // other content under the same id is refused, and writes nothing
    let other = SignatureRecord {
        name: "Iemand Anders".into(),
        ..signature(REPAIR_JOB)
    };
    let e = s.record_signature(&other).unwrap_err();
    assert_eq!(e.code(), "recorded_differently");
    assert_eq!(before, digest(&s));
}

#[test]
fn a_refused_signature_leaves_no_row_no_outbox_entry_and_no_blob_reference() {
    let (_f, mut s) = store_with_jobs();
    let before = digest(&s);
    // a job the replica does not hold
    let e = s.record_signature(&signature(99_999)).unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");
    // the technician cannot sign off; an agreement signature needs the text it was under
    let tech = SignatureRecord {
        role: SignerRole::Technician,
        ..signature(REPAIR_JOB)
    };
    assert!(matches!(
        s.record_signature(&tech).unwrap_err(),
        StoreError::Invalid(_)
    ));
    let untexted = SignatureRecord {
        purpose: SignaturePurpose::Agreement,
        ..signature(REPAIR_JOB)
    };
    assert!(matches!(
        s.record_signature(&untexted).unwrap_err(),
        StoreError::Invalid(_)
    ));
    assert_eq!(before, digest(&s));
}

#[test]
fn a_completion_writes_its_documents_with_everything_else_once() {
    let (_f, mut s) = store_with_jobs();
    s.start_draft(job(REPAIR_JOB), "repair", 1, t(10, 5))
        .unwrap();
    let mut c = repair_completion();
    c.documents.push(document());
    let outbox = s.outbox_len().unwrap();
    s.complete_job(&c).unwrap();
    assert_eq!(
        s.outbox_len().unwrap(),
        outbox + 9,
        "eight records and the document"
    );
    let docs = s.documents_of_device(DeviceId(id(HOIST))).unwrap();
    assert_eq!(docs, vec![document()]);
    assert_eq!(s.document(DocumentId(id(DOC))).unwrap(), Some(document()));
    let e = s
        .outbox_page(0, 1000)
        .unwrap()
        .into_iter()
        .find(|e| e.record_type == "document")
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&e.payload_json).unwrap();
    assert_eq!(payload["media_type"], "application/pdf");
    assert_eq!(payload["title"], "Werkbon");
    assert!(s
        .pending_blobs()
        .unwrap()
        .iter()
        .any(|b| b.sha256.as_str() == hash('d') && b.size == 54_321));

    // a second completion (a retry) is refused and writes nothing: no second document
    let before = digest(&s);
    let e = s.complete_job(&c).unwrap_err();
    assert!(matches!(e, StoreError::AlreadyCompleted), "{e:?}");
    assert_eq!(before, digest(&s));
}

#[test]
fn a_failing_completion_writes_no_document() {
    let (_f, mut s) = store_with_jobs();
    s.start_draft(job(REPAIR_JOB), "repair", 1, t(10, 5))
        .unwrap();
    let mut c = repair_completion();
    c.documents.push(document());
    // the same document id twice: the second insert fails, the whole completion with it
    c.documents.push(document());
    let before = digest(&s);
    assert!(s.complete_job(&c).is_err());
    assert_eq!(before, digest(&s));
    assert_eq!(rows_in(&s, "documents"), 0);
}

#[test]
fn signatures_and_documents_are_immutable_in_the_database() {
    let (_f, mut s) = store_with_jobs();
    s.record_signature(&signature(REPAIR_JOB)).unwrap();
    s.start_draft(job(REPAIR_JOB), "repair", 1, t(10, 5))
        .unwrap();
    let mut c = repair_completion();
    c.documents.push(document());
    s.complete_job(&c).unwrap();
    let raw = s.raw_connection();
    for sql in [
        "UPDATE signatures SET name = 'X'",
        "DELETE FROM signatures",
        "UPDATE documents SET sha256 = '00'",
        "DELETE FROM documents",
    ] {
        assert!(raw.execute(sql, []).is_err(), "{sql} was allowed");
    }
}

/// A completed job never changes: a signature or photo for it is refused (the shell's own
/// check reads before it writes; the store's is inside the write).
#[test]
fn nothing_is_added_to_a_completed_job() {
    let (_f, mut s) = store_with_jobs();
    s.start_draft(job(REPAIR_JOB), "repair", 1, t(10, 5))
        .unwrap();
    s.complete_job(&repair_completion()).unwrap();
    let before = digest(&s);
    let e = s.record_signature(&signature(REPAIR_JOB)).unwrap_err();
    assert!(matches!(e, StoreError::JobClosed), "{e:?}");
    let photo = PhotoRecord {
        id: PhotoId(id(70_201)),
        job_id: Some(job(REPAIR_JOB)),
        resident_id: ResidentId(id(ANNA)),
        device_id: Some(DeviceId(id(HOIST))),
        item_key: None,
        sha256: hash('e'),
        size: 100_000,
        width: 2048,
        height: 1536,
        thumb_sha256: hash('f'),
        thumb_size: 9_000,
        captured_at: None,
        annotates: None,
        created_at: t(12, 0),
        author: "Monteur Een".into(),
    };
    let e = s.record_photo(&photo).unwrap_err();
    assert!(matches!(e, StoreError::JobClosed), "{e:?}");
    assert_eq!(digest(&s), before, "nothing written");
}
