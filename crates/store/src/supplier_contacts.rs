//! The supplier's fixed contact persons of a resident (PvE 5.2.3a): at most three per
//! resident, shown on the resident's page and named in what the resident receives. The
//! limit is core's ([`check_supplier_contacts`]); every writer here applies it.

use crate::codec::id_from;
use crate::error::Result;
use crate::fetch::collect;
use crate::Writer;
use rusqlite::{params, Connection, Row};
use veldwerk_core::ids::{ResidentId, SupplierContactId};
use veldwerk_core::model::{check_supplier_contacts, SupplierContact};

const SELECT: &str = "SELECT id, resident_id, name, role, phone, email FROM supplier_contacts";

fn contact(row: &Row) -> Result<SupplierContact> {
    Ok(SupplierContact {
        id: id_from(
            "supplier contact id",
            &row.get::<_, String>(0)?,
            SupplierContactId,
        )?,
        resident_id: id_from("resident id", &row.get::<_, String>(1)?, ResidentId)?,
        name: row.get(2)?,
        role: row.get(3)?,
        phone: row.get(4)?,
        email: row.get(5)?,
    })
}

/// A resident's contact persons of the supplier, in the order they were given.
pub(crate) fn of_resident(conn: &Connection, id: ResidentId) -> Result<Vec<SupplierContact>> {
    collect(
        conn,
        &format!("{SELECT} WHERE resident_id = ?1 ORDER BY rowid"),
        [id.to_string()],
        contact,
    )
}

/// Every resident's, for the export of master data.
pub(crate) fn all(conn: &Connection) -> Result<Vec<SupplierContact>> {
    collect(conn, &format!("{SELECT} ORDER BY rowid"), [], contact)
}

fn insert(w: &Writer, c: &SupplierContact) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO supplier_contacts (id, resident_id, name, role, phone, email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET resident_id = excluded.resident_id,
            name = excluded.name, role = excluded.role, phone = excluded.phone,
            email = excluded.email",
    )?
    .execute(params![
        c.id.to_string(),
        c.resident_id.to_string(),
        c.name,
        c.role,
        c.phone,
        c.email
    ])?;
    Ok(())
}

impl Writer<'_> {
    /// Replaces the supplier's contact persons of `resident` (master data from the portal or
    /// the demo). More than three, or one not of this resident, writes nothing.
    pub fn set_supplier_contacts(
        &self,
        resident: ResidentId,
        contacts: &[SupplierContact],
    ) -> Result<()> {
        check_supplier_contacts(contacts)?;
        for c in contacts {
            c.validate()?;
            if c.resident_id != resident {
                return Err(veldwerk_core::ValidationError::InvalidId {
                    kind: "supplier contact's resident",
                }
                .into());
            }
        }
        self.tx
            .prepare_cached("DELETE FROM supplier_contacts WHERE resident_id = ?1")?
            .execute([resident.to_string()])?;
        for c in contacts {
            insert(self, c)?;
        }
        Ok(())
    }

    /// One contact person as a pull brings it: inserted or updated, refused when the resident
    /// would have more than three.
    pub fn upsert_supplier_contact(&self, c: &SupplierContact) -> Result<()> {
        c.validate()?;
        let mut held = of_resident(&self.tx, c.resident_id)?;
        held.retain(|x| x.id != c.id);
        held.push(c.clone());
        check_supplier_contacts(&held)?;
        insert(self, c)
    }
}
