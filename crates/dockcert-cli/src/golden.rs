//! Byte-for-byte: for a fixed plan, RNG and clock, the closing summary and
//! `inspect`'s report read exactly as recorded in `tests/golden/` (recorded
//! before the core was reorganised), and so does the summary in Chinese.
//! `DOCKCERT_BLESS=1` rewrites them.

use std::path::PathBuf;

use dockcert_core::bundle::archive;
use dockcert_core::bundle::{self, Bundle, CaKeyProtection, KeySet};
use dockcert_core::inspect::{self, Options};
use dockcert_core::pki::Passphrase;
use dockcert_core::plan::{Plan, PlanRequest, ServerRequest};
use dockcert_core::Lang;
use rand_core::SeedableRng;
use time::OffsetDateTime;

use crate::output::Target;

const NOW: i64 = 1_811_500_496;

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(NOW).unwrap()
}

fn bundle(protection: &CaKeyProtection, request: &PlanRequest, seed: u64) -> Bundle {
    let plan = Plan::from_request(request, now().date()).unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    bundle::build(&plan, keys, protection, now(), &mut rng).unwrap()
}

fn fleet(lang: Lang) -> Bundle {
    let request = PlanRequest {
        servers: vec![
            ServerRequest {
                spec: "docker1.example.com,10.0.0.5,::1,*.swarm.example.com".into(),
                allow_from: Some(vec!["10.0.0.0/8".into()]),
                ..ServerRequest::default()
            },
            "docker2.example.com,10.0.0.6".into(),
        ],
        clients: vec!["alice".into(), "bob".into()],
        key_type: Some("ed25519".into()),
        ca_name: Some("Acme Docker CA".into()),
        lang,
        ..PlanRequest::default()
    };
    let pass = Passphrase::new(b"golden passphrase".to_vec()).unwrap();
    bundle(&CaKeyProtection::Passphrase(pass), &request, 11)
}

fn check(name: &str, actual: &str) {
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
    assert_eq!(actual, expected, "{name} is not what it was");
}

#[test]
fn summary_of_a_zip_and_of_a_folder() {
    let made = fleet(Lang::En);
    let zip = Target::Zip {
        path: "out/docker-tls.zip".into(),
        top: "docker-tls".into(),
        replace: false,
    };
    check(
        "summary-zip.txt",
        &crate::report::summary(&made, &zip, None),
    );
    let request = PlanRequest {
        servers: vec!["docker1".into()],
        key_type: Some("ed25519".into()),
        listen: Some("0.0.0.0:2375".into()),
        ..PlanRequest::default()
    };
    let plain = bundle(&CaKeyProtection::Unencrypted, &request, 12);
    let dir = Target::Dir {
        path: "out/bundle".into(),
    };
    check(
        "summary-folder.txt",
        &crate::report::summary(&plain, &dir, None),
    );
}

#[test]
fn summary_in_chinese() {
    let zip = Target::Zip {
        path: "out/docker-tls.zip".into(),
        top: "docker-tls".into(),
        replace: false,
    };
    let made = fleet(Lang::Zh);
    check(
        "summary-zip-zh.txt",
        &crate::report::summary(&made, &zip, None),
    );
    // Five hosts and five clients: the files in one line, three of each shown.
    let many = PlanRequest {
        servers: (1..=5)
            .map(|i| format!("docker{i}.example.com").into())
            .collect(),
        clients: (1..=5).map(|i| format!("client{i}")).collect(),
        key_type: Some("ed25519".into()),
        lang: Lang::Zh,
        ..PlanRequest::default()
    };
    let made = bundle(&CaKeyProtection::Unencrypted, &many, 13);
    let dir = Target::Dir {
        path: "out/bundle".into(),
    };
    check(
        "summary-many-zh.txt",
        &crate::report::summary(&made, &dir, None),
    );
    let one = PlanRequest {
        servers: vec!["docker1.example.com,10.0.0.5".into()],
        clients: vec!["ci".into()],
        key_type: Some("ed25519".into()),
        lang: Lang::Zh,
        ..PlanRequest::default()
    };
    let made = bundle::dind::rearranged(bundle(&CaKeyProtection::Unencrypted, &one, 14)).unwrap();
    check(
        "summary-dind-zh.txt",
        &crate::report::summary(&made, &zip, None),
    );
}

#[test]
fn inspect_report_of_a_bundle_zip() {
    let made = fleet(Lang::En);
    let zip = archive::to_zip(&made, "docker-tls").unwrap();
    let files = inspect::read_zip(&zip).unwrap();
    let report = inspect::inspect(
        &inspect::Gathered::of_files(files),
        &Options {
            host: Some("docker1.example.com".into()),
            now: now(),
        },
    );
    check("inspect-zip.txt", &crate::inspect::human(&report, Lang::En));
    check(
        "inspect-zip-zh.txt",
        &crate::inspect::human(&report, Lang::Zh),
    );
    check(
        "inspect-zip.json",
        &serde_json::to_string_pretty(&report).unwrap(),
    );
}

/// A bundle from an existing CA holds no CA key: its summary says where the
/// key is kept, never that the bundle's ca-key.pem signs (there is none).
#[test]
fn summary_of_an_issued_bundle_names_no_ca_key_of_its_own() {
    let made = fleet(Lang::En);
    let (cert, key) = (
        made.contents("ca/ca.pem").unwrap(),
        made.contents("ca/ca-key.pem").unwrap(),
    );
    let ca =
        dockcert_core::import::import_ca(cert, key, Some(b"golden passphrase"), now()).unwrap();
    let zip = Target::Zip {
        path: "carol.zip".into(),
        top: "carol".into(),
        replace: false,
    };
    for lang in [Lang::En, Lang::Zh] {
        let request = PlanRequest {
            clients: vec!["carol".into()],
            purpose: dockcert_core::plan::Purpose::ExistingCa,
            key_type: Some("ed25519".into()),
            lang,
            ..PlanRequest::default()
        };
        let plan = Plan::from_request(&request, now().date()).unwrap();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(5);
        let key = dockcert_core::pki::PrivateKey::generate(plan.key_type, &mut rng).unwrap();
        let leaves = dockcert_core::bundle::LeafKeys::from_slots(&plan, vec![key]).unwrap();
        let issued = bundle::build_issued(&plan, ca.clone(), leaves, now(), &mut rng).unwrap();
        assert!(issued.files().iter().all(|f| f.path != "ca/ca-key.pem"));
        let started = crate::inventory::Appended {
            path: "ca/inventory.jsonl".into(),
            added: issued.certificates_made(),
            started: true,
        };
        let summary = crate::report::summary(&issued, &zip, Some(&started));
        check(&format!("summary-issued-{}.txt", lang.tag()), &summary);
        assert!(!summary.contains("ca-key.pem"), "{lang:?}: {summary}");
        assert!(summary.contains("--ca-key"), "{lang:?}: {summary}");
    }
}
