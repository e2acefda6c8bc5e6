//! `cargo xtask fuzz [--minutes N] [TARGET...]`: the fuzz targets in
//! `fuzz/` (cargo-fuzz and libFuzzer, on nightly), one after another, N
//! minutes each (10 by default), each in one process on one core, so the
//! machine's other cores stay free.
//!
//! Each target starts from real inputs made now ([`seeds`]), the committed
//! seeds in `fuzz/seeds/TARGET/` and the committed regression inputs in
//! `crates/dockcert-core/tests/fuzz-regressions/TARGET/`; what it learns
//! stays in `target/fuzz/corpus/TARGET/` for the next run. A crash, a panic,
//! a timeout or running out of memory stops that target and is saved in
//! `target/fuzz/artifacts/TARGET/`; the task ends with a table of
//! executions, coverage and crashes per target, and fails if any crashed.
//! CI never fuzzes: it replays the committed inputs with a stable test
//! (docs/FUZZING.md).

mod seeds;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::cmd::{self, root};
use crate::setup;

/// The targets in `fuzz/fuzz_targets/`, in the order they run.
const TARGETS: &[&str] = &[
    "key_import",
    "certificate",
    "zip_inspect",
    "fleet",
    "plan_request",
    "explain",
    "images",
    "folder_inspect",
    "verify",
];

/// Minutes per target when `--minutes` is not given.
const DEFAULT_MINUTES: u64 = 10;

/// Seconds one input may take before libFuzzer calls it a timeout, and
/// megabytes the process may hold: dockcert answers every input it accepts
/// within about 3 s and 256 MiB natively (issue 21), so an input slower or
/// greedier than this, in a build without optimisation of its own code, is
/// a finding. The slowest honest input is a key derivation within the
/// core's caps (about a second).
const TIMEOUT_SECONDS: u64 = 2;
const RSS_LIMIT_MB: u64 = 512;

/// Runs the targets asked for (all by default) and reports on each.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let (minutes, targets) = parse(args)?;
    setup::fuzz_tools()?;
    let work = root().join("target/fuzz");
    seeds::make(&work.join("seeds"))?;
    cmd::run(cargo_fuzz(&["build"], &work))?;
    let mut results = Vec::new();
    for target in &targets {
        results.push(fuzz(target, minutes, &work)?);
    }
    println!("{}", table(&results, minutes));
    let crashes: Vec<String> = results
        .iter()
        .flat_map(|r| r.crashes.iter().map(|c| c.display().to_string()))
        .collect();
    if crashes.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} crash(es); replay one with `cargo +nightly fuzz run TARGET --fuzz-dir fuzz FILE`:\n  {}",
            crashes.len(),
            crashes.join("\n  ")
        ))
    }
}

fn parse(args: &[String]) -> Result<(u64, Vec<String>), String> {
    let mut minutes = DEFAULT_MINUTES;
    let mut targets = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--minutes" {
            minutes = args
                .next()
                .and_then(|m| m.parse().ok())
                .filter(|m| *m > 0)
                .ok_or("--minutes takes a whole number of minutes, at least 1")?;
        } else if TARGETS.contains(&arg.as_str()) {
            targets.push(arg.clone());
        } else {
            return Err(format!(
                "unknown fuzz target {arg:?}; the targets are {}",
                TARGETS.join(", ")
            ));
        }
    }
    if targets.is_empty() {
        targets = TARGETS.iter().map(|t| t.to_string()).collect();
    }
    Ok((minutes, targets))
}

/// `cargo +nightly fuzz SUBCOMMAND` on `fuzz/`, built in `target/fuzz/build`.
/// Without a sanitizer: dockcert and its parsers are safe Rust, so what a
/// fuzzer can find is a panic, a hang or a runaway allocation, which
/// libFuzzer sees without one, at about twice the speed. Debug assertions
/// and overflow checks stay on (cargo-fuzz's default).
fn cargo_fuzz(subcommand: &[&str], work: &Path) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.arg("+nightly")
        .arg("fuzz")
        .args(subcommand)
        .args(["--sanitizer", "none", "--fuzz-dir"])
        .arg(root().join("fuzz"))
        .arg("--target-dir")
        .arg(work.join("build"))
        .current_dir(root());
    // `cargo xtask` runs under the stable toolchain; let `+nightly` choose.
    for var in ["RUSTUP_TOOLCHAIN", "CARGO", "RUSTC", "RUSTDOC"] {
        cmd.env_remove(var);
    }
    cmd
}

/// One target's run, as libFuzzer reported it.
#[derive(Default)]
struct Outcome {
    target: String,
    executions: u64,
    exec_per_sec: u64,
    /// Edges covered by the seeds alone, and at the end.
    cov_start: u64,
    cov: u64,
    /// Features (libFuzzer's finer coverage) at the end.
    ft: u64,
    corpus: usize,
    crashes: Vec<PathBuf>,
}

