//! The inventory of what a CA issued (`inventory.jsonl` beside the CA key),
//! against real programs: `new`, two `issue`s and a `renew` run with the
//! CLI record exactly the serials and SHA-256 fingerprints OpenSSL reads
//! from the certificate files they wrote; an OpenSSL-made CA gets an
//! inventory started and the summary says so, in English and Chinese;
//! `expiry` lists what the inventory records with the files deleted; a
//! damaged line is named; `inspect` notes a certificate the inventory
//! does not list.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use dockcert_tests::recipe::{recipe_ca, CaKey, RecipeCa};
use dockcert_tests::{dockcert, english_runs, new_dir, openssl, MadeBundle, Run};

/// `(serial, SHA-256 fingerprint)` as `openssl x509 -serial -fingerprint -sha256` prints them.
fn openssl_reads(cert: &Path) -> (String, String) {
    let out = openssl(
        cert.parent().unwrap(),
        &[
            "x509",
            "-in",
            cert.to_str().unwrap(),
            "-noout",
            "-serial",
            "-fingerprint",
            "-sha256",
        ],
    )
    .ok()
    .stdout;
    let field = |label: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(label))
            .unwrap_or_else(|| panic!("no {label} in {out}"))
            .to_owned()
    };
    (field("serial="), field("sha256 Fingerprint="))
}

/// Every certificate file under `root` (the CA's, each host's and client's).
fn certificate_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            if path.is_dir() {
                dirs.push(path);
            } else if ["ca.pem", "server-cert.pem", "cert.pem"].contains(&name.as_str()) {
                found.push(path);
            }
        }
    }
    found
}

