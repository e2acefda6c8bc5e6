//! The page on a phone: 390 px wide, in each browser the page is tested in
//! (Debian's Chromium and Firefox ESR, offline as the other page tests), in
//! English and in Chinese. Every view and state a person reaches is
//! measured as the browser lays it out (tests/src/page_audit.rs): each mode
//! empty, the New CA form with its errors, the result after a bundle is made
//! (certificates, files, every host's and client's steps with their
//! `<details>` open), the Existing CA mode issuing, refusing a wrong
//! passphrase, renewing and rotating the CA of a bundle with the long host
//! name (its hosts and clients to drop, the three phases), refusing to
//! issue with an expired CA and rotating away from it (the refusal, the
//! Rotate left, the warning), the Inspect
//! mode's report with findings and
//! files, and the explainer, and its expiry table with rows that end soon
//! and one that has ended. Nowhere may the page scroll sideways, a table
//! cut off a column or scroll inside itself, or a word or host name break
//! inside itself (`docke / r1.co / rp.cn`, `客 / 户 / 端`).

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use dockcert_tests::page;
use dockcert_tests::recipe::{cn_only_server, recipe_ca, recipe_leaf, CaKey};
use dockcert_tests::webdriver::Browser;
use dockcert_tests::{
    in_each_browser, make_bundle, make_bundle_ago, new_dir, three_endings_zip, PASSPHRASE,
};
use serde_json::{json, Value};

/// The window's width: a common phone's (the issue measured at 390 px).
const WIDTH: u32 = 390;

/// A host name longer than a phone's line (46 characters in a monospace
/// font), which may wrap only at its dots and hyphens.
const LONG: &str = "registry-mirror.build.shanghai.corp.example.cn";

/// What docker says about a CN-only certificate, for the explainer.
const LEGACY: &str = "error during connect: Get \"https://docker1.corp.cn:2376/v1.51/version\": tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead";

in_each_browser!(
    nothing_scrolls_sideways_in_english,
    nothing_scrolls_sideways_in_chinese
);

fn nothing_scrolls_sideways_in_english(browser: Browser) {
    every_view(browser, "en-US");
}

