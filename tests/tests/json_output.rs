//! `--json` on new, issue and renew: what it says was made is what is on
//! disk, checked with sha256sum, stat and openssl, and stdout holds nothing
//! else.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use dockcert_tests::{dockcert, mode_of, new_dir, openssl, require_tool, run, Run};

/// Checks `--json`'s report of the bundle written at `bundle` (a folder).
fn check_report(out: &Run, bundle: &Path, want_as: &str) -> serde_json::Value {
    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}):\n{}", out.stdout));
    assert_eq!(report["as"], want_as, "{report}");
    let manifest = &report["manifest"];
    assert_eq!(manifest["tool"], "dockcert");
    let files = manifest["files"].as_array().unwrap();
    assert!(files.len() > 5, "{report}");
    require_tool("sha256sum");
    for f in files {
        let path = bundle.join(f["path"].as_str().unwrap());
        let mode = u32::from_str_radix(f["mode"].as_str().unwrap(), 8).unwrap();
        assert_eq!(mode_of(&path), mode, "{}", path.display());
        let sum = run(Command::new("sha256sum").arg(&path)).ok().stdout;
        assert_eq!(
            sum.split_whitespace().next().unwrap(),
            f["sha256"].as_str().unwrap(),
            "{}",
            path.display()
        );
    }
    for c in manifest["certificates"].as_array().unwrap() {
        let path = bundle.join(c["path"].as_str().unwrap());
        let shown = openssl(
            bundle,
            &[
                "x509",
                "-in",
                path.to_str().unwrap(),
                "-noout",
                "-fingerprint",
                "-sha256",
                "-enddate",
                "-dateopt",
                "iso_8601",
            ],
        )
        .ok()
        .stdout;
        let fingerprint = c["fingerprint_sha256"].as_str().unwrap();
        assert!(
            shown.contains(&format!("Fingerprint={fingerprint}")),
            "{shown}"
        );
        // openssl: "notAfter=2027-11-26 06:32:34Z"; the manifest: "2027-11-26T06:32:34Z".
        let end = c["not_after"].as_str().unwrap().replace('T', " ");
        assert!(
            shown.contains(&format!("notAfter={end}")),
            "{shown} vs {end}"
        );
    }
    report
}

#[test]
fn new_issue_and_renew_report_what_they_wrote() {
    let tmp = new_dir("dockcert-json-");
    let dir = tmp.path();
    std::fs::write(dir.join("pass.txt"), "correct horse battery\n").unwrap();
    let new = dockcert(
        dir,
        &[
            "new",
            "--server",
            "docker1.example.com,10.0.0.5",
            "--client",
            "alice",
            "--passphrase-file",
            "pass.txt",
            "--out",
            "first",
            "--json",
        ],
    )
    .ok();
    let report = check_report(&new, &dir.join("first"), "folder");
    assert_eq!(report["manifest"]["ca_key"], "encrypted");
    assert!(report["written"].as_str().unwrap().ends_with("first"));
    // The human summary stays on stderr.
    assert!(
        new.stderr.contains("Made a Docker TLS bundle"),
        "{}",
        new.stderr
    );

    let issue = dockcert(
        dir,
        &[
            "issue",
            "--ca-cert",
            "first/ca/ca.pem",
            "--ca-key",
            "first/ca/ca-key.pem",
            "--passphrase-file",
            "pass.txt",
            "--client",
            "bob",
            "--out",
            "more.zip",
            "--json",
        ],
    )
    .ok();
    require_tool("unzip");
    run(Command::new("unzip")
        .args(["-q", "more.zip"])
        .current_dir(dir))
    .ok();
    let report = check_report(&issue, &dir.join("more"), "zip");
    assert_eq!(report["top_folder"], "more");

    let renew = dockcert(
        dir,
        &[
            "renew",
            "first/server/docker1.example.com/server-cert.pem",
            "--ca-cert",
            "first/ca/ca.pem",
            "--ca-key",
            "first/ca/ca-key.pem",
            "--passphrase-file",
            "pass.txt",
            "--out",
            "renewed",
            "--json",
        ],
    )
    .ok();
    let report = check_report(&renew, &dir.join("renewed"), "folder");
    let certs = report["manifest"]["certificates"].as_array().unwrap();
    assert_eq!(
        certs[1]["sans"],
        serde_json::json!(["docker1.example.com", "10.0.0.5"])
    );
}

#[test]
fn without_json_stdout_stays_empty() {
    let tmp = new_dir("dockcert-json-");
    let out = dockcert(
        tmp.path(),
        &[
            "new",
            "--server",
            "d1.example.com",
            "--no-passphrase",
            "--out",
            "b",
        ],
    )
    .ok();
    assert_eq!(out.stdout, "");
}
