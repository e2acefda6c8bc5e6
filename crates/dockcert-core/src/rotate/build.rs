//! The rotation bundle: a new CA, and for each host and client kept a new
//! key and certificate under it, laid out as three phases (docs/ARCHITECTURE.md):
//!
//! ```text
//! ca/ca.pem  ca/ca-key.pem  ca/previous-ca.pem  ca/inventory.jsonl
//! server/NAME/ca-both.pem ca.pem server-cert.pem server-key.pem install.sh
//!             certificates-phase1.tsv certificates-phase2.tsv certificates-phase3.tsv
//! client/NAME/ca-both.pem ca.pem cert.pem key.pem install.sh
//! README.txt  manifest.json
//! ```
//!
//! Each file goes where [`FilesTo`] says as soon as it is made, as a new
//! bundle's do; README.txt and manifest.json are made last, listed first.

use rand_core::CryptoRng;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::check_rows::{phase_rows, RotationCas};
use super::current::{Current, Member};
use super::readme;
use crate::bundle::assemble::describe;
use crate::bundle::inventory;
use crate::bundle::layout::{FileKind, Folder};
use crate::bundle::warnings::for_plan;
use crate::bundle::{
    Bundle, BundleCert, BundleError, BundleFile, CaKeyProtection, CaSource, FilesTo, KeySet,
    Listing,
};
use crate::docker::{
    client_rotate_script, rotation_inventory, rotation_playbook, server_rotate_script, PhaseHashes,
};
use crate::import::ImportedCa;
use crate::pki::{
    CertInfo, CertificateAuthority, LeafCert, LeafSigner, PkiError, PrivateKey, Serials, Validity,
};
use crate::plan::{KeySlot, Plan};

/// Makes the rotation bundle of `plan` (made by [`Current::request`] from
/// `current`, so its hosts and clients are `current`'s, in order) with a new
/// CA of `keys.ca`, replacing the CA `previous`, each file put where `to` says.
pub fn build_into<R: CryptoRng + ?Sized>(
    plan: &Plan,
    (current, previous): (&Current, &ImportedCa),
    keys: KeySet,
    protection: &CaKeyProtection,
    now: OffsetDateTime,
    rng: &mut R,
    to: FilesTo<'_>,
) -> Result<Bundle, BundleError> {
    if keys.servers.len() != plan.servers.len()
        || keys.clients.len() != plan.clients.len()
        || plan.servers.len() != current.hosts().len()
        || plan.clients.len() != current.clients().len()
    {
        return Err(BundleError::KeyCount {
            given: keys.servers.len() + keys.clients.len(),
            wanted: current.hosts().len() + current.clients().len(),
        });
    }
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
    let previous_pem = pkcs8::der::pem::encode_string(
        "CERTIFICATE",
        pkcs8::der::pem::LineEnding::LF,
        &previous.cert_der,
    )
    .map_err(|e| BundleError::Pki(PkiError::Encode(e.to_string())))?;
    let new_pem = ca.cert_pem();
    let both = format!("{previous_pem}{new_pem}");
    let ca_both = sha256(both.as_bytes());
    let ca_new = sha256(new_pem.as_bytes());

    let subject = plan.subject();
    let mut signer = LeafSigner {
        ca: &ca,
        subject: &subject,
        validity: Validity::starting(now, plan.days),
        serials: &mut serials,
    };
    let mut files = Listing::new(to);
    let mut certs = vec![BundleCert {
        path: Folder::Ca.path_of(FileKind::CaCert),
        info: ca.info().clone(),
    }];
    let put = |files: &mut Listing<'_>, folder: &Folder, kind, text: &str| {
        files.put(BundleFile::new(folder.clone(), kind, text.as_bytes()))
    };
    put(&mut files, &Folder::Ca, FileKind::CaCert, new_pem)?;
    put(&mut files, &Folder::Ca, FileKind::CaKey, &ca_key_pem)?;
    put(
        &mut files,
        &Folder::Ca,
        FileKind::PreviousCaCert,
        &previous_pem,
    )?;

    let old_info =
        CertInfo::of_existing_ca(&previous.cert_der, &previous.facts, previous.key.key_type());
    let cas = RotationCas {
        both: &both,
        new_pem,
        old: &old_info,
        new: ca.info(),
    };
    let mut host_hashes = Vec::new();
    for ((server, key), old) in plan.servers.iter().zip(keys.servers).zip(current.hosts()) {
        let leaf = signer.server(&server.name, &server.sans, key, rng)?;
        let rows = phase_rows(server, &cas, (&leaf.cert_pem, &leaf.info));
        let key_pem = key_pem(&leaf, KeySlot::Server(server.name.clone()))?;
        let hashes = hashes(old, ca_both, ca_new, &leaf, &key_pem);
        let folder = Folder::Server(server.name.clone());
        put(&mut files, &folder, FileKind::ServerCaBoth, &both)?;
        put(&mut files, &folder, FileKind::ServerCaCert, new_pem)?;
        put(&mut files, &folder, FileKind::ServerCert, &leaf.cert_pem)?;
        put(&mut files, &folder, FileKind::ServerKey, &key_pem)?;
        let script = server_rotate_script(server, &hashes, plan.lang);
        put(&mut files, &folder, FileKind::ServerRotate, &script)?;
        for (kind, rows) in PHASE_DATA.into_iter().zip(&rows) {
            put(&mut files, &folder, kind, rows)?;
        }
        if plan.ansible {
            host_hashes.push(hashes);
        }
        certs.push(BundleCert {
            path: folder.path_of(FileKind::ServerCert),
            info: leaf.info,
        });
    }
    for ((client, key), old) in plan.clients.iter().zip(keys.clients).zip(current.clients()) {
        let leaf = signer.client(&client.name, key, rng)?;
        let key_pem = key_pem(&leaf, KeySlot::Client(client.name.clone()))?;
        let hashes = hashes(old, ca_both, ca_new, &leaf, &key_pem);
        let folder = Folder::Client(client.name.clone());
        put(&mut files, &folder, FileKind::ClientCaBoth, &both)?;
        put(&mut files, &folder, FileKind::ClientCaCert, new_pem)?;
        put(&mut files, &folder, FileKind::ClientCert, &leaf.cert_pem)?;
        put(&mut files, &folder, FileKind::ClientKey, &key_pem)?;
        let script = client_rotate_script(client, &plan.servers, &hashes, plan.lang);
        put(&mut files, &folder, FileKind::ClientRotate, &script)?;
        certs.push(BundleCert {
            path: folder.path_of(FileKind::ClientCert),
            info: leaf.info,
        });
    }

    // The new CA's inventory starts beside its key, as `new`'s does.
    let created = now.replace_nanosecond(0).unwrap_or(now);
    let encrypted = !matches!(protection, CaKeyProtection::Unencrypted);
    let source = CaSource::New { encrypted };
    let lines = inventory::lines(&certs, source, plan.bundle_name.as_deref(), created);
    put(&mut files, &Folder::Ca, FileKind::Inventory, &lines)?;

    if plan.ansible {
        put_ansible(plan, &host_hashes, &mut files)?;
    }

    let about = Bundle::unlisted(
        plan.clone(),
        created,
        source,
        certs,
        for_plan(plan, !encrypted),
    );
    let text = readme::render(&about, files.rest(), &previous.facts, current.dropped());
    describe(&about, text, &mut files)?;
    Ok(about.listed(files))
}

