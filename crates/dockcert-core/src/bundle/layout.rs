//! The bundle's layout: every kind of file, its name, its Unix mode and what
//! it is for. This is the one table both writers read (the zip writer here and
//! the CLI's directory writer), so a mode is stated once.

use serde::Serialize;

use crate::lang::Lang;

/// Every kind of file a bundle holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// README.txt at the top.
    Readme,
    /// manifest.json at the top.
    Manifest,
    /// ca/ca.pem
    CaCert,
    /// ca/ca-key.pem
    CaKey,
    /// ca/inventory.jsonl
    Inventory,
    /// server/NAME/ca.pem
    ServerCaCert,
    /// server/NAME/server-cert.pem
    ServerCert,
    /// server/NAME/server-key.pem
    ServerKey,
    /// server/NAME/daemon.json
    DaemonJson,
    /// server/NAME/docker.service.d/dockcert.conf
    SystemdDropIn,
    /// server/NAME/dockerd-flags.txt
    DockerdFlags,
    /// server/NAME/default-docker
    DefaultDocker,
    /// server/NAME/sysconfig-docker
    SysconfigDocker,
    /// server/NAME/install.sh
    ServerInstall,
    /// server/NAME/firewall/nftables.conf
    Nftables,
    /// server/NAME/firewall/firewalld.sh
    Firewalld,
    /// server/NAME/dockcert-expiry-check.sh
    ExpiryCheck,
    /// server/NAME/certificates.tsv
    ExpiryData,
    /// client/NAME/ca.pem
    ClientCaCert,
    /// client/NAME/cert.pem
    ClientCert,
    /// client/NAME/key.pem
    ClientKey,
    /// client/NAME/docker.env
    DockerEnv,
    /// client/NAME/docker-context.sh
    DockerContext,
    /// client/NAME/HOST.dockercontext, one per host
    ContextImport,
    /// client/NAME/install.sh
    ClientInstall,
    /// compose.yaml, with `--layout dind`
    DindCompose,
    /// gitlab-ci.yml, with `--layout dind`
    DindCi,
    /// ansible/inventory.yml, with `--ansible`
    AnsibleInventory,
    /// ansible/dockcert.yml, with `--ansible`
    AnsiblePlaybook,
    /// prometheus/dockcert.rules.yml
    PrometheusRules,
    /// ca/previous-ca.pem, in a rotation bundle: the CA being replaced
    PreviousCaCert,
    /// server/NAME/ca-both.pem, in a rotation bundle: the old CA and the new
    ServerCaBoth,
    /// client/NAME/ca-both.pem, in a rotation bundle: the old CA and the new
    ClientCaBoth,
    /// server/NAME/install.sh of a rotation bundle, taking `--phase N`
    ServerRotate,
    /// client/NAME/install.sh of a rotation bundle, taking `--phase N`
    ClientRotate,
    /// ansible/rotate.yml, in a rotation bundle with `--ansible`
    AnsibleRotate,
    /// server/NAME/certificates-phase1.tsv, in a rotation bundle: the
    /// expiry check's rows for phase 1's ca.pem (both CAs)
    ExpiryDataPhase1,
    /// server/NAME/certificates-phase2.tsv: the rows for phase 2's server-cert.pem
    ExpiryDataPhase2,
    /// server/NAME/certificates-phase3.tsv: the row for phase 3's ca.pem
    ExpiryDataPhase3,
}

/// Where a file sits and how it is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileSpec {
    /// Its path inside its folder (the top, `ca/`, `server/NAME/` or
    /// `client/NAME/`); for a file made once per host, the pattern of its
    /// name (`HOST.dockercontext`).
    pub name: &'static str,
    /// Its Unix mode: keys 0400, certificates 0444, scripts 0755, the rest 0644.
    pub mode: u32,
    /// What it is, in one line.
    pub purpose: &'static str,
}

const fn spec(name: &'static str, mode: u32, purpose: &'static str) -> FileSpec {
    FileSpec {
        name,
        mode,
        purpose,
    }
}

