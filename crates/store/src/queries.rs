//! The read side of [`Store`]: the screens' views.

use crate::codec::time_text;
use crate::error::{Result, StoreError};
use crate::fetch::{collect, one};
use crate::rows::{self, sql};
use crate::search;
use crate::views::*;
use crate::{Store, HISTORY_LIMIT};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use veldwerk_core::contract::CategoryInfo;
use veldwerk_core::ids::*;
use veldwerk_core::logbook::{verify_chain_to_head, BrokenLink, ChainHead, LogbookEntry};
use veldwerk_core::model::*;
use veldwerk_core::sla::{end_of_local_day, repair_deadlines, start_of_local_day};
use veldwerk_core::WorkingDayCalendar;

/// Drive-related malfunctions of a device that led to a repair in the local (Amsterdam)
/// calendar year (PvE 2.5, 4.1.1f: repairs count, not every report; a repair counts in the
/// year it was done).
pub(crate) fn drive_repairs_in_year(conn: &Connection, device: DeviceId, year: i32) -> Result<u32> {
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return Ok(0);
    };
    Ok(conn.prepare_cached(sql::DRIVE_REPAIRS)?.query_row(
        params![
            device.to_string(),
            time_text(&start_of_local_day(from)),
            time_text(&start_of_local_day(to)),
        ],
        |r| r.get(0),
    )?)
}

impl Store {
    pub fn technicians(&self) -> Result<Vec<Technician>> {
        collect(&self.conn, &sql::TECHNICIANS, [], rows::technician)
    }

    pub fn technician(&self, id: TechnicianId) -> Result<Technician> {
        one(
            &self.conn,
            &sql::TECHNICIAN_BY_ID,
            [id.to_string()],
            rows::technician,
        )?
        .ok_or(StoreError::NotFound { kind: "technician" })
    }

    pub fn counts(&self) -> Result<ReplicaCounts> {
        let count = |table: &str| -> Result<u32> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        Ok(ReplicaCounts {
            residents: count("residents")?,
            devices: count("devices")?,
            appointments: count("appointments")?,
            logbook_entries: count("logbook")?,
        })
    }

    pub(crate) fn resident_row(&self, id: &str) -> Result<Option<(Resident, String)>> {
        one(
            &self.conn,
            &sql::RESIDENT_BY_ID,
            [id],
            rows::resident_with_municipality,
        )
    }

    fn resident_summary(&self, id: ResidentId) -> Result<ResidentSummary> {
        let (r, municipality) = self
            .resident_row(&id.to_string())?
            .ok_or(StoreError::NotFound { kind: "resident" })?;
        Ok(summary(&r, municipality))
    }

    /// A device by its id.
    pub fn device_with_id(&self, id: DeviceId) -> Result<Option<Device>> {
        self.device_by_id(&id.to_string())
    }

    fn device_by_id(&self, id: &str) -> Result<Option<Device>> {
        one(&self.conn, &sql::DEVICE_BY_ID, [id], rows::device)
    }

    fn repair_card(&self, m: Malfunction, cal: &WorkingDayCalendar) -> RepairCard {
        self.repair_card_arrived(m, None, cal)
    }

    /// `arrived`: an arrival recorded in an open job (the first recorded arrival still counts).
    fn repair_card_arrived(
        &self,
        mut m: Malfunction,
        arrived: Option<chrono::DateTime<chrono::Utc>>,
        cal: &WorkingDayCalendar,
    ) -> RepairCard {
        m.arrived_at = m.arrived_at.or(arrived);
        let deadlines = repair_deadlines(m.class, m.reported_at, m.arrived_at, cal);
        RepairCard {
            malfunction: m,
            deadlines,
        }
    }

