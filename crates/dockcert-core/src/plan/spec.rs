//! The checked plan: everything needed to make a bundle except the keys,
//! the passphrase, the RNG and the clock; and the defaults and bounds its
//! inputs are checked against.

use std::fmt;

use super::names::Cidr;
use crate::lang::Lang;
use crate::pki::{KeyType, San};

/// Default leaf validity in days.
pub const DEFAULT_DAYS: u32 = 365;
/// Default CA validity in days.
pub const DEFAULT_CA_DAYS: u32 = 3650;
/// Longest leaf validity: ten years. dockerd has no revocation, so a
/// certificate's lifetime is how long a stolen key stays useful.
pub(crate) const MAX_DAYS: u32 = 3650;
/// Longest CA validity: twenty years.
pub(crate) const MAX_CA_DAYS: u32 = 7300;
/// Default listen address: every interface, Docker's TLS port (2376; 2375 is
/// the conventional plain-text port).
pub const DEFAULT_LISTEN: &str = "0.0.0.0:2376";
/// Default directory for the server's files on each host.
pub const DEFAULT_INSTALL_DIR: &str = "/etc/docker";
/// The client made when no `--client` is given.
pub const DEFAULT_CLIENT: &str = "client";
/// Most hosts or clients in one plan.
pub const MAX_ENTRIES: usize = 10_000;
/// Most names and addresses one host's certificate carries.
pub const MAX_SANS: usize = 256;
/// Most client networks one host's firewall rules let in.
pub const MAX_NETWORKS: usize = 256;

/// A checked plan: everything needed to make a bundle except the keys, the
/// passphrase, the RNG and the clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The CA's Common Name.
    pub ca_name: String,
    /// The key type of the CA and of every leaf.
    pub key_type: KeyType,
    /// Validity of server and client certificates, in days.
    pub days: u32,
    /// Whether the user asked for `days` (`--days`), rather than taking the
    /// default: from an existing CA, a default that would outlive the CA is
    /// shortened to fit it; an explicit one is refused.
    pub days_given: bool,
    /// From an existing CA: its end date (`2027-11-23`) when the default
    /// `days` was shortened to end with it, for README.txt and the summary.
    pub days_fit_ca: Option<String>,
    /// Validity of the CA certificate, in days.
    pub ca_days: u32,
    /// The Docker hosts, in the order given.
    pub servers: Vec<ServerSpec>,
    /// The clients, in the order given.
    pub clients: Vec<ClientSpec>,
    /// Whether the bundle also holds `ansible/`: an inventory of the hosts
    /// and a playbook that installs them (`--ansible`).
    pub ansible: bool,
    /// The language README.txt is written in; commands, paths, file names
    /// and flags stay as they are in either.
    pub lang: Lang,
}

/// One Docker host: its name and every name or address clients use to reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerSpec {
    /// The host's name: its certificate's Common Name and its folder name.
    pub name: String,
    /// Every subjectAltName, the name first.
    pub sans: Vec<San>,
    /// Where dockerd listens for TLS connections.
    pub listen: Listen,
    /// Where the server's files live on the host.
    pub install_dir: String,
    /// The client networks the firewall rules let reach the TLS port; empty:
    /// no firewall rules are made.
    pub allow_from: Vec<Cidr>,
}

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

impl Plan {
    /// The keys this plan needs, in the order [`crate::bundle::KeySet`] holds
    /// them: the CA, then each server, then each client.
    pub fn key_slots(&self) -> Vec<KeySlot> {
        let mut slots = vec![KeySlot::Ca];
        slots.extend(self.leaf_key_slots());
        slots
    }

    /// The server and client keys only, for certificates signed by an
    /// existing CA: each server, then each client.
    pub fn leaf_key_slots(&self) -> Vec<KeySlot> {
        let mut slots: Vec<KeySlot> = self
            .servers
            .iter()
            .map(|s| KeySlot::Server(s.name.clone()))
            .collect();
        slots.extend(self.clients.iter().map(|c| KeySlot::Client(c.name.clone())));
        slots
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
