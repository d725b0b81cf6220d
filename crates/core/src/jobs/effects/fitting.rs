//! Fittings: the fitting entry and a category-deviation request.

use super::builder::*;
use crate::ids::*;
use crate::jobs::answer::Answer;
use crate::jobs::evaluate::*;
use crate::jobs::records::{DeviationRequest, DeviationStatus};
use crate::jobs::schema::keys;
use crate::logbook::LogbookKind;
use crate::sla;

impl Builder<'_> {
    pub(super) fn fitting(&mut self) {
        let now = self.now;
        let proposed = match self.a.get(keys::fitting::CONCLUSION_CATEGORY) {
            Some(Answer::Category { value }) => Some(*value),
            _ => None,
        };
        let mut deviating = false;
        if let (Some(order), Some(p)) = (self.ctx.order.clone(), proposed) {
            if p != order.category {
                deviating = true;
                let motivation = text(self.a, keys::fitting::CONCLUSION_DEVIATION_MOTIVATION)
                    .or(text(self.a, keys::fitting::FINDINGS_MOTIVATION))
                    .unwrap_or_default()
                    .to_string();
                self.out.deviation = Some(DeviationRequest {
                    id: DeviationRequestId::new_v7(),
                    order_id: order.id,
                    resident_id: self.ctx.resident.id,
                    job_id: self.ctx.job.id,
                    ordered: order.category,
                    proposed: p,
                    motivation,
                    requested_at: now,
                    status: DeviationStatus::Pending,
                });
                self.out.notices.push(deviation_notice(order.category, p));
            }
        }
        if !deviating && date(self.a, keys::fitting::DELIVERY_AGREED_DATE).is_none() {
            let due = sla::delivery_planning_due(self.cal, self.ctx.appointment.window.start);
            self.out.notices.push(planning_notice(due));
        }
        self.out.notices.extend(fitting_warnings(self.a));
        if let (Some(true), Some(end)) = (
            yes_no(self.a, keys::fitting::TRIAL_PLACEMENT),
            date(self.a, keys::fitting::TRIAL_END_DATE),
        ) {
            let h = human_day(end);
            self.notice(
                format!("Proefplaatsing (kosteloos) tot en met {}.", h.nl),
                format!("Trial placement (free of charge) until {} inclusive.", h.en),
            );
        }
        let Some(dev) = self.ctx.device.clone() else {
            return;
        };
        let chosen = text(self.a, keys::fitting::FINDINGS_CHOSEN_DEVICE).unwrap_or("-");
        let mut summary = vec![l(
            format!("Passing: gekozen {chosen}"),
            format!("Fitting: chose {chosen}"),
        )];
        if let Some(p) = proposed {
            summary.push(l(
                format!("categorie {}", p.code()),
                format!("category {}", p.code()),
            ));
        }
        if let Some(d) = date(self.a, keys::fitting::DELIVERY_AGREED_DATE) {
            let d = human_day_year(d);
            summary.push(l(
                format!("levering afgesproken op {}", d.nl),
                format!("delivery agreed for {}", d.en),
            ));
        }
        if yes_no(self.a, keys::fitting::TRIAL_PLACEMENT) == Some(true) {
            summary.push(match date(self.a, keys::fitting::TRIAL_END_DATE) {
                Some(d) => {
                    let d = human_day_year(d);
                    l(
                        format!("proefplaatsing tot {}", d.nl),
                        format!("trial placement until {}", d.en),
                    )
                }
                None => l("proefplaatsing", "trial placement"),
            });
        }
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("chosen_device", keys::fitting::FINDINGS_CHOSEN_DEVICE),
                ("motivation", keys::fitting::FINDINGS_MOTIVATION),
                ("category", keys::fitting::CONCLUSION_CATEGORY),
                (
                    "first_time_right",
                    keys::fitting::CONCLUSION_FIRST_TIME_RIGHT,
                ),
                ("trial_placement", keys::fitting::TRIAL_PLACEMENT),
                ("trial_end_date", keys::fitting::TRIAL_END_DATE),
                ("storage", keys::fitting::STORAGE_LOCATION),
                ("delivery_agreed_date", keys::fitting::DELIVERY_AGREED_DATE),
                ("lesson_result", keys::fitting::LESSON_RESULT),
                (
                    "driving_lessons_advised",
                    keys::fitting::LESSON_DRIVING_LESSONS_ADVISED,
                ),
            ],
        );
        self.entry(dev.id, LogbookKind::Fitting, now, joined(&summary), details);
    }
}
