//! Users, tokens, sessions and the audit log.

use super::{parse_ts, parse_uuid, ts};
use crate::storage::*;
use rusqlite::{params, Connection, Row};

const USER_COLS: &str =
    "u.id, u.login, u.display_name, u.password_hash, u.role, u.technician_id, u.municipality_id";
/// The number of columns in [`USER_COLS`].
const USER_COL_COUNT: usize = 7;

fn user(r: &Row, at: usize) -> Result<User> {
    let role: String = r.get(at + 4)?;
    let technician: Option<String> = r.get(at + 5)?;
    let municipality: Option<String> = r.get(at + 6)?;
    Ok(User {
        id: r.get(at)?,
        login: r.get(at + 1)?,
        display_name: r.get(at + 2)?,
        password_hash: r.get(at + 3)?,
        role: Role::parse(&role).ok_or(StorageError::Corrupt {
            what: "role",
            detail: role.clone(),
        })?,
        technician_id: technician
            .map(|t| parse_uuid("technician id", &t).map(TechnicianId))
            .transpose()?,
        municipality_id: municipality
            .map(|m| parse_uuid("municipality id", &m).map(MunicipalityId))
            .transpose()?,
    })
}

pub(super) fn user_by_login(c: &Connection, login: &str) -> Result<Option<User>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {USER_COLS} FROM users u WHERE u.login = ?1"
    ))?;
    let mut rows = stmt.query([login.trim().to_lowercase()])?;
    match rows.next()? {
        Some(r) => Ok(Some(user(r, 0)?)),
        None => Ok(None),
    }
}

pub(super) fn insert_user(c: &Connection, u: &NewUser) -> Result<i64> {
    // each role carries its own link and no other's
    let linked = match u.role {
        Role::Technician => u.technician_id.is_some() && u.municipality_id.is_none(),
        Role::Office => u.technician_id.is_none() && u.municipality_id.is_none(),
        Role::Municipality => u.technician_id.is_none() && u.municipality_id.is_some(),
    };
    if !linked {
        return Err(StorageError::Refused(
            "a user's role and its technician or municipality do not match",
        ));
    }
    c.prepare_cached(
        "INSERT INTO users (login, display_name, password_hash, role, technician_id, municipality_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        u.login.trim().to_lowercase(),
        u.display_name,
        u.password_hash,
        u.role.as_str(),
        u.technician_id.map(|t| t.to_string()),
        u.municipality_id.map(|m| m.to_string())
    ])?;
    Ok(c.last_insert_rowid())
}

pub(super) fn add_user(c: &Connection, u: &NewUser, actor: &str, at: DateTime<Utc>) -> Result<i64> {
    if user_by_login(c, &u.login)?.is_some() {
        return Err(StorageError::Refused("that login is taken"));
    }
    let id = insert_user(c, u)?;
    audit(
        c,
        &AuditEntry {
            at,
            actor: actor.to_string(),
            action: "user_added".into(),
            subject: u.login.trim().to_lowercase(),
            detail: u.role.as_str().into(),
        },
    )?;
    Ok(id)
}

pub(super) fn create_token(c: &Connection, t: &NewToken) -> Result<i64> {
    let at = ts(&t.created_at);
    c.prepare_cached(
        "UPDATE tokens SET revoked_at = ?2, revoked_by = 'new login'
         WHERE installation_id = ?1 AND revoked_at IS NULL",
    )?
    .execute(params![t.installation_id.to_string(), at])?;
    c.prepare_cached(
        "INSERT INTO tokens (token_hash, user_id, technician_id, installation_id,
             installation_label, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        t.token_hash,
        t.user_id,
        t.technician_id.to_string(),
        t.installation_id.to_string(),
        t.installation_label,
        at
    ])?;
    Ok(c.last_insert_rowid())
}

const TOKEN_COLS: &str = "id, user_id, technician_id, installation_id, installation_label,
    created_at, last_sync_at, pending, revoked_at";

fn token(r: &Row) -> Result<Token> {
    let opt_time = |i: usize| -> Result<Option<DateTime<Utc>>> {
        r.get::<_, Option<String>>(i)?
            .map(|s| parse_ts("token time", &s))
            .transpose()
    };
    Ok(Token {
        id: r.get(0)?,
        user_id: r.get(1)?,
        technician_id: TechnicianId(parse_uuid("technician id", &r.get::<_, String>(2)?)?),
        installation_id: parse_uuid("installation id", &r.get::<_, String>(3)?)?,
        installation_label: r.get(4)?,
        created_at: parse_ts("token time", &r.get::<_, String>(5)?)?,
        last_sync_at: opt_time(6)?,
        pending: r.get(7)?,
        revoked_at: opt_time(8)?,
    })
}

