//! The reference: the same reads as the store does, as plain SQL on the same file, without
//! the store's decoding into domain types and views.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::path::Path;
use veldwerk_core::ids::TechnicianId;
use veldwerk_core::logbook::canonical_time;
use veldwerk_core::sla::{end_of_local_day, start_of_local_day};

/// The columns the store reads for a device in a list (its DEVICE_SUMMARY_COLS).
const SUMMARY: &str = "id, registration_number, category, brand, model, serial_number, status,
    resident_id, next_maintenance_due, next_inspection_due";

/// Reads every column of a row into owned values, as any code showing the row must.
fn read_all(row: &rusqlite::Row) -> usize {
    let n = row.as_ref().column_count();
    let values: Vec<rusqlite::types::Value> = (0..n).filter_map(|i| row.get(i).ok()).collect();
    std::hint::black_box(&values);
    values.len()
}

pub fn open(path: &Path, key: &str) -> Connection {
    let c = Connection::open(path).expect("open");
    c.execute_batch(&format!(
        "PRAGMA key = \"x'{key}'\";
         PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY;"
    ))
    .expect("key");
    c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .expect("decrypt");
    c
}

/// A job's id, device, order and malfunction.
type JobRow = (String, Option<String>, Option<String>, Option<String>);

/// Today as raw SQL: the appointments, and per appointment the resident with the
/// municipality, the jobs, and per job the device, order, malfunction, draft state and the
/// order's latest deviation request. Returns the number of appointments.
pub fn today(c: &Connection, tech: TechnicianId, day: NaiveDate) -> usize {
    let from = canonical_time(&start_of_local_day(day));
    let to = canonical_time(&end_of_local_day(day));
    let _t: String = c
        .prepare_cached("SELECT name FROM technicians WHERE id = ?1")
        .unwrap()
        .query_row([tech.to_string()], |r| r.get(0))
        .unwrap();
    let mut appts = c
        .prepare_cached(
            "SELECT id, resident_id FROM appointments WHERE technician_id = ?1
               AND starts_at >= ?2 AND starts_at < ?3 ORDER BY starts_at, id",
        )
        .unwrap();
    let list: Vec<(String, String)> = appts
        .query_map(params![tech.to_string(), from, to], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut n = 0;
    for (appt, resident) in &list {
        c.prepare_cached(
            "SELECT r.*, m.name FROM residents r JOIN municipalities m ON m.id = r.municipality_id
             WHERE r.id = ?1",
        )
        .unwrap()
        .query_row([resident], |r| Ok(read_all(r)))
        .unwrap();
        let mut jobs = c
            .prepare_cached("SELECT * FROM jobs WHERE appointment_id = ?1 ORDER BY rowid")
            .unwrap();
        let js: Vec<JobRow> = jobs
            .query_map([appt], |r| {
                Ok((
                    r.get("id")?,
                    r.get("device_id")?,
                    r.get("order_id")?,
                    r.get("malfunction_id")?,
                ))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (job, d, o, m) in js {
            let device_sql = format!("SELECT {SUMMARY} FROM devices WHERE id = ?1");
            for (sql, id) in [
                (device_sql.as_str(), d),
                ("SELECT * FROM orders WHERE id = ?1", o.clone()),
                ("SELECT * FROM malfunctions WHERE id = ?1", m),
                ("SELECT state FROM job_drafts WHERE job_id = ?1", Some(job)),
                (
                    "SELECT status FROM deviation_requests WHERE order_id = ?1
                     ORDER BY requested_at DESC, rowid DESC LIMIT 1",
                    o,
                ),
            ] {
                if let Some(id) = id {
                    let mut s = c.prepare_cached(sql).unwrap();
                    let mut rows = s.query([id]).unwrap();
                    while let Some(row) = rows.next().unwrap() {
                        read_all(row);
                    }
                }
            }
        }
        n += 1;
    }
    n
}

/// Search as raw SQL: the FTS query, then each hit's row, then the devices of residents that
/// matched by name. Returns the number of hits.
pub fn search(c: &Connection, q: &str, limit: u32) -> usize {
    let Some(plan) = veldwerk_store::search::plan(q).expect("valid query") else {
        return 0;
    };
    let run = |expr: &str| -> Vec<i64> {
        c.prepare_cached(
            "SELECT rowid FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid LIMIT ?2",
        )
        .unwrap()
        .query_map(params![expr, limit + 1], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let mut hits = run(&plan.primary);
    if let (true, Some(f)) = (hits.is_empty(), &plan.fallback) {
        hits = run(f);
    }
    for rowid in hits.iter().take(limit as usize) {
        if rowid % 2 == 0 {
            let id: String = c
                .prepare_cached(
                    "SELECT r.*, m.name FROM residents r
                     JOIN municipalities m ON m.id = r.municipality_id WHERE r.seq = ?1",
                )
                .unwrap()
                .query_row([rowid / 2], |r| {
                    read_all(r);
                    r.get("id")
                })
                .unwrap();
            let mut s = c
                .prepare_cached(&format!(
                    "SELECT {SUMMARY} FROM devices WHERE resident_id = ?1
                     ORDER BY category, registration_number LIMIT ?2"
                ))
                .unwrap();
            let mut rows = s.query(params![id, 20]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                read_all(row);
            }
        } else {
            let mut s = c
                .prepare_cached(&format!("SELECT {SUMMARY} FROM devices WHERE seq = ?1"))
                .unwrap();
            let mut rows = s.query([rowid / 2]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                read_all(row);
                let resident: Option<String> = row.get("resident_id").unwrap();
                if let Some(r) = resident {
                    c.prepare_cached(
                        "SELECT r.*, m.name FROM residents r
                         JOIN municipalities m ON m.id = r.municipality_id WHERE r.id = ?1",
                    )
                    .unwrap()
                    .query_row([r], |r| Ok(read_all(r)))
                    .unwrap();
                }
            }
        }
    }
    hits.len()
}