/// Each line of the inventory at `path`, as JSON.
fn lines(path: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn recorded(lines: &[serde_json::Value]) -> BTreeSet<(String, String)> {
    lines
        .iter()
        .map(|l| {
            (
                l["serial"].as_str().unwrap().to_owned(),
                l["sha256"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn issue(dir: &Path, ca: (&Path, &Path), args: &[&str]) -> Run {
    let mut all = vec![
        "issue",
        "--ca-cert",
        ca.0.to_str().unwrap(),
        "--ca-key",
        ca.1.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    dockcert(dir, &all)
}

#[test]
fn new_two_issues_and_a_renew_record_every_certificate_openssl_reads() {
    let tmp = new_dir("inv");
    let dir = tmp.path();
    let new = [
        "new",
        "--server",
        "docker1.example.com,10.0.0.5",
        "--client",
        "alice",
        "--no-passphrase",
        "--out",
        "first",
    ];
    dockcert(dir, &new).ok();
    let (ca_cert, ca_key) = ("first/ca/ca.pem", "first/ca/ca-key.pem");
    let inventory = dir.join("first/ca/inventory.jsonl");
    let after_new = fs::read(&inventory).unwrap();
    let ca = (Path::new(ca_cert), Path::new(ca_key));
    let one = issue(
        dir,
        ca,
        &["--server", "docker2.example.com", "--out", "more.zip"],
    )
    .ok();
    let after_one = fs::read(&inventory).unwrap();
    assert!(
        one.stderr
            .contains("Inventory: 1 certificate added to first/ca/inventory.jsonl"),
        "{}",
        one.all()
    );
    let two = issue(dir, ca, &["--client", "bob", "--out", "bob", "--json"]).ok();
    let after_two = fs::read(&inventory).unwrap();
    let said: serde_json::Value = serde_json::from_str(&two.stdout).unwrap();
    assert_eq!(said["inventory"]["path"], "first/ca/inventory.jsonl");
    assert_eq!(said["inventory"]["added"], 1);
    assert_eq!(said["inventory"]["started"], false);
    let old = "first/server/docker1.example.com/server-cert.pem";
    let renew = [
        "renew",
        old,
        "--ca-cert",
        ca_cert,
        "--ca-key",
        ca_key,
        "--out",
        "renewed",
    ];
    dockcert(dir, &renew).ok();

    // Only ever appended: what `new` wrote is still the file's beginning.
    assert!(fs::read(&inventory).unwrap().starts_with(&after_new));
    let zip = MadeBundle::unpack(&dir.join("more.zip"), "");
    // Each issued bundle's ca/ carries the inventory as it stood once appended to.
    assert_eq!(fs::read(zip.path("ca/inventory.jsonl")).unwrap(), after_one);
    assert_eq!(
        fs::read(dir.join("bob/ca/inventory.jsonl")).unwrap(),
        after_two
    );
    assert_eq!(
        fs::read(dir.join("renewed/ca/inventory.jsonl")).unwrap(),
        fs::read(&inventory).unwrap()
    );
    let mut read_by_openssl = BTreeSet::new();
    for root in [
        dir.join("first"),
        zip.root.clone(),
        dir.join("bob"),
        dir.join("renewed"),
    ] {
        for cert in certificate_files(&root) {
            read_by_openssl.insert(openssl_reads(&cert));
        }
    }
    let lines = lines(&inventory);
    // The CA, docker1 and alice (new), docker2 and bob (issue), docker1 again (renew).
    assert_eq!(lines.len(), 6, "{lines:#?}");
    assert_eq!(recorded(&lines), read_by_openssl);
    let roles: Vec<&str> = lines.iter().map(|l| l["role"].as_str().unwrap()).collect();
    assert_eq!(
        roles,
        ["ca", "server", "client", "server", "client", "server"]
    );
    let ca_sha256 = &lines[0]["sha256"];
    for l in &lines {
        assert_eq!(l["v"], 1);
        assert_eq!(&l["ca_sha256"], ca_sha256);
    }
    let bundles: Vec<&str> = lines
        .iter()
        .map(|l| l["bundle"].as_str().unwrap())
        .collect();
    assert_eq!(
        bundles,
        ["first", "first", "first", "more.zip", "bob", "renewed"]
    );

    // The files gone, the inventory still tells what the CA issued.
    for gone in ["first/server", "first/client", "bob", "renewed"] {
        fs::remove_dir_all(dir.join(gone)).unwrap();
    }
    fs::remove_file(dir.join("more.zip")).unwrap();
    let out = dockcert(
        dir,
        &["expiry", "--all", "--json", "first/ca/inventory.jsonl"],
    );
    assert_eq!(out.status, 0, "{}", out.all());
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let listed: BTreeSet<(String, String)> = v["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let at = c["inventory"][0].as_str().unwrap();
            assert!(at.starts_with("inventory.jsonl:"), "{c}");
            assert!(c["paths"].as_array().unwrap().is_empty(), "{c}");
            (
                c["serial"].as_str().unwrap().to_owned(),
                c["sha256"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(listed, read_by_openssl);
    // Beside the CA file it is one certificate, found in both.
    let out = dockcert(dir, &["expiry", "--all", "first/ca"]);
    assert_eq!(out.status, 0, "{}", out.all());
    let ca_rows: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("  CA  "))
        .collect();
    assert_eq!(ca_rows.len(), 1, "{}", out.stdout);
    assert!(
        ca_rows[0].ends_with("  ca.pem (and 1 more)"),
        "{}",
        out.stdout
    );
}

fn older_ca(dir: &Path) -> RecipeCa {
    recipe_ca(&dir.join("ca"), CaKey::EcSec1, "Old Docker CA")
}

#[test]
fn an_older_ca_gets_an_inventory_started_and_the_summary_says_so() {
    for (lang, says) in [
        ("en", "Inventory: this CA had none; started"),
        ("zh", "签发清单：此 CA 原先没有签发清单，已新建"),
    ] {
        let tmp = new_dir("inv");
        let dir = tmp.path();
        let ca = older_ca(dir);
        let inventory = ca.dir.join("inventory.jsonl");
        assert!(!inventory.exists());
        let pair = (ca.cert.as_path(), ca.key.as_path());
        let args = [
            "--server", "docker1", "--client", "ci", "--out", "b.zip", "--lang", lang,
        ];
        let run = issue(dir, pair, &args).ok();
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(says))
            .unwrap_or_else(|| panic!("{lang}: no `{says}` in\n{}", run.stderr));
        assert!(line.contains(inventory.to_str().unwrap()), "{line}");
        if lang == "zh" {
            assert_eq!(english_runs(line), Vec::<String>::new(), "{line}");
        }
        let started = lines(&inventory);
        assert_eq!(started.len(), 2);
        let zip = MadeBundle::unpack(&dir.join("b.zip"), "");
        let mut issued: BTreeSet<(String, String)> = BTreeSet::new();
        for cert in certificate_files(&zip.root) {
            if cert.file_name().unwrap() != "ca.pem" {
                issued.insert(openssl_reads(&cert));
            }
        }
        assert_eq!(
            fs::read(zip.path("ca/inventory.jsonl")).unwrap(),
            fs::read(&inventory).unwrap()
        );
        assert_eq!(
            recorded(&started),
            issued,
            "the CA it did not make is not listed"
        );
        assert_eq!(
            started[0]["ca_sha256"].as_str(),
            Some(openssl_reads(&ca.cert).1.as_str())
        );

        // The next run appends, and says so.
        let before = fs::read(&inventory).unwrap();
        let again = [
            "--client", "dev", "--out", "dev.zip", "--json", "--lang", lang,
        ];
        let run = issue(dir, pair, &again).ok();
        let said: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(said["inventory"]["started"], false);
        assert!(fs::read(&inventory).unwrap().starts_with(&before));
        assert_eq!(lines(&inventory).len(), 3);
    }
}

#[test]
fn a_folder_that_cannot_take_the_inventory_is_refused_before_any_key() {
    let tmp = new_dir("inv");
    let dir = tmp.path();
    let ca = older_ca(dir);
    // Not a file: nothing can be appended to it, whoever runs the test.
    fs::create_dir(ca.dir.join("inventory.jsonl")).unwrap();
    let pair = (ca.cert.as_path(), ca.key.as_path());
    let run = issue(dir, pair, &["--client", "ci", "--out", "b.zip"]);
    assert_eq!(run.status, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("inventory.jsonl beside --ca-key cannot be written"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was made"), "{}", run.stderr);
    assert!(!dir.join("b.zip").exists());
}

#[test]
fn a_damaged_line_is_named_and_an_unlisted_certificate_noted() {
    let tmp = new_dir("inv");
    let dir = tmp.path();
    let new = [
        "new",
        "--server",
        "docker1",
        "--client",
        "alice",
        "--no-passphrase",
        "--out",
        "b",
    ];
    dockcert(dir, &new).ok();
    let inventory = dir.join("b/ca/inventory.jsonl");
    let text = fs::read_to_string(&inventory).unwrap();
    let mut kept: Vec<String> = text.lines().map(str::to_owned).collect();
    // alice's line (the third) taken out; a copy of the host's with its end
    // spoiled; a line of garbage.
    kept.remove(2);
    let spoiled = kept[1].replacen("\"not_after\":\"", "\"not_after\":\"soon ", 1);
    kept.push(spoiled);
    kept.push("{not json".to_owned());
    fs::write(&inventory, kept.join("\n") + "\n").unwrap();

    let out = dockcert(dir, &["expiry", "b/ca/inventory.jsonl"]);
    assert_eq!(out.status, 2, "{}", out.all());
    assert!(
        out.stdout
            .contains("inventory: line 3: \"not_after\" is not a time in RFC 3339"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("inventory: line 4: not JSON"),
        "{}",
        out.stdout
    );
    let zh = dockcert(dir, &["expiry", "--lang", "zh", "b/ca/inventory.jsonl"]);
    assert!(
        zh.stdout
            .contains("签发清单：第 3 行：\"not_after\" 不正确"),
        "{}",
        zh.stdout
    );

    let out = dockcert(dir, &["inspect", "--json", "b"]);
    let v: serde_json::Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.all()));
    let findings = v["findings"].as_array().unwrap();
    let with_code = |code: &str| -> Vec<&serde_json::Value> {
        findings.iter().filter(|f| f["code"] == code).collect()
    };
    let unlisted = with_code("not-in-inventory");
    assert_eq!(unlisted.len(), 1, "{findings:#?}");
    assert_eq!(unlisted[0]["file"], "client/alice/cert.pem");
    assert_eq!(unlisted[0]["severity"], "warning");
    assert_eq!(with_code("inventory-damaged").len(), 2, "{findings:#?}");
}
