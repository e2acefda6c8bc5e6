//! Making a bundle: with a new CA ([`build`]) or from an existing one
//! ([`build_issued`]).

use rand_core::CryptoRng;
use time::OffsetDateTime;

use super::assemble::{assemble, Assembly};
use super::contents::{Bundle, CaKeyProtection, CaSource, FilesTo};
use super::error::BundleError;
use super::keys::{KeySet, LeafKeys};
use super::warnings::Warning;
use crate::import::ImportedCa;
use crate::pki::{CertificateAuthority, Serials, Validity};
use crate::plan::Plan;

/// Makes the bundle: a new CA, a server certificate per host, a client
/// certificate per client, the Docker settings, the scripts, README.txt and
/// manifest.json, all held in the [`Bundle`].
pub fn build<R: CryptoRng + ?Sized>(
    plan: &Plan,
    keys: KeySet,
    protection: &CaKeyProtection,
    now: OffsetDateTime,
    rng: &mut R,
) -> Result<Bundle, BundleError> {
    build_into(plan, keys, protection, now, rng, FilesTo::Bundle)
}

/// [`build`], each file put where `to` says as soon as it is made
/// (README.txt and manifest.json last): into a [`super::FileSink`], the
/// bundle is never all in memory.
pub fn build_into<R: CryptoRng + ?Sized>(
    plan: &Plan,
    keys: KeySet,
    protection: &CaKeyProtection,
    now: OffsetDateTime,
    rng: &mut R,
    to: FilesTo<'_>,
) -> Result<Bundle, BundleError> {
    let mut serials = Serials::default();
    let ca = CertificateAuthority::create(
        (&plan.ca_name, &plan.subject()),
        keys.ca,
        Validity::starting(now, plan.ca_days),
        &mut serials,
        rng,
    )?;
    let ca_key_pem = match protection {
        CaKeyProtection::Passphrase(pass) => ca.key().to_encrypted_pem(pass, rng)?,
        CaKeyProtection::Derived(key) => ca.key().to_encrypted_pem_with(key, rng)?,
        CaKeyProtection::Unencrypted => ca.key().to_pem()?,
    };
    let assembly = Assembly {
        plan,
        ca: &ca,
        ca_key_pem: Some(ca_key_pem),
        inventory: None,
        source: CaSource::New {
            encrypted: !matches!(protection, CaKeyProtection::Unencrypted),
        },
        leaves: LeafKeys {
            servers: keys.servers,
            clients: keys.clients,
        },
        serials,
        now,
        notes: Vec::new(),
    };
    assemble(assembly, to, rng)
}

/// Makes server and client certificates signed by an existing CA, in the
/// same layout, with the CA certificate but never its key. The plan's days
/// were fitted to the CA's end when it was checked
/// ([`crate::plan::PlanRequest::ca_lifetime`]); a shortened default is told.
pub fn build_issued<R: CryptoRng + ?Sized>(
    plan: &Plan,
    ca: ImportedCa,
    leaves: LeafKeys,
    now: OffsetDateTime,
    rng: &mut R,
) -> Result<Bundle, BundleError> {
    build_issued_into(plan, ca, leaves, now, rng, FilesTo::Bundle)
}

/// [`build_issued`], each file put where `to` says as soon as it is made.
pub fn build_issued_into<R: CryptoRng + ?Sized>(
    plan: &Plan,
    ca: ImportedCa,
    leaves: LeafKeys,
    now: OffsetDateTime,
    rng: &mut R,
    to: FilesTo<'_>,
) -> Result<Bundle, BundleError> {
    let lacks_key_usage = ca.facts.lacks_key_usage;
    let mut ca = ca;
    let inventory = ca.inventory.take();
    let ca = ca.into_authority()?;
    let mut notes: Vec<Warning> = plan
        .days_fit_ca
        .iter()
        .map(|expires| Warning::DaysFitCa {
            days: plan.days,
            expires: expires.clone(),
        })
        .collect();
    if lacks_key_usage {
        notes.push(Warning::CaWithoutKeyUsage {
            ca: ca.info().name.clone(),
        });
    }
    let assembly = Assembly {
        plan,
        ca: &ca,
        ca_key_pem: None,
        inventory,
        source: CaSource::Existing,
        leaves,
        serials: Serials::default(),
        now,
        notes,
    };
    assemble(assembly, to, rng)
}

