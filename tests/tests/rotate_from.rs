//! `dockcert rotate` judges the bundle it replaces under the old CA as
//! docker does (issue 26): a bundle of another CA with the same name (a
//! second `dockcert new --ca-name` with that name, which openssl also
//! refuses) is refused, naming the file, in English and Chinese, with
//! nothing written; a bundle whose certificates and CA have expired
//! (made under faketime 40 days ago, for 30 days) is rotated, with the
//! old CA's warning, a note naming each expired certificate, and
//! README.txt's section on the expired CA.

// Test code: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::Command;

use dockcert_tests::{
    dockcert, dockcert_bin, dockcert_in_locale, new_dir, openssl, require_tool, run, Run,
};

const HOST: &str = "h1.dockcert.test";
const CA_NAME: &str = "Acme Docker CA";

/// The arguments of `dockcert new` of HOST and alice under a CA named
/// CA_NAME, into `out`, with `extra` flags.
fn new_bundle(out: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "new",
        "--server",
        HOST,
        "--client",
        "alice",
        "--ca-name",
        CA_NAME,
        "--no-passphrase",
        "--out",
        out,
    ]
    .map(String::from)
    .to_vec();
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    args
}

/// `dockcert rotate` of the bundle `from` with the CA of the bundle `ca`.
fn rotate(dir: &Path, ca: &str, from: &str, lang: &str) -> Run {
    dockcert(
        dir,
        &[
            "rotate",
            "--ca-cert",
            &format!("{ca}/ca/ca.pem"),
            "--ca-key",
            &format!("{ca}/ca/ca-key.pem"),
            "--from",
            from,
            "--no-new-passphrase",
            "--lang",
            lang,
            "--out",
            "rot",
        ],
    )
}

