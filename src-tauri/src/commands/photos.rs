//! Photos of a job: each file goes through the photo pipeline (`veldwerk-media`: orientation,
//! 2048 px, metadata stripped, thumbnail) on the blocking pool, the image and its thumbnail
//! into the encrypted blob store, the record into the replica and the outbox (one
//! transaction). A file the pipeline refuses is explained in the user's language and nothing
//! is stored. The UI sends a batch one file at a time and shows its progress.

use super::jobs::job_id;
use super::parse_id;
use crate::error::{AppError, CmdResult};
use crate::state::{blocking, AppState};
use crate::sync_loop::{blob_error, Sync};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::{DeviceId, JobId, PhotoId, ResidentId};
use veldwerk_core::jobs::PhotoRecord;
use veldwerk_core::validation::bounded;
use veldwerk_core::{ErrorCode, Localized};
use veldwerk_media::{PhotoError, PhotoOptions};
use veldwerk_store::blobs::{BlobStore, Sha256Hex};

/// One photo file as the UI hands it over.
#[derive(Clone, Debug, Deserialize, specta::Type)]
pub struct PhotoUpload {
    /// Made by the UI (UUIDv7): a retry is answered with what is stored.
    pub id: String,
    /// The item the photo belongs to (a checklist item, a damage report), if any.
    pub item_key: Option<String>,
    /// For an annotated copy: the photo it was drawn on (kept as it was).
    pub annotates: Option<String>,
    /// The file's bytes in base64 (a third larger, where a JSON array of numbers is four times
    /// larger and slow to read).
    pub base64: String,
}

/// A photo as the screens show it: its thumbnail inline.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct PhotoView {
    pub id: PhotoId,
    pub item_key: Option<String>,
    pub annotates: Option<PhotoId>,
    pub width: u32,
    pub height: u32,
    pub captured_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// `data:image/jpeg;base64,...` of the thumbnail (about 320 px).
    pub thumbnail: String,
}

fn photo_error(e: PhotoError) -> AppError {
    AppError::new(ErrorCode::InvalidInput, e.message())
}

fn view_of(blobs: &BlobStore, p: &PhotoRecord) -> CmdResult<PhotoView> {
    let thumb = Sha256Hex::parse(&p.thumb_sha256).map_err(blob_error)?;
    let bytes = blobs.get(&thumb).map_err(blob_error)?;
    Ok(PhotoView {
        id: p.id,
        item_key: p.item_key.clone(),
        annotates: p.annotates,
        width: p.width,
        height: p.height,
        captured_at: p.captured_at,
        created_at: p.created_at,
        thumbnail: format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ),
    })
}

fn size(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where a photo is taken: in a job, or of a device from its passport (outside any job).
struct Owner {
    job_id: Option<JobId>,
    resident_id: ResidentId,
    device_id: Option<DeviceId>,
    author: String,
}

fn closed_job() -> AppError {
    AppError::new(
        ErrorCode::JobClosed,
        Localized::new(
            "Deze opdracht is afgesloten; er kunnen geen foto's meer bij.",
            "This job is closed; no more photos can be added.",
        ),
    )
}

/// The photo's ids, checked before anything is read.
fn ids(photo: &PhotoUpload) -> CmdResult<(PhotoId, Option<PhotoId>)> {
    let pid = parse_id(&photo.id, PhotoId::parse)?;
    let annotates = photo
        .annotates
        .as_deref()
        .map(|a| parse_id(a, PhotoId::parse))
        .transpose()?;
    if let Some(k) = &photo.item_key {
        bounded("key", k, 200)?;
    }
    Ok((pid, annotates))
}

/// Runs the file through the pipeline (hostile input is refused before anything is stored),
/// stores image and thumbnail, then the record with its outbox entry.
fn store(
    state: &AppState,
    sync: &Sync,
    owner: Owner,
    photo: PhotoUpload,
    (id, annotates): (PhotoId, Option<PhotoId>),
) -> CmdResult<PhotoView> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(photo.base64.as_bytes())
        .map_err(|_| {
            AppError::new(
                ErrorCode::InvalidInput,
                Localized::new(
                    "Het bestand kwam beschadigd aan; probeer het opnieuw.",
                    "The file arrived damaged; try again.",
                ),
            )
        })?;
    let processed =
        veldwerk_media::process_photo(&bytes, &PhotoOptions::default()).map_err(photo_error)?;
    let blobs = sync.blob_store()?;
    let image = blobs.put(&processed.image.jpeg).map_err(blob_error)?;
    let thumb = blobs.put(&processed.thumbnail.jpeg).map_err(blob_error)?;
    let record = PhotoRecord {
        id,
        job_id: owner.job_id,
        resident_id: owner.resident_id,
        device_id: owner.device_id,
        item_key: photo.item_key,
        sha256: image.as_str().to_string(),
        size: size(processed.image.jpeg.len()),
        width: processed.image.width,
        height: processed.image.height,
        thumb_sha256: thumb.as_str().to_string(),
        thumb_size: size(processed.thumbnail.jpeg.len()),
        captured_at: processed
            .captured
            .and_then(|c| c.instant())
            .map(|t| t.with_timezone(&chrono::Utc)),
        annotates,
        created_at: state.now(),
        author: owner.author,
    };
    let stored = state.with_writer(|s| Ok(s.record_photo(&record)?))?;
    view_of(&blobs, &stored)
}

