//! Adding office and municipality logins (`veldwerk-portal add-user`); technicians' logins
//! come with their master data. A municipality login is tied to one municipality and sees
//! only its residents.

use crate::security::{hash_password, random_salt};
use crate::storage::{EntityFilter, NewUser, PortalStore, Role};
use chrono::{DateTime, Utc};
use veldwerk_core::model::Municipality;
use veldwerk_sync::protocol::EntityKind;

/// The shortest password a new login may have.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A login to add.
#[derive(Clone, Debug)]
pub struct Account {
    pub login: String,
    pub display_name: String,
    /// `office` or `municipality`.
    pub role: String,
    /// For a municipality login: the municipality's code.
    pub municipality: Option<String>,
    pub password: String,
}

/// A municipality by its code (case-insensitive); an unknown code names the known ones.
pub fn municipality_by_code(s: &dyn PortalStore, code: &str) -> Result<Municipality, String> {
    let all: Vec<Municipality> = s
        .entities(EntityKind::Municipality, EntityFilter::All)
        .map_err(|e| e.to_string())?
        .iter()
        .filter_map(|m| m.decode().ok())
        .collect();
    all.iter()
        .find(|m| m.code.eq_ignore_ascii_case(code.trim()))
        .cloned()
        .ok_or_else(|| {
            let codes: Vec<&str> = all.iter().map(|m| m.code.as_str()).collect();
            format!("no municipality {code:?}; known: {}", codes.join(", "))
        })
}

/// The longest name shown for a login.
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;

/// Checks what can be checked without the store or the password: the login, the name to
/// show, and the role with its municipality (or without one); the role, and the
/// municipality's code for a municipality login.
pub fn check(a: &Account) -> Result<(Role, Option<&str>), String> {
    let login = a.login.trim();
    if login.is_empty()
        || login.chars().count() > 120
        || login.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err("a login is 1 to 120 characters without spaces".into());
    }
    let name = a.display_name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_DISPLAY_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(format!(
            "a login needs a name to show of 1 to {MAX_DISPLAY_NAME_CHARS} characters"
        ));
    }
    match (Role::parse(&a.role), a.municipality.as_deref()) {
        (Some(Role::Office), None) => Ok((Role::Office, None)),
        (Some(Role::Municipality), Some(code)) => Ok((Role::Municipality, Some(code))),
        (Some(Role::Municipality), None) => {
            Err("a municipality login needs --municipality <code>".into())
        }
        (Some(Role::Office), Some(_)) => Err("an office login has no municipality".into()),
        _ => Err("the role is office or municipality".into()),
    }
}

/// Adds `a` (audited as `actor`); its id.
pub fn add(
    s: &dyn PortalStore,
    a: &Account,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<i64, String> {
    let (role, code) = check(a)?;
    if a.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!(
            "a password has at least {MIN_PASSWORD_CHARS} characters"
        ));
    }
    let municipality_id = match code {
        Some(code) => Some(municipality_by_code(s, code)?.id),
        None => None,
    };
    let user = NewUser {
        login: a.login.trim().to_lowercase(),
        display_name: a.display_name.trim().to_string(),
        password_hash: hash_password(&a.password, &random_salt())?,
        role,
        technician_id: None,
        municipality_id,
    };
    s.add_user(&user, actor, at).map_err(|e| e.to_string())
}
