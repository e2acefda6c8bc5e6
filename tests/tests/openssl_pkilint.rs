//! Every key type's bundle judged by OpenSSL 3 and pkilint: the chains
//! verify strictly for the right purpose only, the CA key opens with the
//! passphrase and not without it, every key matches its certificate, the
//! profile is what the docs promise, and RFC 5280 linting finds no error.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use dockcert_tests::judge::{self, CLIENTS, SERVERS};
use dockcert_tests::{dockcert, make_bundle, openssl, pkilint, subject_and_issuer, MadeBundle};

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

fn check(key_type: &str) {
    judge::openssl_and_pkilint(&bundle(key_type), key_type);
}

dockcert_tests::test_every_key_type!(check);

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

/// The subject's attributes a company PKI policy asks for, UTF-8 where
/// X.509 allows it.
const ORG: &str = "示例公司";
const UNIT: &str = "运维 Ops";
const CA_NAME: &str = "示例 Docker CA";

/// The ASN.1 string types of a certificate's subject and issuer, as
/// `openssl asn1parse` names them: `(PRINTABLESTRING, CN)`, …
fn string_types(dir: &Path, cert: &Path) -> Vec<(String, String)> {
    let out = openssl(dir, &["asn1parse", "-in", cert.to_str().unwrap()])
        .ok()
        .stdout;
    out.lines()
        .filter_map(|l| {
            let (_, right) = l.split_once("prim: ")?;
            let (kind, value) = right.split_once(':')?;
            let kind = kind.trim();
            kind.ends_with("STRING")
                .then(|| (kind.to_owned(), value.to_owned()))
        })
        .collect()
}

#[test]
fn subject_attributes_reach_the_ca_and_every_leaf_and_openssl_and_pkilint_accept_them() {
    let mut args = vec![
        "--ca-name",
        CA_NAME,
        "--subject-org",
        ORG,
        "--subject-unit",
        UNIT,
        // Lower case is the same code; it is written upper case.
        "--subject-country",
        "cn",
    ];
    for (_, spec) in SERVERS {
        args.extend(["--server", spec]);
    }
    for client in CLIENTS {
        args.extend(["--client", client]);
    }
    let b = make_bundle(&args);
    judge::check_chains_and_purposes(&b);
    judge::check_ca_key_and_key_matches(&b);
    judge::check_serials_dates_and_manifest(&b);
    judge::check_pkilint(&b);

    let root = &b.root;
    let ca_subject = format!("C=CN, O={ORG}, OU={UNIT}, CN={CA_NAME}");
    assert_eq!(
        subject_and_issuer(root, &b.path("ca/ca.pem")),
        (ca_subject.clone(), ca_subject.clone())
    );
    let leaves: Vec<(String, String)> = SERVERS
        .iter()
        .map(|(name, _)| (name.to_string(), format!("server/{name}/server-cert.pem")))
        .chain(
            CLIENTS
                .iter()
                .map(|name| (name.to_string(), format!("client/{name}/cert.pem"))),
        )
        .collect();
    let manifest: serde_json::Value = serde_json::from_str(&b.read("manifest.json")).unwrap();
    for (name, path) in &leaves {
        let subject = format!("C=CN, O={ORG}, OU={UNIT}, CN={name}");
        assert_eq!(
            subject_and_issuer(root, &b.path(path)),
            (subject.clone(), ca_subject.clone()),
            "{path}"
        );
        let listed = manifest["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["path"] == path.as_str())
            .unwrap_or_else(|| panic!("{path} not in manifest.json"));
        assert_eq!(listed["subject"], subject.as_str(), "{path}");
        // C a PrintableString, the rest UTF8String.
        let types = string_types(root, &b.path(path));
        for (kind, value) in [
            ("PRINTABLESTRING", "CN"),
            ("UTF8STRING", ORG),
            ("UTF8STRING", UNIT),
            ("UTF8STRING", name.as_str()),
        ] {
            assert!(
                types.iter().any(|(k, v)| k == kind && v == value),
                "{path}: no {kind} {value} in {types:?}"
            );
        }
    }

    // inspect shows the whole subject of each certificate.
    let inspect = dockcert(root, &["inspect", "."]).ok().stdout;
    for (name, _) in &leaves {
        let shown = format!("subject C=CN, O={ORG}, OU={UNIT}, CN={name}");
        assert!(inspect.contains(&shown), "{shown} not in:\n{inspect}");
    }

    // renew keeps the old certificate's subject; issue gives the leaves
    // its own, under the CA's subject exactly as it is.
    let (host, _) = SERVERS[0];
    let pass = b.passphrase_file.to_str().unwrap();
    let ca = [
        "--ca-cert",
        "ca/ca.pem",
        "--ca-key",
        "ca/ca-key.pem",
        "--passphrase-file",
        pass,
    ];
    let old = format!("server/{host}/server-cert.pem");
    let mut renew = vec!["renew", old.as_str()];
    renew.extend(ca);
    renew.extend(["--out", "../renewed"]);
    dockcert(root, &renew).ok();
    let renewed = b.tmp.path().join(format!("renewed/{old}"));
    assert_eq!(
        subject_and_issuer(root, &renewed),
        subject_and_issuer(root, &b.path(&old))
    );
    let mut issue = vec!["issue"];
    issue.extend(ca);
    issue.extend([
        "--client",
        "bob",
        "--subject-unit",
        "CI",
        "--subject-country",
        "DE",
        "--out",
        "../issued",
    ]);
    dockcert(root, &issue).ok();
    let issued = b.tmp.path().join("issued/client/bob/cert.pem");
    assert_eq!(
        subject_and_issuer(root, &issued),
        ("C=DE, OU=CI, CN=bob".to_owned(), ca_subject)
    );
    for cert in [&renewed, &issued] {
        let verified = openssl(
            root,
            &[
                "verify",
                "-x509_strict",
                "-CAfile",
                "ca/ca.pem",
                cert.to_str().unwrap(),
            ],
        );
        assert!(verified.stdout.ends_with(": OK\n"), "{}", verified.all());
        let out = pkilint("lint_pkix_cert", &[cert]);
        assert!(
            out.status == 0 && out.stdout.trim().is_empty(),
            "{}",
            out.all()
        );
    }
}
