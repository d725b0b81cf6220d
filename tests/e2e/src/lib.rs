//! Drives the real Veldwerk window through tauri-driver and WebKitWebDriver.
//!
//! Needs: the app built with `tauri build --debug --no-bundle` (path in `VELDWERK_E2E_APP`),
//! `tauri-driver` on the PATH, an X display (Xvfb) and a Secret Service (gnome-keyring in a
//! dbus session). `scripts/test.sh` sets all of that up; the tests are `#[ignore]`d so that a
//! plain `cargo test` does not try to open windows.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;
use thirtyfour::Capabilities;
use tokio::process::{Child, Command};

mod axe;
pub mod portal;
pub mod visits;

pub use thirtyfour::{By, WebElement};

/// How long to wait for something to appear.
pub const WAIT: Duration = Duration::from_secs(30);

/// The instant the app's clock starts at in these tests: Wednesday 25 November 2026, 08:05 in
/// Amsterdam. The tests never depend on the day they run (a weekend has no visits); the
/// clock runs on at the real pace from the start of the test run, so a restarted app
/// continues where the killed one was.
pub const CLOCK_START: &str = "2026-11-25T07:05:00Z";

/// When this test process started (the clock's zero).
static RUN_START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// The app's "now" for a launch: [`CLOCK_START`] plus the time this test run has taken.
pub fn clock_now() -> chrono::DateTime<chrono::Utc> {
    let start = chrono::DateTime::parse_from_rfc3339(CLOCK_START)
        .expect("CLOCK_START")
        .with_timezone(&chrono::Utc);
    let elapsed = RUN_START.get_or_init(Instant::now).elapsed();
    start + chrono::Duration::from_std(elapsed).unwrap_or_default()
}

/// The app's "today" (Amsterdam) in these tests, as yyyy-mm-dd.
pub fn clock_today() -> String {
    clock_now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
        .to_string()
}

/// Ends tauri-driver with its whole process group (WebKitWebDriver, the app).
async fn kill_group(child: &mut Child) {
    if let Some(pid) = child.id() {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &format!("-{pid}")])
            .status();
    }
    let _ = child.kill().await;
    let _ = child.wait().await;
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// The built app, from `VELDWERK_E2E_APP`. Fails loudly when it is not there: an end-to-end
/// test that silently passes without the app would prove nothing.
pub fn app_binary() -> PathBuf {
    let p = std::env::var_os("VELDWERK_E2E_APP")
        .map(PathBuf::from)
        .expect("VELDWERK_E2E_APP must point at the app built with `tauri build --debug --no-bundle` (run scripts/test.sh)");
    assert!(p.exists(), "app binary {} does not exist", p.display());
    p
}

/// Where screenshots go: `$VELDWERK_E2E_ARTIFACTS` or `artifacts/e2e` in the repository.
pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("VELDWERK_E2E_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts/e2e"));
    std::fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}

/// One running app with its own data directory.
pub struct App {
    pub driver: WebDriver,
    tauri_driver: Child,
    pub data_dir: PathBuf,
    _tmp: Option<tempfile::TempDir>,
    name: String,
    /// Clicks, taps and key presses made through [`App::click`] and [`App::type_text`].
    interactions: AtomicU32,
}

impl App {
    /// Starts the app in demo mode with a fresh data directory.
    pub async fn launch(name: &str) -> App {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().to_path_buf();
        App::launch_in(name, dir, Some(tmp)).await
    }

    /// Starts the app in demo mode on an existing data directory (for restarts). A session
    /// that cannot be made (a driver left over, a slow start) is tried once more.
    pub async fn launch_in(name: &str, data_dir: PathBuf, tmp: Option<tempfile::TempDir>) -> App {
        App::launch_with(name, data_dir, tmp, &[("VELDWERK_DEMO", "1")]).await
    }

    /// Starts the app without demo data (it logs in at a portal), with a fresh data directory
    /// and these extra environment variables.
    pub async fn launch_with_portal(name: &str, env: &[(&str, &str)]) -> App {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().to_path_buf();
        App::launch_with(name, dir, Some(tmp), env).await
    }

