//! The checked plan: everything needed to make a bundle except the keys,
//! the passphrase, the RNG and the clock; and the defaults and bounds its
//! inputs are checked against.

use std::fmt;

/// Default leaf validity in days.
pub(crate) const DEFAULT_DAYS: u32 = 365;
/// Default CA validity in days.
pub(crate) const DEFAULT_CA_DAYS: u32 = 3650;
/// Longest leaf validity: ten years. dockerd has no revocation, so a
/// certificate's lifetime is how long a stolen key stays useful.
pub(crate) const MAX_DAYS: u32 = 3650;
/// Longest CA validity: twenty years.
pub(crate) const MAX_CA_DAYS: u32 = 7300;
/// Default listen address: every interface, Docker's TLS port (2376; 2375 is
/// the conventional plain-text port).
pub(crate) const DEFAULT_LISTEN: &str = "0.0.0.0:2376";
/// Default directory for the server's files on each host.
pub(crate) const DEFAULT_INSTALL_DIR: &str = "/etc/docker";
/// The client made when no `--client` is given.
pub(crate) const DEFAULT_CLIENT: &str = "client";
/// Longest organization (O): RFC 5280 `ub-organization-name`, in characters.
pub const MAX_SUBJECT_ORG: usize = 64;
/// Longest organizational unit (OU): RFC 5280 `ub-organizational-unit-name`.
pub const MAX_SUBJECT_UNIT: usize = 64;
/// Most hosts or clients in one plan.
pub const MAX_ENTRIES: usize = 10_000;
/// Most names and addresses one host's certificate carries.
pub const MAX_SANS: usize = 256;
/// Most client networks one host's firewall rules let in.
pub const MAX_NETWORKS: usize = 256;

/// One client: a person or a machine that runs `docker` against the hosts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSpec {
    /// The client's name: its certificate's Common Name and its folder name.
    pub name: String,
}

/// A `HOST:PORT` for dockerd's `-H tcp://HOST:PORT`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listen {
    /// An IP address or a DNS name.
    pub host: String,
    /// 1 to 65535.
    pub port: u16,
}

impl fmt::Display for Listen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// Whose key a generated key is, for progress messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySlot {
    /// The CA's key.
    Ca,
    /// A host's server key.
    Server(String),
    /// A client's key.
    Client(String),
}

impl fmt::Display for KeySlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySlot::Ca => f.write_str("CA key"),
            KeySlot::Server(name) => write!(f, "server key for {name}"),
            KeySlot::Client(name) => write!(f, "client key for {name}"),
        }
    }
}
