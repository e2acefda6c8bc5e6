//! The page's fields with a default start empty and show it greyed, and its
//! messages say what is true of the state, in a real browser (Debian's
//! Chromium and Firefox ESR, offline, as the other page tests), in English
//! and in Chinese: an empty Clients box shows `client` as its placeholder
//! and the zip holds a client named `client` (read back with OpenSSL);
//! `ops` typed into that box, without clearing it first as a person types,
//! makes the client `ops`, not `clientops`; with hosts filled in, before
//! the first bundle, the result panel says what is next rather than to add
//! a host; once the bundle is made, the line under Generate says so and
//! what makes another, not "cannot generate yet".

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use dockcert_tests::page::{self, assert_offline};
use dockcert_tests::webdriver::Browser;
use dockcert_tests::{in_each_browser, openssl, zip_entries, MadeBundle, PASSPHRASE};
use serde_json::{json, Value};

in_each_browser!(
    an_empty_clients_box_makes_the_client_its_placeholder_shows,
    typed_into_the_empty_box_ops_is_the_client,
    in_chinese_the_messages_match_the_state_too,
);

/// Runs the New CA form with `job` (one host, the passphrase) in `browser`:
/// the report, and the zip unpacked.
fn generate(browser: Browser, mut job: Value) -> (Value, MadeBundle, Vec<String>) {
    job["servers"] = json!(["docker1.dockcert.test,10.0.0.5"]);
    job["passphrase"] = PASSPHRASE.into();
    let (report, _out) = page::drive(env!("CARGO_BIN_EXE_page-driver"), browser, job);
    assert_offline(&report);
    let zip = PathBuf::from(report["zip"].as_str().unwrap());
    let folders = zip_entries(&zip)
        .into_iter()
        .filter_map(|(_, path)| {
            path.strip_prefix("docker-tls/client/")
                .and_then(|rest| rest.strip_suffix("/cert.pem"))
                .map(str::to_owned)
        })
        .collect();
    (report, MadeBundle::unpack(&zip, PASSPHRASE), folders)
}

/// The subject of the client certificate named `name`, as OpenSSL reads it.
fn client_subject(bundle: &MadeBundle, name: &str) -> String {
    let cert = format!("client/{name}/cert.pem");
    openssl(
        &bundle.path(""),
        &[
            "x509", "-in", &cert, "-noout", "-subject", "-nameopt", "RFC2253",
        ],
    )
    .ok()
    .stdout
    .trim()
    .to_owned()
}

fn said<'a>(report: &'a Value, when: &str, what: &str) -> &'a str {
    report[when][what].as_str().unwrap_or("")
}

fn an_empty_clients_box_makes_the_client_its_placeholder_shows(browser: Browser) {
    let (report, bundle, clients) = generate(browser, json!({}));
    assert_eq!(
        report["client_box"],
        json!({ "value": "", "placeholder": "client" })
    );
    assert_eq!(clients, ["client"]);
    assert_eq!(client_subject(&bundle, "client"), "subject=CN=client");

    // Hosts filled, no passphrase yet: what is next, not "add a host".
    let with_hosts = said(&report, "said_with_hosts", "result");
    assert!(
        !with_hosts.contains("at least one Docker host"),
        "{with_hosts}"
    );
    assert!(
        with_hosts.contains("Next: type the CA key passphrase twice"),
        "{with_hosts}"
    );
    assert!(said(&report, "said_with_hosts", "why").starts_with("Cannot generate yet:"));
    // Everything given: ready, and nothing under the button.
    assert!(
        said(&report, "said_ready", "result").contains("Ready: press Generate."),
        "{}",
        report["said_ready"]
    );
    assert_eq!(report["said_ready"]["why"], Value::Null);
    // Made: the passphrase fields are cleared, and the line says so.
    let why = said(&report, "said_after", "why");
    assert!(!why.contains("Cannot generate yet"), "{why}");
    assert!(why.contains("The bundle was made"), "{why}");
    assert!(
        why.contains("to make another bundle, type a CA key passphrase twice again"),
        "{why}"
    );
    assert!(
        said(&report, "said_after", "result").contains("The download has started."),
        "{}",
        report["said_after"]
    );
}

fn typed_into_the_empty_box_ops_is_the_client(browser: Browser) {
    let (report, bundle, clients) = generate(browser, json!({ "clients_typed": "ops" }));
    assert_eq!(report["client_box"]["value"], "");
    assert_eq!(clients, ["ops"], "not clientops");
    assert_eq!(client_subject(&bundle, "ops"), "subject=CN=ops");
}

fn in_chinese_the_messages_match_the_state_too(browser: Browser) {
    let (report, _bundle, clients) = generate(browser, json!({ "lang": "zh-CN" }));
    assert_eq!(report["html_lang"], "zh-CN");
    assert_eq!(report["client_box"]["placeholder"], "client");
    assert_eq!(clients, ["client"]);
    let with_hosts = said(&report, "said_with_hosts", "result");
    assert!(
        !with_hosts.contains("至少填写一台 Docker 主机"),
        "{with_hosts}"
    );
    assert!(
        with_hosts.contains("下一步：请输入两次 CA 私钥口令"),
        "{with_hosts}"
    );
    assert!(said(&report, "said_ready", "result").contains("已就绪：请点击“生成”。"));
    let why = said(&report, "said_after", "why");
    assert!(!why.contains("还不能生成"), "{why}");
    assert!(why.contains("证书包已生成并开始下载"), "{why}");
    assert!(why.contains("请重新输入两次 CA 私钥口令"), "{why}");
}
