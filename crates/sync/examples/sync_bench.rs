//! The sync's benchmarks, each against a reference measured in the same run:
//!
//! 1. Initial pull of 5,000 devices, 2,000 residents and 1,000 appointments (with their
//!    contact persons, slings, orders, malfunctions and logbooks) from a portal on loopback
//!    into an empty replica, against inserting the same rows directly into an empty replica
//!    (the store's own writers, 1,000 rows per transaction). Also shown: applying the same
//!    pages from memory (the sync without HTTP).
//! 2. End-of-shift push of 30 jobs and 150 photos of about 400 KB, against curl uploading the
//!    same bytes (the photos and the records' JSON) to the same server, in one curl process
//!    over one kept-alive connection. Bytes on the wire are counted by a TCP relay.
//!
//! Run: `scripts/bench_sync.sh` (release build). Prints medians and ratios.

use chrono::{DateTime, Duration as Days, TimeZone, Utc};
use rand::{Rng, RngCore, SeedableRng};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::*;
use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};
use veldwerk_core::model::*;
use veldwerk_demo::{generate, DemoConfig, HistoryDepth};
use veldwerk_portal::clock::SetClock;
use veldwerk_portal::security::hash_password;
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::{NewUser, PortalStore, Role, SeedData};
use veldwerk_store::blobs::{BlobKey, BlobStore};
use veldwerk_store::sync::{PulledChange, PulledOp};
use veldwerk_store::{MemorySecretStore, SecretStore, Store};
use veldwerk_sync::client::*;
use veldwerk_sync::protocol::*;

const PASSWORD: &str = "bench-password";
const KEY: &str = "bench-key";

fn anchor() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default()
}

