//! Guided jobs on the benchmark replica: `open_job`, `save_answer` and `complete_job` as the
//! app's commands run them (load, apply, persist, view), beside raw SQL doing the same reads
//! and writes, and beside the command path as it was before the job service (the view
//! rebuilt from separate reads after every answer).
//!
//! The raw side replays, on its own copy of the file, exactly the statements (with their
//! values) our side ran for the same operation, as captured by SQLite's statement trace:
//! every row of every read is stepped and every column read into an owned value, writes run
//! in the same transactions. So the ratio is the cost of our decoding, rules and view; the
//! statement count per saved answer shows how often the draft is read.

use crate::{row, stats, time};
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::Connection;
use std::cell::RefCell;
use std::path::Path;
use std::time::Duration;
use veldwerk_core::ids::JobId;
use veldwerk_core::jobs::service::{apply, view, Env, JobCommand};
use veldwerk_core::jobs::{Answer, CheckResult, Input, Part, SignerRole, TemplateSet};
use veldwerk_core::WorkingDayCalendar;
use veldwerk_store::Store;

thread_local! {
    static TRACE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn on_statement(e: TraceEvent<'_>) {
    if let TraceEvent::Stmt(stmt, sql) = e {
        // A trigger's subprogram is reported as "-- TRIGGER name" for the same statement:
        // it runs again when the statement is replayed, so it is not recorded.
        if sql.trim_start().starts_with("--") {
            return;
        }
        let text = stmt.expanded_sql().unwrap_or_else(|| sql.to_string());
        TRACE.with(|t| t.borrow_mut().push(text));
    }
}

fn start_trace(s: &Store) {
    TRACE.with(|t| t.borrow_mut().clear());
    s.raw_connection()
        .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(on_statement));
}

fn stop_trace(s: &Store) -> Vec<String> {
    s.raw_connection().trace_v2(TraceEventCodes::empty(), None);
    TRACE.with(|t| std::mem::take(&mut *t.borrow_mut()))
}

/// Runs the statements as captured: reads stepped to the end with every column read, writes
/// in their transactions. They are prepared first and only running them is timed (the raw
/// side pays no parsing; ours looks its statements up in the prepared-statement cache).
fn replay(conn: &Connection, statements: &[String]) -> Duration {
    let mut prepared: Vec<rusqlite::Statement<'_>> = statements
        .iter()
        .map(|sql| {
            conn.prepare(sql)
                .unwrap_or_else(|e| panic!("replay prepare {sql}: {e}"))
        })
        .collect();
    let t0 = std::time::Instant::now();
    let mut values = 0usize;
    for stmt in prepared.iter_mut() {
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap_or_else(|e| panic!("replay: {e}"));
        while let Some(r) = rows.next().unwrap_or_else(|e| panic!("replay step: {e}")) {
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).unwrap_or(rusqlite::types::Value::Null);
                values += usize::from(!matches!(v, rusqlite::types::Value::Null));
            }
        }
    }
    std::hint::black_box(values);
    t0.elapsed()
}

fn templates() -> TemplateSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/templates");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("assets/templates")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("template");
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect();
    files.sort();
    TemplateSet::load(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).0
}

/// A valid answer for an item, for filling a job to completion.
fn answer_for(input: &Input, day: chrono::NaiveDate, now: chrono::DateTime<chrono::Utc>) -> Answer {
    match input {
        Input::Check => Answer::Check {
            result: CheckResult::Ok,
            fix_by: None,
            note: None,
        },
        Input::YesNo => Answer::YesNo { value: true },
        Input::Choice { options } => Answer::Choice {
            value: options.first().map(|o| o.id.clone()).unwrap_or_default(),
        },
        Input::MultiChoice { options } => Answer::MultiChoice {
            values: options.iter().take(1).map(|o| o.id.clone()).collect(),
        },
        Input::Measurement {
            min,
            max,
            warn_min,
            warn_max,
            ..
        } => {
            let (lo, hi) = (warn_min.unwrap_or(*min), warn_max.unwrap_or(*max));
            Answer::Measurement {
                value: ((lo + hi) / 2.0).round(),
            }
        }
        Input::Text { .. } => Answer::Text {
            value: "Gecontroleerd en in orde bevonden.".into(),
        },
        Input::Date { .. } => Answer::Date { value: day },
        Input::Moment => Answer::Moment { value: now },
        Input::Parts => Answer::Parts {
            parts: vec![Part {
                number: "BR-10".into(),
                description: "Remkabel".into(),
                quantity: 1,
                new: true,
            }],
        },
        Input::SignOff => Answer::SignOff {
            name: "J. de Bruin".into(),
            role: SignerRole::Resident,
            signature: None,
            refused: None,
        },
        Input::Registration => Answer::Registration {
            value: String::new(),
        },
        Input::Category => Answer::Category {
            value: veldwerk_core::Category::ALL[0],
        },
    }
}

