//! Every key type's bundle judged by OpenSSL 3 and pkilint: the chains
//! verify strictly for the right purpose only, the CA key opens with the
//! passphrase and not without it, every key matches its certificate, the
//! profile is what the docs promise, and RFC 5280 linting finds no error.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use dockcert_tests::{make_bundle, openssl, pkilint, run, MadeBundle};

const SERVERS: [(&str, &str); 2] = [
    ("docker.dockcert.test", "docker.dockcert.test,127.0.0.1,::1"),
    ("10.0.0.2", "10.0.0.2,docker2.dockcert.test"),
];
const CLIENTS: [&str; 2] = ["alice", "ci.runner"];

fn bundle(key_type: &str) -> MadeBundle {
    make_bundle(&[
        "--server",
        SERVERS[0].1,
        "--server",
        SERVERS[1].1,
        "--client",
        CLIENTS[0],
        "--client",
        CLIENTS[1],
        "--key-type",
        key_type,
    ])
}

fn text(b: &MadeBundle, cert: &str) -> String {
    openssl(&b.root, &["x509", "-in", cert, "-noout", "-text"])
        .ok()
        .stdout
}

/// The extension block that follows `name` in `openssl x509 -text` output.
fn extension<'a>(text: &'a str, name: &str) -> Option<(&'a str, bool)> {
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix(name) {
            let critical = rest.contains("critical");
            return lines.next().map(|v| (v.trim(), critical));
        }
    }
    None
}

fn check_chains_and_purposes(b: &MadeBundle) {
    for (name, _) in SERVERS {
        let cert = format!("server/{name}/server-cert.pem");
        for ca in ["ca/ca.pem", &format!("server/{name}/ca.pem")] {
            let ok = openssl(
                &b.root,
                &[
                    "verify",
                    "-x509_strict",
                    "-purpose",
                    "sslserver",
                    "-CAfile",
                    ca,
                    &cert,
                ],
            )
            .ok();
            assert!(ok.stdout.contains(": OK"), "{}", ok.stdout);
        }
        let refused = openssl(
            &b.root,
            &[
                "verify",
                "-x509_strict",
                "-purpose",
                "sslclient",
                "-CAfile",
                "ca/ca.pem",
                &cert,
            ],
        )
        .failed();
        assert!(
            refused.all().contains("unsuitable certificate purpose"),
            "{}",
            refused.all()
        );
    }
    for name in CLIENTS {
        let cert = format!("client/{name}/cert.pem");
        for ca in ["ca/ca.pem", &format!("client/{name}/ca.pem")] {
            openssl(
                &b.root,
                &[
                    "verify",
                    "-x509_strict",
                    "-purpose",
                    "sslclient",
                    "-CAfile",
                    ca,
                    &cert,
                ],
            )
            .ok();
        }
        let refused = openssl(
            &b.root,
            &[
                "verify",
                "-x509_strict",
                "-purpose",
                "sslserver",
                "-CAfile",
                "ca/ca.pem",
                &cert,
            ],
        )
        .failed();
        assert!(
            refused.all().contains("unsuitable certificate purpose"),
            "{}",
            refused.all()
        );
    }
    openssl(
        &b.root,
        &[
            "verify",
            "-x509_strict",
            "-CAfile",
            "ca/ca.pem",
            "ca/ca.pem",
        ],
    )
    .ok();
}

