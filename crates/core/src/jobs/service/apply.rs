//! [`apply`]: one command on a job, decided purely.

use super::view::{item_for, template_for};
use super::{Applied, Env, JobAggregate, JobChange, JobCommand, JobError};
use crate::jobs::answer;
use crate::jobs::evaluate::{applicable_answers, applies, instances};
use crate::jobs::{
    answer_key, blocked, complete, complete_signed_delivery, delivery_signals, guarded, next_state,
    AgreementSigned, Answer, CheckResult, Input, JobDraft, JobEvent, JobState, Template,
};
use crate::model::JobStatus;
use crate::Localized;

/// Applies `cmd` to the job (see the module documentation of [`super`]).
pub fn apply(agg: JobAggregate, cmd: JobCommand, env: &Env) -> Result<Applied, JobError> {
    match cmd {
        JobCommand::Start => start(agg, env),
        JobCommand::SaveAnswer { key, answer } => save_answer(agg, key, answer, env),
        JobCommand::ClearAnswer { key } => clear_answer(agg, key, env),
        JobCommand::AllOk { step_id, instance } => all_ok(agg, &step_id, instance, env),
        JobCommand::MarkReadyToSign => set_state(agg, JobEvent::MarkReadyToSign, env),
        JobCommand::Reopen => set_state(agg, JobEvent::Reopen, env),
        JobCommand::Complete => complete_job(agg, env, None),
        JobCommand::CompleteDelivery(signed) => complete_job(agg, env, Some(&signed)),
    }
}

fn unchanged(aggregate: JobAggregate) -> Applied {
    Applied {
        change: JobChange::None,
        aggregate,
        notices: Vec::new(),
    }
}

/// A job that is completed or could not proceed never changes again.
fn closed_error(agg: &JobAggregate) -> Option<JobError> {
    let from = match (agg.draft.as_ref().map(|d| d.state), agg.ctx.job.status) {
        (Some(s), _) if s.is_final() => s,
        (_, JobStatus::Completed) => JobState::Completed,
        (_, JobStatus::CannotProceed) => JobState::CannotProceed,
        _ => return None,
    };
    Some(JobError::Closed { from })
}

/// The draft of a started job.
fn started(agg: &JobAggregate) -> Result<&JobDraft, JobError> {
    if let Some(e) = closed_error(agg) {
        return Err(e);
    }
    agg.draft.as_ref().ok_or(JobError::NotStarted)
}

/// The draft of a started job whose answers may change now (a delivery that is ready to sign
/// must be reopened first).
fn editable(agg: &JobAggregate) -> Result<&JobDraft, JobError> {
    let draft = started(agg)?;
    if draft.state == JobState::ReadyToSign {
        return Err(JobError::ReadyToSign);
    }
    Ok(draft)
}

fn template<'a>(
    agg: &JobAggregate,
    env: &Env<'a>,
    draft: Option<&JobDraft>,
) -> Result<&'a Template, JobError> {
    template_for(env.templates, &agg.ctx, draft).map_err(JobError::TemplateUnavailable)
}

fn start(mut agg: JobAggregate, env: &Env) -> Result<Applied, JobError> {
    if let Some(e) = closed_error(&agg) {
        return Err(e);
    }
    if agg.draft.is_some() {
        // Starting again is harmless: the draft and its answers stay.
        return Ok(unchanged(agg));
    }
    let t = template(&agg, env, None)?;
    let to = guarded(
        agg.ctx.job.kind,
        JobState::NotStarted,
        JobEvent::Start,
        &[],
        blocked(&agg.ctx),
    )?;
    let now = env.now;
    agg.draft = Some(JobDraft {
        job_id: agg.ctx.job.id,
        template_id: t.id.clone(),
        template_version: t.version,
        state: to,
        answers: Default::default(),
        started_at: now,
        updated_at: now,
    });
    agg.ctx.job.status = JobStatus::InProgress;
    if let Some(j) = agg.visit.iter_mut().find(|j| j.id == agg.ctx.job.id) {
        j.status = JobStatus::InProgress;
    }
    Ok(Applied {
        change: JobChange::StartDraft {
            job_id: agg.ctx.job.id,
            template_id: t.id.clone(),
            template_version: t.version,
            at: now,
        },
        aggregate: agg,
        notices: Vec::new(),
    })
}

fn save_answer(
    mut agg: JobAggregate,
    key: String,
    given: Answer,
    env: &Env,
) -> Result<Applied, JobError> {
    let draft = editable(&agg)?;
    let t = template(&agg, env, Some(draft))?;
    let item = item_for(t, &agg.ctx, &key).ok_or_else(|| JobError::UnknownItem(key.clone()))?;
    let (stored, _warnings) =
        answer::validate(&key, item, given, agg.ctx.job_day).map_err(|error| JobError::Answer {
            error: Box::new(error),
            label: Box::new(item.label.clone()),
        })?;
    // The same person named again (picked or typed once more) keeps the paraaf they drew or
    // the refusal they gave; naming someone else replaces it (it was not theirs).
    if let (
        Answer::SignOff {
            name,
            role,
            signature: None,
            refused: None,
        },
        Some(Answer::SignOff {
            name: had_name,
            role: had_role,
            signature: had_signature,
            refused: had_refused,
        }),
    ) = (&stored, draft.answers.get(&key))
    {
        if name == had_name
            && role == had_role
            && (had_signature.is_some() || had_refused.is_some())
        {
            return Ok(unchanged(agg));
        }
    }
    let job_id = agg.ctx.job.id;
    if let Some(d) = agg.draft.as_mut() {
        d.answers.insert(key.clone(), stored.clone());
        d.updated_at = env.now;
    }
    Ok(Applied {
        change: JobChange::SaveAnswers {
            job_id,
            answers: vec![(key, stored)],
            at: env.now,
        },
        aggregate: agg,
        notices: Vec::new(),
    })
}

