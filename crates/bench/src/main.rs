//! Benchmarks of the replica on a generated 100,000-device / 50,000-resident file. Each figure
//! is printed beside the same work done as raw SQL on the same file in the same run, with the
//! ratio (goal: at most 1.2x). Absolute goals: open + Today under 50 ms; search p95 under 5 ms;
//! saving an answer p95 under 5 ms.
//!
//! ```text
//! veldwerk-bench store [--dir target/bench]        measure, write <dir>/store.json
//! veldwerk-bench prepare-app --dir D --data-dir E  copy the replica for an app launch and
//!                                                  put its key in the OS keyring
//! ```

mod jobs;
mod raw;
mod replica;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use veldwerk_core::WorkingDayCalendar;
use veldwerk_store::Store;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() -> ExitCode {
    let dir = PathBuf::from(arg("--dir").unwrap_or_else(|| "target/bench".into()));
    let cmd = std::env::args().nth(1).unwrap_or_default();
    let result = match cmd.as_str() {
        "store" => store_bench(&dir),
        // For profiling (e.g. under valgrind --tool=callgrind): one query, many times.
        "profile-search" => replica::ensure(&dir).and_then(|rep| {
            let q = arg("--query").unwrap_or_else(|| "van der Linden".into());
            let raw_side = std::env::args().any(|a| a == "--raw");
            let secrets = rep.secrets();
            let store =
                Store::open(&rep.path, &secrets, replica::KEY_NAME).map_err(|e| e.to_string())?;
            let conn = raw::open(&rep.path, &rep.key);
            let today = std::env::args().any(|a| a == "--today");
            let cal = WorkingDayCalendar::dutch_legal();
            for _ in 0..200 {
                match (today, raw_side) {
                    (true, true) => {
                        raw::today(&conn, rep.busiest_technician, rep.busiest_day);
                    }
                    (true, false) => {
                        store
                            .today(rep.busiest_technician, rep.busiest_day, &cal)
                            .map_err(|e| e.to_string())?;
                    }
                    (false, true) => {
                        raw::search(&conn, &q, 40);
                    }
                    (false, false) => {
                        store.search(&q, 40).map_err(|e| e.to_string())?;
                    }
                }
            }
            Ok(())
        }),
        "prepare-app" => match arg("--data-dir") {
            Some(d) => replica::prepare_app(&dir, &PathBuf::from(d)),
            None => Err("prepare-app needs --data-dir".into()),
        },
        _ => Err("usage: veldwerk-bench store|prepare-app [--dir D] [--data-dir E]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("veldwerk-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Latency statistics in milliseconds.
struct Stats {
    p50: f64,
    p95: f64,
    max: f64,
    n: usize,
}

fn stats(mut v: Vec<Duration>) -> Stats {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| ms(v[((v.len() as f64 - 1.0) * q).round() as usize]);
    Stats {
        p50: at(0.5),
        p95: at(0.95),
        max: ms(*v.last().unwrap_or(&Duration::ZERO)),
        n: v.len(),
    }
}

fn row(label: &str, ours: &Stats, raw: &Stats) -> serde_json::Value {
    println!(
        "{label:<34} veldwerk p50 {:>7.3} ms  p95 {:>7.3} ms | raw SQL p50 {:>7.3} ms  p95 {:>7.3} ms | ratio p50 {:>4.2}x  p95 {:>4.2}x  (n={})",
        ours.p50,
        ours.p95,
        raw.p50,
        raw.p95,
        ours.p50 / raw.p50,
        ours.p95 / raw.p95,
        ours.n
    );
    serde_json::json!({
        "label": label,
        "ours": { "p50_ms": ours.p50, "p95_ms": ours.p95, "max_ms": ours.max, "n": ours.n },
        "raw": { "p50_ms": raw.p50, "p95_ms": raw.p95, "max_ms": raw.max, "n": raw.n },
        "ratio_p50": ours.p50 / raw.p50,
        "ratio_p95": ours.p95 / raw.p95,
    })
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t0 = Instant::now();
    let out = f();
    (t0.elapsed(), out)
}

fn store_bench(dir: &std::path::Path) -> Result<(), String> {
    let rep = replica::ensure(dir)?;
    let cal = WorkingDayCalendar::dutch_legal();
    let (tech, day) = (rep.busiest_technician, rep.busiest_day);
    println!(
        "replica: {} ({} residents, {} devices, {} logbook entries); Today of technician {} on {}",
        rep.path.display(),
        rep.counts.residents,
        rep.counts.devices,
        rep.counts.logbook_entries,
        tech,
        day
    );
    let secrets = rep.secrets();
    let mut results = Vec::new();

    // 1. Opening the store and loading Today, from a closed file each time. Alternate which
    // side runs first, so neither profits from the other warming the cache.
    let rounds = 40;
    let open_and_today = |secrets: &dyn veldwerk_store::SecretStore| {
        let (mut ours, mut raws) = (Vec::new(), Vec::new());
        for i in 0..rounds + 3 {
            let ours_run = || {
                time(|| {
                    let s = Store::open(&rep.path, secrets, replica::KEY_NAME).expect("open");
                    s.today(tech, day, &cal).expect("today").appointments.len()
                })
            };
            let raw_run = || {
                time(|| {
                    let c = raw::open(&rep.path, &rep.key);
                    raw::today(&c, tech, day)
                })
            };
            let ((d, n), (r, rn)) = if i % 2 == 0 {
                let a = ours_run();
                (a, raw_run())
            } else {
                let b = raw_run();
                (ours_run(), b)
            };
            assert_eq!(n, rn, "raw Today must load the same appointments");
            if i >= 3 {
                ours.push(d);
                raws.push(r);
            }
        }
        (stats(ours), stats(raws))
    };
    let (ours, raws) = open_and_today(&secrets);
    results.push(row("open store + load Today", &ours, &raws));

    // 1b. The same through the system keyring, as the app opens it (run inside a session with
    // a Secret Service: scripts/bench.sh). The difference to 1. is the keyring's round trip.
    if std::env::var_os("VELDWERK_BENCH_KEYRING").is_some() {
        use veldwerk_store::SecretStore;
        let keyring = veldwerk_store::KeyringSecretStore::new("veldwerk-bench");
        keyring
            .set(replica::KEY_NAME, &rep.key)
            .map_err(|e| format!("keyring: {}", e.0))?;
        let (ours, raws) = open_and_today(&keyring);
        results.push(row(
            "open store via the system keyring + load Today",
            &ours,
            &raws,
        ));
    }

    // 2. Today on an open store.
    let store = Store::open(&rep.path, &secrets, replica::KEY_NAME).map_err(|e| e.to_string())?;
    let conn = raw::open(&rep.path, &rep.key);
    let (mut ours, mut raws) = (Vec::new(), Vec::new());
    for i in 0..200 {
        if i % 2 == 0 {
            ours.push(time(|| store.today(tech, day, &cal).expect("today")).0);
            raws.push(time(|| raw::today(&conn, tech, day)).0);
        } else {
            raws.push(time(|| raw::today(&conn, tech, day)).0);
            ours.push(time(|| store.today(tech, day, &cal).expect("today")).0);
        }
    }
    results.push(row("load Today (store open)", &stats(ours), &stats(raws)));

    // 3. Search over a set of realistic queries.
    let queries = replica::queries(&store)?;
    let (mut ours, mut raws) = (Vec::new(), Vec::new());
    let mut empty = 0;
    let mut slowest: Vec<(Duration, &str)> = Vec::new();
    // One unmeasured pass warms the cache for both sides; then alternate the order.
    for q in &queries {
        store.search(q, 40).expect("search");
        raw::search(&conn, q, 40);
    }
    for round in 0..3 {
        for (i, q) in queries.iter().enumerate() {
            let ours_first = (round + i) % 2 == 0;
            let mut raw_time = Duration::ZERO;
            if !ours_first {
                raw_time = time(|| raw::search(&conn, q, 40)).0;
            }
            let (d, r) = time(|| store.search(q, 40).expect("search"));
            if ours_first {
                raw_time = time(|| raw::search(&conn, q, 40)).0;
            }
            if r.groups.is_empty() && r.unassigned_devices.is_empty() {
                empty += 1;
            }
            ours.push(d);
            slowest.push((d, q));
            raws.push(raw_time);
        }
    }
    slowest.sort();
    let worst: Vec<String> = slowest
        .iter()
        .rev()
        .take(6)
        .map(|(d, q)| format!("{q:?} {:.2} ms", d.as_secs_f64() * 1000.0))
        .collect();
    println!("slowest searches: {}", worst.join(", "));
    let search = stats(ours);
    results.push(row(
        &format!("search ({} queries x3)", queries.len()),
        &search,
        &stats(raws),
    ));
    if empty > 0 {
        println!("note: {empty} query runs found nothing");
    }

    // 4. Guided jobs: open, save an answer, complete, on a copy of the replica.
    drop(store);
    results.extend(jobs::bench(&rep.path, &rep.key, dir)?);
    let json = serde_json::json!({
        "replica": { "residents": rep.counts.residents, "devices": rep.counts.devices,
                     "logbook_entries": rep.counts.logbook_entries, "anchor": rep.anchor.to_string() },
        "results": results,
        "queries": queries,
    });
    let out = dir.join("store.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    )
    .map_err(|e| e.to_string())?;
    println!("wrote {}", out.display());
    Ok(())
}
