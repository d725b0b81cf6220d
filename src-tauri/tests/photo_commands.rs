//! Photos of a job through Tauri's real IPC path: processed by the photo pipeline, stored
//! encrypted (image and thumbnail), queued with both blobs; a retry is not stored twice;
//! hostile input is explained and stores nothing; an annotated copy keeps its original.

mod common;
use base64::Engine as _;
use chrono::NaiveDate;
use common::*;
use serde_json::{json, Value};
use veldwerk_core::ids::JobId;
use veldwerk_demo::DemoConfig;
use veldwerk_store::blobs::Sha256Hex;

const P1: &str = "019a0000-0000-7000-8000-00000000d001";
const P2: &str = "019a0000-0000-7000-8000-00000000d002";
const BAD: &str = "019a0000-0000-7000-8000-00000000d0ff";

fn harness() -> Harness {
    let anchor = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    harness_with(DemoConfig::small(anchor), true)
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = veldwerk_media::synth::scene(w, h, 7);
    veldwerk_media::synth::jpeg(&img, 90, None).unwrap()
}

fn add(
    h: &Harness,
    job: JobId,
    id: &str,
    bytes: &[u8],
    annotates: Option<&str>,
) -> Result<Value, Value> {
    h.call(
        "add_photo",
        json!({ "jobId": job.to_string(), "photo": {
            "id": id, "item_key": "drive.brakes", "annotates": annotates,
            "base64": base64::engine::general_purpose::STANDARD.encode(bytes) } }),
    )
}

fn blob_count(h: &Harness) -> usize {
    h.sync().blob_store().unwrap().list().unwrap().len()
}

