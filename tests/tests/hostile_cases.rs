//! Every hostile input of `dockcert_tests::hostile`, run through the real
//! CLI (or the bundle's install.sh) under a watchdog: each ends with the
//! exit status it must, says what it must, writes nothing when it refuses,
//! and forges no line. `cargo xtask bench` times the same cases.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use dockcert_tests::hostile::{self, Case, FORGED_LINE};
use dockcert_tests::{dockcert_bin, files_under, mode_of, new_dir, run, Run, WATCHDOG_SECONDS};
use tempfile::TempDir;

/// Runs `case` under the watchdog and checks its status and words.
#[track_caller]
fn answered(case: &Case) -> Run {
    let before = files_under(&case.dir);
    let run = run(Command::new("timeout")
        .arg(WATCHDOG_SECONDS)
        .arg(&case.program)
        .args(&case.args)
        .current_dir(&case.dir)
        .env("LANG", "C.UTF-8"));
    assert_eq!(
        run.status,
        case.status,
        "{} ({}): {:?}\n{}",
        case.name,
        case.what,
        case.args,
        run.all()
    );
    assert!(!run.all().contains("panicked"), "{}", run.all());
    assert!(
        run.all().contains(case.says),
        "{}: {:?} not said:\n{}",
        case.name,
        case.says,
        run.all()
    );
    if case.status == 2 {
        assert_eq!(
            files_under(&case.dir),
            before,
            "{}: a refusal wrote",
            case.name
        );
    }
    run
}

/// Builds the cases `build` makes in a fresh folder and checks each; the
/// folder lives as long as what is returned.
fn check_all(build: fn(&Path, &Path) -> Vec<Case>) -> (TempDir, Vec<(Case, Run)>) {
    let dir = new_dir("dockcert-hostile-cases-");
    let cases = build(dir.path(), dockcert_bin());
    assert!(!cases.is_empty());
    let done = cases
        .into_iter()
        .map(|c| {
            let r = answered(&c);
            (c, r)
        })
        .collect();
    (dir, done)
}

#[test]
fn exponential_globs_are_answered() {
    check_all(hostile::glob);
}

#[test]
fn a_zip_of_many_unrelated_cas_and_leaves_is_answered_briefly() {
    let (_dir, done) = check_all(hostile::chain_zip);
    for (case, run) in done {
        // The output is linear: a few lines per file, not one per pair.
        let input = std::fs::metadata(case.dir.join("chain.zip")).unwrap().len() as usize;
        assert!(run.stdout.len() < 4 * input, "{} bytes", run.stdout.len());
    }
}

#[test]
fn a_huge_rsa_modulus_is_refused_by_its_length() {
    check_all(hostile::huge_modulus);
}

#[test]
fn a_manifest_naming_one_file_many_times_is_answered() {
    check_all(hostile::repeated_manifest);
}

#[test]
fn deep_fleet_files_are_refused_before_they_are_built() {
    check_all(hostile::dotted_fleet);
}

#[test]
fn colliding_names_are_findings_not_skips() {
    for (case, run) in check_all(hostile::colliding_names).1 {
        assert!(
            !run.stdout.contains("All is well"),
            "{}: {}",
            case.name,
            run.stdout
        );
    }
}

#[test]
fn fifos_are_judged_before_they_are_opened() {
    check_all(hostile::special_files);
}

#[test]
fn a_ca_name_with_newlines_forges_no_line() {
    let (_dir, done) = check_all(hostile::newline_ca);
    for (case, run) in done {
        let readme = case.dir.join("issued/README.txt");
        let readme = std::fs::read_to_string(&readme)
            .unwrap_or_else(|e| panic!("{}: {e}", readme.display()));
        for (what, text) in [
            ("stdout", &run.stdout),
            ("stderr", &run.stderr),
            ("README.txt", &readme),
        ] {
            assert!(
                !text
                    .lines()
                    .any(|l| l.trim_start().starts_with("IMPORTANT")),
                "{what} has a forged line:\n{text}"
            );
            assert!(
                !text.contains(&format!("\n{FORGED_LINE}")),
                "{what}:\n{text}"
            );
        }
    }
}

#[test]
fn install_sh_merges_a_long_string_and_keeps_0600() {
    let (_dir, done) = check_all(hostile::long_daemon_json_string);
    for (case, _) in done {
        let root = Path::new(case.args.last().unwrap());
        let daemon = root.join("etc/docker/daemon.json");
        assert_eq!(mode_of(&daemon), 0o600, "daemon.json's mode was widened");
        let merged: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&daemon).unwrap()).unwrap();
        let proxy = merged["proxies"]["http-proxy"].as_str().unwrap();
        assert_eq!(
            proxy.len(),
            "http://user:@proxy.example:3128".len() + 1_000_000
        );
        assert_eq!(merged["log-level"], "warn");
        assert_eq!(merged["tlsverify"], true, "{merged:.200}");
    }
}

#[test]
fn distinct_keys_past_the_work_budget_are_an_error() {
    for (case, run) in check_all(hostile::distinct_keys).1 {
        assert!(!run.stdout.contains("All is well"), "{}", case.name);
        assert_eq!(run.stdout.matches("[not-checked]").count(), 1);
    }
}

#[test]
fn distinct_leaves_past_the_work_budget_are_an_error() {
    for (case, run) in check_all(hostile::distinct_leaves).1 {
        assert!(!run.stdout.contains("All is well"), "{}", case.name);
        assert_eq!(run.stdout.matches("[not-checked]").count(), 1);
    }
}
