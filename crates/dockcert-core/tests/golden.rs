//! Byte-for-byte: the same plan, keys, RNG and clock make exactly the same
//! bundle, file by file, and exactly the same zip, as recorded in
//! `tests/golden/*.sha256` (written by the code before the core was
//! reorganised, so a refactor that changes one byte of output fails here).
//!
//! Ed25519 and RSA signatures are deterministic; ECDSA's are not (ring draws
//! its nonces from the system), so the cases use Ed25519 and RSA keys. The
//! cases cover a new CA with a passphrase, an unencrypted one with warnings,
//! the page's path (the CA key's PBKDF2 derived outside the core), issuing
//! from a CA made by the openssl recipe, and renewing the recipe's CN-only
//! certificate; and README.txt in Chinese, recorded as text.
//!
//! `DOCKCERT_BLESS=1 cargo test -p dockcert-core --test golden` rewrites the
//! records; only do that for a change that is meant to change the output.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fmt::Write;
use std::path::PathBuf;

use dockcert_core::bundle::archive;
use dockcert_core::bundle::{self, Bundle, CaKeyProtection, KeySet, LeafKeys};
use dockcert_core::import;
use dockcert_core::import::renew;
use dockcert_core::pki::{DerivedKey, KeyType, Passphrase, PrivateKey, CA_KEY_PBKDF2_ROUNDS};
use dockcert_core::plan::{Plan, PlanRequest, Purpose, ServerRequest};
use dockcert_core::Lang;
use rand_core::{Rng, SeedableRng};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// 2027-06-01 12:34:56 UTC: inside the recipe CA's validity.
const NOW: i64 = 1_811_500_496;

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(NOW).unwrap()
}

fn rng(seed: u64) -> rand_chacha::ChaCha20Rng {
    rand_chacha::ChaCha20Rng::seed_from_u64(seed)
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `sha256  path` for every file, then the zip's.
fn sums(bundle: &Bundle, top: &str) -> String {
    let mut text = String::new();
    for (f, contents) in bundle.with_contents() {
        let _ = writeln!(
            text,
            "{}  {:04o}  {}",
            hex(&Sha256::digest(contents)),
            f.mode(),
            f.path
        );
    }
    let zip = archive::to_zip(bundle, top).unwrap();
    let _ = writeln!(text, "{}  zip  {top}.zip", hex(&Sha256::digest(&zip)));
    text
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check(case: &str, bundle: &Bundle) {
    let actual = sums(bundle, "docker-tls");
    check_text(&format!("{case}.sha256"), &actual);
}

fn check_text(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("DOCKCERT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (DOCKCERT_BLESS=1 records it)", path.display()));
    if actual != expected {
        let differ: Vec<&str> = actual
            .lines()
            .zip(expected.lines())
            .filter(|(a, e)| a != e)
            .map(|(a, _)| a)
            .collect();
        panic!(
            "{name} is not byte-for-byte what it was; these lines differ:\n{}\n\nexpected:\n{expected}\nactual:\n{actual}",
            differ.join("\n")
        );
    }
}

fn plan(request: &PlanRequest) -> Plan {
    Plan::from_request(request, now().date()).unwrap()
}

fn fleet_request() -> PlanRequest {
    PlanRequest {
        servers: vec![
            ServerRequest {
                spec: "docker1.example.com,10.0.0.5,::1,*.swarm.example.com".into(),
                allow_from: Some(vec!["10.0.0.0/8".into(), "fd00::/64".into()]),
                ..ServerRequest::default()
            },
            ServerRequest {
                spec: "docker2.example.com,10.0.0.6".into(),
                listen: Some("10.0.0.6:2376".into()),
                install_dir: Some("/opt/docker-tls".into()),
                ..ServerRequest::default()
            },
        ],
        clients: vec!["alice".into(), "bob@example.com".into()],
        key_type: Some("ed25519".into()),
        days: Some("200".into()),
        ca_days: Some("1000".into()),
        ca_name: Some("Acme Docker CA".into()),
        ..PlanRequest::default()
    }
}

#[test]
fn new_ca_with_a_passphrase() {
    let plan = plan(&fleet_request());
    let mut rng = rng(1);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let pass = Passphrase::new(b"golden passphrase".to_vec()).unwrap();
    let made = bundle::build(
        &plan,
        keys,
        &CaKeyProtection::Passphrase(pass),
        now(),
        &mut rng,
    )
    .unwrap();
    check("new-ed25519-passphrase", &made);
}

/// The same plan in Chinese: README.txt as recorded, and every other file
/// byte for byte the English bundle's (manifest.json aside, which hashes
/// README.txt).
#[test]
fn new_ca_with_a_passphrase_in_chinese() {
    let made = |lang| {
        let plan = plan(&PlanRequest {
            lang,
            ..fleet_request()
        });
        let mut rng = rng(1);
        let keys = KeySet::generate(&plan, &mut rng).unwrap();
        let pass = Passphrase::new(b"golden passphrase".to_vec()).unwrap();
        let protection = CaKeyProtection::Passphrase(pass);
        bundle::build(&plan, keys, &protection, now(), &mut rng).unwrap()
    };
    let (en, zh) = (made(Lang::En), made(Lang::Zh));
    let readme = String::from_utf8(zh.contents("README.txt").unwrap().to_vec()).unwrap();
    check_text("new-ed25519-passphrase-zh-README.txt", &readme);
    assert_eq!(en.files().len(), zh.files().len());
    // What a person reads in a file is in the plan's language: those files
    // differ, and only those.
    let worded = |path: &str| {
        [
            "README.txt",
            "manifest.json",
            "ansible/dockcert.yml",
            "ansible/inventory.yml",
            "prometheus/dockcert.rules.yml",
        ]
        .contains(&path)
            || [
                "/install.sh",
                "/docker.env",
                "/docker-context.sh",
                ".dockercontext",
                "/nftables.conf",
                "/firewalld.sh",
                "/dockcert-expiry-check.sh",
            ]
            .iter()
            .any(|end| path.ends_with(end))
    };
    for ((e, en_bytes), (z, zh_bytes)) in en.with_contents().zip(zh.with_contents()) {
        assert_eq!((&e.path, e.mode()), (&z.path, z.mode()));
        assert_eq!(en_bytes == zh_bytes, !worded(&e.path), "{}", e.path);
    }
}

#[test]
fn new_ca_unencrypted_with_warnings() {
    let plan = plan(&PlanRequest {
        servers: vec!["docker1".into()],
        key_type: Some("rsa-2048".into()),
        listen: Some("0.0.0.0:2375".into()),
        ..PlanRequest::default()
    });
    let mut rng = rng(2);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let made = bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now(), &mut rng).unwrap();
    check("new-rsa2048-unencrypted", &made);
}

