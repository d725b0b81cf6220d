//! The Veldwerk desktop shell: window, state and commands. Thin by design: commands validate
//! input, call the store or core, and map errors to [`error::AppError`].

mod camera;
pub mod clock;
pub mod commands;
mod demo;
pub mod documents;
pub mod error;
pub mod startup;
pub mod state;
pub mod sync_loop;
pub mod templates;
pub mod timing;
mod werkbon;

use state::{AppState, Launch};
use std::path::PathBuf;
use tauri::Manager;

/// The commands the UI may call, with their TypeScript bindings, and the rules' lists and
/// numbers the UI shows (computed in Rust, so the UI keeps no copy of a rule).
pub fn specta_builder<R: tauri::Runtime>() -> tauri_specta::Builder<R> {
    use commands::*;
    use veldwerk_core::jobs::{
        CheckResult, ComplaintChannel, ComplaintProcess, NotHomeReason, SignalKind,
        SignaturePurpose, SignerRole,
    };
    let always_urgent: Vec<SignalKind> = SignalKind::ALL
        .into_iter()
        .filter(|k| k.always_urgent())
        .collect();
    tauri_specta::Builder::<R>::new()
        .disable_serde_phases()
        .constant("CHECK_RESULTS", CheckResult::ALL)
        .constant("CATEGORIES", veldwerk_core::Category::ALL)
        .constant("SIGNAL_KINDS", SignalKind::ALL)
        .constant("ALWAYS_URGENT_SIGNALS", always_urgent)
        .constant("COMPLAINT_PROCESSES", ComplaintProcess::ALL)
        .constant("COMPLAINT_CHANNELS", ComplaintChannel::ALL)
        .constant(
            "MAX_COMPLAINT_AGE_DAYS",
            veldwerk_core::jobs::MAX_COMPLAINT_AGE_DAYS,
        )
        .constant("NOT_HOME_REASONS", NotHomeReason::ALL)
        .constant("SIGNER_ROLES", SignerRole::ALL)
        .constant("PARAAF_ROLES", SignaturePurpose::SignOff.roles())
        .constant(
            "AGREEMENT_RESIDENT_ROLES",
            SignaturePurpose::AGREEMENT_RESIDENT_SIDE,
        )
        .constant(
            "AGREEMENT_SUPPLIER_ROLES",
            SignaturePurpose::AGREEMENT_SUPPLIER_SIDE,
        )
        .constant(
            "MAX_WINDOW_MINUTES",
            veldwerk_core::model::MAX_WINDOW_MINUTES,
        )
        .constant("ERROR_CODES", veldwerk_core::ErrorCode::ALL)
        .typ::<veldwerk_core::ErrorCode>()
        .commands(tauri_specta::collect_commands![
            session::app_status,
            session::retry_startup,
            session::list_technicians,
            session::choose_technician,
            session::report_drawn,
            agenda::today,
            records::resident,
            records::device_passport,
            records::search,
            jobs::open_job,
            jobs::start_job,
            jobs::save_answer,
            jobs::clear_answer,
            jobs::all_ok,
            jobs::job_event,
            jobs::complete_job,
            signing::agreement_preview,
            signing::agreement_signers,
            signing::record_signature,
            signing::complete_delivery,
            signing::sign_off,
            commands::documents::device_documents,
            photos::add_photo,
            photos::add_device_photo,
            photos::job_photos,
            photos::device_photos,
            photos::photo_image,
            commands::documents::export_document,
            visit::report_not_home,
            visit::record_signal,
            visit::record_complaint,
            messages::inform_missed_deadline,
            messages::job_messages,
            messages::inform_appointment_moved,
            messages::appointment_messages,
            plans::record_work_plan,
            plans::record_plan_update,
            plans::resident_plans,
            visit::loan_candidates,
            visit::report_malfunction,
            visit::correct_logbook_entry,
            sync::sync_status,
            sync::sync_now,
            sync::portal_login,
            sync::portal_logout,
            sync::job_sync_state,
        ])
}

/// Where the generated bindings live, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// Exports the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust types by tauri-specta. Do not edit by hand.\n// Regenerate: UPDATE_BINDINGS=1 cargo test -p veldwerk --lib bindings\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

fn launch_from_env() -> Result<Launch, String> {
    let args: Vec<String> = std::env::args().collect();
    let demo = args.iter().any(|a| a == "--demo")
        || std::env::var("VELDWERK_DEMO").is_ok_and(|v| v == "1");
    let data_dir = std::env::var_os("VELDWERK_DATA_DIR").map(PathBuf::from);
    Ok(Launch {
        data_dir: data_dir.unwrap_or_default(),
        demo,
        keyring_service: std::env::var("VELDWERK_KEYRING_SERVICE")
            .unwrap_or_else(|_| "nl.veldwerk.app".to_string()),
        clock: clock::Clock::from_env()?,
    })
}

/// WebKitGTK's DMA-BUF renderer (GPU buffers shared with the web process) roughly doubles
/// the web process's memory and is a known cause of blank windows on some drivers; a forms app
/// does not need it. Set before WebKit starts, unless the user chose otherwise. Measured in
/// BENCHMARKS.md (app + WebKit PSS about 345 MB with it, about 245 MB without).
fn tune_webkit() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        // Called first in `run`, before any thread exists.
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

pub fn run() {
    tune_webkit();
    timing::mark_start();
    let builder = specta_builder::<tauri::Wry>();
    let mut launch = match launch_from_env() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("veldwerk: {e}");
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            if launch.data_dir.as_os_str().is_empty() {
                launch.data_dir = app.path().app_data_dir()?;
            }
            let state = AppState::new(launch.clone());
            let handle = app.handle().clone();
            let _ = state.save_dialog.set(Box::new(move |name, dir| {
                use tauri_plugin_dialog::DialogExt;
                handle
                    .dialog()
                    .file()
                    .set_file_name(name)
                    .set_directory(dir)
                    .add_filter("PDF", &["pdf"])
                    .blocking_save_file()
                    .and_then(|p| p.into_path().ok())
            }));
            app.manage(state.clone());
            if let Some(window) = app.get_webview_window("main") {
                camera::allow_in(&window);
            }
            let sync = sync_loop::Sync::new(state.clone());
            app.manage(sync.clone());
            startup::spawn(state.clone());
            tauri::async_runtime::spawn(sync_loop::run(sync.clone()));
            tauri::async_runtime::spawn(sync_loop::demo_login(state, sync));
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("Veldwerk could not start its window");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when ui/src/lib/bindings.ts does not match the Rust types.
    #[test]
    fn bindings_are_fresh() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let checked_in = root.join(BINDINGS_PATH);
        if std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
            export_bindings(&checked_in).expect("export bindings");
            return;
        }
        let tmp = tempfile::tempdir().expect("tempdir");
        let fresh = tmp.path().join("bindings.ts");
        export_bindings(&fresh).expect("export bindings");
        let want = std::fs::read_to_string(&fresh).expect("read fresh bindings");
        let have = std::fs::read_to_string(&checked_in).unwrap_or_default();
        assert!(
            want == have,
            "{BINDINGS_PATH} is stale: run `UPDATE_BINDINGS=1 cargo test -p veldwerk --lib bindings`"
        );
    }
}
