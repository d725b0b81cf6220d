//! Signing the user agreement at delivery through Tauri's real IPC path: the resident and
//! the technician sign, the delivery completes with the agreement PDF rendered from the
//! records, stored encrypted as a blob, its hashes in the logbook, listed on the passport,
//! queued for the portal with its blobs; retries change nothing.

mod common;
use chrono::NaiveDate;
use common::*;
use serde_json::{json, Value};
use veldwerk_core::ids::JobId;
use veldwerk_core::model::JobKind;
use veldwerk_demo::DemoConfig;
use veldwerk_store::blobs::Sha256Hex;

const SIG_RESIDENT: &str = "019a0000-0000-7000-8000-00000000c001";
const SIG_RESIDENT_REDO: &str = "019a0000-0000-7000-8000-00000000c002";
const SIG_TECH: &str = "019a0000-0000-7000-8000-00000000c003";

fn harness() -> Harness {
    let anchor = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    harness_with(DemoConfig::small(anchor), true)
}

fn save(h: &Harness, job: JobId, key: &str, answer: Value) {
    h.call(
        "save_answer",
        json!({ "jobId": job.to_string(), "key": key, "answer": answer }),
    )
    .unwrap_or_else(|e| panic!("{key}: {e}"));
}

/// Starts the delivery and answers everything, then marks it ready to sign.
fn ready_to_sign(h: &Harness, job: JobId) -> Value {
    let view = h
        .call("start_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    let reg = view["device"]["registration_number"]
        .as_str()
        .unwrap()
        .to_string();
    save(
        h,
        job,
        "identity.registration",
        json!({ "type": "registration", "value": reg }),
    );
    save(
        h,
        job,
        "instruction.topics",
        json!({ "type": "multi_choice", "values": ["controls", "safety"] }),
    );
    save(
        h,
        job,
        "agreement.signer",
        json!({ "type": "sign_off", "name": "Resident", "role": "resident" }),
    );
    let view = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    for key in view["applicable"].as_array().unwrap() {
        let key = key.as_str().unwrap();
        let yes_no = [
            "instruction.",
            "handover.",
            "safety.operates_safely",
            "safety.reaction_unimpaired",
        ];
        if yes_no.iter().any(|p| key.starts_with(p)) && key != "instruction.topics" {
            save(h, job, key, json!({ "type": "yes_no", "value": true }));
        }
    }
    let ready = h
        .call(
            "job_event",
            json!({ "jobId": job.to_string(), "event": "mark_ready_to_sign" }),
        )
        .expect("ready to sign");
    assert_eq!(ready["state"], "ready_to_sign");
    ready
}

fn png(seed: u32) -> Vec<u8> {
    veldwerk_docs::sample::signature_png(seed, 600, 200)
}

fn sign(
    h: &Harness,
    job: JobId,
    id: &str,
    name: &str,
    role: &str,
    text_sha256: &str,
    seed: u32,
) -> Result<Value, Value> {
    h.call(
        "record_signature",
        json!({
            "jobId": job.to_string(),
            "signature": {
                "id": id,
                "purpose": "agreement",
                "name": name,
                "role": role,
                "strokes_json": "[{\"points\":[{\"x\":1,\"y\":2,\"time\":0,\"pressure\":0.5}]}]",
                "png": png(seed),
                "width": 600,
                "height": 200,
                "text_sha256": text_sha256,
            }
        }),
    )
}

#[test]
fn a_delivery_completes_with_the_signed_agreement_stored_hashed_listed_and_queued() {
    let h = harness();
    let job = h.a_delivery();
    let view = ready_to_sign(&h, job);
    let device_id = view["device"]["id"].as_str().unwrap().to_string();
    let resident = h
        .state
        .with_store(|s| Ok(s.load_job(job, &[], h.state.now())?.ctx.resident))
        .unwrap();
    let resident_name = resident.display_name();

    // the text the signer reads names the resident; its hash goes with the signature
    let preview = h
        .call(
            "agreement_preview",
            json!({ "jobId": job.to_string(), "lang": "nl", "representative": null }),
        )
        .expect("preview");
    assert!(preview["text"].as_str().unwrap().contains(&resident_name));
    let text_hash = preview["text_sha256"].as_str().unwrap().to_string();
    assert_eq!(text_hash.len(), 64);

    // without both signatures nothing completes, and nothing is written
    let before = h.digest();
    assert_app_error(
        h.call("complete_delivery", json!({ "jobId": job.to_string() })),
        "signature_required",
    );
    assert_eq!(before, h.digest());

    // the resident signs, then redoes it; the technician signs
    sign(
        &h,
        job,
        SIG_RESIDENT,
        "Eerste Poging",
        "resident",
        &text_hash,
        1,
    )
    .unwrap();
    sign(
        &h,
        job,
        SIG_RESIDENT_REDO,
        &resident_name,
        "resident",
        &text_hash,
        2,
    )
    .unwrap();
    let tech = "Joris Ten Hoeve-Blom";
    sign(&h, job, SIG_TECH, tech, "technician", &text_hash, 3).unwrap();
    // a retry of the same signature is answered and writes nothing; other content under
    // the same id is refused
    let after_signing = h.digest();
    sign(&h, job, SIG_TECH, tech, "technician", &text_hash, 3).expect("a retry is answered");
    assert_eq!(
        after_signing,
        h.digest(),
        "a retried signature was recorded twice"
    );
    assert_app_error(
        sign(
            &h,
            job,
            SIG_TECH,
            "Iemand Anders",
            "technician",
            &text_hash,
            3,
        ),
        "recorded_differently",
    );
    // a signature that is not a PNG is refused before anything is stored
    let bad = h.call(
        "record_signature",
        json!({ "jobId": job.to_string(), "signature": {
            "id": "019a0000-0000-7000-8000-00000000c0ff", "purpose": "agreement",
            "name": "X", "role": "resident", "strokes_json": "[]", "png": [1, 2, 3],
            "width": 10, "height": 10, "text_sha256": text_hash } }),
    );
    assert_app_error(bad, "invalid_input");
    assert_eq!(after_signing, h.digest());
    let signers = h
        .call("agreement_signers", json!({ "jobId": job.to_string() }))
        .unwrap();
    assert_eq!(signers["resident_side"]["name"], json!(resident_name));
    assert_eq!(signers["technician"]["name"], json!(tech));
    let types = h.outbox_types();
    assert_eq!(types.iter().filter(|t| *t == "signature").count(), 3);

    // complete: the agreement is rendered, stored and hashed into the logbook entry
    let done = h
        .call("complete_delivery", json!({ "jobId": job.to_string() }))
        .expect("completed");
    assert_eq!(done["job"]["state"], "completed");
    let entries = done["logbook"].as_array().unwrap();
    let delivery = entries
        .iter()
        .find(|e| e["kind"] == "delivery")
        .expect("a delivery entry");
    let details: Value = serde_json::from_str(delivery["details_json"].as_str().unwrap()).unwrap();
    let agreement = details
        .pointer("/data/agreement")
        .or_else(|| details.get("agreement"))
        .unwrap_or_else(|| panic!("agreement in {details}"));
    let pdf_hash = agreement["sha256"].as_str().unwrap().to_string();
    assert_eq!(agreement["text_sha256"], json!(text_hash));
    let signer_names: Vec<&str> = agreement["signers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(signer_names, vec![resident_name.as_str(), tech]);

    // the passport: the device with the resident, in use; the document listed
    let passport = h
        .call("device_passport", json!({ "deviceId": device_id }))
        .unwrap();
    assert_eq!(passport["device"]["status"], "in_use");
    let docs = h
        .call("device_documents", json!({ "deviceId": device_id }))
        .unwrap();
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["kind"], "agreement");
    assert_eq!(docs[0]["sha256"], json!(pdf_hash));
    assert_eq!(docs[0]["text_sha256"], json!(text_hash));

    // the PDF is in the (encrypted) blob store, whole
    let blobs = h.sync().blob_store().unwrap();
    let hash = Sha256Hex::parse(&pdf_hash).unwrap();
    let pdf = blobs.get(&hash).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let on_disk = std::fs::read(blobs.dir().join(&pdf_hash)).unwrap();
    assert!(
        !on_disk.windows(5).any(|w| w == b"%PDF-"),
        "stored in plain text"
    );
    // a reader finds the resident and both signers in it (when pdftotext is installed)
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agreement.pdf");
    std::fs::write(&file, &pdf).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            // pdftotext may break a line inside a name: compare without whitespace
            let flat: String = text.split_whitespace().collect();
            for name in [resident_name.as_str(), tech] {
                let n: String = name.split_whitespace().collect();
                assert!(flat.contains(&n), "{name} not in the PDF text:\n{text}");
            }
            assert!(
                !flat.contains("EerstePoging"),
                "the replaced signature is used"
            );
        }
        _ => eprintln!("pdftotext not installed: the PDF's text is not checked"),
    }

    // queued for the portal: the document with its blob; the PDF waits to go up
    let types = h.outbox_types();
    assert_eq!(types.iter().filter(|t| *t == "document").count(), 1);
    let pending = h.state.with_store(|s| Ok(s.pending_blobs()?)).unwrap();
    assert!(pending.iter().any(|b| b.sha256 == hash));

    // a repeated completion changes nothing and says so
    let before = h.digest();
    let again = h
        .call("complete_delivery", json!({ "jobId": job.to_string() }))
        .expect("a retry is answered");
    assert!(!again["notices"].as_array().unwrap().is_empty());
    assert_eq!(before, h.digest(), "completed twice");

    // exported on request: the decrypted PDF, where the answer says
    std::env::set_var("VELDWERK_EXPORT_DIR", dir.path());
    let exported = h
        .call(
            "export_document",
            json!({ "documentId": docs[0]["id"].as_str().unwrap() }),
        )
        .unwrap();
    let path = exported["path"].as_str().unwrap();
    assert_eq!(std::fs::read(path).unwrap(), pdf);
}