pub(super) fn token_by_hash(c: &Connection, hash: &str) -> Result<Option<Token>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {TOKEN_COLS} FROM tokens WHERE token_hash = ?1"
    ))?;
    let mut rows = stmt.query([hash])?;
    match rows.next()? {
        Some(r) => Ok(Some(token(r)?)),
        None => Ok(None),
    }
}

pub(super) fn installations(c: &Connection) -> Result<Vec<Token>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {TOKEN_COLS} FROM tokens ORDER BY created_at DESC, id DESC"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(token(r)?);
    }
    Ok(out)
}

pub(super) fn note_sync(
    c: &Connection,
    token_id: i64,
    at: DateTime<Utc>,
    pending: Option<u32>,
) -> Result<()> {
    c.prepare_cached(
        "UPDATE tokens SET last_sync_at = ?2, pending = coalesce(?3, pending) WHERE id = ?1",
    )?
    .execute(params![token_id, ts(&at), pending])?;
    Ok(())
}

pub(super) fn revoke_token(
    c: &Connection,
    token_id: i64,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<bool> {
    let n = c
        .prepare_cached(
            "UPDATE tokens SET revoked_at = ?2, revoked_by = ?3 WHERE id = ?1 AND revoked_at IS NULL",
        )?
        .execute(params![token_id, ts(&at), actor])?;
    if n == 1 {
        audit(
            c,
            &AuditEntry {
                at,
                actor: actor.to_string(),
                action: "token_revoked".into(),
                subject: format!("token {token_id}"),
                detail: String::new(),
            },
        )?;
    }
    Ok(n == 1)
}

pub(super) fn create_session(c: &Connection, s: &NewSession) -> Result<()> {
    c.prepare_cached("DELETE FROM sessions WHERE expires_at <= ?1")?
        .execute([ts(&s.created_at)])?;
    c.prepare_cached(
        "INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        s.id_hash,
        s.user_id,
        s.csrf,
        ts(&s.created_at),
        ts(&s.expires_at)
    ])?;
    Ok(())
}

pub(super) fn session(
    c: &Connection,
    id_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Session>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {USER_COLS}, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = ?1 AND s.expires_at > ?2"
    ))?;
    let mut rows = stmt.query(params![id_hash, ts(&now)])?;
    match rows.next()? {
        Some(r) => Ok(Some(Session {
            user: user(r, 0)?,
            csrf: r.get(USER_COL_COUNT)?,
            expires_at: parse_ts("session time", &r.get::<_, String>(USER_COL_COUNT + 1)?)?,
        })),
        None => Ok(None),
    }
}

pub(super) fn end_session(c: &Connection, id_hash: &str) -> Result<()> {
    c.prepare_cached("DELETE FROM sessions WHERE id_hash = ?1")?
        .execute([id_hash])?;
    Ok(())
}

pub(super) fn audit(c: &Connection, e: &AuditEntry) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![ts(&e.at), e.actor, e.action, e.subject, e.detail])?;
    Ok(())
}

fn audit_rows(mut rows: rusqlite::Rows) -> Result<Vec<AuditEntry>> {
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(AuditEntry {
            at: parse_ts("audit time", &r.get::<_, String>(0)?)?,
            actor: r.get(1)?,
            action: r.get(2)?,
            subject: r.get(3)?,
            detail: r.get(4)?,
        });
    }
    Ok(out)
}

pub(super) fn audit_log(c: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = c.prepare_cached(
        "SELECT at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = audit_rows(stmt.query([limit])?);
    rows
}

pub(super) fn audit_log_of(c: &Connection, kind: AuditKind, limit: u32) -> Result<Vec<AuditEntry>> {
    let op = match kind {
        AuditKind::Actions => "<>",
        AuditKind::PageViews => "=",
    };
    let mut stmt = c.prepare_cached(&format!(
        "SELECT at, actor, action, subject, detail FROM audit_log WHERE action {op} ?1
         ORDER BY id DESC LIMIT ?2"
    ))?;
    let rows = audit_rows(stmt.query(params![PAGE_VIEW_ACTION, limit])?);
    rows
}