fn morning() -> DateTime<Utc> {
    chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(2026, 3, 4, 8, 0, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

type Res<T> = Result<T, String>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// The portal database: one technician assigned 2,000 residents with 5,000 devices and
/// 1,000 appointments.
fn seed_portal(path: &Path) -> Res<(Technician, BTreeMap<&'static str, usize>)> {
    let dir = tempfile::tempdir().map_err(err)?;
    let secrets = MemorySecretStore::default();
    let mut demo = Store::open(&dir.path().join("demo.db"), &secrets, "demo").map_err(err)?;
    let mut cfg = DemoConfig::small(anchor());
    cfg.residents = 2000;
    cfg.devices = 5000;
    cfg.technicians = 40;
    cfg.history = HistoryDepth::Compact;
    generate(&mut demo, &cfg, &mut |_| {}).map_err(err)?;
    let mut master = demo.export_master_data().map_err(err)?;
    let tech = master
        .technicians
        .iter()
        .find(|t| t.role == TechnicianRole::Mechanic)
        .cloned()
        .ok_or("no mechanic")?;
    master.appointments.truncate(1000);
    for (a, _) in &mut master.appointments {
        a.technician_id = tech.id;
    }
    let assignments = master
        .residents
        .iter()
        .map(|(r, _)| (r.id, tech.id))
        .collect();
    let mut counts = BTreeMap::new();
    counts.insert("residents", master.residents.len());
    counts.insert(
        "contact persons",
        master.residents.iter().map(|(_, c)| c.len()).sum(),
    );
    counts.insert("supplier contacts", master.supplier_contacts.len());
    counts.insert("devices", master.devices.len());
    counts.insert("slings", master.slings.len());
    counts.insert("orders", master.orders.len());
    counts.insert("malfunctions", master.malfunctions.len());
    counts.insert("appointments", master.appointments.len());
    counts.insert("logbook entries", master.logbook.len());
    let users = vec![NewUser {
        login: tech.name.to_lowercase(),
        display_name: tech.name.clone(),
        password_hash: hash_password(PASSWORD, &[7u8; 16])?,
        role: Role::Technician,
        technician_id: Some(tech.id),
        municipality_id: None,
    }];
    let store = SqliteStore::open(path).map_err(err)?;
    store
        .import(&SeedData {
            master,
            assignments,
            users,
            at: morning() - Days::days(1),
        })
        .map_err(err)?;
    Ok((tech, counts))
}

/// A portal served on loopback from a copy of `db`.
struct Served {
    addr: std::net::SocketAddr,
    dir: tempfile::TempDir,
    _task: tokio::task::JoinHandle<()>,
}

async fn serve(db: &Path) -> Res<Served> {
    let dir = tempfile::tempdir().map_err(err)?;
    std::fs::copy(db, dir.path().join("portal.db")).map_err(err)?;
    let store = Arc::new(SqliteStore::open(&dir.path().join("portal.db")).map_err(err)?);
    let state = veldwerk_portal::server::state(
        store,
        &dir.path().join("blobs"),
        Arc::new(SetClock::new(morning())),
        Default::default(),
    )?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(err)?;
    let addr = listener.local_addr().map_err(err)?;
    let task = tokio::spawn(async move {
        let _ = veldwerk_portal::server::serve(listener, state, std::future::pending()).await;
    });
    Ok(Served {
        addr,
        dir,
        _task: task,
    })
}

fn url_of(addr: std::net::SocketAddr) -> Res<reqwest::Url> {
    portal_url(&format!("http://{addr}")).map_err(err)
}

fn now_fn() -> Now {
    Arc::new(|| morning() + Days::hours(9))
}

/// An installation: a replica and blob store in `dir`, the key in `secrets`.
struct Install {
    dir: PathBuf,
    replica: Arc<SingleStore>,
    blobs: Arc<BlobStore>,
}

fn open_install(dir: &Path, secrets: Arc<MemorySecretStore>) -> Res<Install> {
    let store = Store::open(&dir.join("replica.db"), secrets.as_ref(), KEY).map_err(err)?;
    let key = BlobKey::from_secrets(secrets.as_ref(), KEY).map_err(err)?;
    let blobs = BlobStore::open(&dir.join("blobs"), key).map_err(err)?;
    Ok(Install {
        dir: dir.to_path_buf(),
        replica: Arc::new(SingleStore::new(store)),
        blobs: Arc::new(blobs),
    })
}

async fn login(url: &reqwest::Url, tech: &Technician, install: &Install) -> Res<String> {
    let installation = uuid::Uuid::now_v7();
    let r = session::login(
        url,
        &tech.name,
        PASSWORD,
        installation,
        "bench",
        Timeouts::default(),
        now_fn(),
    )
    .await
    .map_err(err)?;
    let (u, t) = (url_text(url), r.technician.clone());
    install
        .replica
        .write(move |s| s.link_portal(&u, &t, installation))
        .map_err(err)?;
    Ok(r.token)
}

fn engine(install: &Install, url: &reqwest::Url, token: &str) -> Res<Engine<SingleStore>> {
    let api = PortalApi::new(
        url.clone(),
        Some(token.into()),
        Timeouts::default(),
        now_fn(),
    )
    .map_err(err)?;
    Ok(Engine::new(
        install.replica.clone(),
        install.blobs.clone(),
        api,
        ProgressHandle::default(),
        now_fn(),
    ))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

// ---- 1. initial pull ------------------------------------------------------------------

/// Every change a fresh installation pulls, page by page.
async fn all_pages(url: &reqwest::Url, token: &str) -> Res<Vec<(Vec<PulledChange>, i64)>> {
    let api = PortalApi::new(
        url.clone(),
        Some(token.into()),
        Timeouts::default(),
        now_fn(),
    )
    .map_err(err)?;
    let mut cursor = 0;
    let mut pages = Vec::new();
    loop {
        let page = api
            .pull(cursor, MAX_PULL_LIMIT)
            .await
            .map_err(|f| f.into_error().to_string())?;
        let changes = page
            .changes
            .iter()
            .map(|c| PulledChange {
                entity: c.entity.as_str().to_string(),
                op: match c.op {
                    ChangeOp::Upsert => PulledOp::Upsert,
                    ChangeOp::Remove => PulledOp::Remove,
                },
                id: c.id.to_string(),
                version: c.version,
                data: c.data.as_ref().map(|d| d.get().to_string()),
            })
            .collect();
        pages.push((changes, page.next_cursor));
        cursor = page.next_cursor;
        if !page.more {
            return Ok(pages);
        }
    }
}

/// The reference: the same rows written with the store's writers, 1,000 per transaction.
fn insert_directly(store: &mut Store, changes: &[PulledChange]) -> Res<()> {
    let mut caregivers: BTreeMap<String, Vec<Caregiver>> = BTreeMap::new();
    for c in changes.iter().filter(|c| c.entity == "caregiver") {
        let cg: Caregiver = serde_json::from_str(c.data.as_deref().unwrap_or("")).map_err(err)?;
        caregivers
            .entry(cg.resident_id.to_string())
            .or_default()
            .push(cg);
    }
    for chunk in changes.chunks(1000) {
        let w = store.write().map_err(err)?;
        for c in chunk {
            let d = c.data.as_deref().unwrap_or("");
            match c.entity.as_str() {
                "municipality" => w.upsert_municipality(&serde_json::from_str(d).map_err(err)?),
                "technician" => w.upsert_technician(&serde_json::from_str(d).map_err(err)?),
                "resident" => {
                    let r: Resident = serde_json::from_str(d).map_err(err)?;
                    let cg = caregivers.get(&c.id).cloned().unwrap_or_default();
                    w.upsert_resident(&r, &cg)
                }
                "supplier_contact" => {
                    w.upsert_supplier_contact(&serde_json::from_str(d).map_err(err)?)
                }
                "device" => w.upsert_device(&serde_json::from_str(d).map_err(err)?),
                "sling" => w.upsert_sling(&serde_json::from_str(d).map_err(err)?),
                "order" => w.upsert_order(&serde_json::from_str(d).map_err(err)?),
                "malfunction" => w.upsert_malfunction(&serde_json::from_str(d).map_err(err)?),
                "appointment" => {
                    let a: AppointmentWithJobs = serde_json::from_str(d).map_err(err)?;
                    w.upsert_appointment(&a.appointment, &a.jobs)
                }
                "logbook_entry" => {
                    let e: veldwerk_core::logbook::LogbookEntry =
                        serde_json::from_str(d).map_err(err)?;
                    w.append_logbook(NewLogbookEntry {
                        id: e.id,
                        device_id: e.device_id,
                        kind: e.kind,
                        occurred_at: e.occurred_at,
                        recorded_at: e.recorded_at,
                        author: e.author,
                        job_id: e.job_id,
                        summary: e.summary,
                        details_json: e.details_json,
                        corrects: e.corrects,
                    })
                    .map(|_| ())
                }
                _ => Ok(()),
            }
            .map_err(err)?;
        }
        w.commit().map_err(err)?;
    }
    Ok(())
}

fn fresh_store(dir: &Path) -> Res<Store> {
    let secrets = MemorySecretStore::default();
    secrets.set(KEY, &"ab".repeat(32)).map_err(err)?;
    Store::open(&dir.join("r.db"), &secrets, KEY).map_err(err)
}

async fn bench_pull(db: &Path, tech: &Technician, runs: usize) -> Res<()> {
    let served = serve(db).await?;
    let url = url_of(served.addr)?;
    let (mut http_t, mut mem_t, mut direct_t) = (Vec::new(), Vec::new(), Vec::new());
    let mut changes_n = 0;
    for _ in 0..runs {
        // the sync: login, then a whole initial pull over loopback into an empty replica
        let tmp = tempfile::tempdir().map_err(err)?;
        let secrets = Arc::new(MemorySecretStore::default());
        let install = open_install(tmp.path(), secrets)?;
        let token = login(&url, tech, &install).await?;
        let t = Instant::now();
        let report = engine(&install, &url, &token)?.sync().await.map_err(err)?;
        http_t.push(t.elapsed().as_secs_f64());
        changes_n = report.pull.changes;
        if !report.pull.problems.is_empty() {
            return Err(format!(
                "problems: {:?}",
                &report.pull.problems[..3.min(report.pull.problems.len())]
            ));
        }
        // the same pages applied from memory
        let pages = all_pages(&url, &token).await?;
        let tmp2 = tempfile::tempdir().map_err(err)?;
        let mut store = fresh_store(tmp2.path())?;
        let t = Instant::now();
        for (p, next) in &pages {
            store.apply_pull_page(p, *next, morning()).map_err(err)?;
        }
        mem_t.push(t.elapsed().as_secs_f64());
        // the reference: the same rows inserted directly
        let all: Vec<PulledChange> = pages.into_iter().flat_map(|(p, _)| p).collect();
        let tmp3 = tempfile::tempdir().map_err(err)?;
        let mut store = fresh_store(tmp3.path())?;
        let t = Instant::now();
        insert_directly(&mut store, &all)?;
        direct_t.push(t.elapsed().as_secs_f64());
    }
    let (h, m, d) = (median(http_t), median(mem_t), median(direct_t));
    println!("\n1. Initial pull: {changes_n} changes, median of {runs} runs");
    println!("   sync over loopback (HTTP, JSON, apply)       {h:7.2} s");
    println!("   the same pages applied from memory           {m:7.2} s");
    println!("   reference: inserted directly (writers)       {d:7.2} s");
    println!(
        "   ratio sync / direct insert                   {:7.2}  (goal <= 1.5)",
        h / d
    );
    Ok(())
}

// ---- 2. end-of-shift push ---------------------------------------------------------------

/// 30 jobs completed and 150 photos of about 400 KB, in the installation's replica.
fn a_shift(install: &Install, photos: usize) -> Res<u64> {
    let blobs = install.blobs.clone();
    install
        .replica
        .write(move |s| {
            let mut rng = rand::rngs::StdRng::seed_from_u64(30);
            let jobs: Vec<String> = {
                let mut stmt = s.raw_connection().prepare(
                    "SELECT j.id FROM jobs j WHERE j.status = 'open' AND j.device_id IS NOT NULL
                     ORDER BY j.id LIMIT 30",
                )?;
                let v = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()?;
                v
            };
            let mut bytes = 0u64;
            let mut at = morning() + Days::hours(1);
            for (i, j) in jobs.iter().enumerate() {
                let job = JobId::parse(j).map_err(veldwerk_store::StoreError::Invalid)?;
                let ctx = s.job_context(job)?;
                at += Days::minutes(15);
                s.start_draft(job, "bench", 1, at - Days::minutes(10))?;
                let day = veldwerk_core::sla::local_date(at);
                let device = ctx.job.device_id.unwrap_or(DeviceId::new_v7());
                let mut answers = BTreeMap::new();
                answers.insert(
                    "note".into(),
                    Answer::Text {
                        value: "Gedaan".into(),
                    },
                );
                s.complete_job(&Completion {
                    report: JobReport {
                        id: JobReportId::new_v7(),
                        job_id: job,
                        kind: ctx.job.kind,
                        template_id: "bench".into(),
                        template_version: 1,
                        answers,
                        started_at: at - Days::minutes(10),
                        completed_at: at,
                        technician: "Monteur".into(),
                        notices: vec![],
                    },
                    logbook: vec![NewLogbookEntry {
                        id: LogbookEntryId::new_v7(),
                        device_id: device,
                        kind: LogbookKind::PreventiveMaintenance,
                        occurred_at: at,
                        recorded_at: at,
                        author: "Monteur".into(),
                        job_id: Some(job),
                        summary: "Onderhoud uitgevoerd".into(),
                        details_json: "{}".into(),
                        corrects: None,
                    }],
                    devices: vec![DeviceUpdate {
                        device_id: device,
                        changes: DeviceChanges {
                            last_preventive_maintenance_on: Some(day),
                            next_maintenance_due: Some(day + Days::days(365)),
                            ..Default::default()
                        },
                    }],
                    slings: vec![],
                    malfunction: None,
                    orders: vec![],
                    signals: vec![],
                    deviation: None,
                    documents: Vec::new(),
                    notices: vec![],
                })?;
                for _ in 0..photos / jobs.len().max(1) {
                    let size = 380_000 + rng.random_range(0..40_000);
                    let mut b = vec![0u8; size];
                    rng.fill_bytes(&mut b);
                    let sha = blobs
                        .put(&b)
                        .map_err(|e| veldwerk_store::StoreError::Corrupt {
                            what: "blob",
                            detail: e.to_string(),
                        })?;
                    let rec = BlobRecord {
                        id: uuid::Uuid::now_v7(),
                        sha256: sha.to_string(),
                        media_type: "image/jpeg".into(),
                        size: size as u64,
                        resident_id: ctx.appointment.resident_id,
                        device_id: None,
                        job_id: Some(job),
                        title: Some(format!("Foto {i}")),
                        created_at: at,
                        author: "Monteur".into(),
                    };
                    let json = serde_json::to_string(&rec).unwrap_or_default();
                    s.queue_record_with_blobs(
                        &rec.id.to_string(),
                        "photo",
                        &json,
                        &[(sha, size as u64)],
                        Some(ctx.appointment.resident_id),
                        at,
                    )?;
                    bytes += size as u64;
                }
            }
            Ok(bytes)
        })
        .map_err(err)
}

fn copy_dir(from: &Path, to: &Path) -> Res<()> {
    std::fs::create_dir_all(to).map_err(err)?;
    for e in std::fs::read_dir(from).map_err(err)? {
        let e = e.map_err(err)?;
        let target = to.join(e.file_name());
        if e.file_type().map_err(err)?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), target).map_err(err)?;
        }
    }
    Ok(())
}

