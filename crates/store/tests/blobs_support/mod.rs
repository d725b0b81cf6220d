//! Helpers shared by the blob store's tests.
#![allow(dead_code)]

use std::path::Path;
use veldwerk_store::blobs::{BlobKey, BlobStore};

pub const RESIDENT: &str = "mevrouw A. Ruïzendaal-Testpersoon";

pub fn key(n: u8) -> BlobKey {
    BlobKey::derive(&[n; 32])
}

pub fn store(dir: &Path, n: u8) -> BlobStore {
    BlobStore::open(dir, key(n)).unwrap()
}

/// Deterministic pseudo-random bytes (incompressible, like a photo).
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}

pub fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
