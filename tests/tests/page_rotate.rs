//! The page's Rotate step (Existing CA), used as a person uses it, in each
//! browser the page is tested in and in both languages: the CA and the zip
//! of a bundle `dockcert new` made are chosen, a client is ticked to drop,
//! the new CA key's passphrase typed twice, and the rotation zip the page
//! downloads is held against `dockcert rotate`'s for the same inputs. The
//! layout is byte for byte the same but for what depends on the new keys:
//! the same file names and modes; the same README.txt, manifest.json and
//! install.sh once the new keys' marks are masked (see [`masked`]); the
//! old CA's certificate itself; the dropped client absent; and the new CA
//! verifies every new certificate (openssl verify). So too from a bundle
//! whose CA has expired (made under faketime 40 days ago, for 30 days): the
//! page refuses to issue with it, saying Rotate is left, and rotates away
//! from it with the warning `dockcert rotate` gives, word for word.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use dockcert_tests::page::{self, assert_offline};
use dockcert_tests::webdriver::Browser;
use dockcert_tests::{
    dockcert, files_under, in_each_browser, make_bundle, make_bundle_ago, new_dir, openssl,
    zip_entries, MadeBundle, Run, PASSPHRASE,
};
use serde_json::{json, Value};

/// The new CA key's passphrase, on both sides.
const NEW_PASSPHRASE: &str = "a new passphrase for the new CA";

in_each_browser!(
    rotates_a_cli_bundle_as_dockcert_rotate_does_in_english,
    rotates_a_cli_bundle_as_dockcert_rotate_does_in_chinese,
    rotates_away_from_an_expired_ca_as_dockcert_rotate_does_in_english,
    rotates_away_from_an_expired_ca_as_dockcert_rotate_does_in_chinese,
    a_bundle_of_another_ca_is_refused_naming_the_field,
);

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The hosts and clients of the bundles rotated: two hosts, two clients.
const MEMBERS: [&str; 8] = [
    "--server",
    "docker1.example.com,10.0.0.5",
    "--server",
    "docker2.example.com",
    "--client",
    "alice",
    "--client",
    "bob",
];

/// A bundle `dockcert new` made: two hosts, two clients.
fn current_bundle() -> MadeBundle {
    make_bundle(&MEMBERS)
}

/// The same made 40 days ago for 30 days: its CA and certificates have
/// expired (as openssl sees it today).
fn expired_bundle() -> MadeBundle {
    let mut args = MEMBERS.to_vec();
    args.extend(["--days", "30", "--ca-days", "30"]);
    let old = make_bundle_ago("40 days ago", &args);
    let check = openssl(
        &old.root,
        &["x509", "-in", "ca/ca.pem", "-noout", "-checkend", "0"],
    );
    assert_ne!(check.status, 0, "the CA has expired: {}", check.all());
    old
}

/// Rotates `old` in the page in `browser` (its language `lang`, en-US or
/// zh-CN), dropping `bob`; returns the report and the zip.
fn page_rotation(
    browser: Browser,
    old: &MadeBundle,
    lang: &str,
) -> (Value, PathBuf, tempfile::TempDir) {
    let (report, out) = page::drive(
        env!("CARGO_BIN_EXE_page-driver"),
        browser,
        json!({
            "lang": lang,
            "mode": "existing-ca",
            "ca_cert": path(&old.path("ca/ca.pem")),
            "ca_key": path(&old.path("ca/ca-key.pem")),
            "ca_passphrase": PASSPHRASE,
            "task": "rotate",
            "rotate_bundle": path(&old.zip),
            "drop": ["bob"],
            "new_passphrase": NEW_PASSPHRASE,
        }),
    );
    assert_offline(&report);
    let zip = PathBuf::from(report["zip"].as_str().unwrap());
    assert_eq!(zip.file_name().unwrap(), "docker-tls-rotated.zip");
    (report, zip, out)
}

