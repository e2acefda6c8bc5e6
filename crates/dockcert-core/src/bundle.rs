//! The bundle: every file for the CA, each host and each client, made from a
//! plan, the keys, the CA key's protection, a clock reading and an RNG.

use std::fmt;

use rand_core::CryptoRng;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::ca::CertificateAuthority;
use crate::cert::{CertInfo, Serials, Validity};
use crate::docker::{self, DaemonConfig};
use crate::error::{Error, KeyError};
use crate::install;
use crate::keys::{Passphrase, PrivateKey};
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
    /// In the clear, by explicit choice (`--no-passphrase`).
    Unencrypted,
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
    /// Whether the CA key is encrypted.
    pub ca_key_encrypted: bool,
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

/// Makes the bundle: the CA, a server certificate per host, a client
/// certificate per client, the Docker settings, the scripts, README.txt and
/// manifest.json.
pub fn build<R: CryptoRng + ?Sized>(
    plan: &Plan,
    keys: KeySet,
    protection: &CaKeyProtection,
    now: OffsetDateTime,
    rng: &mut R,
) -> Result<Bundle, Error> {
    if keys.servers.len() != plan.servers.len() || keys.clients.len() != plan.clients.len() {
        return Err(Error::Keys(format!(
            "{} server and {} client keys for {} servers and {} clients",
            keys.servers.len(),
            keys.clients.len(),
            plan.servers.len(),
            plan.clients.len()
        )));
    }
    let mut serials = Serials::default();
    let ca = CertificateAuthority::create(
        &plan.ca_name,
        keys.ca,
        Validity::starting(now, plan.ca_days),
        &mut serials,
        rng,
    )?;
    let leaf_validity = Validity::starting(now, plan.days);

    let mut out = Assembler::default();
    out.cert(Folder::Ca.path_of(FileKind::CaCert), ca.info().clone());
    out.file(Folder::Ca, FileKind::CaCert, ca.cert_pem());
    let ca_key_pem = match protection {
        CaKeyProtection::Passphrase(pass) => ca.key().to_encrypted_pem(pass, rng)?,
        CaKeyProtection::Unencrypted => ca.key().to_pem()?,
    };
    out.file(Folder::Ca, FileKind::CaKey, ca_key_pem.as_str());

    for (server, key) in plan.servers.iter().zip(keys.servers) {
        let slot = KeySlot::Server(server.name.clone());
        let LeafCert {
            cert_pem,
            key,
            info,
            ..
        } = leaf::issue_server(
            &ca,
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
            folder,
            FileKind::ServerInstall,
            &install::server_script(server),
        );
    }

    for (client, key) in plan.clients.iter().zip(keys.clients) {
        let slot = KeySlot::Client(client.name.clone());
        let LeafCert {
            cert_pem,
            key,
            info,
            ..
        } = leaf::issue_client(&ca, &client.name, key, leaf_validity, &mut serials, rng)?;
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

    let mut warnings = Vec::new();
    if matches!(protection, CaKeyProtection::Unencrypted) {
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

    let mut bundle = Bundle {
        plan: plan.clone(),
        created: now.replace_nanosecond(0).unwrap_or(now),
        ca_key_encrypted: matches!(protection, CaKeyProtection::Passphrase(_)),
        files: Vec::new(),
        certificates: out.certs,
        warnings,
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
