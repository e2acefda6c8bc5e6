//! The hostile inputs whose *work* must be bounded (a glob that backtracks,
//! a zip whose chain check is quadratic, a huge RSA modulus, a manifest that
//! names one file many times, a deep fleet file, colliding names, FIFOs, a CA
//! name with newlines, a 1 MB daemon.json string): built fresh for each round
//! by the tests' `hostile-inputs` binary (`tests/src/hostile.rs`, the same
//! builders `tests/tests/hostile_cases.rs` checks), each run under
//! `/usr/bin/time` for its wall time and peak memory, and its exit status
//! checked against the one it must end with.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use super::command_line::peak_kib;
use super::sample::{verdict, Sample};
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

/// Both tables of hostile inputs: those refused by their size or cost, and
/// those whose work must be bounded. `cargo xtask bench --hostile` rewrites
/// these sections alone.
pub(crate) fn hostile_tables(
    refused: &[(String, Sample, u64, f64)],
    work: &[HostileRow],
) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{HOSTILE_HEADING}\n\n\
         What a hostile reviewer tried; each must be refused at once with bounded memory\n\
         (before these bounds, the crafted key ran 126 s at 2.1 GB, the 2 GiB file was read\n\
         whole, /dev/zero grew past 10 GB and the 200,000 SANs took 22 s).\n\n\
         | input | time | peak memory | goal | |\n|---|---|---|---|---|"
    );
    for (what, wall, peak_kib, goal) in refused {
        let mib = *peak_kib as f64 / 1024.0;
        let _ = writeln!(
            t,
            "| {what} | {} | {mib:.0} MiB | < {goal} s, < 64 MiB | {} |",
            wall.show(),
            verdict(wall.max() < *goal && mib < 64.0)
        );
    }
    let _ = writeln!(t);
    hostile_work_table(&mut t, work);
    t
}

/// Where the hostile tables start in docs/BENCHMARKS.md ...
pub(crate) const HOSTILE_HEADING: &str = "## Hostile inputs (each refused with exit status 2)";
/// ... and the heading that follows them.
pub(crate) const AFTER_HOSTILE: &str = "## The page (dist/dockcert.html)";

/// The second table of hostile inputs: small files whose work, not size,
/// was unbounded; each must be answered (a verdict or a refusal).
fn hostile_work_table(t: &mut String, rows: &[HostileRow]) {
    let _ = writeln!(
        t,
        "## Hostile inputs whose work must be bounded\n\n\
         Small files that once cost minutes or gigabytes because the work done on a bounded input\n\
         was not bounded, built afresh for each round by `tests/src/hostile.rs` (the builders\n\
         `tests/tests/hostile_cases.rs` checks). Each must be answered with the exit status shown\n\
         (0: done, 1: findings, 2: refused) within {GOAL_SECONDS} s and {GOAL_MIB} MiB (before these\n\
         bounds, a glob of 10 stars ran over two minutes, a chain zip printed 1 GB in 25 s, the huge\n\
         modulus ran 12 to 16 s, a repeated manifest 17 s, a dotted fleet file reached 9 GB, FIFOs\n\
         hung for ever and install.sh took 13 s on a 1 MB string under mawk).\n\n\
         | input | exit status | time | peak memory | goal |\n|---|---|---|---|---|"
    );
    for row in rows {
        let mib = row.peak_kib as f64 / 1024.0;
        let _ = writeln!(
            t,
            "| {} | {} | {} | {mib:.0} MiB | {} |",
            row.what,
            row.status,
            row.wall.show(),
            verdict(row.wall.max() <= GOAL_SECONDS && mib <= GOAL_MIB)
        );
    }
    let _ = writeln!(t);
}
