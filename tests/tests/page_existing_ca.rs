//! The page's Existing CA and Inspect modes, used as a person uses them, in
//! each browser the page is tested in (Debian's Chromium and Firefox ESR)
//! inside a network namespace with only loopback, files chosen through the
//! page's file inputs or dropped on its drop zone. A CA made by real OpenSSL (an
//! encrypted legacy key, the recipe's CA without keyUsage) issues through
//! the page, and the zip is judged as the CLI's issued bundles are: OpenSSL,
//! and a real dockerd with the real docker client. A wrong passphrase is
//! refused in the core's words with nothing downloaded; renewal keeps the
//! names with a new key; inspect finds the recipe's CN-only certificate and
//! passes a healthy bundle.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use dockcert_tests::judge::{self, HostSetup, Stage, CLIENTS, SERVERS};
use dockcert_tests::page::{self, assert_offline};
use dockcert_tests::recipe::{cn_only_server, recipe_ca, CaKey, RecipeCa, RECIPE_PASSPHRASE};
use dockcert_tests::webdriver::Browser;
use dockcert_tests::{
    cert_text, dockcert, files_under, in_each_browser, line_after, make_bundle, new_dir, openssl,
    zip_entries, MadeBundle,
};
use serde_json::{json, Value};

fn drive(browser: Browser, job: Value) -> (Value, tempfile::TempDir) {
    let (report, out) = page::drive(env!("CARGO_BIN_EXE_page-driver"), browser, job);
    assert_offline(&report);
    (report, out)
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A job for the Existing CA mode with `ca`'s files and passphrase.
fn ca_job(ca: &RecipeCa, passphrase: &str) -> Value {
    json!({
        "mode": "existing-ca",
        "ca_cert": path(&ca.cert),
        "ca_key": path(&ca.key),
        "ca_passphrase": passphrase,
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

in_each_browser!(
    issues_from_an_openssl_ca_with_an_encrypted_legacy_key,
    takes_the_cas_inventory_and_gives_it_back_updated,
    a_wrong_passphrase_gets_the_cores_words_and_nothing_downloads,
    renews_a_server_certificate_with_the_same_names_and_a_new_key,
    renewing_the_recipes_cn_only_certificate_says_what_it_fixes,
    renew_refuses_a_certificate_of_another_ca_in_the_cli_words,
    inspect_finds_the_recipes_cn_only_server_certificate,
    inspect_passes_a_healthy_cli_bundle_zip_with_its_modes,
);

/// What the page shows as its file list equals what `unzip` gives.
fn shown_files_match(report: &Value, bundle: &MadeBundle, top: &str) {
    let rows = report["files_shown"].as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        let (shown, mode) = (row[0].as_str().unwrap(), row[1].as_str().unwrap());
        let rel = shown.strip_prefix(&format!("{top}/")).unwrap();
        let actual = dockcert_tests::mode_of(&bundle.path(rel));
        assert_eq!(format!("{actual:04o}"), mode, "{shown}");
    }
}

fn issues_from_an_openssl_ca_with_an_encrypted_legacy_key(browser: Browser) {
    let tmp = new_dir("pe");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::RsaLegacyAes256, "Recipe CA");
    let setup = HostSetup::new();
    let mut job = ca_job(&ca, RECIPE_PASSPHRASE);
    job["servers"] = SERVERS.iter().map(|(_, arg)| *arg).collect();
    job["clients"] = CLIENTS.into();
    job["listen"] = setup.listen().into();
    job["install-dir"] = setup.install_dir().into();
    let (report, _out) = drive(browser, job);

    let summary = report["ca_summary"].as_str().unwrap();
    for shown in ["Recipe CA", "legacy PEM with DEK-Info", "encrypted"] {
        assert!(summary.contains(shown), "{shown:?} not in {summary:?}");
    }
    let zip = PathBuf::from(report["zip"].as_str().unwrap());
    assert_eq!(zip.file_name().unwrap(), "docker-tls-issued.zip");

    // The same files and modes as `dockcert issue` makes for the same request.
    let cli = new_dir("pc");
    let (listen, install_dir) = (setup.listen(), setup.install_dir());
    let mut args = vec![
        "issue",
        "--ca-cert",
        ca.cert.to_str().unwrap(),
        "--ca-key",
        ca.key.to_str().unwrap(),
        "--passphrase-file",
        ca.passphrase_file.to_str().unwrap(),
        "--listen",
        &listen,
        "--install-dir",
        &install_dir,
        "--out",
        "docker-tls-issued.zip",
    ];
    for (_, server) in SERVERS {
        args.extend(["--server", server]);
    }
    for client in CLIENTS {
        args.extend(["--client", client]);
    }
    dockcert(cli.path(), &args).ok();
    assert_eq!(
        zip_entries(&zip),
        zip_entries(&cli.path().join("docker-tls-issued.zip"))
    );

    let bundle = MadeBundle::unpack(&zip, RECIPE_PASSPHRASE);
    assert!(
        !bundle.path("ca/ca-key.pem").exists(),
        "an issued bundle must never hold the CA key"
    );
    let manifest: Value = serde_json::from_str(&bundle.read("manifest.json")).unwrap();
    assert_eq!(manifest["ca_key"], "not included");
    shown_files_match(&report, &bundle, "docker-tls-issued");
    judge::check_chains_and_purposes_lenient(&bundle);
    judge::docker_access(
        &mut Stage::new(bundle, setup),
        "ecdsa-p256",
        CLIENTS[0],
        false,
    );
}

/// The CA's inventory, started beside its key by `dockcert issue`, dropped
/// on the page with the CA's files (or picked in its own field): the zip's
/// `ca/inventory.jsonl` is that file byte for byte with a line for each new
/// certificate, whose serial and fingerprint OpenSSL reads from the zip's
/// certificate.
fn takes_the_cas_inventory_and_gives_it_back_updated(browser: Browser) {
    let tmp = new_dir("pi");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::EcSec1, "Recipe CA");
    let first = [
        "issue",
        "--ca-cert",
        &path(&ca.cert),
        "--ca-key",
        &path(&ca.key),
        "--client",
        "bob",
        "--out",
        "first.zip",
    ];
    dockcert(tmp.path(), &first).ok();
    let inventory = ca.dir.join("inventory.jsonl");
    let before = std::fs::read(&inventory).unwrap();
    for dropped in [true, false] {
        let mut job = json!({ "mode": "existing-ca", "clients": ["carol"] });
        if dropped {
            job["drop_ca"] = json!([path(&ca.key), path(&inventory), path(&ca.cert)]);
        } else {
            job["ca_cert"] = path(&ca.cert).into();
            job["ca_key"] = path(&ca.key).into();
            job["ca_inventory"] = path(&inventory).into();
        }
        let (report, _out) = drive(browser, job);
        let status = report["inventory_status"].as_str().unwrap();
        assert!(
            status.contains("inventory.jsonl: lists 1 certificate;"),
            "{status}"
        );
        let zip = PathBuf::from(report["zip"].as_str().unwrap());
        let bundle = MadeBundle::unpack(&zip, RECIPE_PASSPHRASE);
        let back = std::fs::read(bundle.path("ca/inventory.jsonl")).unwrap();
        assert!(back.starts_with(&before), "the file given, byte for byte");
        let added = String::from_utf8(back[before.len()..].to_vec()).unwrap();
        let lines: Vec<Value> = added
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 1, "{added}");
        assert_eq!(lines[0]["name"], "carol");
        assert_eq!(lines[0]["bundle"], "docker-tls-issued.zip");
        let read = openssl(
            &bundle.root,
            &[
                "x509",
                "-in",
                "client/carol/cert.pem",
                "-noout",
                "-serial",
                "-fingerprint",
                "-sha256",
            ],
        )
        .ok()
        .stdout;
        let serial = format!("serial={}", lines[0]["serial"].as_str().unwrap());
        let fingerprint = format!(
            "sha256 Fingerprint={}",
            lines[0]["sha256"].as_str().unwrap()
        );
        assert!(
            read.contains(&serial) && read.contains(&fingerprint),
            "{read}\n{added}"
        );
        assert!(bundle
            .read("README.txt")
            .contains("in place of the one given"));
    }
}

