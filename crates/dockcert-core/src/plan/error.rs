//! What can be wrong with an input, named as the CLI names its flags: one
//! [`InputProblem`] per kind of mistake, in English (the words the CLI
//! prints and operators search for) and in Chinese, from this one place.

use std::fmt;
use std::net::IpAddr;

use crate::lang::{display_in_english, Lang, Localized};
use crate::pki::PkiError;

/// An input the user gave, named as the CLI flag names it (the page's form
/// fields carry the same names without the dashes). Its flag, fleet key,
/// label and help are its row of the table in `settings.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `--server NAME[,SAN...]`
    Server,
    /// `--client NAME`
    Client,
    /// `--key-type T`
    KeyType,
    /// `--days N`
    Days,
    /// `--ca-days N`
    CaDays,
    /// `--ca-name TEXT`
    CaName,
    /// `--listen HOST:PORT`
    Listen,
    /// `--install-dir DIR`
    InstallDir,
    /// `--allow-from CIDR`
    AllowFrom,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--{}", self.name())
    }
}

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

display_in_english!(InputProblem);

/// One bad input: `--server "a..b": "a..b" is not a valid DNS name or IP address: empty label`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Which input.
    pub field: Field,
    /// The value as given, echoed back; `None` when the input was missing.
    pub value: Option<String>,
    /// What is wrong and what is allowed.
    pub problem: InputProblem,
    /// For a host's or client's input, which one (its index in the
    /// request's list), so a fleet file can name its line.
    pub entry: Option<usize>,
}

impl FieldError {
    /// `value` given for `field` has `problem`.
    pub fn new(field: Field, value: &str, problem: InputProblem) -> Self {
        FieldError {
            field,
            value: Some(value.to_owned()),
            problem,
            entry: None,
        }
    }

    pub(crate) fn missing(field: Field, problem: InputProblem) -> Self {
        FieldError {
            field,
            value: None,
            problem,
            entry: None,
        }
    }

    /// The same error, about the host or client at `index`.
    pub(crate) fn at(self, index: usize) -> Self {
        FieldError {
            entry: Some(index),
            ..self
        }
    }
}

impl Localized for FieldError {
    fn text(&self, lang: Lang) -> String {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        match &self.value {
            Some(value) => format!(
                "{} {:?}{colon}{}",
                self.field,
                value,
                self.problem.text(lang)
            ),
            None => format!("{}{colon}{}", self.field, self.problem.text(lang)),
        }
    }
}

/// Every bad input of a plan at once, so a form can mark each field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanErrors(pub(crate) Vec<FieldError>);

impl PlanErrors {
    /// The errors for one field, for showing next to it.
    pub fn for_field(&self, field: Field) -> impl Iterator<Item = &FieldError> {
        self.0.iter().filter(move |e| e.field == field)
    }

    /// Whether the only problem is that no host (or, from an existing CA, no
    /// host or client) was given yet: a form that is merely not filled in.
    pub fn only_missing_hosts(&self) -> bool {
        matches!(
            self.0.as_slice(),
            [FieldError {
                problem: InputProblem::NeedServer | InputProblem::NeedHostOrClient,
                ..
            }]
        )
    }
}

impl Localized for PlanErrors {
    fn text(&self, lang: Lang) -> String {
        crate::lang::lines(&self.0, lang)
    }
}

display_in_english!(FieldError, PlanErrors);
impl std::error::Error for FieldError {}
impl std::error::Error for PlanErrors {}