/// The jobs to measure: open preventive maintenance jobs of electric devices.
fn pick_jobs(s: &Store, n: usize) -> Vec<JobId> {
    let mut stmt = s
        .raw_connection()
        .prepare(
            "SELECT j.id FROM jobs j JOIN devices d ON d.id = j.device_id
             WHERE j.kind = 'preventive_maintenance' AND j.status = 'open'
               AND d.category IN ('7', '8a', '8b') ORDER BY j.id LIMIT ?1",
        )
        .expect("pick jobs");
    let ids: Vec<String> = stmt
        .query_map([n as i64], |r| r.get(0))
        .expect("pick jobs")
        .flatten()
        .collect();
    ids.iter().filter_map(|i| JobId::parse(i).ok()).collect()
}

/// One command through the job service, as the app runs it; returns the traced statements.
fn command(s: &mut Store, env: &Env, id: JobId, cmd: JobCommand) -> Result<Vec<String>, String> {
    start_trace(s);
    let agg = s
        .load_job(id, &cmd.registrations(), env.now)
        .map_err(|e| e.to_string())?;
    let applied = apply(agg, cmd, env).map_err(|e| e.to_string());
    let out = match applied {
        Ok(applied) => {
            s.persist(&applied.change).map_err(|e| e.to_string())?;
            let agg = if applied.reload() {
                s.load_job(id, &[], env.now).map_err(|e| e.to_string())?
            } else {
                applied.aggregate
            };
            std::hint::black_box(view(&agg, env));
            Ok(())
        }
        Err(e) => Err(e),
    };
    let traced = stop_trace(s);
    out.map(|_| traced)
}

/// The command path before the job service (for the "before" figures): the context and the
/// draft read for the checks, then the view rebuilt from fresh reads of everything.
fn old_save(s: &mut Store, env: &Env, id: JobId, key: &str, answer: &Answer) -> Vec<String> {
    start_trace(s);
    let ctx = s.job_context(id).expect("ctx");
    let draft = s.draft(id).expect("draft").expect("started");
    let _ = (&ctx, &draft);
    s.save_answer(id, key, answer, env.now).expect("save");
    let ctx = s.job_context(id).expect("ctx");
    let _draft = s.draft(id).expect("draft");
    let _report = s.job_report(id).expect("report");
    let _visit = s.jobs_of(ctx.appointment.id).expect("visit");
    let _devices = s.devices_of_resident(ctx.resident.id).expect("devices");
    // (the view itself is built as now)
    std::hint::black_box(view(&s.load_job(id, &[], env.now).expect("agg"), env));
    stop_trace(s)
}

