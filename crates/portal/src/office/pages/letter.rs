//! A message that goes by post, as a letter for the office to print (PDF, made on request
//! from the message as recorded: the same message gives the same file). The address is the
//! one in the message; the resident's name is the portal's.

use crate::office::{failure, Office};
use crate::state::AppState;
use crate::storage::{RecordFilter, StorageError};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;
use veldwerk_core::messages::{Channel, Language, MessageRecord};
use veldwerk_core::model::Resident;
use veldwerk_docs::model::{Lang, Organisation};
use veldwerk_docs::{render_letter, LetterData};
use veldwerk_sync::protocol::EntityKind;

pub async fn pdf(State(state): State<AppState>, o: Office, Path(id): Path<Uuid>) -> Response {
    let supplier = state.config.supplier.clone();
    let made = state
        .run(move |s| {
            let pushed = s
                .records(&RecordFilter {
                    record_types: vec!["message"],
                    id: Some(id),
                    ..Default::default()
                })?
                .into_iter()
                .next()
                .map(|r| r.payload);
            let payload = match pushed {
                Some(p) => Some(p),
                None => s.portal_message(id)?.map(|p| p.payload),
            };
            let m: MessageRecord = payload
                .and_then(|p| serde_json::from_str(&p).ok())
                .ok_or(StorageError::NotFound("message"))?;
            if m.channel != Channel::Letter {
                return Err(StorageError::NotFound("letter"));
            }
            let name = s
                .entity(EntityKind::Resident, m.resident_id.0)?
                .and_then(|e| e.decode::<Resident>().ok())
                .map(|r| r.display_name())
                .ok_or(StorageError::NotFound("resident"))?;
            let mut to = vec![name];
            // "Kerkstraat 12a, 7231 AB ’s-Heerenberg": street, then postcode and town
            if let Some(address) = &m.address {
                to.extend(address.split(", ").map(str::to_string));
            }
            let lang = match m.language {
                Language::Nl => Lang::Nl,
                Language::En => Lang::En,
            };
            let data = LetterData {
                sender: Organisation {
                    name: supplier.name.clone(),
                    address: None,
                    phone: Some(supplier.phone.clone()),
                    email: None,
                },
                to,
                dated: veldwerk_core::sla::local_date(m.created_at),
                subject: m.subject.clone(),
                body: m.body.clone(),
                reference: m.id.to_string(),
                written_at: m.created_at,
            };
            render_letter(&data, lang)
                .map(|pdf| pdf.bytes)
                .map_err(|_| StorageError::Refused("the letter could not be made"))
        })
        .await;
    match made {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"brief-{id}.pdf\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => failure(o.lang, e),
    }
}