/// Bundles for the unit tests of the parts that read one.
#[cfg(test)]
pub(crate) mod tests_support {
    use rand_core::SeedableRng;

    use super::build_into;
    use crate::bundle::{Bundle, CaKeyProtection, FilesTo, KeySet};
    use crate::pki::Passphrase;
    use crate::plan::{Plan, PlanRequest};

    pub(crate) use crate::pki::tests_support::{now, PASSPHRASE};

    /// A new ECDSA bundle for `request`, with the CA key unencrypted.
    pub(crate) fn plain(request: &PlanRequest) -> Bundle {
        made(request, &CaKeyProtection::Unencrypted, FilesTo::Bundle)
    }

    /// [`plain`], its files put where `to` says.
    pub(crate) fn plain_to(request: &PlanRequest, to: FilesTo<'_>) -> Bundle {
        made(request, &CaKeyProtection::Unencrypted, to)
    }

    /// The same with the CA key encrypted with [`PASSPHRASE`].
    pub(crate) fn encrypted(request: &PlanRequest) -> Bundle {
        let pass = Passphrase::new(PASSPHRASE.to_vec()).unwrap();
        made(request, &CaKeyProtection::Passphrase(pass), FilesTo::Bundle)
    }

    /// Bundles for different CA names get different keys.
    fn made(request: &PlanRequest, protection: &CaKeyProtection, to: FilesTo<'_>) -> Bundle {
        let plan = Plan::from_request(request, now().date()).unwrap();
        let seed = plan.ca_name.bytes().map(u64::from).sum();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
        let keys = KeySet::generate(&plan, &mut rng).unwrap();
        build_into(&plan, keys, protection, now(), &mut rng, to).unwrap()
    }

    /// `request`'s bundle (hosts and clients as given, the CA key
    /// unencrypted) signed by the CA of [`plain`]`(&one_of_each())`.
    pub(crate) fn issued(request: &PlanRequest) -> Bundle {
        let first = plain(&one_of_each());
        let (cert, key) = (first.contents("ca/ca.pem"), first.contents("ca/ca-key.pem"));
        let ca = crate::import::import_ca(cert.unwrap(), key.unwrap(), None, now()).unwrap();
        let request = PlanRequest {
            purpose: crate::plan::Purpose::ExistingCa,
            ..request.clone()
        };
        let plan = Plan::from_request(&request, now().date()).unwrap();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(2);
        let keys = (0..plan.leaf_key_slots().len())
            .map(|_| crate::pki::PrivateKey::generate(plan.key_type, &mut rng).unwrap())
            .collect();
        let leaves = crate::bundle::LeafKeys::from_slots(&plan, keys).unwrap();
        super::build_issued(&plan, ca, leaves, now(), &mut rng).unwrap()
    }

    /// One host `docker1.example.com,10.0.0.5` and one client `alice`.
    pub(crate) fn one_of_each() -> PlanRequest {
        PlanRequest {
            servers: vec!["docker1.example.com,10.0.0.5".into()],
            clients: vec!["alice".into()],
            ..PlanRequest::default()
        }
    }

    /// The CA certificate and the server certificate (DER) of a bundle of
    /// [`one_of_each`].
    pub(crate) fn ca_and_server_der() -> (Vec<u8>, Vec<u8>) {
        let b = plain(&one_of_each());
        let der = |path: &str| {
            crate::import::certificates(b.contents(path).unwrap())
                .unwrap()
                .remove(0)
        };
        (
            der("ca/ca.pem"),
            der("server/docker1.example.com/server-cert.pem"),
        )
    }
}

#[cfg(test)]
mod tests {
    use rand_core::SeedableRng;
    use sha2::{Digest, Sha256};

