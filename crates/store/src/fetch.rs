//! Running a prepared statement: every row, or the first. The one place rows are fetched.

use crate::error::Result;
use rusqlite::Connection;

pub(crate) fn collect<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl Fn(&rusqlite::Row) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(map(row)?);
    }
    Ok(out)
}

pub(crate) fn one<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl Fn(&rusqlite::Row) -> Result<T>,
) -> Result<Option<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    match rows.next()? {
        Some(row) => Ok(Some(map(row)?)),
        None => Ok(None),
    }
}

/// The JSON `record` column of the row of `table` with `id`, decoded (a record table:
/// messages, work plans, plan updates).
pub(crate) fn record<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    table: &str,
    id: &str,
    what: &'static str,
) -> Result<Option<T>> {
    one(
        conn,
        &format!("SELECT record FROM {table} WHERE id = ?1"),
        [id],
        |r| crate::codec::json_from(what, &r.get::<_, String>(0)?),
    )
}

/// The JSON first column of every row `sql` selects for `key`, decoded.
pub(crate) fn records<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    key: String,
    what: &'static str,
) -> Result<Vec<T>> {
    collect(conn, sql, [key], |r| {
        crate::codec::json_from(what, &r.get::<_, String>(0)?)
    })
}
