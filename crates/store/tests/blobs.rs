//! The encrypted blob store: round trip, one copy per content, keys that cannot read each
//! other's blobs, tampering found, no plaintext on disk (faults: tests/blobs_faults.rs).

mod blobs_support;
use blobs_support::*;
use proptest::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use veldwerk_store::blobs::{BlobError, BlobKey, BlobStore, Sha256Hex, OVERHEAD};
use veldwerk_store::{MemorySecretStore, SecretStore, Store};

#[test]
fn round_trip_and_addressing() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), 1);
    let photo = noise(300_000, 1);
    let h = s.put(&photo).unwrap();
    // The address is the SHA-256 of the plaintext, as the portal computes it.
    assert_eq!(h.as_str(), format!("{:x}", Sha256::digest(&photo)));
    assert!(s.has(&h).unwrap());
    assert_eq!(s.get(&h).unwrap(), photo);
    assert_eq!(s.size(&h).unwrap(), 300_000);
    assert_eq!(s.list().unwrap(), vec![h.clone()]);
    // An empty blob is a blob too.
    let empty = s.put(b"").unwrap();
    assert_eq!(s.get(&empty).unwrap(), b"");
    assert_eq!(s.size(&empty).unwrap(), 0);
    assert!(s.remove(&h).unwrap());
    assert!(!s.remove(&h).unwrap(), "removing twice is no error");
    assert!(!s.has(&h).unwrap());
    let e = s.get(&h).unwrap_err();
    assert_eq!(e.code(), "blob_not_found");
    assert!(e.message().nl.contains("niet op dit apparaat"));
    assert_eq!(s.size(&h).unwrap_err().code(), "blob_not_found");
    assert_eq!(s.list().unwrap(), vec![empty]);
    // Hashes from outside are checked before they become a path.
    assert_eq!(
        Sha256Hex::parse("../../etc/passwd").unwrap_err().code(),
        "blob_invalid_hash"
    );
    // Reopening finds what is stored, and removes what an interrupted write left.
    drop(s);
    let stray = dir
        .path()
        .join(format!(".tmp-{}-0123456789abcdef", Sha256Hex::of(b"x")));
    std::fs::write(&stray, b"half a blob").unwrap();
    let s = store(dir.path(), 1);
    assert!(!stray.exists());
    assert_eq!(s.list().unwrap().len(), 1);
    assert_eq!(files(dir.path()).len(), 1);
}

#[test]
fn the_same_content_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), 1);
    let a = noise(50_000, 2);
    let h1 = s.put(&a).unwrap();
    let written = std::fs::read(dir.path().join(h1.as_str())).unwrap();
    let h2 = s.put(&a).unwrap();
    assert_eq!(h1, h2);
    assert_eq!(files(dir.path()), vec![h1.to_string()]);
    // The second put wrote nothing (a fresh encryption would have a new nonce).
    assert_eq!(
        std::fs::read(dir.path().join(h1.as_str())).unwrap(),
        written
    );
    let h3 = s.put(&noise(50_000, 3)).unwrap();
    assert_ne!(h1, h3);
    assert_eq!(s.list().unwrap().len(), 2);
    // The same content from two threads at once is still one file.
    let b = noise(200_000, 4);
    std::thread::scope(|t| {
        let hs: Vec<_> = (0..4).map(|_| t.spawn(|| s.put(&b).unwrap())).collect();
        for h in hs {
            assert_eq!(h.join().unwrap(), Sha256Hex::of(&b));
        }
    });
    assert_eq!(files(dir.path()).len(), 3, "{:?}", files(dir.path()));
    assert_eq!(s.get(&Sha256Hex::of(&b)).unwrap(), b);
}

#[test]
fn another_key_cannot_read_the_blobs() {
    let dir = tempfile::tempdir().unwrap();
    let h = store(dir.path(), 1).put(RESIDENT.as_bytes()).unwrap();
    let other = store(dir.path(), 2);
    let e = other.get(&h).unwrap_err();
    assert!(matches!(e, BlobError::Unreadable { .. }), "{e:?}");
    assert_eq!(e.code(), "blob_unreadable");
    // The blob key comes from the replica key in the keyring: two replicas, two keys.
    let secrets = MemorySecretStore::default();
    let db = tempfile::tempdir().unwrap();
    Store::open(&db.path().join("a.db"), &secrets, "replica-a").unwrap();
    Store::open(&db.path().join("b.db"), &secrets, "replica-b").unwrap();
    let ka = BlobKey::from_secrets(&secrets, "replica-a").unwrap();
    let kb = BlobKey::from_secrets(&secrets, "replica-b").unwrap();
    let hex = secrets.get("replica-a").unwrap().unwrap();
    let blobs_a = tempfile::tempdir().unwrap();
    let h = BlobStore::open(blobs_a.path(), ka)
        .unwrap()
        .put(b"foto")
        .unwrap();
    assert_eq!(
        BlobStore::open(blobs_a.path(), BlobKey::from_replica_key_hex(&hex).unwrap())
            .unwrap()
            .get(&h)
            .unwrap(),
        b"foto",
        "the same replica key gives the same blob key"
    );
    let e = BlobStore::open(blobs_a.path(), kb)
        .unwrap()
        .get(&h)
        .unwrap_err();
    assert_eq!(e.code(), "blob_unreadable");
    assert_eq!(
        BlobKey::from_secrets(&secrets, "no-such-replica")
            .unwrap_err()
            .code(),
        "store_key_missing"
    );
}

