//! Complex custom work (`veldwerk_core::plans`): the case manager's plans and their updates,
//! each recorded with its outbox entry in one transaction. A retry with the same id is
//! answered with what is stored; other content under its id is refused.

use crate::codec::{json_text, time_text};
use crate::error::{Result, StoreError};
use crate::fetch::{record as stored, records as list};
use crate::jobs::{already_stored, millis, must_exist, push_outbox, record_type};
use crate::Store;
use rusqlite::params;
use veldwerk_core::ids::ResidentId;
use veldwerk_core::plans::{PlanUpdate, WorkPlan};

impl Store {
    /// Records a work plan and queues it.
    pub fn record_work_plan(&mut self, p: &WorkPlan) -> Result<WorkPlan> {
        p.validate()?;
        let p = WorkPlan {
            created_at: millis(p.created_at),
            ..p.clone()
        };
        let id = p.id.to_string();
        let w = self.write()?;
        let existing = stored(&w.tx, "work_plans", &id, "work plan")?;
        if let Some(s) = already_stored(existing, &p, "work plan")? {
            return Ok(s);
        }
        must_exist(&w.tx, "residents", "resident", &p.resident_id.to_string())?;
        w.tx.prepare_cached(
            "INSERT INTO work_plans (id, resident_id, created_at, record) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            id,
            p.resident_id.to_string(),
            time_text(&p.created_at),
            json_text(&p),
        ])?;
        push_outbox(&w.tx, &id, record_type::WORK_PLAN, &p, p.created_at)?;
        w.commit()?;
        Ok(p)
    }

    /// Records an update (progress, consent, evaluation) of a plan and queues it.
    pub fn record_plan_update(&mut self, u: &PlanUpdate) -> Result<PlanUpdate> {
        u.validate()?;
        let u = PlanUpdate {
            created_at: millis(u.created_at),
            ..u.clone()
        };
        let id = u.id.to_string();
        let w = self.write()?;
        let existing = stored(&w.tx, "plan_updates", &id, "plan update")?;
        if let Some(s) = already_stored(existing, &u, "plan update")? {
            return Ok(s);
        }
        let plan: WorkPlan = stored(&w.tx, "work_plans", &u.plan_id.to_string(), "work plan")?
            .ok_or(StoreError::NotFound { kind: "work plan" })?;
        if plan.resident_id != u.resident_id {
            return Err(StoreError::NotFound { kind: "work plan" });
        }
        w.tx.prepare_cached(
            "INSERT INTO plan_updates (id, plan_id, resident_id, created_at, record)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            id,
            u.plan_id.to_string(),
            u.resident_id.to_string(),
            time_text(&u.created_at),
            json_text(&u),
        ])?;
        push_outbox(&w.tx, &id, record_type::PLAN_UPDATE, &u, u.created_at)?;
        w.commit()?;
        Ok(u)
    }

    /// A resident's plans, oldest first, each with its updates (oldest first): two queries,
    /// whatever the number of plans.
    pub fn work_plans_of(&self, resident: ResidentId) -> Result<Vec<(WorkPlan, Vec<PlanUpdate>)>> {
        let plans: Vec<WorkPlan> = list(
            &self.conn,
            "SELECT record FROM work_plans WHERE resident_id = ?1 ORDER BY created_at, rowid",
            resident.to_string(),
            "work plan",
        )?;
        let updates: Vec<PlanUpdate> = list(
            &self.conn,
            "SELECT u.record FROM plan_updates u JOIN work_plans p ON p.id = u.plan_id
             WHERE p.resident_id = ?1 ORDER BY u.created_at, u.rowid",
            resident.to_string(),
            "plan update",
        )?;
        Ok(plans
            .into_iter()
            .map(|p| {
                let mine = updates
                    .iter()
                    .filter(|u| u.plan_id == p.id)
                    .cloned()
                    .collect();
                (p, mine)
            })
            .collect())
    }
}
