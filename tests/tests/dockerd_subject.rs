//! A bundle whose every subject carries C, O and OU (UTF-8 in O) against a
//! real dockerd and the real docker client: Go's verifier reads the whole
//! subject to find each certificate's CA, and dockerd asks for client
//! certificates by the CA's subject, so the attributes must not cost a
//! connection.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockcert_tests::judge::{self, HostSetup, Stage};
use dockcert_tests::{make_bundle, subject_and_issuer};

#[test]
fn the_docker_client_and_dockerd_accept_certificates_with_a_company_subject() {
    let setup = HostSetup::new();
    let (listen, install_dir) = (setup.listen(), setup.install_dir());
    let bundle = make_bundle(&[
        "--server",
        "docker.dockcert.test,127.0.0.1,*.swarm.dockcert.test",
        "--client",
        "alice",
        "--key-type",
        "ecdsa-p256",
        "--subject-org",
        "示例公司",
        "--subject-unit",
        "运维 Ops",
        "--subject-country",
        "CN",
        "--listen",
        &listen,
        "--install-dir",
        &install_dir,
    ]);
    let (subject, _) = subject_and_issuer(&bundle.root, &bundle.path("client/alice/cert.pem"));
    assert_eq!(subject, "C=CN, O=示例公司, OU=运维 Ops, CN=alice");
    judge::docker_access(&mut Stage::new(bundle, setup), "ecdsa-p256", "alice", true);
}