fn a_wrong_passphrase_gets_the_cores_words_and_nothing_downloads(browser: Browser) {
    let tmp = new_dir("pw");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::RsaLegacyDes3, "Recipe CA");
    let mut job = ca_job(&ca, "not the passphrase");
    job["servers"] = json!(["docker.dockcert.test"]);
    job["expect_error"] = true.into();
    let (report, out) = drive(browser, job);
    let errors = strings(&report["errors"]);
    assert!(
        errors.iter().any(|e| e.contains(
            "CA key passphrase: the passphrase does not open the CA key \"ca-key.pem\"; no bundle was made"
        )),
        "{errors:?}"
    );
    assert!(
        !errors.iter().any(|e| e.contains("not the passphrase")),
        "a passphrase must never be echoed"
    );
    assert_eq!(report["downloads"], json!([]), "nothing may be downloaded");
    assert!(files_under(&out.path().join("downloads")).is_empty());
}

/// `dockcert issue` from `ca` for the standard hosts and clients.
fn cli_issued(ca: &RecipeCa, dir: &Path) -> MadeBundle {
    let zip = dir.join("issued.zip");
    let mut args = vec![
        "issue",
        "--ca-cert",
        ca.cert.to_str().unwrap(),
        "--ca-key",
        ca.key.to_str().unwrap(),
        "--passphrase-file",
        ca.passphrase_file.to_str().unwrap(),
        "--out",
        zip.to_str().unwrap(),
    ];
    for (_, s) in SERVERS {
        args.extend(["--server", s]);
    }
    for c in CLIENTS {
        args.extend(["--client", c]);
    }
    dockcert(dir, &args).ok();
    MadeBundle::unpack(&zip, RECIPE_PASSPHRASE)
}

