//! What each check saw, as facts (a name, an address, a status line, how
//! many seconds), worded by `en.rs` and `zh.rs`. Text that came from the
//! server or the system (a status line, a TLS error in Go's words, an OS
//! error) is kept as it came, quoted where it is shown.

use serde::{Serialize, Serializer};

use super::answers::{DaemonVersion, PlainAnswer};
use super::days::End;
use super::on_disk::Compared;
use super::server::{ProbeError, ServerChain, ServerKey};
use crate::lang::{Lang, Localized};

/// What a check saw: its line after the check's name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Summary {
    /// The host's name did not become an address.
    Unresolved {
        /// The name.
        host: String,
        /// Why not.
        why: Lookup,
    },
    /// A TCP connection was accepted.
    Connected {
        /// `HOST:PORT`.
        address: String,
        /// How long it took.
        millis: u128,
    },
    /// The connection was refused: nothing listens.
    ConnectionRefused {
        /// `HOST:PORT`.
        address: String,
    },
    /// No connection in time, or another error.
    NoConnection {
        /// `HOST:PORT`.
        address: String,
        /// The whole probe's time.
        seconds: u64,
        /// The system's words.
        why: String,
    },
    /// What `GET /_ping` in clear text got.
    Plain(PlainAnswer),
    /// No TLS handshake before the deadline.
    NoHandshakeInTime {
        /// The whole probe's time.
        seconds: u64,
        /// What the TLS exchange said, in Go's words.
        said: String,
    },
    /// No TLS handshake.
    NoHandshake {
        /// What the TLS exchange said, in Go's words.
        said: String,
    },
    /// The server's chain, and the name it was judged for.
    Chain {
        /// The leaf's facts and docker's refusal, if any.
        chain: ServerChain,
        /// The name or address dialled.
        dialled: String,
    },
    /// The server's chain could not be judged.
    Unjudged(ProbeError),
    /// A client without a certificate got an answer.
    AnonymousAccepted {
        /// The answer's status line.
        status_line: String,
    },
    /// A client without a certificate was refused.
    AnonymousRefused {
        /// The refusal, in Go's words.
        said: String,
    },
    /// A client without a certificate was neither answered nor refused.
    AnonymousUnclear(Unclear),
    /// The client's certificate was refused.
    ClientRefused {
        /// The refusal, in Go's words.
        said: String,
    },
    /// A request with the client's certificate was refused.
    RefusedAt {
        /// `/_ping` or `/version`.
        path: String,
        /// The refusal, in Go's words.
        said: String,
    },
    /// A request with the client's certificate got no clear answer.
    RequestUnclear {
        /// `/_ping` or `/version`.
        path: String,
        /// What was seen.
        seen: Unclear,
    },
    /// A request with the client's certificate got an answer other than 200.
    Answered {
        /// `/_ping` or `/version`.
        path: String,
        /// The answer's status line.
        status_line: String,
    },
    /// The client's certificate was accepted; the daemon's answers.
    ClientAccepted {
        /// `/_ping`'s body.
        ping: String,
        /// What `/version` said.
        version: DaemonVersion,
    },
    /// The client's certificate could not be sent: dockcert's TLS library
    /// cannot sign with its key (P-521), which Go's can; its chain was
    /// judged as dockerd judges it instead.
    ClientJudged {
        /// The client's key.
        key: ServerKey,
        /// Whether dockerd refuses it, by that judgement.
        refused: bool,
    },
    /// The check was not run.
    Skipped(Skip),
    /// The served chain's ends, leaf first.
    Days(Vec<End>),
    /// The served certificate beside the file on disk.
    OnDisk(Compared),
}

/// Why a name did not become an address.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Lookup {
    /// The lookup could not be started.
    NotStarted(String),
    /// It did not finish before the deadline.
    TooSlow {
        /// The whole probe's time.
        seconds: u64,
    },
    /// The name has no address.
    NoAddress,
    /// The resolver's answer, in the system's words.
    Failed(String),
}

/// An exchange that ended in neither an answer nor a refusal.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unclear {
    /// Silence until the deadline.
    NoAnswer {
        /// The whole probe's time.
        seconds: u64,
    },
    /// Bytes that are not HTTP.
    NotHttp {
        /// How many.
        bytes: usize,
        /// The first of them, escaped.
        head: String,
    },
    /// Another answer that is not HTTP, in the system's words.
    Other(String),
    /// The exchange's error, in Go's words.
    Said(String),
}

/// Why a check was not run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Skip {
    /// Nothing was reachable.
    NotReachable,
    /// No TLS handshake before the deadline.
    NoHandshakeInTime,
    /// The port does not speak TLS.
    NoTls,
    /// docker stops at the server's certificate.
    ServerRefused,
    /// dockcert's TLS library could not finish the handshake that Go's
    /// would (a P-521 key): said as such, never as a refusal.
    OwnTlsLibrary,
    /// The probe's time ran out.
    OutOfTime {
        /// The whole probe's time.
        seconds: u64,
    },
}

/// `--json` keeps its schema: the summary is one English string.
impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text(Lang::En))
    }
}