#[test]
fn tampering_truncation_and_swapped_files_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), 1);
    let a = noise(10_000, 5);
    let b = noise(10_000, 6);
    let (ha, hb) = (s.put(&a).unwrap(), s.put(&b).unwrap());
    let pa = dir.path().join(ha.as_str());
    let original = std::fs::read(&pa).unwrap();
    assert_eq!(original.len() as u64, 10_000 + OVERHEAD);
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("a flipped bit in the ciphertext", {
            let mut d = original.clone();
            d[5_000] ^= 1;
            d
        }),
        ("a flipped bit in the nonce", {
            let mut d = original.clone();
            d[10] ^= 0x80;
            d
        }),
        ("a changed tag", {
            let mut d = original.clone();
            *d.last_mut().unwrap() ^= 0xFF;
            d
        }),
        ("cut short", original[..original.len() - 100].to_vec()),
        ("cut to the header", original[..20].to_vec()),
        ("empty", vec![]),
        ("another format", {
            let mut d = original.clone();
            d[..4].copy_from_slice(b"VWB9");
            d
        }),
        (
            "the other blob's file",
            std::fs::read(dir.path().join(hb.as_str())).unwrap(),
        ),
    ];
    for (what, bytes) in damaged {
        std::fs::write(&pa, &bytes).unwrap();
        let e = s.get(&ha).unwrap_err();
        assert_eq!(e.code(), "blob_unreadable", "{what}: {e:?}");
        assert!(e.message().en.contains("damaged"), "{what}");
    }
    // Storing the content again repairs the damaged copy.
    assert_eq!(s.put(&a).unwrap(), ha);
    assert_eq!(s.get(&ha).unwrap(), a);
    assert_eq!(s.get(&hb).unwrap(), b);
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_plaintext_reaches_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), 1);
    let with_name = |head: &[u8]| {
        let mut v = head.to_vec();
        v.extend_from_slice(RESIDENT.as_bytes());
        v.extend(noise(4_000, 7));
        v.extend_from_slice(RESIDENT.as_bytes());
        v
    };
    let jpeg = with_name(b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01");
    let png = with_name(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR");
    let pdf = with_name(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n");
    let text = with_name(b"Handtekening van ");
    let inputs = [&jpeg, &png, &pdf, &text];
    for b in inputs {
        s.put(b).unwrap();
    }
    let names = files(dir.path());
    assert_eq!(names.len(), 4);
    for name in &names {
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        assert!(bytes.starts_with(b"VWB1"), "{name}");
        for magic in [
            b"\xFF\xD8\xFF".as_slice(),
            b"JFIF",
            b"\x89PNG",
            b"IHDR",
            b"%PDF",
            RESIDENT.as_bytes(),
            "Ruïzendaal".as_bytes(),
            b"Handtekening",
        ] {
            // At the start, where a reader or a file-type scanner would look, and as a
            // whole-enough string anywhere (random ciphertext holds a given 3-byte sequence
            // somewhere in 4 kB now and then, a 4-byte one almost never).
            assert!(!bytes.starts_with(magic), "{name} starts with {magic:?}");
            if magic.len() >= 4 {
                assert!(!contains(&bytes, magic), "{name} contains {magic:?}");
            }
        }
        for input in inputs {
            assert!(
                !contains(&bytes, &input[100..132]),
                "{name} holds plaintext"
            );
        }
        assert!(!name.contains("Ruïzendaal"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Any sequence of puts, removes and reopenings leaves exactly the blobs a map would.
    #[test]
    fn puts_and_removes_match_a_model(ops in proptest::collection::vec((0u8..3, 0u8..6), 1..25)) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path(), 1);
        let mut model: BTreeMap<Sha256Hex, Vec<u8>> = BTreeMap::new();
        for (op, n) in ops {
            let content = noise(usize::from(n) * 700, u64::from(n));
            match op {
                0 => {
                    let h = s.put(&content).unwrap();
                    model.insert(h, content);
                }
                1 => {
                    let h = Sha256Hex::of(&content);
                    prop_assert_eq!(s.remove(&h).unwrap(), model.remove(&h).is_some());
                }
                _ => {
                    drop(s);
                    s = store(dir.path(), 1);
                }
            }
        }
        prop_assert_eq!(s.list().unwrap(), model.keys().cloned().collect::<Vec<_>>());
        for (h, content) in &model {
            prop_assert_eq!(&s.get(h).unwrap(), content);
        }
    }
}
