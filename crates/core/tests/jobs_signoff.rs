//! The sign-off (paraaf) of a maintenance or repair: a drawn signature (name, role, time,
//! image) or a refusal with its reason, in the logbook entry of the completed job.

mod jobs_fixtures;
use jobs_fixtures::*;

const PNG: &str = "5f0c2b6a1e9d4c3b2a190817263544536271809aabbccddeeff00112233445566";

fn with_signoff(a: Answer) -> Vec<(&'static str, Answer)> {
    let mut list = pm_answers_ok();
    list.retain(|(k, _)| *k != "signoff.signer");
    list.push(("signoff.signer", a));
    list
}

fn complete_pm(a: Answer) -> Completion {
    let t = pm_template();
    let c = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_e()));
    let d = draft(&t, &c, &with_signoff(a));
    complete(&t, &d, &c, &cal(), now()).unwrap()
}

fn signoff_item() -> (Template, Item) {
    let t = pm_template();
    let item = t.item("signoff.signer").unwrap().1.clone();
    (t, item)
}

#[test]
fn a_drawn_sign_off_is_in_the_logbook_entry_with_name_role_time_and_image() {
    let sid = SignatureId(Uuid::from_u128(77));
    let done = complete_pm(Answer::SignOff {
        name: "Anke Ruïzendaal".into(),
        role: SignerRole::Resident,
        signature: Some(SignOffImage {
            signature_id: sid,
            png_sha256: PNG[..64].into(),
            signed_at: utc("2026-03-04T10:15:00Z"),
        }),
        refused: None,
    });
    let e = done
        .logbook
        .iter()
        .find(|e| e.kind == LogbookKind::PreventiveMaintenance)
        .unwrap();
    assert!(
        e.summary
            .contains("afgetekend door Anke Ruïzendaal (inwoner) met paraaf"),
        "{}",
        e.summary
    );
    let so = &details(&done, LogbookKind::PreventiveMaintenance)["signoff"];
    assert_eq!(so["name"], "Anke Ruïzendaal");
    assert_eq!(so["role"], "resident");
    assert_eq!(so["png_sha256"], PNG[..64]);
    assert_eq!(so["signature_id"], sid.to_string());
    assert_eq!(so["signed_at"], "2026-03-04T10:15:00.000Z");
    assert!(so.get("refused").is_none());
}

#[test]
fn a_refused_sign_off_is_recorded_with_its_reason_instead() {
    let done = complete_pm(Answer::SignOff {
        name: "Piet de Vries".into(),
        role: SignerRole::Caregiver,
        signature: None,
        refused: Some("Wil eerst met de dochter overleggen".into()),
    });
    let e = done
        .logbook
        .iter()
        .find(|e| e.kind == LogbookKind::PreventiveMaintenance)
        .unwrap();
    assert!(
        e.summary.contains(
            "aftekenen geweigerd door Piet de Vries (mantelzorger/verzorger): Wil eerst met de dochter overleggen"
        ),
        "{}",
        e.summary
    );
    let so = &details(&done, LogbookKind::PreventiveMaintenance)["signoff"];
    assert_eq!(so["refused"], "Wil eerst met de dochter overleggen");
    assert!(so.get("png_sha256").is_none());
}

#[test]
fn a_refusal_needs_a_reason_and_no_signature_and_the_technician_never_signs_off() {
    let (_t, item) = signoff_item();
    let refusal = |reason: &str, signature: Option<SignOffImage>| Answer::SignOff {
        name: "Piet de Vries".into(),
        role: SignerRole::Resident,
        signature,
        refused: Some(reason.into()),
    };
    let img = SignOffImage {
        signature_id: SignatureId(Uuid::from_u128(78)),
        png_sha256: PNG[..64].into(),
        signed_at: now(),
    };
    for bad in [refusal("   ", None), refusal("Geen zin", Some(img))] {
        let e = validate("signoff.signer", &item, bad, job_day()).unwrap_err();
        assert_eq!(e.code(), veldwerk_core::ErrorCode::InvalidAnswer);
    }
    let tech = Answer::SignOff {
        name: "Monteur".into(),
        role: SignerRole::Technician,
        signature: None,
        refused: None,
    };
    assert!(validate("signoff.signer", &item, tech, job_day()).is_err());
    // a reason is kept trimmed
    let (ok, _) = validate(
        "signoff.signer",
        &item,
        refusal("  Geen bril bij de hand ", None),
        job_day(),
    )
    .unwrap();
    assert!(matches!(ok, Answer::SignOff { refused: Some(r), .. } if r == "Geen bril bij de hand"));
}

#[test]
fn wilful_damage_cannot_be_completed_without_a_photo_of_it() {
    let t = repair_template();
    let mut c = repair_ctx(ResponseClass::A, false);
    let answers = [
        ("arrival.arrived_at", at("2026-03-02T08:20:00Z")),
        ("diagnosis.fault", txt("Joystick afgebroken")),
        ("diagnosis.cause", ch("wilful_damage")),
        (
            "diagnosis.wilful_description",
            txt("Joystick met kracht afgebroken"),
        ),
        ("diagnosis.wilful_likely_cause", txt("Kleinzoon")),
        ("diagnosis.drive_related", yes(false)),
        ("resolution.fixed_on_site", yes(true)),
        ("resolution.resolved_at", at("2026-03-02T09:10:00Z")),
        ("resolution.labour_minutes", num(40.0)),
        ("signoff.signer", signed()),
    ];
    let d = draft(&t, &c, &answers);
    let m = missing(&t, &d.answers, &c);
    assert_eq!(keys(&m), vec!["diagnosis.wilful_description"]);
    assert!(m[0].problem.as_ref().unwrap().nl.contains("foto"));
    assert!(matches!(
        complete(&t, &d, &c, &cal(), now()),
        Err(WorkflowError::Incomplete { .. })
    ));
    // a photo of something else does not count; one attached to the damage report does;
    // other causes never need one
    c.item_photos.insert("hoist.base".into(), 2);
    assert_eq!(
        keys(&missing(&t, &d.answers, &c)),
        vec!["diagnosis.wilful_description"]
    );
    assert_eq!(
        photo_items(&t, &d.answers, &c),
        vec!["diagnosis.wilful_description", "hoist.base"],
        "the screen offers a photo at the damage report"
    );
    c.item_photos
        .insert("diagnosis.wilful_description".into(), 1);
    assert!(complete(&t, &d, &c, &cal(), now()).is_ok());
    c.item_photos.clear();
    let mut worn = d.clone();
    worn.answers.insert("diagnosis.cause".into(), ch("wear"));
    assert!(missing(&t, &worn.answers, &c).is_empty());
}
