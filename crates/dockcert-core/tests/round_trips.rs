//! Properties that would fail if a reader refused good input: whatever the
//! core writes, it reads back as it was. Keys of every type, in PEM and DER,
//! plain and encrypted, import to the same key; every name a plan accepts
//! comes back from its certificate; a fleet file written from a plan makes
//! the same plan; and a healthy bundle, as files or as a zip, is judged
//! healthy by inspect. (robustness.rs checks that bad input never panics;
//! these check that good input is never refused.)

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::panic)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use dockcert_core::bundle::{self, archive, CaKeyProtection, KeySet};
use dockcert_core::import::{self, KeyFormat, KeyState};
use dockcert_core::inspect::{self, Gathered, InputFile, Options};
use dockcert_core::pki::{KeyType, Passphrase, PrivateKey};
use dockcert_core::plan::fleet::Fleet;
use dockcert_core::plan::{Plan, PlanRequest};
use proptest::prelude::*;
use rand_core::SeedableRng;

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap()
}

/// Key types quick enough to make hundreds of (RSA is covered by the
/// golden and cross-tool tests).
fn key_type() -> impl Strategy<Value = KeyType> {
    prop_oneof![
        Just(KeyType::EcdsaP256),
        Just(KeyType::EcdsaP384),
        Just(KeyType::Ed25519)
    ]
}

/// A DNS label: letters, digits, hyphens inside, 1 to 20 characters.
fn label() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,18}[a-z0-9]|[a-z]"
}

/// A DNS name of two to four labels whose last is not all digits.
fn dns_name() -> impl Strategy<Value = String> {
    (proptest::collection::vec(label(), 1..3), "[a-z]{2,6}")
        .prop_map(|(labels, tld)| format!("{}.{tld}", labels.join(".")))
}

fn ip() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        any::<[u8; 4]>().prop_map(|b| IpAddr::V4(Ipv4Addr::from(b))),
        any::<[u16; 8]>().prop_map(|s| IpAddr::V6(Ipv6Addr::from(s))),
    ]
}

/// A host as `--server` takes it: a name, then other names and addresses.
fn host() -> impl Strategy<Value = (String, Vec<String>)> {
    (
        dns_name(),
        proptest::collection::vec(
            prop_oneof![dns_name(), ip().prop_map(|i| i.to_string())],
            0..4,
        ),
    )
        .prop_map(|(name, mut sans)| {
            sans.retain(|s| s != &name);
            sans.sort();
            sans.dedup();
            (name, sans)
        })
}

fn hosts() -> impl Strategy<Value = Vec<(String, Vec<String>)>> {
    proptest::collection::vec(host(), 1..4).prop_map(|mut hosts| {
        hosts.sort_by(|a, b| a.0.cmp(&b.0));
        hosts.dedup_by(|a, b| a.0 == b.0);
        hosts
    })
}

fn clients() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[a-z][a-z0-9_@-]{0,6}([.][a-z0-9][a-z0-9_@-]{0,5})?", 0..3).prop_map(
        |mut c| {
            c.sort();
            c.dedup();
            c
        },
    )
}

