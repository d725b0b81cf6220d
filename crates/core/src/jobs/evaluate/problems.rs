//! What is wrong with an answer in the context of its job (a registration number that is not
//! the ordered device, a sling approved with a check "out of use"...).

use super::*;
use crate::jobs::answer::Answer;
use crate::jobs::context::JobContext;
use crate::jobs::rules;
use crate::jobs::schema::keys;
use crate::jobs::template::{CheckResult, Input, Item};
use crate::jobs::templates::split_key;
use crate::model::{DeviceStatus, JobKind};
use crate::Localized;
use std::collections::BTreeMap;

pub(crate) fn answer_fits(input: &Input, a: &Answer) -> bool {
    matches!(
        (input, a),
        (Input::Check, Answer::Check { .. })
            | (Input::YesNo, Answer::YesNo { .. })
            | (Input::Choice { .. }, Answer::Choice { .. })
            | (Input::MultiChoice { .. }, Answer::MultiChoice { .. })
            | (Input::Measurement { .. }, Answer::Measurement { .. })
            | (Input::Text { .. }, Answer::Text { .. })
            | (Input::Date { .. }, Answer::Date { .. })
            | (Input::Moment, Answer::Moment { .. })
            | (Input::Parts, Answer::Parts { .. })
            | (Input::SignOff, Answer::SignOff { .. })
            | (Input::Registration, Answer::Registration { .. })
            | (Input::Category, Answer::Category { .. })
    )
}

pub(crate) fn status_name(s: DeviceStatus) -> Localized {
    match s {
        DeviceStatus::InUse => {
            Localized::new("in gebruik bij een inwoner", "in use with a resident")
        }
        DeviceStatus::AwaitingRepair => Localized::new("wacht op reparatie", "awaiting repair"),
        DeviceStatus::OutOfUse => Localized::new("buiten gebruik", "out of use"),
        DeviceStatus::InDepot => Localized::new("in het depot", "in the depot"),
        DeviceStatus::OnLoan => Localized::new("al uitgeleend", "already on loan"),
    }
}

