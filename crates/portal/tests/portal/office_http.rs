//! The office view's rules over plain HTTP: sessions, roles, CSRF, and that its forms reach
//! the technicians' pulls.

use crate::common::*;
use crate::fixtures::*;
use crate::push::signed_in;
use reqwest::StatusCode;
use veldwerk_core::jobs::DeviceChanges;
use veldwerk_core::model::TimeWindow;
use veldwerk_portal::seed::{DEMO_TECHNICIAN_PASSWORD, OFFICE_LOGIN, OFFICE_PASSWORD};
use veldwerk_portal::storage::PortalStore;
use veldwerk_sync::protocol::*;

/// A desk signed in as the demo office.
pub async fn office(p: &Portal) -> Desk {
    let mut desk = Desk::new();
    desk.sign_in(p, OFFICE_LOGIN, OFFICE_PASSWORD).await;
    desk
}

/// An office client without redirects, holding its cookies by hand.
pub struct Desk {
    http: reqwest::Client,
    cookies: Vec<String>,
}

pub fn value_of(html: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let start = html.find(&key).map(|i| i + key.len()).unwrap();
    html[start..].split('"').next().unwrap().to_string()
}

impl Desk {
    pub fn new() -> Desk {
        Desk {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: Vec::new(),
        }
    }

    fn keep(&mut self, res: &reqwest::Response) {
        for c in res.headers().get_all("set-cookie") {
            let c = c.to_str().unwrap();
            let pair = c.split(';').next().unwrap().to_string();
            let name = pair.split('=').next().unwrap().to_string();
            self.cookies.retain(|x| !x.starts_with(&format!("{name}=")));
            self.cookies.push(pair);
        }
    }

    pub async fn get(&mut self, p: &Portal, path: &str) -> reqwest::Response {
        let res = self
            .http
            .get(p.url(path))
            .header("cookie", self.cookies.join("; "))
            .send()
            .await
            .unwrap();
        self.keep(&res);
        res
    }

    pub async fn head(&mut self, p: &Portal, path: &str) -> reqwest::Response {
        self.http
            .head(p.url(path))
            .header("cookie", self.cookies.join("; "))
            .send()
            .await
            .unwrap()
    }