/// The page's pipeline: the salt drawn from the page's RNG, PBKDF2 done
/// outside the core (WebCrypto), the derived key handed in.
#[test]
fn new_ca_the_page_way() {
    let plan = plan(&fleet_request());
    let mut rng = rng(3);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let pass = Passphrase::new(b"golden passphrase".to_vec()).unwrap();
    let derived = DerivedKey::derive(&pass, salt, CA_KEY_PBKDF2_ROUNDS);
    let made = bundle::build(
        &plan,
        keys,
        &CaKeyProtection::Derived(derived),
        now(),
        &mut rng,
    )
    .unwrap();
    check("new-ed25519-derived", &made);
}

fn recipe_ca() -> import::ImportedCa {
    import::import_ca(
        &fixture("recipe-ca.pem"),
        &fixture("recipe-ca-key.pem"),
        Some(b"golden-pass"),
        now(),
    )
    .unwrap()
}

fn leaf_keys(plan: &Plan, seed: u64) -> (LeafKeys, rand_chacha::ChaCha20Rng) {
    let mut rng = rng(seed);
    let keys: Vec<PrivateKey> = plan
        .leaf_key_slots()
        .iter()
        .map(|_| PrivateKey::generate(plan.key_type, &mut rng).unwrap())
        .collect();
    (LeafKeys::from_slots(plan, keys).unwrap(), rng)
}

#[test]
fn issued_from_the_recipe_ca() {
    let plan = plan(&PlanRequest {
        servers: vec!["docker3.example.com,10.0.0.7".into()],
        clients: vec!["carol".into()],
        key_type: Some("ed25519".into()),
        days: Some("90".into()),
        purpose: Purpose::ExistingCa,
        ..PlanRequest::default()
    });
    let (leaves, mut rng) = leaf_keys(&plan, 4);
    let made = bundle::build_issued(&plan, recipe_ca(), leaves, now(), &mut rng).unwrap();
    check("issued-ed25519-recipe-ca", &made);
}

#[test]
fn renewed_recipe_certificate() {
    let old = renew::renewal(&fixture("recipe-server-cn-only.pem")).unwrap();
    assert_eq!(old.spec, "legacy.example.com");
    assert_eq!(old.key_type, Some(KeyType::Rsa2048));
    // As both faces ask for it: the renewal's request, which carries the
    // old certificate for install.sh to replace.
    let plan = plan(&old.request(PlanRequest::default()));
    assert!(plan.renews.is_some());
    let (leaves, mut rng) = leaf_keys(&plan, 5);
    let made = bundle::build_issued(&plan, recipe_ca(), leaves, now(), &mut rng).unwrap();
    check("renewed-rsa2048-recipe", &made);
}