/// A TCP relay that counts the bytes each way.
async fn relay(
    upstream: std::net::SocketAddr,
) -> Res<(std::net::SocketAddr, Arc<AtomicU64>, Arc<AtomicU64>)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(err)?;
    let addr = listener.local_addr().map_err(err)?;
    let (up, down) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let (u, d) = (up.clone(), down.clone());
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let (u, d) = (u.clone(), d.clone());
            tokio::spawn(async move {
                let Ok(server) = tokio::net::TcpStream::connect(upstream).await else {
                    return;
                };
                let (mut cr, mut cw) = client.into_split();
                let (mut sr, mut sw) = server.into_split();
                let a = async {
                    let n = tokio::io::copy(&mut cr, &mut sw).await.unwrap_or(0);
                    u.fetch_add(n, Ordering::Relaxed);
                    let _ = sw.shutdown().await;
                };
                let b = async {
                    let n = tokio::io::copy(&mut sr, &mut cw).await.unwrap_or(0);
                    d.fetch_add(n, Ordering::Relaxed);
                    let _ = cw.shutdown().await;
                };
                tokio::join!(a, b);
            });
        }
    });
    Ok((addr, up, down))
}

/// Writes the blobs and the records' push bodies as curl will send them; the curl config.
fn curl_plan(install: &Install, dir: &Path, url: &str, token: &str) -> Res<PathBuf> {
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut cfg: Vec<String> = Vec::new();
    let items = install
        .replica
        .read(|s| s.pending_outbox(0, 1000, usize::MAX))
        .map_err(err)?;
    for item in &items {
        for b in &item.blobs {
            let path = dir.join(b.sha256.as_str());
            if !path.exists() {
                let bytes = install.blobs.get(&b.sha256).map_err(err)?;
                std::fs::write(&path, bytes).map_err(err)?;
                cfg.push(format!(
                    "url = \"{url}/api/v1/blobs/{}\"\nupload-file = \"{}\"\nheader = \"Authorization: Bearer {token}\"\nheader = \"Content-Type: application/octet-stream\"\noutput = \"/dev/null\"\n",
                    b.sha256,
                    path.display()
                ));
            }
        }
    }
    // the records in the engine's batches (50 records, 2 MB)
    for (n, chunk) in items.chunks(50).enumerate() {
        let records: Vec<PushRecord> = chunk
            .iter()
            .filter_map(|i| {
                PushRecord::new(
                    uuid::Uuid::parse_str(&i.record_id).ok()?,
                    &i.record_type,
                    i.payload_json.clone(),
                    i.blobs.iter().map(|b| b.sha256.to_string()).collect(),
                )
                .ok()
            })
            .collect();
        let path = dir.join(format!("push-{n}.json"));
        std::fs::write(
            &path,
            serde_json::to_vec(&PushRequest { records }).map_err(err)?,
        )
        .map_err(err)?;
        cfg.push(format!(
            "url = \"{url}/api/v1/push\"\ndata-binary = \"@{}\"\nheader = \"Authorization: Bearer {token}\"\nheader = \"Content-Type: application/json\"\noutput = \"/dev/null\"\n",
            path.display()
        ));
    }
    let path = dir.join("curl.cfg");
    std::fs::write(&path, cfg.join("next\n")).map_err(err)?;
    Ok(path)
}

