use crate::common::*;
use crate::fixtures::*;
use crate::push::{signed_in, stored_copies};
use reqwest::{Method, StatusCode};
use tokio::io::AsyncWriteExt;
use veldwerk_portal::state::Config;
use veldwerk_portal::storage::PortalStore;
use veldwerk_sync::protocol::*;

fn bytes(n: usize, salt: u8) -> Vec<u8> {
    (0..n)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(salt))
        .collect()
}

fn blob_files(p: &Portal) -> usize {
    let root = p.dir.path().join("blobs");
    std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != ".tmp")
        .map(|e| std::fs::read_dir(e.path()).map_or(0, |d| d.count()))
        .sum()
}

#[tokio::test]
async fn put_head_get_and_an_idempotent_second_put() {
    let p = start().await;
    let (_, token, _, _) = signed_in(&p, 0).await;
    let data = bytes(300_000, 1);
    let sha = canonical_hash(&data);
    assert_eq!(
        p.blob_status(Method::HEAD, &token, &sha).await,
        StatusCode::NOT_FOUND
    );
    let res = p.put_blob(&token, &sha, data.clone()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let stored: BlobStored = res.json().await.unwrap();
    assert_eq!(
        (stored.size, stored.created, stored.sha256.as_str()),
        (300_000, true, sha.as_str())
    );
    assert_eq!(
        p.blob_status(Method::HEAD, &token, &sha).await,
        StatusCode::OK
    );
    let back = p
        .http
        .get(p.url(&format!("/api/v1/blobs/{sha}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), StatusCode::OK);
    assert_eq!(back.bytes().await.unwrap().to_vec(), data);
    let modified = std::fs::metadata(p.state.blobs.path_of(&sha))
        .unwrap()
        .modified()
        .unwrap();
    let again = p.put_blob(&token, &sha, data).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert!(!again.json::<BlobStored>().await.unwrap().created);
    let after = std::fs::metadata(p.state.blobs.path_of(&sha))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(modified, after, "not rewritten");
    assert_eq!(blob_files(&p), 1);
}

#[tokio::test]
async fn wrong_hashes_and_oversized_blobs_leave_nothing() {
    let p = start_with(Config {
        max_blob_bytes: 1024 * 1024,
        send_interval: None,
        ..Config::default()
    })
    .await;
    let (_, token, _, _) = signed_in(&p, 0).await;
    let data = bytes(5000, 2);
    let other = canonical_hash(b"iets anders");
    let res = p.put_blob(&token, &other, data).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_code(res).await, codes::HASH_MISMATCH);
    assert_eq!(
        p.blob_status(Method::HEAD, &token, &other).await,
        StatusCode::NOT_FOUND
    );
    // too large by its length, and too large while streaming (no length given)
    let big = bytes(1024 * 1024 + 1, 3);
    let sha = canonical_hash(&big);
    let res = p.put_blob(&token, &sha, big.clone()).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_code(res).await, codes::TOO_LARGE);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        big.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let res = p
        .http
        .put(p.url(&format!("/api/v1/blobs/{sha}")))
        .bearer_auth(&token)
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await;
    if let Ok(res) = res {
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }
    // a path that is not a hash
    let res = p.put_blob(&token, "abc", vec![1]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(blob_files(&p), 0);
    assert_eq!(p.state.blobs.temporary_files(), 0);
    assert!(!p.store.blob_known(&sha).unwrap());
}

#[tokio::test]
async fn an_upload_cut_off_mid_body_leaves_nothing_and_a_full_resend_succeeds() {
    let p = start().await;
    let (_, token, _, _) = signed_in(&p, 0).await;
    let data = bytes(400_000, 4);
    let sha = canonical_hash(&data);
    let addr = p.base.trim_start_matches("http://").to_string();
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "PUT /api/v1/blobs/{sha} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Length: {}\r\nContent-Type: application/octet-stream\r\n\r\n",
        data.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&data[..150_000]).await.unwrap();
    s.flush().await.unwrap();
    let mut waited = 0;
    while p.state.blobs.temporary_files() == 0 && waited < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    assert_eq!(
        p.state.blobs.temporary_files(),
        1,
        "the upload is under way"
    );
    drop(s);
    // the portal notices, removes the partial file, and keeps nothing
    let mut waited = 0;
    while p.state.blobs.temporary_files() > 0 && waited < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }
    assert_eq!(p.state.blobs.temporary_files(), 0);
    assert_eq!(blob_files(&p), 0);
    assert_eq!(
        p.blob_status(Method::HEAD, &token, &sha).await,
        StatusCode::NOT_FOUND
    );
    let res = p.put_blob(&token, &sha, data).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(
        p.blob_status(Method::HEAD, &token, &sha).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_record_waits_for_its_blob_and_only_the_residents_technicians_read_it() {
    let p = start().await;
    let techs = p.technicians();
    let (_, a, view, _) = signed_in(&p, 0).await;
    let (_, b, _, _) = signed_in(&p, 1).await;
    let resident = only_of(&p.store.assignments().unwrap(), techs[0].id, techs[1].id)[0];
    assert!(view.residents().iter().any(|r| r.id == resident));
    let data = bytes(200_000, 5);
    let sha = canonical_hash(&data);
    let rec = photo(resident, &sha, data.len() as u64, morning());
    let res = p.push(&a, std::slice::from_ref(&rec)).await;
    match &res.results[0].outcome {
        Outcome::MissingBlobs { hashes } => assert_eq!(hashes, &vec![sha.clone()]),
        o => panic!("{o:?}"),
    }
    assert!(stored_copies(&p, rec.id).is_empty(), "nothing stored");
    assert_eq!(
        p.put_blob(&a, &sha, data.clone()).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        outcome(&p.push(&a, std::slice::from_ref(&rec)).await.results[0]),
        "accepted"
    );

    // b is not assigned to the resident and never sent the bytes: nothing leaks
    assert_eq!(
        p.blob_status(Method::HEAD, &b, &sha).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        p.blob_status(Method::GET, &b, &sha).await,
        StatusCode::NOT_FOUND
    );
    let unknown = canonical_hash(b"nergens");
    assert_eq!(
        p.blob_status(Method::GET, &b, &unknown).await,
        StatusCode::NOT_FOUND
    );
    // bytes of another hash do not buy access
    let res = p.put_blob(&b, &sha, bytes(10, 9)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        p.blob_status(Method::GET, &b, &sha).await,
        StatusCode::NOT_FOUND
    );
    // once the resident is assigned to b as well, the record's blob is b's to read
    p.store
        .set_assignment(resident, techs[1].id, true, "kantoor", morning())
        .unwrap();
    assert_eq!(p.blob_status(Method::GET, &b, &sha).await, StatusCode::OK);
    // a technician who sends the same bytes may read them back too
    let (_, c, _, _) = signed_in(&p, 2).await;
    assert_eq!(
        p.blob_status(Method::HEAD, &c, &sha).await,
        StatusCode::NOT_FOUND
    );
    let res = p.put_blob(&c, &sha, data).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(p.blob_status(Method::GET, &c, &sha).await, StatusCode::OK);
    assert_eq!(blob_files(&p), 1);
    assert_eq!(p.state.blobs.temporary_files(), 0);
}