fn renews_a_server_certificate_with_the_same_names_and_a_new_key(browser: Browser) {
    let tmp = new_dir("pr");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::Ed25519Encrypted, "Recipe CA");
    let old = cli_issued(&ca, tmp.path());
    let cert = "server/docker.dockcert.test/server-cert.pem";
    // Dropped together, key first: the page tells them apart by content.
    let mut job = json!({
        "mode": "existing-ca",
        "drop_ca": [path(&ca.key), path(&ca.cert)],
        "ca_passphrase": RECIPE_PASSPHRASE,
    });
    job["open_first"] = true.into();
    job["task"] = "renew".into();
    job["renew_cert"] = path(&old.path(cert)).into();
    let (report, _out) = drive(browser, job);
    assert!(
        report["ca_summary"]
            .as_str()
            .unwrap()
            .contains("PKCS#8 (PBES2)"),
        "{}",
        report["ca_summary"]
    );
    let summary = report["renew_summary"].as_str().unwrap();
    for shown in ["host", "docker.dockcert.test", "127.0.0.1", "::1"] {
        assert!(summary.contains(shown), "{shown:?} not in {summary:?}");
    }

    let zip = PathBuf::from(report["zip"].as_str().unwrap());
    assert_eq!(zip.file_name().unwrap(), "docker-tls-renewed.zip");
    let new = MadeBundle::unpack(&zip, RECIPE_PASSPHRASE);
    shown_files_match(&report, &new, "docker-tls-renewed");
    let files = files_under(&new.root);
    assert!(
        files
            .iter()
            .all(|f| f.starts_with("server/docker.dockcert.test/")
                || f == "ca/ca.pem"
                || f == "ca/inventory.jsonl"
                || f == "prometheus/dockcert.rules.yml"
                || !f.contains('/')),
        "{files:?}"
    );
    let (a, b) = (
        cert_text(&old.root, &old.path(cert)),
        cert_text(&new.root, &new.path(cert)),
    );
    for label in [
        "Subject Alternative Name",
        "Extended Key Usage",
        "Key Usage: critical",
    ] {
        assert_eq!(
            line_after(&a, label),
            line_after(&b, label),
            "{label} changed"
        );
    }
    assert_eq!(
        line_after(&b, "Subject Alternative Name"),
        "DNS:docker.dockcert.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"
    );
    let find = |t: &str, start: &str| {
        t.lines()
            .find(|l| l.trim().starts_with(start))
            .unwrap()
            .to_owned()
    };
    assert_eq!(find(&a, "Subject:"), find(&b, "Subject:"));
    assert_ne!(find(&a, "serial="), find(&b, "serial="), "a new serial");
    let key = "server/docker.dockcert.test/server-key.pem";
    let pubkey = |m: &MadeBundle| {
        openssl(&m.root, &["pkey", "-in", key, "-pubout"])
            .ok()
            .stdout
    };
    assert_ne!(
        pubkey(&old),
        pubkey(&new),
        "a renewed certificate needs a new key"
    );
    assert_eq!(
        openssl(&new.root, &["x509", "-in", cert, "-noout", "-pubkey"])
            .ok()
            .stdout,
        pubkey(&new),
        "the new key is the new certificate's"
    );
    openssl(
        &new.root,
        &["verify", "-CAfile", ca.cert.to_str().unwrap(), cert],
    )
    .ok();
}

