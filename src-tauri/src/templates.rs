//! The checklist templates: embedded from assets/templates at build time, or read from the
//! folder in `VELDWERK_TEMPLATES_DIR` (a supplier's updated set, and tests). Every file is
//! validated at start; a broken one is left out and reported, never a reason not to start.

use veldwerk_core::jobs::{TemplateProblem, TemplateSet};

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// Loads the templates the app will use, with the problems of those it cannot use.
pub fn load() -> (TemplateSet, Vec<TemplateProblem>) {
    match std::env::var_os("VELDWERK_TEMPLATES_DIR") {
        Some(dir) => load_dir(std::path::Path::new(&dir)),
        None => TemplateSet::load(TEMPLATE_FILES.iter().copied()),
    }
}

/// Reads every `*.json` in `dir`.
pub fn load_dir(dir: &std::path::Path) -> (TemplateSet, Vec<TemplateProblem>) {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut problems = Vec::new();
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !name.ends_with(".json") {
                    continue;
                }
                match std::fs::read_to_string(e.path()) {
                    Ok(text) => files.push((name, text)),
                    Err(err) => problems.push(TemplateProblem {
                        source: name,
                        reason: format!("cannot be read: {err}"),
                    }),
                }
            }
        }
        Err(err) => problems.push(TemplateProblem {
            source: dir.display().to_string(),
            reason: format!("template folder cannot be read: {err}"),
        }),
    }
    files.sort();
    let (set, mut more) = TemplateSet::load(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    problems.append(&mut more);
    (set, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_templates_all_load() {
        assert!(!TEMPLATE_FILES.is_empty(), "no templates embedded");
        let (set, problems) = TemplateSet::load(TEMPLATE_FILES.iter().copied());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(set.len(), TEMPLATE_FILES.len());
    }

    #[test]
    fn a_broken_template_is_reported_and_the_rest_still_load() {
        let dir = tempfile::tempdir().unwrap();
        let (name, good) = TEMPLATE_FILES[0];
        std::fs::write(dir.path().join(name), good).unwrap();
        std::fs::write(dir.path().join("broken.json"), "{ \"id\": \"x\", ").unwrap();
        let mut wrong = serde_json::from_str::<serde_json::Value>(good).unwrap();
        wrong["version"] = serde_json::json!(0);
        std::fs::write(dir.path().join("zero.json"), wrong.to_string()).unwrap();
        let (set, problems) = load_dir(dir.path());
        assert_eq!(set.len(), 1);
        let sources: Vec<_> = problems.iter().map(|p| p.source.as_str()).collect();
        assert_eq!(sources, vec!["broken.json", "zero.json"], "{problems:?}");
        assert!(problems[1].reason.contains("version"));
    }
}
