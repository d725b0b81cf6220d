//! The store's half of the job service ([`veldwerk_core::jobs::service`]): one read that loads
//! a job aggregate, and one write that persists what a command decided, in one transaction.

use super::{job_context_of, read_draft};
use crate::error::{Result, StoreError};
use crate::fetch::{collect, one};
use crate::rows::{self, sql};
use crate::Store;
use chrono::{DateTime, Utc};
use rusqlite::params;
use veldwerk_core::ids::JobId;
use veldwerk_core::jobs::service::{JobAggregate, JobChange};
use veldwerk_core::jobs::{JobState, SignalKind};
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::JobStatus;

impl Store {
    /// Everything a command on `job` at `now` reads, in one go: its context (with the devices
    /// named by registration number in its answers and in `registrations`, and the day of
    /// the work), draft, report, the
    /// not-home report that closed it (if one did), the jobs of its visit, the resident's
    /// devices and the kinds of signal already recorded for it. The draft is read once.
    pub fn load_job(
        &self,
        job: JobId,
        registrations: &[&str],
        now: DateTime<Utc>,
    ) -> Result<JobAggregate> {
        let conn = &self.conn;
        let draft = read_draft(conn, job)?;
        let ctx = job_context_of(conn, job, draft.as_ref(), registrations, Some(now))?;
        let jid = job.to_string();
        let report = one(conn, &sql::REPORT_OF, [&jid], rows::job_report)?;
        let closed_by_visit = ctx.job.status == JobStatus::CannotProceed
            || draft
                .as_ref()
                .is_some_and(|d| d.state == JobState::CannotProceed);
        let not_home = if closed_by_visit {
            collect(
                conn,
                &sql::NOT_HOME_OF_APPOINTMENT,
                [ctx.appointment.id.to_string()],
                rows::not_home,
            )?
            .into_iter()
            .find(|r| r.jobs.contains(&job))
        } else {
            None
        };
        let visit = collect(
            conn,
            &sql::JOBS_OF,
            [ctx.appointment.id.to_string()],
            rows::job,
        )?;
        let resident_devices = collect(
            conn,
            &sql::SUMMARIES_OF_RESIDENT,
            params![ctx.resident.id.to_string(), -1],
            rows::device_summary,
        )?;
        let job_signals = collect(
            conn,
            sql::SIGNAL_KINDS_OF_JOB,
            params![ctx.resident.id.to_string(), &jid],
            |row| crate::codec::enum_from::<SignalKind>("signal kind", &row.get::<_, String>(0)?),
        )?;
        Ok(JobAggregate {
            ctx,
            draft,
            report,
            not_home,
            visit,
            resident_devices,
            job_signals,
        })
    }

    /// Writes what a command decided, in one transaction. Returns the logbook entries a
    /// completion wrote (as chained), else nothing.
    pub fn persist(&mut self, change: &JobChange) -> Result<Vec<LogbookEntry>> {
        match change {
            JobChange::None => Ok(Vec::new()),
            JobChange::StartDraft {
                job_id,
                template_id,
                template_version,
                at,
            } => {
                self.start_draft(*job_id, template_id, *template_version, *at)?;
                Ok(Vec::new())
            }
            JobChange::SaveAnswers {
                job_id,
                answers,
                at,
            } => {
                self.save_answers(*job_id, answers, *at)?;
                Ok(Vec::new())
            }
            JobChange::ClearAnswer { job_id, key, at } => {
                self.clear_answer(*job_id, key, *at)?;
                Ok(Vec::new())
            }
            JobChange::SetState {
                job_id,
                from,
                to,
                signals,
                at,
            } => {
                self.set_draft_state(*job_id, *from, *to, signals, *at)?;
                Ok(Vec::new())
            }
            JobChange::Complete(c) => self.complete_job(c),
        }
    }
}

/// A state change found another state than the command saw: the draft changed meanwhile.
pub(crate) fn changed_meanwhile(found: JobState) -> StoreError {
    if found.is_final() {
        StoreError::JobClosed
    } else {
        StoreError::ChangedMeanwhile
    }
}
