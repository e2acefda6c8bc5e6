//! `dockcert inspect`'s work budget, with the real CLI under a watchdog:
//! tens of thousands of distinct private keys, or of leaves each needing
//! its CA's signature checked, are answered with exit status 1 and one
//! error saying how many files were not checked (never "All is well"),
//! in bounded output; a real fleet bundle made by `dockcert new` is
//! checked whole. Speed and memory are measured by `cargo xtask bench`.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use dockcert_tests::hostile::{self, write_zip};
use dockcert_tests::{dockcert_bin, files_under, make_bundle, new_dir, run, Run};

/// Far longer than a run takes within its budget; far shorter than the
/// minute 100,000 distinct keys took without one.
const WATCHDOG_SECONDS: &str = "60";

/// `dockcert inspect FILE` in `cwd`, under the watchdog, writing nothing.
fn inspect(cwd: &Path, file: &str) -> Run {
    let before = files_under(cwd);
    let run = run(Command::new("timeout")
        .current_dir(cwd)
        .arg(WATCHDOG_SECONDS)
        .arg(dockcert_bin())
        .args(["inspect", file])
        .env("LANG", "C.UTF-8"));
    assert_ne!(run.status, 124, "the watchdog stopped it");
    assert!(!run.all().contains("panicked"), "{}", run.all());
    assert_eq!(files_under(cwd), before, "something was written");
    run
}

/// The lines of the report's findings with `code`.
fn findings<'a>(run: &'a Run, code: &str) -> Vec<&'a str> {
    let tag = format!("[{code}]");
    run.stdout.lines().filter(|l| l.contains(&tag)).collect()
}

#[test]
fn distinct_keys_past_the_budget_are_one_error_and_the_rest_is_read() {
    let dir = new_dir("dockcert-budget-keys-");
    let count = 40_000u32;
    let entries: Vec<(Vec<u8>, Vec<u8>)> = (0..count)
        .map(|i| {
            (
                format!("keys/{i}/key.pem").into_bytes(),
                hostile::p256_key(i).into_bytes(),
            )
        })
        .collect();
    write_zip(&dir.path().join("keys.zip"), &entries);
    let run = inspect(dir.path(), "keys.zip");
    assert_eq!(run.status, 1, "{}", run.all());
    assert!(!run.stdout.contains("All is well"), "{}", run.stdout);
    let cut = findings(&run, "not-checked");
    assert_eq!(cut.len(), 1, "{}", run.stdout);
    // Which keys are read is the budget's; that some were not, and how
    // many, is what the error must say.
    let read = run.stdout.matches("private key (ecdsa-p256)").count();
    let not_read = run
        .stdout
        .matches("private key (not read: past the run's work budget)")
        .count();
    assert!(read > 1_000, "{read} keys read");
    assert!(not_read > 0);
    assert_eq!(read + not_read, count as usize);
    assert!(
        cut[0].contains(&format!(
            "{not_read} private key files were not read, keys/{read}/key.pem the first"
        )),
        "{}",
        cut[0]
    );
    assert!(run.stdout.trim_end().ends_with("1 error, 0 warnings."));
    // One summary line (or two) per file and one finding: bounded.
    let input: usize = entries.iter().map(|(n, b)| n.len() + b.len()).sum();
    assert!(run.stdout.len() < input, "{} bytes", run.stdout.len());
}

#[test]
fn distinct_leaves_past_the_budget_are_one_error_not_a_verdict_on_them() {
    let dir = new_dir("dockcert-budget-leaves-");
    let count = 30_000;
    hostile::distinct_leaves(dir.path(), dockcert_bin());
    let dir = dir.path().join("leaves");
    let run = inspect(&dir, "leaves.zip");
    assert_eq!(run.status, 1, "{}", run.all());
    assert!(!run.stdout.contains("All is well"));
    let cut = findings(&run, "not-checked");
    assert_eq!(cut.len(), 1, "{}", run.stdout);
    assert!(
        cut[0].contains("certificates were not checked for their CA's signature"),
        "{}",
        cut[0]
    );
    // The leaves checked are found not signed by the CA, in one finding;
    // the count of those and of those not checked is every leaf.
    let other = findings(&run, "other-ca");
    assert_eq!(other.len(), 1, "{}", run.stdout);
    let number = |line: &str, after: &str| -> usize {
        let at = line.find(after).unwrap() + after.len();
        line[at..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let checked = number(other[0], "[other-ca] ");
    let unchecked = number(cut[0], "[not-checked] ");
    assert!(checked > 1_000 && unchecked > 0, "{checked} {unchecked}");
    assert_eq!(checked + unchecked, count);
}

#[test]
fn a_fleet_bundle_is_checked_whole() {
    // Past 370 hosts README.txt and manifest.json outgrow the 1 MiB a
    // certificate may be; a bundle's own documents are read all the same.
    let hosts = 600;
    let mut args: Vec<String> = Vec::new();
    for i in 0..hosts {
        args.push("--server".into());
        args.push(format!("docker{i}.example.com"));
    }
    args.extend(["--client", "alice"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let bundle = make_bundle(&args);
    let run = inspect(bundle.tmp.path(), "bundle.zip");
    assert!(findings(&run, "not-checked").is_empty(), "{}", run.stdout);
    assert!(findings(&run, "other-ca").is_empty(), "{}", run.stdout);
    // Every host's key and the client's were read (the CA key is
    // encrypted, and not read).
    assert_eq!(
        run.stdout.matches("private key (ecdsa-p256)").count(),
        hosts + 1,
        "{}",
        run.stdout
    );
    assert!(findings(&run, "not-read").is_empty(), "{}", run.stdout);
    assert!(
        run.stdout.contains("manifest.json: bundle manifest"),
        "{}",
        run.stdout
    );
    assert_eq!(run.status, 0, "{}", run.all());
}
