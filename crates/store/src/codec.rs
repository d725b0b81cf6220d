//! Conversions between domain values and their stored text form.

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use veldwerk_core::logbook::canonical_time;

/// A unit-like enum's serde name ("in_use", "A", "7").
pub fn enum_text<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

pub fn enum_from<T: DeserializeOwned>(what: &'static str, s: &str) -> Result<T> {
    use serde::de::value::{Error, StrDeserializer};
    T::deserialize(StrDeserializer::<Error>::new(s)).map_err(|e| StoreError::Corrupt {
        what,
        detail: format!("{s:?}: {e}"),
    })
}

pub fn json_text<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

pub fn json_from<T: DeserializeOwned>(what: &'static str, s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt {
        what,
        detail: e.to_string(),
    })
}

pub fn time_text(t: &DateTime<Utc>) -> String {
    canonical_time(t)
}

pub fn time_from(what: &'static str, s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt {
            what,
            detail: format!("{s:?}: {e}"),
        })
}

pub fn date_text(d: &NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn date_from(what: &'static str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| StoreError::Corrupt {
        what,
        detail: format!("{s:?}: {e}"),
    })
}

pub fn opt_date_from(what: &'static str, s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|s| date_from(what, &s)).transpose()
}

pub fn opt_time_from(what: &'static str, s: Option<String>) -> Result<Option<DateTime<Utc>>> {
    s.map(|s| time_from(what, &s)).transpose()
}

pub fn id_from<T>(what: &'static str, s: &str, make: impl Fn(uuid::Uuid) -> T) -> Result<T> {
    uuid::Uuid::parse_str(s)
        .map(make)
        .map_err(|e| StoreError::Corrupt {
            what,
            detail: format!("{s:?}: {e}"),
        })
}
