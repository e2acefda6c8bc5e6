//! The checks' names, in the order they run, and how each can come out.

/// The checks, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckName {
    /// A TCP connection is accepted in time.
    Reachable,
    /// `GET /_ping` in clear text gets no API answer.
    PlainHttp,
    /// The server's chain verifies against the CA for the dialled name.
    ServerCertificate,
    /// A TLS client without a certificate is refused.
    NoClientCertificate,
    /// The client's certificate is accepted; `/_ping` and `/version` answer.
    ClientCertificate,
    /// The served chain's days left: a warning from 30 days, a finding from
    /// 7 days and once one has ended.
    DaysLeft,
    /// The certificate served is the one in dockerd's file on disk.
    OnDisk,
}

impl CheckName {
    /// Every check, in the order they run.
    pub const ALL: [CheckName; 7] = [
        CheckName::Reachable,
        CheckName::PlainHttp,
        CheckName::ServerCertificate,
        CheckName::NoClientCertificate,
        CheckName::ClientCertificate,
        CheckName::DaysLeft,
        CheckName::OnDisk,
    ];
}

/// How a check came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// As it should be.
    Ok,
    /// Something is wrong (exit status 1).
    Finding,
    /// It works, but will not for long: a certificate ends within 30 days
    /// (exit status 1, as `dockcert expiry`'s).
    Warning,
    /// Not run: an earlier check makes it meaningless.
    Skipped,
    /// Run, but the answer said neither yes nor no (too slow, or odd):
    /// never read as a pass (exit status 1).
    Unknown,
}
