//! A subjectAltName entry: the names and addresses clients use to reach a
//! host. The rules for which names are allowed live with the plan's inputs
//! ([`crate::plan::names`]); here is only what a SAN is.

use std::fmt;
use std::net::IpAddr;

/// One subjectAltName entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum San {
    /// A DNS name, lower-cased, possibly with a leading `*.` wildcard label.
    Dns(String),
    /// An IPv4 or IPv6 address.
    Ip(IpAddr),
}

impl San {
    /// Whether this SAN is a wildcard DNS name.
    pub(crate) fn is_wildcard(&self) -> bool {
        matches!(self, San::Dns(name) if name.starts_with("*."))
    }
}

impl fmt::Display for San {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            San::Dns(name) => f.write_str(name),
            San::Ip(ip) => write!(f, "{ip}"),
        }
    }
}