fn clear_answer(mut agg: JobAggregate, key: String, env: &Env) -> Result<Applied, JobError> {
    let draft = editable(&agg)?;
    if !draft.answers.contains_key(&key) {
        return Ok(unchanged(agg));
    }
    let job_id = agg.ctx.job.id;
    if let Some(d) = agg.draft.as_mut() {
        d.answers.remove(&key);
        d.updated_at = env.now;
    }
    Ok(Applied {
        change: JobChange::ClearAnswer {
            job_id,
            key,
            at: env.now,
        },
        aggregate: agg,
        notices: Vec::new(),
    })
}

/// Every unanswered check of the step (instance) that applies, answered "ok" in one write:
/// the common case that everything in a step is fine, in one tap.
fn all_ok(
    mut agg: JobAggregate,
    step_id: &str,
    instance: Option<String>,
    env: &Env,
) -> Result<Applied, JobError> {
    let draft = editable(&agg)?;
    let t = template(&agg, env, Some(draft))?;
    let step = t
        .steps
        .iter()
        .find(|st| st.id == step_id)
        .ok_or_else(|| JobError::UnknownItem(step_id.to_string()))?;
    if !instances(step, &agg.ctx)
        .iter()
        .any(|(i, _)| *i == instance)
    {
        return Err(JobError::UnknownItem(step_id.to_string()));
    }
    let counted = applicable_answers(t, &draft.answers, &agg.ctx);
    let ok: Vec<(String, Answer)> = step
        .items
        .iter()
        .filter(|item| matches!(item.input, Input::Check))
        .filter(|item| applies(step, item, &counted, &agg.ctx, instance.as_deref()))
        .map(|item| answer_key(&step.id, instance.as_deref(), &item.id))
        .filter(|key| !draft.answers.contains_key(key))
        .map(|key| {
            let ok = Answer::Check {
                result: CheckResult::Ok,
                fix_by: None,
                note: None,
            };
            (key, ok)
        })
        .collect();
    if ok.is_empty() {
        return Ok(unchanged(agg));
    }
    let job_id = agg.ctx.job.id;
    if let Some(d) = agg.draft.as_mut() {
        d.answers.extend(ok.iter().cloned());
        d.updated_at = env.now;
    }
    Ok(Applied {
        change: JobChange::SaveAnswers {
            job_id,
            answers: ok,
            at: env.now,
        },
        aggregate: agg,
        notices: Vec::new(),
    })
}

/// A delivery to "ready to sign" (everything the user agreement needs is there) or back to
/// editing. Doubts about safe use recorded in the delivery become signals, once per job.
fn set_state(mut agg: JobAggregate, event: JobEvent, env: &Env) -> Result<Applied, JobError> {
    let draft = started(&agg)?;
    // A repeated request (a double tap, a retry) finds the job already there: no change.
    let already = matches!(
        (draft.state, event),
        (JobState::ReadyToSign, JobEvent::MarkReadyToSign)
            | (JobState::InProgress, JobEvent::Reopen)
    );
    if already {
        return Ok(unchanged(agg));
    }
    let t = template(&agg, env, Some(draft))?;
    let from = draft.state;
    let to = next_state(t, draft, &agg.ctx, event)?;
    let signals = if to == JobState::ReadyToSign {
        let checked = JobDraft {
            answers: applicable_answers(t, &draft.answers, &agg.ctx),
            ..draft.clone()
        };
        delivery_signals(&checked, &agg.ctx, env.now)
            .into_iter()
            .filter(|s| !agg.job_signals.contains(&s.kind))
            .collect()
    } else {
        Vec::new()
    };
    let job_id = agg.ctx.job.id;
    if let Some(d) = agg.draft.as_mut() {
        d.state = to;
        d.updated_at = env.now;
    }
    agg.job_signals.extend(signals.iter().map(|s| s.kind));
    Ok(Applied {
        change: JobChange::SetState {
            job_id,
            from,
            to,
            signals,
            at: env.now,
        },
        aggregate: agg,
        notices: Vec::new(),
    })
}

fn complete_job(
    agg: JobAggregate,
    env: &Env,
    signed: Option<&AgreementSigned>,
) -> Result<Applied, JobError> {
    if agg.report.is_some() {
        // A repeated request (a double tap, a retry after a lost answer) changes nothing.
        let mut applied = unchanged(agg);
        applied.notices.push(Localized::new(
            "Deze opdracht was al afgerond; er is niets dubbel vastgelegd.",
            "This job was already completed; nothing was recorded twice.",
        ));
        return Ok(applied);
    }
    let draft = started(&agg)?;
    let t = template(&agg, env, Some(draft))?;
    let completion = match signed {
        Some(s) => complete_signed_delivery(t, draft, &agg.ctx, env.calendar, env.now, s)?,
        None => complete(t, draft, &agg.ctx, env.calendar, env.now)?,
    };
    let notices = completion.notices.clone();
    Ok(Applied {
        change: JobChange::Complete(Box::new(completion)),
        aggregate: agg,
        notices,
    })
}
