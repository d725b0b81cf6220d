//! The supplier's fixed contact persons of each resident (PvE 5.2.3a, at most three): the
//! case manager of the resident's municipality, one of the office's planners, and often the
//! mechanic who usually comes. Drawn from a random stream and an id stream of their own, so
//! adding them shifted nothing else the demo makes.

use crate::data::{FEMALE_MID, MALE_MID, SURNAMES};
use crate::people::{mail_name, Res};
use crate::rng::{Ids, Rand, Stream};
use crate::{days_before, local_time, Ctx, RESIDENT_BATCH};
use chrono::{DateTime, Utc};
use veldwerk_core::ids::SupplierContactId;
use veldwerk_core::model::{SupplierContact, TechnicianRole};
use veldwerk_store::{Store, StoreError};

/// The office's planners (one is each resident's fixed planner).
const PLANNERS: usize = 4;
/// The supplier's service line, the number residents are given for everything.
const SERVICE_LINE: &str = "088 204 1100";

struct Contacts {
    r: Rand,
    ids: Ids,
    planners: Vec<(String, String)>,
    created: DateTime<Utc>,
}

impl Contacts {
    fn new(seed: u64, created: DateTime<Utc>) -> Contacts {
        let mut r = Rand::new(seed, Stream::Contacts);
        let mut planners: Vec<(String, String)> = Vec::new();
        while planners.len() < PLANNERS {
            let female = r.chance(60);
            let first = *r.pick(if female { FEMALE_MID } else { MALE_MID });
            let (prefix, surname) = *r.pick(SURNAMES);
            let name = match prefix {
                Some(p) => format!("{first} {p} {surname}"),
                None => format!("{first} {surname}"),
            };
            if planners.iter().all(|(n, _)| *n != name) {
                planners.push((name, mail_name(first, prefix, surname)));
            }
        }
        Contacts {
            r,
            ids: Ids::on(seed, Stream::Contacts),
            planners,
            created,
        }
    }

    /// The contact persons of `res` (a planner always; one to three).
    fn of(&mut self, ctx: &Ctx, res: &Res) -> Vec<SupplierContact> {
        let mut out = Vec::with_capacity(3);
        let in_area = |role: TechnicianRole| {
            ctx.techs
                .iter()
                .filter(move |t| t.role == role && t.areas.contains(&res.muni))
        };
        let mut add = |ids: &mut Ids, name: String, role: &str, email: Option<String>| {
            out.push(SupplierContact {
                id: SupplierContactId(ids.at(self.created)),
                resident_id: res.id,
                name,
                role: role.to_string(),
                phone: Some(SERVICE_LINE.to_string()),
                email,
            })
        };
        if let Some(cm) = in_area(TechnicianRole::CaseManager).next() {
            add(&mut self.ids, cm.name.clone(), "casemanager", None);
        }
        let (planner, mail) = self.r.pick(&self.planners).clone();
        add(
            &mut self.ids,
            planner,
            "planner",
            Some(format!("{mail}@example.com")),
        );
        let mechanics: Vec<_> = in_area(TechnicianRole::Mechanic).collect();
        if !mechanics.is_empty() && self.r.chance(70) {
            let m = mechanics[self.r.below(mechanics.len())];
            add(&mut self.ids, m.name.clone(), "vaste monteur", None);
        }
        out
    }
}

/// Writes every resident's contact persons, in batches of residents.
pub(crate) fn write_contacts(
    store: &mut Store,
    ctx: &Ctx,
    residents: &[Res],
) -> Result<(), StoreError> {
    let mut contacts = Contacts::new(
        ctx.seed,
        local_time(days_before(ctx.anchor, 2 * 365), 8 * 60),
    );
    for batch in residents.chunks(RESIDENT_BATCH) {
        let w = store.write()?;
        for res in batch {
            w.set_supplier_contacts(res.id, &contacts.of(ctx, res))?;
        }
        w.commit()?;
    }
    Ok(())
}