    use super::tests_support::{encrypted, now, one_of_each, plain};
    use super::*;
    use crate::bundle::archive;
    use crate::bundle::layout::{self, FileKind};
    use crate::bundle::{BundleFile, FileSink};
    use crate::import;
    use crate::pki::{KeyType, PrivateKey};
    use crate::plan::{PlanRequest, Purpose};

    #[test]
    fn every_file_has_its_layout_name_and_mode_and_readme_and_manifest_come_first() {
        let b = plain(&one_of_each());
        assert_eq!(b.files()[0].kind, FileKind::Readme);
        assert_eq!(b.files()[1].kind, FileKind::Manifest);
        for f in b.files() {
            assert_eq!(f.mode(), f.kind.spec().mode, "{}", f.path);
            let name = match f.kind {
                FileKind::ContextImport => ".dockercontext",
                kind => kind.spec().name,
            };
            assert!(f.path.ends_with(name), "{}", f.path);
        }
        let mode = |p: &str| b.file(p).unwrap().mode();
        assert_eq!(mode("ca/ca-key.pem"), 0o400);
        assert_eq!(mode("server/docker1.example.com/server-key.pem"), 0o400);
        assert_eq!(mode("client/alice/cert.pem"), 0o444);
        assert_eq!(mode("server/docker1.example.com/install.sh"), 0o755);
        assert!(b
            .file("server/docker1.example.com/firewall/nftables.conf")
            .is_none());
        assert_eq!(b.warnings, [Warning::UnencryptedCaKey]);
    }

    #[test]
    fn readme_lists_and_manifest_hashes_every_file() {
        let b = encrypted(&PlanRequest {
            allow_from: vec!["10.0.0.0/8".into()],
            ..one_of_each()
        });
        let readme = String::from_utf8(b.contents("README.txt").unwrap().to_vec()).unwrap();
        let manifest: serde_json::Value =
            serde_json::from_slice(b.contents("manifest.json").unwrap()).unwrap();
        assert_eq!(manifest["ca_key"], "encrypted");
        let listed = manifest["files"].as_array().unwrap();
        assert_eq!(listed.len(), b.files().len() - 1, "all but itself");
        for (f, contents) in b.with_contents() {
            assert!(readme.contains(&f.path), "README.txt lacks {}", f.path);
            if f.kind == FileKind::Manifest {
                continue;
            }
            let entry = listed
                .iter()
                .find(|e| e["path"] == f.path.as_str())
                .unwrap();
            let sha: String = Sha256::digest(contents)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(entry["sha256"], sha.as_str(), "{}", f.path);
            assert_eq!(entry["mode"], layout::mode_text(f.mode()).as_str());
        }
        assert!(b
            .file("server/docker1.example.com/firewall/firewalld.sh")
            .is_some());
        assert!(b.warnings.is_empty());
    }

    #[test]
    fn an_existing_ca_signs_without_its_key_in_the_bundle() {
        let first = encrypted(&one_of_each());
        let ca = import::import_ca(
            first.contents("ca/ca.pem").unwrap(),
            first.contents("ca/ca-key.pem").unwrap(),
            Some(tests_support::PASSPHRASE),
            now(),
        )
        .unwrap();
        let request = PlanRequest {
            clients: vec!["bob".into()],
            purpose: Purpose::ExistingCa,
            ..PlanRequest::default()
        };
        let plan = Plan::from_request(&request, now().date()).unwrap();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
        let key = PrivateKey::generate(plan.key_type, &mut rng).unwrap();
        let leaves = LeafKeys::from_slots(&plan, vec![key]).unwrap();
        let b = build_issued(&plan, ca.clone(), leaves, now(), &mut rng).unwrap();
        assert!(b.file("ca/ca-key.pem").is_none());
        assert_eq!(b.contents("ca/ca.pem"), first.contents("ca/ca.pem"));
        assert_eq!(b.ca_source, CaSource::Existing);
        assert!(b.file("client/bob/key.pem").is_some());

        // Leaves that would outlive the CA are refused as --days, before
        // any key is made.
        let later = now() + time::Duration::days(10);
        let long = PlanRequest {
            days: Some("3650".into()),
            ca_lifetime: Some(crate::plan::CaLifetime {
                ends: ca.facts.not_after,
                now: later,
            }),
            ..request
        };
        let e = Plan::from_request(&long, later.date()).unwrap_err();
        assert!(
            matches!(
                e.0[..],
                [crate::plan::FieldError {
                    field: crate::plan::Field::Days,
                    problem: crate::plan::InputProblem::OutliveCa { .. },
                    ..
                }]
            ),
            "{e}"
        );
    }

