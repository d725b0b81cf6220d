//! The portal's API over HTTP (reqwest): one call per method, every answer classified, and
//! the portal's clock read from `X-Server-Time` on every answer.

use super::classify::{classify, Failure};
use super::error::SyncError;
use crate::protocol::*;
use chrono::{DateTime, Utc};
use reqwest::header::{HeaderMap, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What "now" is for the engine (the app's clock; a set one in tests).
pub type Now = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Timeouts of one request.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    pub connect: Duration,
    /// A whole request: sending, the portal's work, and the answer.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

/// The portal at one address, for one token.
pub struct PortalApi {
    http: reqwest::Client,
    base: Url,
    token: Option<String>,
    now: Now,
    /// The last offset measured (portal minus this computer, ms) and when.
    clock: Mutex<Option<(i64, DateTime<Utc>)>>,
    /// Records waiting, sent to the portal as a hint for the office.
    pending: AtomicU32,
    /// Request and answer body bytes (not headers).
    sent: AtomicU64,
    received: AtomicU64,
}

fn unreachable(e: &reqwest::Error) -> Failure {
    let detail = if e.is_timeout() {
        "time-out"
    } else if e.is_connect() {
        "geen verbinding / no connection"
    } else if e.is_body() || e.is_decode() {
        "antwoord afgebroken / answer cut off"
    } else {
        "verbinding verbroken / connection lost"
    };
    Failure::Retry(SyncError::unreachable(detail))
}

impl PortalApi {
    pub fn new(
        base: Url,
        token: Option<String>,
        timeouts: Timeouts,
        now: Now,
    ) -> Result<PortalApi, SyncError> {
        let http = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request)
            .pool_max_idle_per_host(2)
            .user_agent(concat!("veldwerk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SyncError::internal(&format!("http client: {e}")))?;
        Ok(PortalApi {
            http,
            base,
            token,
            now,
            clock: Mutex::new(None),
            pending: AtomicU32::new(0),
            sent: AtomicU64::new(0),
            received: AtomicU64::new(0),
        })
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    pub fn set_pending_hint(&self, n: u32) {
        self.pending.store(n, Ordering::Relaxed);
    }

    /// The portal's clock minus this computer's (ms), as last measured, and when.
    pub fn clock_offset(&self) -> Option<(i64, DateTime<Utc>)> {
        self.clock.lock().map(|c| *c).unwrap_or(None)
    }

    /// Body bytes sent and received so far.
    pub fn body_bytes(&self) -> (u64, u64) {
        (
            self.sent.load(Ordering::Relaxed),
            self.received.load(Ordering::Relaxed),
        )
    }

    fn url(&self, path: &str) -> Url {
        let mut u = self.base.clone();
        let joined = format!(
            "{}{}{}",
            self.base.path().trim_end_matches('/'),
            API_PREFIX,
            path
        );
        u.set_path(&joined);
        u
    }

    fn note_clock(&self, headers: &HeaderMap) {
        let Some(t) = headers
            .get(SERVER_TIME_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc3339(v).ok())
        else {
            return;
        };
        let now = (self.now)();
        let offset = (t.with_timezone(&Utc) - now).num_milliseconds();
        if let Ok(mut c) = self.clock.lock() {
            *c = Some((offset, now));
        }
    }

    /// Sends a request; the status, headers and body of any answer, classified when not 2xx.
    async fn call(
        &self,
        method: Method,
        path: &str,
        query: Option<String>,
        body: Option<(Vec<u8>, &'static str)>,
    ) -> Result<(StatusCode, Vec<u8>), Failure> {
        let mut url = self.url(path);
        url.set_query(query.as_deref());
        let mut req = self.http.request(method, url).header(
            PENDING_HEADER,
            self.pending.load(Ordering::Relaxed).to_string(),
        );
        if let Some(t) = &self.token {
            req = req.header(AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some((bytes, content_type)) = body {
            self.sent.fetch_add(bytes.len() as u64, Ordering::Relaxed);
            req = req.header(CONTENT_TYPE, content_type).body(bytes);
        }
        let res = req.send().await.map_err(|e| unreachable(&e))?;
        let status = res.status();
        self.note_clock(res.headers());
        let retry_after = res
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = res.bytes().await.map_err(|e| unreachable(&e))?;
        self.received
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if status.is_success() {
            Ok((status, bytes.to_vec()))
        } else {
            Err(classify(
                status.as_u16(),
                retry_after.as_deref(),
                &bytes,
                (self.now)(),
            ))
        }
    }

    fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Failure> {
        serde_json::from_slice(bytes).map_err(|_| {
            Failure::Retry(SyncError::portal_error(
                "onleesbaar antwoord / unreadable answer",
            ))
        })
    }

    pub async fn login(&self, req: &LoginRequest) -> Result<LoginResponse, Failure> {
        let body = serde_json::to_vec(req)
            .map_err(|e| Failure::Retry(SyncError::internal(&e.to_string())))?;
        let (_, bytes) = self
            .call(
                Method::POST,
                "/login",
                None,
                Some((body, "application/json")),
            )
            .await?;
        Self::decode(&bytes)
    }

    pub async fn logout(&self) -> Result<(), Failure> {
        self.call(Method::POST, "/logout", None, None).await?;
        Ok(())
    }

    pub async fn pull(&self, cursor: i64, limit: u32) -> Result<PullResponse, Failure> {
        let (_, bytes) = self
            .call(
                Method::GET,
                "/pull",
                Some(format!("cursor={cursor}&limit={limit}")),
                None,
            )
            .await?;
        Self::decode(&bytes)
    }

    pub async fn push(&self, records: Vec<PushRecord>) -> Result<PushResponse, Failure> {
        let body = serde_json::to_vec(&PushRequest { records })
            .map_err(|e| Failure::Retry(SyncError::internal(&e.to_string())))?;
        let (_, bytes) = self
            .call(
                Method::POST,
                "/push",
                None,
                Some((body, "application/json")),
            )
            .await?;
        Self::decode(&bytes)
    }

    /// Whether the portal holds a blob (for this technician).
    pub async fn has_blob(&self, sha256: &str) -> Result<bool, Failure> {
        match self
            .call(Method::HEAD, &format!("/blobs/{sha256}"), None, None)
            .await
        {
            Ok(_) => Ok(true),
            Err(Failure::Refused { status: 404, .. }) => Ok(false),
            Err(f) => Err(f),
        }
    }

    /// Uploads a blob whole (sent again whole when cut off).
    pub async fn put_blob(&self, sha256: &str, bytes: Vec<u8>) -> Result<BlobStored, Failure> {
        let (_, answer) = self
            .call(
                Method::PUT,
                &format!("/blobs/{sha256}"),
                None,
                Some((bytes, "application/octet-stream")),
            )
            .await?;
        Self::decode(&answer)
    }
}