fn check_ca_key_and_key_matches(b: &MadeBundle) {
    let pass_arg = format!("file:{}", b.passphrase_file.display());
    let pem = b.read("ca/ca-key.pem");
    assert!(
        pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"),
        "{pem}"
    );
    let params = openssl(&b.root, &["asn1parse", "-in", "ca/ca-key.pem"])
        .ok()
        .stdout;
    assert!(
        params.contains(":PBES2")
            && params.contains(":PBKDF2")
            && params.contains(":hmacWithSHA256")
            && params.contains(":aes-256-cbc"),
        "{params}"
    );
    // 600,000 = 0x0927C0
    assert!(params.contains("INTEGER           :0927C0"), "{params}");

    openssl(
        &b.root,
        &[
            "pkey",
            "-in",
            "ca/ca-key.pem",
            "-passin",
            &pass_arg,
            "-noout",
        ],
    )
    .ok();
    let wrong = openssl(
        &b.root,
        &[
            "pkey",
            "-in",
            "ca/ca-key.pem",
            "-passin",
            "pass:not the passphrase",
            "-noout",
        ],
    )
    .failed();
    assert!(
        wrong.all().contains("bad decrypt") || wrong.all().contains("maybe wrong password"),
        "{}",
        wrong.all()
    );
    openssl(
        &b.root,
        &["pkey", "-in", "ca/ca-key.pem", "-passin", "pass:", "-noout"],
    )
    .failed();

    let mut pairs = vec![("ca/ca.pem".to_owned(), "ca/ca-key.pem".to_owned())];
    for (name, _) in SERVERS {
        pairs.push((
            format!("server/{name}/server-cert.pem"),
            format!("server/{name}/server-key.pem"),
        ));
    }
    for name in CLIENTS {
        pairs.push((
            format!("client/{name}/cert.pem"),
            format!("client/{name}/key.pem"),
        ));
    }
    for (cert, key) in pairs {
        let from_cert = openssl(&b.root, &["x509", "-in", &cert, "-noout", "-pubkey"])
            .ok()
            .stdout;
        let from_key = openssl(
            &b.root,
            &["pkey", "-in", &key, "-passin", &pass_arg, "-pubout"],
        )
        .ok()
        .stdout;
        assert_eq!(from_cert, from_key, "{key} does not match {cert}");
        if key != "ca/ca-key.pem" {
            let pem = b.read(&key);
            assert!(
                pem.starts_with("-----BEGIN PRIVATE KEY-----\n"),
                "{key} must be unencrypted PKCS#8"
            );
        }
    }
}

fn signature_name(key_type: &str) -> &'static str {
    match key_type {
        "ecdsa-p256" => "ecdsa-with-SHA256",
        "ecdsa-p384" => "ecdsa-with-SHA384",
        "ed25519" => "ED25519",
        _ => "sha256WithRSAEncryption",
    }
}

