//! Benchmark: producing the documents, beside headless Chromium printing an equivalent HTML
//! page of the user agreement (same text, the same two signature PNGs as data URIs) to PDF.
//!
//! Usage: cargo run --release -p veldwerk-docs --bin docs-bench [-- --runs N --chromium-runs K]
//!        docs-bench --emit DIR   (writes the sample PDFs; the determinism test compares them)

use base64::Engine;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use veldwerk_docs::model::Lang;
use veldwerk_docs::{
    agreement_text, render_agreement, render_hoist_certificate, render_job_report, sample,
    AgreementTemplate, TextBlock,
};

const GOAL_MS: f64 = 30.0;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    if let Some(dir) = arg("--emit") {
        std::process::exit(match emit(Path::new(&dir)) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{e}");
                1
            }
        });
    }
    let runs: usize = arg("--runs").and_then(|v| v.parse().ok()).unwrap_or(300);
    let chromium_runs: usize = arg("--chromium-runs")
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    std::process::exit(run(runs, chromium_runs));
}

/// Writes the sample documents (both languages) into `dir`.
fn emit(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    for lang in [Lang::Nl, Lang::En] {
        let t = AgreementTemplate::current(lang).map_err(|e| e.to_string())?;
        let a = render_agreement(
            &t,
            &sample::agreement_data(),
            &sample::agreement_signatures(),
        )
        .map_err(|e| e.to_string())?;
        let c = render_hoist_certificate(&sample::certificate_data(), lang)
            .map_err(|e| e.to_string())?;
        let j = render_job_report(&sample::job_report_data(80, 20, 5), lang)
            .map_err(|e| e.to_string())?;
        for (name, bytes) in [
            ("agreement", a.pdf.bytes),
            ("certificate", c.bytes),
            ("job-report", j.bytes),
        ] {
            let file = dir.join(format!("{name}-{lang:?}.pdf").to_lowercase());
            std::fs::write(file, bytes).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

struct Stats {
    median: f64,
    p95: f64,
    min: f64,
    /// Median time on the CPU (this thread), when the system tells it: on a shared machine
    /// wall time includes waiting for a core.
    cpu_median: Option<f64>,
}

/// Nanoseconds this thread has run on a CPU (Linux: /proc/thread-self/schedstat).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

fn stats(mut ms: Vec<f64>, mut cpu: Vec<f64>) -> Stats {
    ms.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    Stats {
        median: quantile(&ms, 0.5),
        p95: quantile(&ms, 0.95),
        min: ms[0],
        cpu_median: (!cpu.is_empty()).then(|| quantile(&cpu, 0.5)),
    }
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Stats {
    let mut ms = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    for _ in 0..runs {
        let c = cpu_ns();
        let t = Instant::now();
        std::hint::black_box(f());
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(a), Some(b)) = (c, cpu_ns()) {
            cpu.push(b.saturating_sub(a) as f64 / 1e6);
        }
    }
    stats(ms, cpu)
}

fn run(runs: usize, chromium_runs: usize) -> i32 {
    let Ok(template) = AgreementTemplate::current(Lang::Nl) else {
        eprintln!("the built-in agreement template does not parse");
        return 1;
    };
    let data = sample::agreement_data();
    let sigs = sample::agreement_signatures();
    let cold = Instant::now();
    let Ok(first) = render_agreement(&template, &data, &sigs) else {
        eprintln!("rendering the agreement failed");
        return 1;
    };
    let cold_ms = cold.elapsed().as_secs_f64() * 1000.0;
    println!("veldwerk-docs benchmark ({runs} runs each, release build)");
    println!(
        "user agreement: {} pages, {} bytes, two signatures of 600x200 px",
        first.pdf.layout.pages,
        first.pdf.bytes.len()
    );
    println!("first document in the process (parses the fonts): {cold_ms:.1} ms");
    let agreement = time(runs, || {
        render_agreement(&template, &data, &sigs).map(|s| s.pdf.bytes.len())
    });
    let cert_data = sample::certificate_data();
    let certificate = time(runs, || {
        render_hoist_certificate(&cert_data, Lang::Nl).map(|p| p.bytes.len())
    });
    let job_data = sample::job_report_data(80, 20, 5);
    let job = time(runs.div_ceil(3), || {
        render_job_report(&job_data, Lang::Nl).map(|p| p.bytes.len())
    });
    println!(
        "{:<46} {:>9} {:>9} {:>9} {:>9}",
        "document", "median", "p95", "min", "cpu med"
    );
    for (name, s) in [
        ("user agreement (2 signatures)", &agreement),
        ("hoist certificate (1 signature)", &certificate),
        ("job report (80 items, 20 parts, 5 photos)", &job),
    ] {
        let cpu = s
            .cpu_median
            .map_or("-".to_string(), |c| format!("{c:.2} ms"));
        println!(
            "{name:<46} {:>6.2} ms {:>6.2} ms {:>6.2} ms {cpu:>9}",
            s.median, s.p95, s.min
        );
    }
    let verdict = if agreement.p95 < GOAL_MS {
        "met"
    } else {
        "NOT met"
    };
    println!(
        "goal: user agreement under {GOAL_MS} ms (p95 {:.2} ms): {verdict}",
        agreement.p95
    );

    match chromium(&template, chromium_runs) {
        Ok(c) => {
            println!(
                "reference: headless Chromium printing the same agreement as HTML to PDF ({chromium_runs} runs): median {:.0} ms, p95 {:.0} ms",
                c.median, c.p95
            );
            println!(
                "ratio (Chromium median / veldwerk-docs median): {:.0}x",
                c.median / agreement.median
            );
            if agreement.p95 < GOAL_MS {
                0
            } else {
                1
            }
        }
        Err(e) => {
            eprintln!("reference not measured: {e} (scripts/setup.sh installs Debian's chromium)");
            2
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The same agreement as an HTML page: the filled-in text, the field tables, and both
/// signature PNGs as data URIs.
fn html(template: &AgreementTemplate) -> Result<String, String> {
    let data = sample::agreement_data();
    let sigs = sample::agreement_signatures();
    let text = agreement_text(template, &data).map_err(|e| e.to_string())?;
    let mut body = format!("<h1>{}</h1>", escape(&text.title));
    for b in &text.blocks {
        body.push_str(&match b {
            TextBlock::Heading(t) => format!("<h2>{}</h2>", escape(t)),
            TextBlock::Paragraph(t) => format!("<p>{}</p>", escape(t)),
            TextBlock::Bullet(t) => format!("<ul><li>{}</li></ul>", escape(t)),
            TextBlock::Fields(rows) => {
                let rows: String = rows
                    .iter()
                    .map(|(l, v)| {
                        format!(
                            "<tr><th>{}</th><td>{}</td></tr>",
                            escape(l),
                            escape(v).replace('\n', "<br>")
                        )
                    })
                    .collect();
                format!("<table>{rows}</table>")
            }
        });
    }
    body.push_str("<h2>Handtekeningen</h2><div class=sigs>");
    for s in [&sigs.resident_side, &sigs.supplier] {
        let b64 = base64::engine::general_purpose::STANDARD.encode(&s.png);
        body.push_str(&format!(
            "<div class=sig><img src=\"data:image/png;base64,{b64}\"><p><b>{}</b><br>{}</p></div>",
            escape(&s.name),
            s.signed_at.format("%d-%m-%Y %H:%M")
        ));
    }
    body.push_str("</div>");
    Ok(format!(
        "<!doctype html><html lang=nl><head><meta charset=utf-8><style>\
         body{{font-family:'DejaVu Sans',sans-serif;font-size:9.5pt}}table{{border-collapse:collapse;width:100%}}\
         th{{text-align:left;width:34%}}.sigs{{display:flex;gap:14pt}}.sig img{{height:62pt}}\
         @page{{size:A4;margin:20mm}}</style></head><body>{body}</body></html>"
    ))
}

fn chromium(template: &AgreementTemplate, runs: usize) -> Result<Stats, String> {
    let dir = std::env::temp_dir().join(format!("veldwerk-docs-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let page = dir.join("agreement.html");
    std::fs::write(&page, html(template)?).map_err(|e| e.to_string())?;
    let out = dir.join("agreement.pdf");
    let mut ms = Vec::with_capacity(runs);
    for i in 0..runs.max(1) {
        let profile = dir.join(format!("profile-{i}"));
        let t = Instant::now();
        let status = Command::new("chromium")
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                &format!("--user-data-dir={}", profile.display()),
                &format!("--print-to-pdf={}", out.display()),
                "--no-pdf-header-footer",
                &format!("file://{}", page.display()),
            ])
            .output()
            .map_err(|e| format!("chromium could not be started ({e})"))?;
        let elapsed = t.elapsed();
        if !status.status.success() || !out.exists() {
            return Err(format!(
                "chromium failed: {}",
                String::from_utf8_lossy(&status.stderr)
            ));
        }
        ms.push(elapsed.max(Duration::from_nanos(1)).as_secs_f64() * 1000.0);
        let _ = std::fs::remove_dir_all(&profile);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(stats(ms, Vec::new()))
}
