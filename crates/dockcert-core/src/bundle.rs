//! The bundle: every file for the CA, each host and each client, made from a
//! plan, the keys, the CA key's protection, a clock reading and an RNG.

use std::fmt;

use rand_core::CryptoRng;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::ca::CertificateAuthority;
use crate::cert::{self, CertInfo, Serials, Validity};
use crate::docker::{self, DaemonConfig};
use crate::error::{Error, KeyError};
use crate::firewall;
use crate::import::ImportedCa;
use crate::install;
use crate::keys::{DerivedKey, Passphrase, PrivateKey};
use crate::layout::{FileKind, Folder};
use crate::leaf::{self, LeafCert};
use crate::manifest;
use crate::plan::{KeySlot, Plan};
use crate::readme;

/// How the CA key is written.
#[derive(Clone, Debug)]
pub enum CaKeyProtection {
    /// Encrypted with this passphrase (the default, and the advice).
    Passphrase(Passphrase),
    /// Encrypted with a key already derived from the passphrase (the page
    /// derives it with WebCrypto's native PBKDF2).
    Derived(DerivedKey),
    /// In the clear, by explicit choice (`--no-passphrase`).
    Unencrypted,
}

/// Where a bundle's CA came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaSource {
    /// Made with the bundle; its key is `ca/ca-key.pem`.
    New {
        /// Whether that key is encrypted.
        encrypted: bool,
    },
    /// An existing CA (`dockcert issue`, `renew`); its key is not in the bundle.
    Existing,
}

/// The server and client keys, in plan order.
#[derive(Clone, Debug)]
pub struct LeafKeys {
    /// One key per server.
    pub servers: Vec<PrivateKey>,
    /// One key per client.
    pub clients: Vec<PrivateKey>,
}

impl LeafKeys {
    /// Assembles keys made slot by slot, in [`Plan::leaf_key_slots`] order.
    pub fn from_slots(plan: &Plan, keys: Vec<PrivateKey>) -> Result<Self, String> {
        if keys.len() != plan.servers.len() + plan.clients.len() {
            return Err(format!(
                "{} keys for {} hosts and {} clients",
                keys.len(),
                plan.servers.len(),
                plan.clients.len()
            ));
        }
        let mut keys = keys.into_iter();
        let servers = keys.by_ref().take(plan.servers.len()).collect();
        Ok(LeafKeys {
            servers,
            clients: keys.collect(),
        })
    }
}

/// The keys for a plan, in [`Plan::key_slots`] order.
#[derive(Clone, Debug)]
pub struct KeySet {
    /// The CA's key.
    pub ca: PrivateKey,
    /// One key per server, in plan order.
    pub servers: Vec<PrivateKey>,
    /// One key per client, in plan order.
    pub clients: Vec<PrivateKey>,
}

impl KeySet {
    /// Makes every key one after another. Callers with threads or WebCrypto
    /// make them in parallel instead, slot by slot, and use [`KeySet::from_slots`].
    pub fn generate<R: CryptoRng + ?Sized>(plan: &Plan, rng: &mut R) -> Result<Self, KeyError> {
        let keys = plan
            .key_slots()
            .iter()
            .map(|_| PrivateKey::generate(plan.key_type, rng))
            .collect::<Result<Vec<_>, _>>()?;
        KeySet::from_slots(plan, keys).map_err(KeyError::Generate)
    }

    /// Assembles keys made slot by slot, in [`Plan::key_slots`] order.
    pub fn from_slots(plan: &Plan, keys: Vec<PrivateKey>) -> Result<Self, String> {
        let slots = plan.key_slots();
        if keys.len() != slots.len() {
            return Err(format!("{} keys for {} slots", keys.len(), slots.len()));
        }
        if let Some((slot, key)) = slots
            .iter()
            .zip(&keys)
            .find(|(_, k)| k.key_type() != plan.key_type)
        {
            return Err(format!(
                "the {slot} is {}, the plan says {}",
                key.key_type(),
                plan.key_type
            ));
        }
        let mut keys = keys.into_iter();
        let ca = keys.next().ok_or("no CA key")?;
        let servers = keys.by_ref().take(plan.servers.len()).collect();
        let clients = keys.collect();
        Ok(KeySet {
            ca,
            servers,
            clients,
        })
    }
}

/// One file of the bundle.
#[derive(Clone)]
pub struct BundleFile {
    /// Path relative to the top of the bundle, with `/` separators.
    pub path: String,
    /// What it is; its mode and purpose come from [`FileKind::spec`].
    pub kind: FileKind,
    /// Its contents, wiped from memory on drop (some are keys).
    pub contents: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for BundleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BundleFile")
            .field("path", &self.path)
            .field("kind", &self.kind)
            .field("len", &self.contents.len())
            .finish()
    }
}

impl BundleFile {
    /// The file's Unix mode.
    pub fn mode(&self) -> u32 {
        self.kind.spec().mode
    }
}

/// A certificate in the bundle and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleCert {
    /// The bundle path of its PEM.
    pub path: String,
    /// Facts about it.
    pub info: CertInfo,
}

