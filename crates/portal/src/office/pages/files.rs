use crate::api::blobs::get::send_file;
use crate::error::ApiError;
use crate::office::{failure, Office};
use crate::state::AppState;
use crate::storage::RecordFilter;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::Response;
use serde::Deserialize;
use veldwerk_sync::protocol::is_sha256_hex;

#[derive(Deserialize)]
pub struct Kind {
    #[serde(rename = "type")]
    media_type: Option<String>,
}

/// A document or photo a record references, for the office (and the municipality).
pub async fn download(
    State(state): State<AppState>,
    o: Office,
    Path(sha): Path<String>,
    Query(k): Query<Kind>,
) -> Response {
    if !is_sha256_hex(&sha) {
        return failure(o.lang, ApiError::not_found());
    }
    let s = sha.clone();
    let referenced = state
        .run(move |st| {
            Ok(st
                .records(&RecordFilter {
                    record_types: vec!["photo", "signature", "document"],
                    ..Default::default()
                })?
                .iter()
                .any(|r| r.blobs.contains(&s)))
        })
        .await;
    match referenced {
        Ok(true) => match send_file(&state, &sha).await {
            Ok(mut res) => {
                let allowed = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
                if let Some(t) = k.media_type.filter(|t| allowed.contains(&t.as_str())) {
                    if let Ok(v) = header::HeaderValue::from_str(&t) {
                        res.headers_mut().insert(header::CONTENT_TYPE, v);
                    }
                }
                res
            }
            Err(e) => failure(o.lang, e),
        },
        Ok(false) => failure(o.lang, ApiError::not_found()),
        Err(e) => failure(o.lang, e),
    }
}
