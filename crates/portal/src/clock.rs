//! The portal's clock, passed in: the system clock when serving, a set one in tests.

use crate::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use std::sync::Mutex;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that shows the time it was set to (tests and demos that must not depend on the
/// day they run).
pub struct SetClock(Mutex<DateTime<Utc>>);

impl SetClock {
    pub fn new(at: DateTime<Utc>) -> SetClock {
        SetClock(Mutex::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        if let Ok(mut t) = self.0.lock() {
            *t = at;
        }
    }
}

impl Clock for SetClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
            .lock()
            .map(|t| *t)
            .unwrap_or_else(|p| *p.into_inner())
    }
}

/// The portal's time for this request: the same instant in the header and the body.
#[derive(Clone, Copy, Debug)]
pub struct Now(pub DateTime<Utc>);

impl<S: Send + Sync> FromRequestParts<S> for Now {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts
            .extensions
            .get::<Now>()
            .copied()
            .ok_or_else(ApiError::internal)
    }
}
