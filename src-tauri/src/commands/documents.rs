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

/// Where an exported document was written.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct ExportedDocument {
    pub path: String,
}

/// The folder exports go to: `VELDWERK_EXPORT_DIR`, else the user's Downloads folder, else
/// `exports` in the data directory.
fn export_dir(data_dir: &Path) -> PathBuf {
    if let Some(d) = std::env::var_os("VELDWERK_EXPORT_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
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

/// Writes the decrypted PDF of a document to the export folder and says where. Writing the
/// same document again replaces the earlier copy (same name, same bytes).
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
        let dir = export_dir(&state.launch.data_dir);
        let path = dir.join(file_name(&doc));
        let written = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, &bytes));
        written.map_err(|e| {
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
            path: path.display().to_string(),
        })
    })
    .await
}