/// `--ansible`: ansible/inventory.yml (each host with its files' hashes,
/// the first client kept as the one the TLS check presents) and
/// ansible/rotate.yml.
fn put_ansible(
    plan: &Plan,
    hashes: &[PhaseHashes],
    files: &mut Listing<'_>,
) -> Result<(), BundleError> {
    let hosts: Vec<_> = plan.servers.iter().zip(hashes).collect();
    let check = plan.clients.first().map(|c| c.name.as_str());
    let inventory = rotation_inventory(&hosts, check, plan.lang);
    files.put(BundleFile::new(
        Folder::Top,
        FileKind::AnsibleInventory,
        inventory.as_bytes(),
    ))?;
    let playbook = rotation_playbook(plan.lang);
    files.put(BundleFile::new(
        Folder::Top,
        FileKind::AnsibleRotate,
        playbook.as_bytes(),
    ))
}

/// The host's files of the expiry check's rows, phase by phase.
const PHASE_DATA: [FileKind; 3] = [
    FileKind::ExpiryDataPhase1,
    FileKind::ExpiryDataPhase2,
    FileKind::ExpiryDataPhase3,
];

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn key_pem(leaf: &LeafCert, slot: KeySlot) -> Result<Zeroizing<String>, BundleError> {
    let key: &PrivateKey = &leaf.key;
    key.to_pem()
        .map_err(|error| BundleError::KeyEncoding { slot, error })
}

/// What `old`'s files were and what each phase makes them.
fn hashes(
    old: &Member,
    ca_both: [u8; 32],
    ca_new: [u8; 32],
    leaf: &LeafCert,
    key_pem: &str,
) -> PhaseHashes {
    PhaseHashes {
        ca_old: old.ca,
        ca_both,
        ca_new,
        cert_old: Some(old.cert),
        cert_new: sha256(leaf.cert_pem.as_bytes()),
        key_old: old.key,
        key_new: sha256(key_pem.as_bytes()),
    }
}
