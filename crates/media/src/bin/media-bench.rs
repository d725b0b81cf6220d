//! Benchmark of the photo pipeline beside vipsthumbnail and ImageMagick doing the same work on
//! the same file: a generated 12-megapixel camera JPEG (orientation 6) to an upright image of
//! at most 2048 px and a 320 px thumbnail, both JPEG files. Every side runs as a child process
//! (so start-up counts for all), alternating, after a warm-up; medians and peak memory (max
//! RSS from wait4) are printed as a Markdown table with the ratios.
//!
//! Usage: cargo run --release -p veldwerk-media --bin media-bench [-- --runs N]
//! (the child mode `--process IN OUTDIR` is what the benchmark runs as "ours").

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};
use veldwerk_media::synth::{self, ExifSpec};
use veldwerk_media::{process_photo, PhotoOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--process") {
        return match (args.get(2), args.get(3)) {
            (Some(input), Some(out)) => child(Path::new(input), Path::new(out)),
            _ => usage(),
        };
    }
    let runs = match args.get(1).map(String::as_str) {
        None => 9,
        Some("--runs") => match args.get(2).and_then(|n| n.parse().ok()) {
            Some(n) if n > 0 => n,
            _ => return usage(),
        },
        Some(_) => return usage(),
    };
    match bench(runs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("media-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: media-bench [--runs N] | media-bench --process IN.jpg OUTDIR");
    ExitCode::from(2)
}

/// "Ours" as a process of its own: read, process, write the two JPEG files.
fn child(input: &Path, out: &Path) -> ExitCode {
    let run = || -> Result<(), String> {
        let bytes = std::fs::read(input).map_err(|e| e.to_string())?;
        let p = process_photo(&bytes, &PhotoOptions::default()).map_err(|e| e.to_string())?;
        std::fs::write(out.join("image.jpg"), &p.image.jpeg).map_err(|e| e.to_string())?;
        std::fs::write(out.join("thumb.jpg"), &p.thumbnail.jpeg).map_err(|e| e.to_string())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// One side of the comparison: the commands that together make both files.
struct Side {
    name: &'static str,
    commands: Vec<Vec<String>>,
    outputs: [PathBuf; 2],
    times: Vec<Duration>,
    /// The time of the first command alone (the 2048 px image), per run.
    first_times: Vec<Duration>,
    peak_kb: i64,
}

fn find(candidates: &[&str]) -> Option<String> {
    candidates.iter().find_map(|c| {
        let p = Path::new(c);
        if p.is_absolute() {
            return p.is_file().then(|| c.to_string());
        }
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|d| d.join(c))
                .find(|f| f.is_file())
                .map(|f| f.display().to_string())
        })
    })
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn bench(runs: usize) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("veldwerk-media-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let input = dir.join("camera.jpg");
    let exif = synth::exif_tiff(&ExifSpec {
        orientation: Some(6),
        taken: Some("2026:03:14 10:20:30"),
        offset: Some("+01:00"),
        gps: Some((52, 6)),
        camera: true,
        thumbnail: None,
    })
    .map_err(|e| e.to_string())?;
    let jpeg =
        synth::jpeg(&synth::scene(4032, 3024, 42), 92, Some(&exif)).map_err(|e| e.to_string())?;
    std::fs::write(&input, &jpeg).map_err(|e| e.to_string())?;
    let inp = input.display().to_string();
    let out = |name: &str| dir.join(name);
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let ours_dir = out("ours");
    std::fs::create_dir_all(&ours_dir).map_err(|e| e.to_string())?;

    let mut sides = vec![Side {
        name: "Veldwerk (veldwerk-media)",
        commands: vec![vec![
            me.display().to_string(),
            "--process".into(),
            inp.clone(),
            ours_dir.display().to_string(),
        ]],
        outputs: [ours_dir.join("image.jpg"), ours_dir.join("thumb.jpg")],
        times: vec![],
        first_times: vec![],
        peak_kb: 0,
    }];
    if let Some(vips) = find(&["vipsthumbnail"]) {
        let (a, b) = (out("vips-2048.jpg"), out("vips-320.jpg"));
        sides.push(Side {
            name: "vipsthumbnail",
            commands: vec![
                vec![
                    vips.clone(),
                    inp.clone(),
                    "-s".into(),
                    "2048".into(),
                    "-o".into(),
                    format!("{}[Q=85]", a.display()),
                ],
                vec![
                    vips,
                    inp.clone(),
                    "-s".into(),
                    "320".into(),
                    "-o".into(),
                    format!("{}[Q=80]", b.display()),
                ],
            ],
            outputs: [a, b],
            times: vec![],
            first_times: vec![],
            peak_kb: 0,
        });
    } else {
        println!("vipsthumbnail not found (apt-get install libvips-tools): not compared");
    }
    // Debian's own binary first: a `convert` earlier on PATH may be a wrapper.
    if let Some(convert) = find(&["/usr/bin/convert", "magick", "convert"]) {
        let (a, b) = (out("im-2048.jpg"), out("im-320.jpg"));
        let cmd = |size: &str, q: &str, o: &Path| {
            let mut c = vec![convert.clone()];
            c.extend(s(&[&inp, "-auto-orient", "-resize", size, "-quality", q]));
            c.push(o.display().to_string());
            c
        };
        sides.push(Side {
            name: "ImageMagick convert",
            commands: vec![cmd("2048x2048", "85", &a), cmd("320x320", "80", &b)],
            outputs: [a, b],
            times: vec![],
            first_times: vec![],
            peak_kb: 0,
        });
    } else {
        println!("ImageMagick not found (apt-get install imagemagick): not compared");
    }

    // Warm-up (file cache, dynamic linking), then alternate the order every round.
    for side in &mut sides {
        run_side(side)?;
        side.times.clear();
        side.first_times.clear();
    }
    for round in 0..runs {
        let n = sides.len();
        for k in 0..n {
            run_side(&mut sides[(round + k) % n])?;
        }
    }
    for side in &sides {
        check_outputs(side)?;
    }
    // Our pipeline in-process (no process start, no file I/O), for reference.
    let mut inproc = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        process_photo(&jpeg, &PhotoOptions::default()).map_err(|e| e.to_string())?;
        inproc.push(t.elapsed());
    }
    report(&sides, &jpeg, runs, median(&mut inproc));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Runs a side's commands one after the other; records the total time and peak memory.
