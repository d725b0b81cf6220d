use super::common::{portal_message_rows, records_and_files, technicians};
use crate::error::ApiError;
use crate::office::format::{code, day, moment, Lang};
use crate::office::{failure, page, see_other, Office};
use crate::state::AppState;
use crate::storage::{EntityFilter, RecordFilter, StoredRecord};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use chrono::{NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;
use veldwerk_core::ids::{AppointmentId, ResidentId, TechnicianId};
use veldwerk_core::messages::{MessageReason, MessageRecord};
use veldwerk_core::model::*;
use veldwerk_core::sla::LOCAL_TZ;
use veldwerk_sync::protocol::{AppointmentWithJobs, EntityKind};

fn decode_all<T: serde::de::DeserializeOwned>(v: Vec<crate::storage::StoredEntity>) -> Vec<T> {
    v.iter().filter_map(|e| e.decode().ok()).collect()
}

pub async fn show(State(state): State<AppState>, o: Office, Path(id): Path<Uuid>) -> Response {
    let lang = o.lang;
    let rid = ResidentId(id);
    let data = state
        .run(move |s| {
            let Some(r) = s.entity(EntityKind::Resident, id)? else {
                return Ok(None);
            };
            let r: Resident = r.decode()?;
            let muni = s
                .entity(EntityKind::Municipality, r.municipality_id.0)?
                .and_then(|m| m.decode::<Municipality>().ok())
                .map(|m| m.name)
                .unwrap_or_default();
            let of = |k| s.entities(k, EntityFilter::Resident(rid));
            // the resident's caregivers, and the supplier's fixed contact persons (PvE 5.2.3a)
            let caregivers: (Vec<Caregiver>, Vec<SupplierContact>) = (
                decode_all(of(EntityKind::Caregiver)?),
                decode_all(of(EntityKind::SupplierContact)?),
            );
            let devices: Vec<Device> = decode_all(of(EntityKind::Device)?);
            let orders: Vec<Order> = decode_all(of(EntityKind::Order)?);
            let mut visits: Vec<AppointmentWithJobs> = decode_all(of(EntityKind::Appointment)?);
            visits.sort_by_key(|a| a.appointment.window.start);
            let all = technicians(s)?;
            let assigned: Vec<TechnicianId> = s
                .assignments()?
                .into_iter()
                .filter(|(x, _)| *x == rid)
                .map(|(_, t)| t)
                .collect();
            let records = s.records(&RecordFilter {
                resident: Some(rid),
                ..Default::default()
            })?;
            let own = s.portal_messages(Some(rid))?;
            Ok(Some((
                r,
                muni,
                caregivers,
                devices,
                orders,
                visits,
                all,
                assigned,
                (records, own),
            )))
        })
        .await;
    let (r, muni, caregivers, devices, orders, visits, all, assigned, records) = match data {
        Ok(Some(x)) => x,
        Ok(None) => return failure(lang, ApiError::not_found()),
        Err(e) => return failure(lang, e),
    };
    let name_of = |t: TechnicianId| {
        all.iter()
            .find(|x| x.id == t)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let (records, own) = records;
    let proposals = proposals(&records);
    let (mut rows, files) = records_and_files(&records, lang);
    // the portal's own messages among them, newest first like the records
    rows.extend(portal_message_rows(&own, lang));
    rows.sort_by_key(|r| std::cmp::Reverse(r.at));
    let ctx = minijinja::context! {
        section => "/kantoor/inwoners",
        r => minijinja::context! {
            id => r.id.to_string(), name => r.display_name(), number => r.resident_number,
            municipality => muni, birth_date => day(r.birth_date, lang),
            address => format!("{}, {} {}", r.address.line1(), r.address.postcode.as_str(), r.address.city),
            phone => r.phone.unwrap_or_default(), email => r.email.unwrap_or_default(),
            preference => code(&r.preferred_communication), particulars => r.particulars.unwrap_or_default(),
        },
        caregivers => caregivers.0.iter().map(|c| minijinja::context! {
            name => c.name, relation => c.relation, phone => c.phone.clone().unwrap_or_default(), may_sign => c.may_sign,
        }).collect::<Vec<_>>(),
        supplier_contacts => caregivers.1.iter().map(|c| minijinja::context! {
            name => c.name, role => c.role, phone => c.phone.clone().unwrap_or_default(),
            email => c.email.clone().unwrap_or_default(),
        }).collect::<Vec<_>>(),
        assigned => assigned.iter().map(|t| minijinja::context! { id => t.to_string(), name => name_of(*t) }).collect::<Vec<_>>(),
        others => all.iter().filter(|t| !assigned.contains(&t.id)).map(|t| minijinja::context! { id => t.id.to_string(), name => t.name }).collect::<Vec<_>>(),
        devices => devices.iter().map(|d| minijinja::context! {
            id => d.id.to_string(), registration => d.registration_number,
            category => format!("{} {}", d.category.code(), lang.pick(&d.category.name())),
            model => format!("{} {}", d.brand, d.model), status => code(&d.status),
        }).collect::<Vec<_>>(),
        orders => orders.iter().map(|x| minijinja::context! {
            number => x.order_number, kind => code(&x.kind),
            category => format!("{} {}", x.category.code(), lang.pick(&x.category.name())),
            date => day(x.ordered_on, lang), status => code(&x.status),
        }).collect::<Vec<_>>(),
        appointments => visits.iter().map(|a| {
            let proposal = proposals.get(&a.appointment.id).filter(|m| m.proposed != Some(a.appointment.window));
            appointment_row(a, &name_of(a.appointment.technician_id), proposal, lang)
        }).collect::<Vec<_>>(),
        records => rows, files => files,
    };
    page(&state, &o, "resident.html", ctx)
}

/// The newest new time a technician proposed to the resident for each appointment (a moved
/// appointment's message, PvE 5.2.13), for the office to take over.
fn proposals(records: &[StoredRecord]) -> HashMap<AppointmentId, MessageRecord> {
    let mut newest: HashMap<AppointmentId, MessageRecord> = HashMap::new();
    let moved = records
        .iter()
        .filter(|r| r.record_type == "message")
        .filter_map(|r| serde_json::from_str::<MessageRecord>(&r.payload).ok())
        .filter(|m| m.reason == MessageReason::AppointmentMoved && m.proposed.is_some());
    for m in moved {
        let Some(id) = m.appointment_id else { continue };
        if newest.get(&id).is_none_or(|n| n.created_at < m.created_at) {
            newest.insert(id, m);
        }
    }
    newest
}

/// A window as the form's day, start and end (local time).
fn form_times(w: TimeWindow) -> (String, String, String) {
    let (start, end) = (
        w.start.with_timezone(&LOCAL_TZ),
        w.end.with_timezone(&LOCAL_TZ),
    );
    (
        start.date_naive().to_string(),
        start.format("%H:%M").to_string(),
        end.format("%H:%M").to_string(),
    )
}

fn appointment_row(
    a: &AppointmentWithJobs,
    technician: &str,
    proposal: Option<&MessageRecord>,
    lang: Lang,
) -> minijinja::Value {
    let window_text = |w: TimeWindow| format!("{} – {}", moment(w.start, lang), form_times(w).2);
    let proposed = proposal.and_then(|m| {
        let p = m.proposed?;
        let (day, start, end) = form_times(p);
        Some(minijinja::context! {
            when => window_text(p), by => m.author.clone(), at => moment(m.created_at, lang),
            day => day, start => start, end => end,
        })
    });
    let jobs: Vec<String> = a
        .jobs
        .iter()
        .map(|j| format!("{} ({})", code(&j.kind), code(&j.status)))
        .collect();
    let w = a.appointment.window;
    let (day, start, end) = form_times(w);
    minijinja::context! {
        id => a.appointment.id.to_string(), when => window_text(w),
        technician => technician, status => code(&a.appointment.status), jobs => jobs.join(", "),
        day => day, start => start, end => end, proposed => proposed,
    }
}

#[derive(Deserialize)]
pub struct Assign {
    technician: Uuid,
    assign: String,
}

pub async fn assign(
    State(state): State<AppState>,
    o: Office,
    Path(id): Path<Uuid>,
    Form(f): Form<Assign>,
) -> Response {
    let (who, at) = (o.user.display_name.clone(), o.now);
    let on = f.assign == "1";
    let known = state
        .run(move |s| s.entity(EntityKind::Technician, f.technician))
        .await;
    if !matches!(known, Ok(Some(_))) {
        return failure(o.lang, ApiError::not_found());
    }
    match state
        .run(move |s| s.set_assignment(ResidentId(id), TechnicianId(f.technician), on, &who, at))
        .await
    {
        Ok(_) => see_other(&format!("/kantoor/inwoners/{id}")),
        Err(e) => failure(o.lang, e),
    }
}

#[derive(Deserialize)]
pub struct Reschedule {
    day: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
}

/// Moves a visit: the technician's next pull has it (as an upsert of the appointment).
pub async fn reschedule(
    State(state): State<AppState>,
    o: Office,
    Path(id): Path<Uuid>,
    Form(f): Form<Reschedule>,
) -> Response {
    let local = |t: NaiveTime| {
        LOCAL_TZ
            .from_local_datetime(&f.day.and_time(t))
            .earliest()
            .map(|x| x.with_timezone(&chrono::Utc))
    };
    let window = match (local(f.start), local(f.end)) {
        (Some(a), Some(b)) => TimeWindow::new(a, b),
        _ => Err(veldwerk_core::ValidationError::WindowEndsBeforeStart),
    };
    let window = match window {
        Ok(w) => w,
        Err(e) => {
            return failure(
                o.lang,
                ApiError {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    code: e.code().as_str(),
                    message: e.message(),
                },
            )
        }
    };
    let (who, at) = (o.user.display_name.clone(), o.now);
    let visit = state
        .run(move |s| s.entity(EntityKind::Appointment, id))
        .await;
    let resident = match visit {
        Ok(Some(e)) => e.resident_id,
        Ok(None) => return failure(o.lang, ApiError::not_found()),
        Err(e) => return failure(o.lang, e),
    };
    match state
        .run(move |s| s.reschedule(AppointmentId(id), window, &who, at))
        .await
    {
        Ok(()) => see_other(
            &resident.map_or_else(|| "/kantoor".into(), |r| format!("/kantoor/inwoners/{r}")),
        ),
        Err(e) => failure(o.lang, e),
    }
}
