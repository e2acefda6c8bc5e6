//! Every kind of mistake in an input, with its facts ([`InputProblem`]);
//! how each is said is `wording.rs`.

use std::net::IpAddr;

use crate::pki::PkiError;

/// Every kind of mistake in an input: what is wrong and what is allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputProblem {
    /// No `--server` for a new CA.
    NeedServer,
    /// Neither `--server` nor `--client` from an existing CA.
    NeedHostOrClient,
    /// More hosts than [`crate::plan::MAX_ENTRIES`].
    TooManyServers(usize),
    /// More clients than [`crate::plan::MAX_ENTRIES`].
    TooManyClients(usize),
    /// The same host twice.
    HostTwice(String),
    /// More names for one host than [`crate::plan::MAX_SANS`].
    TooManySans(usize),
    /// More networks than [`crate::plan::MAX_NETWORKS`].
    TooManyNetworks(usize),
    /// The same client twice.
    ClientTwice,
    /// A key type that is unknown or too weak.
    KeyType(PkiError),
    /// Days out of range.
    Days {
        /// The most allowed.
        max: u32,
    },
    /// Leaves that would outlive a new CA.
    OutliveCaDays {
        /// The CA's days.
        ca_days: u32,
    },
    /// Leaves that would outlive an existing CA.
    OutliveCa {
        /// The CA's expiry date.
        expires: String,
        /// Days left until then.
        left: i64,
    },
    /// An empty CA name.
    CaNameEmpty,
    /// A CA name over [`crate::plan::MAX_CA_NAME`] characters.
    CaNameTooLong(usize),
    /// A CA name with a control or invisible formatting character.
    CaNameControl,
    /// A subject attribute (O, OU, C) that X.509 or its bounds refuse.
    Subject(super::subject::SubjectProblem),
    /// Not `HOST:PORT`.
    ListenShape,
    /// `[...]` around something that is not IPv6.
    ListenBracketsNotIpv6,
    /// IPv6 without brackets.
    ListenIpv6NeedsBrackets,
    /// The host part is neither an address nor a name.
    ListenHost(Box<InputProblem>),
    /// A port out of 1..=65535.
    ListenPort,
    /// A relative install directory.
    InstallDirRelative,
    /// A character that would need quoting.
    InstallDirChar(char),
    /// `/`.
    InstallDirRoot,
    /// Empty, `.` or `..` parts.
    InstallDirParts,
    /// Over 200 characters.
    InstallDirTooLong,
    /// Not a network.
    NotANetwork,
    /// A prefix length out of range.
    PrefixLength {
        /// 32 or 128.
        max: u8,
    },
    /// A network with host bits set.
    HostBits {
        /// The address as given.
        addr: String,
        /// Its prefix length.
        prefix: u8,
        /// The network it was probably meant to be.
        network: IpAddr,
    },
    /// The same network twice.
    NetworkTwice,
    /// An empty host name.
    EmptyHostName,
    /// An empty SAN between commas.
    EmptySan,
    /// An item that is neither a DNS name nor an IP address.
    BadSan {
        /// The item.
        item: String,
        /// Why.
        problem: Box<InputProblem>,
    },
    /// A wildcard as a host's name.
    WildcardHost,
    /// An IPv6 address as a host's name.
    Ipv6HostName,
    /// The same SAN twice in one host.
    SanTwice(String),
    /// An empty name.
    EmptyName,
    /// Something with a colon that is not IPv6.
    BadIpv6(String),
    /// A name or address with a port, `HOST:PORT`: the port belongs in `--listen`.
    WithPort {
        /// The host, as it should be written (lower-cased, no brackets).
        host: String,
        /// The port as given.
        port: String,
    },
    /// A URL (`https://HOST:PORT`, `tcp://...`): only its host belongs here.
    Url {
        /// The host, as it should be written.
        host: String,
        /// Its port, if it had one.
        port: Option<String>,
    },
    /// A name with spaces.
    NameSpaces,
    /// A name ending in a dot.
    TrailingDot,
    /// A name too long.
    NameTooLong {
        /// Its length in characters.
        len: usize,
        /// The most allowed.
        max: usize,
    },
    /// `*` alone.
    BareWildcard,
    /// All-digit labels.
    BadIpv4,
    /// A last label of digits.
    NumericLastLabel,
    /// Two dots in a row.
    EmptyLabel,
    /// `*` not as the whole first label.
    WildcardPlace,
    /// A character a DNS label may not have.
    LabelChar(char),
    /// A label starting or ending with a hyphen.
    LabelHyphen(String),
    /// A label over 63 characters.
    LabelTooLong {
        /// Its first twelve characters.
        start: String,
        /// Its length.
        len: usize,
    },
    /// An empty client name.
    EmptyClient,
    /// `/` or `\` in a client name.
    ClientSlash,
    /// `..` in a client name.
    ClientDots,
    /// A character a client name may not have.
    ClientChar(char),
    /// A client name starting with `.` or `-`.
    ClientStart,
    /// A fleet file that is not valid TOML, or has unknown fields (toml's words).
    Toml(String),
    /// A fleet host `name` with commas in it.
    HostNameList,
    /// A fleet file nested deeper than this many levels.
    FleetTooDeep(usize),
    /// A fleet file with more than this many values.
    FleetTooManyValues(usize),
    /// A fleet file opening more than this many tables.
    FleetTooManyTables(usize),
    /// A fleet file written in TOML the bounding scan does not follow.
    FleetNotFollowed,
}
