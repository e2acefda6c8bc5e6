//! Every key type makes a bundle whose certificates parse back (x509-parser)
//! and chain (rustls-webpki, the verifier rustls uses), whose CA key opens
//! with its passphrase only, and whose zip holds every file with its mode.
//! The same tests run natively and, through `wasm-pack test` (which drives
//! wasm-bindgen-test-runner), in headless Chromium and Firefox on wasm32:
//! the page's core is the CLI's core.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::time::Duration;

use dockcert_core::bundle::archive;
use dockcert_core::bundle::{self, Bundle, CaKeyProtection, KeySet};
use dockcert_core::pki::{KeyType, Passphrase};
use dockcert_core::plan::{Plan, PlanRequest};
use rand_core::SeedableRng;
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use x509_parser::prelude::*;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const NOW: i64 = 1_795_454_400; // 2026-11-23 17:20 UTC

fn make(key_type: KeyType) -> Bundle {
    let now = ::time::OffsetDateTime::from_unix_timestamp(NOW).unwrap();
    let request = PlanRequest {
        servers: vec!["docker1.example.com,10.0.0.5,::1".into()],
        clients: vec!["alice".into()],
        key_type: Some(key_type.as_str().into()),
        ..PlanRequest::default()
    };
    let plan = Plan::from_request(&request, now.date()).unwrap();
    let mut rng =
        rand_chacha::ChaCha20Rng::seed_from_u64(u64::from(key_type.as_str().len() as u32));
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let pass = Passphrase::new(b"correct horse battery".to_vec()).unwrap();
    bundle::build(
        &plan,
        keys,
        &CaKeyProtection::Passphrase(pass),
        now,
        &mut rng,
    )
    .unwrap()
}

fn der(bundle: &Bundle, path: &str) -> Vec<u8> {
    let file = bundle
        .contents(path)
        .unwrap_or_else(|| panic!("{path} missing"));
    let (label, der) = pkcs8::der::pem::decode_vec(file).unwrap();
    assert_eq!(label, "CERTIFICATE");
    der
}

fn check(key_type: KeyType) {
    let b = make(key_type);
    let ca = der(&b, "ca/ca.pem");
    let server = der(&b, "server/docker1.example.com/server-cert.pem");
    let client = der(&b, "client/alice/cert.pem");

    // Parse back.
    let (_, ca_cert) = X509Certificate::from_der(&ca).unwrap();
    let bc = ca_cert.basic_constraints().unwrap().unwrap();
    assert!(bc.critical && bc.value.ca && bc.value.path_len_constraint == Some(0));
    assert!(ca_cert.extended_key_usage().unwrap().is_none());
    let (_, server_cert) = X509Certificate::from_der(&server).unwrap();
    let sans: Vec<String> = server_cert
        .subject_alternative_name()
        .unwrap()
        .unwrap()
        .value
        .general_names
        .iter()
        .map(|n| format!("{n}"))
        .collect();
    assert_eq!(sans.len(), 3, "{sans:?}");
    let eku = server_cert.extended_key_usage().unwrap().unwrap().value;
    assert!(eku.server_auth && !eku.client_auth);
    let (_, client_cert) = X509Certificate::from_der(&client).unwrap();
    let eku = client_cert.extended_key_usage().unwrap().unwrap().value;
    assert!(eku.client_auth && !eku.server_auth);
    assert_eq!(server_cert.issuer(), ca_cert.subject());

    // Chain, with the verifier rustls uses.
    let ca_der = CertificateDer::from(ca.as_slice());
    let anchors = [webpki::anchor_from_trusted_cert(&ca_der).unwrap()];
    let time = UnixTime::since_unix_epoch(Duration::from_secs(NOW as u64 + 86_400));
    let algs = webpki::ALL_VERIFICATION_ALGS;
    let server_der = CertificateDer::from(server.as_slice());
    let server_ee = webpki::EndEntityCert::try_from(&server_der).unwrap();
    server_ee
        .verify_for_usage(
            algs,
            &anchors,
            &[],
            time,
            webpki::KeyUsage::server_auth(),
            None,
            None,
        )
        .unwrap();
    assert!(server_ee
        .verify_for_usage(
            algs,
            &anchors,
            &[],
            time,
            webpki::KeyUsage::client_auth(),
            None,
            None
        )
        .is_err());
    for name in ["docker1.example.com", "10.0.0.5", "::1"] {
        server_ee
            .verify_is_valid_for_subject_name(&ServerName::try_from(name).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    }
    assert!(server_ee
        .verify_is_valid_for_subject_name(&ServerName::try_from("other.example.com").unwrap())
        .is_err());
    let client_der = CertificateDer::from(client.as_slice());
    let client_ee = webpki::EndEntityCert::try_from(&client_der).unwrap();
    client_ee
        .verify_for_usage(
            algs,
            &anchors,
            &[],
            time,
            webpki::KeyUsage::client_auth(),
            None,
            None,
        )
        .unwrap();
    let after_expiry = UnixTime::since_unix_epoch(Duration::from_secs(NOW as u64 + 366 * 86_400));
    assert!(client_ee
        .verify_for_usage(
            algs,
            &anchors,
            &[],
            after_expiry,
            webpki::KeyUsage::client_auth(),
            None,
            None
        )
        .is_err());

    // The CA key opens with the passphrase only.
    let key = b.contents("ca/ca-key.pem").unwrap();
    let (label, encrypted) = pkcs8::der::pem::decode_vec(key).unwrap();
    assert_eq!(label, "ENCRYPTED PRIVATE KEY");
    let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(encrypted.as_slice()).unwrap();
    assert!(info.decrypt(b"correct horse battery").is_ok());
    assert!(info.decrypt(b"wrong horse battery").is_err());

    // The zip holds every file, each with its mode.
    let zip = archive::to_zip(&b, "docker-tls").unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    for file in b.files() {
        let entry = archive
            .by_name(&format!("docker-tls/{}", file.path))
            .unwrap();
        assert_eq!(
            entry.unix_mode().map(|m| m & 0o7777),
            Some(file.mode()),
            "{}",
            file.path
        );
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn ecdsa_p256() {
    check(KeyType::EcdsaP256);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn ecdsa_p384() {
    check(KeyType::EcdsaP384);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn ed25519() {
    check(KeyType::Ed25519);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rsa_2048() {
    check(KeyType::Rsa2048);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rsa_3072() {
    check(KeyType::Rsa3072);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rsa_4096() {
    check(KeyType::Rsa4096);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn bad_input_is_an_error_not_a_panic() {
    let today = ::time::Date::from_calendar_date(2026, ::time::Month::November, 23).unwrap();
    let request = PlanRequest {
        servers: vec!["a..b".into(), "".into(), "x".repeat(300).into()],
        clients: vec!["../etc".into()],
        key_type: Some("rsa-512".into()),
        days: Some("-1".into()),
        listen: Some("[::1".into()),
        install_dir: Some("relative".into()),
        ..PlanRequest::default()
    };
    let errors = Plan::from_request(&request, today).unwrap_err();
    assert_eq!(errors.len(), 8, "{errors}");
}
