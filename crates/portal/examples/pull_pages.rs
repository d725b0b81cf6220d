//! Times pull pages straight from storage, against a reference measured in the same run:
//! reading the same number of entity rows (their JSON) by primary key in one statement.
//!
//! ```text
//! cargo run --release -p veldwerk-portal --example pull_pages -- <seeded portal.db> [limit]
//! ```

use std::time::Instant;
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::PortalStore;
use veldwerk_sync::protocol::EntityKind;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: pull_pages <portal.db> [limit]")?;
    let limit: u32 = args.next().map_or(Ok(1000), |l| l.parse())?;
    let store = SqliteStore::open(std::path::Path::new(&db))?;
    let techs = store.entities(
        EntityKind::Technician,
        veldwerk_portal::storage::EntityFilter::All,
    )?;
    let mut pages = Vec::new();
    let mut changes = 0usize;
    for t in techs.iter().take(5) {
        let tid = veldwerk_core::ids::TechnicianId(t.id);
        let mut cursor = 0;
        loop {
            let start = Instant::now();
            let page = store.pull(tid, cursor, limit)?;
            pages.push(start.elapsed().as_secs_f64() * 1000.0);
            changes += page.changes.len();
            cursor = page.next_cursor;
            if !page.more {
                break;
            }
        }
    }
    // reference: the same amount of entity JSON read in plain keyset-paged SELECTs
    let conn = rusqlite::Connection::open(&db)?;
    let mut reference = Vec::new();
    let (mut kind, mut id) = (String::new(), String::new());
    let mut read = 0usize;
    while read < changes {
        let start = Instant::now();
        let mut stmt = conn.prepare_cached(
            "SELECT kind, id, data FROM entities WHERE (kind, id) > (?1, ?2)
             ORDER BY kind, id LIMIT ?3",
        )?;
        let rows: Vec<(String, String, String)> = stmt
            .query_map(rusqlite::params![kind, id, limit], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        reference.push(start.elapsed().as_secs_f64() * 1000.0);
        match rows.last() {
            Some((k, i, _)) => (kind, id) = (k.clone(), i.clone()),
            None => (kind, id) = (String::new(), String::new()),
        }
        read += rows.len().max(1);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let (p, r) = (median(&mut pages), median(&mut reference));
    println!("{} pages ({changes} changes) of up to {limit}: median {p:.2} ms per page; reference {r:.2} ms; ratio {:.2}", pages.len(), p / r);
    Ok(())
}
