//! The office view: server-rendered pages (minijinja), Dutch first with an English toggle.
//! Sessions are a random cookie (HttpOnly, SameSite=Strict) of which the portal stores the
//! hash; every form carries the session's CSRF token.

pub mod views;

use crate::state::AppState;
use axum::Router;

pub fn router(_state: &AppState) -> Router<AppState> {
    Router::new()
}
