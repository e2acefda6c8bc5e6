//! The hostile inputs whose *work* must be bounded (a glob that backtracks,
//! a zip whose chain check is quadratic, a huge RSA modulus, a manifest that
//! names one file many times, a deep fleet file, colliding names, FIFOs, a CA
//! name with newlines, a 1 MB daemon.json string): built fresh for each round
//! by the tests' `hostile-inputs` binary (`tests/src/hostile.rs`, the same
//! builders `tests/tests/hostile_cases.rs` checks), each run under
//! `/usr/bin/time` for its wall time and peak memory, and its exit status
//! checked against the one it must end with.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use super::command_line::peak_kib;
use super::sample::Sample;
use crate::cmd::{self, command, root};

/// The goal for each input: answered within this many seconds...
pub(crate) const GOAL_SECONDS: f64 = 3.0;
/// ... and this much memory.
pub(crate) const GOAL_MIB: f64 = 256.0;

/// One input's rounds: what it is, its exit status, wall times, peak KiB.
pub(crate) struct HostileRow {
    pub(crate) what: String,
    pub(crate) status: i32,
    pub(crate) wall: Sample,
    pub(crate) peak_kib: u64,
}

/// Builds and times every case `rounds` times, each round on inputs built
/// afresh under `work` (a case may write, as install.sh does).
pub(super) fn run(work: &Path, dockcert: &Path, rounds: usize) -> Result<Vec<HostileRow>, String> {
    cmd::run(command(
        "cargo",
        &[
            "build",
            "--release",
            "--quiet",
            "-p",
            "dockcert-tests",
            "--bin",
            "hostile-inputs",
        ],
    ))?;
    let builder = root().join("target/release/hostile-inputs");
    let mut rows: Vec<HostileRow> = Vec::new();
    for round in 0..rounds {
        let dir = work.join(format!("hostile-{round}"));
        fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let listed = Command::new(&builder)
            .arg(&dir)
            .arg(dockcert)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("{}: {e}", builder.display()))?;
        if !listed.status.success() {
            return Err(format!(
                "hostile-inputs failed: {}",
                String::from_utf8_lossy(&listed.stderr)
            ));
        }
        let text = String::from_utf8_lossy(&listed.stdout).into_owned();
        for (i, line) in text.lines().enumerate() {
            let case: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("hostile-inputs printed {line:?}: {e}"))?;
            let (wall, peak) = time_case(&case)?;
            if rows.len() <= i {
                rows.push(HostileRow {
                    what: case["what"].as_str().unwrap_or_default().to_owned(),
                    status: status_of(&case),
                    wall: Sample::default(),
                    peak_kib: 0,
                });
            }
            let row = &mut rows[i];
            row.wall.0.push(wall);
            row.peak_kib = row.peak_kib.max(peak);
        }
        let _ = fs::remove_dir_all(&dir);
    }
    Ok(rows)
}

fn status_of(case: &serde_json::Value) -> i32 {
    case["status"]
        .as_i64()
        .and_then(|s| i32::try_from(s).ok())
        .unwrap_or(-1)
}

/// Runs one case under `/usr/bin/time` (and a 60 s watchdog, so a
/// regression is a failed bench, not a hang): its wall seconds and peak KiB.
fn time_case(case: &serde_json::Value) -> Result<(f64, u64), String> {
    let field = |key: &str| case[key].as_str().unwrap_or_default().to_owned();
    let dir = Path::new(&case["dir"].as_str().unwrap_or_default().to_owned()).to_path_buf();
    // Outside the case's folder: /usr/bin/time creates it before the
    // command starts, and a command may read its whole folder.
    let report =
        std::env::temp_dir().join(format!("dockcert-bench-time-{}.txt", std::process::id()));
    let args: Vec<String> = case["args"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a.as_str().map(str::to_owned))
        .collect();
    let mut cmd = Command::new("/usr/bin/time");
    cmd.current_dir(&dir)
        .args(["-f", "%e %M", "-o"])
        .arg(&report)
        .args(["timeout", "60"])
        .arg(field("program"))
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    let wall = started.elapsed().as_secs_f64();
    let want = status_of(case);
    if out.status.code() != Some(want) {
        return Err(format!(
            "{} ({:?}) ended with {}, not status {want}: {}",
            field("name"),
            args,
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let peak = peak_kib(&report);
    let _ = fs::remove_file(&report);
    Ok((wall, peak?))
}