    #[test]
    fn the_default_validity_ends_with_a_ca_that_ends_sooner() {
        use crate::pki::{CertFacts, CertificateAuthority, Serials, Validity};
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(9);
        let key = PrivateKey::generate(KeyType::EcdsaP256, &mut rng).unwrap();
        let ca = CertificateAuthority::create(
            ("Short CA", &crate::pki::Subject::default()),
            key.clone(),
            Validity::starting(now(), 30),
            &mut Serials::default(),
            &mut rng,
        )
        .unwrap();
        let facts = CertFacts::of_der(ca.cert_der()).unwrap();
        let imported = import::ImportedCa {
            cert_der: ca.cert_der().to_vec(),
            facts,
            key,
            key_format: import::KeyFormat::Pkcs8,
            inventory: None,
        };
        let issue = |days: Option<&str>| -> Result<Bundle, crate::plan::PlanErrors> {
            let request = PlanRequest {
                clients: vec!["bob".into()],
                days: days.map(str::to_owned),
                purpose: Purpose::ExistingCa,
                ca_lifetime: Some(crate::plan::CaLifetime {
                    ends: imported.facts.not_after,
                    now: now(),
                }),
                ..PlanRequest::default()
            };
            let plan = Plan::from_request(&request, now().date())?;
            let key = PrivateKey::generate(plan.key_type, &mut rng.clone()).unwrap();
            let leaves = LeafKeys::from_slots(&plan, vec![key]).unwrap();
            Ok(build_issued(&plan, imported.clone(), leaves, now(), &mut rng.clone()).unwrap())
        };
        let made = issue(None).unwrap();
        assert_eq!(made.plan.days, 30);
        let (ca_end, leaf_end) = (
            made.certificates[0].info.not_after,
            made.certificates[1].info.not_after,
        );
        assert!(leaf_end <= ca_end, "{leaf_end} > {ca_end}");
        assert!(
            matches!(made.warnings[..], [Warning::DaysFitCa { days: 30, .. }]),
            "{:?}",
            made.warnings
        );
        let refused = issue(Some("365")).unwrap_err();
        assert_eq!(refused.0.len(), 1);
        assert_eq!(refused.0[0].field, crate::plan::Field::Days);
        assert_eq!(
            refused.0[0].problem,
            crate::plan::InputProblem::OutliveCa {
                expires: crate::pki::day(ca.info().not_after),
                left: 30
            }
        );
        assert!(issue(Some("30")).is_ok());
    }

    #[test]
    fn keys_that_do_not_fit_the_plan_are_refused() {
        let plan = Plan::from_request(&one_of_each(), now().date()).unwrap();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(2);
        let key =
            |t| PrivateKey::generate(t, &mut rand_chacha::ChaCha20Rng::seed_from_u64(3)).unwrap();
        assert_eq!(
            KeySet::from_slots(&plan, vec![key(KeyType::EcdsaP256)]).unwrap_err(),
            BundleError::KeyCount {
                given: 1,
                wanted: 3
            }
        );
        let mixed = vec![
            key(KeyType::EcdsaP256),
            key(KeyType::Ed25519),
            key(KeyType::EcdsaP256),
        ];
        assert!(matches!(
            KeySet::from_slots(&plan, mixed).unwrap_err(),
            BundleError::KeyTypeMismatch {
                got: KeyType::Ed25519,
                ..
            }
        ));
        assert!(KeySet::generate(&plan, &mut rng).is_ok());
    }