#[test]
fn signing_is_refused_before_the_delivery_is_ready_and_with_a_stale_text() {
    let h = harness();
    let job = h.a_delivery();
    h.call("start_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    let hash = "0".repeat(64);
    let before = h.digest();
    assert_app_error(
        sign(&h, job, SIG_RESIDENT, "A. Inwoner", "resident", &hash, 1),
        "illegal_transition",
    );
    assert_app_error(
        h.call(
            "agreement_preview",
            json!({ "jobId": job.to_string(), "lang": "nl", "representative": null }),
        ),
        "illegal_transition",
    );
    assert_eq!(before, h.digest());
    ready_to_sign(&h, job);
    // signed under a text that is not this agreement's: completing asks to sign again
    sign(&h, job, SIG_RESIDENT, "A. Inwoner", "resident", &hash, 1).unwrap();
    sign(&h, job, SIG_TECH, "T. Monteur", "technician", &hash, 2).unwrap();
    let before = h.digest();
    assert_app_error(
        h.call("complete_delivery", json!({ "jobId": job.to_string() })),
        "signature_required",
    );
    assert_eq!(before, h.digest());
}

/// The first preventive maintenance of the first mechanic on the anchor day.
fn a_maintenance(h: &Harness) -> JobId {
    h.anchor_job(|j| j.kind == JobKind::PreventiveMaintenance)
        .expect("a maintenance on the anchor day")
        .id
}

fn sign_off(h: &Harness, job: JobId, body: Value) -> Result<Value, Value> {
    h.call(
        "sign_off",
        json!({ "jobId": job.to_string(), "signOff": body }),
    )
}

fn paraaf(id: &str, role: &str, seed: u32) -> Value {
    json!({
        "id": id, "purpose": "sign_off", "name": "Anke Ruïzendaal", "role": role,
        "strokes_json": "[]", "png": png(seed), "width": 600, "height": 200,
        "text_sha256": null,
    })
}

#[test]
fn a_maintenance_sign_off_is_a_stored_paraaf_or_a_refusal_with_its_reason() {
    let h = harness();
    let job = a_maintenance(&h);
    // not started: nothing to sign off yet
    let before = h.digest();
    assert_app_error(
        sign_off(
            &h,
            job,
            json!({ "key": "signoff.signer", "name": "Anke Ruïzendaal", "role": "resident",
                    "signature": paraaf(SIG_RESIDENT, "resident", 1), "refused": null }),
        ),
        "job_not_started",
    );
    assert_eq!(before, h.digest());
    h.call("start_job", json!({ "jobId": job.to_string() }))
        .unwrap();

    // a drawn paraaf: stored as a blob, queued, and named by the sign-off answer
    let view = sign_off(
        &h,
        job,
        json!({ "key": "signoff.signer", "name": "Anke Ruïzendaal", "role": "resident",
                "signature": paraaf(SIG_RESIDENT, "resident", 1), "refused": null }),
    )
    .expect("signed off");
    let a = &view["answers"]["signoff.signer"];
    assert_eq!(a["name"], "Anke Ruïzendaal");
    assert_eq!(a["signature"]["signature_id"], SIG_RESIDENT);
    let png_hash = a["signature"]["png_sha256"].as_str().unwrap().to_string();
    let blobs = h.sync().blob_store().unwrap();
    assert_eq!(
        blobs.get(&Sha256Hex::parse(&png_hash).unwrap()).unwrap(),
        png(1)
    );
    assert_eq!(
        h.outbox_types()
            .iter()
            .filter(|t| *t == "signature")
            .count(),
        1
    );
    // a retry changes nothing
    let after = h.digest();
    sign_off(
        &h,
        job,
        json!({ "key": "signoff.signer", "name": "Anke Ruïzendaal", "role": "resident",
                "signature": paraaf(SIG_RESIDENT, "resident", 1), "refused": null }),
    )
    .expect("a retry is answered");
    assert_eq!(after, h.digest(), "a retried sign-off was applied twice");

    // the technician never signs off; a signature and a refusal at once, or neither, is refused;
    // a drawn paraaf cannot be claimed through an ordinary answer
    for bad in [
        json!({ "key": "signoff.signer", "name": "Monteur", "role": "resident",
                "signature": paraaf(SIG_TECH, "technician", 2), "refused": null }),
        json!({ "key": "signoff.signer", "name": "A", "role": "resident",
                "signature": paraaf(SIG_TECH, "resident", 2), "refused": "nee" }),
        json!({ "key": "signoff.signer", "name": "A", "role": "resident",
                "signature": null, "refused": null }),
    ] {
        assert_app_error(sign_off(&h, job, bad), "invalid_input");
    }
    assert_app_error(
        h.call(
            "save_answer",
            json!({ "jobId": job.to_string(), "key": "signoff.signer", "answer": {
                "type": "sign_off", "name": "X", "role": "resident",
                "signature": { "signature_id": SIG_TECH, "png_sha256": png_hash,
                               "signed_at": "2026-03-30T08:00:00Z" } } }),
        ),
        "invalid_input",
    );
    assert_eq!(after, h.digest());

    // a paraaf for an item that is not a sign-off is refused before anything is stored: no
    // signature goes to the portal without the answer that names it
    let e = sign_off(
        &h,
        job,
        json!({ "key": "not.a.signoff", "name": "Anke Ruïzendaal", "role": "resident",
                "signature": paraaf(SIG_TECH, "resident", 3), "refused": null }),
    );
    assert!(e.is_err(), "{e:?}");
    assert_eq!(after, h.digest(), "a refused sign-off stored its signature");
    // the answer names whoever drew the paraaf, whatever the form said
    let other = "01940000-0000-7000-8000-00000000c0de";
    let mut drawn = paraaf(other, "caregiver", 4);
    drawn["name"] = json!("Piet de Vries");
    let view = sign_off(
        &h,
        job,
        json!({ "key": "signoff.signer", "name": "Anke Ruïzendaal", "role": "resident",
                "signature": drawn, "refused": null }),
    )
    .expect("signed off by the caregiver");
    let a = &view["answers"]["signoff.signer"];
    assert_eq!(
        (a["name"].clone(), a["role"].clone()),
        (json!("Piet de Vries"), json!("caregiver"))
    );
    // the same person named again (picked or typed once more) keeps the paraaf
    let drawn_answer = a.clone();
    let before = h.digest();
    let again = h
        .call(
            "save_answer",
            json!({ "jobId": job.to_string(), "key": "signoff.signer", "answer": {
                "type": "sign_off", "name": "Piet de Vries", "role": "caregiver" } }),
        )
        .expect("named again");
    assert_eq!(again["answers"]["signoff.signer"], drawn_answer);
    assert_eq!(
        before,
        h.digest(),
        "naming the signer again dropped the paraaf"
    );
    // someone else named: their answer, without the paraaf that was not theirs
    let view = h
        .call(
            "save_answer",
            json!({ "jobId": job.to_string(), "key": "signoff.signer", "answer": {
                "type": "sign_off", "name": "Anke Ruïzendaal", "role": "resident" } }),
        )
        .expect("someone else");
    let a = &view["answers"]["signoff.signer"];
    assert_eq!(a["name"], "Anke Ruïzendaal");
    assert!(a["signature"].is_null(), "{a}");
    let view = sign_off(
        &h,
        job,
        json!({ "key": "signoff.signer", "name": "Anke Ruïzendaal", "role": "resident",
                "signature": drawn, "refused": null }),
    )
    .expect("the caregiver's paraaf again");
    assert_eq!(view["answers"]["signoff.signer"], drawn_answer);

    // a refusal replaces it, with its reason
    let view = sign_off(
        &h,
        job,
        json!({ "key": "signoff.signer", "name": "Piet de Vries", "role": "caregiver",
                "signature": null, "refused": "Wil eerst met de dochter overleggen" }),
    )
    .expect("refusal recorded");
    let a = &view["answers"]["signoff.signer"];
    assert_eq!(a["refused"], "Wil eerst met de dochter overleggen");
    assert!(a["signature"].is_null());
}

/// Answers whatever the job still misses with a plausible value for its input (a middle
/// measurement, the first option, yes), step by step "all OK" first; the sign-off is left.
fn fill_missing(h: &Harness, job: JobId) {
    let view = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    for step in view["steps"].as_array().unwrap() {
        if step["applicable"] == json!(true) {
            h.call(
                "all_ok",
                json!({ "jobId": job.to_string(), "stepId": step["step_id"], "instance": step["instance"] }),
            )
            .unwrap();
        }
    }
    for _ in 0..4 {
        let view = h
            .call("open_job", json!({ "jobId": job.to_string() }))
            .unwrap();
        let missing: Vec<String> = view["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["key"].as_str().unwrap().to_string())
            .filter(|k| k != "signoff.signer")
            .collect();
        if missing.is_empty() {
            return;
        }
        for key in missing {
            // "step.item", or "step[instance].item" for a step repeated per sling
            let (step_part, item_id) = key.rsplit_once('.').unwrap();
            let step_id = step_part.split('[').next().unwrap();
            let item = view["template"]["steps"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == step_id)
                .and_then(|s| {
                    s["items"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|i| i["id"] == item_id)
                })
                .unwrap_or_else(|| panic!("no item {key}"))
                .clone();
            let input = &item["input"];
            let answer = match input["type"].as_str().unwrap() {
                "measurement" => {
                    let (min, max) = (
                        input["min"].as_f64().unwrap(),
                        input["max"].as_f64().unwrap(),
                    );
                    json!({ "type": "measurement", "value": ((min + max) / 2.0).round() })
                }
                "choice" => json!({ "type": "choice", "value": input["options"][0]["id"] }),
                "multi_choice" => {
                    json!({ "type": "multi_choice", "values": [input["options"][0]["id"]] })
                }
                "yes_no" => json!({ "type": "yes_no", "value": false }),
                "text" => json!({ "type": "text", "value": "Naar behoren" }),
                "parts" => json!({ "type": "parts", "parts": [] }),
                "check" => json!({ "type": "check", "result": "ok" }),
                "date" => {
                    let days = (input["min_days"].as_i64().unwrap_or(0)
                        + input["max_days"].as_i64().unwrap_or(0))
                        / 2;
                    json!({ "type": "date", "value": h.anchor + chrono::Duration::days(days) })
                }
                other => panic!("{key}: no filler for {other}"),
            };
            h.call(
                "save_answer",
                json!({ "jobId": job.to_string(), "key": key, "answer": answer }),
            )
            .unwrap_or_else(|e| panic!("{key}: {e}"));
        }
    }
    panic!("the job stays incomplete");
}

#[test]
fn a_signed_off_maintenance_gets_its_werkbon_on_the_passport() {
    let h = harness();
    let job = a_maintenance(&h);
    h.call("start_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    fill_missing(&h, job);
    sign_off(
        &h,
        job,
        json!({ "key": "signoff.signer", "name": "Anke Ruïzendaal", "role": "resident",
                "signature": paraaf(SIG_RESIDENT, "resident", 1), "refused": null }),
    )
    .expect("signed off");
    let done = h
        .call("complete_job", json!({ "jobId": job.to_string() }))
        .expect("completed");
    let entry = done["logbook"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "preventive_maintenance")
        .expect("the maintenance entry");
    assert!(
        entry["summary"]
            .as_str()
            .unwrap()
            .contains("afgetekend door Anke Ruïzendaal (inwoner) met paraaf"),
        "{entry}"
    );
    let device = done["job"]["device"]["id"].as_str().unwrap().to_string();
    let docs = h
        .call("device_documents", json!({ "deviceId": device }))
        .unwrap();
    let werkbon = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "job_report")
        .unwrap_or_else(|| panic!("no werkbon in {docs}"));
    let blobs = h.sync().blob_store().unwrap();
    let pdf = blobs
        .get(&Sha256Hex::parse(werkbon["sha256"].as_str().unwrap()).unwrap())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("werkbon.pdf");
    std::fs::write(&file, &pdf).unwrap();
    if let Ok(out) = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        if out.status.success() {
            let flat: String = String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .collect();
            assert!(
                flat.contains("AnkeRuïzendaal"),
                "the signer is not in the werkbon"
            );
        }
    }
    assert!(h.outbox_types().iter().any(|t| t == "document"));
    // a repeated completion makes no second werkbon
    let _ = h.call("complete_job", json!({ "jobId": job.to_string() }));
    let again = h
        .call("device_documents", json!({ "deviceId": device }))
        .unwrap();
    let werkbons = again
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "job_report")
        .count();
    assert_eq!(werkbons, 1, "{again}");
}

