//! The blob store under faults: a full disk (a real tmpfs) in the middle of a write, and
//! SIGKILLs in the middle of writing many blobs, leave only whole blobs and no half file.

mod blobs_support;
use blobs_support::*;
use std::io::Write;
use std::path::Path;
use veldwerk_store::blobs::{BlobError, Sha256Hex};

const FULL_DISK_ENV: &str = "VELDWERK_BLOB_FULL_DISK_DIR";

/// The child of [`a_full_disk_in_the_middle_of_a_write_leaves_no_blob`]: runs on a 256 kB
/// tmpfs mounted in a private mount namespace.
#[test]
#[ignore = "the child process of a_full_disk_in_the_middle_of_a_write_leaves_no_blob"]
fn full_disk_child() {
    // Run on its own (without the parent's environment) it would prove nothing: fail.
    let dir = std::env::var(FULL_DISK_ENV).unwrap_or_else(|_| {
        panic!("the child process of a_full_disk_in_the_middle_of_a_write_leaves_no_blob needs {FULL_DISK_ENV}; run that test instead")
    });
    let dir = Path::new(&dir);
    let s = store(dir, 1);
    let first = noise(100_000, 1);
    let h1 = s.put(&first).unwrap();
    let big = noise(200_000, 2);
    let e = s.put(&big).unwrap_err();
    assert!(matches!(e, BlobError::DiskFull(_)), "{e:?}");
    assert_eq!(e.code(), "disk_full");
    assert!(e.message().nl.contains("schijf is vol"));
    // No half file, no temporary file: only the first blob, whole.
    assert_eq!(files(dir), vec![h1.to_string()]);
    assert_eq!(s.list().unwrap(), vec![h1.clone()]);
    assert_eq!(s.get(&h1).unwrap(), first);
    assert!(!s.has(&Sha256Hex::of(&big)).unwrap());
    // With room again, the same write goes through.
    s.remove(&h1).unwrap();
    let h2 = s.put(&big).unwrap();
    assert_eq!(s.get(&h2).unwrap(), big);
    println!("FULL-DISK-CHILD-OK");
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_in_the_middle_of_a_write_leaves_no_blob() {
    // A real full disk: a 256 kB tmpfs, mounted in a mount namespace of the child's own (so
    // nothing is left mounted whatever happens). Needs root (CI and the dev machines are).
    let mnt = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let script = r#"mount -t tmpfs -o size=256k veldwerk-test "$1" || exit 77
exec "$2" --exact full_disk_child --ignored --nocapture"#;
    let out = std::process::Command::new("unshare")
        .args([
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            "sh",
        ])
        .arg(mnt.path())
        .arg(&exe)
        .env(FULL_DISK_ENV, mnt.path())
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            eprintln!("SKIPPED: unshare not available ({e})");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(77) || (stderr.contains("unshare failed") && !out.status.success())
    {
        eprintln!("SKIPPED: cannot mount a tmpfs here (needs root): {stderr}");
        return;
    }
    assert!(
        out.status.success() && stdout.contains("FULL-DISK-CHILD-OK"),
        "{:?}\n{stdout}\n{stderr}",
        out.status
    );
    assert!(files(mnt.path()).is_empty(), "the tmpfs stayed private");
}

const KILL_ENV: &str = "VELDWERK_BLOB_KILL_DIR";
const FIRST_PUTS: u64 = 4;

/// Blob `i` of the kill test: 1 to 9 kB of noise, distinct for every `i`. Small, so that
/// syncing the file (milliseconds) takes most of each put, also in a test build where the
/// cipher runs unoptimised, and the kill often lands between creating the temporary file
/// and renaming it.
fn kill_blob(i: u64) -> Vec<u8> {
    let mut v = i.to_le_bytes().to_vec();
    v.extend(noise(1_000 + (i as usize * 3_700) % 8_000, 7));
    v
}

/// The child of [`a_kill_in_the_middle_of_writing_leaves_only_whole_blobs`]: stores blobs
/// one by one, printing each hash once its put has returned, until a thread kills the
/// process with SIGKILL.
#[test]
#[ignore = "the child process of a_kill_in_the_middle_of_writing_leaves_only_whole_blobs"]
fn blob_kill_child() {
    // Run on its own (without the parent's environment) it would prove nothing: fail.
    let dir = std::env::var(KILL_ENV).unwrap_or_else(|_| {
        panic!("the child process of a_kill_in_the_middle_of_writing_leaves_only_whole_blobs needs {KILL_ENV}; run that test instead")
    });
    let s = store(Path::new(&dir), 1);
    let mut out = std::io::stdout();
    let mut put = |i: u64| {
        let h = s.put(&kill_blob(i)).unwrap();
        writeln!(out, "stored {i} {h}").unwrap();
        out.flush().unwrap();
    };
    for i in 0..FIRST_PUTS {
        put(i);
    }
    let delay = 2 + u64::from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos(),
    ) % 150;
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let pid = std::process::id().to_string();
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid])
            .status();
    });
    for i in FIRST_PUTS..100_000 {
        put(i);
    }
    panic!("the kill never came");
}

#[test]
#[cfg(unix)]
fn a_kill_in_the_middle_of_writing_leaves_only_whole_blobs() {
    // Four kills at different moments; each leaves only whole blobs.
    let mut temps = 0;
    for _ in 0..4 {
        temps += kill_once();
    }
    eprintln!("{temps} temporary files (writes cut off by a kill) removed at open in all");
}

/// Runs the child until it is killed, checks the directory, and returns how many temporary
/// files the kill left (removed by the open).
#[cfg(unix)]
fn kill_once() -> usize {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "blob_kill_child", "--nocapture", "--ignored"])
        .env(KILL_ENV, dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.signal(),
        Some(9),
        "the child was not killed: {:?}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let confirmed: Vec<(u64, String)> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("stored "))
        .map(|l| {
            let (i, h) = l.split_once(' ').unwrap();
            (i.parse().unwrap(), h.to_string())
        })
        .collect();
    assert!(confirmed.len() >= FIRST_PUTS as usize, "{stdout}");
    let temps = files(dir.path())
        .iter()
        .filter(|n| n.starts_with(".tmp-"))
        .count();
    let s = store(dir.path(), 1);
    assert!(
        files(dir.path()).iter().all(|n| !n.starts_with(".tmp-")),
        "open removes what the kill left half-written"
    );
    // Every confirmed blob is there and whole.
    for (i, h) in &confirmed {
        let h = Sha256Hex::parse(h).unwrap();
        assert_eq!(s.get(&h).unwrap(), kill_blob(*i), "blob {i} was confirmed");
    }
    // Besides them at most the one in flight, and whole too.
    let listed = s.list().unwrap();
    assert!(
        listed.len() <= confirmed.len() + 1,
        "{} listed",
        listed.len()
    );
    let next = confirmed.len() as u64;
    for h in &listed {
        let content = s.get(h).unwrap();
        assert!(
            confirmed.iter().any(|(_, c)| c == h.as_str()) || content == kill_blob(next),
            "an unexpected blob {h}"
        );
    }
    eprintln!(
        "killed after {} confirmed puts; {} blobs listed; {temps} temporary files",
        confirmed.len(),
        listed.len()
    );
    temps
}
