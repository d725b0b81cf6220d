//! Loan devices placed and picked up.

use super::builder::*;
use crate::jobs::completion::*;
use crate::jobs::evaluate::*;
use crate::jobs::schema::keys;
use crate::logbook::LogbookKind;
use crate::model::DeviceStatus;

impl Builder<'_> {
    pub(super) fn loan_device(&mut self) {
        let day = self.day();
        let now = self.now;
        let action = choice(self.a, keys::loan::LOAN_ACTION)
            .unwrap_or_default()
            .to_string();
        let Some(reg) = registration(self.a, keys::loan::LOAN_REGISTRATION) else {
            return;
        };
        let n = normalize_registration(reg);
        let dev = self
            .ctx
            .device
            .as_ref()
            .filter(|d| normalize_registration(&d.registration_number) == n)
            .or_else(|| known_device(self.ctx, reg))
            .cloned();
        let Some(dev) = dev else {
            return;
        };
        let name = self.resident_name();
        let options = text(self.a, keys::loan::LOAN_OPTIONS_MOVED).map(str::to_string);
        let mut details = self.digest(&|_| true);
        self.put(
            &mut details,
            &[
                ("action", keys::loan::LOAN_ACTION),
                ("registration", keys::loan::LOAN_REGISTRATION),
                ("options_moved", keys::loan::LOAN_OPTIONS_MOVED),
            ],
        );
        let signed = self.signed();
        let (kind, mut summary) = match action.as_str() {
            "place" => {
                let link = ResidentLink::Resident(self.ctx.resident.id);
                let c = self.changes(dev.id);
                c.resident = Some(link);
                c.status = Some(DeviceStatus::OnLoan);
                c.last_delivered_on = Some(day);
                let mut s = vec![l(
                    format!("Als leenmiddel geplaatst bij {name}"),
                    format!("Placed as a loan device with {name}"),
                )];
                if let Some(o) = &options {
                    s.push(l(
                        format!("opties overgezet: {o}"),
                        format!("options moved: {o}"),
                    ));
                }
                (LogbookKind::LoanPlaced, s)
            }
            "pickup" => {
                let c = self.changes(dev.id);
                c.resident = Some(ResidentLink::Nobody);
                c.status = Some(DeviceStatus::InDepot);
                (
                    LogbookKind::LoanReturned,
                    vec![l(
                        format!("Leenmiddel opgehaald bij {name}"),
                        format!("Loan device picked up from {name}"),
                    )],
                )
            }
            _ => return,
        };
        if let Some(s) = signed {
            summary.push(s);
        }
        self.entry(dev.id, kind, now, joined(&summary), details);
    }
}
