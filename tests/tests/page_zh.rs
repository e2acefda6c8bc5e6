//! The page in Chinese, in a real browser whose language is zh-CN (Debian's
//! Chromium and Firefox ESR, offline, as the other page tests): what a
//! Chinese-speaking operator reads when things go wrong is Chinese prose.
//! The whole Inspect mode given broken files (a CN-only server certificate
//! made by real OpenSSL, a CLI bundle checked for a host its certificate
//! does not cover) and a docker message to explain, and given an expired
//! certificate, a stray key, an open daemon.json and a file of no kind; the New CA form's
//! errors for a bad host, too many days and the dind layout for two hosts,
//! which name the fields as the page labels them; the Existing CA mode's
//! refusals (a wrong passphrase, the CA's two files each in the other's
//! input, a CA certificate or a two-role certificate given to renew).
//! Chinese prose:
//! Chinese characters and no run of three or more English words once file
//! names, paths, commands, flags, codes and docker's own words are taken
//! out ([`english_runs`]); a page never names a `--flag`.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use dockcert_tests::page::{self, assert_offline};
use dockcert_tests::recipe::{cn_only_server, recipe_ca, recipe_leaf, CaKey, RecipeCa};
use dockcert_tests::webdriver::Browser;
use dockcert_tests::{english_runs, in_each_browser, make_bundle, new_dir};
use serde_json::{json, Value};

in_each_browser!(
    inspect_of_broken_files_and_a_docker_message_is_all_chinese,
    inspect_of_expired_files_and_daemon_settings_is_all_chinese,
    the_new_ca_form_names_its_fields_by_their_chinese_labels,
    the_existing_ca_refusals_are_chinese_and_name_no_flag,
);

/// What docker itself says about a CN-only certificate: it stays as docker
/// says it, in any language.
const LEGACY: &str = "x509: certificate relies on legacy Common Name field, use SANs instead";

fn drive_zh(browser: Browser, mut job: Value) -> Value {
    job["lang"] = "zh-CN".into();
    let (report, _out) = page::drive(env!("CARGO_BIN_EXE_page-driver"), browser, job);
    // A job that stops at the form's errors reports no requests.
    if !report["requests"].is_null() {
        assert_offline(&report);
    }
    report
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `text` is Chinese prose once each of `verbatim` (docker's own words) is
/// taken out: it has Chinese, and no English sentence.
#[track_caller]
fn assert_chinese(text: &str, verbatim: &[&str], what: &str) {
    let mut kept = text.to_owned();
    for v in verbatim {
        kept = kept.replace(v, " ");
    }
    assert!(has_chinese(&kept), "{what}: no Chinese in:\n{text}");
    let runs = english_runs(&kept);
    assert!(runs.is_empty(), "{what}: English left {runs:?} in:\n{text}");
}

/// A message on the page: Chinese prose that names no `--flag`.
#[track_caller]
fn assert_page_message(text: &str, what: &str) {
    assert_chinese(text, &[], what);
    assert!(!has_flag(text), "{what}: a flag on the page: {text}");
}

/// Whether `text` names a flag (`--server`): two dashes and a letter, not
/// a PEM line's five dashes and capitals.
fn has_flag(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[0] == b'-' && w[1] == b'-' && w[2].is_ascii_lowercase())
}

fn inspect_of_broken_files_and_a_docker_message_is_all_chinese(browser: Browser) {
    let tmp = new_dir("pz");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::RsaLegacyAes256, "Recipe CA");
    let (cert, key) = cn_only_server(
        &ca,
        "env:PASS",
        &tmp.path().join("leaf"),
        "docker1.example.com",
    );
    // A bundle of another CA whose server certificate does not cover the
    // host asked about.
    let bundle = make_bundle(&[
        "--server",
        "docker1.example.com,10.0.0.5",
        "--client",
        "alice",
    ]);
    let explained = format!("error during connect: tls: failed to verify certificate: {LEGACY}");
    let report = drive_zh(
        browser,
        json!({
            "mode": "inspect",
            "inspect_files": [path(&cert), path(&key), path(&ca.cert), path(&bundle.zip)],
            "host": "docker4.corp.cn",
            "explain": explained,
        }),
    );
    assert_eq!(report["html_lang"], "zh-CN");
    let findings = report["findings"].as_array().unwrap();
    let mut codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    for code in ["server-no-san", "host-not-covered"] {
        assert!(codes.contains(&code), "no {code} in {codes:?}");
    }
    assert!(codes.len() >= 3, "several kinds of finding: {codes:?}");
    for f in findings {
        assert_chinese(f["shown"].as_str().unwrap(), &[], "a severity");
        assert_chinese(f["message"].as_str().unwrap(), &[LEGACY], "a finding");
    }
    assert_eq!(strings(&report["explanations"]).len(), 1);
    let text = report["inspect_text"].as_str().unwrap();
    for seen in ["server-cert.pem", "docker4.corp.cn", "检查"] {
        assert!(text.contains(seen), "{seen:?} not shown in:\n{text}");
    }
    assert_chinese(text, &[LEGACY, &explained], "the Inspect mode");
}