#[test]
fn a_photo_is_processed_stored_encrypted_queued_and_not_stored_twice() {
    let h = harness();
    let job = h.a_maintenance();
    h.call("start_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    let original = jpeg(3000, 2000);
    let view = add(&h, job, P1, &original, None).expect("photo added");
    assert_eq!(
        (view["width"].as_u64(), view["height"].as_u64()),
        (Some(2048), Some(1365))
    );
    assert!(view["thumbnail"]
        .as_str()
        .unwrap()
        .starts_with("data:image/jpeg;base64,"));
    assert_eq!(view["item_key"], "drive.brakes");
    // the image and the thumbnail, encrypted; the record queued with both
    let stored = h.state.with_store(|s| Ok(s.photos_of_job(job)?)).unwrap();
    assert_eq!(stored.len(), 1);
    let blobs = h.sync().blob_store().unwrap();
    let image = blobs
        .get(&Sha256Hex::parse(&stored[0].sha256).unwrap())
        .unwrap();
    assert!(image.starts_with(&[0xFF, 0xD8]));
    let on_disk = std::fs::read(blobs.dir().join(&stored[0].sha256)).unwrap();
    assert!(
        !on_disk.windows(3).any(|w| w == [0xFF, 0xD8, 0xFF]),
        "plain JPEG on disk"
    );
    let pending = h.state.with_store(|s| Ok(s.pending_blobs()?)).unwrap();
    for sha in [&stored[0].sha256, &stored[0].thumb_sha256] {
        assert!(pending.iter().any(|b| b.sha256.as_str() == sha.as_str()));
    }
    // a retry stores nothing new
    let (before, blobs_before) = (h.digest(), blob_count(&h));
    add(&h, job, P1, &original, None).expect("a retry is answered");
    assert_eq!(before, h.digest(), "a retried photo was stored twice");
    assert_eq!(blobs_before, blob_count(&h));

    // an annotated copy is a new photo; the original stays
    let marked = jpeg(800, 600);
    let copy = add(&h, job, P2, &marked, Some(P1)).expect("annotated copy");
    assert_eq!(copy["annotates"], P1);
    let listed = h
        .call("job_photos", json!({ "jobId": job.to_string() }))
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let device = stored[0].device_id.unwrap().to_string();
    let on_passport = h
        .call("device_photos", json!({ "deviceId": device }))
        .unwrap();
    assert_eq!(on_passport.as_array().unwrap().len(), 2);
    // the job's rules count them per item (a wilful-damage report needs one of the damage)
    let counted = h
        .state
        .with_store(|s| Ok(s.load_job(job, &[], h.state.now())?.ctx.item_photos))
        .unwrap();
    assert_eq!(counted.get("drive.brakes"), Some(&2), "{counted:?}");
    assert_eq!(counted.len(), 1);
}

#[test]
fn hostile_files_are_explained_and_nothing_is_stored() {
    let h = harness();
    let job = h.a_maintenance();
    h.call("start_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    let good = jpeg(1200, 900);
    let mut truncated = good.clone();
    truncated.truncate(good.len() / 3);
    let heic = [
        0, 0, 0, 0x18, b'f', b't', b'y', b'p', b'h', b'e', b'i', b'c', 0, 0, 0, 0, b'm', b'i',
        b'f', b'1', b'h', b'e', b'i', b'c',
    ];
    let (before, blobs_before) = (h.digest(), blob_count(&h));
    for bytes in [
        Vec::new(),
        b"Dit is geen foto maar een boodschappenlijst".to_vec(),
        truncated,
        heic.to_vec(),
    ] {
        let e = add(&h, job, BAD, &bytes, None).expect_err("refused");
        assert_eq!(e["code"], "invalid_input", "{e}");
        let (nl, en) = (
            e["message"]["nl"].as_str().unwrap(),
            e["message"]["en"].as_str().unwrap(),
        );
        assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{e}");
    }
    // bytes that arrive damaged (not base64) are refused the same way
    let e = h
        .call(
            "add_photo",
            json!({ "jobId": job.to_string(), "photo": {
                "id": BAD, "item_key": null, "annotates": null, "base64": "%%% niet base64 %%%" } }),
        )
        .expect_err("refused");
    assert_eq!(e["code"], "invalid_input", "{e}");
    assert_eq!(before, h.digest());
    assert_eq!(blobs_before, blob_count(&h), "a refused file left a blob");
}

#[test]
fn a_photo_of_a_device_is_taken_from_its_passport_outside_any_job() {
    let h = harness();
    let job = h.a_maintenance();
    let view = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    let device = view["device"]["id"].as_str().unwrap().to_string();
    let upload = |id: &str, device: &str| {
        h.call(
            "add_device_photo",
            json!({ "deviceId": device, "photo": {
                "id": id, "item_key": null, "annotates": null,
                "base64": base64::engine::general_purpose::STANDARD.encode(jpeg(1600, 1200)) } }),
        )
    };
    let added = upload(P1, &device).expect("a passport photo");
    assert_eq!(added["id"], P1);
    // stored without a job, on the device's passport, queued with both blobs
    let stored = h
        .state
        .with_store(|s| {
            Ok(s.photos_of_device(veldwerk_core::ids::DeviceId::parse(&device).unwrap())?)
        })
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].job_id, None);
    let pending = h.state.with_store(|s| Ok(s.pending_blobs()?)).unwrap();
    assert!(pending
        .iter()
        .any(|b| b.sha256.as_str() == stored[0].thumb_sha256.as_str()));
    let listed = h
        .call("device_photos", json!({ "deviceId": device }))
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    // a retry stores nothing new; not the job's photo
    let before = h.digest();
    upload(P1, &device).expect("a retry is answered");
    assert_eq!(before, h.digest());
    let of_job = h
        .call("job_photos", json!({ "jobId": job.to_string() }))
        .unwrap();
    assert!(of_job.as_array().unwrap().is_empty());
    // a device that does not exist: refused, nothing stored
    let e = upload(P2, "019a0000-0000-7000-8000-0000000000ee").expect_err("unknown device");
    assert_eq!(e["code"], "not_found", "{e}");
    assert_eq!(before, h.digest());
}
