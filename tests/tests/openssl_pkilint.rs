//! Every key type's bundle judged by OpenSSL 3 and pkilint: the chains
//! verify strictly for the right purpose only, the CA key opens with the
//! passphrase and not without it, every key matches its certificate, the
//! profile is what the docs promise, and RFC 5280 linting finds no error.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockcert_tests::judge::{self, CLIENTS, SERVERS};
use dockcert_tests::{make_bundle, openssl, pkilint, MadeBundle};

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
