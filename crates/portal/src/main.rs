//! ```text
//! veldwerk-portal serve --db portal.db --blobs blobs/ [--addr 127.0.0.1:8080]
//!                       [--max-blob-bytes N] [--secure-cookies]
//!                       [--smtp-url smtp://host:port] [--mail-from "Name <address>"]
//!                       [--supplier-name NAME] [--supplier-phone NUMBER]
//! veldwerk-portal seed --db portal.db --technicians N [--anchor YYYY-MM-DD] [--seed S]
//! veldwerk-portal municipality-email --db portal.db --code CODE --email ADDRESS
//! veldwerk-portal add-user --db portal.db --login LOGIN --name NAME --role office|municipality
//!                          [--municipality CODE]
//! ```
//!
//! `add-user` reads the password from `VELDWERK_PORTAL_NEW_PASSWORD`, or else the first
//! line of standard input.
//!
//! `--smtp-url` and `--mail-from` may also come from `VELDWERK_PORTAL_SMTP_URL` and
//! `VELDWERK_PORTAL_MAIL_FROM` (a flag wins).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use veldwerk_portal::accounts;
use veldwerk_portal::clock::SystemClock;
use veldwerk_portal::seed::{
    seed_data, SeedOptions, DEMO_TECHNICIAN_PASSWORD, MUNICIPALITY_PASSWORD, OFFICE_LOGIN,
    OFFICE_PASSWORD,
};
use veldwerk_portal::server;
use veldwerk_portal::state::{Config, DEFAULT_MAIL_FROM};
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::PortalStore;

const USAGE: &str = "usage:
  veldwerk-portal serve --db <file> --blobs <dir> [--addr 127.0.0.1:8080] [--max-blob-bytes N] [--secure-cookies]
                        [--smtp-url smtp://host:port] [--mail-from \"Name <address>\"]
                        [--supplier-name NAME] [--supplier-phone NUMBER]
  veldwerk-portal seed --db <file> --technicians N [--anchor YYYY-MM-DD] [--seed S]
  veldwerk-portal municipality-email --db <file> --code <municipality code> --email <address>
  veldwerk-portal add-user --db <file> --login <login> --name <name> --role office|municipality
                           [--municipality <code>]
                           (password: VELDWERK_PORTAL_NEW_PASSWORD, or else stdin)
environment: VELDWERK_PORTAL_SMTP_URL, VELDWERK_PORTAL_MAIL_FROM (a flag wins)";

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
                | "--anchor" | "--seed" | "--smtp-url" | "--mail-from" | "--code" | "--email"
                | "--supplier-name" | "--supplier-phone" | "--login" | "--name" | "--role"
                | "--municipality" => {
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

    /// A flag's value, else the environment variable's (empty counts as unset).
    fn get_or_env(&self, name: &str, var: &str) -> Option<String> {
        self.get(name)
            .map(str::to_string)
            .or_else(|| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
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
    veldwerk_portal::seed::import(&store, &data)?;
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
    println!("municipalities (password \"{MUNICIPALITY_PASSWORD}\", at /gemeente):");
    for login in &summary.municipalities {
        println!("  {login}");
    }
    println!("municipalities' e-mail: wmo@<code>.gemeente.example (change: municipality-email)");
    Ok(())
}

/// Sets the e-mail address messages to a municipality go to.
fn municipality_email(args: &Args) -> Result<(), String> {
    let db = PathBuf::from(args.need("--db")?);
    let code = args.need("--code")?;
    let email = args.need("--email")?.trim();
    if email.parse::<lettre::Address>().is_err() {
        return Err(format!("not an e-mail address: {email:?}"));
    }
    let store = SqliteStore::open(&db).map_err(|e| e.to_string())?;
    let m = accounts::municipality_by_code(&store, code)?;
    store
        .set_municipality_email(m.id, email, "command line", chrono::Utc::now())
        .map_err(|e| e.to_string())?;
    println!("{} ({}): {email}", m.name, m.code);
    Ok(())
}

/// Adds an office or municipality login. Its arguments are checked before the password is
/// asked for; from a terminal the password is read without echo.
fn add_user(args: &Args) -> Result<(), String> {
    use std::io::IsTerminal;
    let db = PathBuf::from(args.need("--db")?);
    let mut account = accounts::Account {
        login: args.need("--login")?.to_string(),
        display_name: args.need("--name")?.to_string(),
        role: args.need("--role")?.to_string(),
        municipality: args.get("--municipality").map(str::to_string),
        password: String::new(),
    };
    accounts::check(&account)?;
    account.password = match std::env::var("VELDWERK_PORTAL_NEW_PASSWORD") {
        Ok(p) => p,
        Err(_) if std::io::stdin().is_terminal() => {
            rpassword::prompt_password("password (at least 12 characters): ")
                .map_err(|e| format!("reading the password: {e}"))?
        }
        Err(_) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| format!("reading the password: {e}"))?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let store = SqliteStore::open(&db).map_err(|e| e.to_string())?;
    accounts::add(&store, &account, "command line", chrono::Utc::now())?;
    println!(
        "added {} ({})",
        account.login.trim().to_lowercase(),
        account.role
    );
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
    config.smtp_url = args.get_or_env("--smtp-url", "VELDWERK_PORTAL_SMTP_URL");
    config.mail_from = args
        .get_or_env("--mail-from", "VELDWERK_PORTAL_MAIL_FROM")
        .unwrap_or_else(|| DEFAULT_MAIL_FROM.into());
    if let Some(name) = args.get("--supplier-name") {
        config.supplier.name = name.to_string();
    }
    if let Some(phone) = args.get("--supplier-phone") {
        config.supplier.phone = phone.to_string();
    }
    let sending = match &config.smtp_url {
        Some(url) => format!("e-mail through {url} from {}", config.mail_from),
        None => "no SMTP server: e-mail waits for the office, like letters and text messages"
            .to_string(),
    };
    let store = SqliteStore::open(&db).map_err(|e| e.to_string())?;
    let state = server::state(Arc::new(store), &blobs, Arc::new(SystemClock), config)?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!(
        "veldwerk-portal on http://{local} (office: http://{local}/kantoor, municipalities: http://{local}/gemeente)"
    );
    println!("messages: {sending}");
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
        "municipality-email" => municipality_email(&args),
        "add-user" => add_user(&args),
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