fn fuzz(target: &str, minutes: u64, work: &Path) -> Result<Outcome, String> {
    let corpus = work.join("corpus").join(target);
    let artifacts = work.join("artifacts").join(target);
    let logs = work.join("logs").join(target);
    for dir in [&corpus, &artifacts, &logs] {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let log = logs.join("fuzz-0.log");
    let _ = fs::remove_file(&log);
    let before = files(&artifacts);

    let mut cmd = cargo_fuzz(&["run", target], work);
    cmd.arg(&corpus);
    for dir in [
        work.join("seeds").join(target),
        root().join("fuzz/seeds").join(target),
        root()
            .join("crates/dockcert-core/tests/fuzz-regressions")
            .join(target),
    ] {
        if dir.is_dir() {
            cmd.arg(dir);
        }
    }
    cmd.arg("--")
        .arg(format!("-max_total_time={}", minutes * 60))
        // One job in one worker: a single fuzzing process, its output in
        // fuzz-0.log in the current folder.
        .args(["-jobs=1", "-workers=1"])
        .arg(format!("-timeout={TIMEOUT_SECONDS}"))
        .arg(format!("-rss_limit_mb={RSS_LIMIT_MB}"))
        .arg("-print_final_stats=1")
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .current_dir(&logs);
    let dict = root().join("fuzz/dicts").join(format!("{target}.dict"));
    if dict.is_file() {
        cmd.arg(format!("-dict={}", dict.display()));
    }
    eprintln!(
        "\nfuzz: {target} for {minutes} min; its log: {}",
        log.display()
    );
    let status = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("could not start cargo fuzz: {e}"))?;
    let text = fs::read_to_string(&log).map_err(|e| {
        format!(
            "{target}: no libFuzzer log at {} ({status}): {e}",
            log.display()
        )
    })?;
    let mut outcome = read_log(target, &text);
    outcome.corpus = files(&corpus).len();
    outcome.crashes = files(&artifacts)
        .into_iter()
        .filter(|f| !before.contains(f))
        .collect();
    if !status.success() && outcome.crashes.is_empty() {
        return Err(format!(
            "{target}: cargo fuzz failed ({status}) without a crash; see {}",
            log.display()
        ));
    }
    eprintln!(
        "fuzz: {target}: {} executions, cov {}, {} crash(es)",
        outcome.executions,
        outcome.cov,
        outcome.crashes.len()
    );
    Ok(outcome)
}

/// The figures in a libFuzzer log: the `INITED` line's coverage, the last
/// status line's, and the final stats (`-print_final_stats=1`).
fn read_log(target: &str, log: &str) -> Outcome {
    let field = |line: &str, name: &str| -> Option<u64> {
        let mut words = line.split_whitespace();
        words.find(|w| *w == name)?;
        words.next()?.parse().ok()
    };
    let stat = |name: &str| {
        log.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    let status_lines: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with('#') && l.contains(" cov: "))
        .collect();
    let last = status_lines.last().copied().unwrap_or_default();
    Outcome {
        target: target.to_owned(),
        executions: stat("stat::number_of_executed_units:"),
        exec_per_sec: stat("stat::average_exec_per_sec:"),
        cov_start: status_lines
            .iter()
            .find(|l| l.contains("INITED"))
            .and_then(|l| field(l, "cov:"))
            .unwrap_or(0),
        cov: field(last, "cov:").unwrap_or(0),
        ft: field(last, "ft:").unwrap_or(0),
        ..Outcome::default()
    }
}

/// The files in `dir` (none if it cannot be read).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// The results as the Markdown table docs/FUZZING.md keeps.
fn table(results: &[Outcome], minutes: u64) -> String {
    let mut t = format!(
        "\n{minutes} min per target\n\n\
         | target | executions | exec/s | coverage (seeds → end) | features | corpus | crashes |\n\
         |---|---:|---:|---:|---:|---:|---:|\n"
    );
    for r in results {
        t.push_str(&format!(
            "| {} | {} | {} | {} → {} | {} | {} | {} |\n",
            r.target,
            r.executions,
            r.exec_per_sec,
            r.cov_start,
            r.cov,
            r.ft,
            r.corpus,
            r.crashes.len()
        ));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The task runs every target in fuzz/fuzz_targets, and only those.
    #[test]
    fn the_task_knows_every_fuzz_target() {
        let mut found: Vec<String> = files(&root().join("fuzz/fuzz_targets"))
            .iter()
            .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        found.sort();
        let mut known: Vec<String> = TARGETS.iter().map(|t| t.to_string()).collect();
        known.sort();
        assert_eq!(found, known);
    }

    #[test]
    fn reads_libfuzzer_figures() {
        let log = "#2\tINITED cov: 138 ft: 234 corp: 23/1307b exec/s: 0 rss: 27Mb\n\
                   #29\tNEW    cov: 144 ft: 241 corp: 24/1354b lim: 227 exec/s: 0 rss: 27Mb\n\
                   #1127246\tDONE   cov: 194 ft: 655 corp: 280/9Kb lim: 4096 exec/s: 18479 rss: 28Mb\n\
                   stat::number_of_executed_units: 1127246\n\
                   stat::average_exec_per_sec:     18479\n";
        let o = read_log("explain", log);
        assert_eq!(
            (o.executions, o.exec_per_sec, o.cov_start, o.cov, o.ft),
            (1_127_246, 18_479, 138, 194, 655)
        );
    }
}