/// `dockcert rotate` of `old` for the same inputs, README.txt in `lang`;
/// the zip and what the CLI said.
fn cli_rotation(old: &MadeBundle, lang: &str, dir: &Path) -> (PathBuf, Run) {
    let new_pass = dir.join("new-pass.txt");
    std::fs::write(&new_pass, format!("{NEW_PASSPHRASE}\n")).unwrap();
    let zip = dir.join("docker-tls-rotated.zip");
    let said = dockcert(
        dir,
        &[
            "rotate",
            "--ca-cert",
            old.path("ca/ca.pem").to_str().unwrap(),
            "--ca-key",
            old.path("ca/ca-key.pem").to_str().unwrap(),
            "--passphrase-file",
            old.passphrase_file.to_str().unwrap(),
            "--from",
            old.zip.to_str().unwrap(),
            "--drop",
            "bob",
            "--new-passphrase-file",
            new_pass.to_str().unwrap(),
            "--lang",
            lang,
            "--out",
            zip.to_str().unwrap(),
        ],
    )
    .ok();
    (zip, said)
}

fn rotates_a_cli_bundle_as_dockcert_rotate_does_in_english(browser: Browser) {
    no_expiry_said(rotates_as_the_cli(
        browser,
        &current_bundle(),
        "en-US",
        "en",
    ));
}

fn rotates_a_cli_bundle_as_dockcert_rotate_does_in_chinese(browser: Browser) {
    no_expiry_said(rotates_as_the_cli(
        browser,
        &current_bundle(),
        "zh-CN",
        "zh",
    ));
}

fn rotates_away_from_an_expired_ca_as_dockcert_rotate_does_in_english(browser: Browser) {
    let said = rotates_as_the_cli(browser, &expired_bundle(), "en-US", "en");
    expiry_said(said, "en");
}

fn rotates_away_from_an_expired_ca_as_dockcert_rotate_does_in_chinese(browser: Browser) {
    let said = rotates_as_the_cli(browser, &expired_bundle(), "zh-CN", "zh");
    expiry_said(said, "zh");
}

/// A CA in date: no refusal at its field, no warning from the page or
/// the CLI.
fn no_expiry_said((report, cli, _): (Value, Run, String)) {
    let report = &report;
    assert_eq!(report["ca_errors"], json!([]), "{report}");
    assert_eq!(report["rotation"]["inputs"]["ca_errors"], json!([]));
    let summary = report["rotation"]["inputs"]["ca_summary"].as_str().unwrap();
    assert!(
        !summary.contains("Warning") && !summary.contains("警告"),
        "{summary}"
    );
    let warned = cli
        .stderr
        .lines()
        .any(|l| l.starts_with("warning: ") || l.starts_with("警告："));
    assert!(!warned, "{}", cli.all());
    notes_as_the_cli(report, &cli);
}

/// The page lists the notes `dockcert rotate` gives (each certificate
/// docker refuses today for its dates alone), in the same words but for
/// how each names the current bundle (`--from`, the field's label).
fn notes_as_the_cli(report: &Value, cli: &Run) {
    let cli_notes: Vec<&str> = cli
        .stderr
        .lines()
        .filter_map(|l| {
            l.strip_prefix("dockcert: note: ")
                .or_else(|| l.strip_prefix("dockcert: 说明："))
        })
        .map(|n| n.strip_prefix("--from ").unwrap_or(n))
        .collect();
    let page_notes: Vec<&str> = report["rotation"]["inputs"]["notes"]
        .as_array()
        .unwrap_or_else(|| panic!("no notes in {report}"))
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(
        page_notes.len(),
        cli_notes.len(),
        "{page_notes:?}\n{}",
        cli.all()
    );
    for (page, cli_note) in page_notes.iter().zip(&cli_notes) {
        assert!(page.ends_with(cli_note), "{page}\n{cli_note}");
    }
}