#[test]
fn a_werkbon_that_cannot_be_made_is_said_and_the_job_completes() {
    let h = harness();
    let job = a_maintenance(&h);
    h.call("start_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    fill_missing(&h, job);
    let view = sign_off(
        &h,
        job,
        json!({ "key": "signoff.signer", "name": "Anke Ruïzendaal", "role": "resident",
                "signature": paraaf(SIG_RESIDENT, "resident", 1), "refused": null }),
    )
    .expect("signed off");
    // the paraaf's image is damaged on disk (a failing disk, a bad restore)
    let png = view["answers"]["signoff.signer"]["signature"]["png_sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let blobs = h.sync().blob_store().unwrap();
    std::fs::write(blobs.dir().join(&png), b"not what was stored").unwrap();
    let done = h
        .call("complete_job", json!({ "jobId": job.to_string() }))
        .expect("the job completes all the same");
    assert_eq!(done["job"]["state"], "completed");
    let notices = done["notices"].to_string();
    assert!(
        notices.contains("De werkbon kon niet worden gemaakt")
            && notices.contains("The job report could not be made"),
        "{notices}"
    );
    let device = done["job"]["device"]["id"].as_str().unwrap().to_string();
    let docs = h
        .call("device_documents", json!({ "deviceId": device }))
        .unwrap();
    assert!(
        docs.as_array()
            .unwrap()
            .iter()
            .all(|d| d["job_id"] != json!(job.to_string())),
        "no document for the job: {docs}"
    );
}

/// A hoist inspection planned in the demo.
fn a_hoist_inspection(h: &Harness) -> JobId {
    h.first_job(|j| j.kind == JobKind::HoistInspection)
        .expect("a hoist inspection in the demo")
        .0
        .id
}

/// The text of a PDF as pdftotext reads it, its whitespace removed; None without poppler.
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .ok()?;
    assert!(out.status.success(), "pdftotext refused the PDF");
    Some(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect(),
    )
}

#[test]
fn a_completed_hoist_inspection_gets_its_certificate_on_the_passport() {
    let h = harness();
    let job = a_hoist_inspection(&h);
    let view = h
        .call("start_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    let slings: Vec<String> = view["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["instance"].as_str().map(str::to_string))
        .collect();
    assert!(!slings.is_empty(), "the demo hoist has slings: {view}");
    save(
        &h,
        job,
        "inspection.inspector_certificate",
        json!({ "type": "text", "value": "STG-4471" }),
    );
    save(
        &h,
        job,
        "electrical.instrument_serial",
        json!({ "type": "text", "value": "IT-90210" }),
    );
    save(
        &h,
        job,
        "outcome.sticker_number",
        json!({ "type": "text", "value": "S-1234" }),
    );
    fill_missing(&h, job);
    sign_off(
        &h,
        job,
        json!({ "key": "signoff.signer", "name": "Anke Ruïzendaal", "role": "resident",
                "signature": null, "refused": "Slaapt" }),
    )
    .expect("the refusal is recorded");
    let done = h
        .call("complete_job", json!({ "jobId": job.to_string() }))
        .expect("completed");
    assert!(
        done["notices"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| !n["nl"].as_str().unwrap().contains("niet worden gemaakt")),
        "{}",
        done["notices"]
    );
    let device = &done["job"]["device"];
    let docs = h
        .call(
            "device_documents",
            json!({ "deviceId": device["id"].as_str().unwrap() }),
        )
        .unwrap();
    let certs: Vec<&Value> = docs
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "hoist_certificate")
        .collect();
    assert_eq!(certs.len(), 1, "one certificate: {docs}");
    assert!(
        docs.as_array()
            .unwrap()
            .iter()
            .all(|d| d["kind"] != "job_report" || d["job_id"] != json!(job.to_string())),
        "the inspection makes a certificate, not a werkbon: {docs}"
    );
    let pdf = h
        .sync()
        .blob_store()
        .unwrap()
        .get(&Sha256Hex::parse(certs[0]["sha256"].as_str().unwrap()).unwrap())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&pdf) {
        let reg = device["registration_number"].as_str().unwrap();
        for needle in [reg, "STG-4471", "IT-90210", "GOEDGEKEURD"] {
            assert!(text.contains(needle), "{needle} is not on the certificate");
        }
        let job_view = h
            .call("open_job", json!({ "jobId": job.to_string() }))
            .unwrap();
        let technician = job_view["technician"]["name"]
            .as_str()
            .map(|n| n.split_whitespace().collect::<String>());
        if let Some(t) = technician {
            assert!(text.contains(&t), "the inspector is not on the certificate");
        }
    }
    // a second completion changes nothing: still one certificate
    let _ = h.call("complete_job", json!({ "jobId": job.to_string() }));
    let again = h
        .call(
            "device_documents",
            json!({ "deviceId": device["id"].as_str().unwrap() }),
        )
        .unwrap();
    assert_eq!(
        again
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["kind"] == "hoist_certificate")
            .count(),
        1
    );
    assert!(h.outbox_types().iter().any(|t| t == "document"));
}