fn renewing_the_recipes_cn_only_certificate_says_what_it_fixes(browser: Browser) {
    let tmp = new_dir("pn");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::EcSec1, "Recipe CA");
    let (cert, _) = cn_only_server(&ca, "", &tmp.path().join("leaf"), "docker1.example.com");
    let mut job = ca_job(&ca, "");
    job.as_object_mut().unwrap().remove("ca_passphrase");
    job["task"] = "renew".into();
    job["renew_cert"] = path(&cert).into();
    let (report, _out) = drive(browser, job);
    let legacy = "x509: certificate relies on legacy Common Name field, use SANs instead";
    assert!(
        report["renew_summary"].as_str().unwrap().contains(legacy),
        "{}",
        report["renew_summary"]
    );
    assert!(
        strings(&report["notes"]).iter().any(|n| n.contains(legacy)),
        "{}",
        report["notes"]
    );
    let new = MadeBundle::unpack(
        Path::new(report["zip"].as_str().unwrap()),
        RECIPE_PASSPHRASE,
    );
    let t = cert_text(
        &new.root,
        &new.path("server/docker1.example.com/server-cert.pem"),
    );
    assert_eq!(
        line_after(&t, "Subject Alternative Name"),
        "DNS:docker1.example.com"
    );
}

fn renew_refuses_a_certificate_of_another_ca_in_the_cli_words(browser: Browser) {
    let tmp = new_dir("po");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::EcSec1, "Recipe CA");
    let other = recipe_ca(&tmp.path().join("other"), CaKey::Ed25519, "Other CA");
    let old = cli_issued(&ca, tmp.path());
    let mut job = ca_job(&other, "");
    job.as_object_mut().unwrap().remove("ca_passphrase");
    job["task"] = "renew".into();
    job["renew_cert"] = path(&old.path("client/alice/cert.pem")).into();
    job["expect_error"] = true.into();
    let (report, _out) = drive(browser, job);
    assert_eq!(report["button_disabled"], true);
    let errors = strings(&report["errors"]);
    assert!(
        errors.iter().any(|e| e.contains(
            "\"cert.pem\": it was issued by \"CN=Recipe CA\", not by the CA loaded here (\"CN=Other CA\"); renew it with the CA that issued it"
        )),
        "{errors:?}"
    );
    assert_eq!(report["downloads"], json!([]));
}

fn inspect_finds_the_recipes_cn_only_server_certificate(browser: Browser) {
    let tmp = new_dir("pi");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::RsaLegacyAes256, "Recipe CA");
    let (cert, key) = cn_only_server(
        &ca,
        "env:PASS",
        &tmp.path().join("leaf"),
        "docker1.example.com",
    );
    let legacy = "x509: certificate relies on legacy Common Name field, use SANs instead";
    let (report, _out) = drive(
        browser,
        json!({
            "mode": "inspect",
            "inspect_files": [path(&cert), path(&key), path(&ca.cert)],
            "explain": format!("error during connect: tls: failed to verify certificate: {legacy}"),
        }),
    );
    let findings = report["findings"].as_array().unwrap();
    let no_san = findings
        .iter()
        .find(|f| f["code"] == "server-no-san")
        .unwrap_or_else(|| panic!("no server-no-san in {findings:?}"));
    assert_eq!(no_san["severity"], "error");
    assert!(
        no_san["message"].as_str().unwrap().contains(legacy),
        "{no_san}"
    );
    assert_eq!(
        no_san["shown"], "✕ error",
        "the severity is said in words, with a mark"
    );
    assert_eq!(report["all_well"], false);
    assert!(report["report_errors"].as_u64().unwrap() >= 1);
    let files: Vec<(String, String)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f[0].as_str().unwrap().into(), f[1].as_str().unwrap().into()))
        .collect();
    assert!(files.contains(&("server-cert.pem".into(), "server certificate".into())));
    assert!(files.contains(&("ca.pem".into(), "CA certificate".into())));
    let explained = strings(&report["explanations"]);
    assert_eq!(explained.len(), 1, "{explained:?}");
    assert!(explained[0].contains("said by the docker client"));
}

fn inspect_passes_a_healthy_cli_bundle_zip_with_its_modes(browser: Browser) {
    let b = make_bundle(&[
        "--server",
        "docker1.example.com,10.0.0.5",
        "--client",
        "alice",
    ]);
    let (report, _out) = drive(
        browser,
        json!({
            "mode": "inspect",
            "inspect_files": [path(&b.zip)],
            "host": "docker1.example.com",
        }),
    );
    assert_eq!(report["report_errors"], 0, "{}", report["findings"]);
    assert_eq!(report["findings"], json!([]));
    assert_eq!(report["all_well"], true);
    assert!(report["verdict"]
        .as_str()
        .unwrap()
        .starts_with("All is well:"));
    let files = report["files"].as_array().unwrap();
    assert!(files.iter().any(
        |f| f[0] == "bundle/server/docker1.example.com/server-key.pem"
            && f[1] == "private key (ecdsa-p256)"
    ));
}