fn inspect_of_expired_files_and_daemon_settings_is_all_chinese(browser: Browser) {
    let tmp = new_dir("px");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::EcSec1, "Recipe CA");
    let (expired, _) = recipe_leaf(
        &ca,
        "",
        &tmp.path().join("old"),
        "server",
        "docker1.example.com",
        "extendedKeyUsage = serverAuth\nsubjectAltName = DNS:docker1.example.com",
        Some(("20200101000000Z", "20210101000000Z")),
    );
    // Another leaf's key beside it, a daemon.json that opens the API to
    // anyone, and a file that is nothing dockcert reads.
    let (_, other_key) = recipe_leaf(
        &ca,
        "",
        &tmp.path().join("other"),
        "client",
        "alice",
        "extendedKeyUsage = clientAuth",
        None,
    );
    let daemon = tmp.path().join("daemon.json");
    std::fs::write(&daemon, r#"{"hosts":["tcp://0.0.0.0:2375"]}"#).unwrap();
    let junk = tmp.path().join("notes.txt");
    std::fs::write(&junk, "remember to renew the certificates\n").unwrap();
    let report = drive_zh(
        browser,
        json!({
            "mode": "inspect",
            "inspect_files": [path(&expired), path(&other_key), path(&daemon), path(&junk)],
        }),
    );
    let findings = report["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.len() >= 3, "several findings: {codes:?}");
    assert!(codes.contains(&"expired"), "{codes:?}");
    let text = report["inspect_text"].as_str().unwrap();
    for seen in ["server-cert.pem", "daemon.json", "notes.txt"] {
        assert!(text.contains(seen), "{seen:?} not shown in:\n{text}");
    }
    assert_chinese(text, &[], "the Inspect mode");
}

fn the_new_ca_form_names_its_fields_by_their_chinese_labels(browser: Browser) {
    let report = drive_zh(
        browser,
        json!({
            "servers": ["docker1.example.com", "bad host!"],
            "days": "5000",
            "expect_disabled": true,
        }),
    );
    assert_eq!(report["disabled"], true);
    let errors = strings(&report["errors"]);
    println!("{errors:?}");
    assert!(errors.len() >= 2, "{errors:?}");
    for error in &errors {
        assert_page_message(error, "a New CA error");
    }
    for label in ["Docker 主机", "主机和客户端证书的有效期（天）"] {
        assert!(
            errors.iter().any(|e| e.contains(label)),
            "no error names {label}: {errors:?}"
        );
    }
    assert!(errors.iter().any(|e| e.contains("bad host!")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("5000")), "{errors:?}");
    assert_page_message(report["why_disabled"].as_str().unwrap(), "why disabled");

    // The dind tree for two hosts: the layout's error names the fields too.
    let report = drive_zh(
        browser,
        json!({
            "servers": ["docker1.example.com", "docker2.example.com"],
            "layout": "dind",
            "expect_disabled": true,
        }),
    );
    let errors = strings(&report["errors"]);
    println!("{errors:?}");
    for error in &errors {
        assert_page_message(error, "a New CA error");
    }
    assert!(
        errors
            .iter()
            .any(|e| e.contains("dind") && e.contains("Docker 主机") && e.contains("客户端")),
        "{errors:?}"
    );
}

/// A refused Existing CA job with `ca`'s files (no passphrase unless given):
/// its errors, each checked, and the report.
fn refused(browser: Browser, ca: &RecipeCa, extra: Value) -> (Vec<String>, Value) {
    let mut job = json!({
        "mode": "existing-ca",
        "ca_cert": path(&ca.cert),
        "ca_key": path(&ca.key),
        "expect_error": true,
    });
    for (k, v) in extra.as_object().unwrap() {
        job[k] = v.clone();
    }
    let report = drive_zh(browser, job);
    assert_eq!(report["downloads"], json!([]), "nothing may be downloaded");
    let errors = strings(&report["errors"]);
    println!("{errors:?}");
    assert!(!errors.is_empty());
    for error in &errors {
        assert_page_message(error, "an Existing CA error");
    }
    // What the page says of the CA it read, if it read one.
    if let Some(summary) = report["ca_summary"].as_str() {
        assert_chinese(summary, &[], "the CA's summary");
    }
    (errors, report)
}

fn the_existing_ca_refusals_are_chinese_and_name_no_flag(browser: Browser) {
    let tmp = new_dir("py");
    let locked = recipe_ca(
        &tmp.path().join("locked"),
        CaKey::RsaLegacyDes3,
        "Recipe CA",
    );
    let (errors, _) = refused(
        browser,
        &locked,
        json!({ "ca_passphrase": "not the passphrase", "servers": ["docker.dockcert.test"] }),
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("CA 私钥口令") && e.contains("\"ca-key.pem\"")),
        "{errors:?}"
    );
    assert!(!errors.iter().any(|e| e.contains("not the passphrase")));

    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::EcSec1, "Recipe CA");
    // Each file chosen in the other's input.
    let swapped = RecipeCa {
        dir: ca.dir.clone(),
        cert: ca.key.clone(),
        key: ca.cert.clone(),
        passphrase_file: ca.passphrase_file.clone(),
    };
    let (errors, _) = refused(
        browser,
        &swapped,
        json!({ "servers": ["docker.dockcert.test"] }),
    );
    assert!(errors.iter().any(|e| e.contains("CA 证书")), "{errors:?}");
    // The CA's own certificate given to renew.
    let (errors, _) = refused(
        browser,
        &ca,
        json!({ "task": "renew", "renew_cert": path(&ca.cert) }),
    );
    assert!(errors.iter().any(|e| e.contains("新建 CA")), "{errors:?}");

    // A certificate for both roles given to renew: the page says to issue
    // one in its own words, naming its fields.
    let (both, _) = recipe_leaf(
        &ca,
        "",
        &tmp.path().join("both"),
        "both",
        "both.example.com",
        "extendedKeyUsage = serverAuth, clientAuth\nsubjectAltName = DNS:both.example.com",
        None,
    );
    let (errors, _) = refused(
        browser,
        &ca,
        json!({ "task": "renew", "renew_cert": path(&both) }),
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Docker 主机") && e.contains("客户端")),
        "{errors:?}"
    );
}
