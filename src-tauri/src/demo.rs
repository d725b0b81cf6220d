//! Demo mode: fills an empty replica with generated, invented data anchored on today.

use crate::error::AppError;
use crate::state::{AppState, Startup};
use veldwerk_demo::{DemoConfig, DemoProgress};
use veldwerk_store::Store;

pub fn fill(state: &AppState, store: &mut Store) -> Result<(), AppError> {
    let today = state.today();
    let cfg = DemoConfig::small(today);
    let mut report = |p: DemoProgress| {
        let step = serde_json::to_value(p.phase)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        state.set_startup(Startup::GeneratingDemo {
            step,
            done: u32::try_from(p.done).unwrap_or(u32::MAX),
            total: u32::try_from(p.total).unwrap_or(u32::MAX),
        });
    };
    veldwerk_demo::generate(store, &cfg, &mut report)?;
    Ok(())
}