/// A finished bundle.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The plan it was made from.
    pub plan: Plan,
    /// When it was made.
    pub created: OffsetDateTime,
    /// Where the CA came from, and whether its key is in the bundle.
    pub ca_source: CaSource,
    /// Every file, README.txt and manifest.json first.
    pub files: Vec<BundleFile>,
    /// The CA certificate, then each server's, then each client's.
    pub certificates: Vec<BundleCert>,
    /// Things the user must know (an unencrypted CA key, for one).
    pub warnings: Vec<String>,
}

impl Bundle {
    /// The CA certificate's facts.
    pub fn ca(&self) -> Option<&CertInfo> {
        self.certificates.first().map(|c| &c.info)
    }

    /// The file at `path`, if any.
    pub fn file(&self, path: &str) -> Option<&BundleFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// Makes the bundle: a new CA, a server certificate per host, a client
/// certificate per client, the Docker settings, the scripts, README.txt and
/// manifest.json.
pub fn build<R: CryptoRng + ?Sized>(
    plan: &Plan,
    keys: KeySet,
    protection: &CaKeyProtection,
    now: OffsetDateTime,
    rng: &mut R,
) -> Result<Bundle, Error> {
    let mut serials = Serials::default();
    let ca = CertificateAuthority::create(
        &plan.ca_name,
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
    let source = CaSource::New {
        encrypted: !matches!(protection, CaKeyProtection::Unencrypted),
    };
    let leaves = LeafKeys {
        servers: keys.servers,
        clients: keys.clients,
    };
    assemble(
        plan,
        &ca,
        Some(ca_key_pem),
        source,
        leaves,
        serials,
        now,
        rng,
        Vec::new(),
    )
}

/// Makes server and client certificates signed by an existing CA, in the
/// same layout, with the CA certificate but never its key.
pub fn build_issued<R: CryptoRng + ?Sized>(
    plan: &Plan,
    ca: ImportedCa,
    leaves: LeafKeys,
    now: OffsetDateTime,
    rng: &mut R,
) -> Result<Bundle, Error> {
    let lacks_key_usage = ca.facts.lacks_key_usage;
    let ca = CertificateAuthority::from_imported(ca)?;
    let leaf_end = Validity::starting(now, plan.days).not_after;
    let ca_end = ca.info().not_after;
    if leaf_end > ca_end {
        let left = (ca_end - now).whole_days().max(0);
        return Err(Error::Plan(crate::PlanErrors(vec![crate::FieldError {
            field: crate::Field::Days,
            value: Some(plan.days.to_string()),
            problem: format!(
                "the certificates would outlive the CA, which expires {}; use at most {left}",
                cert::day(ca_end)
            ),
        }])));
    }
    let mut notes = Vec::new();
    if lacks_key_usage {
        notes.push(format!(
            "the CA \"{}\" has no keyUsage extension (the classic openssl recipe's CA): docker accepts its certificates, but OpenSSL's -x509_strict checks and RFC 5280 linters refuse the chain. `dockcert new` makes a CA with keyUsage.",
            ca.info().name
        ));
    }
    assemble(
        plan,
        &ca,
        None,
        CaSource::Existing,
        leaves,
        Serials::default(),
        now,
        rng,
        notes,
    )
}

#[allow(clippy::too_many_arguments)]
fn assemble<R: CryptoRng + ?Sized>(
    plan: &Plan,
    ca: &CertificateAuthority,
    ca_key_pem: Option<Zeroizing<String>>,
    source: CaSource,
    leaves: LeafKeys,
    mut serials: Serials,
    now: OffsetDateTime,
    rng: &mut R,
    notes: Vec<String>,
) -> Result<Bundle, Error> {
    if leaves.servers.len() != plan.servers.len() || leaves.clients.len() != plan.clients.len() {
        return Err(Error::Keys(format!(
            "{} server and {} client keys for {} servers and {} clients",
            leaves.servers.len(),
            leaves.clients.len(),
            plan.servers.len(),
            plan.clients.len()
        )));
    }
    let leaf_validity = Validity::starting(now, plan.days);
    let mut out = Assembler::default();
    out.cert(Folder::Ca.path_of(FileKind::CaCert), ca.info().clone());
    out.file(Folder::Ca, FileKind::CaCert, ca.cert_pem());
    if let Some(pem) = &ca_key_pem {
        out.file(Folder::Ca, FileKind::CaKey, pem.as_str());
    }

    for (server, key) in plan.servers.iter().zip(leaves.servers) {
        let slot = KeySlot::Server(server.name.clone());
        let LeafCert {
            cert_pem,
            key,
            info,
            ..
        } = leaf::issue_server(
            ca,
            &server.name,
            &server.sans,
            key,
            leaf_validity,
            &mut serials,
            rng,
        )?;
        let folder = Folder::Server(server.name.clone());
        out.cert(folder.path_of(FileKind::ServerCert), info);
        out.file(folder.clone(), FileKind::ServerCaCert, ca.cert_pem());
        out.file(folder.clone(), FileKind::ServerCert, &cert_pem);
        out.file(
            folder.clone(),
            FileKind::ServerKey,
            key_pem(&key, &slot)?.as_str(),
        );
        out.file(
            folder.clone(),
            FileKind::DaemonJson,
            &DaemonConfig::for_server(server).to_json(),
        );
        out.file(
            folder.clone(),
            FileKind::SystemdDropIn,
            &docker::systemd_drop_in(server),
        );
        out.file(
            folder.clone(),
            FileKind::DockerdFlags,
            &docker::dockerd_flags_file(server),
        );
        out.file(
            folder.clone(),
            FileKind::ServerInstall,
            &install::server_script(server),
        );
        if let (Some(nft), Some(fwd)) = (firewall::nftables(server), firewall::firewalld(server)) {
            out.file(folder.clone(), FileKind::Nftables, &nft);
            out.file(folder, FileKind::Firewalld, &fwd);
        }
    }

    for (client, key) in plan.clients.iter().zip(leaves.clients) {
        let slot = KeySlot::Client(client.name.clone());
        let LeafCert {
            cert_pem,
            key,
            info,
            ..
        } = leaf::issue_client(ca, &client.name, key, leaf_validity, &mut serials, rng)?;
        let folder = Folder::Client(client.name.clone());
        out.cert(folder.path_of(FileKind::ClientCert), info);
        out.file(folder.clone(), FileKind::ClientCaCert, ca.cert_pem());
        out.file(folder.clone(), FileKind::ClientCert, &cert_pem);
        out.file(
            folder.clone(),
            FileKind::ClientKey,
            key_pem(&key, &slot)?.as_str(),
        );
        out.file(
            folder.clone(),
            FileKind::DockerEnv,
            &docker::docker_env(client, &plan.servers),
        );
        out.file(
            folder.clone(),
            FileKind::DockerContext,
            &docker::docker_context_script(client, &plan.servers),
        );
        out.file(
            folder,
            FileKind::ClientInstall,
            &install::client_script(client, &plan.servers),
        );
    }

    let mut bundle = Bundle {
        plan: plan.clone(),
        created: now.replace_nanosecond(0).unwrap_or(now),
        ca_source: source,
        files: Vec::new(),
        certificates: out.certs,
        warnings: warnings(plan, source).into_iter().chain(notes).collect(),
    };
    // README.txt lists every file and manifest.json hashes every file but itself,
    // so they are made last and put first.
    let readme = readme::render(&bundle, &out.files);
    let mut files = Vec::with_capacity(out.files.len() + 2);
    files.push(BundleFile {
        path: Folder::Top.path_of(FileKind::Readme),
        kind: FileKind::Readme,
        contents: Zeroizing::new(readme.into_bytes()),
    });
    files.extend(out.files);
    let manifest = manifest::render(&bundle, &files)?;
    files.insert(
        1,
        BundleFile {
            path: Folder::Top.path_of(FileKind::Manifest),
            kind: FileKind::Manifest,
            contents: Zeroizing::new(manifest.into_bytes()),
        },
    );
    bundle.files = files;
    Ok(bundle)
}

/// What the user must know about this plan.
fn warnings(plan: &Plan, source: CaSource) -> Vec<String> {
    let mut warnings = Vec::new();
    if source == (CaSource::New { encrypted: false }) {
        warnings.push(format!(
            "the CA key {} is not encrypted: anyone who reads it can make certificates your Docker hosts trust. Keep it offline.",
            Folder::Ca.path_of(FileKind::CaKey)
        ));
    }
    for server in &plan.servers {
        for san in &server.sans {
            if let crate::names::San::Dns(name) = san {
                let kind = if san.is_wildcard() {
                    "a wildcard"
                } else if !name.contains('.') {
                    "a single-label name"
                } else {
                    continue;
                };
                warnings.push(format!(
                    "\"{name}\" (host {}) is {kind}: docker and OpenSSL accept it, but strict RFC 5280 linters such as pkilint report it.",
                    server.name
                ));
            }
        }
        if server.listen.port == 2375 {
            warnings.push(format!(
                "{} listens on port 2375, which tools assume is plain HTTP; 2376 is Docker's TLS port.",
                server.name
            ));
        }
    }
    warnings
}

fn key_pem(key: &PrivateKey, slot: &KeySlot) -> Result<Zeroizing<String>, Error> {
    key.to_pem()
        .map_err(|e| Error::Keys(format!("{slot}: {e}")))
}

#[derive(Default)]
struct Assembler {
    files: Vec<BundleFile>,
    certs: Vec<BundleCert>,
}

impl Assembler {
    fn file(&mut self, folder: Folder, kind: FileKind, text: &str) {
        self.files.push(BundleFile {
            path: folder.path_of(kind),
            kind,
            contents: Zeroizing::new(text.as_bytes().to_vec()),
        });
    }

    fn cert(&mut self, path: String, info: CertInfo) {
        self.certs.push(BundleCert { path, info });
    }
}
