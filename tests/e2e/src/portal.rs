//! A real portal beside the app in the end-to-end tests: seeded for the app's day, served
//! from a task that can be stopped and started again on the same port and files; logging in
//! through the app's form, the sync indicator, the end of the shift.

use crate::{clock_now, App};
use std::sync::Arc;
use std::time::{Duration, Instant};
use veldwerk_core::model::{Job, Technician};
use veldwerk_portal::clock::SystemClock;
use veldwerk_portal::seed::{seed_data, SeedOptions, DEMO_TECHNICIAN_PASSWORD};
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::{EntityFilter, PortalStore};
use veldwerk_sync::protocol::*;

/// A portal seeded for the app's day (the demo's six technicians), served from a task that
/// can be stopped and started again on the same port and files.
pub struct Portal {
    pub dir: tempfile::TempDir,
    pub port: u16,
    pub store: Arc<SqliteStore>,
    /// How the portal is served (SMTP for its messages, among others).
    pub config: veldwerk_portal::state::Config,
    running: Option<veldwerk_portal::server::Running>,
}

impl Portal {
    pub fn seeded() -> Portal {
        let dir = tempfile::tempdir().expect("tempdir");
        let anchor = clock_now()
            .with_timezone(&chrono_tz::Europe::Amsterdam)
            .date_naive();
        let (data, _) = seed_data(&SeedOptions {
            technicians: 6,
            anchor,
            seed: veldwerk_demo_seed(),
        })
        .expect("seed");
        let store = Arc::new(SqliteStore::open(&dir.path().join("portal.db")).expect("portal db"));
        veldwerk_portal::seed::import(store.as_ref(), &data).expect("import");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        Portal {
            dir,
            port,
            store,
            config: Default::default(),
            running: None,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub async fn start(&mut self) {
        let state = veldwerk_portal::server::state(
            self.store.clone(),
            &self.dir.path().join("blobs"),
            Arc::new(SystemClock),
            self.config.clone(),
        )
        .expect("portal state");
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("the portal's port");
        self.running = Some(veldwerk_portal::server::spawn(listener, state).expect("serve"));
    }

    pub async fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
        // nothing answers on the port any more
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
            assert!(Instant::now() < deadline, "the portal did not stop");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The technician of `role` whose visits on the app's day include a job matching `want`.
    pub fn technician_with(
        &self,
        want: impl Fn(&Job, Option<&veldwerk_core::model::Device>) -> bool,
    ) -> Technician {
        let day = clock_now()
            .with_timezone(&chrono_tz::Europe::Amsterdam)
            .date_naive();
        let devices: Vec<veldwerk_core::model::Device> = self
            .store
            .entities(EntityKind::Device, EntityFilter::All)
            .expect("devices")
            .iter()
            .map(|e| e.decode().expect("device"))
            .collect();
        let techs: Vec<Technician> = self
            .store
            .entities(EntityKind::Technician, EntityFilter::All)
            .expect("technicians")
            .iter()
            .map(|e| e.decode().expect("technician"))
            .collect();
        for e in self
            .store
            .entities(EntityKind::Appointment, EntityFilter::All)
            .expect("appointments")
        {
            let a: AppointmentWithJobs = e.decode().expect("appointment");
            if veldwerk_core::sla::local_date(a.appointment.window.start) != day {
                continue;
            }
            for j in &a.jobs {
                let d = j
                    .device_id
                    .and_then(|id| devices.iter().find(|d| d.id == id));
                if want(j, d) {
                    return techs
                        .iter()
                        .find(|t| t.id == a.appointment.technician_id)
                        .expect("the visit's technician")
                        .clone();
                }
            }
        }
        panic!("no technician with such a job on {day}");
    }
}

pub fn veldwerk_demo_seed() -> u64 {
    7311
}

/// Logs in through the login form of a fresh app and waits for the first sync.
pub async fn log_in(app: &App, portal: &Portal, who: &Technician) {
    app.el("login").await;
    let url = app.el("login-url").await;
    assert_eq!(
        url.prop("value").await.ok().flatten().as_deref(),
        Some(portal.url().as_str()),
        "the login form suggests the demo portal"
    );
    assert!(app.els_now("technician-chooser").await.is_empty());
    app.type_text("login-name", &who.name).await;
    app.type_text("login-password", DEMO_TECHNICIAN_PASSWORD)
        .await;
    app.click("login-submit").await;
    app.el("today-screen").await;
    wait_indicator(app, &["up_to_date"]).await;
    assert_eq!(app.text("technician-name").await, who.name);
    assert!(app.els_now("switch-technician").await.is_empty());
}

pub async fn wait_indicator(app: &App, states: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let s = app
            .attr("sync-indicator", "data-state")
            .await
            .unwrap_or_default();
        if states.contains(&s.as_str()) {
            return s;
        }
        if Instant::now() > deadline {
            app.fail(&format!(
                "the sync indicator stayed {s:?}, not one of {states:?}"
            ))
            .await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Back to Today (the first day with visits).
pub async fn go_today(app: &App) {
    app.driver
        .execute("location.hash = '#/today';", vec![])
        .await
        .expect("go to Today");
    app.first_day_with_visits().await;
}

/// The end-of-shift button on the sync screen: everything must arrive.
pub async fn end_of_shift(app: &App) {
    app.click("sync-indicator").await;
    app.el("sync-screen").await;
    app.click("end-of-shift").await;
    app.wait_attr("end-of-shift-result", "data-result", "done")
        .await;
    let all = app.text("all-on-portal").await;
    assert!(all.contains("Alles staat op het portaal"), "{all:?}");
}
