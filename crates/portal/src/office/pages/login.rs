//! Sign-in and sign-out, for the office and for a municipality: each area's login accepts
//! its own role only. The login form carries a double-submit token (a cookie and the same
//! value in the form), since there is no session yet to hold one.

use crate::clock::Now;
use crate::office::{failure, lang_of, render, see_other, Area, Office, SESSION_COOKIE};
use crate::security::{new_secret, same, secret_hash, verify_password};
use crate::state::AppState;
use crate::storage::{AuditEntry, NewSession};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
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
    area: Area,
    state: &AppState,
    jar: CookieJar,
    error: Option<String>,
    login: &str,
    status: StatusCode,
) -> Response {
    let lang = lang_of(&jar);
    let token = new_secret();
    let ctx = minijinja::context! {
        login_csrf => token.clone(), error => error, login => login,
        action => area.login(), area => area.home(),
    };
    let page = render(state, lang, area.login(), "login.html", ctx);
    (status, jar.add(cookie(state, LOGIN_COOKIE, token)), page).into_response()
}

pub async fn office_form(State(state): State<AppState>, jar: CookieJar) -> Response {
    form_page(Area::Office, &state, jar, None, "", StatusCode::OK)
}

pub async fn municipality_form(State(state): State<AppState>, jar: CookieJar) -> Response {
    form_page(Area::Municipality, &state, jar, None, "", StatusCode::OK)
}

pub async fn office_submit(
    state: State<AppState>,
    now: Now,
    jar: CookieJar,
    form: Form<Login>,
) -> Response {
    submit(Area::Office, state, now, jar, form).await
}

pub async fn municipality_submit(
    state: State<AppState>,
    now: Now,
    jar: CookieJar,
    form: Form<Login>,
) -> Response {
    submit(Area::Municipality, state, now, jar, form).await
}

#[derive(Deserialize)]
pub struct Login {
    csrf: String,
    login: String,
    password: String,
}

async fn submit(
    area: Area,
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
            area,
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
        Some(u) if ok && u.role == area.role() => u,
        _ => {
            let who = login.clone();
            let _ = state
                .run(move |s| {
                    s.audit(&AuditEntry {
                        at: now,
                        actor: who,
                        action: "login_failed".into(),
                        subject: area.role().as_str().into(),
                        detail: String::new(),
                    })
                })
                .await;
            return form_page(
                area,
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
    let (name, login_name) = (user.display_name.clone(), user.login.clone());
    let stored = state
        .run(move |s| {
            s.create_session(&new)?;
            s.audit(&AuditEntry {
                at: now,
                actor: name,
                action: "login".into(),
                subject: area.role().as_str().into(),
                detail: login_name,
            })
        })
        .await;
    if let Err(e) = stored {
        return failure(lang, e);
    }
    let jar = jar
        .remove(Cookie::from(LOGIN_COOKIE))
        .add(cookie(&state, SESSION_COOKIE, session));
    (jar, see_other(area.home())).into_response()
}

/// Signs out of either area (the session layer put the signed-in user there).
pub async fn logout(
    State(state): State<AppState>,
    Extension(o): Extension<Office>,
    jar: CookieJar,
) -> Response {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        let hash = secret_hash(c.value());
        if let Err(e) = state.run(move |s| s.end_session(&hash)).await {
            return failure(o.lang, e);
        }
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/").build());
    (jar, see_other(o.area.login())).into_response()
}
