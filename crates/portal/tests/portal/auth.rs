use crate::common::*;
use reqwest::StatusCode;
use uuid::Uuid;
use veldwerk_portal::seed::{DEMO_TECHNICIAN_PASSWORD, OFFICE_LOGIN, OFFICE_PASSWORD};
use veldwerk_sync::protocol::*;

fn login_body(name: &str, password: &str) -> LoginRequest {
    LoginRequest {
        name: name.into(),
        password: password.into(),
        installation_id: Uuid::now_v7(),
        installation_label: "Laptop 1".into(),
    }
}

#[tokio::test]
async fn login_gives_a_token_and_the_server_time_everywhere() {
    let p = start().await;
    let t = &p.technicians()[0];
    let res = p
        .http
        .post(p.url("/api/v1/login"))
        .json(&login_body(
            &t.name.to_uppercase(),
            DEMO_TECHNICIAN_PASSWORD,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let header = res.headers()[SERVER_TIME_HEADER]
        .to_str()
        .unwrap()
        .to_string();
    let body: LoginResponse = res.json().await.unwrap();
    assert_eq!(body.technician, *t);
    assert_eq!(body.token.len(), 64);
    assert_eq!(header, format_time(&morning()));
    assert_eq!(body.server_time, morning());
    // the portal keeps only a hash of the token
    let raw = std::fs::read(p.dir.path().join("portal.db")).unwrap();
    assert!(!raw.windows(64).any(|w| w == body.token.as_bytes()));

    // errors carry the time too
    let res = p.http.get(p.url("/api/v1/pull")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers().contains_key(SERVER_TIME_HEADER));
    assert_eq!(error_code(res).await, codes::UNAUTHORIZED);
    let res = p.http.get(p.url("/api/v1/nothing")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.headers().contains_key(SERVER_TIME_HEADER));
    assert_eq!(error_code(res).await, codes::NOT_FOUND);
    let res = p
        .http
        .delete(p.url("/api/v1/pull"))
        .bearer_auth(&body.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(res.headers().contains_key(SERVER_TIME_HEADER));
    assert_eq!(error_code(res).await, codes::METHOD_NOT_ALLOWED);
    let res = p.http.get(p.url("/kantoor/inloggen")).send().await.unwrap();
    assert!(res.headers().contains_key(SERVER_TIME_HEADER));
}

#[tokio::test]
async fn wrong_passwords_unknown_names_and_office_users_get_no_token() {
    let p = start().await;
    let t = &p.technicians()[0];
    for (name, password) in [
        (t.name.as_str(), "verkeerd"),
        ("Niemand Bekend", DEMO_TECHNICIAN_PASSWORD),
        (OFFICE_LOGIN, OFFICE_PASSWORD),
    ] {
        let res = p
            .http
            .post(p.url("/api/v1/login"))
            .json(&login_body(name, password))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
        assert_eq!(error_code(res).await, codes::UNAUTHORIZED);
    }
    let log = p.state.store.audit_log(10).unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "login_failed").count(), 3);
}

#[tokio::test]
async fn revoked_tokens_and_logged_out_tokens_get_401() {
    let p = start().await;
    let t = &p.technicians()[0];
    let a = p.login(t).await;
    let b = p.login(t).await;
    assert_eq!(p.pull(&a, 0, 1).await.changes.len(), 1);
    // the office revokes a
    let tokens = p.state.store.installations().unwrap();
    let newest_two: Vec<_> = tokens.iter().take(2).collect();
    let a_token = newest_two[1];
    assert!(p
        .state
        .store
        .revoke_token(a_token.id, "kantoor", morning())
        .unwrap());
    let res = p
        .http
        .get(p.url("/api/v1/pull"))
        .bearer_auth(&a)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // b still works; after logout it does not
    assert_eq!(p.pull(&b, 0, 1).await.changes.len(), 1);
    let res = p
        .http
        .post(p.url("/api/v1/logout"))
        .bearer_auth(&b)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = p
        .http
        .get(p.url("/api/v1/pull"))
        .bearer_auth(&b)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_new_login_from_the_same_installation_replaces_its_token() {
    let p = start().await;
    let t = &p.technicians()[0];
    let mut body = login_body(&t.name, DEMO_TECHNICIAN_PASSWORD);
    let first: LoginResponse = p
        .http
        .post(p.url("/api/v1/login"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body.installation_label = "Laptop 1 opnieuw".into();
    let second: LoginResponse = p
        .http
        .post(p.url("/api/v1/login"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let res = p
        .http
        .get(p.url("/api/v1/pull"))
        .bearer_auth(&first.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    p.pull(&second.token, 0, 1).await;
}

#[tokio::test]
async fn the_pending_count_and_last_sync_are_noted_per_installation() {
    let p = start().await;
    let t = &p.technicians()[0];
    let token = p.login(t).await;
    let later = morning() + chrono::Duration::minutes(5);
    p.clock.set(later);
    let res = p
        .http
        .get(p.url("/api/v1/pull?limit=1"))
        .bearer_auth(&token)
        .header(PENDING_HEADER, "7")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let inst = &p.state.store.installations().unwrap()[0];
    assert_eq!(inst.pending, Some(7));
    assert_eq!(inst.last_sync_at, Some(later));
    // the pages of one pull are not each a write; a new count or ten seconds later is
    let pull = |pending: &'static str| {
        p.http
            .get(p.url("/api/v1/pull?limit=1"))
            .bearer_auth(&token)
            .header(PENDING_HEADER, pending)
            .send()
    };
    p.clock.set(later + chrono::Duration::seconds(5));
    pull("7").await.unwrap();
    assert_eq!(
        p.state.store.installations().unwrap()[0].last_sync_at,
        Some(later)
    );
    pull("0").await.unwrap();
    let inst = &p.state.store.installations().unwrap()[0];
    assert_eq!(inst.pending, Some(0));
    let at = later + chrono::Duration::seconds(20);
    p.clock.set(at);
    pull("0").await.unwrap();
    assert_eq!(
        p.state.store.installations().unwrap()[0].last_sync_at,
        Some(at)
    );
}
