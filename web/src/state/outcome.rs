//! What a generation made, ready to show: the file tree with modes, the
//! certificates, the next steps per host and per client.

use std::collections::BTreeSet;

use dockcert_core::bundle::layout::{self, FileKind, Folder};
use dockcert_core::bundle::{Bundle, CaSource, Layout, Note, Warning};
use dockcert_core::docker;
use dockcert_core::import::renew::RenewalNote;
use dockcert_core::pki::CertInfo;

/// A zip's file name and its one top folder, named after it as the CLI
/// names it for `--out NAME.zip`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZipName {
    /// The downloaded file's name.
    pub file: &'static str,
    /// Its top folder.
    pub top: &'static str,
}

/// A new CA's bundle.
pub const NEW_ZIP: ZipName = ZipName {
    file: "docker-tls.zip",
    top: "docker-tls",
};
/// Certificates issued by an existing CA.
pub const ISSUED_ZIP: ZipName = ZipName {
    file: "docker-tls-issued.zip",
    top: "docker-tls-issued",
};
/// A renewed certificate.
pub const RENEWED_ZIP: ZipName = ZipName {
    file: "docker-tls-renewed.zip",
    top: "docker-tls-renewed",
};

/// A CA rotation (`dockcert rotate --out docker-tls-rotated.zip`).
pub const ROTATED_ZIP: ZipName = ZipName {
    file: "docker-tls-rotated.zip",
    top: "docker-tls-rotated",
};

/// One row of the bundle's file tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeRow {
    /// Nesting depth (0 is the top folder).
    pub depth: usize,
    /// The file or folder name, folders ending in `/`.
    pub name: String,
    /// The full path inside the zip.
    pub path: String,
    /// The file's mode, as "0400" (folders: None).
    pub mode: Option<String>,
    /// What the file is (folders: None).
    pub kind: Option<FileKind>,
}

/// The commands for one host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostSteps {
    /// The host's name.
    pub name: String,
    /// Its folder inside the zip.
    pub folder: String,
    /// What to run there.
    pub commands: Vec<String>,
    /// What to know with them: the restart and live-restore, the port.
    pub notes: Vec<Note>,
    /// Its daemon.json, as in the zip.
    pub daemon_json: String,
}

/// The commands for one client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSteps {
    /// The client's name.
    pub name: String,
    /// Its folder inside the zip.
    pub folder: String,
    /// What to run on its machine.
    pub commands: Vec<String>,
    /// `docker context create` per host.
    pub contexts: Vec<String>,
    /// The docker.env command.
    pub env_command: String,
    /// What to know with them: what a failed check means.
    pub notes: Vec<Note>,
}

/// What to do with a dind bundle (`--layout dind`): no host or client
/// folders, but a compose file beside certs/.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DindSteps {
    /// The folder holding compose.yaml, inside the zip.
    pub folder: String,
    /// What to run there.
    pub command: String,
}

/// What a generation made, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The zip's file name.
    pub zip_name: String,
    /// Its size in bytes.
    pub zip_size: usize,
    /// The blob URL the download link points at.
    pub download_url: String,
    /// Milliseconds from click to download.
    pub elapsed_ms: f64,
    /// The file tree, folders before their files.
    pub tree: Vec<TreeRow>,
    /// Every certificate, the CA first.
    pub certs: Vec<CertInfo>,
    /// The CA fingerprint.
    pub ca_fingerprint: String,
    /// Whether the CA key is in the zip (only for a new CA).
    pub ca_key_included: bool,
    /// Per host.
    pub hosts: Vec<HostSteps>,
    /// Per client.
    pub clients: Vec<ClientSteps>,
    /// From an existing CA: what the clients it already has run to reach
    /// the new hosts, with the files they have.
    pub existing_clients: Vec<Note>,
    /// For the dind layout, instead of the hosts' and clients' steps.
    pub dind: Option<DindSteps>,
    /// The bundle's warnings.
    pub warnings: Vec<Warning>,
    /// What changed on the way (a renewal's fixes).
    pub notes: Vec<RenewalNote>,
    /// A CA rotation: the names dropped (its steps are the three phases,
    /// not the hosts' and clients' installs).
    pub dropped: Option<Vec<String>>,
}