impl FileKind {
    /// The file's name, mode and purpose.
    pub const fn spec(self) -> FileSpec {
        match self {
            FileKind::Readme => spec(
                "README.txt",
                0o644,
                "what each file is, where it goes, the commands, the expiry dates",
            ),
            FileKind::Manifest => spec(
                "manifest.json",
                0o644,
                "every file's mode and SHA-256, every certificate's details",
            ),
            FileKind::CaCert => spec(
                "ca.pem",
                0o444,
                "the CA certificate, which hosts and clients trust",
            ),
            FileKind::CaKey => spec(
                "ca-key.pem",
                0o400,
                "the CA's private key: keep it offline, never copy it to a host",
            ),
            FileKind::Inventory => spec(
                "inventory.jsonl",
                0o644,
                "every certificate this CA issued, one JSON line each; issue and renew append to it",
            ),
            FileKind::ServerCaCert => spec(
                "ca.pem",
                0o444,
                "the CA certificate: dockerd accepts clients it signed",
            ),
            FileKind::ServerCert => spec(
                "server-cert.pem",
                0o444,
                "the host's certificate, with every name and address in its SANs",
            ),
            FileKind::ServerKey => spec("server-key.pem", 0o400, "the host's private key"),
            FileKind::DaemonJson => spec(
                "daemon.json",
                0o644,
                "dockerd's TLS settings and listen addresses, for /etc/docker/daemon.json",
            ),
            FileKind::SystemdDropIn => spec(
                "docker.service.d/dockcert.conf",
                0o644,
                "systemd drop-in that clears the stock -H fd:// so daemon.json's hosts apply",
            ),
            FileKind::DockerdFlags => spec(
                "dockerd-flags.txt",
                0o644,
                "the same settings as dockerd flags, for hosts without systemd",
            ),
            FileKind::DefaultDocker => spec(
                "default-docker",
                0o644,
                "the same as DOCKER_OPTS, for /etc/default/docker (Debian, Ubuntu without systemd)",
            ),
            FileKind::SysconfigDocker => spec(
                "sysconfig-docker",
                0o644,
                "the same as OPTIONS, for /etc/sysconfig/docker (RHEL, CentOS)",
            ),
            FileKind::ServerInstall => spec(
                "install.sh",
                0o755,
                "puts the host's files in place as root with the right modes",
            ),
            FileKind::Nftables => spec(
                "firewall/nftables.conf",
                0o644,
                "nftables rules: only the allowed client networks reach the TLS port",
            ),
            FileKind::Firewalld => spec(
                "firewall/firewalld.sh",
                0o755,
                "the same with firewalld rich rules",
            ),
            FileKind::ExpiryCheck => spec(
                "dockcert-expiry-check.sh",
                0o755,
                "the daily check that logs a warning 30 days before a certificate ends",
            ),
            FileKind::ExpiryData => spec(
                "certificates.tsv",
                0o644,
                "what the check knows: each installed certificate's path, hash and end",
            ),
            FileKind::ClientCaCert => spec(
                "ca.pem",
                0o444,
                "the CA certificate: the client accepts hosts it signed",
            ),
            FileKind::ClientCert => spec("cert.pem", 0o444, "the client's certificate"),
            FileKind::ClientKey => spec("key.pem", 0o400, "the client's private key"),
            FileKind::DockerEnv => spec(
                "docker.env",
                0o644,
                "DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for the shell",
            ),
            FileKind::DockerContext => spec(
                "docker-context.sh",
                0o755,
                "creates a docker context for each host",
            ),
            FileKind::ContextImport => spec(
                "HOST.dockercontext",
                0o400,
                "the context for one host, with the client's key: docker context import HOST FILE",
            ),
            FileKind::ClientInstall => spec(
                "install.sh",
                0o755,
                "puts the client's files in place with the right modes",
            ),
            FileKind::DindCompose => spec(
                "compose.yaml",
                0o644,
                "docker:dind with these certificates, and a client container that reaches it",
            ),
            FileKind::DindCi => spec(
                "gitlab-ci.yml",
                0o644,
                "the same for a GitLab CI job, and the runner setting that mounts certs/",
            ),
            FileKind::AnsibleInventory => spec(
                "ansible/inventory.yml",
                0o644,
                "Ansible inventory: every host, its address and its files in this bundle",
            ),
            FileKind::AnsiblePlaybook => spec(
                "ansible/dockcert.yml",
                0o644,
                "Ansible playbook that installs each host's files and expiry check as install.sh does",
            ),
            FileKind::PrometheusRules => spec(
                "prometheus/dockcert.rules.yml",
                0o644,
                "Prometheus alerting rules: warning 30 days before a certificate ends, critical 7",
            ),
            FileKind::PreviousCaCert => spec(
                "previous-ca.pem",
                0o444,
                "the CA this rotation replaces, trusted until phase 3",
            ),
            FileKind::ServerCaBoth => spec(
                "ca-both.pem",
                0o444,
                "the old CA and the new one: dockerd's ca.pem in phases 1 and 2",
            ),
            FileKind::ClientCaBoth => spec(
                "ca-both.pem",
                0o444,
                "the old CA and the new one: the client's ca.pem in phases 1 and 2",
            ),
            FileKind::ServerRotate => spec(
                "install.sh",
                0o755,
                "installs the host's files phase by phase: install.sh --phase 1, 2, 3",
            ),
            FileKind::ClientRotate => spec(
                "install.sh",
                0o755,
                "installs the client's files phase by phase and updates its docker contexts",
            ),
            FileKind::AnsibleRotate => spec(
                "ansible/rotate.yml",
                0o644,
                "Ansible playbook: one phase on every host, in batches, each checked over TLS",
            ),
            FileKind::ExpiryDataPhase1 => spec(
                "certificates-phase1.tsv",
                0o644,
                "the expiry check's rows for phase 1's ca.pem (both CAs): --phase 1 puts them in certificates.tsv",
            ),
            FileKind::ExpiryDataPhase2 => spec(
                "certificates-phase2.tsv",
                0o644,
                "the expiry check's row for phase 2's server-cert.pem: --phase 2 puts it in certificates.tsv",
            ),
            FileKind::ExpiryDataPhase3 => spec(
                "certificates-phase3.tsv",
                0o644,
                "the expiry check's row for phase 3's ca.pem (the new CA): --phase 3 puts it in certificates.tsv",
            ),
        }
    }

