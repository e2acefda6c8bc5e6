//! Living with an existing CA: CAs made by real OpenSSL in every key format
//! it writes; `dockcert issue` from each, judged by OpenSSL, pkilint and (for
//! RSA, EC and Ed25519) a real dockerd and docker client; `dockcert renew`
//! keeping names and usage with a new key; and every refusal (wrong
//! passphrase, not a CA, a key that is not the CA's, an expired CA) with
//! nothing written.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use dockcert_tests::judge::{self, HostSetup, Stage, CLIENTS, SERVERS};
use dockcert_tests::recipe::{
    cn_only_server, recipe_ca, recipe_ca_for, recipe_leaf, CaKey, RecipeCa, RECIPE_PASSPHRASE,
};
use dockcert_tests::{
    cert_text, dockcert, files_under, line_after, new_dir, openssl, pkilint, MadeBundle, Run,
};

/// `dockcert issue` from `ca` for the standard hosts and clients.
fn issue(ca: &RecipeCa, out: &Path, setup: Option<&HostSetup>) -> Run {
    let (listen, dir) = setup
        .map(|s| (s.listen(), s.install_dir()))
        .unwrap_or_default();
    let mut args = vec![
        "issue",
        "--ca-cert",
        ca.cert.to_str().unwrap(),
        "--ca-key",
        ca.key.to_str().unwrap(),
        "--passphrase-file",
        ca.passphrase_file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    if setup.is_some() {
        args.extend(["--listen", &listen, "--install-dir", &dir]);
    }
    for (_, s) in SERVERS {
        args.extend(["--server", s]);
    }
    for c in CLIENTS {
        args.extend(["--client", c]);
    }
    dockcert(out.parent().unwrap(), &args)
}

fn fingerprint(dir: &Path, cert: &str) -> String {
    openssl(
        dir,
        &["x509", "-in", cert, "-noout", "-fingerprint", "-sha256"],
    )
    .ok()
    .stdout
}

/// What every issued bundle must be: the CA's own certificate, never its key,
/// chains and purposes right, leaf keys matching, leaves lint-clean.
fn check_issued(b: &MadeBundle, ca: &RecipeCa) {
    assert!(
        !b.path("ca/ca-key.pem").exists(),
        "an issued bundle must never hold the CA key"
    );
    assert_eq!(
        fingerprint(&b.root, "ca/ca.pem"),
        fingerprint(&ca.dir, "ca.pem")
    );
    let manifest: serde_json::Value = serde_json::from_str(&b.read("manifest.json")).unwrap();
    assert_eq!(manifest["ca_key"], "not included");
    // The recipe's CA has no keyUsage: strict OpenSSL refuses any chain through
    // it, so the chain is checked without -x509_strict (docker accepts it, as
    // the dockerd tests show), and dockcert says so.
    judge::check_chains_and_purposes_lenient(b);
    let strict = openssl(
        &b.root,
        &[
            "verify",
            "-x509_strict",
            "-CAfile",
            "ca/ca.pem",
            "client/alice/cert.pem",
        ],
    );
    assert!(
        strict
            .all()
            .contains("CA cert does not include key usage extension"),
        "{}",
        strict.all()
    );
    assert!(
        b.read("README.txt").contains("has no keyUsage extension"),
        "the bundle must warn about the CA"
    );
    let mut leaves = Vec::new();
    for (name, _) in SERVERS {
        leaves.push((
            format!("server/{name}/server-cert.pem"),
            format!("server/{name}/server-key.pem"),
        ));
    }
    for name in CLIENTS {
        leaves.push((
            format!("client/{name}/cert.pem"),
            format!("client/{name}/key.pem"),
        ));
    }
    for (cert, key) in &leaves {
        let a = openssl(&b.root, &["x509", "-in", cert, "-noout", "-pubkey"])
            .ok()
            .stdout;
        let k = openssl(&b.root, &["pkey", "-in", key, "-pubout"])
            .ok()
            .stdout;
        assert_eq!(a, k, "{key} does not match {cert}");
        let lint = pkilint("lint_pkix_cert", &[&b.path(cert)]);
        assert!(
            lint.status == 0 && lint.stdout.trim().is_empty(),
            "pkilint {cert}:\n{}",
            lint.all()
        );
    }
}

fn issued(format: CaKey) -> (tempfile::TempDir, RecipeCa, MadeBundle) {
    let tmp = new_dir("im");
    let ca = recipe_ca(&tmp.path().join("ca"), format, "Recipe CA");
    let zip = tmp.path().join("issued.zip");
    issue(&ca, &zip, None).ok();
    let bundle = MadeBundle::unpack(&zip, RECIPE_PASSPHRASE);
    (tmp, ca, bundle)
}

fn check_format(format: CaKey) {
    let (_tmp, ca, bundle) = issued(format);
    check_issued(&bundle, &ca);
}

#[test]
fn rsa_pkcs8_encrypted() {
    check_format(CaKey::RsaPkcs8Encrypted);
}

#[test]
fn rsa_legacy_aes256() {
    check_format(CaKey::RsaLegacyAes256);
}

#[test]
fn rsa_legacy_aes192() {
    check_format(CaKey::RsaLegacyAes192);
}

#[test]
fn rsa_legacy_des3() {
    check_format(CaKey::RsaLegacyDes3);
}

#[test]
fn rsa_pkcs1_plain() {
    check_format(CaKey::RsaPkcs1);
}

#[test]
fn ec_sec1_plain() {
    check_format(CaKey::EcSec1);
}

#[test]
fn ec_legacy_aes128() {
    check_format(CaKey::EcLegacyAes128);
}

#[test]
fn ec_pkcs8_scrypt() {
    check_format(CaKey::EcPkcs8Scrypt);
}

#[test]
fn ed25519_plain() {
    check_format(CaKey::Ed25519);
}

#[test]
fn ed25519_encrypted() {
    check_format(CaKey::Ed25519Encrypted);
}

/// An issued bundle against a real dockerd, for an RSA, an EC and an Ed25519 CA.
fn dockerd_from(format: CaKey) {
    let tmp = new_dir("id");
    let ca = recipe_ca(&tmp.path().join("ca"), format, "Recipe CA");
    let setup = HostSetup::new();
    let zip = tmp.path().join("issued.zip");
    issue(&ca, &zip, Some(&setup)).ok();
    let bundle = MadeBundle::unpack(&zip, RECIPE_PASSPHRASE);
    judge::docker_access(
        &mut Stage::new(bundle, setup),
        "ecdsa-p256",
        CLIENTS[0],
        false,
    );
}

#[test]
fn dockerd_accepts_what_an_openssl_rsa_ca_issues() {
    dockerd_from(CaKey::RsaLegacyAes256);
}

#[test]
fn dockerd_accepts_what_an_openssl_ec_ca_issues() {
    dockerd_from(CaKey::EcLegacyAes128);
}

#[test]
fn dockerd_accepts_what_an_openssl_ed25519_ca_issues() {
    dockerd_from(CaKey::Ed25519Encrypted);
}

/// README.txt of a bundle issued for a new host tells each client the CA
/// already has how to reach it. Its lines, run as written (CLIENT being the
/// client's name) by the real docker client, with the files the earlier
/// bundle's install.sh put in place, reach a real dockerd started from the
/// issued host's files; in English and in Chinese. The issued README has no
/// empty clients' heading and names no CA key, which it does not hold.
#[test]
fn an_issued_readme_takes_the_cas_existing_clients_to_the_new_host() {
    let tmp = new_dir("ie");
    let earlier = tmp.path().join("earlier");
    dockcert(
        tmp.path(),
        &[
            "new",
            "--server",
            "old.dockcert.test",
            "--client",
            "alice",
            "--no-passphrase",
            "--out",
            earlier.to_str().unwrap(),
        ],
    )
    .ok();
    let setup = HostSetup::new();
    let (listen, dir) = (setup.listen(), setup.install_dir());
    let issued = |lang: &str| {
        let zip = tmp.path().join(format!("issued-{lang}.zip"));
        let server = format!("{},127.0.0.1", judge::HOST);
        dockcert(
            tmp.path(),
            &[
                "issue",
                "--ca-cert",
                earlier.join("ca/ca.pem").to_str().unwrap(),
                "--ca-key",
                earlier.join("ca/ca-key.pem").to_str().unwrap(),
                "--server",
                &server,
                "--listen",
                &listen,
                "--install-dir",
                &dir,
                "--lang",
                lang,
                "--out",
                zip.to_str().unwrap(),
            ],
        )
        .ok();
        MadeBundle::unpack(&zip, "")
    };
    let zh = issued("zh").read("README.txt");
    let mut stage = Stage::new(issued("en"), setup);
    stage.start_from_daemon_json();
    // The earlier bundle's client, installed as its README says.
    stage
        .shell_in(&earlier.join("client/alice"), "./install.sh")
        .ok();

    let en = stage.bundle.read("README.txt");
    for (readme, heading, config) in [
        (&en, "ON EACH CLIENT THIS CA HAS ALREADY", "docker-config"),
        (&zh, "在此 CA 已有的每个客户端上", "docker-config-zh"),
    ] {
        for absent in ["ca-key.pem", "ON EACH CLIENT\n", "在每个客户端上"] {
            assert!(!readme.contains(absent), "{absent}:\n{readme}");
        }
        let part = readme
            .split_once(&format!("\n{heading}\n"))
            .map(|(_, part)| part)
            .unwrap_or_else(|| panic!("no {heading}:\n{readme}"));
        let lines: Vec<&str> = part
            .lines()
            .map(str::trim)
            .filter(|l| {
                l.starts_with("docker context create ") || l.starts_with("docker --context ")
            })
            .collect();
        assert_eq!(lines.len(), 2, "{part}");
        assert!(
            lines[0].contains(&format!("host=tcp://{}:{}", judge::HOST, stage.port())),
            "{}",
            lines[0]
        );
        let script = format!(
            "export DOCKER_CONFIG=\"$HOME/../{config}\"\n{}",
            lines.join("\n").replace("CLIENT", "alice")
        );
        let out = stage.shell_in(tmp.path(), &script).ok();
        assert!(
            out.stdout.contains("Server:") && out.stdout.contains("20.10"),
            "{}",
            out.all()
        );
        // What the README says a failed connection looks like is what
        // docker says when nothing listens on the port.
        let words = readme.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("\"Cannot connect to the Docker daemon at tcp://...\""),
            "{readme}"
        );
    }
    let closed = dockcert_tests::free_port();
    let refused = stage
        .shell_in(
            tmp.path(),
            &format!(
                "d=$HOME/.docker/dockcert/alice; docker --tlsverify --tlscacert=$d/ca.pem --tlscert=$d/cert.pem --tlskey=$d/key.pem -H tcp://127.0.0.1:{closed} version"
            ),
        )
        .failed();
    let says = format!("Cannot connect to the Docker daemon at tcp://127.0.0.1:{closed}.");
    assert!(refused.stderr.contains(&says), "{}", refused.all());
}