    #[test]
    fn a_zip_keeps_every_mode_under_one_top_folder() {
        let b = plain(&one_of_each());
        let zip = archive::to_zip(&b, "docker-tls").unwrap();
        let mut read = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        let mut entries = Vec::new();
        for i in 0..read.len() {
            let entry = read.by_index(i).unwrap();
            let mode = entry.unix_mode().map(|m| m & 0o7777);
            entries.push((entry.name().unwrap().into_owned(), mode));
        }
        for f in b.files() {
            let path = format!("docker-tls/{}", f.path);
            assert!(entries.contains(&(path.clone(), Some(f.mode()))), "{path}");
        }
        assert!(entries.contains(&("docker-tls/server/".to_owned(), Some(layout::DIR_MODE))));
        assert_eq!(
            archive::to_zip(&b, "a/b").unwrap_err(),
            BundleError::TopFolder("a/b".into())
        );
    }

    fn listed(zip: Vec<u8>) -> Vec<String> {
        let mut read = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        (0..read.len())
            .map(|i| read.by_index(i).unwrap().name().unwrap().into_owned())
            .collect()
    }

    /// A zip being written, and the order its files came in.
    struct Recorded {
        zip: archive::ZipSink<Vec<u8>>,
        order: Vec<String>,
    }

    impl FileSink for Recorded {
        fn put(&mut self, file: BundleFile) -> Result<(), BundleError> {
            self.order.push(file.path.clone());
            self.zip.put(file)
        }
    }

    #[test]
    fn a_streamed_bundle_lists_readme_and_manifest_first_and_keeps_no_bytes() {
        // Ed25519 signs the same way twice: the two bundles are one.
        let request = PlanRequest {
            key_type: Some("ed25519".into()),
            ..one_of_each()
        };
        let held = plain(&request);
        let mut sink = Recorded {
            zip: archive::ZipSink::new(Vec::new(), "docker-tls", held.created).unwrap(),
            order: Vec::new(),
        };
        let streamed = tests_support::plain_to(&request, FilesTo::Sink(&mut sink));
        // Made last, as they describe the rest; listed first all the same.
        assert_eq!(
            sink.order[sink.order.len() - 2..],
            ["README.txt", "manifest.json"]
        );
        assert_eq!(streamed.files(), held.files());
        assert_eq!(streamed.files()[0].kind, FileKind::Readme);
        assert_eq!(streamed.files()[1].kind, FileKind::Manifest);
        let paths: Vec<&str> = streamed.files().iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths[2..], sink.order[..sink.order.len() - 2]);
        // The facts, not the bytes: nothing to zip or lay out again.
        assert!(!streamed.has_contents() && held.has_contents());
        assert_eq!(streamed.with_contents().count(), 0);
        assert_eq!(streamed.contents("ca/ca.pem"), None);
        assert_eq!(
            archive::to_zip(&streamed, "docker-tls").unwrap_err(),
            BundleError::FilesNotHeld
        );
        // The zip written as the files were made lists as the page's does.
        let written = listed(sink.zip.finish().unwrap());
        let page = listed(archive::to_zip(&held, "docker-tls").unwrap().to_vec());
        assert_eq!(written, page);
        assert_eq!(
            written[..3],
            [
                "docker-tls/",
                "docker-tls/README.txt",
                "docker-tls/manifest.json"
            ]
        );
    }

    #[test]
    fn the_zip_buffer_never_grows_so_no_copy_of_a_key_is_left_behind() {
        let b = plain(&PlanRequest {
            servers: (0..40)
                .map(|i| format!("docker{i}.example.com").into())
                .collect(),
            key_type: Some("rsa-2048".into()),
            ..one_of_each()
        });
        let zip = archive::to_zip(&b, "docker-tls").unwrap();
        assert_eq!(zip.capacity(), archive::zip_room(&b, "docker-tls"));
        // Keys are stored as they are: their PEM is in the zip in the clear.
        let key = b.contents("client/alice/key.pem").unwrap();
        assert!(zip.windows(key.len()).any(|w| w == key));
    }
}
