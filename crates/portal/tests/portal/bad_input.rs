use crate::common::*;
use crate::fixtures::*;
use crate::push::signed_in;
use reqwest::StatusCode;
use serde_json::json;
use veldwerk_portal::state::Config;
use veldwerk_portal::storage::PortalStore;
use veldwerk_sync::protocol::*;

async fn post_text(p: &Portal, path: &str, token: Option<&str>, body: String) -> reqwest::Response {
    let mut req = p
        .http
        .post(p.url(path))
        .header("content-type", "application/json")
        .body(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn bad_requests_get_their_code_and_store_nothing() {
    let p = start_with(Config {
        max_push_bytes: 64 * 1024,
        send_interval: None,
        ..Config::default()
    })
    .await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let resident = view.residents()[0].id;
    let before = p.store.content_digest().unwrap();

    // not JSON at all, and cut off
    for body in ["{\"records\": [", "records=1", ""] {
        let res = post_text(&p, "/api/v1/push", Some(&token), body.into()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(error_code(res).await, codes::MALFORMED_JSON);
    }
    // JSON of the wrong shape or types
    for body in [
        json!({"records": 5}),
        json!({"records": [{"id": "nope"}]}),
        json!([]),
    ] {
        let res = post_text(&p, "/api/v1/push", Some(&token), body.to_string()).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error_code(res).await, codes::VALIDATION);
    }
    let res = post_text(&p, "/api/v1/login", None, "{\"name\": 1}".into()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // too large
    let huge = format!(
        "{{\"records\": [], \"pad\": \"{}\"}}",
        "x".repeat(100 * 1024)
    );
    let res = post_text(&p, "/api/v1/push", Some(&token), huge).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_code(res).await, codes::TOO_LARGE);

    // well-formed requests with bad records: each answered, none stored
    let (s, good) = signal(resident, morning(), "Gezien.");
    let mut wrong_hash = good.clone();
    wrong_hash.hash = canonical_hash(b"anders");
    let mut unknown_type = good.clone();
    unknown_type.record_type = "telepathie".into();
    let mut bad_types = serde_json::to_value(&s).unwrap();
    bad_types["urgent"] = json!("ja");
    let bad_types = PushRecord::new(s.id.0, "signal", bad_types.to_string(), vec![]).unwrap();
    let mut other_id = good.clone();
    other_id.id = uuid::Uuid::now_v7();
    let mut bad_blob = good.clone();
    bad_blob.blobs = vec!["../../etc/passwd".into()];
    let empty = signal(resident, morning(), "  ").1;
    let res = p
        .push(
            &token,
            &[
                wrong_hash,
                unknown_type,
                bad_types,
                other_id,
                bad_blob,
                empty,
            ],
        )
        .await;
    let got: Vec<String> = res.results.iter().map(outcome).collect();
    assert_eq!(
        got,
        [
            "rejected:hash_mismatch",
            "rejected:unknown_record_type",
            "rejected:invalid_payload",
            "rejected:id_mismatch",
            "rejected:invalid_blob_hash",
            "rejected:invalid_payload",
        ]
    );
    for r in &res.results {
        let Outcome::Rejected {
            retryable, message, ..
        } = &r.outcome
        else {
            panic!()
        };
        assert!(!retryable);
        assert!(!message.nl.is_empty() && !message.en.is_empty());
    }
    assert_eq!(
        p.store.content_digest().unwrap(),
        before,
        "nothing stored half"
    );
    // the rejections are in the audit log
    let log = p.store.audit_log(50).unwrap();
    assert!(log.iter().filter(|e| e.action == "record_rejected").count() >= 6);
}

#[tokio::test]
async fn a_rejected_record_leaves_nothing_while_the_others_in_its_request_are_kept() {
    let p = start().await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let device = view
        .resident_devices()
        .into_iter()
        .find(|d| !view.logbook(d.id).is_empty())
        .unwrap();
    let head = view.logbook(device.id).last().cloned();
    // an entry out of place is rejected after the record row was written: rolled back
    let e1 = entry_after(device.id, head.as_ref(), morning(), "Een.");
    let e2 = entry_after(device.id, Some(&e1), morning(), "Twee.");
    let before = p.store.content_digest().unwrap();
    let res = p.push(&token, &[logbook_record(&e2)]).await;
    assert_eq!(outcome(&res.results[0]), "rejected:chain_gap");
    assert_eq!(p.store.content_digest().unwrap(), before);
    let res = p
        .push(&token, &[logbook_record(&e2), logbook_record(&e1)])
        .await;
    assert_eq!(outcome(&res.results[1]), "accepted");
    assert!(crate::push::stored_copies(&p, e2.id.0).is_empty());
    assert_eq!(crate::push::stored_copies(&p, e1.id.0).len(), 1);
}
