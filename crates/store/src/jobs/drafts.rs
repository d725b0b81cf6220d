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
use veldwerk_core::jobs::{Answer, JobDraft, JobState};
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

    /// Moves an open draft from state `from` to `to` (a delivery's ready-to-sign and
    /// reopen, as the job service decided; the workflow is checked there). Written only while
    /// the draft is still in `from`, so a change made meanwhile is never overwritten.
    /// `signals` (doubts about driving ability found at delivery) go in the same transaction.
    /// Completing goes through [`Store::complete_job`], cannot-proceed through
    /// [`Store::record_not_home`].
    pub fn set_draft_state(
        &mut self,
        job: JobId,
        from: JobState,
        to: JobState,
        signals: &[veldwerk_core::jobs::Signal],
        now: DateTime<Utc>,
    ) -> Result<()> {
        if !matches!(to, JobState::ReadyToSign | JobState::InProgress) || from.is_final() {
            return Err(StoreError::ChangedMeanwhile);
        }
        let w = self.write()?;
        let found = open_draft_state(&w.tx, job)?;
        if found != from {
            return Err(super::service::changed_meanwhile(found));
        }
        let now = time_text(&millis(now));
        w.tx.prepare_cached("UPDATE job_drafts SET state = ?2, updated_at = ?3 WHERE job_id = ?1")?
            .execute(params![job.to_string(), enum_text(&to), now])?;
        for signal in signals {
            super::records::insert_signal(&w.tx, signal)?;
        }
        w.commit()
    }
}

fn touch(conn: &rusqlite::Connection, job: JobId, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE job_drafts SET updated_at = ?2 WHERE job_id = ?1")?
        .execute(params![job.to_string(), now])?;
    Ok(())
}