    /// Starts the app on `data_dir` with these environment variables (besides the data
    /// directory and the clock).
    pub async fn launch_with(
        name: &str,
        data_dir: PathBuf,
        tmp: Option<tempfile::TempDir>,
        env: &[(&str, &str)],
    ) -> App {
        let mut last_error = String::new();
        for _attempt in 0..2 {
            match Self::try_launch(&data_dir, env).await {
                Ok((driver, tauri_driver)) => {
                    return App {
                        driver,
                        tauri_driver,
                        data_dir,
                        _tmp: tmp,
                        name: name.to_string(),
                        interactions: AtomicU32::new(0),
                    }
                }
                Err(e) => last_error = e,
            }
        }
        panic!("[{name}] no WebDriver session on the app: {last_error}")
    }

    async fn try_launch(
        data_dir: &Path,
        env: &[(&str, &str)],
    ) -> Result<(WebDriver, Child), String> {
        let app = app_binary();
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new("tauri-driver");
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .env("VELDWERK_DATA_DIR", data_dir)
            // the webview's own storage (the chosen language) per data directory: a fresh
            // launch is a fresh installation, a restart keeps what the killed app had
            .env("XDG_DATA_HOME", data_dir.join("webview"))
            .env(
                "VELDWERK_CLOCK",
                clock_now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            )
            // a test may set the app's clock itself (the env given wins)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            // its own process group, so that ending it ends WebKitWebDriver and the app too
            .process_group(0)
            .kill_on_drop(true);
        let mut tauri_driver = cmd
            .spawn()
            .map_err(|e| format!("start tauri-driver (cargo install tauri-driver): {e}"))?;
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                kill_group(&mut tauri_driver).await;
                return Err("tauri-driver did not start".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut caps = Capabilities::new();
        caps.set(
            "tauri:options",
            serde_json::json!({ "application": app.to_string_lossy() }),
        )
        .map_err(|e| e.to_string())?;
        caps.set("browserName", "wry").map_err(|e| e.to_string())?;
        match WebDriver::new(url, caps).await {
            Ok(driver) => Ok((driver, tauri_driver)),
            Err(e) => {
                kill_group(&mut tauri_driver).await;
                Err(e.to_string())
            }
        }
    }

    fn css(testid: &str) -> By {
        By::Css(format!("[data-testid=\"{testid}\"]"))
    }

    /// The first element with this test id, waiting for it to appear.
    pub async fn el(&self, testid: &str) -> WebElement {
        match self
            .driver
            .query(Self::css(testid))
            .wait(WAIT, Duration::from_millis(100))
            .first()
            .await
        {
            Ok(e) => e,
            Err(e) => self.fail(&format!("no element {testid}: {e}")).await,
        }
    }

    /// Fails the test with a screenshot and the text the window showed.
    pub async fn fail(&self, why: &str) -> ! {
        let shot = match self.try_screenshot("failure").await {
            Ok(path) => path.display().to_string(),
            Err(e) => format!("none ({e})"),
        };
        let body = match self.driver.find(By::Css("body")).await {
            Ok(b) => b.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        panic!(
            "[{}] {why}\nscreenshot: {shot}\nwindow text:\n{body}",
            self.name,
        )
    }

    /// All elements with this test id (after waiting for at least one).
    pub async fn els(&self, testid: &str) -> Vec<WebElement> {
        self.el(testid).await;
        self.driver
            .find_all(Self::css(testid))
            .await
            .unwrap_or_default()
    }

    /// All elements with this test id, without waiting.
    pub async fn els_now(&self, testid: &str) -> Vec<WebElement> {
        self.driver
            .find_all(Self::css(testid))
            .await
            .unwrap_or_default()
    }

    /// The texts of all elements with this test id (after waiting for at least one).
    pub async fn texts(&self, testid: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.els(testid).await {
            out.push(e.text().await.unwrap_or_default());
        }
        out
    }

    pub async fn text(&self, testid: &str) -> String {
        self.el(testid).await.text().await.unwrap_or_default()
    }

    /// Clicks (one interaction).
    pub async fn click(&self, testid: &str) {
        let e = self.el(testid).await;
        self.click_el(&e).await;
    }

    pub async fn click_el(&self, e: &WebElement) {
        e.scroll_into_view().await.ok();
        e.click()
            .await
            .unwrap_or_else(|err| panic!("[{}] click failed: {err}", self.name));
        self.interactions.fetch_add(1, Ordering::Relaxed);
    }

    /// Types text into an element (one interaction per character).
    pub async fn type_text(&self, testid: &str, text: &str) {
        let e = self.el(testid).await;
        e.send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("[{}] typing failed: {err}", self.name));
        self.interactions
            .fetch_add(text.chars().count() as u32, Ordering::Relaxed);
    }

    pub fn interactions(&self) -> u32 {
        self.interactions.load(Ordering::Relaxed)
    }

    /// Waits until `check` holds on the text of `testid`.
    pub async fn wait_text(&self, testid: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let t = match self.els_now(testid).await.first() {
                Some(e) => e.text().await.unwrap_or_default(),
                None => String::new(),
            };
            if check(&t) {
                return t;
            }
            if Instant::now() >= deadline {
                self.fail(&format!(
                    "{testid} never satisfied the check; last text: {t:?}"
                ))
                .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// On a passport: the logbook's hash chain is verified intact (not merely shown), and it
    /// covers every entry the passport lists.
    pub async fn assert_chain_intact(&self) {
        let state = self.attr("chain-status", "data-state").await;
        if state.as_deref() != Some("intact") {
            let text = self.text("chain-status").await;
            self.fail(&format!(
                "the logbook chain is not intact ({state:?}): {text}"
            ))
            .await;
        }
        let text = self.text("chain-status").await;
        let entries = self.els_now("logbook-entry").await.len();
        let counted: Vec<usize> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        if entries == 0 || !counted.contains(&entries) {
            self.fail(&format!(
                "the chain status {text:?} does not cover the {entries} logbook entries shown"
            ))
            .await;
        }
    }

    /// Saves a screenshot of the window as `artifacts/e2e/<test>-<label>.png`.
    pub async fn screenshot(&self, label: &str) -> PathBuf {
        self.try_screenshot(label)
            .await
            .unwrap_or_else(|e| panic!("[{}] screenshot: {e}", self.name))
    }

    /// A screenshot, or why none could be taken (a window already gone).
    pub async fn try_screenshot(&self, label: &str) -> Result<PathBuf, String> {
        let png = self
            .driver
            .screenshot_as_png()
            .await
            .map_err(|e| e.to_string())?;
        if !png.starts_with(b"\x89PNG") {
            return Err("not a PNG".into());
        }
        let path = artifacts_dir().join(format!("{}-{label}.png", self.name));
        std::fs::write(&path, png).map_err(|e| e.to_string())?;
        Ok(path)
    }

    /// On first start in demo mode: waits for the demo data and picks the first technician
    /// of the given role label ("Monteur", "Passer/adviseur") or the first one.
    pub async fn choose_technician(&self, role_text: Option<&str>) {
        self.el("technician-chooser").await;
        let options = self.els("technician-option").await;
        let mut pick = None;
        for o in &options {
            let t = o.text().await.unwrap_or_default();
            if role_text.is_none_or(|r| t.contains(r)) {
                pick = Some(o.clone());
                break;
            }
        }
        let pick =
            pick.unwrap_or_else(|| panic!("[{}] no technician with role {role_text:?}", self.name));
        self.click_el(&pick).await;
        self.el("today-screen").await;
    }

    pub async fn quit(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(15), self.driver.clone().quit()).await;
        kill_group(&mut self.tauri_driver).await;
    }

    /// The process id of the app started for this data directory (found through /proc: the
    /// executable is the app binary and its environment names this data directory).
    pub fn app_pid(&self) -> Option<i32> {
        let exe = std::fs::canonicalize(app_binary()).ok()?;
        let marker = format!("VELDWERK_DATA_DIR={}", self.data_dir.display());
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let same_exe = std::fs::read_link(entry.path().join("exe"))
                .map(|p| p == exe)
                .unwrap_or(false);
            if !same_exe {
                continue;
            }
            let env = std::fs::read(entry.path().join("environ")).unwrap_or_default();
            if env.split(|b| *b == 0).any(|v| v == marker.as_bytes()) {
                return Some(pid);
            }
        }
        None
    }

    /// Kills the app with SIGKILL, as a crash or a pulled battery would, and returns its data
    /// directory (and the temporary directory that owns it) for a restart.
    pub async fn kill_hard(mut self) -> (PathBuf, Option<tempfile::TempDir>) {
        let pid = self
            .app_pid()
            .unwrap_or_else(|| panic!("[{}] the app process was not found", self.name));
        let status = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("kill");
        assert!(status.success(), "kill -KILL {pid} failed");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::path::Path::new(&format!("/proc/{pid}")).exists() {
            // a zombie until its parent reaps it; its state is then Z
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            if stat.contains(") Z ") || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = tokio::time::timeout(Duration::from_secs(15), self.driver.clone().quit()).await;
        kill_group(&mut self.tauri_driver).await;
        (self.data_dir.clone(), self._tmp.take())
    }

    /// The element of an item of the guided job by its answer key.
    pub async fn item(&self, key: &str) -> WebElement {
        let by = By::Css(format!("[data-testid=\"item\"][data-key=\"{key}\"]"));
        match self
            .driver
            .query(by)
            .wait(WAIT, Duration::from_millis(100))
            .first()
            .await
        {
            Ok(e) => e,
            Err(e) => self.fail(&format!("no item {key}: {e}")).await,
        }
    }

    /// Clicks the control `testid` inside the item `key`.
    pub async fn click_item(&self, key: &str, testid: &str) {
        let item = self.item(key).await;
        let by = By::Css(format!("[data-testid=\"{testid}\"]"));
        let e = match item.find(by).await {
            Ok(e) => e,
            Err(e) => self.fail(&format!("no {testid} in item {key}: {e}")).await,
        };
        self.click_el(&e).await;
        self.wait_saved().await;
    }

    /// Types into the control `testid` inside the item `key`, then presses Enter.
    pub async fn enter_item(&self, key: &str, testid: &str, text: &str) {
        let item = self.item(key).await;
        let by = By::Css(format!("[data-testid=\"{testid}\"]"));
        let e = match item.find(by).await {
            Ok(e) => e,
            Err(e) => self.fail(&format!("no {testid} in item {key}: {e}")).await,
        };
        e.scroll_into_view().await.ok();
        e.send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("[{}] typing failed: {err}", self.name));
        e.send_keys(thirtyfour::Key::Enter)
            .await
            .unwrap_or_else(|err| panic!("[{}] Enter failed: {err}", self.name));
        self.interactions
            .fetch_add(text.chars().count() as u32 + 1, Ordering::Relaxed);
        self.wait_saved().await;
    }

    /// Types into the control `testid` inside the item `key` without Enter (a text that saves
    /// itself after a pause), then waits until it is saved.
    pub async fn type_item(&self, key: &str, testid: &str, text: &str) {
        let item = self.item(key).await;
        let by = By::Css(format!("[data-testid=\"{testid}\"]"));
        let e = match item.find(by).await {
            Ok(e) => e,
            Err(e) => self.fail(&format!("no {testid} in item {key}: {e}")).await,
        };
        e.scroll_into_view().await.ok();
        e.send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("[{}] typing failed: {err}", self.name));
        self.interactions
            .fetch_add(text.chars().count() as u32, Ordering::Relaxed);
        // the text saves after a pause; data-pending counts it until then
        tokio::time::sleep(Duration::from_millis(100)).await;
        self.wait_saved().await;
    }

