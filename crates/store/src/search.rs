//! Offline search over residents and devices with SQLite FTS5.
//!
//! One index row per resident (name, address, postcode, city, resident number) and per device
//! (registration number, serial number, brand, type). The tokenizer folds accents, so
//! "Ruizendaal" finds "Ruïzendaal"; postcodes and numbers are indexed both as written and
//! compacted, so "7311LG", "7311 lg" and "WMO-0456-001" / "wmo0456001" all match.

use crate::error::Result;
use rusqlite::{params, Connection};
use veldwerk_core::model::{Device, Resident};
use veldwerk_core::ValidationError;

/// Index row of a resident / device (see the migration).
pub fn resident_rowid(seq: i64) -> i64 {
    seq * 2
}
pub fn device_rowid(seq: i64) -> i64 {
    seq * 2 + 1
}

/// Letters and digits only, lower case: "WMO-0456/001" -> "wmo0456001".
pub fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub(crate) fn resident_body(r: &Resident) -> String {
    let a = &r.address;
    format!(
        "{} {} {} {} {} {} {} {} {} {}",
        r.first_name,
        r.name_prefix.as_deref().unwrap_or(""),
        r.surname,
        r.initials,
        a.street,
        a.house_number,
        a.postcode.as_str(),
        a.postcode.compact_lower(),
        a.city,
        r.resident_number,
    )
}

pub(crate) fn device_body(d: &Device) -> String {
    format!(
        "{} {} {} {} {} {}",
        d.registration_number,
        compact(&d.registration_number),
        d.serial_number,
        compact(&d.serial_number),
        d.brand,
        d.model,
    )
}

fn replace_row(conn: &Connection, rowid: i64, body: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([rowid])?;
    conn.prepare_cached("INSERT INTO search_index (rowid, body) VALUES (?1, ?2)")?
        .execute(params![rowid, body])?;
    Ok(())
}

pub(crate) fn index_resident(conn: &Connection, seq: i64, r: &Resident) -> Result<()> {
    replace_row(conn, resident_rowid(seq), &resident_body(r))
}

pub(crate) fn index_device(conn: &Connection, seq: i64, d: &Device) -> Result<()> {
    replace_row(conn, device_rowid(seq), &device_body(d))
}

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;
/// At most this many words of a query are used.
pub const MAX_QUERY_WORDS: usize = 6;

/// Turns what the user typed into an FTS5 MATCH expression, or None when there is nothing
/// to search for yet (fewer than 2 letters or digits). Every word is a prefix match and all
/// words must match. A word with punctuation ("WMO-0456") also matches its compact form.
pub fn fts_query(input: &str) -> Result<Option<String>, ValidationError> {
    veldwerk_core::validation::bounded("query", input, MAX_QUERY_CHARS)?;
    let mut parts = Vec::new();
    for word in input.split_whitespace().take(MAX_QUERY_WORDS) {
        let runs: Vec<String> = word
            .split(|c: char| !c.is_alphanumeric())
            .filter(|r| !r.is_empty())
            .map(|r| format!("\"{}\"*", r.to_lowercase()))
            .collect();
        match runs.len() {
            0 => {}
            1 => parts.push(runs[0].clone()),
            _ => parts.push(format!(
                "(\"{}\"* OR ({}))",
                compact(word),
                runs.join(" AND ")
            )),
        }
    }
    let letters: usize = input.chars().filter(|c| c.is_alphanumeric()).count();
    if parts.is_empty() || letters < 2 {
        return Ok(None);
    }
    Ok(Some(parts.join(" AND ")))
}

/// A raw hit: the index row id.
pub(crate) fn hits(conn: &Connection, expr: &str, limit: u32) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rowid FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![expr, limit], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries() {
        assert_eq!(fts_query("").unwrap(), None);
        assert_eq!(fts_query("a").unwrap(), None);
        assert_eq!(fts_query("  -- ").unwrap(), None);
        assert_eq!(fts_query("Jan").unwrap().unwrap(), "\"jan\"*");
        assert_eq!(
            fts_query("7311 LG").unwrap().unwrap(),
            "\"7311\"* AND \"lg\"*"
        );
        assert_eq!(
            fts_query("WMO-0456").unwrap().unwrap(),
            "(\"wmo0456\"* OR (\"wmo\"* AND \"0456\"*))"
        );
        // FTS syntax typed by the user is never interpreted
        assert_eq!(
            fts_query("a\" OR b*").unwrap().unwrap(),
            "\"a\"* AND \"or\"* AND \"b\"*"
        );
        assert!(fts_query(&"x".repeat(101)).is_err());
    }
}
