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

/// How a query is run: the primary FTS5 expression, and a broader one to try when the
/// primary finds nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchPlan {
    pub primary: String,
    pub fallback: Option<String>,
}

fn is_postcode_digits(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && !w.starts_with('0')
}

fn is_postcode_letters(w: &str) -> bool {
    w.len() == 2 && w.bytes().all(|b| b.is_ascii_alphabetic())
}

fn prefix(term: &str) -> String {
    format!("\"{term}\"*")
}

/// Turns what the user typed into FTS5 expressions, or None when there is nothing to search
/// for yet (fewer than 2 letters or digits). Every word is a prefix match and all words must
/// match; the user's text is never interpreted as FTS5 syntax (only letters and digits pass).
/// - "7311 LG" and "7311lg" become the compact postcode token, which is exact and fast;
/// - a word with punctuation ("WMO-0232-000080", "SN-7788") is matched in its compact form
///   first ("wmo0232000080"); only if that finds nothing are its parts matched separately
///   (so "0232-000080" still finds "WMO-0232-000080").
pub fn plan(input: &str) -> Result<Option<SearchPlan>, ValidationError> {
    veldwerk_core::validation::bounded("query", input, MAX_QUERY_CHARS)?;
    let letters: usize = input.chars().filter(|c| c.is_alphanumeric()).count();
    let words: Vec<&str> = input.split_whitespace().take(MAX_QUERY_WORDS).collect();
    let mut primary = Vec::new();
    let mut fallback = Vec::new();
    let mut broadened = false;
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        if is_postcode_digits(word) && words.get(i + 1).is_some_and(|w| is_postcode_letters(w)) {
            let pc = prefix(&format!("{}{}", word, words[i + 1].to_lowercase()));
            primary.push(pc.clone());
            fallback.push(pc);
            i += 2;
            continue;
        }
        let runs: Vec<String> = word
            .split(|c: char| !c.is_alphanumeric())
            .filter(|r| !r.is_empty())
            .map(str::to_lowercase)
            .collect();
        match runs.len() {
            0 => {}
            1 => {
                primary.push(prefix(&runs[0]));
                fallback.push(prefix(&runs[0]));
            }
            _ => {
                primary.push(prefix(&compact(word)));
                let parts: Vec<String> = runs.iter().map(|r| prefix(r)).collect();
                fallback.push(format!("({})", parts.join(" AND ")));
                broadened = true;
            }
        }
        i += 1;
    }
    if primary.is_empty() || letters < 2 {
        return Ok(None);
    }
    Ok(Some(SearchPlan {
        primary: primary.join(" AND "),
        fallback: broadened.then(|| fallback.join(" AND ")),
    }))
}

/// The index rows that match, in index order (residents and devices by age in the replica).
/// Not ranked: with prefix matching over names and numbers, relevance ranking adds cost on
/// broad queries without telling the technician more; a broad query says "type more".
pub(crate) fn hits(conn: &Connection, plan: &SearchPlan, limit: u32) -> Result<Vec<i64>> {
    let run = |expr: &str| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare_cached(
            "SELECT rowid FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![expr, limit], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    };
    let found = run(&plan.primary)?;
    match &plan.fallback {
        Some(f) if found.is_empty() => run(f),
        _ => Ok(found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str) -> Option<(String, Option<String>)> {
        plan(q).unwrap().map(|p| (p.primary, p.fallback))
    }

    #[test]
    fn queries() {
        assert_eq!(p(""), None);
        assert_eq!(p("a"), None);
        assert_eq!(p("  -- "), None);
        assert_eq!(p("Jan"), Some(("\"jan\"*".into(), None)));
        assert_eq!(p("7311 LG"), Some(("\"7311lg\"*".into(), None)));
        assert_eq!(p("7311lg"), Some(("\"7311lg\"*".into(), None)));
        assert_eq!(
            p("kerkstraat 7311"),
            Some(("\"kerkstraat\"* AND \"7311\"*".into(), None))
        );
        assert_eq!(
            p("WMO-0456"),
            Some((
                "\"wmo0456\"*".into(),
                Some("(\"wmo\"* AND \"0456\"*)".into())
            ))
        );
        // FTS syntax typed by the user is never interpreted
        assert_eq!(
            p("a\" OR b*"),
            Some(("\"a\"* AND \"or\"* AND \"b\"*".into(), None))
        );
        assert!(plan(&"x".repeat(101)).is_err());
    }
}
