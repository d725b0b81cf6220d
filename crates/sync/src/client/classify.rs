//! Every answer classified (pure; the HTTP layer calls it for anything but a 2xx):
//!
//! * **retry later**: no answer (network error, connection cut, timeout), 408, 425, 5xx, and
//!   429 (or 503) honouring `Retry-After`, and anything unreadable;
//! * **re-authenticate**: 401: the queue waits for a login, nothing is dropped;
//! * **refused**: any other 4xx, with the portal's code and message. What a refusal means
//!   for the records involved is decided by the caller (see `push`): a record the portal
//!   refuses is kept with its code and shown on its job, and never blocks the others.

use super::error::SyncError;
use crate::protocol::ErrorBody;
use chrono::{DateTime, Utc};
use std::time::Duration;
use veldwerk_core::Localized;

/// The longest wait a `Retry-After` may ask for (a larger value is capped).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Try again later.
    Retry(SyncError),
    /// 401: log in again; the queue waits.
    Reauth,
    /// Any other 4xx: refused, with the portal's code and message.
    Refused {
        status: u16,
        code: String,
        message: Option<Localized>,
    },
}

impl Failure {
    /// The failure as the sync's error (a refusal becomes "the portal refused").
    pub fn into_error(self) -> SyncError {
        match self {
            Failure::Retry(e) => e,
            Failure::Reauth => SyncError::login_required(),
            Failure::Refused { code, message, .. } => SyncError::refused(&code, message),
        }
    }
}

/// Classifies a non-2xx answer.
pub fn classify(
    status: u16,
    retry_after: Option<&str>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Failure {
    let error: Option<ErrorBody> = serde_json::from_slice(body).ok();
    match status {
        401 => Failure::Reauth,
        429 | 503 => Failure::Retry(SyncError::busy(
            retry_after.and_then(|v| parse_retry_after(v, now)),
        )),
        408 | 425 => Failure::Retry(SyncError::unreachable(&format!("HTTP {status}"))),
        400..=499 => Failure::Refused {
            status,
            code: error
                .as_ref()
                .map(|e| e.code.clone())
                .unwrap_or_else(|| format!("http_{status}")),
            message: error.map(|e| e.message),
        },
        _ => Failure::Retry(SyncError::portal_error(&format!("HTTP {status}"))),
    }
}

/// `Retry-After` as delta-seconds or an HTTP date, capped at [`MAX_RETRY_AFTER`]. A date in
/// the past means "now".
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER));
    }
    let at = DateTime::parse_from_rfc2822(v).ok()?.with_timezone(&Utc);
    let wait = (at - now).to_std().unwrap_or(Duration::ZERO);
    Some(wait.min(MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;
    use veldwerk_core::ErrorCode;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-04T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn every_status_has_its_class() {
        assert_eq!(classify(401, None, b"", now()), Failure::Reauth);
        for s in [500, 502, 504, 599, 302, 100] {
            match classify(s, None, b"", now()) {
                Failure::Retry(e) => assert_eq!(e.code, ErrorCode::PortalError, "{s}"),
                other => panic!("{s}: {other:?}"),
            }
        }
        for s in [408, 425] {
            assert!(matches!(classify(s, None, b"", now()), Failure::Retry(_)));
        }
        let body = br#"{"code":"too_large","message":{"nl":"Te groot","en":"Too large"}}"#;
        match classify(413, None, body, now()) {
            Failure::Refused {
                status,
                code,
                message,
            } => {
                assert_eq!((status, code.as_str()), (413, "too_large"));
                assert_eq!(message.unwrap().nl, "Te groot");
            }
            other => panic!("{other:?}"),
        }
        match classify(418, None, b"not json", now()) {
            Failure::Refused { code, message, .. } => {
                assert_eq!(code, "http_418");
                assert!(message.is_none());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn retry_after_is_honoured_in_both_forms() {
        match classify(429, Some("7"), b"", now()) {
            Failure::Retry(e) => {
                assert_eq!(e.code, ErrorCode::PortalBusy);
                assert_eq!(e.retry_after, Some(Duration::from_secs(7)));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse_retry_after("Wed, 04 Mar 2026 09:00:30 GMT", now()),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 04 Mar 2026 08:00:00 GMT", now()),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("999999", now()), Some(MAX_RETRY_AFTER));
        assert_eq!(parse_retry_after("soon", now()), None);
        match classify(503, None, b"", now()) {
            Failure::Retry(e) => assert_eq!(e.retry_after, None),
            other => panic!("{other:?}"),
        }
    }
}
