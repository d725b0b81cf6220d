//! What a municipality may see, over plain HTTP: its own login, read-only pages about its own
//! residents only (custom work plans, complaints, signals, messages, the contract's figures),
//! every page it opens audited, and logins added from the command line's code path.

use crate::common::*;
use crate::fixtures::*;
use crate::messages::{message, push_accepted};
use crate::office_http::{office, value_of, Desk};
use crate::push::signed_in;
use reqwest::StatusCode;
use veldwerk_core::messages::{Channel, MessageReason, Recipient};
use veldwerk_core::model::{Municipality, Resident};
use veldwerk_portal::accounts::{self, Account};
use veldwerk_portal::seed::{
    demo_municipality_email, municipality_login, DEMO_TECHNICIAN_PASSWORD, MUNICIPALITY_PASSWORD,
    OFFICE_LOGIN, OFFICE_PASSWORD,
};
use veldwerk_portal::storage::{EntityFilter, PortalStore};
use veldwerk_sync::protocol::*;

const LOGIN_PAGE: &str = "/gemeente/inloggen";

fn municipalities(p: &Portal) -> Vec<Municipality> {
    p.store
        .entities(EntityKind::Municipality, EntityFilter::All)
        .unwrap()
        .iter()
        .map(|e| e.decode().unwrap())
        .collect()
}

fn code_of(p: &Portal, r: &Resident) -> String {
    municipalities(p)
        .into_iter()
        .find(|m| m.id == r.municipality_id)
        .unwrap()
        .code
}

/// Two technicians' residents in different municipalities, with each technician's token.
async fn two_municipalities(p: &Portal) -> ((String, Resident), (String, Resident)) {
    let mut seen: Vec<(String, Resident)> = Vec::new();
    for i in 0..p.technicians().len() {
        let (_, token, view, _) = signed_in(p, i).await;
        for r in view.residents() {
            if let Some((t, first)) = seen
                .iter()
                .find(|(_, f)| f.municipality_id != r.municipality_id)
            {
                return ((t.clone(), first.clone()), (token, r));
            }
            if seen.is_empty() {
                seen.push((token.clone(), r));
            }
        }
    }
    panic!("the seeded residents all live in one municipality");
}

