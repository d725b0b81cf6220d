//! Passwords (Argon2id), bearer tokens and session ids: random 256-bit secrets of which the
//! portal stores only a SHA-256 (a secret that long needs no slow hash).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::Rng;
use std::sync::LazyLock;
use veldwerk_sync::protocol::canonical_hash;

/// An Argon2id PHC string of `password` with `salt` (16 random bytes; see [`random_salt`]).
pub fn hash_password(password: &str, salt: &[u8; 16]) -> Result<String, String> {
    let salt = SaltString::encode_b64(salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn random_salt() -> [u8; 16] {
    let mut salt = [0u8; 16];
    rand::rng().fill(&mut salt);
    salt
}

/// A hash to verify against when the login is unknown, so both cases take as long.
static DUMMY: LazyLock<String> =
    LazyLock::new(|| hash_password("no such user", &[7u8; 16]).unwrap_or_default());

/// Whether `password` matches the stored PHC string (None: unknown user, checked against a
/// dummy so the answer takes as long).
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    let phc = stored.unwrap_or(DUMMY.as_str());
    let ok = match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    };
    ok && stored.is_some()
}

/// 256 random bits as 64 hex digits: a bearer token, session id or CSRF token.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the portal stores of a secret.
pub fn secret_hash(secret: &str) -> String {
    canonical_hash(secret.as_bytes())
}

/// Compares two strings in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_and_differ_by_salt() {
        let a = hash_password("geheim", &random_salt()).unwrap();
        let b = hash_password("geheim", &random_salt()).unwrap();
        assert_ne!(a, b);
        assert!(verify_password("geheim", Some(&a)));
        assert!(!verify_password("Geheim", Some(&a)));
        assert!(!verify_password("no such user", None));
    }

    #[test]
    fn secrets_are_long_and_fresh() {
        let (a, b) = (new_secret(), new_secret());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(secret_hash(&a), a);
        assert!(same(&a, &a.clone()) && !same(&a, &b));
    }
}
