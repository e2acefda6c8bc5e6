//! No input file makes import, renew, inspect, the zip reader or the fleet
//! parser panic: property tests feed them random bytes and random mutations
//! (flips, cuts, splices) of real certificates, keys, legacy encrypted keys,
//! bundles and fleet files. A panic in the page kills the app, and the CLI
//! promises a clear message for every bad input.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::panic)]

use std::sync::OnceLock;

use dockcert_core::bundle::archive;
use dockcert_core::bundle::{self, CaKeyProtection, KeySet};
use dockcert_core::import::{self, pem, renew};
use dockcert_core::inspect::{self, InputFile, Options};
use dockcert_core::pki::{KeyType, Passphrase};
use dockcert_core::plan::fleet::Fleet;
use dockcert_core::plan::{Plan, PlanRequest};
use proptest::prelude::*;
use rand_core::SeedableRng;

/// A P-256 key in OpenSSL's legacy encryption (`openssl ec -aes128`),
/// passphrase "fuzzpass".
const LEGACY_EC: &str = "-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,11BD56185649433D792492343668060D

bk7ZNM0tcpe2Sw5++O7oEcOAXiQzxMGYBN28ruiDbfRuJPVToAkckE4/aJlyjSN4
qos/mIZ2wr/M5edNcMNcXPp9ZyZKv7knQoRQZPs0TVfWhc6rPqakEmG9W2ffT7i8
HUep+LqF4/LkNpYnXbY21qzZkcA/MQ30HXKW0X3wgpI=
-----END EC PRIVATE KEY-----
";

const FLEET: &str = "[ca]\nname = \"X\"\ndays = 100\n[[host]]\nname = \"h.example\"\nsans = [\"10.0.0.1\"]\nlisten = \"0.0.0.0:2376\"\n[[client]]\nname = \"c\"\n";

struct Seeds {
    files: Vec<Vec<u8>>,
    zip: Vec<u8>,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
        let mut files = vec![LEGACY_EC.as_bytes().to_vec(), FLEET.as_bytes().to_vec()];
        let mut zip = Vec::new();
        for key_type in [KeyType::EcdsaP256, KeyType::Ed25519, KeyType::Rsa2048] {
            let req = PlanRequest {
                servers: vec!["h.example,10.0.0.1".into()],
                key_type: Some(key_type.as_str().into()),
                allow_from: vec!["10.0.0.0/8".into()],
                ..PlanRequest::default()
            };
            let plan = Plan::from_request(&req, now.date()).unwrap();
            let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(9);
            let keys = KeySet::generate(&plan, &mut rng).unwrap();
            let pass =
                CaKeyProtection::Passphrase(Passphrase::new(b"fuzz passphrase".to_vec()).unwrap());
            let b = bundle::build(&plan, keys, &pass, now, &mut rng).unwrap();
            files.extend(b.with_contents().map(|(_, contents)| contents.to_vec()));
            zip = archive::to_zip(&b, "b").unwrap().to_vec();
        }
        Seeds { files, zip }
    })
}

/// A seed file changed by `edits`: (position, kind, byte) triples.
fn mutate(mut data: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(at, kind, byte) in edits {
        if data.is_empty() {
            data.push(byte);
            continue;
        }
        let at = at % data.len();
        match kind % 4 {
            0 => data[at] ^= byte | 1,
            1 => data.truncate(at),
            2 => data.insert(at, byte),
            _ => {
                let end = (at + usize::from(byte)).min(data.len());
                data.drain(at..end);
            }
        }
    }
    data
}

fn everything(bytes: &[u8]) {
    let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
    let _ = pem::blocks(bytes);
    let _ = import::certificates(bytes);
    let _ = import::key_is_encrypted(bytes);
    let _ = import::private_key(bytes, None);
    let _ = import::private_key(bytes, Some(b"fuzz passphrase"));
    let _ = import::private_key(bytes, Some(b"fuzzpass"));
    let _ = import::import_ca(bytes, bytes, Some(b"fuzz passphrase"), now);
    let _ = renew::renewal(bytes);
    let _ = inspect::read_zip(bytes);
    let _ = Fleet::parse("fleet.toml", &String::from_utf8_lossy(bytes));
    let _ = import::inventory::read(bytes);
    let files = vec![
        InputFile {
            path: "x/server-cert.pem".into(),
            bytes: bytes.to_vec(),
            mode: Some(0o644),
        },
        InputFile {
            path: "x/server-key.pem".into(),
            bytes: bytes.to_vec(),
            mode: Some(0o600),
        },
        InputFile {
            path: "x/ca.pem".into(),
            bytes: bytes.to_vec(),
            mode: None,
        },
        InputFile {
            path: "x/daemon.json".into(),
            bytes: bytes.to_vec(),
            mode: None,
        },
        InputFile {
            path: "x/docker.service.d/a.conf".into(),
            bytes: bytes.to_vec(),
            mode: None,
        },
        InputFile {
            path: "x/inventory.jsonl".into(),
            bytes: bytes.to_vec(),
            mode: None,
        },
    ];
    let gathered = inspect::Gathered::of_files(files);
    let _ = serde_json::to_string(&inspect::expiry::expiry(&gathered, now)).unwrap();
    let report = inspect::inspect(
        &gathered,
        &Options {
            host: Some("h.example".into()),
            now,
        },
    );
    let _ = serde_json::to_string(&report).unwrap();
}

#[test]
fn the_seeds_themselves_are_handled() {
    for f in &seeds().files {
        everything(f);
    }
    everything(&seeds().zip);
    // The legacy seed really decrypts, so mutations start from a working key.
    assert!(import::private_key(LEGACY_EC.as_bytes(), Some(b"fuzzpass")).is_ok());
    assert_eq!(
        import::private_key(LEGACY_EC.as_bytes(), Some(b"wrong")).unwrap_err(),
        import::ImportError::WrongPassphrase
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        everything(&bytes);
    }

    #[test]
    fn mutated_files(which in any::<usize>(), edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)) {
        let files = &seeds().files;
        let seed = files[which % files.len()].clone();
        everything(&mutate(seed, &edits));
    }

    #[test]
    fn mutated_zips(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)) {
        everything(&mutate(seeds().zip.clone(), &edits));
    }

    #[test]
    fn pem_wrapped_noise(label in "(CERTIFICATE|PRIVATE KEY|ENCRYPTED PRIVATE KEY|RSA PRIVATE KEY|EC PRIVATE KEY)", body in proptest::collection::vec(any::<u8>(), 0..600), legacy in any::<bool>()) {
        use base64ct::Encoding;
        let headers = if legacy { "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n" } else { "" };
        let text = format!("-----BEGIN {label}-----\n{headers}{}\n-----END {label}-----\n", base64ct::Base64::encode_string(&body));
        everything(text.as_bytes());
    }
}