#[test]
fn a_bundle_of_another_ca_with_the_same_name_is_refused_naming_the_file() {
    let work = new_dir("rf26-");
    let dir = work.path();
    for out in ["ours", "theirs"] {
        let args = new_bundle(out, &[]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        dockcert(dir, &args).ok();
    }
    // Two CAs of one name: openssl refuses the other's certificates too
    // (it looks the issuer up by name and key id, and finds none).
    let leaf = format!("theirs/server/{HOST}/server-cert.pem");
    assert_eq!(
        openssl(
            dir,
            &["x509", "-in", "ours/ca/ca.pem", "-noout", "-subject"]
        )
        .stdout,
        openssl(
            dir,
            &["x509", "-in", "theirs/ca/ca.pem", "-noout", "-subject"]
        )
        .stdout
    );
    openssl(dir, &["verify", "-CAfile", "theirs/ca/ca.pem", &leaf]).ok();
    let openssl_says = openssl(dir, &["verify", "-CAfile", "ours/ca/ca.pem", &leaf]).failed();
    assert!(
        openssl_says
            .all()
            .contains("unable to get local issuer certificate"),
        "{}",
        openssl_says.all()
    );

    let refused = rotate(dir, "ours", "theirs", "en");
    assert_eq!(refused.status, 2, "{}", refused.all());
    let line = refused
        .stderr
        .lines()
        .find(|l| l.contains("did not sign it"))
        .unwrap_or_else(|| panic!("{}", refused.all()));
    // The first file it judged, by its path in the bundle: the host's or
    // alice's certificate.
    assert!(
        line.contains(&format!("--from server/{HOST}/server-cert.pem:"))
            || line.contains("--from client/alice/cert.pem:"),
        "{line}"
    );
    assert!(
        line.contains(&format!(
            ": the old CA \"{CA_NAME}\" (--ca-cert) did not sign it: its issuer has that CA's name, but another key made its signature (another CA of the same name); docker says: x509: certificate signed by unknown authority (possibly because of \"x509: ECDSA verification failure\" while trying to verify candidate authority certificate \"{CA_NAME}\"). Give --ca-cert and --ca-key of the CA that issued this bundle"
        )),
        "{line}"
    );
    assert!(!dir.join("rot").exists(), "a refused rotate wrote rot");

    let zh = rotate(dir, "ours", "theirs", "zh");
    assert_eq!(zh.status, 2, "{}", zh.all());
    assert!(
        zh.stderr.contains(&format!(
            "：旧 CA“{CA_NAME}”（--ca-cert）没有签发它：它的签发者与该 CA 同名，但签名出自另一把私钥（另一个同名的 CA）"
        )),
        "{}",
        zh.all()
    );
    assert!(!dir.join("rot").exists());

    // Its own CA rotates it.
    rotate(dir, "theirs", "theirs", "en").ok();
}

#[test]
fn an_expired_bundle_and_ca_are_rotated_with_a_warning_and_notes() {
    let work = new_dir("rx26-");
    let dir = work.path();
    let faketime = require_tool("faketime");
    let args = new_bundle("old", &["--days", "30", "--ca-days", "30"]);
    run(Command::new(faketime)
        .current_dir(dir)
        .env("TZ", "UTC")
        .arg("40 days ago")
        .arg(dockcert_bin())
        .args(&args))
    .ok();
    // Expired, as openssl sees it today.
    let expired = openssl(
        dir,
        &["x509", "-in", "old/ca/ca.pem", "-noout", "-checkend", "0"],
    );
    assert_ne!(expired.status, 0, "{}", expired.all());
    // issue refuses a CA that has expired; rotate is the way out of one.
    let issue = dockcert(
        dir,
        &[
            "issue",
            "--ca-cert",
            "old/ca/ca.pem",
            "--ca-key",
            "old/ca/ca-key.pem",
            "--client",
            "bob",
            "--out",
            "bob",
        ],
    );
    assert!(
        issue.status == 2
            && issue.stderr.contains(
                "move its bundle to a new CA with `dockcert rotate`, or make a new CA with `dockcert new`"
            ),
        "{}",
        issue.all()
    );

    let made = rotate(dir, "old", "old", "en").ok();
    let warning = made
        .stderr
        .lines()
        .find(|l| l.starts_with("warning: the old CA"))
        .unwrap_or_else(|| panic!("{}", made.all()));
    assert!(
        warning.starts_with(&format!("warning: the old CA \"{CA_NAME}\" expired on "))
            && warning.contains("so phase 1 (trust both) changes nothing that works; each connection comes back once its host and its client have both done phase 2"),
        "{warning}"
    );
    for file in [
        format!("server/{HOST}/server-cert.pem"),
        "client/alice/cert.pem".to_owned(),
    ] {
        let note =
            format!("dockcert: note: --from {file}: docker refuses it today: it expired on ");
        assert!(
            made.stderr.lines().any(|l| l.starts_with(&note)
                && l.ends_with("its dates alone, the old CA did issue it, so the rotation goes on and phase 2 replaces it")),
            "{note}\n{}",
            made.all()
        );
    }
    let readme = fs::read_to_string(dir.join("rot/README.txt")).unwrap();
    assert!(readme.contains("THE OLD CA HAS EXPIRED\n"), "{readme}");
    // The new certificates are good today, under the new CA.
    openssl(
        dir,
        &[
            "verify",
            "-CAfile",
            "rot/ca/ca.pem",
            &format!("rot/server/{HOST}/server-cert.pem"),
        ],
    )
    .ok();

    fs::remove_dir_all(dir.join("rot")).unwrap();
    let zh = dockcert_in_locale(
        dir,
        &[
            "rotate",
            "--ca-cert",
            "old/ca/ca.pem",
            "--ca-key",
            "old/ca/ca-key.pem",
            "--from",
            "old",
            "--no-new-passphrase",
            "--out",
            "rot",
        ],
        &[("LANG", "zh_CN.UTF-8")],
    )
    .ok();
    assert!(
        zh.stderr.contains(&format!("警告：旧 CA“{CA_NAME}”已于 ")),
        "{}",
        zh.all()
    );
    let readme = fs::read_to_string(dir.join("rot/README.txt")).unwrap();
    assert!(readme.contains("旧 CA 已到期\n"), "{readme}");
}

/// Only the members' certificates, keys, CA files and daemon.json are
/// read: a README.txt past what inspect reads of one, and files it cannot
/// read elsewhere, do not stop a rotation; a host folder that is a link, or
/// a host's key it cannot read, does, naming it; and a bundle one folder
/// down (as a zip's top folder) is found.
#[test]
fn only_the_members_files_are_read() {
    let work = new_dir("rm26-");
    let dir = work.path();
    let args = new_bundle("old", &[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dockcert(dir, &args).ok();
    let old = dir.join("old");
    fs::File::create(old.join("README.txt"))
        .and_then(|f| f.set_len(40 << 20))
        .unwrap();
    std::os::unix::fs::symlink("/nonexistent", old.join("client/alice/stray.dockercontext"))
        .unwrap();
    rotate(dir, "old", "old", "en").ok();
    fs::remove_dir_all(dir.join("rot")).unwrap();

    // One folder down, as a zip keeps it.
    fs::create_dir(dir.join("above")).unwrap();
    fs::rename(&old, dir.join("above/docker-tls")).unwrap();
    let ca = "above/docker-tls";
    let made = rotate(dir, ca, "above", "en").ok();
    assert!(made.stderr.contains("1 host, 1 client"), "{}", made.all());
    fs::remove_dir_all(dir.join("rot")).unwrap();

    // A host folder that is a link is not followed, and stops it.
    let hosts = dir.join("above/docker-tls/server");
    fs::rename(hosts.join(HOST), dir.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(dir.join("elsewhere"), hosts.join(HOST)).unwrap();
    let refused = rotate(dir, ca, "above", "en");
    assert!(
        refused.status == 2
            && refused.stderr.contains(&format!(
                "--from: \"docker-tls/server/{HOST}/server-cert.pem\": a symbolic link"
            ))
            && refused
                .stderr
                .contains("a rotation must see every host and client of the bundle"),
        "{}",
        refused.all()
    );
    assert!(!dir.join("rot").exists());
}