/// Adds one photo to a job (see the module documentation).
#[tauri::command]
#[specta::specta]
pub async fn add_photo(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    job_id: String,
    photo: PhotoUpload,
) -> CmdResult<PhotoView> {
    let id = self::job_id(&job_id)?;
    let ids = ids(&photo)?;
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        let agg = state.with_reader(|s| Ok(s.load_job(id, &[], state.now())?))?;
        if agg.report.is_some() || agg.not_home.is_some() {
            return Err(closed_job());
        }
        let owner = Owner {
            job_id: Some(id),
            resident_id: agg.ctx.resident.id,
            device_id: agg.ctx.device.as_ref().map(|d| d.id),
            author: agg.ctx.technician.name.clone(),
        };
        store(&state, &sync, owner, photo, ids)
    })
    .await
}

/// Adds one photo of a device from its passport, outside any job: a device in use with a
/// resident (the photo is theirs, like the device's records).
#[tauri::command]
#[specta::specta]
pub async fn add_device_photo(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    device_id: String,
    photo: PhotoUpload,
) -> CmdResult<PhotoView> {
    let device = parse_id(&device_id, DeviceId::parse)?;
    let ids = ids(&photo)?;
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        let (found, author) = state.with_reader(|s| {
            let author = super::author(&state, s)?;
            Ok((s.device_with_id(device)?, author))
        })?;
        let found = found.ok_or_else(|| {
            AppError::from(veldwerk_store::StoreError::NotFound { kind: "device" })
        })?;
        let resident_id = found.resident_id.ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidInput,
                Localized::new(
                    "Dit hulpmiddel is bij geen inwoner in gebruik; een foto kan alleen bij een hulpmiddel in gebruik.",
                    "This device is not in use with a resident; a photo can only be added to a device in use.",
                ),
            )
        })?;
        let owner = Owner {
            job_id: None,
            resident_id,
            device_id: Some(device),
            author,
        };
        store(&state, &sync, owner, photo, ids)
    })
    .await
}

/// A job's photos with their thumbnails, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn job_photos(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    job_id: String,
) -> CmdResult<Vec<PhotoView>> {
    let id = self::job_id(&job_id)?;
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        let photos = state.with_reader(|s| Ok(s.photos_of_job(id)?))?;
        let blobs = sync.blob_store()?;
        photos.iter().map(|p| view_of(&blobs, p)).collect()
    })
    .await
}

/// A device's photos with their thumbnails, newest first (the passport shows them).
#[tauri::command]
#[specta::specta]
pub async fn device_photos(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    device_id: String,
) -> CmdResult<Vec<PhotoView>> {
    let id = parse_id(&device_id, DeviceId::parse)?;
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        let photos = state.with_reader(|s| Ok(s.photos_of_device(id)?))?;
        let blobs = sync.blob_store()?;
        photos.iter().map(|p| view_of(&blobs, p)).collect()
    })
    .await
}

/// A photo's image (at most 2048 px) as a `data:image/jpeg;base64,...` URL, to draw on.
#[tauri::command]
#[specta::specta]
pub async fn photo_image(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    photo_id: String,
) -> CmdResult<String> {
    let id = parse_id(&photo_id, PhotoId::parse)?;
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        let photo = state.with_reader(|s| Ok(s.photo(id)?))?.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                veldwerk_core::Localized::new(
                    "Deze foto bestaat niet (meer).",
                    "This photo does not exist (any more).",
                ),
            )
        })?;
        let hash = Sha256Hex::parse(&photo.sha256).map_err(blob_error)?;
        let bytes = sync.blob_store()?.get(&hash).map_err(blob_error)?;
        Ok(format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ))
    })
    .await
}