    fn job_card(&self, job: Job, cal: &WorkingDayCalendar) -> Result<JobCard> {
        let device = match job.device_id {
            Some(id) => one(
                &self.conn,
                &sql::SUMMARY_BY_ID,
                [id.to_string()],
                rows::device_summary,
            )?,
            None => None,
        };
        let order = match job.order_id {
            Some(id) => one(&self.conn, &sql::ORDER_BY_ID, [id.to_string()], rows::order)?,
            None => None,
        };
        let state = one(
            &self.conn,
            sql::DRAFT_STATE_OF,
            [job.id.to_string()],
            |row| crate::codec::enum_from("job state", &row.get::<_, String>(0)?),
        )?;
        // An arrival answered in a started job is the arrival Today counts with.
        let arrived = match (job.malfunction_id, state) {
            (Some(_), Some(_)) => self.draft_arrival(job.id)?,
            _ => None,
        };
        let repair = match job.malfunction_id {
            Some(id) => one(
                &self.conn,
                &sql::MALFUNCTION_BY_ID,
                [id.to_string()],
                rows::malfunction,
            )?
            .map(|m| self.repair_card_arrived(m, arrived, cal)),
            None => None,
        };
        let deviation = match &order {
            Some(o) => one(
                &self.conn,
                sql::DEVIATION_STATUS_OF_ORDER,
                [o.id.to_string()],
                |row| crate::codec::enum_from("deviation status", &row.get::<_, String>(0)?),
            )?,
            None => None,
        };
        Ok(JobCard {
            id: job.id,
            kind: job.kind,
            status: job.status,
            device,
            order,
            repair,
            state,
            deviation,
        })
    }

