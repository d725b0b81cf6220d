//! Secrets (the replica key, later the portal token) live in the OS keyring, behind this small
//! trait so that the rest of the store does not depend on how they are kept.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SecretError(pub String);

/// Where secrets are kept. Implementations must be safe to share between threads.
pub trait SecretStore: Send + Sync {
    /// The secret named `name`, or None when there is none.
    fn get(&self, name: &str) -> Result<Option<String>, SecretError>;
    fn set(&self, name: &str, value: &str) -> Result<(), SecretError>;
    /// Removes the secret; removing a missing secret is not an error.
    fn delete(&self, name: &str) -> Result<(), SecretError>;
}

/// The OS keyring: Secret Service on Linux, Keychain on macOS, Credential Manager on Windows.
pub struct KeyringSecretStore {
    service: String,
}

impl KeyringSecretStore {
    /// Secrets are stored under this service name (e.g. "nl.veldwerk.app").
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, name).map_err(|e| SecretError(e.to_string()))
    }
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, name: &str) -> Result<Option<String>, SecretError> {
        match self.entry(name)?.get_password() {
            Ok(v) => Ok(Some(v)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(SecretError(e.to_string())),
        }
    }

    fn set(&self, name: &str, value: &str) -> Result<(), SecretError> {
        self.entry(name)?
            .set_password(value)
            .map_err(|e| SecretError(e.to_string()))
    }

    fn delete(&self, name: &str) -> Result<(), SecretError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(SecretError(e.to_string())),
        }
    }
}

/// Secrets in memory only, for benchmarks and tests of everything but the keyring itself
/// (the keyring has its own tests against a real Secret Service).
#[derive(Default)]
pub struct MemorySecretStore {
    values: Mutex<HashMap<String, String>>,
}

impl SecretStore for MemorySecretStore {
    fn get(&self, name: &str) -> Result<Option<String>, SecretError> {
        let map = self
            .values
            .lock()
            .map_err(|_| SecretError("poisoned".into()))?;
        Ok(map.get(name).cloned())
    }

    fn set(&self, name: &str, value: &str) -> Result<(), SecretError> {
        let mut map = self
            .values
            .lock()
            .map_err(|_| SecretError("poisoned".into()))?;
        map.insert(name.to_string(), value.to_string());
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), SecretError> {
        let mut map = self
            .values
            .lock()
            .map_err(|_| SecretError("poisoned".into()))?;
        map.remove(name);
        Ok(())
    }
}