    /// What the file is, in `lang`: README.txt's table and the page's file
    /// tree. English is [`FileSpec::purpose`].
    pub fn purpose(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.spec().purpose,
            Lang::Zh => self.purpose_zh(),
        }
    }

    /// Whether the file holds a private key.
    pub fn is_private_key(self) -> bool {
        matches!(
            self,
            FileKind::CaKey | FileKind::ServerKey | FileKind::ClientKey
        )
    }

    /// Whether the file holds a private key, alone or inside (a
    /// `.dockercontext`): kept out of compressors' buffers, mode exact.
    pub(crate) fn holds_secret(self) -> bool {
        self.is_private_key() || self == FileKind::ContextImport
    }

    /// Whether the file holds a certificate.
    pub(crate) fn is_certificate(self) -> bool {
        matches!(
            self,
            FileKind::CaCert
                | FileKind::ServerCaCert
                | FileKind::ServerCert
                | FileKind::ClientCaCert
                | FileKind::ClientCert
                | FileKind::PreviousCaCert
                | FileKind::ServerCaBoth
                | FileKind::ClientCaBoth
        )
    }

    /// Whether the file's mode is exact whatever the umask: keys stay 0400
    /// and certificates 0444 (docker and install.sh rely on both); every
    /// other file, and every folder, takes the user's umask.
    pub fn has_exact_mode(self) -> bool {
        self.holds_secret() || self.is_certificate()
    }
}

/// The mode folders get, in the zip and on disk.
pub const DIR_MODE: u32 = 0o755;

/// The folders of a bundle: the CA's, each host's and each client's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Folder {
    /// The top of the bundle.
    Top,
    /// `ca/`
    Ca,
    /// `server/NAME/`
    Server(String),
    /// `client/NAME/`
    Client(String),
}

impl Folder {
    /// The path of `kind` in this folder, relative to the top of the bundle.
    pub fn path_of(&self, kind: FileKind) -> String {
        self.path_named(kind.spec().name)
    }

    /// The folder's own path, ending in `/`, as a face shows it (`server/NAME/`;
    /// empty for the top).
    pub fn path(&self) -> String {
        self.path_named("")
    }

    /// The path of the file `name` in this folder (a file made per host).
    pub(crate) fn path_named(&self, name: &str) -> String {
        match self {
            Folder::Top => name.to_owned(),
            Folder::Ca => format!("ca/{name}"),
            Folder::Server(host) => format!("server/{host}/{name}"),
            Folder::Client(client) => format!("client/{client}/{name}"),
        }
    }
}

/// Octal text for a mode, as manifest.json and the summaries show it: "0400".
pub fn mode_text(mode: u32) -> String {
    format!("{mode:04o}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_0400_and_certificates_0444() {
        for kind in [FileKind::CaKey, FileKind::ServerKey, FileKind::ClientKey] {
            assert_eq!(kind.spec().mode, 0o400);
            assert!(kind.is_private_key());
        }
        for kind in [
            FileKind::CaCert,
            FileKind::ServerCaCert,
            FileKind::ServerCert,
            FileKind::ClientCaCert,
            FileKind::ClientCert,
        ] {
            assert_eq!(kind.spec().mode, 0o444);
            assert!(!kind.is_private_key());
        }
        assert_eq!(mode_text(0o400), "0400");
    }

    #[test]
    fn docker_cert_path_names() {
        let alice = Folder::Client("alice".into());
        assert_eq!(alice.path_of(FileKind::ClientCaCert), "client/alice/ca.pem");
        assert_eq!(alice.path_of(FileKind::ClientCert), "client/alice/cert.pem");
        assert_eq!(alice.path_of(FileKind::ClientKey), "client/alice/key.pem");
        let host = Folder::Server("docker1".into());
        assert_eq!(
            host.path_of(FileKind::SystemdDropIn),
            "server/docker1/docker.service.d/dockcert.conf"
        );
    }
}
