//! The subject's attributes typed into the page's Advanced section, in each
//! browser the page is tested in, reach the certificates: a new CA's and
//! every leaf's subject as OpenSSL prints it is what `dockcert new
//! --subject-…` makes, and an existing CA issues leaves with their own
//! attributes under the CA's subject exactly as it is.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use dockcert_tests::judge::{self, CLIENTS, SERVERS};
use dockcert_tests::page::{self, assert_offline};
use dockcert_tests::recipe::{recipe_ca, CaKey, RECIPE_PASSPHRASE};
use dockcert_tests::webdriver::Browser;
use dockcert_tests::{
    dockcert, in_each_browser, new_dir, openssl, subject_and_issuer, zip_entries, MadeBundle,
    PASSPHRASE,
};
use serde_json::{json, Value};

const ORG: &str = "示例公司";
const UNIT: &str = "运维 Ops";
const CA_NAME: &str = "示例 Docker CA";

fn drive(browser: Browser, job: Value) -> (Value, PathBuf, tempfile::TempDir) {
    let (report, out) = page::drive(env!("CARGO_BIN_EXE_page-driver"), browser, job);
    assert_offline(&report);
    let zip = PathBuf::from(report["zip"].as_str().unwrap());
    (report, zip, out)
}

in_each_browser!(
    a_new_ca_and_its_leaves_carry_advanced_s_subject,
    an_existing_ca_issues_leaves_with_their_own_subject_under_its_own,
);

fn a_new_ca_and_its_leaves_carry_advanced_s_subject(browser: Browser) {
    let job = json!({
        "servers": SERVERS.iter().map(|(_, arg)| *arg).collect::<Vec<_>>(),
        "clients": CLIENTS,
        "key_type": "ecdsa-p256",
        "passphrase": PASSPHRASE,
        "ca-name": CA_NAME,
        "subject-org": ORG,
        "subject-unit": UNIT,
        "subject-country": "CN",
    });
    let (_report, zip, _out) = drive(browser, job);

    // The same files as the CLI's for the same flags.
    let cli = new_dir("ps");
    let mut args = vec![
        "new",
        "--key-type",
        "ecdsa-p256",
        "--ca-name",
        CA_NAME,
        "--subject-org",
        ORG,
        "--subject-unit",
        UNIT,
        "--subject-country",
        "CN",
        "--no-passphrase",
        "--out",
        "docker-tls.zip",
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
        zip_entries(&cli.path().join("docker-tls.zip"))
    );

    let bundle = MadeBundle::unpack(&zip, PASSPHRASE);
    judge::check_chains_and_purposes(&bundle);
    judge::check_pkilint(&bundle);
    let root = bundle.path("");
    let ca_subject = format!("C=CN, O={ORG}, OU={UNIT}, CN={CA_NAME}");
    assert_eq!(
        subject_and_issuer(&root, &bundle.path("ca/ca.pem")),
        (ca_subject.clone(), ca_subject.clone())
    );
    let leaves = SERVERS
        .iter()
        .map(|(name, _)| (*name, format!("server/{name}/server-cert.pem")))
        .chain(CLIENTS.iter().map(|n| (*n, format!("client/{n}/cert.pem"))));
    for (name, path) in leaves {
        assert_eq!(
            subject_and_issuer(&root, &bundle.path(&path)),
            (
                format!("C=CN, O={ORG}, OU={UNIT}, CN={name}"),
                ca_subject.clone()
            ),
            "{path}"
        );
    }
}

fn an_existing_ca_issues_leaves_with_their_own_subject_under_its_own(browser: Browser) {
    let tmp = new_dir("pi");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::Ed25519Encrypted, "Recipe CA");
    let job = json!({
        "mode": "existing-ca",
        "ca_cert": path(&ca.cert),
        "ca_key": path(&ca.key),
        "ca_passphrase": RECIPE_PASSPHRASE,
        "clients": ["bob"],
        "subject-org": ORG,
        "subject-country": "DE",
    });
    let (_report, zip, _out) = drive(browser, job);
    let bundle = MadeBundle::unpack(&zip, RECIPE_PASSPHRASE);
    let cert = bundle.path("client/bob/cert.pem");
    let (ca_subject, _) = subject_and_issuer(tmp.path(), &ca.cert);
    assert_eq!(
        subject_and_issuer(tmp.path(), &cert),
        (format!("C=DE, O={ORG}, CN=bob"), ca_subject)
    );
    let verified = openssl(
        tmp.path(),
        &[
            "verify",
            "-CAfile",
            ca.cert.to_str().unwrap(),
            "-purpose",
            "sslclient",
            cert.to_str().unwrap(),
        ],
    );
    assert!(verified.stdout.ends_with(": OK\n"), "{}", verified.all());
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}
