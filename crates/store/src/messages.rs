//! Messages to residents and municipalities (`veldwerk_core::messages`): recorded with their
//! outbox entry in one transaction, for the portal to send. A retry with the same id is
//! answered with the stored message; other content under its id is refused.

use crate::codec::{enum_text, json_text, time_text};
use crate::error::{Result, StoreError};
use crate::fetch::{record, records};
use crate::jobs::{millis, must_exist, push_outbox, record_type};
use crate::Store;
use rusqlite::params;
use veldwerk_core::ids::{JobId, ResidentId};
use veldwerk_core::messages::MessageRecord;

impl Store {
    /// Records a message and queues it (see the module documentation).
    pub fn record_message(&mut self, m: &MessageRecord) -> Result<MessageRecord> {
        m.validate()?;
        let m = MessageRecord {
            created_at: millis(m.created_at),
            ..m.clone()
        };
        let id = m.id.to_string();
        let w = self.write()?;
        let existing = record(&w.tx, "messages", &id, "message")?;
        if let Some(stored) = crate::jobs::already_stored(existing, &m, "message")? {
            return Ok(stored);
        }
        must_exist(&w.tx, "residents", "resident", &m.resident_id.to_string())?;
        if let Some(job) = m.job_id {
            must_exist(&w.tx, "jobs", "job", &job.to_string())?;
        }
        w.tx.prepare_cached(
            "INSERT INTO messages (id, resident_id, job_id, appointment_id, recipient, channel,
             reason, created_at, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            id,
            m.resident_id.to_string(),
            m.job_id.map(|j| j.to_string()),
            m.appointment_id.map(|a| a.to_string()),
            enum_text(&m.recipient),
            enum_text(&m.channel),
            enum_text(&m.reason),
            time_text(&m.created_at),
            json_text(&m),
        ])?;
        push_outbox(&w.tx, &id, record_type::MESSAGE, &m, m.created_at)?;
        w.commit()?;
        Ok(m)
    }

    /// An appointment and its resident (a message about the appointment is theirs).
    pub fn appointment_and_resident(
        &self,
        id: veldwerk_core::ids::AppointmentId,
    ) -> Result<(
        veldwerk_core::model::Appointment,
        veldwerk_core::model::Resident,
    )> {
        let appointment = crate::jobs::load_appointment(&self.conn, id)?;
        let (resident, _) = self
            .resident_row(&appointment.resident_id.to_string())?
            .ok_or(StoreError::NotFound { kind: "resident" })?;
        Ok((appointment, resident))
    }

    /// The messages about an appointment, oldest first.
    pub fn messages_of_appointment(
        &self,
        id: veldwerk_core::ids::AppointmentId,
    ) -> Result<Vec<MessageRecord>> {
        records(
            &self.conn,
            "SELECT record FROM messages WHERE appointment_id = ?1 ORDER BY created_at, rowid",
            id.to_string(),
            "message",
        )
    }

    /// A resident's messages, oldest first.
    pub fn messages_of_resident(&self, resident: ResidentId) -> Result<Vec<MessageRecord>> {
        records(
            &self.conn,
            "SELECT record FROM messages WHERE resident_id = ?1 ORDER BY created_at, rowid",
            resident.to_string(),
            "message",
        )
    }

    /// The messages recorded for a job, oldest first.
    pub fn messages_of_job(&self, job: JobId) -> Result<Vec<MessageRecord>> {
        records(
            &self.conn,
            "SELECT record FROM messages WHERE job_id = ?1 ORDER BY created_at, rowid",
            job.to_string(),
            "message",
        )
    }
}