/// `dockcert renew CERT --ca-cert --ca-key [EXTRA...] --out OUT` in `dir`.
fn renew(dir: &Path, cert: &Path, ca: &RecipeCa, extra: &[&str], out: &Path) -> Run {
    let mut args = vec![
        "renew",
        cert.to_str().unwrap(),
        "--ca-cert",
        ca.cert.to_str().unwrap(),
        "--ca-key",
        ca.key.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.extend(["--out", out.to_str().unwrap()]);
    dockcert(dir, &args)
}

#[test]
fn renew_keeps_names_and_usage_with_a_new_key() {
    let (tmp, ca, old) = issued(CaKey::EcSec1);
    for (cert, key, folder) in [
        (
            "server/docker.dockcert.test/server-cert.pem",
            "server-key.pem",
            "server/docker.dockcert.test",
        ),
        ("client/alice/cert.pem", "key.pem", "client/alice"),
    ] {
        let zip = tmp
            .path()
            .join(format!("renewed-{}.zip", folder.replace('/', "-")));
        let old_cert = old.path(cert);
        renew(tmp.path(), &old_cert, &ca, &[], &zip).ok();
        let new = MadeBundle::unpack(&zip, RECIPE_PASSPHRASE);
        let files = files_under(&new.root);
        assert!(
            files.iter().all(|f| f.starts_with(folder)
                || f.starts_with("ca/ca.pem")
                || f == "ca/inventory.jsonl"
                || f == "prometheus/dockcert.rules.yml"
                || !f.contains('/')),
            "{files:?}"
        );
        assert!(!new.path("ca/ca-key.pem").exists());
        let (a, b) = (
            cert_text(&old.root, &old_cert),
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
        let subject = |t: &str| {
            t.lines()
                .find(|l| l.trim().starts_with("Subject:"))
                .unwrap()
                .to_owned()
        };
        assert_eq!(subject(&a), subject(&b));
        let serial = |t: &str| {
            t.lines()
                .find(|l| l.starts_with("serial="))
                .unwrap()
                .to_owned()
        };
        assert_ne!(
            serial(&a),
            serial(&b),
            "a renewed certificate needs a new serial"
        );
        let pubkey = |b: &MadeBundle, k: &str| {
            openssl(
                &b.root,
                &["pkey", "-in", &format!("{folder}/{k}"), "-pubout"],
            )
            .ok()
            .stdout
        };
        assert_ne!(
            pubkey(&old, key),
            pubkey(&new, key),
            "a renewed certificate needs a new key"
        );
        openssl(
            &new.root,
            &["verify", "-CAfile", ca.cert.to_str().unwrap(), cert],
        )
        .ok();
    }
}

#[test]
fn renew_gives_the_recipes_cn_only_certificate_its_san() {
    let tmp = new_dir("rc");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::RsaLegacyAes256, "Recipe CA");
    let (cert, _) = cn_only_server(
        &ca,
        "env:PASS",
        &tmp.path().join("leaf"),
        "docker1.example.com",
    );
    let zip = tmp.path().join("fixed.zip");
    let run = renew(
        tmp.path(),
        &cert,
        &ca,
        &["--passphrase-env", "DOCKCERT_RECIPE_PASS"],
        &zip,
    );
    assert_eq!(
        run.status,
        2,
        "the variable is not set in the test: a clear refusal: {}",
        run.all()
    );
    assert!(
        run.stderr.contains(
            "--passphrase-env \"DOCKCERT_RECIPE_PASS\": the environment variable is not set"
        ),
        "{}",
        run.stderr
    );
    renew(
        tmp.path(),
        &cert,
        &ca,
        &["--passphrase-file", ca.passphrase_file.to_str().unwrap()],
        &zip,
    )
    .ok();
    let new = MadeBundle::unpack(&zip, RECIPE_PASSPHRASE);
    let t = cert_text(
        &new.root,
        &new.path("server/docker1.example.com/server-cert.pem"),
    );
    assert_eq!(
        line_after(&t, "Subject Alternative Name"),
        "DNS:docker1.example.com"
    );
}

/// Runs `dockcert issue` expecting a refusal: exit 2, `says` in the one
/// message line, nothing written.
fn refused(tmp: &Path, args: &[&str], says: &str) {
    let before = files_under(tmp);
    let mut all = vec![
        "issue",
        "--server",
        "docker.dockcert.test",
        "--out",
        "out.zip",
    ];
    all.extend_from_slice(args);
    let run = dockcert(tmp, &all);
    assert_eq!(run.status, 2, "{}", run.all());
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(says),
        "expected {says:?} in {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains(RECIPE_PASSPHRASE),
        "a passphrase must never be echoed"
    );
    assert_eq!(files_under(tmp), before, "nothing may be written");
}

