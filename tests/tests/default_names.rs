//! A name the CLI takes by default is said, never quietly taken: without
//! `--client`, `dockcert new` makes one client named `client` and its
//! summary says so (in English and Chinese); without `--ca-name`, the name
//! it gave the CA; `--json` carries both in `named_by_default`. What was
//! made is read back with OpenSSL.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use dockcert_tests::{dockcert, new_dir, openssl};
use serde_json::{json, Value};

/// The subject of the certificate at `cert`, as OpenSSL prints it in RFC 2253 form.
fn subject(dir: &Path, cert: &str) -> String {
    openssl(
        dir,
        &[
            "x509", "-in", cert, "-noout", "-subject", "-nameopt", "RFC2253",
        ],
    )
    .ok()
    .stdout
    .trim()
    .to_owned()
}

#[test]
fn without_client_or_ca_name_the_summary_and_json_say_which_names_were_taken() {
    let tmp = new_dir("dockcert-defaults-");
    let dir = tmp.path();
    let made = dockcert(
        dir,
        &[
            "new",
            "--server",
            "docker1.example.com",
            "--no-passphrase",
            "--out",
            "b",
            "--json",
        ],
    )
    .ok();
    let report: Value = serde_json::from_str(&made.stdout).unwrap();
    let taken = report["named_by_default"].as_array().unwrap();
    assert_eq!(taken.len(), 2, "{report}");
    assert_eq!(taken[0], json!({ "flag": "--client", "value": "client" }));
    assert_eq!(taken[1]["flag"], "--ca-name");
    let ca_name = taken[1]["value"].as_str().unwrap();
    assert!(ca_name.starts_with("dockcert CA 20"), "{ca_name}");
    // What is said is what was made.
    assert_eq!(
        subject(dir, "b/client/client/cert.pem"),
        "subject=CN=client"
    );
    assert_eq!(subject(dir, "b/ca/ca.pem"), format!("subject=CN={ca_name}"));
    assert!(
        made.stderr
            .contains("no --client given: made one client named `client`"),
        "{}",
        made.stderr
    );
    assert!(
        made.stderr
            .contains(&format!("no --ca-name given: the CA is named `{ca_name}`")),
        "{}",
        made.stderr
    );

    let zh = dockcert(
        dir,
        &[
            "new",
            "--lang",
            "zh",
            "--server",
            "docker1.example.com",
            "--no-passphrase",
            "--out",
            "zh",
        ],
    )
    .ok();
    assert!(
        zh.stderr
            .contains("未指定 --client：已生成一个名为 `client` 的客户端"),
        "{}",
        zh.stderr
    );
    assert!(
        zh.stderr
            .contains(&format!("未指定 --ca-name：CA 名为 `{ca_name}`")),
        "{}",
        zh.stderr
    );
}

#[test]
fn names_given_are_not_said_to_be_defaults() {
    let tmp = new_dir("dockcert-defaults-");
    let dir = tmp.path();
    // `client` typed is a name given, though it is the default's.
    let made = dockcert(
        dir,
        &[
            "new",
            "--server",
            "docker1.example.com",
            "--client",
            "client",
            "--ca-name",
            "Ops CA",
            "--no-passphrase",
            "--out",
            "b",
            "--json",
        ],
    )
    .ok();
    let report: Value = serde_json::from_str(&made.stdout).unwrap();
    assert_eq!(report["named_by_default"], json!([]), "{report}");
    assert!(!made.stderr.contains("no --"), "{}", made.stderr);
    assert_eq!(subject(dir, "b/ca/ca.pem"), "subject=CN=Ops CA");

    // From an existing CA no client is made unless asked for, and the CA
    // keeps its own name: nothing is taken by default.
    let issued = dockcert(
        dir,
        &[
            "issue",
            "--ca-cert",
            "b/ca/ca.pem",
            "--ca-key",
            "b/ca/ca-key.pem",
            "--server",
            "docker2.example.com",
            "--out",
            "more",
            "--json",
        ],
    )
    .ok();
    let report: Value = serde_json::from_str(&issued.stdout).unwrap();
    assert_eq!(report["named_by_default"], json!([]), "{report}");
    assert!(!Path::new(dir).join("more/client").exists());
}
