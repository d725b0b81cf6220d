//! ```text
//! veldwerk-portal serve --db portal.db --blobs blobs/ [--addr 127.0.0.1:8080]
//!                       [--max-blob-bytes N] [--secure-cookies]
//! veldwerk-portal seed --db portal.db --technicians N [--anchor YYYY-MM-DD] [--seed S]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use veldwerk_portal::clock::SystemClock;
use veldwerk_portal::seed::{
    seed_data, SeedOptions, DEMO_TECHNICIAN_PASSWORD, OFFICE_LOGIN, OFFICE_PASSWORD,
};
use veldwerk_portal::server;
use veldwerk_portal::state::Config;
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::PortalStore;

const USAGE: &str = "usage:
  veldwerk-portal serve --db <file> --blobs <dir> [--addr 127.0.0.1:8080] [--max-blob-bytes N] [--secure-cookies]
  veldwerk-portal seed --db <file> --technicians N [--anchor YYYY-MM-DD] [--seed S]";

struct Args {
    command: String,
    values: Vec<(String, String)>,
    flags: Vec<String>,
}

impl Args {
    fn parse() -> Result<Args, String> {
        let mut it = std::env::args().skip(1);
        let command = it.next().ok_or(USAGE)?;
        let (mut values, mut flags) = (Vec::new(), Vec::new());
        while let Some(a) = it.next() {
            match a.as_str() {
                "--secure-cookies" => flags.push(a),
                "-h" | "--help" => return Err(USAGE.into()),
                "--db" | "--blobs" | "--addr" | "--max-blob-bytes" | "--technicians"
                | "--anchor" | "--seed" => {
                    let v = it.next().ok_or(format!("{a} needs a value"))?;
                    values.push((a, v));
                }
                other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
            }
        }
        Ok(Args {
            command,
            values,
            flags,
        })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn need(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or(format!("{name} is required\n{USAGE}"))
    }

    fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, String> {
        self.get(name)
            .map(|v| {
                v.parse()
                    .map_err(|_| format!("{name}: not a number: {v:?}"))
            })
            .transpose()
    }
}

fn seed(args: &Args) -> Result<(), String> {
    let db = PathBuf::from(args.need("--db")?);
    let technicians: usize = args
        .number("--technicians")?
        .ok_or("--technicians is required")?;
    let anchor = match args.get("--anchor") {
        Some(a) => chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d")
            .map_err(|_| format!("bad anchor date {a:?} (YYYY-MM-DD)"))?,
        None => veldwerk_core::sla::local_date(chrono::Utc::now()),
    };
    let seed = args
        .number("--seed")?
        .unwrap_or(veldwerk_demo::DemoConfig::DEFAULT_SEED);
    let opts = SeedOptions {
        technicians,
        anchor,
        seed,
    };
    let (data, summary) = seed_data(&opts)?;
    let store = SqliteStore::open(&db).map_err(|e| e.to_string())?;
    store.import(&data).map_err(|e| e.to_string())?;
    println!(
        "seeded {}: {} residents, {} devices, {} appointments, {} logbook entries (anchor {anchor}, seed {seed})",
        db.display(),
        summary.residents,
        summary.devices,
        summary.appointments,
        summary.logbook_entries
    );
    println!("technicians (password \"{DEMO_TECHNICIAN_PASSWORD}\"):");
    for (name, role) in &summary.technicians {
        println!("  {name} ({role})");
    }
    println!("office: {OFFICE_LOGIN} / {OFFICE_PASSWORD}");
    Ok(())
}

async fn serve(args: &Args) -> Result<(), String> {
    let db = PathBuf::from(args.need("--db")?);
    let blobs = PathBuf::from(args.need("--blobs")?);
    let addr = args.get("--addr").unwrap_or("127.0.0.1:8080");
    let mut config = Config {
        secure_cookies: args.flags.iter().any(|f| f == "--secure-cookies"),
        ..Config::default()
    };
    if let Some(n) = args.number("--max-blob-bytes")? {
        config.max_blob_bytes = n;
    }
    let store = SqliteStore::open(&db).map_err(|e| e.to_string())?;
    let state = server::state(Arc::new(store), &blobs, Arc::new(SystemClock), config)?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!("veldwerk-portal on http://{local} (office view: http://{local}/kantoor)");
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    server::serve(listener, state, stop)
        .await
        .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args = match Args::parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = match args.command.as_str() {
        "seed" => seed(&args),
        "serve" => match tokio::runtime::Runtime::new() {
            Ok(rt) => rt.block_on(serve(&args)),
            Err(e) => Err(e.to_string()),
        },
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