impl Outcome {
    /// Describes `bundle`, downloaded as `zip` (`zip_size` bytes) from `download_url`.
    pub fn from_bundle(
        bundle: &Bundle,
        zip: ZipName,
        zip_size: usize,
        download_url: String,
        elapsed_ms: f64,
    ) -> Self {
        let top = zip.top;
        let mut tree = vec![TreeRow {
            depth: 0,
            name: format!("{top}/"),
            path: format!("{top}/"),
            mode: Some(layout::mode_text(layout::DIR_MODE)),
            kind: None,
        }];
        let mut folders_shown: BTreeSet<String> = BTreeSet::new();
        for file in bundle.files() {
            let parts: Vec<&str> = file.path.split('/').collect();
            let mut prefix = String::new();
            for (depth, part) in parts.iter().enumerate() {
                let last = depth + 1 == parts.len();
                if last {
                    tree.push(TreeRow {
                        depth: depth + 1,
                        name: (*part).to_owned(),
                        path: format!("{top}/{}", file.path),
                        mode: Some(layout::mode_text(file.mode())),
                        kind: Some(file.kind),
                    });
                } else {
                    prefix.push_str(part);
                    prefix.push('/');
                    if folders_shown.insert(prefix.clone()) {
                        tree.push(TreeRow {
                            depth: depth + 1,
                            name: format!("{part}/"),
                            path: format!("{top}/{prefix}"),
                            mode: Some(layout::mode_text(layout::DIR_MODE)),
                            kind: None,
                        });
                    }
                }
            }
        }

        let dind = (bundle.layout() == Layout::Dind).then(|| DindSteps {
            folder: format!("{top}/"),
            command: "docker compose up".to_owned(),
        });
        // None for the dind tree, which has no host or client folders to copy.
        let steps = bundle.next_steps();
        let hosts = steps
            .servers
            .into_iter()
            .map(|s| HostSteps {
                folder: format!("{top}/{}", s.folder),
                daemon_json: bundle
                    .contents(&Folder::Server(s.name.clone()).path_of(FileKind::DaemonJson))
                    .map(|json| String::from_utf8_lossy(json).into_owned())
                    .unwrap_or_default(),
                name: s.name,
                commands: s.commands,
                notes: s.notes,
            })
            .collect();
        let existing_clients = steps.existing_clients;
        let clients = bundle
            .plan
            .clients
            .iter()
            .zip(steps.clients)
            .map(|(client, s)| ClientSteps {
                folder: format!("{top}/{}", s.folder),
                contexts: bundle
                    .plan
                    .servers
                    .iter()
                    .map(|s| {
                        docker::context_create_command(
                            client,
                            s,
                            &docker::client_cert_dir(client),
                            bundle.plan.lang,
                        )
                    })
                    .collect(),
                env_command: ". ./docker.env && docker version".to_owned(),
                name: s.name,
                commands: s.commands,
                notes: s.notes,
            })
            .collect();
        Outcome {
            zip_name: zip.file.to_owned(),
            zip_size,
            download_url,
            elapsed_ms,
            tree,
            certs: bundle.certificates.iter().map(|c| c.info.clone()).collect(),
            ca_fingerprint: bundle
                .ca()
                .map(|c| c.fingerprint_sha256.clone())
                .unwrap_or_default(),
            ca_key_included: matches!(bundle.ca_source, CaSource::New { .. }),
            hosts,
            clients,
            existing_clients,
            dind,
            warnings: bundle.warnings.clone(),
            notes: Vec::new(),
            dropped: None,
        }
    }

    /// This outcome as a CA rotation's, `dropped` left out of the new CA:
    /// each host and client runs the three phases, not a new bundle's install.
    pub fn for_rotation(mut self, dropped: &[String]) -> Self {
        self.hosts.clear();
        self.clients.clear();
        self.existing_clients.clear();
        self.dropped = Some(dropped.to_vec());
        self
    }
}
