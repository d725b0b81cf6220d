//! The whole HTTP application and how it is served.

use crate::api;
use crate::api::middleware::server_time;
use crate::blobs::BlobDir;
use crate::clock::Clock;
use crate::error::ApiError;
use crate::messages::{self, Senders};
use crate::office;
use crate::state::{AppState, Config};
use crate::storage::PortalStore;
use crate::views::Views;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{any, get};
use axum::Router;
use std::future::IntoFuture;
use std::path::Path;
use std::sync::Arc;

/// The shared state of a portal on `store` with blobs under `blob_dir`.
pub fn state(
    store: Arc<dyn PortalStore>,
    blob_dir: &Path,
    clock: Arc<dyn Clock>,
    config: Config,
) -> Result<AppState, String> {
    let senders = Senders::from_config(config.smtp_url.as_deref(), &config.mail_from)?;
    Ok(AppState {
        store,
        blobs: Arc::new(BlobDir::open(blob_dir).map_err(|e| format!("blob directory: {e}"))?),
        clock,
        config: Arc::new(config),
        views: Arc::new(Views::new().map_err(|e| format!("templates: {e}"))?),
        senders: Arc::new(senders),
    })
}

async fn api_not_found() -> ApiError {
    ApiError::not_found()
}

async fn not_found() -> impl IntoResponse {
    (StatusCode::NOT_FOUND, "Niet gevonden / Not found")
}

/// The application: the API, the office view, and the server's time on every answer.
pub fn app(state: AppState) -> Router {
    let (api, _) = api::routes(&state);
    let (api, _doc) = api.split_for_parts();
    Router::new()
        .merge(api)
        .route("/api/{*rest}", any(api_not_found))
        .merge(office::router(&state))
        .route("/", get(|| async { Redirect::to("/kantoor") }))
        .fallback(not_found)
        .layer(from_fn_with_state(state.clone(), server_time))
        .with_state(state)
}

/// Serves until the process is stopped (or `shutdown` resolves), and sends the messages
/// that are due every `send_interval` meanwhile.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let sender = state.config.send_interval.map(|every| {
        messages::run(
            state.store.clone(),
            state.clock.clone(),
            state.senders.clone(),
            state.config.supplier.clone(),
            every,
        )
    });
    let server = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .into_future();
    match sender {
        None => server.await,
        Some(sender) => tokio::select! {
            done = server => done,
            never = sender => match never {},
        },
    }
}

/// A portal serving in this process (the tests, the benchmark): stopped gracefully by
/// [`Running::stop`], or at once when dropped.
pub struct Running {
    pub addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// Serves `state` on `listener` from a task of the current runtime.
pub fn spawn(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<Running> {
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = serve(listener, state, async {
            let _ = rx.await;
        })
        .await;
    });
    Ok(Running {
        addr,
        stop: Some(tx),
        task: Some(task),
    })
}

impl Running {
    /// Stops accepting, lets requests in flight finish briefly, then ends the task.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            t.abort();
            let _ = t.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            t.abort();
        }
    }
}
