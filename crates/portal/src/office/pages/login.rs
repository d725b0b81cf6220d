//! Office sign-in and sign-out. The login form carries a double-submit token (a cookie and
//! the same value in the form), since there is no session yet to hold one.

use crate::clock::Now;
use crate::office::{failure, lang_of, render, see_other, Office, SESSION_COOKIE};
use crate::security::{new_secret, same, secret_hash, verify_password};
use crate::state::AppState;
use crate::storage::{AuditEntry, NewSession, Role};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

const LOGIN_COOKIE: &str = "veldwerk_login";

fn cookie(state: &AppState, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .secure(state.config.secure_cookies)
        .same_site(SameSite::Strict)
        .build()
}

fn form_page(
    state: &AppState,
    jar: CookieJar,
    error: Option<String>,
    login: &str,
    status: StatusCode,
) -> Response {
    let lang = lang_of(&jar);
    let token = new_secret();
    let ctx = minijinja::context! { login_csrf => token.clone(), error => error, login => login };
    let page = render(state, lang, "/kantoor/inloggen", "login.html", ctx);
    (status, jar.add(cookie(state, LOGIN_COOKIE, token)), page).into_response()
}

pub async fn form(State(state): State<AppState>, jar: CookieJar) -> Response {
    form_page(&state, jar, None, "", StatusCode::OK)
}

#[derive(Deserialize)]
pub struct Login {
    csrf: String,
    login: String,
    password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    Now(now): Now,
    jar: CookieJar,
    Form(f): Form<Login>,
) -> Response {
    let lang = lang_of(&jar);
    let expected = jar
        .get(LOGIN_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    if expected.is_empty() || !same(&f.csrf, &expected) {
        return form_page(
            &state,
            jar,
            Some(lang.tr(
                "Het formulier was verlopen. Probeer het opnieuw.",
                "The form had expired. Please try again.",
            )),
            &f.login,
            StatusCode::FORBIDDEN,
        );
    }
    let login = f.login.trim().chars().take(120).collect::<String>();
    let l = login.clone();
    let user = match state.run(move |s| s.user_by_login(&l)).await {
        Ok(u) => u,
        Err(e) => return failure(lang, e),
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let password = f.password;
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref()))
        .await
        .unwrap_or(false);
    let user = match user {
        Some(u) if ok && u.role == Role::Office => u,
        _ => {
            let who = login.clone();
            let _ = state
                .run(move |s| {
                    s.audit(&AuditEntry {
                        at: now,
                        actor: who,
                        action: "login_failed".into(),
                        subject: "office".into(),
                        detail: String::new(),
                    })
                })
                .await;
            return form_page(
                &state,
                jar,
                Some(lang.tr(
                    "Onjuiste gebruikersnaam of wachtwoord.",
                    "Wrong user name or password.",
                )),
                &login,
                StatusCode::UNAUTHORIZED,
            );
        }
    };
    let session = new_secret();
    let new = NewSession {
        id_hash: secret_hash(&session),
        user_id: user.id,
        csrf: new_secret(),
        created_at: now,
        expires_at: now + chrono::Duration::hours(state.config.session_hours),
    };
    let name = user.display_name.clone();
    let stored = state
        .run(move |s| {
            s.create_session(&new)?;
            s.audit(&AuditEntry {
                at: now,
                actor: name,
                action: "login".into(),
                subject: "office".into(),
                detail: String::new(),
            })
        })
        .await;
    if let Err(e) = stored {
        return failure(lang, e);
    }
    let jar = jar
        .remove(Cookie::from(LOGIN_COOKIE))
        .add(cookie(&state, SESSION_COOKIE, session));
    (jar, see_other("/kantoor")).into_response()
}

pub async fn logout(State(state): State<AppState>, o: Office, jar: CookieJar) -> Response {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        let hash = secret_hash(c.value());
        if let Err(e) = state.run(move |s| s.end_session(&hash)).await {
            return failure(o.lang, e);
        }
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/").build());
    (jar, see_other("/kantoor/inloggen")).into_response()
}
