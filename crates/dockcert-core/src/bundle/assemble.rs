//! Putting a bundle together once its CA can sign: a certificate, key and
//! settings per host, a certificate, key and settings per client, then
//! README.txt and manifest.json, which describe the rest. Each file goes
//! where [`FilesTo`] says as soon as it is made (to a [`super::FileSink`],
//! only its facts are kept).

use rand_core::CryptoRng;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::contents::{Bundle, BundleCert, BundleFile, CaSource, FilesTo, Listing};
use super::error::BundleError;
use super::keys::LeafKeys;
use super::layout::{FileKind, Folder};
use super::warnings::{self, Warning};
use super::{inventory, manifest, readme};
use crate::docker::{self, firewall, DaemonConfig};
use crate::pki::{
    CertInfo, CertificateAuthority, LeafCert, LeafSigner, PrivateKey, Serials, Validity,
};
use crate::plan::{KeySlot, Plan};

/// Everything a bundle is assembled from, besides the RNG.
pub(crate) struct Assembly<'a> {
    /// What to make.
    pub plan: &'a Plan,
    /// The CA that signs.
    pub ca: &'a CertificateAuthority,
    /// The CA key as written into the bundle (a new CA's only).
    pub(crate) ca_key_pem: Option<Zeroizing<String>>,
    /// An existing CA's inventory as it stands, to carry updated in `ca/`.
    pub(crate) inventory: Option<Vec<u8>>,
    /// Where the CA came from.
    pub source: CaSource,
    /// The leaves' keys.
    pub leaves: LeafKeys,
    /// Serials already used (the new CA's own).
    pub serials: Serials,
    /// When.
    pub now: OffsetDateTime,
    /// Warnings about the CA, beyond the plan's.
    pub notes: Vec<Warning>,
}

