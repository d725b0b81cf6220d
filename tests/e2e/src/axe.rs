//! axe-core (the copy the UI's tests use, `ui/node_modules/axe-core`) injected into the real
//! window: the serious and critical violations of the screen shown now, with every rule on
//! (the real window has layout, so colour contrast and target size count too).

use crate::App;
use std::path::PathBuf;

/// Where the UI's axe-core lives.
fn axe_source() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js")
}

const RUN: &str = r#"
const done = arguments[arguments.length - 1];
window.axe
  .run(document, { resultTypes: ["violations"] })
  .then((r) =>
    done(
      r.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(" "))
          .join(", ")}`),
    ),
  )
  .catch((e) => done([`axe failed: ${e}`]));
"#;

impl App {
    /// The serious and critical axe violations on the screen shown now, as readable lines.
    pub async fn axe_violations(&self) -> Vec<String> {
        let loaded = self
            .driver
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .ok()
            .and_then(|r| r.json().as_bool())
            .unwrap_or(false);
        if !loaded {
            let source = std::fs::read_to_string(axe_source()).unwrap_or_else(|e| {
                panic!(
                    "axe-core not found at {} (npm ci in ui/): {e}",
                    axe_source().display()
                )
            });
            // the script runs inside a function: hand the library to the window explicitly
            let script = format!("{source}\n;window.axe = axe; return true;");
            if let Err(e) = self.driver.execute(script, vec![]).await {
                self.fail(&format!("injecting axe-core failed: {e}")).await;
            }
        }
        match self.driver.execute_async(RUN, vec![]).await {
            Ok(r) => r
                .json()
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|v| v.as_str().unwrap_or_default().to_string())
                        .collect()
                })
                .unwrap_or_else(|| vec![format!("unexpected axe answer: {}", r.json())]),
            Err(e) => vec![format!("running axe failed: {e}")],
        }
    }

    /// Fails (with a screenshot) when axe finds a serious or critical violation on the screen
    /// shown now; `what` names the screen in the message.
    pub async fn assert_accessible(&self, what: &str) {
        let started = std::time::Instant::now();
        let found = self.axe_violations().await;
        println!(
            "axe on {what}: {} serious or critical ({:.1} s)",
            found.len(),
            started.elapsed().as_secs_f32()
        );
        if !found.is_empty() {
            self.fail(&format!(
                "axe on {what}: {} serious or critical violation(s):\n{}",
                found.len(),
                found.join("\n")
            ))
            .await;
        }
    }
}
