use crate::office::LANG_COOKIE;
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Switch {
    lang: String,
    terug: Option<String>,
}

/// Sets the page language and goes back (only to a page of the web view).
pub async fn switch(jar: CookieJar, Query(q): Query<Switch>) -> Response {
    let lang = if q.lang == "en" { "en" } else { "nl" };
    let back = q
        .terug
        .filter(|t| (t.starts_with("/kantoor") || t.starts_with("/gemeente")) && !t.contains("//"))
        .unwrap_or_else(|| "/kantoor".into());
    let cookie = Cookie::build((LANG_COOKIE, lang))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .build();
    (jar.add(cookie), Redirect::to(&back)).into_response()
}