#[test]
fn refusals_write_nothing() {
    let tmp = new_dir("rf");
    let dir = tmp.path();
    let ca = recipe_ca(&dir.join("ca"), CaKey::RsaLegacyDes3, "Recipe CA");
    let other = recipe_ca(&dir.join("other"), CaKey::EcSec1, "Other CA");
    let wrong = dir.join("wrong.txt");
    std::fs::write(&wrong, "not the passphrase\n").unwrap();
    let (cert, key) = (ca.cert.to_str().unwrap(), ca.key.to_str().unwrap());

    refused(
        dir,
        &["--ca-cert", cert, "--ca-key", key, "--passphrase-file", wrong.to_str().unwrap()],
        &format!("--passphrase-file {:?}: the passphrase does not open the CA key {key:?}; nothing was written", wrong.to_str().unwrap()),
    );
    let pkcs8 = recipe_ca(&dir.join("pkcs8"), CaKey::RsaPkcs8Encrypted, "PKCS8 CA");
    refused(
        dir,
        &[
            "--ca-cert",
            pkcs8.cert.to_str().unwrap(),
            "--ca-key",
            pkcs8.key.to_str().unwrap(),
            "--passphrase-file",
            wrong.to_str().unwrap(),
        ],
        "the passphrase does not open the CA key",
    );
    refused(
        dir,
        &["--ca-cert", cert, "--ca-key", key],
        &format!("--ca-key {key:?}: the key is encrypted: give its passphrase with --passphrase-file FILE or --passphrase-env VAR"),
    );
    refused(
        dir,
        &["--ca-cert", cert, "--ca-key", other.key.to_str().unwrap()],
        "the key does not belong to the certificate \"Recipe CA\": their public keys differ",
    );
    let (leaf, leaf_key) = recipe_leaf(
        &other,
        "",
        &dir.join("leaf"),
        "server",
        "docker1.example.com",
        "extendedKeyUsage = serverAuth\nsubjectAltName = DNS:docker1.example.com",
        None,
    );
    refused(
        dir,
        &["--ca-cert", leaf.to_str().unwrap(), "--ca-key", leaf_key.to_str().unwrap()],
        "the certificate \"docker1.example.com\" is not a CA: its basicConstraints does not say CA:TRUE",
    );
    let (old_ca, old_key) = recipe_leaf(
        &other,
        "",
        &dir.join("expired"),
        "old-ca",
        "Old CA",
        "basicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign",
        Some(("20200101000000Z", "20210101000000Z")),
    );
    refused(
        dir,
        &[
            "--ca-cert",
            old_ca.to_str().unwrap(),
            "--ca-key",
            old_key.to_str().unwrap(),
        ],
        "the CA \"Old CA\" expired on 2021-01-01",
    );
    refused(
        dir,
        &[
            "--ca-cert",
            dir.join("missing.pem").to_str().unwrap(),
            "--ca-key",
            key,
        ],
        "cannot read it: No such file or directory",
    );
    refused(
        dir,
        &["--ca-cert", key, "--ca-key", key],
        "no certificate found",
    );
}