/// What is wrong with an answered item in context, if anything. `plain` is the item's key
/// without instance.
#[allow(clippy::too_many_arguments)] // the item, its answer and where it stands
pub(crate) fn problem(
    kind: JobKind,
    plain: &str,
    inst: Option<&str>,
    item: &Item,
    a: &Answer,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
) -> Option<Localized> {
    if !answer_fits(&item.input, a) {
        return Some(Localized::new(
            "dit soort antwoord past niet bij deze vraag",
            "this kind of answer does not fit this item",
        ));
    }
    if let Answer::Check {
        result: CheckResult::DefectFixBy,
        fix_by: None,
        ..
    } = a
    {
        return Some(Localized::new(
            "geef aan vóór welke datum het defect verholpen wordt",
            "give the date by which the defect will be fixed",
        ));
    }
    let unknown = |reg: &str| {
        Localized::new(
            format!("{reg} is geen bekend hulpmiddel"),
            format!("{reg} is not a known device"),
        )
    };
    match (kind, plain, a) {
        (
            JobKind::Delivery,
            keys::delivery::IDENTITY_REGISTRATION,
            Answer::Registration { value },
        ) => match &ctx.device {
            Some(d)
                if normalize_registration(value)
                    == normalize_registration(&d.registration_number) =>
            {
                None
            }
            Some(d) => Some(Localized::new(
                format!(
                    "komt niet overeen met het bestelde hulpmiddel {}",
                    d.registration_number
                ),
                format!(
                    "does not match the ordered device {}",
                    d.registration_number
                ),
            )),
            None => Some(Localized::new(
                "er is geen hulpmiddel aan deze levering gekoppeld",
                "no device is linked to this delivery",
            )),
        },
        (
            JobKind::Repair,
            keys::repair::RESOLUTION_LOAN_REGISTRATION,
            Answer::Registration { value },
        )
        | (
            JobKind::Adjustment,
            keys::adjustment::WORK_REPLACEMENT_REGISTRATION,
            Answer::Registration { value },
        ) => match known_device(ctx, value) {
            None => Some(unknown(value)),
            Some(d) if same_device(d, ctx) => Some(Localized::new(
                "dit is het hulpmiddel van de inwoner zelf; kies een ander leenmiddel",
                "this is the resident's own device; choose another loan device",
            )),
            Some(d) if d.status != DeviceStatus::InDepot => {
                let s = status_name(d.status);
                Some(Localized::new(
                    format!("{value} staat niet in het depot ({})", s.nl),
                    format!("{value} is not in the depot ({})", s.en),
                ))
            }
            Some(_) => None,
        },
        (JobKind::LoanDevice, keys::loan::LOAN_REGISTRATION, Answer::Registration { value }) => {
            match answers.get(keys::loan::LOAN_ACTION) {
                Some(Answer::Choice { value: action }) if action == "place" => {
                    let own = ctx.device.as_ref().is_some_and(|d| {
                        normalize_registration(&d.registration_number)
                            == normalize_registration(value)
                    });
                    if own {
                        return None;
                    }
                    match known_device(ctx, value) {
                        None => Some(unknown(value)),
                        Some(d) if d.status != DeviceStatus::InDepot => {
                            let s = status_name(d.status);
                            Some(Localized::new(
                                format!("{value} staat niet in het depot ({})", s.nl),
                                format!("{value} is not in the depot ({})", s.en),
                            ))
                        }
                        Some(_) => None,
                    }
                }
                Some(Answer::Choice { value: action }) if action == "pickup" => {
                    match job_or_known_device(ctx, value) {
                        None => Some(unknown(value)),
                        Some(d) if d.resident_id != Some(ctx.resident.id) => Some(Localized::new(
                            format!("{value} staat niet bij deze inwoner"),
                            format!("{value} is not with this resident"),
                        )),
                        Some(_) => None,
                    }
                }
                _ => None,
            }
        }
        (
            JobKind::Replacement,
            keys::replacement::NEW_DEVICE_REGISTRATION,
            Answer::Registration { value },
        ) => {
            match known_device(ctx, value) {
                None => Some(unknown(value)),
                Some(d) if same_device(d, ctx) => Some(Localized::new(
                    "dit is het hulpmiddel dat vervangen wordt",
                    "this is the device being replaced",
                )),
                // The new device comes from the depot: never from another resident.
                Some(d) if d.status != DeviceStatus::InDepot || d.resident_id.is_some() => {
                    let s = status_name(d.status);
                    Some(Localized::new(
                        format!("{value} staat niet vrij in het depot ({})", s.nl),
                        format!("{value} is not free in the depot ({})", s.en),
                    ))
                }
                Some(_) => None,
            }
        }
        (JobKind::Repair, keys::repair::RESOLUTION_RESOLVED_AT, Answer::Moment { value }) => {
            match answers.get(keys::repair::ARRIVAL_ARRIVED_AT) {
                Some(Answer::Moment { value: arrived }) if value < arrived => Some(Localized::new(
                    "verholpen vóór de aankomst kan niet; controleer de tijden",
                    "resolved before the arrival is not possible; check the times",
                )),
                _ => None,
            }
        }
        (JobKind::HoistInspection, keys::hoist::OUTCOME_RESULT, Answer::Choice { value })
            if value != "rejected" =>
        {
            let out_of_use = answers.iter().any(|(k, x)| {
                split_key(k)
                    .is_none_or(|(step, inst, _)| step != keys::hoist::SLING_STEP || inst.is_none())
                    && matches!(
                        x,
                        Answer::Check {
                            result: CheckResult::OutOfUse,
                            ..
                        }
                    )
            });
            out_of_use.then(|| {
                Localized::new(
                    "een controle staat op 'buiten gebruik': de tillift kan niet worden goedgekeurd",
                    "a check says 'take out of use': the hoist cannot be approved",
                )
            })
        }
        (JobKind::HoistInspection, keys::hoist::SLING_OUTCOME, Answer::Choice { value })
            if value != "rejected" =>
        {
            let out_of_use = answers.iter().any(|(k, x)| {
                split_key(k)
                    .is_some_and(|(step, i, _)| step == keys::hoist::SLING_STEP && i == inst)
                    && matches!(
                        x,
                        Answer::Check {
                            result: CheckResult::OutOfUse,
                            ..
                        }
                    )
            });
            out_of_use.then(|| {
                Localized::new(
                    "een controle van deze tilband staat op 'buiten gebruik': de band kan niet worden goedgekeurd",
                    "a check of this sling says 'take out of use': the sling cannot be approved",
                )
            })
        }
        (JobKind::Fitting, keys::fitting::TRIAL_END_DATE, Answer::Date { value }) => {
            if rules::trial_end_ok(ctx.job_day, *value) {
                None
            } else {
                Some(Localized::new(
                    format!(
                        "een proefplaatsing eindigt na vandaag en duurt hoogstens {} dagen",
                        rules::MAX_TRIAL_DAYS
                    ),
                    format!(
                        "a trial placement ends after today and lasts at most {} days",
                        rules::MAX_TRIAL_DAYS
                    ),
                ))
            }
        }
        (JobKind::Fitting, keys::fitting::DELIVERY_AGREED_DATE, Answer::Date { value }) => {
            (*value < ctx.job_day).then(|| {
                Localized::new(
                    "de leverdatum kan niet vóór vandaag liggen",
                    "the delivery date cannot be before today",
                )
            })
        }
        _ => None,
    }
}
