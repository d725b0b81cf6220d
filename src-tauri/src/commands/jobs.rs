//! Guided jobs: open, start, answer (autosaved on every change), move through the states,
//! complete. Each command parses its input, then runs the job service: load, apply, persist,
//! view ([`veldwerk_core::jobs::service`]).

use super::parse_id;
use crate::error::{AppError, CmdResult};
use crate::state::{blocking, AppState};
use serde::Serialize;
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::JobId;
use veldwerk_core::jobs::service::{self, JobCommand, JobView};
use veldwerk_core::jobs::{Answer, JobEvent};
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::validation::bounded;
use veldwerk_core::{ErrorCode, Localized};

/// The longest answer key or step id accepted (template keys are far shorter).
const MAX_KEY: usize = 200;

pub(crate) fn job_id(raw: &str) -> CmdResult<JobId> {
    parse_id(raw, JobId::parse)
}

/// What a command on a job answers: the job as it now stands, what the technician should
/// know, and the logbook entries a completion wrote.
pub(crate) struct Outcome {
    pub view: JobView,
    pub notices: Vec<Localized>,
    pub logbook: Vec<LogbookEntry>,
}

/// Load, apply, persist, view: every command on a job, with the writer held throughout so no
/// other write comes between reading the job and writing what was decided on it.
pub(crate) fn run(state: &AppState, id: JobId, cmd: JobCommand) -> CmdResult<Outcome> {
    run_with(state, None, id, cmd)
}

/// [`run`], with the blob store a completion's werkbon is stored in (maintenance, repair,
/// adjustment with a drawn or refused sign-off). A werkbon that cannot be made never stops
/// the completion: the technician is told instead.
pub(crate) fn run_with(
    state: &AppState,
    blobs: Option<&veldwerk_store::blobs::BlobStore>,
    id: JobId,
    cmd: JobCommand,
) -> CmdResult<Outcome> {
    state.with_writer(|s| {
        let env = state.env();
        let aggregate = s.load_job(id, &cmd.registrations(), env.now)?;
        let mut applied = service::apply(aggregate, cmd, &env)?;
        if let (Some(blobs), veldwerk_core::jobs::service::JobChange::Complete(c)) =
            (blobs, &mut applied.change)
        {
            let agg = &applied.aggregate;
            let t = service::template_for(env.templates, &agg.ctx, agg.draft.as_ref());
            if let Ok(t) = t {
                let photos = job_thumbnails(s, blobs, id);
                // a panic in the PDF writer must not stop the completion either
                let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    crate::werkbon::make(agg, t, c, photos, blobs)
                }))
                .unwrap_or_else(|_| {
                    Err(veldwerk_core::Localized::new(
                        "De werkbon kon niet worden gemaakt; de opdracht is wel afgerond.",
                        "The job report could not be made; the job is completed.",
                    ))
                });
                match made {
                    Ok(Some(doc)) => c.documents.push(doc),
                    Ok(None) => {}
                    Err(why) => applied.notices.push(why),
                }
            }
        }
        let logbook = s.persist(&applied.change)?;
        let aggregate = if applied.reload() {
            s.load_job(id, &[], env.now)?
        } else {
            applied.aggregate
        };
        Ok(Outcome {
            view: service::view(&aggregate, &env),
            notices: applied.notices,
            logbook,
        })
    })
}

/// The thumbnails of the job's photos, for its werkbon (a photo that cannot be read is left out).
fn job_thumbnails(
    s: &veldwerk_store::Store,
    blobs: &veldwerk_store::blobs::BlobStore,
    id: JobId,
) -> Vec<Vec<u8>> {
    s.photos_of_job(id)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| {
            let h = veldwerk_store::blobs::Sha256Hex::parse(&p.thumb_sha256).ok()?;
            blobs.get(&h).ok()
        })
        .collect()
}

async fn run_view(state: Arc<AppState>, id: JobId, cmd: JobCommand) -> CmdResult<JobView> {
    blocking(move || run(&state, id, cmd).map(|o| o.view)).await
}