    /// A page's text, which must be there (200).
    pub async fn page(&mut self, p: &Portal, path: &str) -> String {
        let res = self.get(p, path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        res.text().await.unwrap()
    }

    pub async fn post(
        &mut self,
        p: &Portal,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let res = self
            .http
            .post(p.url(path))
            .header("cookie", self.cookies.join("; "))
            .form(form)
            .send()
            .await
            .unwrap();
        self.keep(&res);
        res
    }

    pub async fn sign_in(&mut self, p: &Portal, login: &str, password: &str) -> reqwest::Response {
        self.sign_in_at(p, "/kantoor/inloggen", login, password)
            .await
    }

    /// Signs in through the login page at `page` (the office's or a municipality's).
    pub async fn sign_in_at(
        &mut self,
        p: &Portal,
        page: &str,
        login: &str,
        password: &str,
    ) -> reqwest::Response {
        let form = self.get(p, page).await.text().await.unwrap();
        let csrf = value_of(&form, "csrf");
        self.post(
            p,
            page,
            &[("csrf", &csrf), ("login", login), ("password", password)],
        )
        .await
    }

    /// The session's CSRF token, from any page with a form.
    pub async fn csrf(&mut self, p: &Portal) -> String {
        let html = self.get(p, "/kantoor/monteurs").await.text().await.unwrap();
        value_of(&html, "csrf")
    }
}

#[tokio::test]
async fn pages_need_an_office_session_and_forms_their_token() {
    let p = start().await;
    let mut desk = Desk::new();
    let res = desk.get(&p, "/kantoor/afwijkingen").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/kantoor/inloggen");
    // a technician is not the office
    let t = &p.technicians()[0];
    let res = desk.sign_in(&p, &t.name, DEMO_TECHNICIAN_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // a login form without its token is refused
    let res = desk
        .post(
            &p,
            "/kantoor/inloggen",
            &[
                ("csrf", "x"),
                ("login", OFFICE_LOGIN),
                ("password", OFFICE_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = desk.sign_in(&p, OFFICE_LOGIN, OFFICE_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.starts_with("veldwerk_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let overview = desk.get(&p, "/kantoor").await;
    assert_eq!(overview.status(), StatusCode::OK);
    // first time right (KPI 6.4), measured: the last quarter and this one so far
    let html = overview.text().await.unwrap();
    let table = &html[html.find("id=\"eerste-keer-goed\"").expect("the KPI table")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr>").count(), 3, "{table}");
    assert!(html.contains("binnen 30 dagen"), "the contract's period");
    // complaints per transaction (KPI 5.3), the same two quarters
    let table = &html[html
        .find("id=\"klachtpercentage\"")
        .expect("the complaint rate")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr>").count(), 3, "{table}");

    // revoking a technician's token: refused without the session's token, done with it
    let token = p.login(t).await;
    let id = p.store.installations().unwrap()[0].id;
    let path = format!("/kantoor/tokens/{id}/intrekken");
    let before = p.store.content_digest().unwrap();
    let res = desk.post(&p, &path, &[("csrf", "geraden")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(p.store.content_digest().unwrap(), before);
    p.pull(&token, 0, 1).await;
    let csrf = desk.csrf(&p).await;
    let res = desk.post(&p, &path, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = p
        .http
        .get(p.url("/api/v1/pull"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let page = desk.page(&p, "/kantoor/monteurs").await;
    assert!(page.contains("Ingetrokken"));
    // signing out ends the session
    let res = desk
        .post(&p, "/kantoor/uitloggen", &[("csrf", &csrf)])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        desk.get(&p, "/kantoor").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_office_forms_reach_the_technicians_pulls() {
    let p = start().await;
    let techs = p.technicians();
    let (t, token, view, cursor) = signed_in(&p, 0).await;
    let mut desk = office(&p).await;
    let csrf = desk.csrf(&p).await;

    // reschedule a visit by the form: the technician gets the appointment again
    let visit: AppointmentWithJobs = view.of(EntityKind::Appointment).remove(0);
    let path = format!("/kantoor/afspraken/{}/verzetten", visit.appointment.id);
    let res = desk
        .post(
            &p,
            &path,
            &[
                ("csrf", &csrf),
                ("day", "2026-03-06"),
                ("start", "13:00"),
                ("end", "14:30"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let bad = desk
        .post(
            &p,
            &path,
            &[
                ("csrf", &csrf),
                ("day", "2026-03-06"),
                ("start", "13:00"),
                ("end", "16:00"),
            ],
        )
        .await;
    assert_eq!(
        bad.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a window over 2 hours"
    );
    // unassign a resident by the form
    let gone = only_of(&p.store.assignments().unwrap(), t.id, techs[1].id)[0];
    let res = desk
        .post(
            &p,
            &format!("/kantoor/inwoners/{gone}/toewijzing"),
            &[
                ("csrf", &csrf),
                ("technician", &t.id.to_string()),
                ("assign", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let (changes, _) = p.pull_all(&token, cursor, 100).await;
    let moved = changes
        .iter()
        .find(|c| c.id == visit.appointment.id.0)
        .unwrap();
    let Some(EntityData::Appointment(a)) = moved.decode().unwrap() else {
        panic!()
    };
    let expected = chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(2026, 3, 6, 13, 0, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    assert_eq!(
        a.appointment.window,
        TimeWindow::new(expected, expected + chrono::Duration::minutes(90)).unwrap()
    );
    assert!(changes
        .iter()
        .any(|c| c.entity == EntityKind::AssignmentRemoved && c.id == gone.0));

    // a conflict resolved by the form
    let d = view
        .resident_devices()
        .into_iter()
        .find(|d| d.resident_id != Some(gone))
        .unwrap();
    let v = view.version(EntityKind::Device, d.id.0).unwrap();
    let stale = device_update(
        d.id,
        Some(v - 1),
        DeviceChanges {
            catalogue_value_cents: Some(99_00),
            ..Default::default()
        },
    );
    assert_eq!(
        outcome(&p.push(&token, &[stale]).await.results[0]),
        "accepted_conflict"
    );
    let page = desk.page(&p, "/kantoor/conflicten").await;
    assert!(page.contains("catalogue_value_cents"));
    let id = p.store.conflicts().unwrap()[0].id;
    let res = desk
        .post(
            &p,
            &format!("/kantoor/conflicten/{id}/besluit"),
            &[("csrf", &csrf), ("keuze", "portaal")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        p.store.conflicts().unwrap()[0].resolution.as_deref(),
        Some("keep_portal")
    );
    let audit = p.store.audit_log(50).unwrap();
    for action in ["rescheduled", "unassigned", "conflict_resolved", "login"] {
        assert!(audit.iter().any(|e| e.action == action), "{action}");
    }
    // every page renders
    for page in [
        "/kantoor",
        "/kantoor/inwoners?q=a",
        "/kantoor/reparaties",
        "/kantoor/signalen",
        "/kantoor/werkbonnen",
        "/kantoor/logboek",
    ] {
        assert_eq!(desk.get(&p, page).await.status(), StatusCode::OK, "{page}");
    }
}

use chrono::TimeZone;

/// A complaint on the office's list with its process in words and the day it must be handled
/// by (PvE 5.1.5: 10 working days after the day received; core's rule), and the complaint
/// counted on the overview (KPI 5.3).
#[tokio::test]
async fn a_complaint_shows_its_process_and_the_day_it_is_due() {
    let p = start().await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let resident = view.residents()[0].id;
    let res = p
        .push(
            &token,
            &[complaint(resident, morning(), "Niemand belde terug")],
        )
        .await;
    assert_eq!(outcome(&res.results[0]), "accepted");
    let mut desk = office(&p).await;
    let html = desk.page(&p, "/kantoor/signalen").await;
    let row = html
        .split("<tr>")
        .find(|r| r.contains("Niemand belde terug"))
        .expect("the complaint's row");
    assert!(row.contains("Communicatie"), "{row}");
    assert!(!row.contains("communication"), "a code: {row}");
    // received Wednesday 4 March 2026; ten working days later is Wednesday 18 March
    let due = veldwerk_core::sla::complaint_due(
        &veldwerk_core::WorkingDayCalendar::dutch_legal(),
        morning(),
    );
    let last = veldwerk_core::sla::local_date(due).pred_opt().unwrap();
    assert_eq!(last.to_string(), "2026-03-18");
    assert!(row.contains("18 mrt 2026"), "{row}");
    assert!(row.contains("mondeling"), "{row}");

    // a letter received the Friday before counts from that day: due Friday 13 March
    let friday = chrono::NaiveDate::from_ymd_opt(2026, 2, 27).unwrap();
    let res = p
        .push(
            &token,
            &[complaint_received(
                resident,
                morning(),
                "Brief over de levering",
                Some(friday),
            )],
        )
        .await;
    assert_eq!(outcome(&res.results[0]), "accepted");
    let html = desk.page(&p, "/kantoor/signalen").await;
    let row = html
        .split("<tr>")
        .find(|r| r.contains("Brief over de levering"))
        .expect("the letter's row");
    assert!(row.contains("schriftelijk, vr 27 feb 2026"), "{row}");
    assert!(row.contains("13 mrt 2026"), "{row}");
}

/// A case manager's plan pushed by the app shows in the office view (what the municipality
/// may see of complex custom work): its content, the resident's consent, and the day the next
/// update is due by (every two weeks, core's rule), marked once it has passed.
#[tokio::test]
async fn a_work_plan_shows_its_consent_and_the_next_update_due() {
    let p = start().await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let resident = view.residents()[0].id;
    let (plan, plan_rec) = work_plan(resident, "Zitschaal op maat met verstelbare rugleuning");
    let consent = plan_consent(
        &plan,
        "Inwoner stemt in, mondeling, in bijzijn van de dochter",
    );
    let res = p.push(&token, &[plan_rec, consent]).await;
    assert_eq!(outcome(&res.results[0]), "accepted");
    assert_eq!(outcome(&res.results[1]), "accepted");
    let mut desk = office(&p).await;
    let html = desk.page(&p, "/kantoor/maatwerk").await;
    let section = html
        .split("<section")
        .find(|s| s.contains("Zitschaal op maat"))
        .expect("the plan's section");
    assert!(section.contains("gegeven op wo 4 mrt 2026"), "{section}");
    // the consent counts as the first update: the next is due two weeks later
    assert!(section.contains("wo 18 mrt 2026"), "{section}");
    assert!(section.contains("data-overdue=\"false\""), "{section}");
    assert!(section.contains("in bijzijn van de dochter"), "{section}");
    // three weeks later without an update: overdue
    p.clock.set(morning() + chrono::Duration::days(21));
    let mut desk = office(&p).await;
    let html = desk.page(&p, "/kantoor/maatwerk").await;
    let section = html
        .split("<section")
        .find(|s| s.contains("Zitschaal op maat"))
        .expect("the plan's section");
    assert!(section.contains("data-overdue=\"true\""), "{section}");
    assert!(section.contains("te laat"), "{section}");
}

/// The complaint rate (KPI 5.3) counts a complaint in the quarter it was received, also when
/// the letter was recorded in the next quarter.
#[tokio::test]
async fn a_complaint_counts_in_the_quarter_it_was_received() {
    let p = start().await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let resident = view.residents()[0].id;
    let april =
        chrono::TimeZone::with_ymd_and_hms(&chrono_tz::Europe::Amsterdam, 2026, 4, 2, 10, 0, 0)
            .unwrap()
            .with_timezone(&chrono::Utc);
    p.clock.set(april);
    let received = chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap();
    let res = p
        .push(
            &token,
            &[complaint_received(
                resident,
                april,
                "Brief over de reparatie",
                Some(received),
            )],
        )
        .await;
    assert_eq!(outcome(&res.results[0]), "accepted");
    let mut desk = office(&p).await;
    let html = desk.page(&p, "/kantoor").await;
    let rows: Vec<&str> = html
        .split("id=\"klachtpercentage\"")
        .nth(1)
        .unwrap()
        .split("<tr>")
        .skip(2)
        .collect();
    // the last quarter (January to March) holds it, this one (from 1 April) does not
    assert!(rows[0].starts_with("<td>do 1 jan 2026"), "{}", rows[0]);
    assert!(rows[0].contains("</td><td>1</td>"), "{}", rows[0]);
    assert!(rows[1].starts_with("<td>wo 1 apr 2026"), "{}", rows[1]);
    assert!(rows[1].contains("</td><td>0</td>"), "{}", rows[1]);
}
