//! Every rule before any key: from a real OpenSSL-made CA that ends in 100
//! days, `dockcert issue` refuses a `--days` that would outlive it as a
//! plan error (exit status 2, naming --days and the CA's end, with every
//! other bad input at once), writes nothing, and fits a default `--days` to
//! the CA's end with a note in the summary and README.txt.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use dockcert_tests::openssl_certs::ec_ca_for;
use dockcert_tests::{dockcert, files_under, new_dir, openssl};

/// A CA made by `openssl req -x509` in `dir` (`ca.pem`, `ca-key.pem`)
/// that ends in `days` days; returns its end as `YYYY-MM-DD`.
fn short_ca(dir: &Path, days: &str) -> String {
    ec_ca_for(dir, "ca", "Short Lived CA", days, &[]);
    let end = openssl(
        dir,
        &[
            "x509", "-in", "ca.pem", "-noout", "-enddate", "-dateopt", "iso_8601",
        ],
    )
    .ok()
    .stdout;
    // notAfter=2027-03-14 23:59:00Z
    let date = end.trim().trim_start_matches("notAfter=");
    date.split(' ').next().unwrap().to_owned()
}

fn issue(dir: &Path, extra: &[&str]) -> dockcert_tests::Run {
    let mut args = vec![
        "issue",
        "--ca-cert",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "--client",
        "bob",
    ];
    args.extend_from_slice(extra);
    dockcert(dir, &args)
}

#[test]
fn days_that_outlive_the_ca_are_refused_before_anything_is_made() {
    let tmp = new_dir("plan-rules-");
    let dir = tmp.path();
    let end = short_ca(dir, "100");
    let before = files_under(dir);

    for out in ["long.zip", "long"] {
        let refused = issue(
            dir,
            &["--key-type", "rsa-4096", "--days", "3650", "--out", out],
        );
        assert_eq!(refused.status, 2, "{}", refused.all());
        let line = refused
            .stderr
            .lines()
            .find(|l| l.contains("--days \"3650\""))
            .unwrap_or_else(|| panic!("no --days line in:\n{}", refused.stderr));
        assert!(
            line.contains(&end),
            "the CA's end {end} is not named: {line}"
        );
        assert_eq!(files_under(dir), before, "something was written for {out}");
    }

    // With another bad input, both are told at once.
    let refused = issue(
        dir,
        &["--days", "3650", "--server", "a..b", "--out", "both.zip"],
    );
    assert_eq!(refused.status, 2, "{}", refused.all());
    assert!(
        refused.stderr.contains("--days \"3650\"") && refused.stderr.contains("--server \"a..b\""),
        "{}",
        refused.stderr
    );
    assert_eq!(files_under(dir), before);
}

#[test]
fn a_default_days_is_fitted_to_the_ca_and_said() {
    let tmp = new_dir("plan-rules-");
    let dir = tmp.path();
    let end = short_ca(dir, "100");
    let made = issue(dir, &["--out", "fitted"]).ok();
    let note = format!("the CA expires on {end}, so these certificates are valid for ");
    assert!(made.stderr.contains(&note), "{}", made.stderr);
    let readme = std::fs::read_to_string(dir.join("fitted/README.txt")).unwrap();
    assert!(readme.contains(&note), "{readme}");

    // The leaf ends no later than the CA, as OpenSSL reads them.
    let end_of = |cert: &str| {
        openssl(
            dir,
            &[
                "x509", "-in", cert, "-noout", "-enddate", "-dateopt", "iso_8601",
            ],
        )
        .ok()
        .stdout
    };
    let (ca_end, leaf_end) = (end_of("ca.pem"), end_of("fitted/client/bob/cert.pem"));
    assert!(leaf_end <= ca_end, "{leaf_end} > {ca_end}");
}
