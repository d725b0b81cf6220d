//! Telling the resident and the municipality (issue 11): a repair deadline that will be
//! missed is told, with the new date, before it passes; an appointment that cannot be kept as
//! planned is told at once, with a new time proposed. The messages are composed in core
//! (`veldwerk_core::messages`) and recorded with their outbox entry; the portal sends them.

use super::jobs::job_id;
use super::parse_id;
use crate::error::{AppError, CmdResult};
use crate::state::{blocking, AppState};
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::MessageId;
use veldwerk_core::jobs::evaluate;
use veldwerk_core::messages::{
    appointment_moved, missed_deadline, Language, LateWork, MessageRecord, MissedDeadline,
    MovedAppointment,
};
use veldwerk_core::model::JobKind;
use veldwerk_core::sla::{deadline_day, local_date};
use veldwerk_core::validation::required;

/// Records the two messages of a repair whose fix-by deadline, or a delivery whose planned
/// day, will be missed: to the resident (the channel they prefer) and to their municipality,
/// with the new date (and for a repair the same-day replacement). `message_ids` are made once by the dialog (resident, municipality):
/// a retry records nothing twice.
#[tauri::command]
#[specta::specta]
pub async fn inform_missed_deadline(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    message_ids: [String; 2],
    new_date: String,
    reason: String,
) -> CmdResult<Vec<MessageRecord>> {
    let id = self::job_id(&job_id)?;
    let ids = [
        parse_id(&message_ids[0], MessageId::parse)?,
        parse_id(&message_ids[1], MessageId::parse)?,
    ];
    let new_date = super::parse_day(
        &new_date,
        "Kies een geldige nieuwe datum.",
        "Choose a valid new date.",
    )?;
    required("reason", &reason, 500)?;
    let state = Arc::clone(&state);
    blocking(move || {
        let now = state.now();
        let agg = state.with_reader(|s| Ok(s.load_job(id, &[], now)?))?;
        let ctx = &agg.ctx;
        let answers = agg
            .draft
            .as_ref()
            .map(|d| d.answers.clone())
            .unwrap_or_default();
        // a repair's fix-by deadline (with its same-day replacement), or a delivery's planned day
        let (work, due) = match (
            ctx.job.kind,
            evaluate::repair_deadlines_of(&answers, ctx, &state.calendar),
        ) {
            (JobKind::Delivery, _) => (LateWork::Delivery, ctx.planned_day),
            (_, Some(d)) => (
                LateWork::Repair {
                    replacement_by: deadline_day(d.replacement_by),
                },
                deadline_day(d.fixed_by),
            ),
            (_, None) => {
                return Err(AppError::invalid(
                    "Deze opdracht heeft geen termijn om te missen.",
                    "This job has no deadline to miss.",
                ))
            }
        };
        let device = ctx.device.as_ref().ok_or_else(|| {
            AppError::invalid(
                "Deze opdracht heeft geen hulpmiddel.",
                "This job has no device.",
            )
        })?;
        if new_date <= due || new_date < local_date(now) {
            return Err(AppError::invalid(
                "De nieuwe datum ligt na de datum die niet gehaald wordt, en niet in het verleden.",
                "The new date comes after the date that is missed, and not in the past.",
            ));
        }
        let supplier = crate::documents::supplier();
        let phone = supplier.phone.clone().unwrap_or_default();
        let author = ctx.technician.name.clone();
        let messages = missed_deadline(
            &MissedDeadline {
                resident: &ctx.resident,
                device,
                job_id: id,
                work,
                due,
                new_date,
                reason: &reason,
                supplier: (&supplier.name, &phone),
                language: Language::Nl,
                at: now,
                author: &author,
            },
            ids,
        )
        .map_err(|e| {
            AppError::invalid(
                &format!("Het bericht kon niet worden opgesteld: {e}"),
                &format!("The message could not be written: {e}"),
            )
        })?;
        state.with_writer(|s| {
            let mut stored = Vec::new();
            for m in &messages {
                stored.push(s.record_message(m)?);
            }
            Ok(stored)
        })
    })
    .await
}

/// The messages recorded for a job, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn job_messages(
    state: State<'_, Arc<AppState>>,
    job_id: String,
) -> CmdResult<Vec<MessageRecord>> {
    let id = self::job_id(&job_id)?;
    let state = Arc::clone(&state);
    blocking(move || state.with_reader(|s| Ok(s.messages_of_job(id)?))).await
}

/// Records the message to the resident that the technician cannot keep the appointment as
/// planned (running late, or not at all), with the new time proposed; `message_id` is made
/// once by the dialog.
#[tauri::command]
#[specta::specta]
pub async fn inform_appointment_moved(
    state: State<'_, Arc<AppState>>,
    appointment_id: String,
    message_id: String,
    proposed: veldwerk_core::model::TimeWindow,
    reason: String,
) -> CmdResult<MessageRecord> {
    let appointment = parse_id(&appointment_id, veldwerk_core::ids::AppointmentId::parse)?;
    let id = parse_id(&message_id, MessageId::parse)?;
    required("reason", &reason, 500)?;
    let state = Arc::clone(&state);
    blocking(move || {
        let now = state.now();
        let (planned, resident, author) = state.with_reader(|s| {
            let (a, r) = s.appointment_and_resident(appointment)?;
            let author = super::author(&state, s)?;
            Ok((a, r, author))
        })?;
        let supplier = crate::documents::supplier();
        let phone = supplier.phone.clone().unwrap_or_default();
        let message = appointment_moved(
            &MovedAppointment {
                resident: &resident,
                appointment_id: appointment,
                planned: planned.window,
                proposed,
                reason: &reason,
                supplier: (&supplier.name, &phone),
                language: Language::Nl,
                at: now,
                author: &author,
            },
            id,
        )
        .map_err(|e| {
            AppError::invalid(
                &format!("Het bericht kon niet worden opgesteld: {e}"),
                &format!("The message could not be written: {e}"),
            )
        })?;
        state.with_writer(|s| Ok(s.record_message(&message)?))
    })
    .await
}

/// The messages recorded about an appointment, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn appointment_messages(
    state: State<'_, Arc<AppState>>,
    appointment_id: String,
) -> CmdResult<Vec<MessageRecord>> {
    let id = parse_id(&appointment_id, veldwerk_core::ids::AppointmentId::parse)?;
    let state = Arc::clone(&state);
    blocking(move || state.with_reader(|s| Ok(s.messages_of_appointment(id)?))).await
}