async fn curl_token(url: &reqwest::Url, tech: &Technician) -> Res<String> {
    let api = PortalApi::new(url.clone(), None, Timeouts::default(), now_fn()).map_err(err)?;
    let r = api
        .login(&LoginRequest {
            name: tech.name.clone(),
            password: PASSWORD.into(),
            installation_id: uuid::Uuid::now_v7(),
            installation_label: "curl".into(),
        })
        .await
        .map_err(|f| f.into_error().to_string())?;
    Ok(r.token)
}

fn run_curl(cfg: &Path) -> Res<f64> {
    let t = Instant::now();
    let out = std::process::Command::new("curl")
        .args(["-sS", "--fail", "-K"])
        .arg(cfg)
        .output()
        .map_err(|e| format!("curl: {e}"))?;
    let secs = t.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "curl failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(secs)
}

async fn bench_push(db: &Path, tech: &Technician, runs: usize) -> Res<()> {
    // one installation after its first pull, with the shift done: copied for every run
    let base = tempfile::tempdir().map_err(err)?;
    let secrets = Arc::new(MemorySecretStore::default());
    let (records, blob_bytes) = {
        let served = serve(db).await?;
        let url = url_of(served.addr)?;
        let install = open_install(base.path(), secrets.clone())?;
        let token = login(&url, tech, &install).await?;
        engine(&install, &url, &token)?.sync().await.map_err(err)?;
        let bytes = a_shift(&install, 150)?;
        let s = install.replica.read(|s| s.sync_summary()).map_err(err)?;
        (s.pending_records, bytes)
    };
    let copy = |n: usize| -> Res<(tempfile::TempDir, Install)> {
        let tmp = tempfile::tempdir().map_err(err)?;
        let dir = tmp.path().join(format!("i{n}"));
        copy_dir(base.path(), &dir)?;
        let install = open_install(&dir, secrets.clone())?;
        Ok((tmp, install))
    };
    let (mut sync_t, mut curl_t) = (Vec::new(), Vec::new());
    for n in 0..runs {
        // the sync, on a fresh portal
        let served = serve(db).await?;
        let url = url_of(served.addr)?;
        let (_keep, install) = copy(n)?;
        let token = login(&url, tech, &install).await?;
        let t = Instant::now();
        let r = engine(&install, &url, &token)?.sync().await.map_err(err)?;
        sync_t.push(t.elapsed().as_secs_f64());
        if r.pending_after != 0 || r.push.acknowledged != records {
            let lines = install
                .replica
                .read(|s| s.outbox_lines(None, 5))
                .map_err(err)?;
            return Err(format!("the push did not complete: {r:?}\n{lines:?}"));
        }
        // curl: the same bytes to a fresh portal
        let served = serve(db).await?;
        let url = url_of(served.addr)?;
        let (keep, install) = copy(n + 100)?;
        let token = curl_token(&url, tech).await?;
        let cfg = curl_plan(
            &install,
            &keep.path().join("curl"),
            url.as_str().trim_end_matches('/'),
            &token,
        )?;
        curl_t.push(run_curl(&cfg)?);
        let _ = served.dir.path();
    }
    // bytes on the wire, through a counting relay (not timed)
    let served = serve(db).await?;
    let (addr, up, down) = relay(served.addr).await?;
    let url = url_of(addr)?;
    let (_keep, install) = copy(900)?;
    let token = login(&url, tech, &install).await?;
    let (u0, d0) = (up.load(Ordering::Relaxed), down.load(Ordering::Relaxed));
    engine(&install, &url, &token)?.sync().await.map_err(err)?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (sync_up, sync_down) = (
        up.load(Ordering::Relaxed) - u0,
        down.load(Ordering::Relaxed) - d0,
    );
    let served = serve(db).await?;
    let (addr, up, down) = relay(served.addr).await?;
    let url = url_of(addr)?;
    let (keep, install) = copy(901)?;
    let token = curl_token(&url, tech).await?;
    let cfg = curl_plan(
        &install,
        &keep.path().join("curl"),
        url.as_str().trim_end_matches('/'),
        &token,
    )?;
    let (u0, d0) = (up.load(Ordering::Relaxed), down.load(Ordering::Relaxed));
    run_curl(&cfg)?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (curl_up, curl_down) = (
        up.load(Ordering::Relaxed) - u0,
        down.load(Ordering::Relaxed) - d0,
    );

    let (s, c) = (median(sync_t), median(curl_t));
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "\n2. End-of-shift push: {records} records (30 jobs), 150 photos, {:.1} MB of photos; median of {runs} runs",
        mb(blob_bytes)
    );
    println!("   sync (HEAD + PUT per photo, records in batches, then a pull)  {s:6.2} s");
    println!("   reference: curl, the same bytes, one kept-alive connection     {c:6.2} s");
    println!(
        "   ratio sync / curl                                              {:6.2}  (goal <= 1.5)",
        s / c
    );
    println!(
        "   bytes on the wire: sync {:.2} MB up, {:.2} MB down; curl {:.2} MB up, {:.2} MB down",
        mb(sync_up),
        mb(sync_down),
        mb(curl_up),
        mb(curl_down)
    );
    let _ = install.dir.clone();
    Ok(())
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("runtime: {e}");
            std::process::exit(1);
        }
    };
    let result = rt.block_on(async {
        let tmp = tempfile::tempdir().map_err(err)?;
        let db = tmp.path().join("portal.db");
        let t = Instant::now();
        let (tech, counts) = seed_portal(&db)?;
        println!(
            "portal seeded in {:.1} s for one technician: {}",
            t.elapsed().as_secs_f64(),
            counts
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        bench_pull(&db, &tech, runs).await?;
        bench_push(&db, &tech, runs).await?;
        Ok::<(), String>(())
    });
    if let Err(e) = result {
        eprintln!("benchmark failed: {e}");
        std::process::exit(1);
    }
}
