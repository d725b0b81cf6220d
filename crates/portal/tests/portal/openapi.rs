//! The OpenAPI document is generated from the code (utoipa) and checked in; these tests fail
//! when it is stale (regenerate: `UPDATE_OPENAPI=1 cargo test -p veldwerk-portal --test
//! portal openapi`) or when a route of /api/v1 is missing from it.

use crate::common::*;
use reqwest::{Method, StatusCode};
use std::collections::BTreeSet;
use std::path::Path;
use veldwerk_portal::api::{openapi_json, routes};
use veldwerk_sync::protocol::canonical_hash;

#[tokio::test]
async fn the_checked_in_document_is_the_generated_one() {
    let p = start().await;
    let generated = openapi_json(&p.state).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        generated == current,
        "crates/portal/openapi.json is stale: run UPDATE_OPENAPI=1 cargo test -p veldwerk-portal --test portal openapi"
    );
    let doc: serde_json::Value = serde_json::from_str(&current).unwrap();
    for schema in [
        "PushRequest",
        "PullResponse",
        "Change",
        "Outcome",
        "ErrorBody",
        "LoginRequest",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
}

fn documented(doc: &serde_json::Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.to_uppercase(), path.clone()));
        }
    }
    out
}

#[tokio::test]
async fn every_api_route_is_in_the_document_and_answers() {
    let p = start().await;
    let (router, registered) = routes(&p.state);
    let doc = serde_json::to_value(router.into_openapi()).unwrap();
    let registered: BTreeSet<(String, String)> = registered.into_iter().collect();
    assert_eq!(registered, documented(&doc));
    assert!(registered
        .iter()
        .all(|(_, path)| path.starts_with("/api/v1/")));
    assert_eq!(registered.len(), 7);

    // every documented operation is served (not the API's 404, not 405)
    let token = p.login(&p.technicians()[0]).await;
    let blob = b"bewijs".to_vec();
    let sha = canonical_hash(&blob);
    assert_eq!(
        p.put_blob(&token, &sha, blob.clone()).await.status(),
        StatusCode::CREATED
    );
    let mut ops: Vec<_> = registered.into_iter().collect();
    // sign out last
    ops.sort_by_key(|(_, path)| path.ends_with("logout"));
    for (method, path) in ops {
        let url = p.url(&path.replace("{sha256}", &sha));
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = p.http.request(method.clone(), url).bearer_auth(&token);
        if method == Method::PUT {
            req = req.body(blob.clone());
        } else if method == Method::POST && path.ends_with("push") {
            req = req.json(&serde_json::json!({"records": []}));
        }
        let res = req.send().await.unwrap();
        assert!(
            res.status() != StatusCode::NOT_FOUND && res.status() != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}: {}",
            res.status()
        );
    }
    // and a path that is not in the document is the API's 404
    let res = p
        .http
        .get(p.url("/api/v1/pul"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
