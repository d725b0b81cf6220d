//! The web view: server-rendered pages (minijinja), Dutch first with an English toggle, in
//! two areas: the supplier's office (`/kantoor`) and what a municipality may see of its own
//! residents (`/gemeente`, read-only; see `pages::municipality`).
//!
//! Sessions are a random 256-bit cookie (HttpOnly, SameSite=Strict, Secure when configured)
//! of which the portal stores only the hash. Each area's role is checked in middleware for
//! every page but its login; the same middleware checks the session's CSRF token on every
//! form that changes something (the login form has its own double-submit token), and writes
//! every page a municipality user opens to the audit log.

pub mod format;
mod pages;

use crate::clock::Now;
use crate::error::ApiError;
use crate::security::{same, secret_hash};
use crate::state::AppState;
use crate::storage::{AuditEntry, Role, User, PAGE_VIEW_ACTION};
use axum::body::{to_bytes, Body};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use axum_extra::extract::CookieJar;
use format::Lang;
use std::collections::HashMap;

pub const SESSION_COOKIE: &str = "veldwerk_session";
pub const LANG_COOKIE: &str = "veldwerk_lang";
/// Largest form body the office takes.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// A part of the web view: who may use it, where they sign in, and its first page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Office,
    Municipality,
}

impl Area {
    pub fn role(self) -> Role {
        match self {
            Area::Office => Role::Office,
            Area::Municipality => Role::Municipality,
        }
    }

    pub fn home(self) -> &'static str {
        match self {
            Area::Office => "/kantoor",
            Area::Municipality => "/gemeente",
        }
    }

    pub fn login(self) -> &'static str {
        match self {
            Area::Office => "/kantoor/inloggen",
            Area::Municipality => "/gemeente/inloggen",
        }
    }
}

/// The signed-in user of an area (the office, or a municipality), the session's CSRF token
/// and the page language.
#[derive(Clone, Debug)]
pub struct Office {
    pub area: Area,
    pub user: User,
    pub csrf: String,
    pub lang: Lang,
    pub now: chrono::DateTime<chrono::Utc>,
    /// The page's own path (for the language switch to come back to).
    pub here: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Office {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        // the office's pages take the office's sessions only (a municipality's page reads
        // its session through `Municipal`)
        parts
            .extensions
            .get::<Office>()
            .filter(|o| o.area == Area::Office)
            .cloned()
            .ok_or_else(|| Redirect::to(Area::Office.login()).into_response())
    }
}

pub fn lang_of(jar: &CookieJar) -> Lang {
    match jar.get(LANG_COOKIE).map(|c| c.value()) {
        Some("en") => Lang::En,
        _ => Lang::Nl,
    }
}

async fn require_office(state: State<AppState>, req: Request, next: Next) -> Response {
    require(Area::Office, state, req, next).await
}

async fn require_municipality(state: State<AppState>, req: Request, next: Next) -> Response {
    require(Area::Municipality, state, req, next).await
}

/// A live session of the area's role, or to its login page; on a form, a matching CSRF
/// token, or 403. A municipality user's every page is audited.
async fn require(area: Area, State(state): State<AppState>, req: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    let lang = lang_of(&jar);
    let now = req
        .extensions()
        .get::<Now>()
        .map_or_else(|| state.clock.now(), |n| n.0);
    let Some(cookie) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) else {
        return Redirect::to(area.login()).into_response();
    };
    let hash = secret_hash(&cookie);
    let here = req
        .uri()
        .path_and_query()
        .map_or_else(|| area.home().to_string(), |p| p.as_str().to_string());
    // who at a municipality saw which residents' data, and when (HEAD too), in the same
    // storage call as the session
    let viewed = (area == Area::Municipality && req.method() != Method::POST).then(|| here.clone());
    let found = state
        .run(move |s| {
            let session = s
                .session(&hash, now)?
                .filter(|x| x.user.role == area.role());
            if let (Some(x), Some(page)) = (&session, viewed) {
                s.audit(&AuditEntry {
                    at: now,
                    actor: x.user.display_name.clone(),
                    action: PAGE_VIEW_ACTION.into(),
                    subject: page,
                    detail: x.user.login.clone(),
                })?;
            }
            Ok(session)
        })
        .await;
    let session = match found {
        Ok(Some(s)) => s,
        Ok(None) => return Redirect::to(area.login()).into_response(),
        Err(e) => return failure(lang, e),
    };
    let office = Office {
        area,
        user: session.user,
        csrf: session.csrf,
        lang,
        now,
        here,
    };
    let req = if req.method() == Method::POST {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            return failure(lang, ApiError::too_large(MAX_FORM_BYTES as u64));
        };
        let fields: HashMap<String, String> =
            serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        let sent = fields.get("csrf").map(String::as_str).unwrap_or_default();
        if !same(sent, &office.csrf) {
            return failure(lang, ApiError::forbidden());
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        req
    };
    let mut req = req;
    req.extensions_mut().insert(office);
    next.run(req).await
}