/// An expired CA: Issue refused at the CA certificate's field in the
/// page's words, with Rotate named as what is left, here and beside the
/// button; Rotate accepts it with the warning `dockcert rotate` gives.
fn expiry_said((report, cli, page_readme): (Value, Run, String), lang: &str) {
    let report = &report;
    let (prefix, refused, left, why, readme) = match lang {
        "zh" => (
            "警告：",
            "CA 证书 \"ca.pem\"：CA \"",
            "已过期的 CA 仍可以轮换：请选择“轮换 CA”。",
            "该 CA 已过期，不能再签发任何证书：请选择“轮换 CA”，把它的证书包轮换到新的 CA。",
            "旧 CA 已到期\n",
        ),
        _ => (
            "warning: ",
            "CA certificate \"ca.pem\": the CA \"",
            "An expired CA can still be rotated away from: choose Rotate the CA.",
            "the CA has expired, so it signs nothing more: choose Rotate the CA to move its bundle to a new CA.",
            "THE OLD CA HAS EXPIRED\n",
        ),
    };
    let errors: Vec<&str> = report["ca_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains(refused), "{errors:?}");
    assert!(
        errors[0].contains("New CA") || errors[0].contains("新建 CA"),
        "{errors:?}"
    );
    assert!(errors[1].contains(left), "{errors:?}");
    assert!(
        report["first_why"].as_str().unwrap().contains(why),
        "{report}"
    );
    // Rotate: no refusal; the CLI's warning, word for word.
    let inputs = &report["rotation"]["inputs"];
    assert_eq!(inputs["ca_errors"], json!([]), "{inputs}");
    let warning = cli
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .filter(|w| w.contains("CA"))
        .unwrap_or_else(|| panic!("no warning: {}", cli.all()));
    let summary = inputs["ca_summary"].as_str().unwrap();
    let page_prefix = if lang == "zh" {
        "警告："
    } else {
        "Warning: "
    };
    assert!(
        summary.contains(&format!("{page_prefix}{warning}")),
        "{summary}\n{warning}"
    );
    assert!(
        warning.contains("phase 1") || warning.contains("第 1 阶段"),
        "{warning}"
    );
    assert!(page_readme.contains(readme), "{page_readme}");
    // Its leaves ended with it: phase 2 replaces them, as both say.
    let notes = report["rotation"]["inputs"]["notes"].as_array().unwrap();
    assert!(!notes.is_empty(), "{report}");
    notes_as_the_cli(report, &cli);
}

fn rotates_as_the_cli(
    browser: Browser,
    old: &MadeBundle,
    page_lang: &str,
    lang: &str,
) -> (Value, Run, String) {
    let (report, page_zip, _out) = page_rotation(browser, old, page_lang);
    let cli_dir = new_dir("rc");
    let (cli_zip, cli_run) = cli_rotation(old, lang, cli_dir.path());

    // The same files with the same modes.
    let entries = zip_entries(&page_zip);
    assert_eq!(entries, zip_entries(&cli_zip));
    assert!(
        !entries.iter().any(|(_, p)| p.contains("/bob/")),
        "the dropped client got nothing: {entries:?}"
    );
    let page = MadeBundle::unpack(&page_zip, NEW_PASSPHRASE);
    let cli = MadeBundle::unpack(&cli_zip, NEW_PASSPHRASE);
    let files = files_under(&page.root);
    assert_eq!(files, files_under(&cli.root));
    assert!(files.contains(&"client/alice/install.sh".to_owned()));

    // The same words and scripts, the new keys' marks masked.
    for file in &files {
        let (a, b) = (
            std::fs::read(page.path(file)).unwrap(),
            std::fs::read(cli.path(file)).unwrap(),
        );
        match kind_of(file) {
            Compared::Bytes => assert_eq!(a, b, "{file} differs"),
            Compared::Manifest => {
                let parse = |b: &[u8]| masked_manifest(serde_json::from_slice(b).unwrap());
                assert_eq!(
                    parse(&a),
                    parse(&b),
                    "{file} differs beyond the new keys' facts"
                );
            }
            Compared::Masked => {
                let (a, b) = (String::from_utf8(a).unwrap(), String::from_utf8(b).unwrap());
                let (ma, mb) = (masked(&a), masked(&b));
                assert_eq!(ma, mb, "{file} differs beyond the new keys' marks");
                assert_ne!(
                    a, ma,
                    "{file}: nothing masked, so its new keys' marks are not where they were"
                );
            }
            Compared::Keys => {}
        }
    }
    // ca-both.pem: the old CA, then the new.
    let old_ca = old.read("ca/ca.pem");
    let new_ca = page.read("ca/ca.pem");
    for folder in [
        "server/docker1.example.com",
        "server/docker2.example.com",
        "client/alice",
    ] {
        assert_eq!(
            page.read(&format!("{folder}/ca-both.pem")),
            format!("{old_ca}{new_ca}")
        );
        assert_eq!(page.read(&format!("{folder}/ca.pem")), new_ca);
    }
    assert_eq!(page.read("ca/previous-ca.pem"), old_ca);
    let readme = page.read("README.txt");
    let said = match lang {
        "zh" => "这是一次 CA 轮换",
        _ => "This is a CA ROTATION",
    };
    assert!(readme.contains(said), "README.txt in {lang}");

    // The new CA verifies every new certificate; the old CA none.
    for cert in [
        "server/docker1.example.com/server-cert.pem",
        "server/docker2.example.com/server-cert.pem",
        "client/alice/cert.pem",
    ] {
        openssl(&page.root, &["verify", "-CAfile", "ca/ca.pem", cert]).ok();
        openssl(
            &page.root,
            &["verify", "-CAfile", "ca/previous-ca.pem", cert],
        )
        .failed();
    }
    // The new CA key opens with the new passphrase.
    openssl(
        &page.root,
        &[
            "pkey",
            "-in",
            "ca/ca-key.pem",
            "-passin",
            &format!("pass:{NEW_PASSPHRASE}"),
            "-noout",
        ],
    )
    .ok();

    // The page said what it found, and the three phases in the core's words.
    let rotation = &report["rotation"];
    let listed: Vec<&str> = rotation["inputs"]["listed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row[0].as_str().unwrap())
        .collect();
    assert_eq!(
        listed,
        ["docker1.example.com", "docker2.example.com", "alice", "bob"]
    );
    let phases = rotation["shown"]["phases"].as_array().unwrap();
    assert_eq!(phases.len(), 3, "{rotation}");
    for (i, phase) in phases.iter().enumerate() {
        let n = i + 1;
        let commands: Vec<&str> = phase["commands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert!(
            commands[0].starts_with(&format!("sudo ./install.sh --phase {n}\n")),
            "{commands:?}"
        );
        assert_eq!(commands[1], format!("./install.sh --phase {n}"));
        // As README.txt writes them, for each phase N.
        for line in commands[0].lines().chain([commands[1]]) {
            let general = line.replace(&format!("--phase {n}"), "--phase N");
            assert!(readme.contains(&general), "{general:?} not in README.txt");
        }
    }
    let first = phases[0]["said"][0].as_str().unwrap();
    let trust_both = if lang == "zh" {
        "同时信任新旧 CA"
    } else {
        "trust both"
    };
    assert!(first.starts_with(trust_both), "{first}");
    let dropped = rotation["shown"]["dropped"].as_array().unwrap();
    assert_eq!(dropped, &[json!("bob")]);
    (report, cli_run, readme)
}

/// How a file of the two rotations is compared.
enum Compared {
    /// Byte for byte: nothing in it depends on the new keys.
    Bytes,
    /// As text, with [`masked`] marks.
    Masked,
    /// As JSON, with [`masked_manifest`] facts.
    Manifest,
    /// Not at all: a new key or a certificate of one (checked by openssl).
    Keys,
}

fn kind_of(file: &str) -> Compared {
    match Path::new(file).file_name().unwrap().to_str().unwrap() {
        "previous-ca.pem" => Compared::Bytes,
        "README.txt" | "install.sh" => Compared::Masked,
        "manifest.json" => Compared::Manifest,
        _ => Compared::Keys,
    }
}

/// `text` with what depends on the new keys written as `#`: each run of 64
/// hex digits (a file's or certificate's SHA-256, which install.sh expects
/// and manifest.json and README.txt list) and each run of hex pairs joined
/// by colons (a fingerprint or serial as shown). Nothing else is masked.
fn masked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if starts_word && hex >= 64 {
            out.push('#');
            i += hex;
            continue;
        }
        let colon = colon_hex(&bytes[i..]);
        if starts_word && colon > 0 {
            out.push('#');
            i += colon;
            continue;
        }
        let c = text[i..].chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The length of a run of at least eight hex pairs joined by colons at the
/// start of `b` (0: none).
fn colon_hex(b: &[u8]) -> usize {
    let mut pairs = 0;
    let mut at = 0;
    while at + 2 <= b.len() && b[at].is_ascii_hexdigit() && b[at + 1].is_ascii_hexdigit() {
        pairs += 1;
        at += 2;
        if at < b.len() && b[at] == b':' && b.get(at + 1).is_some_and(u8::is_ascii_hexdigit) {
            at += 1;
        } else {
            break;
        }
    }
    if pairs >= 8 {
        at
    } else {
        0
    }
}

/// manifest.json with what depends on the new keys or the second it was
/// made written as `#`: when it was made; each certificate's serial,
/// fingerprint and dates; each file's SHA-256, and the size of each
/// certificate and key (an ECDSA signature's DER length varies) and of the
/// CA files holding the new CA. The paths, kinds, modes, names, subjects,
/// SANs and key types, and the sizes of README.txt, install.sh and
/// previous-ca.pem, stay.
fn masked_manifest(mut manifest: Value) -> Value {
    let hide = |v: &mut Value, keys: &[&str]| {
        for key in keys {
            assert!(v.get(*key).is_some(), "manifest.json has no {key}: {v}");
            v[*key] = "#".into();
        }
    };
    hide(&mut manifest, &["created", "ca_fingerprint_sha256"]);
    for file in manifest["files"].as_array_mut().unwrap() {
        hide(file, &["sha256"]);
        let kind = file["kind"].as_str().unwrap();
        let by_key = kind.ends_with("-cert") && kind != "previous-ca-cert"
            || kind.ends_with("-key")
            || kind.ends_with("-ca-both");
        if by_key {
            hide(file, &["size"]);
        }
    }
    for cert in manifest["certificates"].as_array_mut().unwrap() {
        hide(
            cert,
            &["serial", "fingerprint_sha256", "not_before", "not_after"],
        );
    }
    manifest
}

fn a_bundle_of_another_ca_is_refused_naming_the_field(browser: Browser) {
    let old = current_bundle();
    // Another CA of another name: the core tells the issuer by its name
    // (`Renewal::check_issuer`), so two CAs `dockcert new` named alike on
    // one day are not told apart here.
    let other = make_bundle(&["--server", "docker9.example.com", "--ca-name", "Other CA"]);
    let (report, out) = page::drive(
        env!("CARGO_BIN_EXE_page-driver"),
        browser,
        json!({
            "mode": "existing-ca",
            "ca_cert": path(&other.path("ca/ca.pem")),
            "ca_key": path(&other.path("ca/ca-key.pem")),
            "ca_passphrase": PASSPHRASE,
            "task": "rotate",
            "rotate_bundle": path(&old.zip),
            "new_passphrase": NEW_PASSPHRASE,
            "expect_error": true,
        }),
    );
    assert_offline(&report);
    assert_eq!(report["button_disabled"], true);
    let errors: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("\"Current bundle\" bundle/server/docker1.example.com/server-cert.pem: it was issued by")
            && e.contains("not by the CA loaded here")),
        "{errors:?}"
    );
    assert!(
        !errors.iter().any(|e| e.contains("--from")),
        "the page names its field: {errors:?}"
    );
    assert_eq!(report["downloads"], json!([]));
    assert!(files_under(&out.path().join("downloads")).is_empty());
}
