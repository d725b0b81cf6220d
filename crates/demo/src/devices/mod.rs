//! Devices with their slings, logbook history, open malfunctions and past orders.

mod config;
mod config_words;
mod history;
mod logbook;
mod make;

use crate::people::Res;
use crate::rng::{Rand, Stream};
use crate::{Ctx, DemoConfig, DemoPhase, DemoProgress, DemoSummary, DEVICE_BATCH};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use history::Ev;
use make::make_device;
use veldwerk_core::ids::{DeviceId, LogbookEntryId, MalfunctionId};
use veldwerk_core::logbook::NewLogbookEntry;
use veldwerk_core::model::{DeviceStatus, SlingStatus, TechnicianRole};
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Category;
use veldwerk_store::{Store, StoreError};

/// A device as the planning phase needs it.
pub(crate) struct Dev {
    pub id: DeviceId,
    pub category: Category,
    pub status: DeviceStatus,
    pub next_due: Option<NaiveDate>,
    /// Slings in use (hoists).
    pub slings_in_use: u8,
    pub electric: bool,
}

/// An open malfunction as the planning phase needs it.
pub(crate) struct Mal {
    pub id: MalfunctionId,
    pub device: u32,
    pub res: u32,
    pub class: ResponseClass,
    pub reported_at: DateTime<Utc>,
    /// The mechanic it was staged for (one report per mechanic's area: class B/C, or class
    /// A for a mechanic not on call on a weekend or public holiday).
    pub mechanic: Option<usize>,
}

pub(crate) struct Devices {
    pub list: Vec<Dev>,
    pub mals: Vec<Mal>,
}

pub(super) struct Slot {
    pub(super) res: Option<u32>,
    pub(super) category: Option<Category>,
}

fn plan_slots(r: &mut Rand, residents: &[Res], total: usize) -> Vec<Slot> {
    let depot = if total >= 50 { total * 6 / 100 } else { 0 };
    let assigned = total - depot;
    let children: Vec<u32> = (0..residents.len() as u32)
        .filter(|i| residents[*i as usize].child)
        .collect();
    let adults: Vec<u32> = (0..residents.len() as u32)
        .filter(|i| !residents[*i as usize].child)
        .collect();
    let mut slots = Vec::with_capacity(total);
    // Every category code occurs at least once.
    if assigned >= Category::ALL.len() {
        for c in Category::ALL {
            let pool = if matches!(c, Category::C4 | Category::C18) && !children.is_empty() {
                &children
            } else if !adults.is_empty() {
                &adults
            } else {
                &children
            };
            slots.push(Slot {
                res: Some(*r.pick(pool)),
                category: Some(c),
            });
        }
    }
    let mut next = 0u32;
    while slots.len() < assigned {
        let res = if (next as usize) < residents.len() {
            next += 1;
            next - 1
        } else {
            r.below(residents.len()) as u32
        };
        slots.push(Slot {
            res: Some(res),
            category: None,
        });
    }
    while slots.len() < total {
        slots.push(Slot {
            res: None,
            category: None,
        });
    }
    slots
}

/// Counters that run across devices.
pub(super) struct RunState {
    pub(super) sling_seq: u32,
    pub(super) low_battery_pending: bool,
    /// Urgent reports of a weekend or public holiday anchor so far (see make.rs).
    pub(super) on_call_reports: u32,
}

/// Residents whose first device gets a class B/C malfunction reported this morning: one in
/// each mechanic's area (on a weekend or public holiday a class A one of the days before,
/// but for the mechanic on call).
fn staged_residents(
    ctx: &Ctx,
    r: &mut Rand,
    residents: &[Res],
    slots: &[Slot],
) -> Vec<Option<usize>> {
    let mut has_device = vec![false; residents.len()];
    for s in slots {
        if let Some(i) = s.res {
            has_device[i as usize] = true;
        }
    }
    let mut staged = vec![None; residents.len()];
    for (t, tech) in ctx.techs.iter().enumerate() {
        if tech.role != TechnicianRole::Mechanic {
            continue;
        }
        let pool: Vec<usize> = (0..residents.len())
            .filter(|i| {
                has_device[*i]
                    && !residents[*i].child
                    && staged[*i].is_none()
                    && tech.areas.contains(&residents[*i].muni)
            })
            .collect();
        if !pool.is_empty() {
            staged[*r.pick(&pool)] = Some(t);
        }
    }
    staged
}