/// An error as a page.
pub fn failure(lang: Lang, e: impl Into<ApiError>) -> Response {
    let e: ApiError = e.into();
    let text = match lang {
        Lang::Nl => &e.message.nl,
        Lang::En => &e.message.en,
    };
    let title = match lang {
        Lang::Nl => "Dat lukte niet",
        Lang::En => "That did not work",
    };
    let body = format!(
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{title}</title>\
         <body style=\"font: 1.25rem/1.5 system-ui, sans-serif; margin: 2rem\"><h1>{title}</h1>\
         <p role=\"alert\">{}</p><p><a href=\"/kantoor\">Veldwerk</a></p></body></html>",
        lang.code(),
        minijinja::HtmlEscape(text)
    );
    (e.status, Html(body)).into_response()
}

/// A rendered page of a signed-in user, or an error page.
pub fn page(state: &AppState, o: &Office, template: &str, ctx: minijinja::Value) -> Response {
    let base = minijinja::context! {
        area => o.area.home(),
        user => o.user.display_name.clone(),
        csrf => o.csrf.clone(),
        now => format::moment(o.now, o.lang),
    };
    render(
        state,
        o.lang,
        &o.here,
        template,
        minijinja::context! { ..ctx, ..base },
    )
}

/// A rendered page (also without a session), or an error page.
pub fn render(
    state: &AppState,
    lang: Lang,
    here: &str,
    template: &str,
    ctx: minijinja::Value,
) -> Response {
    let ctx = minijinja::context! { lang => lang.code(), here => here, ..ctx };
    match state.views.render(template, ctx) {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            eprintln!("portal: template {template}: {e:#}");
            failure(lang, ApiError::internal())
        }
    }
}

/// Back to a page after a form.
pub fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [("location", to.to_string())]).into_response()
}

pub fn router(state: &AppState) -> Router<AppState> {
    use pages::*;
    let protected = Router::new()
        .route("/kantoor", get(dashboard::show))
        .route("/kantoor/uitloggen", post(login::logout))
        .route("/kantoor/monteurs", get(technicians::show))
        .route("/kantoor/tokens/{id}/intrekken", post(technicians::revoke))
        .route("/kantoor/inwoners", get(residents::list))
        .route("/kantoor/inwoners/{id}", get(resident::show))
        .route("/kantoor/inwoners/{id}/toewijzing", post(resident::assign))
        .route(
            "/kantoor/afspraken/{id}/verzetten",
            post(resident::reschedule),
        )
        .route("/kantoor/hulpmiddelen/{id}", get(device::show))
        .route("/kantoor/reparaties", get(repairs::show))
        .route("/kantoor/signalen", get(signals::show))
        .route("/kantoor/klachten/{id}/voortgang", post(signals::progress))
        .route("/kantoor/klachten/{id}/uitkomst", post(signals::outcome))
        .route("/kantoor/werkbonnen", get(reports::list))
        .route("/kantoor/werkbonnen/{id}", get(reports::show))
        .route("/kantoor/afwijkingen", get(deviations::show))
        .route(
            "/kantoor/afwijkingen/{id}/besluit",
            post(deviations::decide),
        )
        .route("/kantoor/conflicten", get(conflicts::show))
        .route("/kantoor/conflicten/{id}/besluit", post(conflicts::decide))
        .route("/kantoor/berichten", get(messages::show))
        .route("/kantoor/maatwerk", get(plans::show))
        .route("/kantoor/berichten/{id}/brief.pdf", get(letter::pdf))
        .route(
            "/kantoor/berichten/{id}/verstuurd",
            post(messages::mark_sent),
        )
        .route("/kantoor/bestanden/{sha256}", get(files::download))
        .route("/kantoor/logboek", get(audit::show))
        .route_layer(from_fn_with_state(state.clone(), require_office));
    let municipality = Router::new()
        .route("/gemeente", get(municipality::overview::show))
        .route("/gemeente/maatwerk", get(municipality::plans::show))
        .route("/gemeente/klachten", get(municipality::complaints::show))
        .route("/gemeente/berichten", get(municipality::messages::show))
        .route("/gemeente/uitloggen", post(login::logout))
        .route_layer(from_fn_with_state(state.clone(), require_municipality));
    Router::new()
        .route(
            "/kantoor/inloggen",
            get(login::office_form).post(login::office_submit),
        )
        .route(
            "/gemeente/inloggen",
            get(login::municipality_form).post(login::municipality_submit),
        )
        .route("/kantoor/taal", get(language::switch))
        .merge(protected)
        .merge(municipality)
}
