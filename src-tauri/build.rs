use std::fmt::Write as _;
use std::path::Path;

/// Embeds every checklist template in assets/templates into the binary, so the app always
/// has its forms; the list is generated so that a new file cannot be forgotten.
fn embed_templates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("/// Checklist templates embedded from assets/templates.\npub const TEMPLATE_FILES: &[(&str, &str)] = &[\n");
    for n in &names {
        let path = dir.join(n);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            out,
            "    ({n:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("templates.rs");
    std::fs::write(target, out).expect("write templates.rs");
}

fn main() {
    embed_templates();
    tauri_build::build()
}
