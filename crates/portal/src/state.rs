//! What every handler shares.

use crate::blobs::BlobDir;
use crate::clock::Clock;
use crate::error::ApiError;
use crate::messages::{self, SendReport, Senders, Supplier, WrittenReport};
use crate::storage::PortalStore;
use crate::views::Views;
use std::sync::Arc;
use veldwerk_sync::protocol::DEFAULT_MAX_BLOB_BYTES;

/// Limits and switches of a running portal.
#[derive(Clone, Debug)]
pub struct Config {
    /// Largest blob accepted (bytes); default 32 MiB.
    pub max_blob_bytes: u64,
    /// Largest push request body (bytes); default 16 MiB.
    pub max_push_bytes: usize,
    /// Mark the office's session cookie `Secure` (serve behind HTTPS).
    pub secure_cookies: bool,
    /// Hours an office session lasts.
    pub session_hours: i64,
    /// The SMTP server e-mail goes through (`smtp://host:port`); none: e-mail waits for the
    /// office, like letters and text messages.
    pub smtp_url: Option<String>,
    /// The sender of e-mail ("Name <address>"); its domain is the Message-IDs' too.
    pub mail_from: String,
    /// How often the server writes its own messages that are due (appointment
    /// confirmations, complaint acknowledgements) and sends the messages that are due; none:
    /// only when [`AppState::write_messages`] and [`AppState::send_messages`] are called
    /// (tests).
    pub send_interval: Option<std::time::Duration>,
    /// The supplier the portal's own messages name, with its 24/7 phone number.
    pub supplier: Supplier,
}

/// The sender of e-mail unless `--mail-from` says otherwise.
pub const DEFAULT_MAIL_FROM: &str = "Veldwerk <berichten@veldwerk.example>";

impl Default for Config {
    fn default() -> Self {
        Config {
            max_blob_bytes: DEFAULT_MAX_BLOB_BYTES,
            max_push_bytes: 16 * 1024 * 1024,
            secure_cookies: false,
            session_hours: 10,
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.into(),
            send_interval: Some(std::time::Duration::from_secs(5)),
            supplier: Supplier::default(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn PortalStore>,
    pub blobs: Arc<BlobDir>,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub views: Arc<Views>,
    pub senders: Arc<Senders>,
}

impl AppState {
    /// Runs a storage call on the blocking pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn PortalStore) -> crate::storage::Result<T> + Send + 'static,
    {
        let store = self.store.clone();
        Ok(tokio::task::spawn_blocking(move || f(store.as_ref())).await??)
    }

    /// Sends the messages that are due, once (what the server's sender does every
    /// `send_interval`).
    pub async fn send_messages(&self) -> crate::storage::Result<SendReport> {
        messages::send_pending_once(&self.store, self.clock.as_ref(), &self.senders).await
    }

    /// Writes the portal's own messages that are due now, once (what the server's sender
    /// does before sending): appointment confirmations, complaint acknowledgements.
    pub async fn write_messages(&self) -> crate::storage::Result<WrittenReport> {
        messages::write_due_once(&self.store, self.clock.as_ref(), &self.config.supplier).await
    }
}