/// Measures the job commands on a copy of the replica; returns the result rows.
pub fn bench(replica: &Path, key: &str, dir: &Path) -> Result<Vec<serde_json::Value>, String> {
    let ours_file = dir.join("jobs.db");
    let raw_file = dir.join("jobs-raw.db");
    for f in [&ours_file, &raw_file] {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", f.display()));
        }
        std::fs::copy(replica, f).map_err(|e| format!("copy replica: {e}"))?;
    }
    let secrets = veldwerk_store::MemorySecretStore::default();
    veldwerk_store::SecretStore::set(&secrets, crate::replica::KEY_NAME, key).map_err(|e| e.0)?;
    let mut s =
        Store::open(&ours_file, &secrets, crate::replica::KEY_NAME).map_err(|e| e.to_string())?;
    let raw = crate::raw::open(&raw_file, key);
    let templates = templates();
    let cal = WorkingDayCalendar::dutch_legal();
    let jobs = pick_jobs(&s, 24);
    if jobs.len() < 4 {
        return Err(format!(
            "only {} open maintenance jobs to measure",
            jobs.len()
        ));
    }
    let (mut open_o, mut open_r) = (Vec::new(), Vec::new());
    let (mut save_o, mut save_r) = (Vec::new(), Vec::new());
    let (mut before_o, mut before_r) = (Vec::new(), Vec::new());
    let (mut done_o, mut done_r) = (Vec::new(), Vec::new());
    let (mut statements, mut before_statements) = (Vec::new(), Vec::new());
    let draft_reads = |st: &[String]| {
        st.iter()
            .filter(|q| q.contains("FROM draft_answers") && q.trim_start().starts_with("SELECT"))
            .count()
    };
    let (mut draft_read_counts, mut before_draft_reads) = (Vec::new(), Vec::new());
    for (n, id) in jobs.iter().enumerate() {
        let now = chrono::Utc::now();
        let env = Env {
            templates: &templates,
            calendar: &cal,
            now,
        };
        let st = command(&mut s, &env, *id, JobCommand::Start)?;
        replay(&raw, &st);
        // open
        let (d, st) = time(|| {
            start_trace(&s);
            let agg = s.load_job(*id, &[], env.now).expect("load");
            std::hint::black_box(view(&agg, &env));
            stop_trace(&s)
        });
        open_o.push(d);
        open_r.push(replay(&raw, &st));
        // answer every applicable item one by one, then complete
        let agg = s.load_job(*id, &[], env.now).map_err(|e| e.to_string())?;
        let t = templates
            .find(
                &agg.draft.as_ref().ok_or("not started")?.template_id,
                agg.draft.as_ref().ok_or("not started")?.template_version,
            )
            .ok_or("no template")?
            .clone();
        let day = agg.ctx.job_day;
        for _round in 0..3 {
            let agg = s.load_job(*id, &[], env.now).map_err(|e| e.to_string())?;
            let answers = agg.draft.map(|d| d.answers).unwrap_or_default();
            let missing = veldwerk_core::jobs::missing(&t, &answers, &agg.ctx);
            if missing.is_empty() {
                break;
            }
            for m in missing {
                let Some((_, item)) = t.item(&m.key) else {
                    continue;
                };
                let answer = answer_for(&item.input, day, now);
                let use_old = n % 2 == 1 && before_statements.len() < 200;
                if use_old {
                    let (d, st) = time(|| old_save(&mut s, &env, *id, &m.key, &answer));
                    before_draft_reads.push(draft_reads(&st));
                    before_statements.push(st.len());
                    before_o.push(d);
                    before_r.push(replay(&raw, &st));
                    continue;
                }
                let cmd = JobCommand::SaveAnswer {
                    key: m.key.clone(),
                    answer,
                };
                let (d, st) = time(|| command(&mut s, &env, *id, cmd));
                let st = st?;
                draft_read_counts.push(draft_reads(&st));
                statements.push(st.len());
                save_o.push(d);
                save_r.push(replay(&raw, &st));
            }
        }
        let (d, st) = time(|| command(&mut s, &env, *id, JobCommand::Complete));
        let st = st?;
        done_o.push(d);
        done_r.push(replay(&raw, &st));
    }
    let mean = |v: &[usize]| v.iter().sum::<usize>() as f64 / v.len().max(1) as f64;
    println!(
        "save_answer: {:.1} statements per saved answer, the draft's answers read {:.1}x (before the job service: {:.1} statements, {:.1} draft reads)",
        mean(&statements),
        mean(&draft_read_counts),
        mean(&before_statements),
        mean(&before_draft_reads),
    );
    Ok(vec![
        row("open_job (load + view)", &stats(open_o), &stats(open_r)),
        row(
            "save_answer (load, apply, persist, view)",
            &stats(save_o),
            &stats(save_r),
        ),
        row(
            "save_answer as before the job service",
            &stats(before_o),
            &stats(before_r),
        ),
        row("complete_job", &stats(done_o), &stats(done_r)),
        serde_json::json!({
            "label": "statements per saved answer",
            "statements": mean(&statements),
            "draft_reads": mean(&draft_read_counts),
            "before_statements": mean(&before_statements),
            "before_draft_reads": mean(&before_draft_reads),
        }),
    ])
}