/// Signs every leaf and puts every file where `to` says, README.txt and
/// manifest.json last.
pub(crate) fn assemble<R: CryptoRng + ?Sized>(
    assembly: Assembly<'_>,
    to: FilesTo<'_>,
    rng: &mut R,
) -> Result<Bundle, BundleError> {
    let Assembly {
        plan,
        ca,
        ca_key_pem,
        inventory,
        source,
        leaves,
        mut serials,
        now,
        notes,
    } = assembly;
    let created = now.replace_nanosecond(0).unwrap_or(now);
    if leaves.servers.len() != plan.servers.len() || leaves.clients.len() != plan.clients.len() {
        return Err(BundleError::KeyCount {
            given: leaves.servers.len() + leaves.clients.len(),
            wanted: plan.servers.len() + plan.clients.len(),
        });
    }
    let subject = plan.subject();
    let mut signer = LeafSigner {
        ca,
        subject: &subject,
        validity: Validity::starting(now, plan.days),
        serials: &mut serials,
    };
    let mut out = Assembler {
        files: Listing::new(to),
        certs: Vec::new(),
    };
    out.cert(Folder::Ca.path_of(FileKind::CaCert), ca.info().clone());
    out.file(Folder::Ca, FileKind::CaCert, ca.cert_pem())?;
    if let Some(pem) = &ca_key_pem {
        out.file(Folder::Ca, FileKind::CaKey, pem.as_str())?;
    }

    for (server, key) in plan.servers.iter().zip(leaves.servers) {
        let slot = KeySlot::Server(server.name.clone());
        let LeafCert {
            cert_pem,
            key,
            info,
            ..
        } = signer.server(&server.name, &server.sans, key, rng)?;
        let ca_pem = ca.cert_pem();
        let data = docker::expiry_check_data(
            server,
            &[
                docker::Installed {
                    file: "ca.pem",
                    bytes: ca_pem.as_bytes(),
                    info: ca.info(),
                },
                docker::Installed {
                    file: "server-cert.pem",
                    bytes: cert_pem.as_bytes(),
                    info: &info,
                },
            ],
        );
        let folder = Folder::Server(server.name.clone());
        out.cert(folder.path_of(FileKind::ServerCert), info);
        out.file(folder.clone(), FileKind::ServerCaCert, ca.cert_pem())?;
        out.file(folder.clone(), FileKind::ServerCert, &cert_pem)?;
        out.file(
            folder.clone(),
            FileKind::ServerKey,
            key_pem(&key, slot)?.as_str(),
        )?;
        out.file(
            folder.clone(),
            FileKind::DaemonJson,
            &DaemonConfig::for_server(server).to_json()?,
        )?;
        out.file(
            folder.clone(),
            FileKind::SystemdDropIn,
            docker::systemd_drop_in(server),
        )?;
        out.file(
            folder.clone(),
            FileKind::DockerdFlags,
            docker::dockerd_flags_file(server),
        )?;
        out.file(
            folder.clone(),
            FileKind::DefaultDocker,
            docker::default_docker_file(server),
        )?;
        out.file(
            folder.clone(),
            FileKind::SysconfigDocker,
            docker::sysconfig_docker_file(server),
        )?;
        out.file(
            folder.clone(),
            FileKind::ServerInstall,
            docker::server_script(server, plan.renews.as_ref(), plan.lang),
        )?;
        out.file(
            folder.clone(),
            FileKind::ExpiryCheck,
            docker::expiry_check_script(server, plan.lang),
        )?;
        out.file(folder.clone(), FileKind::ExpiryData, data)?;
        if let (Some(nft), Some(fwd)) = (
            firewall::nftables(server, plan.lang),
            firewall::firewalld(server, plan.lang),
        ) {
            out.file(folder.clone(), FileKind::Nftables, &nft)?;
            out.file(folder, FileKind::Firewalld, &fwd)?;
        }
    }

    for (client, key) in plan.clients.iter().zip(leaves.clients) {
        let slot = KeySlot::Client(client.name.clone());
        let LeafCert {
            cert_pem,
            key,
            info,
            ..
        } = signer.client(&client.name, key, rng)?;
        let folder = Folder::Client(client.name.clone());
        out.cert(folder.path_of(FileKind::ClientCert), info);
        out.file(folder.clone(), FileKind::ClientCaCert, ca.cert_pem())?;
        out.file(folder.clone(), FileKind::ClientCert, &cert_pem)?;
        let key_pem = key_pem(&key, slot)?;
        out.file(folder.clone(), FileKind::ClientKey, key_pem.as_str())?;
        let tls = docker::ContextTls {
            ca_pem: ca.cert_pem(),
            cert_pem: &cert_pem,
            key_pem: &key_pem,
        };
        for server in &plan.servers {
            let tar = docker::context_file(client, server, &tls, now, plan.lang)?;
            out.put(BundleFile::named(
                folder.clone(),
                FileKind::ContextImport,
                &docker::context_file_name(server),
                &tar,
            ))?;
        }
        out.file(
            folder.clone(),
            FileKind::DockerEnv,
            docker::docker_env(client, &plan.servers, plan.lang),
        )?;
        out.file(
            folder.clone(),
            FileKind::DockerContext,
            docker::docker_context_script(client, &plan.servers, plan.lang),
        )?;
        out.file(
            folder,
            FileKind::ClientInstall,
            docker::client_script(client, &plan.servers, plan.renews.as_ref(), plan.lang),
        )?;
    }

    // A new CA's inventory starts beside its key with every certificate
    // the bundle made; an existing CA's is kept where its key is (the
    // CLI appends to it), or carried updated when it was handed in (the page).
    let lines = || inventory::lines(&out.certs, source, plan.bundle_name.as_deref(), created);
    let updated = match (source, inventory) {
        (CaSource::New { .. }, _) => Some(lines().into_bytes()),
        (CaSource::Existing, Some(before)) => Some(inventory::appended(before, &lines())),
        (CaSource::Existing, None) => None,
    };
    if let Some(bytes) = updated {
        out.put(BundleFile::new(Folder::Ca, FileKind::Inventory, &bytes))?;
    }

    if plan.ansible {
        out.file(
            Folder::Top,
            FileKind::AnsibleInventory,
            docker::ansible_inventory(&plan.servers, plan.renews.as_ref(), plan.lang),
        )?;
        out.file(
            Folder::Top,
            FileKind::AnsiblePlaybook,
            docker::ansible_playbook(plan.renews.is_some(), plan.lang),
        )?;
    }

    out.file(
        Folder::Top,
        FileKind::PrometheusRules,
        docker::prometheus_rules(plan.lang),
    )?;

    let unencrypted = source == (CaSource::New { encrypted: false });
    let warnings: Vec<Warning> = warnings::for_plan(plan, unencrypted)
        .into_iter()
        .chain(notes)
        .collect();
    let Assembler { mut files, certs } = out;
    let bundle = Bundle::unlisted(plan.clone(), created, source, certs, warnings);
    let readme = readme::render(&bundle, files.rest());
    describe(&bundle, readme, &mut files)?;
    Ok(bundle.listed(files))
}

/// Lists README.txt (`readme`) and then manifest.json for `bundle`, whose
/// other files are listed in `files`.
pub(crate) fn describe(
    bundle: &Bundle,
    readme: String,
    files: &mut Listing<'_>,
) -> Result<(), BundleError> {
    files.describe(readme, |readme, rest| {
        manifest::render(bundle, readme, rest)
    })
}

fn key_pem(key: &PrivateKey, slot: KeySlot) -> Result<Zeroizing<String>, BundleError> {
    key.to_pem()
        .map_err(|error| BundleError::KeyEncoding { slot, error })
}

struct Assembler<'s> {
    files: Listing<'s>,
    certs: Vec<BundleCert>,
}

impl Assembler<'_> {
    /// The file of `kind` in `folder`, holding `text` (a `String` made for
    /// it is taken, not copied).
    fn file(
        &mut self,
        folder: Folder,
        kind: FileKind,
        text: impl Into<String>,
    ) -> Result<(), BundleError> {
        self.put(BundleFile::text(folder, kind, text.into()))
    }

    fn put(&mut self, file: BundleFile) -> Result<(), BundleError> {
        self.files.put(file)
    }

    fn cert(&mut self, path: String, info: CertInfo) {
        self.certs.push(BundleCert { path, info });
    }
}
