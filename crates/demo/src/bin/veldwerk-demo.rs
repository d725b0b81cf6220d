//! Writes a demo replica to a file:
//!
//! ```text
//! veldwerk-demo --size small|medium|benchmark [--seed N] --anchor YYYY-MM-DD --out path.db
//! ```
//!
//! The store generates its own key; it is printed as `key=<64 hex digits>` so a benchmark
//! script can reopen the file. Timing and counts follow on stdout.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use veldwerk_demo::{generate, DemoConfig, DemoPhase};
use veldwerk_store::{MemorySecretStore, SecretStore, Store};

const KEY_NAME: &str = "veldwerk-demo-db-key";

struct Args {
    size: String,
    seed: Option<u64>,
    anchor: chrono::NaiveDate,
    out: PathBuf,
    quiet: bool,
}

const USAGE: &str = "usage: veldwerk-demo --size small|medium|benchmark [--seed N] \
                     --anchor YYYY-MM-DD --out path.db [--quiet]";

fn parse_args() -> Result<Args, String> {
    let mut size = "small".to_string();
    let mut seed = None;
    let mut anchor = None;
    let mut out = None;
    let mut quiet = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--size" => size = value("--size")?,
            "--seed" => {
                let v = value("--seed")?;
                seed = Some(v.parse().map_err(|_| format!("bad seed {v:?}"))?);
            }
            "--anchor" => {
                let v = value("--anchor")?;
                anchor = Some(
                    chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                        .map_err(|_| format!("bad anchor date {v:?} (YYYY-MM-DD)"))?,
                );
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--quiet" => quiet = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(Args {
        size,
        seed,
        anchor: anchor.ok_or(format!("--anchor is required\n{USAGE}"))?,
        out: out.ok_or(format!("--out is required\n{USAGE}"))?,
        quiet,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut cfg = match DemoConfig::sized(&args.size, args.anchor) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(seed) = args.seed {
        cfg = cfg.with_seed(seed);
    }
    if args.out.exists() {
        eprintln!(
            "{} exists already; the demo writes a new replica only",
            args.out.display()
        );
        return ExitCode::from(2);
    }
    let secrets = MemorySecretStore::default();
    let started = Instant::now();
    let mut store = match Store::open(&args.out, &secrets, KEY_NAME) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot create {}: {e}", args.out.display());
            return ExitCode::FAILURE;
        }
    };
    match secrets.get(KEY_NAME) {
        Ok(Some(key)) => println!("key={key}"),
        _ => {
            eprintln!("the store did not leave its key in the secret store");
            return ExitCode::FAILURE;
        }
    }
    let mut last_phase = None;
    let quiet = args.quiet;
    let mut progress = |p: veldwerk_demo::DemoProgress| {
        if quiet {
            return;
        }
        if last_phase != Some(p.phase) || p.done == p.total {
            let secs = started.elapsed().as_secs_f64();
            if p.phase != DemoPhase::Done {
                eprintln!(
                    "[{secs:7.2}s] {:<40} {}/{}",
                    p.phase.label().en,
                    p.done,
                    p.total
                );
            }
            last_phase = Some(p.phase);
        }
    };
    let summary = match generate(&mut store, &cfg, &mut progress) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("generation failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let elapsed = started.elapsed();
    drop(store);
    let bytes = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    println!("size={} seed={} anchor={}", args.size, cfg.seed, cfg.anchor);
    println!("seconds={:.2}", elapsed.as_secs_f64());
    println!(
        "residents={} caregivers={} devices={} slings={} logbook_entries={} orders={} \
         open_malfunctions={} appointments={} jobs={} technicians={}",
        summary.residents,
        summary.caregivers,
        summary.devices,
        summary.slings,
        summary.logbook_entries,
        summary.orders,
        summary.malfunctions,
        summary.appointments,
        summary.jobs,
        summary.technicians.len()
    );
    println!("file_bytes={bytes}");
    ExitCode::SUCCESS
}