fn run_side(side: &mut Side) -> Result<(), String> {
    let mut total = Duration::ZERO;
    for (i, cmd) in side.commands.iter().enumerate() {
        let (took, kb) = run_measured(cmd)?;
        total += took;
        side.peak_kb = side.peak_kb.max(kb);
        if i == 0 {
            side.first_times.push(took);
        }
    }
    side.times.push(total);
    Ok(())
}

/// Wall time from spawn to exit, and the child's max RSS in kB (from wait4).
#[cfg(unix)]
fn run_measured(cmd: &[String]) -> Result<(Duration, i64), String> {
    let start = Instant::now();
    let child = Command::new(&cmd[0])
        .args(&cmd[1..])
        .spawn()
        .map_err(|e| format!("{}: {e}", cmd[0]))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; pid is our own child, reaped here
    // (std's Child does not wait on drop).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    if r != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{} failed (status {status})", cmd.join(" ")));
    }
    Ok((took, usage.ru_maxrss))
}

/// Elsewhere: the time only (no peak memory).
#[cfg(not(unix))]
fn run_measured(cmd: &[String]) -> Result<(Duration, i64), String> {
    let start = Instant::now();
    let status = Command::new(&cmd[0])
        .args(&cmd[1..])
        .status()
        .map_err(|e| format!("{}: {e}", cmd[0]))?;
    if !status.success() {
        return Err(format!("{} failed ({status})", cmd.join(" ")));
    }
    Ok((start.elapsed(), 0))
}

fn check_outputs(side: &Side) -> Result<(), String> {
    for (path, max_edge) in side.outputs.iter().zip([2048u16, 320]) {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut d = jpeg_decoder::Decoder::new(&bytes[..]);
        d.read_info()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let info = d.info().ok_or("no JPEG header")?;
        let (w, h) = (info.width, info.height);
        // Upright: the photo is stored landscape with orientation 6, so it shows portrait.
        if h <= w || h > max_edge || h < max_edge * 3 / 4 {
            return Err(format!("{}: {}: {w}x{h}", side.name, path.display()));
        }
    }
    Ok(())
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn report(sides: &[Side], input: &[u8], runs: usize, inproc: Duration) {
    let meds: Vec<(Duration, Duration)> = sides
        .iter()
        .map(|s| {
            (
                median(&mut s.times.clone()),
                median(&mut s.first_times.clone()),
            )
        })
        .collect();
    let ours = meds[0].0;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("\n## Photo pipeline, beside vipsthumbnail and ImageMagick\n");
    println!(
        "Input: a generated 4032x3024 camera JPEG ({:.1} MB, quality 92, 4:2:0, EXIF orientation 6 \
         with location and camera serial). Work: an upright image of at most 2048 px (JPEG Q85) and a \
         320 px thumbnail (Q80). Each side runs as child processes, alternating, {runs} runs after a \
         warm-up; {cores} cores. vips and ImageMagick need two commands (one per size); ours makes \
         both in one process.\n",
        input.len() as f64 / 1e6
    );
    println!("| side | median, both files | median, 2048 px file only | peak memory (max RSS) |");
    println!("| --- | ---: | ---: | ---: |");
    for (s, (both, first)) in sides.iter().zip(&meds) {
        println!(
            "| {} | {} | {} | {:.0} MB |",
            s.name,
            ms(*both),
            ms(*first),
            s.peak_kb as f64 / 1024.0
        );
    }
    println!(
        "\nOurs in-process (no process start, no files): {}.\n",
        ms(inproc)
    );
    for (s, (both, first)) in sides.iter().zip(&meds).skip(1) {
        let r = ours.as_secs_f64() / both.as_secs_f64();
        let r1 = ours.as_secs_f64() / first.as_secs_f64();
        println!(
            "- ours / {}: {r:.2}x for both files; {r1:.2}x against its 2048 px file alone",
            s.name
        );
    }
    println!();
    for (s, (both, _)) in sides.iter().zip(&meds).skip(1) {
        let (goal, met) = if s.name.starts_with("vips") {
            ("no slower than vips", ours <= *both)
        } else {
            (
                "at least 3x faster than ImageMagick",
                ours.as_secs_f64() * 3.0 <= both.as_secs_f64(),
            )
        };
        println!("- goal {goal}: {}", if met { "met" } else { "NOT met" });
    }
}
