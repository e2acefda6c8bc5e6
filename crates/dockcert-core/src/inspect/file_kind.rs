//! What inspect says a file is, and the facts it lists about it, as data:
//! the values taken from the file (a subject, a SAN, a date) stay as they
//! are; their labels are worded in [`super::words`].

use time::OffsetDateTime;

use crate::pki::KeyType;

/// What a file is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// Nothing inspect knows.
    Other,
    /// A certificate signing request.
    CertificateSigningRequest,
    /// A certificate that cannot be read.
    CertificateUnreadable,
    /// A certificate whose RSA key is too large to read.
    CertificateKeyTooLarge,
    /// A CA's certificate.
    CaCertificate,
    /// A Docker host's certificate.
    ServerCertificate,
    /// A client's certificate.
    ClientCertificate,
    /// A certificate of no known role.
    Certificate,
    /// An encrypted private key.
    EncryptedPrivateKey,
    /// A private key not read: past the run's work budget.
    PrivateKeyNotRead,
    /// A private key, and its type when dockcert reads it.
    PrivateKey(Option<KeyType>),
    /// A private key whose RSA numbers are too long to read.
    PrivateKeyTooLarge,
    /// A private key that cannot be read.
    PrivateKeyUnreadable,
    /// dockerd's daemon.json.
    DaemonJson,
    /// A systemd unit or drop-in.
    SystemdUnit,
    /// A bundle's README.txt.
    BundleReadme,
    /// A bundle's manifest.json.
    BundleManifest,
    /// docker.env.
    DockerEnv,
    /// docker-context.sh.
    ContextScript,
    /// install.sh.
    InstallScript,
    /// dockerd-flags.txt.
    DockerdFlags,
    /// nftables.conf.
    Nftables,
    /// firewalld.sh.
    Firewalld,
    /// default-docker.
    DefaultDocker,
    /// sysconfig-docker.
    SysconfigDocker,
    /// A `.dockercontext` file.
    ContextFile,
    /// A Dockerfile.
    Dockerfile,
    /// A compose file.
    Compose,
    /// A .dockerignore.
    DockerIgnore,
    /// The host's expiry check script (dockcert-expiry-check.sh, installed
    /// as /usr/local/sbin/dockcert-expiry-check).
    ExpiryCheck,
    /// What the expiry check knows of the installed certificates
    /// (certificates.tsv).
    ExpiryCheckData,
    /// The expiry check's cron line (/etc/cron.d/dockcert-expiry).
    ExpiryCron,
    /// The bundle's Prometheus alerting rules (dockcert.rules.yml).
    PrometheusRules,
    /// A CA's inventory of the certificates it issued (`inventory.jsonl`).
    Inventory,
}

impl Kind {
    /// Whether it is a private key of any kind.
    pub(crate) fn is_private_key(&self) -> bool {
        matches!(
            self,
            Kind::EncryptedPrivateKey
                | Kind::PrivateKeyNotRead
                | Kind::PrivateKey(_)
                | Kind::PrivateKeyTooLarge
                | Kind::PrivateKeyUnreadable
        )
    }
}

/// One fact about a file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Detail {
    /// A certificate's subject.
    Subject(String),
    /// A certificate's issuer.
    Issuer(String),
    /// A certificate's SANs.
    Sans(Vec<String>),
    /// A certificate's extended key usages ("serverAuth", "clientAuth").
    Usage(Vec<&'static str>),
    /// A CA certificate without extended key usage: it signs certificates.
    SignsCertificates,
    /// A leaf without extended key usage.
    NoUsage,
    /// A certificate's validity.
    Valid {
        /// Its first day.
        from: OffsetDateTime,
        /// Its last day.
        to: OffsetDateTime,
        /// Days left; `None` once it has ended.
        days_left: Option<i64>,
    },
    /// A certificate's SHA-256 fingerprint, colon-separated hex.
    Sha256(String),
    /// A key's certificate.
    KeyOf(String),
    /// daemon.json's `hosts`.
    Hosts(Vec<String>),
    /// daemon.json's `tlsverify`.
    TlsVerify(bool),
}
