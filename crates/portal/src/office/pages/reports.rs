//! The job reports technicians sent, and one report with its answers.

use super::common::{records_and_files, resident_names};
use crate::error::ApiError;
use crate::office::format::{code, moment};
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::RecordFilter;
use axum::extract::{Path, State};
use axum::response::Response;
use uuid::Uuid;
use veldwerk_core::jobs::JobReport;

pub async fn list(State(state): State<AppState>, o: Office) -> Response {
    let lang = o.lang;
    let rows = state
        .run(move |s| {
            let names = resident_names(s)?;
            Ok(s.records(&RecordFilter { record_types: vec!["job_report"], limit: Some(500), ..Default::default() })?
                .iter()
                .filter_map(|r| {
                    let j: JobReport = serde_json::from_str(&r.payload).ok()?;
                    Some(minijinja::context! {
                        id => r.id.to_string(), when => moment(j.completed_at, lang), kind => code(&j.kind),
                        resident_id => r.resident_id.map(|x| x.to_string()),
                        resident => r.resident_id.and_then(|x| names.get(&x).cloned()),
                        technician => j.technician, blobs => r.blobs.len(),
                    })
                })
                .collect::<Vec<_>>())
        })
        .await;
    match rows {
        Ok(rows) => page(
            &state,
            &o,
            "reports.html",
            minijinja::context! { reports => rows, section => "/kantoor/werkbonnen" },
        ),
        Err(e) => failure(o.lang, e),
    }
}

pub async fn show(State(state): State<AppState>, o: Office, Path(id): Path<Uuid>) -> Response {
    let lang = o.lang;
    let data = state
        .run(move |s| {
            let found = s.records(&RecordFilter {
                id: Some(id),
                record_types: vec!["job_report"],
                ..Default::default()
            })?;
            let Some(r) = found.into_iter().next() else {
                return Ok(None);
            };
            let names = resident_names(s)?;
            let related = match r.job_id {
                Some(job) => s.records(&RecordFilter {
                    job: Some(job),
                    ..Default::default()
                })?,
                None => Vec::new(),
            };
            Ok(Some((r, names, related)))
        })
        .await;
    let (r, names, related) = match data {
        Ok(Some(x)) => x,
        Ok(None) => return failure(lang, ApiError::not_found()),
        Err(e) => return failure(lang, e),
    };
    let Ok(j) = serde_json::from_str::<JobReport>(&r.payload) else {
        return failure(lang, ApiError::internal());
    };
    let related: Vec<_> = related.into_iter().filter(|x| x.id != r.id).collect();
    let (rows, files) = records_and_files(&related, lang);
    let answers: Vec<(String, String)> = j
        .answers
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::to_string(v).unwrap_or_default()))
        .collect();
    let ctx = minijinja::context! {
        section => "/kantoor/werkbonnen",
        w => minijinja::context! {
            kind => code(&j.kind), technician => j.technician, started => moment(j.started_at, lang),
            completed => moment(j.completed_at, lang), template => format!("{} v{}", j.template_id, j.template_version),
            resident_id => r.resident_id.map(|x| x.to_string()), resident => r.resident_id.and_then(|x| names.get(&x).cloned()),
            answers => answers, notices => j.notices.iter().map(|n| lang.pick(n)).collect::<Vec<_>>(),
        },
        records => rows, files => files,
    };
    page(&state, &o, "report.html", ctx)
}
