//! What several end-to-end tests do on a visit: find a kind of job, read the day shown, walk
//! the electric-wheelchair maintenance, write dates as the passport does.

use crate::App;
use thirtyfour::prelude::*;

/// A preventive maintenance of an electric wheelchair (category 7) on Today.
pub const EWHEELCHAIR_PM: &str =
    "[data-testid=\"job\"][data-job-kind=\"preventive_maintenance\"][data-category=\"7\"]";
/// A hoist inspection on Today.
pub const HOIST_INSPECTION: &str = "[data-testid=\"job\"][data-job-kind=\"hoist_inspection\"]";
/// A class B repair on Today.
pub const CLASS_B_REPAIR: &str =
    "[data-testid=\"job\"][data-job-kind=\"repair\"][data-repair-class=\"B\"]";
/// A fitting for a category 3 device on Today.
pub const CATEGORY_3_FITTING: &str =
    "[data-testid=\"job\"][data-job-kind=\"fitting\"][data-category=\"3\"]";

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// An ISO date as the passport writes it in Dutch ("25 november 2026"), `years` later.
pub fn date_nl(iso: &str, years: i32) -> String {
    let parts: Vec<i32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    assert_eq!(parts.len(), 3, "date {iso:?}");
    let (y, m, d) = (parts[0] + years, parts[1], parts[2]);
    let d = if m == 2 && d == 29 && years != 0 {
        28
    } else {
        d
    };
    format!("{d} {} {y}", MONTHS_NL[(m - 1) as usize])
}

/// The same day one year later, as the passport writes it in Dutch ("25 november 2027").
pub fn next_year_nl(iso: &str) -> String {
    date_nl(iso, 1)
}

impl App {
    /// The ISO date of the day Today shows (the date field keeps it in `data-value`).
    pub async fn today_iso(&self) -> String {
        self.attr("today-date", "data-value")
            .await
            .unwrap_or_default()
    }

    /// Goes to a route of the app (`#/search?q=...`, `#/today/2026-11-26`, or a link's whole
    /// address such as `tauri://localhost#/job/...`).
    pub async fn go(&self, route: &str) {
        let hash = route.find('#').map_or(route, |i| &route[i..]);
        let script = format!("window.location.hash = {};", serde_json::json!(hash));
        if let Err(e) = self.driver.execute(script, vec![]).await {
            self.fail(&format!("going to {hash} failed: {e}")).await;
        }
    }

    /// The electric-wheelchair maintenance up to (not including) the sign-off, answering
    /// every item; the top speed as typed (`max_speed`, e.g. "12,5").
    pub async fn maintenance_checks(&self, max_speed: &str) {
        self.wait_step("drive").await;
        self.enter_item("drive.max_speed", "measurement-input", max_speed)
            .await;
        self.tap("step-all-ok").await; // every check of the step: ok, and on to the next
        self.wait_step("chassis").await;
        self.click_item("chassis.tyre_kind", "choice-solid").await;
        self.enter_item("chassis.tread_depth", "measurement-input", "4")
            .await;
        self.tap("step-all-ok").await;
        self.wait_step("electrics").await;
        self.tap("step-all-ok").await;
        self.wait_step("battery").await;
        self.click_item("battery.type", "choice-lithium").await;
        // the rated capacity as the passport has it: one tap
        self.click_item("battery.rated_ah", "use-suggestion").await;
        self.enter_item("battery.open_circuit_voltage", "measurement-input", "26")
            .await;
        self.enter_item("battery.load_voltage", "measurement-input", "25")
            .await;
        self.enter_item("battery.capacity", "measurement-input", "92")
            .await;
        self.click_item("battery.capacity_method", "choice-battery_tester")
            .await;
        self.tap("step-next").await;
        self.wait_step("usage").await;
        self.click_item("usage.functional_check", "choice-adequate")
            .await;
        self.click_item("usage.instruction_given", "answer-no")
            .await;
        self.tap("step-next").await;
        self.wait_step("work").await;
        self.click_item("work.parts", "parts-none").await;
        self.enter_item("work.labour_minutes", "measurement-input", "45")
            .await;
        self.click_item("work.meter_kind", "choice-km").await;
        self.enter_item("work.odometer", "measurement-input", "1234")
            .await;
        self.tap("step-next").await;
        self.wait_step("signoff").await;
    }
}

/// A category 3 fitting, started, walked to the conclusion that an electric wheelchair
/// (category 7) is needed, and completed: a category-deviation request. The suggested seat
/// width (hip width + 25 mm) is checked on the way.
pub async fn fitting_with_deviation(app: &App) {
    app.wait_step("explanation").await;
    app.click_item("explanation.given", "answer-yes").await;
    app.tap("step-next").await;
    app.wait_step("body").await;
    app.enter_item("body.weight", "measurement-input", "82")
        .await;
    for (key, value) in [
        ("hip_width", "410"),
        ("thigh_depth", "470"),
        ("lower_leg", "440"),
        ("elbow_height", "230"),
        ("sitting_height", "860"),
    ] {
        app.enter_item(&format!("body.{key}"), "measurement-input", value)
            .await;
    }
    app.click_item("body.asymmetry", "answer-no").await;
    app.tap("step-next").await;
    app.wait_step("seat").await;
    // the suggested settings (hip width + 25 mm etc.), each accepted with one tap
    for key in ["width", "depth", "height", "armrest_height"] {
        app.click_item(&format!("seat.{key}"), "use-suggestion")
            .await;
    }
    assert_eq!(
        app.item_value("seat.width", "measurement-input").await,
        "435"
    );
    app.tap("step-next").await;
    app.wait_step("options").await;
    app.tap("step-next").await;
    app.wait_step("lesson").await;
    app.click_item("lesson.result", "choice-insufficient").await;
    app.tap("step-next").await;
    app.wait_step("trial").await;
    app.type_item(
        "trial.devices_tried",
        "text-input",
        "Küschall K-Series; Permobil M3 Corpus",
    )
    .await;
    app.click_item("trial.placement", "answer-no").await;
    app.tap("step-next").await;
    app.wait_step("storage").await;
    app.click_item("storage.location", "choice-indoor").await;
    app.tap("step-next").await;
    app.wait_step("findings").await;
    app.type_item(
        "findings.chosen_device",
        "text-input",
        "Elektrische rolstoel Permobil M3 Corpus",
    )
    .await;
    app.type_item(
        "findings.motivation",
        "text-input",
        "Kan niet meer zelf voortbewegen; handbewogen rolstoel volstaat niet",
    )
    .await;
    app.tap("step-next").await;
    app.wait_step("conclusion").await;
    // another category than ordered (3): an electric wheelchair (7)
    let select = app
        .item("conclusion.category")
        .await
        .find(By::Css("[data-testid=\"category-select\"]"))
        .await
        .expect("category select");
    select.scroll_into_view().await.ok();
    app.driver
        .execute(
            "const el = arguments[0]; el.value = '7'; el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![select.to_json().expect("json")],
        )
        .await
        .expect("choose category 7");
    app.wait_saved().await;
    app.type_item(
        "conclusion.deviation_motivation",
        "text-input",
        "Armkracht te beperkt voor een handbewogen rolstoel",
    )
    .await;
    app.click_item("conclusion.first_time_right", "answer-no")
        .await;
    app.click("job-complete").await;
    app.el("job-completed").await;
}
