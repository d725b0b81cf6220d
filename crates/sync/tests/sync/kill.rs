//! Processes killed with SIGKILL in the middle of a sync: the client (at random points, many
//! times), and the portal (killed and started again on the same files). The next sync
//! completes, and the portal holds exactly the client's records and blobs.
#![cfg(unix)]

use super::common::*;
use super::faults::{assert_applied_once, before};
use super::proxy::{self, Fault};
use super::workday::a_days_work;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_store::{MemorySecretStore, SecretStore};
use veldwerk_sync::client::*;

const CLIENT_ENV: &str = "VELDWERK_SYNC_KILL_CLIENT";
const PORTAL_ENV: &str = "VELDWERK_SYNC_KILL_PORTAL";

fn nanos() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
}

/// The client child: syncs again and again through `url` until it is killed (or done).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the child process of a_client_killed_during_syncs_loses_nothing"]
async fn client_child() {
    let spec = std::env::var(CLIENT_ENV)
        .unwrap_or_else(|_| panic!("client_child is a child process and needs {CLIENT_ENV}"));
    let parts: Vec<&str> = spec.split('\n').collect();
    let (url, dir, key, token, tech) = (parts[0], parts[1], parts[2], parts[3], parts[4]);
    let secrets = Arc::new(MemorySecretStore::default());
    secrets.set(KEY, key).unwrap();
    secrets.set(&session::token_key("test"), token).unwrap();
    let tech: veldwerk_core::model::Technician = serde_json::from_str(tech).unwrap();
    let client = Client::open(PathBuf::from(dir), None, secrets, tech);
    let url = portal_url(url).unwrap();
    let mut out = std::io::stdout();
    for i in 0..200 {
        let r = client.engine(&url, FAST).sync().await;
        writeln!(out, "sync {i}: {:?}", r.as_ref().map(|r| r.pending_after)).unwrap();
        out.flush().unwrap();
        if matches!(r, Ok(ref r) if r.pending_after == 0) {
            return;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_killed_during_syncs_loses_nothing() {
    let portal = start_portal().await;
    let tech = portal
        .technicians()
        .into_iter()
        .find(|t| t.role == veldwerk_core::model::TechnicianRole::Mechanic)
        .unwrap();
    let mut client = Client::login(&portal.url(), &tech).await;
    client.sync(&portal.url()).await.unwrap();
    let was = before(portal.store.as_ref());
    a_days_work(
        &client,
        10,
        &[300_000, 420_000, 380_000, 410_000, 90_000, 700_000],
        21,
    );
    let dir = client.dir.clone();
    let key = client.secrets.get(KEY).unwrap().unwrap();
    let token = client.token.clone();
    let tech_json = serde_json::to_string(&client.technician).unwrap();
    let (tmp, secrets, technician) = (
        client.tmp.take(),
        client.secrets.clone(),
        client.technician.clone(),
    );
    drop(client);
    // a slow line, so that kills land in every phase: blobs, records, pages
    let proxy = proxy::start(portal.addr, vec![]).await;
    let mut kills = 0;
    let mut partial = 0;
    let pending = |dir: &std::path::Path| {
        let (store, _) = open_replica(dir, secrets.as_ref());
        let s = store.sync_summary().unwrap();
        // what is left to send: records and blobs
        s.pending_records + s.pending_blobs
    };
    for round in 0..14u64 {
        if round > 0 {
            // more work for this round (the replica is closed again before the child runs)
            let c = Client::open(dir.clone(), None, secrets.clone(), technician.clone());
            a_days_work(&c, 2, &[350_000, 200_000], 100 + round);
        }
        let total = pending(&dir);
        let on_portal_before = portal_holds(&portal, &technician);
        proxy.set_faults(std::iter::repeat_n(Fault::DelayResponse(40), 400));
        // killed after a random number of requests reached the proxy (and a few ms more), so
        // that kills land in every phase: blobs, records, pages
        // as many requests as the round needs: HEAD and PUT per blob, the record batches, a
        // pull; the kill comes after any of them
        let needed = {
            let (store, _) = open_replica(&dir, secrets.as_ref());
            let s = store.sync_summary().unwrap();
            u64::from(2 * s.pending_blobs + s.pending_records / 50 + 2)
        };
        let after_requests = 1 + (nanos() + round * 7919) % needed;
        let extra = (nanos() / 7) % 40;
        let seen = proxy.log.lock().unwrap().len() as u64;
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "kill::client_child", "--nocapture", "--ignored"])
            .env(
                CLIENT_ENV,
                format!(
                    "{}\n{}\n{key}\n{token}\n{tech_json}",
                    proxy.url(),
                    dir.display()
                ),
            )
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while (proxy.log.lock().unwrap().len() as u64) < seen + after_requests
            && child.try_wait().unwrap().is_none()
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        tokio::time::sleep(Duration::from_millis(extra)).await;
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        if status.signal() == Some(9) {
            kills += 1;
        }
        let left = pending(&dir);
        let arrived = portal_holds(&portal, &technician) - on_portal_before;
        eprintln!(
            "round {round}: killed after {after_requests} of {needed} requests + {extra} ms: {:?}; \
             {arrived} records and blobs arrived, {left} of {total} left here",
            status.signal()
        );
        // killed with some of the round's work on the portal and some not
        if status.signal() == Some(9) && arrived > 0 && left > 0 {
            partial += 1;
        }
    }
    assert!(kills >= 8, "only {kills} of 14 children were killed");
    assert!(
        partial >= 3,
        "only {partial} kills landed in the middle of sending"
    );
    assert!(
        proxy.log.lock().unwrap().len() > 20,
        "the children hardly reached the portal"
    );
    // the replica opens whole; the next sync completes
    let client = Client::open(dir, tmp, secrets, technician);
    client
        .replica
        .read(|s| {
            let ok: String = s
                .raw_connection()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            assert_eq!(ok, "ok");
            assert!(s.verify_all_logbooks()?.is_empty());
            Ok(())
        })
        .unwrap();
    proxy.set_faults([]);
    let report = client.sync(&portal.url()).await.unwrap();
    let lines = client.replica.read(|s| s.outbox_lines(None, 50)).unwrap();
    assert_eq!(report.pending_after, 0, "{report:?} {lines:#?}");
    assert_eq!(client.rejected(), 0);
    assert_portal_has_exactly(
        portal.store.as_ref(),
        &portal.dir.path().join("blobs"),
        &client,
    );
    assert_applied_once(portal.store.as_ref(), &was, &client);
}

/// How many records and blobs of the technician the portal holds.
fn portal_holds(portal: &Portal, technician: &veldwerk_core::model::Technician) -> usize {
    let blobs = walk(&portal.dir.path().join("blobs"));
    portal.records_of(technician).len() + blobs
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        if p.file_name().is_some_and(|n| n == ".tmp") {
                            0
                        } else {
                            walk(&p)
                        }
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The portal child: serves `dir` on `port` until it is killed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the child process of a_portal_killed_during_a_sync_loses_nothing"]
async fn portal_child() {
    let spec = std::env::var(PORTAL_ENV)
        .unwrap_or_else(|_| panic!("portal_child is a child process and needs {PORTAL_ENV}"));
    let (dir, port) = spec.split_once('\n').unwrap();
    let dir = PathBuf::from(dir);
    let store = Arc::new(SqliteStore::open(&dir.join("portal.db")).unwrap());
    let clock = Arc::new(veldwerk_portal::clock::SetClock::new(morning()));
    let state = veldwerk_portal::server::state(
        store,
        &dir.join("blobs"),
        clock,
        veldwerk_portal::state::Config::default(),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}"))
        .await
        .unwrap();
    println!("listening");
    veldwerk_portal::server::serve(listener, state, std::future::pending())
        .await
        .unwrap();
}

fn spawn_portal(dir: &std::path::Path, port: u16) -> std::process::Child {
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "kill::portal_child", "--nocapture", "--ignored"])
        .env(PORTAL_ENV, format!("{}\n{port}", dir.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the portal did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

fn kill(mut child: std::process::Child) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portal_killed_during_a_sync_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(template(), dir.path().join("portal.db")).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut portal = spawn_portal(dir.path(), port);
    let url = portal_url(&format!("http://127.0.0.1:{port}")).unwrap();
    let store = SqliteStore::open(&dir.path().join("portal.db")).unwrap();
    let tech = technicians_of(&store)
        .into_iter()
        .find(|t| t.role == veldwerk_core::model::TechnicianRole::Mechanic)
        .unwrap();
    let client = Client::login(&url, &tech).await;
    client.sync(&url).await.unwrap();
    let was = before(&store);
    a_days_work(
        &client,
        10,
        &[400_000, 400_000, 900_000, 250_000, 600_000],
        5,
    );
    let mut rounds = 0;
    for round in 0..6u64 {
        // sync while the portal is killed at a random moment, then started again
        let engine = client.engine(&url, FAST);
        let sync = tokio::spawn(async move { engine.sync().await });
        let delay = 5 + (nanos() + round * 104_729) % 250;
        tokio::time::sleep(Duration::from_millis(delay)).await;
        kill(portal);
        let result = sync.await.unwrap();
        if result.is_err() {
            rounds += 1;
        }
        portal = spawn_portal(dir.path(), port);
    }
    assert!(rounds >= 2, "the portal was never killed during a sync");
    let mut done = false;
    for _ in 0..5 {
        if let Ok(r) = client.sync(&url).await {
            if r.pending_after == 0 {
                done = true;
                break;
            }
        }
    }
    assert!(done, "the sync did not complete after the portal came back");
    assert_eq!(client.rejected(), 0);
    kill(portal);
    let store = SqliteStore::open(&dir.path().join("portal.db")).unwrap();
    assert_portal_has_exactly(&store, &dir.path().join("blobs"), &client);
    assert_applied_once(&store, &was, &client);
}
