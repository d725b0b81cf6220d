//! Drafts: a job in progress, saved answer by answer. Each call is one small transaction,
//! so an answer is on disk as soon as the call returns.

use super::{load_appointment, load_job, millis, open_draft_state, read_draft, set_job_status};
use crate::codec::{enum_text, json_text, time_text};
use crate::error::{Result, StoreError};
use crate::rows::sql;
use crate::Store;
use chrono::{DateTime, Utc};
use rusqlite::params;
use std::collections::BTreeMap;
use veldwerk_core::ids::JobId;
use veldwerk_core::jobs::{transition, Answer, JobDraft, JobEvent, JobState, WorkflowError};
use veldwerk_core::model::{AppointmentStatus, JobStatus};
use veldwerk_core::validation::{bounded, required};

/// The longest answer key (template item keys are far shorter).
pub const MAX_ANSWER_KEY_CHARS: usize = 200;
/// The largest stored answer, as JSON.
pub const MAX_ANSWER_JSON_CHARS: usize = 100_000;

impl Store {
    /// Starts the job here: creates its draft (in progress) and marks the job and its visit
    /// in progress. When the draft exists it is returned unchanged: starting twice never
    /// resets answers.
    pub fn start_draft(
        &mut self,
        job: JobId,
        template_id: &str,
        template_version: u32,
        now: DateTime<Utc>,
    ) -> Result<JobDraft> {
        required("template_id", template_id, 100)?;
        let w = self.write()?;
        let j = load_job(&w.tx, job)?;
        if let Some(existing) = read_draft(&w.tx, job)? {
            return Ok(existing);
        }
        if matches!(j.status, JobStatus::Completed | JobStatus::CannotProceed) {
            return Err(StoreError::JobClosed);
        }
        let now = millis(now);
        w.tx.prepare_cached(&sql::INSERT_DRAFT)?.execute(params![
            job.to_string(),
            template_id,
            template_version,
            enum_text(&JobState::InProgress),
            time_text(&now),
            time_text(&now),
        ])?;
        set_job_status(&w.tx, job, JobStatus::InProgress)?;
        let a = load_appointment(&w.tx, j.appointment_id)?;
        if matches!(
            a.status,
            AppointmentStatus::Planned | AppointmentStatus::Confirmed
        ) {
            w.tx.prepare_cached("UPDATE appointments SET status = ?2 WHERE id = ?1")?
                .execute(params![
                    a.id.to_string(),
                    enum_text(&AppointmentStatus::InProgress)
                ])?;
        }
        w.commit()?;
        Ok(JobDraft {
            job_id: job,
            template_id: template_id.to_string(),
            template_version,
            state: JobState::InProgress,
            answers: BTreeMap::new(),
            started_at: now,
            updated_at: now,
        })
    }

    /// Saves (or replaces) one answer of an open draft. The answer is expected to have been
    /// validated against its template item by the caller.
    pub fn save_answer(
        &mut self,
        job: JobId,
        key: &str,
        answer: &Answer,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.save_answers(job, &[(key.to_string(), answer.clone())], now)
    }

    /// Saves several answers of an open draft in one transaction: all or none (the "all OK"
    /// of a step).
    pub fn save_answers(
        &mut self,
        job: JobId,
        answers: &[(String, Answer)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut rows = Vec::with_capacity(answers.len());
        for (key, answer) in answers {
            required("key", key, MAX_ANSWER_KEY_CHARS)?;
            let answer_json = json_text(answer);
            bounded("answer", &answer_json, MAX_ANSWER_JSON_CHARS)?;
            rows.push((key, answer_json));
        }
        let now = time_text(&millis(now));
        let w = self.write()?;
        open_draft_state(&w.tx, job)?;
        for (key, answer_json) in rows {
            w.tx.prepare_cached(&sql::UPSERT_ANSWER)?.execute(params![
                job.to_string(),
                key,
                answer_json,
                now
            ])?;
        }
        touch(&w.tx, job, &now)?;
        w.commit()
    }

    /// Removes one answer of an open draft (nothing happens when there is none).
    pub fn clear_answer(&mut self, job: JobId, key: &str, now: DateTime<Utc>) -> Result<()> {
        required("key", key, MAX_ANSWER_KEY_CHARS)?;
        let now = time_text(&millis(now));
        let w = self.write()?;
        open_draft_state(&w.tx, job)?;
        let removed =
            w.tx.prepare_cached("DELETE FROM draft_answers WHERE job_id = ?1 AND key = ?2")?
                .execute(params![job.to_string(), key])?;
        if removed > 0 {
            touch(&w.tx, job, &now)?;
        }
        w.commit()
    }

    /// Moves an open draft between in progress and ready to sign (a delivery's
    /// mark-ready-to-sign and reopen). Completing goes through [`Store::complete_job`],
    /// cannot-proceed through [`Store::record_not_home`]; a closed job never changes.
    /// `signals` (e.g. doubts about driving ability found at delivery) are recorded in the
    /// same transaction as the change of state, and only when the state actually changes, so a
    /// repeated request records nothing twice.
    pub fn set_draft_state(
        &mut self,
        job: JobId,
        state: JobState,
        signals: &[veldwerk_core::jobs::Signal],
        now: DateTime<Utc>,
    ) -> Result<JobDraft> {
        let w = self.write()?;
        let from = open_draft_state(&w.tx, job)?;
        if from != state {
            let kind = load_job(&w.tx, job)?.kind;
            let event = match state {
                JobState::ReadyToSign => JobEvent::MarkReadyToSign,
                JobState::InProgress => JobEvent::Reopen,
                JobState::Completed => JobEvent::Complete,
                JobState::CannotProceed => JobEvent::CannotProceed,
                JobState::NotStarted => JobEvent::Start,
            };
            let allowed = matches!(state, JobState::ReadyToSign | JobState::InProgress)
                && transition(kind, from, event)? == state;
            if !allowed {
                return Err(WorkflowError::IllegalTransition { kind, from, event }.into());
            }
            let now = time_text(&millis(now));
            w.tx.prepare_cached(
                "UPDATE job_drafts SET state = ?2, updated_at = ?3 WHERE job_id = ?1",
            )?
            .execute(params![job.to_string(), enum_text(&state), now])?;
            for signal in signals {
                super::records::insert_signal(&w.tx, signal)?;
            }
        }
        let draft = read_draft(&w.tx, job)?.ok_or(StoreError::DraftMissing)?;
        w.commit()?;
        Ok(draft)
    }
}

fn touch(conn: &rusqlite::Connection, job: JobId, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE job_drafts SET updated_at = ?2 WHERE job_id = ?1")?
        .execute(params![job.to_string(), now])?;
    Ok(())
}