    /// Picks a date in the item's date field (one interaction, as picking from the calendar).
    pub async fn pick_date(&self, key: &str, iso: &str) {
        let item = self.item(key).await;
        let input = match item.find(By::Css("[data-testid=\"date-input\"]")).await {
            Ok(e) => e,
            Err(e) => self.fail(&format!("no date input in {key}: {e}")).await,
        };
        self.driver
            .execute(
                "const el = arguments[0]; el.value = arguments[1];
                 el.dispatchEvent(new Event('input', { bubbles: true }));
                 el.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![
                    input.to_json().expect("element json"),
                    serde_json::json!(iso),
                ],
            )
            .await
            .unwrap_or_else(|e| panic!("[{}] setting the date failed: {e}", self.name));
        self.interactions.fetch_add(1, Ordering::Relaxed);
        self.wait_saved().await;
    }

    /// The current value of the control `testid` inside the item `key`.
    pub async fn item_value(&self, key: &str, testid: &str) -> String {
        let item = self.item(key).await;
        match item
            .find(By::Css(format!("[data-testid=\"{testid}\"]")))
            .await
        {
            Ok(e) => e.prop("value").await.ok().flatten().unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Whether the control `testid` inside the item `key` is shown as selected.
    pub async fn item_pressed(&self, key: &str, testid: &str) -> bool {
        let item = self.item(key).await;
        match item
            .find(By::Css(format!("[data-testid=\"{testid}\"]")))
            .await
        {
            Ok(e) => e.attr("aria-pressed").await.ok().flatten().as_deref() == Some("true"),
            Err(_) => false,
        }
    }

    /// Clicks a button by test id and waits for the guided job's saves.
    pub async fn tap(&self, testid: &str) {
        self.click(testid).await;
        self.wait_saved().await;
    }

    /// Waits until the guided job has no save in flight (`data-pending="0"`).
    pub async fn wait_saved(&self) {
        let deadline = Instant::now() + WAIT;
        loop {
            let pending = match self.els_now("job-screen").await.first() {
                Some(e) => e.attr("data-pending").await.ok().flatten(),
                None => Some("0".to_string()),
            };
            if pending.as_deref() == Some("0") {
                return;
            }
            if Instant::now() >= deadline {
                self.fail("saves still pending").await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Forgets the interactions counted so far (after setting up a scenario).
    pub fn reset_interactions(&self) {
        self.interactions.store(0, Ordering::Relaxed);
    }

    /// Today, or the first day after it with visits (weekends and holidays have none).
    pub async fn first_day_with_visits(&self) {
        self.el("today-screen").await;
        for _ in 0..10 {
            for _ in 0..10 {
                if !self.els_now("appointment-card").await.is_empty() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let next = self.el("date-next").await;
            next.click().await.ok();
        }
        self.fail("no day with visits within ten days").await;
    }

    /// Chooses a technician with `role` in their label whose first day with visits has a job
    /// matching the CSS selector `job`, and stays on that day. Returns the job's element.
    pub async fn technician_with_job(&self, role: &str, job: &str) -> WebElement {
        for attempt in 0..8 {
            self.el("technician-chooser").await;
            let options = self.els("technician-option").await;
            let mut matching = Vec::new();
            for o in options {
                if o.text().await.unwrap_or_default().contains(role) {
                    matching.push(o);
                }
            }
            let Some(option) = matching.get(attempt) else {
                break;
            };
            option.click().await.ok();
            self.first_day_with_visits().await;
            if let Some(found) = self
                .driver
                .find_all(By::Css(job.to_string()))
                .await
                .unwrap_or_default()
                .into_iter()
                .next()
            {
                return found;
            }
            self.el("switch-technician").await.click().await.ok();
        }
        self.fail(&format!("no {role} with a job {job}")).await
    }

    /// After a restart the technician is remembered: Today opens at once. Finds the job on
    /// the first day with visits.
    pub async fn technician_with_job_remembered(&self, job: &str) -> WebElement {
        self.first_day_with_visits().await;
        match self.driver.find(By::Css(job.to_string())).await {
            Ok(e) => e,
            Err(e) => self.fail(&format!("no job {job} after restart: {e}")).await,
        }
    }

    /// Goes to a step of the guided job through the step list.
    pub async fn click_step(&self, step: &str) {
        let tabs = self.els("step-tab").await;
        for t in tabs {
            if t.attr("data-step").await.ok().flatten().as_deref() == Some(step) {
                self.click_el(&t).await;
                self.wait_step(step).await;
                return;
            }
        }
        self.fail(&format!("no step {step} in the step list")).await;
    }

    /// Opens a job from its card on Today and starts it.
    pub async fn open_and_start(&self, job: &WebElement) {
        let open = job
            .find(By::Css("[data-testid=\"job-open\"]"))
            .await
            .expect("an open button on the job");
        self.click_el(&open).await;
        self.el("job-screen").await;
        if !self.els_now("job-start").await.is_empty() {
            self.click("job-start").await;
            // a job planned for another day asks first
            tokio::time::sleep(Duration::from_millis(200)).await;
            if !self.els_now("start-other-day").await.is_empty() {
                self.click("start-other-day-yes").await;
            }
        }
        self.wait_attr("job-screen", "data-state", "in_progress")
            .await;
    }

    /// Waits until an attribute of the first element with the test id has the value.
    pub async fn wait_attr(&self, testid: &str, name: &str, value: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(e) = self.els_now(testid).await.first() {
                if e.attr(name).await.ok().flatten().as_deref() == Some(value) {
                    return;
                }
            }
            if Instant::now() >= deadline {
                self.fail(&format!("{testid} never had {name}={value}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The step shown now (its `data-step`).
    pub async fn current_step(&self) -> String {
        self.attr("step", "data-step").await.unwrap_or_default()
    }

    /// Waits until the step shown is `step`.
    pub async fn wait_step(&self, step: &str) {
        self.wait_attr("step", "data-step", step).await;
    }

    /// The value of an attribute of the first element with this test id.
    pub async fn attr(&self, testid: &str, name: &str) -> Option<String> {
        self.el(testid).await.attr(name).await.ok().flatten()
    }
}