#[test]
fn renew_refuses_a_certificate_of_another_ca() {
    let (tmp, _ca, old) = issued(CaKey::EcSec1);
    let other = recipe_ca(&tmp.path().join("other"), CaKey::Ed25519, "Other CA");
    let cert: PathBuf = old.path("client/alice/cert.pem");
    let run = renew(tmp.path(), &cert, &other, &[], &tmp.path().join("x.zip"));
    assert_eq!(run.status, 2, "{}", run.all());
    assert!(
        run.stderr.contains(
            "it was issued by \"CN=Recipe CA\", not by the CA in --ca-cert (\"CN=Other CA\")"
        ),
        "{}",
        run.stderr
    );
    assert!(!tmp.path().join("x.zip").exists());
}

/// The classic recipe's CA lives 365 days: issuing or renewing from it with
/// dockcert's defaults must not be refused. The leaves end with the CA, and
/// the user is told; only an explicit --days beyond the CA is refused. (This
/// CA lives 300 days: one of 365 made in the same second as the renewal ends
/// exactly when the default would, which needs no shortening.)
#[test]
fn defaults_fit_a_ca_that_ends_within_a_year() {
    let tmp = new_dir("dockcert-fit-");
    let dir = tmp.path();
    let ca = recipe_ca_for(&dir.join("ca"), CaKey::EcSec1, "Year CA", 300);
    let (old, _) = recipe_leaf(
        &ca,
        "",
        &dir.join("old"),
        "server",
        "docker1.example.com",
        "extendedKeyUsage = serverAuth\nsubjectAltName = DNS:docker1.example.com",
        None,
    );
    let (cert, key) = (ca.cert.to_str().unwrap(), ca.key.to_str().unwrap());
    let renewed = dockcert(
        dir,
        &[
            "renew",
            old.to_str().unwrap(),
            "--ca-cert",
            cert,
            "--ca-key",
            key,
            "--out",
            "renewed",
        ],
    );
    assert_eq!(renewed.status, 0, "{}", renewed.all());
    assert!(
        renewed.stderr.contains("warning: the CA expires on ")
            && renewed.stderr.contains("days and end with it"),
        "{}",
        renewed.stderr
    );
    // ISO 8601 dates compare as text.
    let end = |cert: &Path| {
        let out = openssl(
            dir,
            &[
                "x509",
                "-in",
                cert.to_str().unwrap(),
                "-noout",
                "-enddate",
                "-dateopt",
                "iso_8601",
            ],
        )
        .ok();
        out.stdout.trim().trim_start_matches("notAfter=").to_owned()
    };
    let leaf = dir.join("renewed/server/docker1.example.com/server-cert.pem");
    assert!(
        end(&leaf) <= end(&ca.cert),
        "{} > {}",
        end(&leaf),
        end(&ca.cert)
    );
    let issued = dockcert(
        dir,
        &[
            "issue",
            "--ca-cert",
            cert,
            "--ca-key",
            key,
            "--client",
            "bob",
            "--out",
            "issued.zip",
        ],
    );
    assert_eq!(issued.status, 0, "{}", issued.all());
    let refused = dockcert(
        dir,
        &[
            "issue",
            "--ca-cert",
            cert,
            "--ca-key",
            key,
            "--client",
            "bob",
            "--days",
            "365",
            "--out",
            "long.zip",
        ],
    );
    assert_eq!(refused.status, 2, "{}", refused.all());
    assert!(
        refused
            .stderr
            .contains("--days \"365\": the certificates would outlive the CA"),
        "{}",
        refused.stderr
    );
    assert!(!dir.join("long.zip").exists());
}
