//! The sync API under `/api/v1`: one folder per feature, one handler per file, every route
//! registered through [`ApiRoutes`], which only takes utoipa-documented handlers, so every
//! route is in the OpenAPI document (and the document lists what was registered).

pub mod blobs;
pub mod extract;
pub mod middleware;
pub mod session;
pub mod sync;

use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use middleware::{Access, ApiRoutes};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Veldwerk portal sync API",
        version = "1",
        description = "Pull master data, push records, upload blobs. See veldwerk_sync::protocol."
    ),
    tags(
        (name = "session", description = "Sign in and out"),
        (name = "sync", description = "Pull changes and push records"),
        (name = "blobs", description = "Content-addressed blobs")
    )
)]
struct ApiDoc;

/// The API's routes with the document describing them, and the (method, path) pairs that
/// were registered.
pub fn routes(state: &AppState) -> (OpenApiRouter<AppState>, Vec<(String, String)>) {
    let mut doc = ApiDoc::openapi();
    doc.components
        .get_or_insert_with(Default::default)
        .add_security_scheme(
            middleware::BEARER,
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    let push_limit = DefaultBodyLimit::max(state.config.max_push_bytes);
    ApiRoutes::new(doc, state)
        .add(Access::Public, routes!(session::login::login))
        .add(Access::Technician, routes!(session::logout::logout))
        .add(Access::Technician, routes!(sync::pull::pull))
        .add_with(Access::Technician, routes!(sync::push::push), |m| {
            m.layer(push_limit)
        })
        .add(
            Access::Technician,
            routes!(
                blobs::head::head_blob,
                blobs::put::put_blob,
                blobs::get::get_blob
            ),
        )
        .finish()
}

/// The generated OpenAPI document, as checked in at crates/portal/openapi.json.
pub fn openapi_json(state: &AppState) -> Result<String, serde_json::Error> {
    let (router, _) = routes(state);
    let mut json = router.into_openapi().to_pretty_json()?;
    json.push('\n');
    Ok(json)
}