async fn municipality_desk(p: &Portal, r: &Resident) -> Desk {
    let mut desk = Desk::new();
    let res = desk
        .sign_in_at(
            p,
            LOGIN_PAGE,
            &municipality_login(&code_of(p, r)),
            MUNICIPALITY_PASSWORD,
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/gemeente");
    desk
}

#[tokio::test]
async fn a_municipality_sees_its_own_residents_plans_complaints_signals_and_messages_only() {
    let p = start().await;
    let ((token_a, a), (token_b, b)) = two_municipalities(&p).await;
    let (plan_a, plan_a_rec) = work_plan(a.id, "Aangepaste driewielfiets met hulpmotor");
    let (_, plan_b_rec) = work_plan(b.id, "Zitorthese op maat voor de rolstoel");
    let (_, signal_a) = signal(a.id, morning(), "Trapleuning los bij de voordeur");
    let (_, to_municipality) = message(
        &a,
        a.municipality_id,
        MessageReason::DeadlineMissed,
        Recipient::Municipality,
        Channel::Email,
        Some("wmo@gemeente.example"),
        morning(),
    );
    push_accepted(
        &p,
        &token_a,
        &[
            plan_a_rec,
            plan_consent(&plan_a, "De inwoner stemt in met het plan"),
            signal_a,
            complaint(a.id, morning(), "Monteur kwam zonder bericht te laat"),
            to_municipality,
        ],
    )
    .await;
    let (_, signal_b) = signal(b.id, morning(), "Scootmobiel buiten in de regen gestald");
    let (_, to_b) = message(
        &b,
        b.municipality_id,
        MessageReason::AppointmentMoved,
        Recipient::Resident,
        Channel::Email,
        Some("inwoner-b@example.nl"),
        morning(),
    );
    push_accepted(
        &p,
        &token_b,
        &[
            plan_b_rec,
            complaint(b.id, morning(), "Levering twee keer verzet"),
            signal_b,
            to_b,
        ],
    )
    .await;
    // without a mail server, e-mail waits for the office to send it by hand
    p.state.send_messages().await.unwrap();

    let mut desk = municipality_desk(&p, &a).await;
    let plans = desk.page(&p, "/gemeente/maatwerk").await;
    assert!(plans.contains("Aangepaste driewielfiets"), "{plans}");
    assert!(
        !plans.contains("Zitorthese op maat"),
        "another municipality's plan"
    );
    // the consent counts as the first update: the next is due two weeks later
    let section = plans
        .split("<section")
        .find(|s| s.contains("Aangepaste driewielfiets"))
        .unwrap();
    assert!(section.contains("wo 18 mrt 2026"), "{section}");
    assert!(section.contains("data-overdue=\"false\""), "{section}");
    // read only, and no way into the office's pages about the resident
    assert!(!plans.contains("/kantoor/inwoners/"), "{plans}");

    let complaints = desk.page(&p, "/gemeente/klachten").await;
    assert!(
        complaints.contains("zonder bericht te laat"),
        "{complaints}"
    );
    assert!(
        !complaints.contains("twee keer verzet"),
        "another municipality's complaint"
    );
    assert!(complaints.contains("Trapleuning los"), "{complaints}");
    assert!(
        !complaints.contains("<textarea"),
        "the office's forms are not shown"
    );
    assert!(!complaints.contains("/kantoor/klachten/"), "{complaints}");
    // the due day: 10 working days after Wednesday 4 March
    assert!(complaints.contains("wo 18 mrt 2026"), "{complaints}");

    assert!(
        !complaints.contains("in de regen gestald"),
        "another municipality's signal"
    );

    let messages = desk.page(&p, "/gemeente/berichten").await;
    assert_eq!(
        messages.matches("<tr id=\"bericht-").count(),
        1,
        "{messages}"
    );
    assert!(messages.contains("Termijn niet gehaald"), "{messages}");
    assert!(
        !messages.contains("Afspraak verzet"),
        "another municipality's message"
    );
    assert!(
        !messages.contains(&demo_municipality_email(&code_of(&p, &a))),
        "addresses stay with the office"
    );
    // the office sends it by hand: said in words, the office's button is not here
    assert!(
        messages.contains("Het kantoor verstuurt het met de hand"),
        "{messages}"
    );
    assert!(!messages.contains("/verstuurd"), "{messages}");
    let mut office = office(&p).await;
    let all = office.page(&p, "/kantoor/berichten").await;
    assert_eq!(all.matches("<tr id=\"bericht-").count(), 2, "{all}");
    assert!(
        all.contains("/verstuurd")
            && all.contains(&demo_municipality_email(&code_of(&p, &a)))
            && all.contains("inwoner-b@example.nl"),
        "{all}"
    );

    let overview = desk.page(&p, "/gemeente").await;
    let name = municipalities(&p)
        .into_iter()
        .find(|m| m.id == a.municipality_id)
        .unwrap()
        .name;
    assert!(overview.contains(&format!("Gemeente {name}")), "{overview}");
    let residents_of_a = p
        .store
        .entities(EntityKind::Resident, EntityFilter::All)
        .unwrap()
        .iter()
        .map(|e| e.decode::<Resident>().unwrap())
        .filter(|r| r.municipality_id == a.municipality_id)
        .count();
    let row = overview
        .split("<tr>")
        .find(|r| r.contains("Inwoners"))
        .unwrap();
    assert!(row.contains(&format!("<td>{residents_of_a}</td>")), "{row}");
    let row = overview
        .split("<tr>")
        .find(|r| r.contains("Open klachten"))
        .unwrap();
    assert!(row.contains("<td>1</td>"), "{row}");
    // the complaint rate counts this municipality's complaint only (the office's counts both)
    let quarter = |html: &str| {
        html.split("id=\"klachtpercentage\"")
            .nth(1)
            .unwrap()
            .split("<tr>")
            .nth(3)
            .unwrap()
            .to_string()
    };
    let this_quarter = quarter(&overview);
    assert!(
        this_quarter.starts_with("<td>do 1 jan 2026"),
        "{this_quarter}"
    );
    assert!(this_quarter.contains("</td><td>1</td>"), "{this_quarter}");
    let dashboard = office.page(&p, "/kantoor").await;
    assert!(
        quarter(&dashboard).contains("</td><td>2</td>"),
        "{dashboard}"
    );

    // three weeks on without an update, the plan's update is overdue, here and on the overview
    p.clock.set(morning() + chrono::Duration::days(21));
    let mut desk = municipality_desk(&p, &a).await;
    let plans = desk.page(&p, "/gemeente/maatwerk").await;
    assert!(plans.contains("data-overdue=\"true\""), "{plans}");
    let overview = desk.page(&p, "/gemeente").await;
    let row = overview
        .split("<tr>")
        .find(|r| r.contains("Maatwerkplannen"))
        .unwrap();
    assert!(row.contains("<strong>1</strong>"), "{row}");

    // the other municipality sees its own plan and not this one
    let mut other = municipality_desk(&p, &b).await;
    let plans = other.page(&p, "/gemeente/maatwerk").await;
    assert!(plans.contains("Zitorthese op maat"), "{plans}");
    assert!(!plans.contains("Aangepaste driewielfiets"), "{plans}");

    // a HEAD request reads the page too
    assert_eq!(
        other.head(&p, "/gemeente/berichten").await.status(),
        StatusCode::OK
    );

    // every page a municipality opened is in the audit log, with the user
    let views: Vec<_> = p
        .store
        .audit_log(200)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "municipality_view")
        .collect();
    assert!(views
        .iter()
        .any(|e| e.subject == "/gemeente/klachten"
            && e.detail == municipality_login(&code_of(&p, &a))));
    assert!(views
        .iter()
        .any(|e| e.subject == "/gemeente/maatwerk"
            && e.detail == municipality_login(&code_of(&p, &b))));
    assert!(views
        .iter()
        .any(|e| e.subject == "/gemeente/berichten"
            && e.detail == municipality_login(&code_of(&p, &b))));
    // the office reads the page views apart from what was done (signed in again: the clock
    // moved three weeks)
    office = crate::office_http::office(&p).await;
    let log = office.page(&p, "/kantoor/logboek").await;
    let (actions, viewed) = log.split_once("id=\"inzage\"").unwrap();
    // (minijinja escapes the slashes)
    assert!(viewed.contains("&#x2f;gemeente&#x2f;klachten"), "{viewed}");
    assert!(
        !actions.contains("&#x2f;gemeente&#x2f;klachten"),
        "{actions}"
    );
    assert!(actions.contains("login"), "{actions}");
}