/// The job as the guided screen shows it (not started yet, in progress, or completed).
#[tauri::command]
#[specta::specta]
pub async fn open_job(state: State<'_, Arc<AppState>>, job_id: String) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    let state = Arc::clone(&state);
    blocking(move || {
        let env = state.env();
        state.with_reader(|s| Ok(service::view(&s.load_job(id, &[], env.now)?, &env)))
    })
    .await
}

/// Starts the job: the draft is created with the current template version. Starting again
/// is harmless (the draft and its answers stay).
#[tauri::command]
#[specta::specta]
pub async fn start_job(state: State<'_, Arc<AppState>>, job_id: String) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    run_view(Arc::clone(&state), id, JobCommand::Start).await
}

/// Saves one answer (validated against its item: ranges, options, dates) and returns the
/// job as it now stands. A refused answer is not saved and the error says why.
#[tauri::command]
#[specta::specta]
pub async fn save_answer(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    key: String,
    answer: Answer,
) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    bounded("key", &key, MAX_KEY)?;
    if matches!(
        answer,
        Answer::SignOff {
            signature: Some(_),
            ..
        }
    ) {
        // a drawn paraaf is stored first, by `sign_off`, which then names it here
        return Err(AppError::new(
            ErrorCode::InvalidInput,
            Localized::new(
                "Een getekende paraaf wordt vastgelegd met Aftekenen.",
                "A drawn sign-off is recorded with Sign off.",
            ),
        ));
    }
    run_view(
        Arc::clone(&state),
        id,
        JobCommand::SaveAnswer { key, answer },
    )
    .await
}

/// Removes an answer (the item becomes unanswered again).
#[tauri::command]
#[specta::specta]
pub async fn clear_answer(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    key: String,
) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    bounded("key", &key, MAX_KEY)?;
    run_view(Arc::clone(&state), id, JobCommand::ClearAnswer { key }).await
}

/// Answers every unanswered check of a step (one sling, for a repeated step) with "ok": one
/// tap for the common case that everything in a step is fine.
#[tauri::command]
#[specta::specta]
pub async fn all_ok(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    step_id: String,
    instance: Option<String>,
) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    bounded("step", &step_id, 64)?;
    if let Some(i) = &instance {
        bounded("instance", i, 64)?;
    }
    let cmd = JobCommand::AllOk { step_id, instance };
    run_view(Arc::clone(&state), id, cmd).await
}

/// Moves a delivery to "ready to sign" (everything the user agreement needs is there) or
/// back to editing. Doubts about safe use recorded in the delivery become signals.
#[tauri::command]
#[specta::specta]
pub async fn job_event(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    event: JobEvent,
) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    let cmd = match event {
        JobEvent::MarkReadyToSign => JobCommand::MarkReadyToSign,
        JobEvent::Reopen => JobCommand::Reopen,
        JobEvent::Start | JobEvent::Complete | JobEvent::CannotProceed => {
            return Err(AppError::new(
                ErrorCode::IllegalTransition,
                Localized::new(
                    "Gebruik hiervoor de knoppen Beginnen, Afronden of Niet thuis.",
                    "Use the Start, Complete or Not home buttons for this.",
                ),
            ))
        }
    };
    run_view(Arc::clone(&state), id, cmd).await
}

/// The outcome of completing a job.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct Completed {
    pub job: JobView,
    /// What the technician should know now (e.g. plan the delivery date before ...).
    pub notices: Vec<Localized>,
    /// The logbook entries written.
    pub logbook: Vec<LogbookEntry>,
}

/// Completes the job in one transaction: the report, the logbook entries, the passport
/// updates, signals and the outbox. Refused (with what is missing) when incomplete; a repeated
/// request changes nothing and says so.
#[tauri::command]
#[specta::specta]
pub async fn complete_job(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<crate::sync_loop::Sync>>,
    job_id: String,
) -> CmdResult<Completed> {
    let id = self::job_id(&job_id)?;
    let state = Arc::clone(&state);
    let sync = Arc::clone(&sync);
    blocking(move || {
        // without the blob store (no keyring) the job still completes, without its werkbon
        let blobs = sync.blob_store().ok();
        let o = run_with(&state, blobs.as_deref(), id, JobCommand::Complete)?;
        Ok(Completed {
            job: o.view,
            notices: o.notices,
            logbook: o.logbook,
        })
    })
    .await
}