    /// The arrival answered in a job's draft (Today then shows the clock that runs now).
    fn draft_arrival(&self, job: JobId) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let json: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT answer_json FROM draft_answers WHERE job_id = ?1 AND key = 'arrival.arrived_at'",
            )?
            .query_row([job.to_string()], |r| r.get(0))
            .optional()?;
        Ok(
            match json.and_then(|j| serde_json::from_str(j.as_str()).ok()) {
                Some(veldwerk_core::jobs::Answer::Moment { value }) => Some(value),
                _ => None,
            },
        )
    }

    /// A resident's devices (all of them), by category and registration number.
    pub fn devices_of_resident(&self, resident: ResidentId) -> Result<Vec<DeviceSummary>> {
        collect(
            &self.conn,
            &sql::SUMMARIES_OF_RESIDENT,
            params![resident.to_string(), -1],
            rows::device_summary,
        )
    }

    /// The jobs of a visit, in planned order.
    pub fn jobs_of(&self, appointment: AppointmentId) -> Result<Vec<Job>> {
        collect(
            &self.conn,
            &sql::JOBS_OF,
            [appointment.to_string()],
            rows::job,
        )
    }

    /// The technician's appointments on the local (Amsterdam) day `date`, in time order.
    pub fn today(
        &self,
        technician: TechnicianId,
        date: NaiveDate,
        cal: &WorkingDayCalendar,
    ) -> Result<TodayView> {
        let technician = self.technician(technician)?;
        let (from, to) = (start_of_local_day(date), end_of_local_day(date));
        let appointments = collect(
            &self.conn,
            &sql::APPOINTMENTS_OF_DAY,
            params![technician.id.to_string(), time_text(&from), time_text(&to)],
            rows::appointment,
        )?;
        let cards = self.appointment_cards(appointments, cal)?;
        let elsewhere = collect(
            &self.conn,
            &sql::IN_PROGRESS_ELSEWHERE,
            params![technician.id.to_string(), time_text(&from), time_text(&to)],
            rows::appointment,
        )?;
        let next_day_with_visits = if cards.is_empty() {
            let next: Option<String> = self
                .conn
                .prepare_cached(sql::NEXT_VISIT_START)?
                .query_row(params![technician.id.to_string(), time_text(&to)], |r| {
                    r.get(0)
                })
                .optional()?;
            next.map(|t| crate::codec::time_from("appointment start", &t))
                .transpose()?
                .map(veldwerk_core::sla::local_date)
        } else {
            None
        };
        Ok(TodayView {
            date,
            technician,
            working_day: cal.is_working_day(date),
            holiday: cal.holiday(date),
            appointments: cards,
            in_progress_elsewhere: self.appointment_cards(elsewhere, cal)?,
            next_day_with_visits,
        })
    }

    fn appointment_cards(
        &self,
        appointments: Vec<Appointment>,
        cal: &WorkingDayCalendar,
    ) -> Result<Vec<AppointmentCard>> {
        let mut cards = Vec::with_capacity(appointments.len());
        for a in appointments {
            let resident = self.resident_summary(a.resident_id)?;
            let jobs = self
                .jobs_of(a.id)?
                .into_iter()
                .map(|j| self.job_card(j, cal))
                .collect::<Result<Vec<_>>>()?;
            cards.push(AppointmentCard {
                id: a.id,
                window: a.window,
                status: a.status,
                note: a.note,
                resident,
                jobs,
            });
        }
        Ok(cards)
    }

    /// Everything known about a resident; `today` decides what is overdue on their devices.
    pub fn resident(
        &self,
        id: ResidentId,
        today: NaiveDate,
        cal: &WorkingDayCalendar,
    ) -> Result<ResidentView> {
        let rid = id.to_string();
        let (resident, _) = self
            .resident_row(&rid)?
            .ok_or(StoreError::NotFound { kind: "resident" })?;
        let municipality = one(
            &self.conn,
            &sql::MUNICIPALITY_BY_ID,
            [resident.municipality_id.to_string()],
            rows::municipality,
        )?
        .ok_or(StoreError::Corrupt {
            what: "municipality",
            detail: "missing".into(),
        })?;
        let caregivers = collect(&self.conn, &sql::CAREGIVERS_OF, [&rid], rows::caregiver)?;
        let supplier_contacts = crate::supplier_contacts::of_resident(&self.conn, id)?;
        let devices = collect(
            &self.conn,
            &sql::SUMMARIES_OF_RESIDENT,
            params![&rid, -1],
            rows::device_summary,
        )?;
        let mut open_jobs = Vec::new();
        let planned = collect(
            &self.conn,
            &sql::PLANNED_OF_RESIDENT,
            [&rid],
            rows::appointment_with_technician,
        )?;
        for (a, technician) in planned {
            for j in self.jobs_of(a.id)? {
                if matches!(j.status, JobStatus::Open | JobStatus::InProgress) {
                    open_jobs.push(PlannedJob {
                        appointment_id: a.id,
                        window: a.window,
                        technician: technician.clone(),
                        job: self.job_card(j, cal)?,
                    });
                }
            }
        }
        let open_repairs = collect(
            &self.conn,
            &sql::OPEN_MALFUNCTIONS_OF_RESIDENT,
            [&rid],
            rows::malfunction,
        )?
        .into_iter()
        .map(|m| self.repair_card(m, cal))
        .collect();
        let orders = collect(&self.conn, &sql::ORDERS_OF, [&rid], rows::order)?;
        let history = collect(
            &self.conn,
            &sql::HISTORY_OF,
            params![&rid, HISTORY_LIMIT],
            rows::history_item,
        )?;
        // the passport's warnings, so that the resident's page says what each device needs
        let mut device_warnings = Vec::new();
        for summary in &devices {
            let Some(device) = self.device_by_id(&summary.id.to_string())? else {
                continue;
            };
            let slings = collect(
                &self.conn,
                &sql::SLINGS_OF,
                [summary.id.to_string()],
                rows::sling,
            )?;
            let warnings = self.warnings_of(&device, &slings, today)?;
            if !warnings.is_empty() {
                device_warnings.push(DeviceWarnings {
                    device_id: device.id,
                    warnings,
                });
            }
        }
        let mut signals = self.signals_of_resident(id)?;
        signals.reverse();
        let mut complaints: Vec<ComplaintCard> = self
            .complaints_of_resident(id)?
            .into_iter()
            .map(|complaint| ComplaintCard {
                received_on: complaint.received_day(),
                due: complaint.due(cal),
                complaint,
            })
            .collect();
        complaints.reverse();
        let mut messages = self.messages_of_resident(id)?;
        messages.reverse();
        Ok(ResidentView {
            name: resident.display_name(),
            resident,
            municipality,
            caregivers,
            supplier_contacts,
            devices,
            open_jobs,
            open_repairs,
            orders,
            history,
            device_warnings,
            signals,
            complaints,
            messages,
        })
    }

    /// What a device's passport makes stand out on `today` (the replacement rule counts the
    /// drive-related repairs of the calendar year before).
    fn warnings_of(
        &self,
        device: &Device,
        slings: &[Sling],
        today: NaiveDate,
    ) -> Result<Vec<PassportWarning>> {
        let repairs = if device.is_electric() {
            let year = veldwerk_core::jobs::rules::previous_calendar_year(today);
            drive_repairs_in_year(&self.conn, device.id, year)?
        } else {
            0
        };
        Ok(veldwerk_core::passport::passport_warnings(
            device, slings, today, repairs,
        ))
    }

    /// A device's logbook in chain order (oldest first).
    pub fn logbook(&self, device: DeviceId) -> Result<Vec<LogbookEntry>> {
        collect(
            &self.conn,
            &sql::LOGBOOK_OF,
            [device.to_string()],
            rows::logbook_entry,
        )
    }

    /// Verifies one device's hash chain; Ok(None) when intact, Ok(Some(first break)) when not.
    pub fn verify_logbook(&self, device: DeviceId) -> Result<Option<BrokenLink>> {
        let entries = self.logbook(device)?;
        let head = self.chain_head(device)?;
        Ok(verify_chain_to_head(device, &entries, head.as_ref()).err())
    }

    /// The head recorded when the device's last entry was appended.
    fn chain_head(&self, device: DeviceId) -> Result<Option<ChainHead>> {
        let head = self
            .conn
            .prepare_cached("SELECT seq, hash, entry_id FROM logbook_heads WHERE device_id = ?1")?
            .query_row([device.to_string()], |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .optional()?;
        head.map(|(seq, hash, id)| {
            Ok(ChainHead {
                seq,
                hash,
                entry_id: crate::codec::id_from("logbook entry id", &id, LogbookEntryId)?,
            })
        })
        .transpose()
    }

    /// Verifies every device's chain; returns the first break of each broken device.
    pub fn verify_all_logbooks(&self) -> Result<Vec<BrokenLink>> {
        let ids = collect(
            &self.conn,
            // with the heads: a device whose entries were all removed is checked too
            "SELECT device_id FROM logbook UNION SELECT device_id FROM logbook_heads
             ORDER BY device_id",
            [],
            |row| crate::codec::id_from("device id", &row.get::<_, String>(0)?, DeviceId),
        )?;
        let mut broken = Vec::new();
        for id in ids {
            if let Some(b) = self.verify_logbook(id)? {
                broken.push(b);
            }
        }
        Ok(broken)
    }

    /// The passport of a device; `today` decides what is overdue.
    pub fn passport(
        &self,
        id: DeviceId,
        today: NaiveDate,
        cal: &WorkingDayCalendar,
    ) -> Result<PassportView> {
        let device = self
            .device_by_id(&id.to_string())?
            .ok_or(StoreError::NotFound { kind: "device" })?;
        let resident = match device.resident_id {
            Some(r) => Some(self.resident_summary(r)?),
            None => None,
        };
        let slings = collect(&self.conn, &sql::SLINGS_OF, [id.to_string()], rows::sling)?;
        let chain_entries = self.logbook(id)?;
        let chain = ChainStatus {
            entries: u32::try_from(chain_entries.len()).unwrap_or(u32::MAX),
            broken: verify_chain_to_head(id, &chain_entries, self.chain_head(id)?.as_ref()).err(),
        };
        let logbook: Vec<LogbookLine> = chain_entries.into_iter().rev().map(Into::into).collect();
        let open_repairs = collect(
            &self.conn,
            &sql::OPEN_MALFUNCTIONS_OF_DEVICE,
            [id.to_string()],
            rows::malfunction,
        )?
        .into_iter()
        .map(|m| self.repair_card(m, cal))
        .collect();
        let warnings = self.warnings_of(&device, &slings, today)?;
        Ok(PassportView {
            category: CategoryInfo::from(device.category),
            is_electric: device.is_electric(),
            device,
            resident,
            slings,
            logbook,
            chain,
            open_repairs,
            warnings,
        })
    }

    /// Searches residents and devices; results grouped by resident.
    pub fn search(&self, query: &str, limit: u32) -> Result<SearchResults> {
        let plan = match search::plan(query)? {
            Some(p) => p,
            None => {
                return Ok(SearchResults {
                    query: query.to_string(),
                    groups: Vec::new(),
                    unassigned_devices: Vec::new(),
                    truncated: false,
                })
            }
        };
        let limit = limit.clamp(1, 200);
        let hits = search::hits(&self.conn, &plan, limit + 1)?;
        let truncated = hits.len() > limit as usize;
        let mut groups: Vec<SearchGroup> = Vec::new();
        let mut index: HashMap<ResidentId, usize> = HashMap::new();
        let mut unassigned = Vec::new();
        for rowid in hits.into_iter().take(limit as usize) {
            let seq = rowid / 2;
            if rowid % 2 == 0 {
                let found = one(
                    &self.conn,
                    &sql::RESIDENT_BY_SEQ,
                    [seq],
                    rows::resident_with_municipality,
                )?;
                let Some((r, municipality)) = found else {
                    continue;
                };
                match index.get(&r.id) {
                    Some(&i) => groups[i].resident_matched = true,
                    None => {
                        index.insert(r.id, groups.len());
                        groups.push(SearchGroup {
                            resident: summary(&r, municipality),
                            resident_matched: true,
                            devices: Vec::new(),
                        });
                    }
                }
            } else {
                let found = one(
                    &self.conn,
                    &sql::SUMMARY_BY_SEQ,
                    [seq],
                    rows::device_summary,
                )?;
                let Some(summary_d) = found else { continue };
                match summary_d.resident_id {
                    None => unassigned.push(summary_d),
                    Some(rid) => match index.get(&rid) {
                        Some(&i) => groups[i].devices.push(summary_d),
                        None => {
                            index.insert(rid, groups.len());
                            groups.push(SearchGroup {
                                resident: self.resident_summary(rid)?,
                                resident_matched: false,
                                devices: vec![summary_d],
                            });
                        }
                    },
                }
            }
        }
        // A resident who matched by name shows all of their devices.
        for g in groups
            .iter_mut()
            .filter(|g| g.resident_matched && g.devices.is_empty())
        {
            g.devices = collect(
                &self.conn,
                &sql::SUMMARIES_OF_RESIDENT,
                params![g.resident.id.to_string(), 20],
                rows::device_summary,
            )?;
        }
        Ok(SearchResults {
            query: query.to_string(),
            groups,
            unassigned_devices: unassigned,
            truncated,
        })
    }

    /// Looks a device up by its registration number (typed or scanned), in any spacing/case.
    pub fn device_by_registration(&self, registration: &str) -> Result<Option<DeviceSummary>> {
        one(
            &self.conn,
            &sql::SUMMARY_BY_REGISTRATION,
            [registration.trim()],
            rows::device_summary,
        )
    }
}

fn summary(r: &Resident, municipality: String) -> ResidentSummary {
    ResidentSummary {
        id: r.id,
        name: r.display_name(),
        resident_number: r.resident_number.clone(),
        address: r.address.clone(),
        municipality,
        phone: r.phone.clone(),
        preferred_communication: r.preferred_communication,
        particulars: r.particulars.clone(),
    }
}
