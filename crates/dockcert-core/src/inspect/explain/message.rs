//! The known messages, who says them, their causes and fixes: the types
//! `explain` tells and `en.rs` and `zh.rs` word.

/// A message dockcert knows: what it means and what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Explanation {
    /// The host's certificate has no SANs (Go 1.15 and later).
    LegacyCommonName,
    /// Dialled by an address the certificate does not list.
    NoIpSans,
    /// Dialled by a name the certificate does not list.
    NotValidFor,
    /// The other side's CA is not the one trusted.
    UnknownAuthority,
    /// A certificate's dates do not include now.
    Expired,
    /// dockerd refused the client's certificate.
    BadCertificate,
    /// dockerd wants a client certificate and got none.
    CertificateRequired,
    /// dockerd does not know the client's CA.
    UnknownCa,
    /// A certificate used for what its extendedKeyUsage does not allow.
    IncompatibleUsage,
    /// A key paired with another key's certificate.
    KeyMismatch,
    /// A key that is encrypted or not a key.
    UnreadableKey,
    /// A key file that is not PEM.
    NoPemKey,
    /// Plain HTTP to dockerd's TLS port.
    HttpToHttps,
    /// TLS to a port that serves plain HTTP.
    HttpToTls,
    /// TLS to a port that answers with something else.
    NotTls,
    /// A setting both in daemon.json and a flag.
    FlagAndFile,
    /// daemon.json that dockerd cannot take.
    BadDaemonJson,
    /// The CA file is missing or unreadable.
    NoCaFile,
    /// A file daemon.json names is not there.
    MissingFile,
    /// Nothing answered at the address.
    NotRunning,
    /// Nothing listens on the port.
    ConnectionRefused,
}

/// Who says a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SaidBy {
    /// The docker client.
    Client,
    /// The docker client, or dockerd about a client.
    ClientOrDaemonAboutClient,
    /// The docker client or dockerd.
    ClientOrDaemon,
    /// The docker client, reporting dockerd's refusal.
    ClientForDaemon,
    /// dockerd at start, or the docker client.
    DaemonAtStartOrClient,
    /// dockerd.
    Daemon,
    /// dockerd at start.
    DaemonAtStart,
    /// The docker client, or dockerd at start.
    ClientOrDaemonAtStart,
}

/// What causes a known message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cause(pub Explanation);

/// What to do about a known message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fix(pub Explanation);
