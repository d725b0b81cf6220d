//! A device's documents (the passport lists them) and exporting one as a PDF file.

use super::parse_id;
use crate::error::{AppError, CmdResult};
use crate::state::{blocking, AppState};
use crate::sync_loop::{blob_error, Sync};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::{DeviceId, DocumentId};
use veldwerk_core::jobs::DocumentRecord;
use veldwerk_core::{ErrorCode, Localized};
use veldwerk_store::blobs::Sha256Hex;

/// A device's documents, newest first.
#[tauri::command]
#[specta::specta]
pub async fn device_documents(
    state: State<'_, Arc<AppState>>,
    device_id: String,
) -> CmdResult<Vec<DocumentRecord>> {
    let id = parse_id(&device_id, DeviceId::parse)?;
    let state = Arc::clone(&state);
    blocking(move || state.with_reader(|s| Ok(s.documents_of_device(id)?))).await
}

/// Where an exported document was written; none when the user cancelled the save dialog.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct ExportedDocument {
    pub path: Option<String>,
}

/// `VELDWERK_EXPORT_DIR`: exports are written there without asking (tests, scripted use).
fn fixed_export_dir() -> Option<PathBuf> {
    std::env::var_os("VELDWERK_EXPORT_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// The folder an export is suggested in (or written to, without a dialog): the user's
/// Downloads folder, else `exports` in the data directory.
fn export_dir(data_dir: &Path) -> PathBuf {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
    if let Some(downloads) = home.map(|h| PathBuf::from(h).join("Downloads")) {
        if downloads.is_dir() {
            return downloads;
        }
    }
    data_dir.join("exports")
}

/// A file name a person recognises: kind, registration number or date, short hash.
fn file_name(d: &DocumentRecord) -> String {
    let kind = match d.kind {
        veldwerk_core::jobs::DocumentKind::Agreement => "gebruikersovereenkomst",
        veldwerk_core::jobs::DocumentKind::HoistCertificate => "keuringscertificaat",
        veldwerk_core::jobs::DocumentKind::JobReport => "werkbon",
    };
    let short: String = d.sha256.chars().take(8).collect();
    format!("{kind}-{}-{short}.pdf", d.created_at.format("%Y-%m-%d"))
}

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it, synced, renamed.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes the decrypted PDF of a document where the user chooses in the system's save
/// dialog (suggested: the Downloads folder, a recognisable name), and says where; nothing when
/// the user cancels. With `VELDWERK_EXPORT_DIR` set, or without a dialog, it is written to
/// that folder (else Downloads) without asking. Writing the same document again replaces the
/// earlier copy (same name, same bytes).
#[tauri::command]
#[specta::specta]
pub async fn export_document(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    document_id: String,
) -> CmdResult<ExportedDocument> {
    let id = parse_id(&document_id, DocumentId::parse)?;
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        let doc = state.with_reader(|s| Ok(s.document(id)?))?.ok_or_else(|| {
            AppError::from(veldwerk_store::StoreError::NotFound { kind: "document" })
        })?;
        let hash = Sha256Hex::parse(&doc.sha256).map_err(blob_error)?;
        let bytes = sync.blob_store()?.get(&hash).map_err(blob_error)?;
        let name = file_name(&doc);
        let path = match (fixed_export_dir(), state.save_dialog.get()) {
            (Some(dir), _) => dir.join(&name),
            (None, Some(ask)) => match ask(&name, &export_dir(&state.launch.data_dir)) {
                Some(path) => path,
                None => return Ok(ExportedDocument { path: None }),
            },
            (None, None) => export_dir(&state.launch.data_dir).join(&name),
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        write_whole(&path, &bytes).map_err(|e| {
            AppError::new(
                ErrorCode::FileError,
                Localized::new(
                    format!(
                        "Het bestand kon niet worden opgeslagen in {}: {e}",
                        dir.display()
                    ),
                    format!("The file could not be saved in {}: {e}", dir.display()),
                ),
            )
        })?;
        Ok(ExportedDocument {
            path: Some(path.display().to_string()),
        })
    })
    .await
}
