//! Fittings: the fitting entry and a category-deviation request.

use super::builder::*;
use crate::ids::*;
use crate::jobs::answer::Answer;
use crate::jobs::evaluate::*;
use crate::jobs::records::{DeviationRequest, DeviationStatus};
use crate::logbook::LogbookKind;
use crate::sla;

impl Builder<'_> {
    pub(super) fn fitting(&mut self) {
        let now = self.now;
        let proposed = match self.a.get("conclusion.category") {
            Some(Answer::Category { value }) => Some(*value),
            _ => None,
        };
        let mut deviating = false;
        if let (Some(order), Some(p)) = (self.ctx.order.clone(), proposed) {
            if p != order.category {
                deviating = true;
                let motivation = text(self.a, "conclusion.deviation_motivation")
                    .or(text(self.a, "findings.motivation"))
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
        if !deviating && date(self.a, "delivery.agreed_date").is_none() {
            let due = sla::delivery_planning_due(self.cal, self.ctx.appointment.window.start);
            self.out.notices.push(planning_notice(due));
        }
        self.out.notices.extend(fitting_warnings(self.a));
        if let (Some(true), Some(end)) = (
            yes_no(self.a, "trial.placement"),
            date(self.a, "trial.end_date"),
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
        let mut summary = vec![format!(
            "Passing: gekozen {}",
            text(self.a, "findings.chosen_device").unwrap_or("-")
        )];
        if let Some(p) = proposed {
            summary.push(format!("categorie {}", p.code()));
        }
        if let Some(d) = date(self.a, "delivery.agreed_date") {
            summary.push(format!("levering afgesproken op {}", human_day_year(d).nl));
        }
        if yes_no(self.a, "trial.placement") == Some(true) {
            summary.push(match date(self.a, "trial.end_date") {
                Some(d) => format!("proefplaatsing tot {}", human_day_year(d).nl),
                None => "proefplaatsing".into(),
            });
        }
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("chosen_device", "findings.chosen_device"),
                ("motivation", "findings.motivation"),
                ("category", "conclusion.category"),
                ("first_time_right", "conclusion.first_time_right"),
                ("trial_placement", "trial.placement"),
                ("trial_end_date", "trial.end_date"),
                ("storage", "storage.location"),
                ("delivery_agreed_date", "delivery.agreed_date"),
                ("lesson_result", "lesson.result"),
                ("driving_lessons_advised", "lesson.driving_lessons_advised"),
            ],
        );
        self.entry(
            dev.id,
            LogbookKind::Fitting,
            now,
            summary.join("; "),
            details,
        );
    }
}