fn check_profile(b: &MadeBundle, key_type: &str) {
    let ca = text(b, "ca/ca.pem");
    assert_eq!(
        extension(&ca, "X509v3 Basic Constraints:"),
        Some(("CA:TRUE, pathlen:0", true)),
        "{ca}"
    );
    assert_eq!(
        extension(&ca, "X509v3 Key Usage:"),
        Some(("Certificate Sign, CRL Sign", true)),
        "{ca}"
    );
    assert!(
        extension(&ca, "X509v3 Subject Key Identifier:").is_some(),
        "{ca}"
    );
    assert!(
        extension(&ca, "X509v3 Extended Key Usage:").is_none(),
        "a CA must carry no EKU:\n{ca}"
    );
    assert!(ca.contains("Subject: CN = dockcert CA "), "{ca}");

    let rsa = key_type.starts_with("rsa");
    let server_ku = if rsa {
        "Digital Signature, Key Encipherment"
    } else {
        "Digital Signature"
    };
    let expected_sans = [
        "DNS:docker.dockcert.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1",
        "IP Address:10.0.0.2, DNS:docker2.dockcert.test",
    ];
    for ((name, _), sans) in SERVERS.iter().zip(expected_sans) {
        let t = text(b, &format!("server/{name}/server-cert.pem"));
        assert!(t.contains(&format!("Subject: CN = {name}\n")), "{t}");
        assert_eq!(
            extension(&t, "X509v3 Subject Alternative Name:"),
            Some((sans, false)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Extended Key Usage:"),
            Some(("TLS Web Server Authentication", false)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Key Usage:"),
            Some((server_ku, true)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Basic Constraints:"),
            Some(("CA:FALSE", true)),
            "{t}"
        );
        assert!(
            extension(&t, "X509v3 Authority Key Identifier:").is_some(),
            "{t}"
        );
        assert!(
            extension(&t, "X509v3 Subject Key Identifier:").is_some(),
            "{t}"
        );
        assert!(
            t.contains(&format!(
                "Signature Algorithm: {}",
                signature_name(key_type)
            )),
            "{t}"
        );
    }
    for name in CLIENTS {
        let t = text(b, &format!("client/{name}/cert.pem"));
        assert!(t.contains(&format!("Subject: CN = {name}\n")), "{t}");
        assert_eq!(
            extension(&t, "X509v3 Extended Key Usage:"),
            Some(("TLS Web Client Authentication", false)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Key Usage:"),
            Some(("Digital Signature", true)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Basic Constraints:"),
            Some(("CA:FALSE", true)),
            "{t}"
        );
        assert!(
            extension(&t, "X509v3 Authority Key Identifier:").is_some(),
            "{t}"
        );
    }
}

fn epoch(date: &str) -> i64 {
    let out = run(Command::new("date").args(["-u", "-d", date, "+%s"])).ok();
    out.stdout.trim().parse().unwrap()
}

fn check_serials_dates_and_manifest(b: &MadeBundle) {
    let manifest: serde_json::Value = serde_json::from_str(&b.read("manifest.json")).unwrap();
    let certs = manifest["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 1 + SERVERS.len() + CLIENTS.len());
    let now = epoch("now");
    let mut serials = HashSet::new();
    for c in certs {
        let path = c["path"].as_str().unwrap();
        let serial = openssl(&b.root, &["x509", "-in", path, "-noout", "-serial"])
            .ok()
            .stdout;
        let serial = serial.trim().strip_prefix("serial=").unwrap().to_owned();
        assert_eq!(serial, c["serial"].as_str().unwrap(), "{path}");
        assert!(
            serial.len() >= 16,
            "{path}: serial {serial} is under 64 bits"
        );
        assert!(
            u8::from_str_radix(&serial[..2], 16).unwrap() < 0x80,
            "{path}: serial must be positive"
        );
        assert!(serials.insert(serial), "{path}: serial repeated");

        let fp = openssl(
            &b.root,
            &["x509", "-in", path, "-noout", "-fingerprint", "-sha256"],
        )
        .ok()
        .stdout;
        assert_eq!(
            fp.trim().strip_prefix("sha256 Fingerprint=").unwrap(),
            c["fingerprint_sha256"].as_str().unwrap()
        );

        let dates = openssl(
            &b.root,
            &["x509", "-in", path, "-noout", "-startdate", "-enddate"],
        )
        .ok()
        .stdout;
        let not_before = epoch(
            dates
                .lines()
                .next()
                .unwrap()
                .trim_start_matches("notBefore="),
        );
        let not_after = epoch(
            dates
                .lines()
                .nth(1)
                .unwrap()
                .trim_start_matches("notAfter="),
        );
        assert!(
            not_before <= now - 30 * 60,
            "{path}: not-before must be a little in the past for clock skew"
        );
        let days = if c["role"] == "ca" { 3650 } else { 365 };
        assert!(
            (not_after - now - days * 86400).abs() < 600,
            "{path}: expected {days} days of validity"
        );
    }
    assert_eq!(
        manifest["ca_fingerprint_sha256"],
        certs[0]["fingerprint_sha256"]
    );
}

fn check_pkilint(b: &MadeBundle) {
    let root: &Path = &b.root;
    let ca = root.join("ca/ca.pem");
    let mut leaves = Vec::new();
    for (name, _) in SERVERS {
        leaves.push(root.join(format!("server/{name}/server-cert.pem")));
    }
    for name in CLIENTS {
        leaves.push(root.join(format!("client/{name}/cert.pem")));
    }
    for cert in std::iter::once(&ca).chain(&leaves) {
        let out = pkilint("lint_pkix_cert", &[cert]);
        assert!(
            out.status == 0 && out.stdout.trim().is_empty(),
            "pkilint on {}:\n{}",
            cert.display(),
            out.all()
        );
    }
    for cert in std::iter::once(&ca).chain(&leaves) {
        let out = pkilint("lint_pkix_signer_signee_cert_chain", &[&ca, cert]);
        assert!(
            out.status == 0 && out.stdout.trim().is_empty(),
            "pkilint chain to {}:\n{}",
            cert.display(),
            out.all()
        );
    }
}

fn check(key_type: &str) {
    let b = bundle(key_type);
    check_chains_and_purposes(&b);
    check_ca_key_and_key_matches(&b);
    check_profile(&b, key_type);
    check_serials_dates_and_manifest(&b);
    check_pkilint(&b);
}

#[test]
fn ecdsa_p256() {
    check("ecdsa-p256");
}

#[test]
fn ecdsa_p384() {
    check("ecdsa-p384");
}

#[test]
fn ed25519() {
    check("ed25519");
}

#[test]
fn rsa_2048() {
    check("rsa-2048");
}

#[test]
fn rsa_3072() {
    check("rsa-3072");
}

#[test]
fn rsa_4096() {
    check("rsa-4096");
}

#[test]
fn pkilint_is_a_real_judge() {
    // A server certificate without SANs, made the old way with openssl, must
    // make pkilint or openssl speak up: proof the checks above can fail.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "k.pem",
            "-out",
            "c.pem",
            "-subj",
            "/CN=bad_name",
            "-days",
            "1",
            "-addext",
            "subjectAltName=DNS:bad_name",
        ],
    )
    .ok();
    let out = pkilint("lint_pkix_cert", &[&dir.join("c.pem")]);
    assert!(out.stdout.contains("ERROR"), "{}", out.all());
}