fn request(hosts: &[(String, Vec<String>)], clients: &[String], key_type: KeyType) -> PlanRequest {
    PlanRequest {
        servers: hosts
            .iter()
            .map(|(name, sans)| {
                let mut items = vec![name.clone()];
                items.extend(sans.iter().cloned());
                items.join(",").into()
            })
            .collect(),
        clients: clients.to_vec(),
        key_type: Some(key_type.as_str().into()),
        ..PlanRequest::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_key_imports_back_from_pem_and_der(key_type in key_type(), seed in any::<u64>()) {
        let key = PrivateKey::generate(key_type, &mut rand_chacha::ChaCha20Rng::seed_from_u64(seed)).unwrap();
        let pem = key.to_pem().unwrap();
        let (back, format) = import::private_key(pem.as_bytes(), None).unwrap();
        prop_assert_eq!(back.pkcs8_der(), key.pkcs8_der());
        prop_assert_eq!(back.key_type(), key_type);
        prop_assert_eq!(format, KeyFormat::Pkcs8);
        let (from_der, _) = import::private_key(key.pkcs8_der(), None).unwrap();
        prop_assert_eq!(from_der.pkcs8_der(), key.pkcs8_der());
        prop_assert_eq!(import::key_state(pem.as_bytes()), Ok(KeyState::Plain(KeyFormat::Pkcs8)));
    }

    #[test]
    fn every_name_a_plan_accepts_comes_back_from_its_certificate(
        hosts in hosts(), clients in clients(), key_type in key_type(), seed in any::<u64>()
    ) {
        let plan = Plan::from_request(&request(&hosts, &clients, key_type), now().date()).unwrap();
        prop_assert_eq!(plan.servers.len(), hosts.len());
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
        let keys = KeySet::generate(&plan, &mut rng).unwrap();
        let made = bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now(), &mut rng).unwrap();
        for (server, (name, sans)) in plan.servers.iter().zip(&hosts) {
            let cert = made.contents(&format!("server/{}/server-cert.pem", server.name)).unwrap();
            let old = import::renew::renewal(cert).unwrap();
            let mut expected = vec![name.clone()];
            expected.extend(sans.iter().map(|s| s.parse::<IpAddr>().map(|i| i.to_string()).unwrap_or(s.clone())));
            prop_assert_eq!(old.sans, expected);
        }

        // The whole bundle, as files and as a zip, is healthy to inspect.
        let files: Vec<InputFile> = made.with_contents().map(|(f, contents)| InputFile {
            path: f.path.clone(), bytes: contents.to_vec(), mode: Some(f.mode()),
        }).collect();
        // --host means every server certificate must cover it: one host's name.
        let host = (hosts.len() == 1).then(|| hosts[0].0.clone());
        let options = Options { host, now: now() };
        let report = inspect::inspect(&Gathered::of_files(files), &options);
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
        prop_assert_eq!(codes, vec!["ca-key-unencrypted"]);
        let mut gathered = Gathered::default();
        gathered.add("b.zip", Ok(archive::to_zip(&made, "b").unwrap().to_vec()), None);
        prop_assert_eq!(gathered.files.len(), made.files().len());
        prop_assert!(gathered.skipped.is_empty());
        let report = inspect::inspect(&gathered, &options);
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
        prop_assert_eq!(codes, vec!["ca-key-unencrypted"]);
    }

    #[test]
    fn a_fleet_file_written_from_a_plan_makes_the_same_plan(
        hosts in hosts(), clients in clients(), key_type in key_type(), days in 1u32..3650
    ) {
        let mut flags = request(&hosts, &clients, key_type);
        flags.days = Some(days.to_string());
        let from_flags = Plan::from_request(&flags, now().date()).unwrap();
        let mut toml = format!("[ca]\nkey_type = \"{key_type}\"\n\n[defaults]\ndays = {days}\n");
        for (name, sans) in &hosts {
            let sans: Vec<String> = sans.iter().map(|s| format!("{s:?}")).collect();
            toml.push_str(&format!("\n[[host]]\nname = {name:?}\nsans = [{}]\n", sans.join(", ")));
        }
        for client in &clients {
            toml.push_str(&format!("\n[[client]]\nname = {client:?}\n"));
        }
        let fleet = Fleet::parse("fleet.toml", &toml).unwrap();
        let from_file = fleet.plan(PlanRequest::default(), now().date()).unwrap();
        prop_assert_eq!(from_file, from_flags);
    }
}

#[test]
fn an_encrypted_ca_key_opens_with_its_passphrase_in_every_form_written() {
    for key_type in [KeyType::EcdsaP256, KeyType::Ed25519] {
        let key = PrivateKey::generate(key_type, &mut rand_chacha::ChaCha20Rng::seed_from_u64(1))
            .unwrap();
        let pass = Passphrase::new(b"round trip passphrase".to_vec()).unwrap();
        let pem = key
            .to_encrypted_pem(&pass, &mut rand_chacha::ChaCha20Rng::seed_from_u64(2))
            .unwrap();
        assert_eq!(
            import::key_state(pem.as_bytes()),
            Ok(KeyState::Encrypted(KeyFormat::EncryptedPkcs8))
        );
        let (back, format) = import::private_key(pem.as_bytes(), Some(pass.as_bytes())).unwrap();
        assert_eq!(back.pkcs8_der(), key.pkcs8_der());
        assert_eq!(format, KeyFormat::EncryptedPkcs8);
    }
}
