//! Offline search over residents and devices with SQLite FTS5.
//!
//! One index row per resident (name, address, postcode, city, resident number) and per device
//! (registration number, serial number, brand, type). Text is folded before it is indexed and
//! before it is searched (`veldwerk_core::text::fold`), so "Ruizendaal" finds "Ruïzendaal" and
//! "Yilmaz" finds "Yılmaz"; postcodes are indexed as written and compacted ("7311LG", "7311
//! lg"); registration and serial numbers as written, compacted, and compacted from each of
//! their groups on ("WMO-0456-001" is also "wmo0456001", "0456001" and "001"), so dashes and
//! spaces are ignored both ways and the digits alone find the device.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
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

/// A number as written, then compacted from each group on: "WMO-0456-001" ->
/// "WMO-0456-001 wmo0456001 0456001 001".
fn number_tokens(number: &str) -> String {
    let groups: Vec<&str> = number
        .split(|c: char| !c.is_alphanumeric())
        .filter(|g| !g.is_empty())
        .collect();
    let mut out = vec![number.to_string()];
    for i in 0..groups.len() {
        out.push(groups[i..].concat().to_lowercase());
    }
    out.join(" ")
}

pub(crate) fn resident_body(r: &Resident) -> String {
    veldwerk_core::text::fold(&resident_text(r))
}

fn resident_text(r: &Resident) -> String {
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
    veldwerk_core::text::fold(&format!(
        "{} {} {} {}",
        number_tokens(&d.registration_number),
        number_tokens(&d.serial_number),
        d.brand,
        d.model,
    ))
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

/// The version of what the index holds per row (the bodies above). A replica indexed by an
/// earlier version is indexed again when it is opened.
pub const INDEX_FORMAT: &str = "2";

const FORMAT_SETTING: &str = "search_index_format";

/// Indexes every resident and device again when the replica's index was made by another
/// version of the bodies (one transaction; the index is derived data, nothing is lost).
pub(crate) fn ensure_current(conn: &mut Connection) -> Result<()> {
    let current: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [FORMAT_SETTING],
            |r| r.get(0),
        )
        .optional()?;
    if current.as_deref() == Some(INDEX_FORMAT) {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute("DELETE FROM search_index", [])?;
    {
        // the decoders read the listed columns first; the row's seq comes last
        let cols = crate::rows::RESIDENT;
        let sql = format!(
            "SELECT {}, r.seq FROM residents r",
            crate::rows::select(cols, "r")
        );
        let mut stmt = tx.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(cols.len())?;
            let r = crate::rows::resident(row)?;
            replace_row(&tx, resident_rowid(seq), &resident_body(&r))?;
        }
        let cols = crate::rows::DEVICE;
        let sql = format!(
            "SELECT {}, d.seq FROM devices d",
            crate::rows::select(cols, "d")
        );
        let mut stmt = tx.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(cols.len())?;
            let d = crate::rows::device(row)?;
            replace_row(&tx, device_rowid(seq), &device_body(&d))?;
        }
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![FORMAT_SETTING, INDEX_FORMAT],
    )?;
    tx.commit()?;
    Ok(())
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
    let folded = veldwerk_core::text::fold(input);
    let letters: usize = folded.chars().filter(|c| c.is_alphanumeric()).count();
    let words: Vec<&str> = folded.split_whitespace().take(MAX_QUERY_WORDS).collect();
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
