//! Complex custom work (PvE 6.1, 6.3.4): the case manager's plan — what is made and why, the
//! timeline, when it is evaluated — with the resident's consent, and an update to the resident
//! and municipality at least every two weeks until the evaluation. Plans and updates are
//! immutable records a client makes; the next update's day is computed, never stored.

use crate::ids::{OrderId, PlanUpdateId, ResidentId, WorkPlanId};
use crate::jobs::ClientRecord;
use crate::validation::{invalid, required, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An update is due at least this many days after the plan or the previous update.
pub const UPDATE_EVERY_DAYS: i64 = 14;
pub const MAX_PLAN_TEXT: usize = 4000;

/// The case manager's plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkPlan {
    pub id: WorkPlanId,
    pub resident_id: ResidentId,
    /// The municipality's order it is for, if known.
    pub order_id: Option<OrderId>,
    /// What is made or adapted, and why (the specification).
    pub specification: String,
    /// The steps and their dates, in the case manager's words.
    pub timeline: String,
    /// The local day the result is evaluated with the resident.
    pub evaluate_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub author: String,
}

/// What a plan update is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PlanUpdateKind {
    /// How it stands (to the resident and the municipality).
    Progress,
    /// The resident (or their representative) agrees with the plan.
    Consent,
    /// The evaluation with the resident: the plan is done.
    Evaluation,
}

/// An update, the consent or the evaluation of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanUpdate {
    pub id: PlanUpdateId,
    pub plan_id: WorkPlanId,
    pub resident_id: ResidentId,
    pub kind: PlanUpdateKind,
    /// The update's text; for consent: who agreed and how.
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub author: String,
}

impl WorkPlan {
    pub fn validate(&self) -> Result<(), ValidationError> {
        required("specification", &self.specification, MAX_PLAN_TEXT)?;
        required("timeline", &self.timeline, MAX_PLAN_TEXT)?;
        required("author", &self.author, 120)?;
        if self.evaluate_on < crate::sla::local_date(self.created_at) {
            return Err(invalid(
                "evaluate_on",
                "de evaluatie ligt niet in het verleden",
                "the evaluation is not in the past",
            ));
        }
        Ok(())
    }
}

impl PlanUpdate {
    pub fn validate(&self) -> Result<(), ValidationError> {
        required("text", &self.text, MAX_PLAN_TEXT)?;
        required("author", &self.author, 120)
    }
}

impl ClientRecord for WorkPlan {
    fn same_as(&self, s: &Self) -> bool {
        *self
            == WorkPlan {
                created_at: self.created_at,
                ..s.clone()
            }
    }
}

impl ClientRecord for PlanUpdate {
    fn same_as(&self, s: &Self) -> bool {
        *self
            == PlanUpdate {
                created_at: self.created_at,
                ..s.clone()
            }
    }
}

/// Where a plan stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanState {
    /// The resident agreed (the day of the consent update), if they did.
    pub consent_on: Option<NaiveDate>,
    /// Evaluated (the day), if it was: then no more updates are due.
    pub evaluated_on: Option<NaiveDate>,
    /// The last day the next update is due by; none once evaluated.
    pub next_update_by: Option<NaiveDate>,
    /// The next update's day has passed (on `today`).
    pub update_overdue: bool,
}

/// Where `plan` stands on `today`, given its updates (any order).
pub fn state(plan: &WorkPlan, updates: &[PlanUpdate], today: NaiveDate) -> PlanState {
    let day = |u: &PlanUpdate| crate::sla::local_date(u.created_at);
    let mine = || updates.iter().filter(|u| u.plan_id == plan.id);
    let consent_on = mine()
        .filter(|u| u.kind == PlanUpdateKind::Consent)
        .map(day)
        .min();
    let evaluated_on = mine()
        .filter(|u| u.kind == PlanUpdateKind::Evaluation)
        .map(day)
        .min();
    // every update counts as telling how it stands (the consent too)
    let created = crate::sla::local_date(plan.created_at);
    let last = mine().map(day).max().map_or(created, |d| d.max(created));
    let next_update_by = match evaluated_on {
        Some(_) => None,
        None => Some(last + chrono::Duration::days(UPDATE_EVERY_DAYS)),
    };
    PlanState {
        consent_on,
        evaluated_on,
        update_overdue: next_update_by.is_some_and(|d| today > d),
        next_update_by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan() -> WorkPlan {
        WorkPlan {
            id: WorkPlanId::new_v7(),
            resident_id: ResidentId::new_v7(),
            order_id: None,
            specification: "Zitschaal op maat met verstelbare rugleuning".into(),
            timeline: "Maten 2 maart, proefzit 16 maart, levering 30 maart".into(),
            evaluate_on: d(2026, 4, 20),
            created_at: at("2026-03-02T09:00:00Z"),
            author: "Casemanager".into(),
        }
    }

    fn update(p: &WorkPlan, kind: PlanUpdateKind, when: &str) -> PlanUpdate {
        PlanUpdate {
            id: PlanUpdateId::new_v7(),
            plan_id: p.id,
            resident_id: p.resident_id,
            kind,
            text: "Stand van zaken".into(),
            created_at: at(when),
            author: "Casemanager".into(),
        }
    }

    #[test]
    fn an_update_is_due_every_two_weeks_until_the_evaluation() {
        let p = plan();
        let s = state(&p, &[], d(2026, 3, 10));
        assert_eq!(s.next_update_by, Some(d(2026, 3, 16)));
        assert!(!s.update_overdue);
        assert!(state(&p, &[], d(2026, 3, 17)).update_overdue);
        // an update on 12 March moves the next to 26 March; the consent counts as one
        let ups = vec![
            update(&p, PlanUpdateKind::Consent, "2026-03-05T10:00:00Z"),
            update(&p, PlanUpdateKind::Progress, "2026-03-12T10:00:00Z"),
        ];
        let s = state(&p, &ups, d(2026, 3, 17));
        assert_eq!(s.consent_on, Some(d(2026, 3, 5)));
        assert_eq!(s.next_update_by, Some(d(2026, 3, 26)));
        assert!(!s.update_overdue);
        // another plan's updates do not count
        let other = plan();
        let s = state(&other, &ups, d(2026, 3, 17));
        assert_eq!(s.consent_on, None);
        assert!(s.update_overdue);
        // evaluated: nothing more is due
        let mut done = ups.clone();
        done.push(update(
            &p,
            PlanUpdateKind::Evaluation,
            "2026-04-20T10:00:00Z",
        ));
        let s = state(&p, &done, d(2026, 6, 1));
        assert_eq!(s.evaluated_on, Some(d(2026, 4, 20)));
        assert_eq!(s.next_update_by, None);
        assert!(!s.update_overdue);
    }

    #[test]
    fn a_plan_needs_its_content_and_an_evaluation_not_in_the_past() {
        assert!(plan().validate().is_ok());
        let mut p = plan();
        p.specification = " ".into();
        assert!(p.validate().is_err());
        let mut p = plan();
        p.evaluate_on = d(2026, 3, 1);
        assert!(p.validate().is_err());
        let mut u = update(&plan(), PlanUpdateKind::Progress, "2026-03-12T10:00:00Z");
        u.text = String::new();
        assert!(u.validate().is_err());
    }
}