#[tokio::test]
async fn each_area_signs_in_its_own_role_only() {
    let p = start().await;
    let (_, _, view, _) = signed_in(&p, 0).await;
    let r = view.residents()[0].clone();
    let login = municipality_login(&code_of(&p, &r));

    // a municipality login does not open the office, nor an office login the municipality's
    let mut desk = Desk::new();
    let res = desk.sign_in(&p, &login, MUNICIPALITY_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = desk
        .sign_in_at(&p, LOGIN_PAGE, OFFICE_LOGIN, OFFICE_PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let tech = p.technicians()[0].name.clone();
    let res = desk
        .sign_in_at(&p, LOGIN_PAGE, &tech, DEMO_TECHNICIAN_PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = desk
        .sign_in_at(&p, LOGIN_PAGE, &login, "fout wachtwoord")
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.text().await.unwrap().contains("Onjuiste"));

    // without a session, to the municipality's login
    let res = Desk::new().get(&p, "/gemeente/maatwerk").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], LOGIN_PAGE);

    // a municipality session does not open the office's pages
    let mut m = municipality_desk(&p, &r).await;
    for page in [
        "/kantoor",
        "/kantoor/inwoners",
        "/kantoor/maatwerk",
        "/kantoor/logboek",
    ] {
        let res = m.get(&p, page).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{page}");
        assert_eq!(res.headers()["location"], "/kantoor/inloggen", "{page}");
    }
    // nor an office session the municipality's
    let mut office = office(&p).await;
    let res = office.get(&p, "/gemeente").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], LOGIN_PAGE);
    // and a municipality gets no sync token
    let res = p
        .http
        .post(p.url("/api/v1/login"))
        .json(&LoginRequest {
            name: login.clone(),
            password: MUNICIPALITY_PASSWORD.into(),
            installation_id: uuid::Uuid::now_v7(),
            installation_label: "Gemeentelaptop".into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // the language switch comes back to the municipality's page
    let res = m
        .get(&p, "/kantoor/taal?lang=en&terug=/gemeente/klachten")
        .await;
    assert_eq!(res.headers()["location"], "/gemeente/klachten");
    let page = m.page(&p, "/gemeente/klachten").await;
    assert!(
        page.contains("Your residents") && page.contains("lang=\"en\""),
        "{page}"
    );

    // signing out needs the session's token, and ends the session
    let html = m.page(&p, "/gemeente").await;
    let csrf = value_of(&html, "csrf");
    let res = m.post(&p, "/gemeente/uitloggen", &[("csrf", "fout")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = m.post(&p, "/gemeente/uitloggen", &[("csrf", &csrf)]).await;
    assert_eq!(res.headers()["location"], LOGIN_PAGE);
    let res = m.get(&p, "/gemeente").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_municipality_login_is_added_for_one_known_municipality() {
    let p = start().await;
    let all = municipalities(&p);
    let m = &all[0];
    let account = |login: &str, role: &str, municipality: Option<&str>, password: &str| Account {
        login: login.into(),
        display_name: "Wmo-consulent".into(),
        role: role.into(),
        municipality: municipality.map(str::to_string),
        password: password.into(),
    };
    let store: &dyn PortalStore = p.store.as_ref();
    let strong = "een lang genoeg wachtwoord";
    // refusals, each in words, and nothing added
    let long_name = "n".repeat(81);
    let cases: [(Account, &str); 9] = [
        (
            account("wmo", "municipality", Some("nergens"), strong),
            "no municipality \"nergens\"; known: ",
        ),
        (
            account("wmo", "municipality", None, strong),
            "needs --municipality",
        ),
        (
            account("wmo", "municipality", Some(&m.code), "kort"),
            "at least 12 characters",
        ),
        (
            account("wmo", "office", Some(&m.code), strong),
            "office login has no municipality",
        ),
        (
            account("wmo", "technician", None, strong),
            "office or municipality",
        ),
        (account("w mo", "office", None, strong), "without spaces"),
        (account(OFFICE_LOGIN, "office", None, strong), "taken"),
        (
            Account {
                display_name: " ".into(),
                ..account("wmo", "office", None, strong)
            },
            "a name to show",
        ),
        (
            Account {
                display_name: long_name,
                ..account("wmo", "office", None, strong)
            },
            "a name to show",
        ),
    ];
    for (a, why) in &cases {
        let e = accounts::add(store, a, "test", morning()).unwrap_err();
        assert!(e.contains(why), "{e} (expected {why})");
    }
    assert!(store.user_by_login("wmo").unwrap().is_none());
    // the table's own rule: a municipality user has a municipality, no other role has one
    let db = rusqlite::Connection::open(p.dir.path().join("portal.db")).unwrap();
    for (role, municipality) in [("office", Some(m.id.to_string())), ("municipality", None)] {
        let inserted = db.execute(
            "INSERT INTO users (login, display_name, password_hash, role, municipality_id)
             VALUES ('los', 'Los', 'x', ?1, ?2)",
            rusqlite::params![role, municipality],
        );
        assert!(inserted.is_err(), "{role} with {municipality:?}");
    }
    let known = accounts::add(store, &cases[0].0, "test", morning()).unwrap_err();
    assert!(known.contains(&m.code), "{known}");

    // added, with the code in any case; it signs in and sees that municipality
    accounts::add(
        store,
        &account(
            "WMO-Consulent",
            "municipality",
            Some(&m.code.to_uppercase()),
            strong,
        ),
        "test",
        morning(),
    )
    .unwrap();
    let mut desk = Desk::new();
    let res = desk
        .sign_in_at(&p, LOGIN_PAGE, "wmo-consulent", strong)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let overview = desk.page(&p, "/gemeente").await;
    assert!(
        overview.contains(&format!("Gemeente {}", m.name)),
        "{overview}"
    );
    assert!(p
        .store
        .audit_log(50)
        .unwrap()
        .iter()
        .any(|e| e.action == "user_added" && e.subject == "wmo-consulent"));
}

/// In a real Chromium: the municipality signs in with the keyboard, goes to its custom work
/// through the menu and reads the plan with its consent and next update, also in English.
#[tokio::test(flavor = "multi_thread")]
async fn a_municipality_reads_a_plan_in_a_real_browser() {
    use crate::office_browser::{browser, chromedriver, el};
    use thirtyfour::prelude::*;
    let p = start().await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = view.residents()[0].clone();
    let (plan_r, rec) = work_plan(r.id, "Sta-opstoel met aangepaste zithoogte");
    push_accepted(
        &p,
        &token,
        &[
            rec,
            plan_consent(&plan_r, "De inwoner stemt in met het plan"),
        ],
    )
    .await;
    let login = municipality_login(&code_of(&p, &r));

    let (mut driver_process, port) = chromedriver().await;
    let profile = tempfile::tempdir().unwrap();
    let d = browser(port, profile.path()).await;
    let result = async {
        // a page that needs a session leads to the municipality's login
        d.goto(p.url("/gemeente/maatwerk")).await?;
        let h1 = el(&d, By::Css("h1")).await.text().await?;
        assert!(h1.contains("Inloggen voor de gemeente"), "{h1}");
        el(&d, By::Id("login")).await.send_keys(&login).await?;
        el(&d, By::Id("password"))
            .await
            .send_keys(MUNICIPALITY_PASSWORD + Key::Enter)
            .await?;
        el(&d, By::Id("stand")).await;
        assert!(d.current_url().await?.path().ends_with("/gemeente"));
        // the menu is the municipality's, not the office's
        let nav = el(&d, By::Css("nav")).await.text().await?;
        assert!(
            nav.contains("Maatwerk") && !nav.contains("Monteurs"),
            "{nav}"
        );
        el(&d, By::LinkText("Maatwerk")).await.click().await?;
        let card = el(&d, By::Id(format!("plan-{}", plan_r.id)))
            .await
            .text()
            .await?;
        assert!(
            card.contains("Sta-opstoel met aangepaste zithoogte"),
            "{card}"
        );
        assert!(card.contains("gegeven op wo 4 mrt 2026"), "{card}");
        assert!(card.contains("wo 18 mrt 2026"), "{card}");
        el(&d, By::LinkText("English")).await.click().await?;
        let card = el(&d, By::Id(format!("plan-{}", plan_r.id)))
            .await
            .text()
            .await?;
        assert!(card.contains("Next update by"), "{card}");
        assert!(d
            .current_url()
            .await?
            .path()
            .ends_with("/gemeente/maatwerk"));
        Ok::<(), WebDriverError>(())
    }
    .await;
    let _ = d.quit().await;
    let _ = driver_process.kill().await;
    result.unwrap();
}

/// A message that failed shows the municipality that it was not sent, without the mail
/// server's error (which names the address); the office reads the error.
#[tokio::test]
async fn a_failed_message_tells_the_municipality_without_the_error() {
    use veldwerk_portal::testing::{free_port, SmtpServer};
    let smtp = SmtpServer::start_picky(free_port());
    let p = start_with(veldwerk_portal::state::Config {
        smtp_url: Some(smtp.url()),
        send_interval: None,
        ..veldwerk_portal::state::Config::default()
    })
    .await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = view.residents()[0].clone();
    let (_, rec) = message(
        &r,
        r.municipality_id,
        MessageReason::AppointmentMoved,
        Recipient::Resident,
        Channel::Email,
        Some("geen adres"),
        morning(),
    );
    push_accepted(&p, &token, &[rec]).await;
    p.state.send_messages().await.unwrap();
    let mut office = office(&p).await;
    let all = office.page(&p, "/kantoor/berichten").await;
    assert!(
        all.contains("Mislukt") && all.contains("geen adres"),
        "{all}"
    );
    let mut desk = municipality_desk(&p, &r).await;
    let theirs = desk.page(&p, "/gemeente/berichten").await;
    assert!(
        theirs.contains("Niet verstuurd; het kantoor handelt het af"),
        "{theirs}"
    );
    assert!(!theirs.contains("geen adres"), "{theirs}");
    assert!(!theirs.contains("Mislukt"), "{theirs}");
}