fn nothing_scrolls_sideways_in_chinese(browser: Browser) {
    every_view(browser, "zh-CN");
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Runs a job for each view in `lang` at 390 px and fails, listing every
/// view that scrolls sideways or breaks a word, if any does.
fn every_view(browser: Browser, lang: &str) {
    let tmp = new_dir("pp");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::EcSec1, "Corp Ops CA");
    let locked = recipe_ca(
        &tmp.path().join("locked"),
        CaKey::EcLegacyAes128,
        "Locked CA",
    );
    let (cn_only, cn_only_key) = cn_only_server(&ca, "", &tmp.path().join("leaf"), LONG);
    let bundle = make_bundle(&[
        "--server",
        "docker1.corp.cn,10.1.0.5",
        "--server",
        LONG,
        "--client",
        "alice",
        "--key-type",
        "ecdsa-p256",
    ]);
    // Its CA expired (made 40 days ago for 30 days).
    let expired = make_bundle_ago(
        "40 days ago",
        &[
            "--server",
            LONG,
            "--client",
            "alice",
            "--days",
            "30",
            "--ca-days",
            "30",
        ],
    );
    // The expiry table's rows: leaves ending in 5, 20 and 400 days and one
    // that ended years ago, named by the long host name.
    let (_fleet, fleet_zip) = three_endings_zip(&lang[..2]);
    let (ended, _) = recipe_leaf(
        &ca,
        "",
        &tmp.path().join("ended"),
        "server",
        LONG,
        &format!("extendedKeyUsage = serverAuth\nsubjectAltName = DNS:{LONG}"),
        Some(("20200101000000Z", "20210101000000Z")),
    );
    let servers = json!(["docker1.corp.cn,10.1.0.5", "docker2.corp.cn", LONG]);
    let clients = json!(["alice", "ci-runner"]);
    let jobs = [
        json!({
            "servers": servers, "clients": clients, "key_type": "ecdsa-p256",
            "passphrase": PASSPHRASE, "days": "397",
        }),
        json!({
            "servers": ["docker1.corp.cn:2376", "my host", LONG], "passphrase": "short",
            "expect_disabled": true,
        }),
        json!({
            "mode": "existing-ca", "ca_cert": path(&ca.cert), "ca_key": path(&ca.key),
            "servers": servers, "clients": clients, "key_type": "ecdsa-p256",
        }),
        json!({
            "mode": "existing-ca", "view": "existing-ca wrong passphrase",
            "ca_cert": path(&locked.cert), "ca_key": path(&locked.key),
            "ca_passphrase": "not the passphrase", "servers": servers, "expect_error": true,
        }),
        json!({
            "mode": "existing-ca", "view": "existing-ca renew",
            "ca_cert": path(&ca.cert), "ca_key": path(&ca.key),
            "task": "renew", "renew_cert": path(&cn_only),
        }),
        json!({
            "mode": "existing-ca", "view": "existing-ca rotate",
            "ca_cert": path(&bundle.path("ca/ca.pem")), "ca_key": path(&bundle.path("ca/ca-key.pem")),
            "ca_passphrase": PASSPHRASE, "task": "rotate", "rotate_bundle": path(&bundle.zip),
            "new_passphrase": "a new passphrase for the new CA",
        }),
        json!({
            "mode": "existing-ca", "view": "existing-ca expired issue",
            "ca_cert": path(&expired.path("ca/ca.pem")), "ca_key": path(&expired.path("ca/ca-key.pem")),
            "ca_passphrase": PASSPHRASE, "servers": servers, "expect_error": true,
        }),
        json!({
            "mode": "existing-ca", "view": "existing-ca expired rotate",
            "ca_cert": path(&expired.path("ca/ca.pem")), "ca_key": path(&expired.path("ca/ca-key.pem")),
            "ca_passphrase": PASSPHRASE, "task": "rotate", "rotate_bundle": path(&expired.zip),
            "new_passphrase": "a new passphrase for the new CA",
        }),
        json!({
            "mode": "inspect",
            "inspect_files": [path(&cn_only), path(&cn_only_key), path(&ca.cert), path(&bundle.zip)],
            "host": LONG, "explain": LEGACY,
        }),
        json!({
            "mode": "inspect", "view": "inspect expiry",
            "drop_inspect": [path(&fleet_zip), path(&ended)],
        }),
    ];
    let mut failures = Vec::new();
    let mut views = 0;
    for mut job in jobs {
        job["lang"] = lang.into();
        job["width"] = WIDTH.into();
        job["height"] = 800.into();
        job["audit"] = true.into();
        let expiry = job["view"] == "inspect expiry";
        let (report, _out) = page::drive(env!("CARGO_BIN_EXE_page-driver"), browser, job);
        if expiry {
            // The premise: the table measured holds each kind of row.
            let ends: Vec<&str> = report["expiry_rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["ends"].as_str().unwrap())
                .collect();
            assert_eq!(ends.len(), 10, "{ends:?}");
            for kind in ["ended", "soon", "later"] {
                assert!(ends.contains(&kind), "no {kind} row: {ends:?}");
            }
        }
        for audit in report["audits"].as_array().unwrap() {
            views += 1;
            // Text wrapped where it was judged: the long host name (and
            // prose) take several lines in every result and report.
            if audit["view"].as_str().unwrap().contains("result") {
                assert!(
                    audit["line_breaks"].as_u64().unwrap() > 10,
                    "{}: too few lines judged",
                    audit["view"]
                );
            }
            failures.extend(judge(audit, lang));
        }
    }
    // The New CA form and result, its errors, each mode empty, issue, a
    // refusal, renew, rotate, inspect, expiry: the views the jobs above pass
    // through.
    assert!(views >= 16, "only {views} views measured");
    assert!(
        failures.is_empty(),
        "{} at {WIDTH} px, {lang}:\n{}",
        browser.name(),
        failures.join("\n")
    );
}

/// What is wrong with one measured view: a line saying how much, then the
/// first few places (the rest are of the same kind: a table's every cell).
fn judge(audit: &Value, lang: &str) -> Vec<String> {
    let view = audit["view"].as_str().unwrap();
    // The premise: the browser really laid the page out 390 px wide, in the
    // language asked for.
    assert_eq!(
        audit["width"], WIDTH,
        "{view}: the window is not {WIDTH} px wide"
    );
    let shown_lang = audit["lang"].as_str().unwrap();
    assert!(
        shown_lang.starts_with(&lang[..2]),
        "{view}: the page speaks {shown_lang}, not {lang}"
    );
    let (scroll, client) = (
        audit["page_scroll_width"].as_u64().unwrap(),
        audit["page_client_width"].as_u64().unwrap(),
    );
    let overflows = audit["overflows"].as_array().unwrap();
    let broken = audit["broken"].as_array().unwrap();
    if scroll <= client && overflows.is_empty() && broken.is_empty() {
        return Vec::new();
    }
    let widest = overflows
        .iter()
        .map(|o| {
            o["right"]
                .as_i64()
                .unwrap()
                .max(o["scroll_width"].as_i64().unwrap())
        })
        .max()
        .unwrap_or(0);
    let mut wrong = vec![format!(
        "{view}: the page {scroll} px wide in its {client} px window (+{} px); {} elements too wide or past the edge (reaching {widest} px); {} words broken inside",
        scroll.saturating_sub(client),
        overflows.len(),
        broken.len()
    )];
    for o in overflows.iter().take(3) {
        wrong.push(format!(
            "    {} is {} px wide in {} px, its right edge at {} px",
            o["element"], o["scroll_width"], o["client_width"], o["right"]
        ));
    }
    for b in broken.iter().take(4) {
        wrong.push(format!(
            "    broken at {} in {}: {}",
            b["at"], b["element"], b["text"]
        ));
    }
    wrong
}
