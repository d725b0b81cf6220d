//! Roles in middleware: every API route is registered with its [`Access`]; technician routes
//! get the bearer-token check as a layer and the security requirement in the document.

use crate::error::ApiError;
use crate::security::secret_hash;
use crate::state::AppState;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;

use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::SecurityRequirement;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use uuid::Uuid;
use veldwerk_core::ids::TechnicianId;
use veldwerk_core::model::Technician;
use veldwerk_sync::protocol::{codes, format_time, EntityKind, PENDING_HEADER, SERVER_TIME_HEADER};

/// An installation's last sync is noted at most this often (and whenever its pending count
/// changes).
const NOTE_EVERY_SECONDS: i64 = 10;

/// The name of the bearer security scheme in the document.
pub const BEARER: &str = "bearer";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// No token (login).
    Public,
    /// A technician's live bearer token.
    Technician,
}

/// The technician behind a request's token (put there by the middleware).
#[derive(Clone, Debug)]
pub struct Caller {
    pub technician_id: TechnicianId,
    pub token_id: i64,
    pub installation_id: Uuid,
    pub name: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(ApiError::unauthorized)
    }
}

pub use crate::clock::Now;

/// Stamps every request with the portal's time and every answer with `X-Server-Time`.
pub async fn server_time(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let now = state.clock.now();
    req.extensions_mut().insert(Now(now));
    let api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    if api && res.status() == StatusCode::METHOD_NOT_ALLOWED {
        res = ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            codes::METHOD_NOT_ALLOWED,
            "Dit adres kent deze methode niet.",
            "This address does not take this method.",
        )
        .into_response();
    }
    if let Ok(v) = HeaderValue::from_str(&format_time(&now)) {
        res.headers_mut().insert(SERVER_TIME_HEADER, v);
    }
    res.headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    res
}

/// A live technician token, or 401. After the handler, notes the sync (time and the
/// pending count the app sent) for the office view.
async fn require_technician(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let token = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| secret_hash(t.trim()));
    let Some(hash) = token else {
        return ApiError::unauthorized().into_response();
    };
    let found = state
        .run(move |s| {
            let Some(token) = s.token_by_hash(&hash)?.filter(|t| t.revoked_at.is_none()) else {
                return Ok(None);
            };
            let name = s
                .entity(EntityKind::Technician, token.technician_id.0)?
                .and_then(|e| e.decode::<Technician>().ok())
                .map(|t| t.name)
                .unwrap_or_default();
            Ok(Some((token, name)))
        })
        .await;
    let (token, name) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return ApiError::unauthorized().into_response(),
        Err(e) => return e.into_response(),
    };
    let pending = req
        .headers()
        .get(PENDING_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u32>().ok());
    let token_id = token.id;
    req.extensions_mut().insert(Caller {
        technician_id: token.technician_id,
        token_id,
        installation_id: token.installation_id,
        name,
    });
    let res = next.run(req).await;
    // noted when something changed or now and then, not on every page of a pull
    let at = state.clock.now();
    let due = token
        .last_sync_at
        .is_none_or(|last| at - last >= chrono::Duration::seconds(NOTE_EVERY_SECONDS));
    let changed = pending.is_some() && pending != token.pending;
    if res.status().is_success() && (due || changed) {
        if let Err(e) = state.run(move |s| s.note_sync(token_id, at, pending)).await {
            eprintln!("portal: could not note a sync: {e:?}");
        }
    }
    res
}

/// Builds the API router from documented handlers only.
pub struct ApiRoutes {
    router: OpenApiRouter<AppState>,
    state: AppState,
    registered: Vec<(String, String)>,
}

fn operations(item: &mut PathItem) -> Vec<(&'static str, &mut Operation)> {
    let mut out = Vec::new();
    for (method, op) in [
        ("GET", &mut item.get),
        ("PUT", &mut item.put),
        ("POST", &mut item.post),
        ("DELETE", &mut item.delete),
        ("HEAD", &mut item.head),
        ("PATCH", &mut item.patch),
        ("OPTIONS", &mut item.options),
        ("TRACE", &mut item.trace),
    ] {
        if let Some(op) = op.as_mut() {
            out.push((method, op));
        }
    }
    out
}

impl ApiRoutes {
    pub fn new(doc: utoipa::openapi::OpenApi, state: &AppState) -> ApiRoutes {
        ApiRoutes {
            router: OpenApiRouter::with_openapi(doc),
            state: state.clone(),
            registered: Vec::new(),
        }
    }

    pub fn add(self, access: Access, r: UtoipaMethodRouter<AppState>) -> ApiRoutes {
        self.add_with(access, r, |m| m)
    }

    /// Adds documented handlers with `access`, letting `wrap` add layers (a body limit).
    pub fn add_with(
        mut self,
        access: Access,
        (schemas, mut paths, method_router): UtoipaMethodRouter<AppState>,
        wrap: impl FnOnce(MethodRouter<AppState>) -> MethodRouter<AppState>,
    ) -> ApiRoutes {
        for (path, item) in paths.paths.iter_mut() {
            for (method, op) in operations(item) {
                self.registered.push((method.to_string(), path.clone()));
                if access == Access::Technician {
                    op.security =
                        Some(vec![SecurityRequirement::new(BEARER, Vec::<String>::new())]);
                }
            }
        }
        let mut method_router = wrap(method_router);
        if access == Access::Technician {
            method_router =
                method_router.layer(from_fn_with_state(self.state.clone(), require_technician));
        }
        self.router = self.router.routes((schemas, paths, method_router));
        self
    }

    pub fn finish(self) -> (OpenApiRouter<AppState>, Vec<(String, String)>) {
        (self.router, self.registered)
    }
}