/// Writes every device (with slings, logbook, malfunctions and past orders) in batches.
pub(crate) fn write_devices(
    store: &mut Store,
    ctx: &mut Ctx,
    cfg: &DemoConfig,
    residents: &mut [Res],
    summary: &mut DemoSummary,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<Devices, StoreError> {
    let mut r = Rand::new(ctx.seed, Stream::Devices);
    let slots = plan_slots(&mut r, residents, cfg.devices);
    let mut staged = staged_residents(ctx, &mut r, residents, &slots);
    let total = slots.len();
    let mut out = Devices {
        list: Vec::with_capacity(total),
        mals: Vec::new(),
    };
    let mut state = RunState {
        sling_seq: 0,
        low_battery_pending: true,
        on_call_reports: 0,
    };
    let report = |done: usize, progress: &mut dyn FnMut(DemoProgress)| {
        progress(DemoProgress {
            phase: DemoPhase::Devices,
            done: done as u64,
            total: total as u64,
        })
    };
    report(0, progress);
    let mut start = 0;
    while start < total {
        let end = (start + DEVICE_BATCH).min(total);
        let w = store.write()?;
        for (i, slot) in slots.iter().enumerate().take(end).skip(start) {
            let res_idx = slot.res.map(|x| x as usize);
            let stage = res_idx.and_then(|x| staged[x].take());
            let made = make_device(
                ctx,
                &mut r,
                i,
                slot,
                res_idx.map(|x| &residents[x]),
                stage,
                &mut state,
            );
            w.upsert_device(&made.device)?;
            for s in &made.slings {
                w.upsert_sling(s)?;
            }
            let recorded_offset = |e: &Ev, r: &mut Rand| {
                if e.author == "portal" {
                    Duration::zero()
                } else {
                    Duration::minutes(r.range(0, 90))
                }
            };
            for e in made.events {
                let recorded_at = e.at + recorded_offset(&e, &mut r);
                w.append_logbook(NewLogbookEntry {
                    id: LogbookEntryId(ctx.ids.at(e.at)),
                    device_id: made.device.id,
                    kind: e.kind,
                    occurred_at: e.at,
                    recorded_at,
                    author: e.author,
                    job_id: None,
                    summary: e.summary,
                    details_json: e.details.to_json(),
                    corrects: None,
                })?;
                summary.logbook_entries += 1;
            }
            if let (Some(m), Some(ri)) = (&made.malfunction, slot.res) {
                w.upsert_malfunction(m)?;
                out.mals.push(Mal {
                    id: m.id,
                    device: i as u32,
                    res: ri,
                    class: m.class,
                    reported_at: m.reported_at,
                    mechanic: made.staged_for,
                });
                summary.malfunctions += 1;
            }
            if let Some(o) = &made.past_order {
                w.upsert_order(o)?;
                summary.orders += 1;
            }
            summary.slings += made.slings.len() as u32;
            if let Some(x) = res_idx {
                residents[x].devices.push(i as u32);
                residents[x].categories.push(made.device.category);
            }
            out.list.push(Dev {
                id: made.device.id,
                category: made.device.category,
                status: made.device.status,
                next_due: made.device.next_maintenance_due,
                slings_in_use: made
                    .slings
                    .iter()
                    .filter(|s| s.status == SlingStatus::InUse)
                    .count()
                    .min(255) as u8,
                electric: made.device.is_electric(),
            });
        }
        w.commit()?;
        summary.devices = end as u32;
        report(end, progress);
        start = end;
    }
    Ok(out)
}
