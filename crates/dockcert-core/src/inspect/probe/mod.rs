//! What `dockcert probe` finds at a live daemon means: the chain a server
//! presents judged as docker's Go client judges it, each check's outcome, and
//! the verdict. The network is the CLI's; everything said about what came back
//! is here, so the page (which never connects) could say it the same way.
//!
//! [`judge_server_chain`] (in `server`) asks the one judge,
//! [`super::verify`], for all of it; its refusal is docker's words, which
//! [`super::explain`] then explains, and the judge's own reason and risks
//! are [`Note`]s under the check. What the server accepts of clients (the
//! CA names it announces, the client's chain judged as dockerd would) is
//! `client`'s; what a handshake needs that the CLI's TLS library cannot do
//! (a P-521 signature checked, a P-521 key agreed) is `handshake`'s.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use time::OffsetDateTime;

use super::explain::{explain, Explanation};
use super::verify::Refusal;
use crate::inspect::expiry::Level;
use crate::lang::{Lang, Localized};

mod answers;
mod check;
mod client;
mod days;
mod handshake;
mod notes;
mod on_disk;
mod server;
mod summary;
mod wording;

pub use answers::{classify_plain_answer, DaemonVersion, PlainAnswer};
pub use check::{CheckName, Status};
pub use client::{announced, judge_client_chain, offers};
pub use days::{served_ends, End, Part};
pub use handshake::{certificate_key, handshake_signed, P521Exchange, P521Signer};
pub use notes::{Note, Unsupported};
pub use on_disk::{
    compare, config_file_in_flags, tlscert_in_daemon_json, tlscert_in_flags, Compared, FoundBy,
};
pub use server::{judge_server_chain, ProbeError, ServerChain, ServerKey};
pub use summary::{Lookup, Skip, Summary, Unclear};

/// One check's line, and when it failed, docker's words and what they mean.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    /// Which check.
    pub name: CheckName,
    /// How it came out.
    pub status: Status,
    /// What was seen (in `--json`, one English line).
    pub summary: Summary,
    /// What the docker client (or dockerd) says in this situation, in its
    /// own words.
    pub docker_says: Option<String>,
    /// The `--explain` entry for it, when dockcert knows the message.
    pub explanation: Option<Explanation>,
    /// The lines under it beside docker's words (in `--json`, English
    /// strings; absent when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Check {
    /// A check that came out as it should.
    pub fn ok(name: CheckName, summary: Summary) -> Check {
        Check {
            name,
            status: Status::Ok,
            summary,
            docker_says: None,
            explanation: None,
            notes: Vec::new(),
        }
    }

    /// A finding; `docker_says` is explained from the `--explain` table.
    pub fn finding(name: CheckName, summary: Summary, docker_says: Option<String>) -> Check {
        let explanation = docker_says
            .as_deref()
            .and_then(|said| explain(said).into_iter().next());
        Check {
            name,
            status: Status::Finding,
            summary,
            docker_says,
            explanation,
            notes: Vec::new(),
        }
    }

    /// The same check with `notes` added under it.
    pub fn with_notes(mut self, notes: impl IntoIterator<Item = Note>) -> Check {
        self.notes.extend(notes);
        self
    }

    /// A check whose answer said neither yes nor no: what was seen.
    pub fn unknown(name: CheckName, seen: Summary) -> Check {
        Check {
            name,
            status: Status::Unknown,
            summary: seen,
            docker_says: None,
            explanation: None,
            notes: Vec::new(),
        }
    }

    /// A check not run, and why.
    pub fn skipped(name: CheckName, why: Skip) -> Check {
        Check {
            name,
            status: Status::Skipped,
            summary: Summary::Skipped(why),
            docker_says: None,
            explanation: None,
            notes: Vec::new(),
        }
    }
}

/// The server-certificate check on `chain` (leaf first, as the server sent
/// it): [`judge_server_chain`]'s facts and answer; or, when dockcert cannot
/// read the chain, why, beside docker's words when the judge has them.
pub fn server_check(
    chain: &[Vec<u8>],
    ca_ders: &[Vec<u8>],
    dialled: &str,
    now: OffsetDateTime,
) -> Check {
    let unread = match judge_server_chain(chain, ca_ders, dialled, now) {
        Ok(judged) => return judged.check(dialled),
        Err(e) => e,
    };
    let refusal = chain
        .split_first()
        .filter(|_| !ca_ders.is_empty())
        .and_then(|(leaf, rest)| server::judge(leaf, rest, ca_ders, dialled, now).refusal);
    let said = refusal.as_ref().map(Refusal::docker_says);
    Check::finding(
        CheckName::ServerCertificate,
        Summary::Unjudged(unread),
        said,
    )
    .with_notes(refusal.map(Note::Why))
}

impl ServerChain {
    /// The check's line: the facts, then docker's refusal in its words and
    /// the judge's reason when there is one, and what docker accepts that
    /// is still wrong.
    pub fn check(&self, dialled: &str) -> Check {
        let summary = Summary::Chain {
            chain: self.clone(),
            dialled: dialled.to_owned(),
        };
        let check = match &self.refusal {
            None => Check::ok(CheckName::ServerCertificate, summary),
            Some(refusal) => Check::finding(
                CheckName::ServerCertificate,
                summary,
                Some(refusal.docker_says()),
            )
            .with_notes([Note::Why(refusal.clone())]),
        };
        check.with_notes(self.risks.iter().cloned().map(Note::Risk))
    }
}

/// The days-left check over `ends`: ok when all are far, a warning from 30
/// days, a finding from 7 days and once one has ended; what to do under it
/// for each that is near.
pub fn days_check(ends: Vec<End>) -> Check {
    let worst = ends.iter().map(|e| e.level).max().unwrap_or(Level::Info);
    let notes: Vec<Note> = ends
        .iter()
        .filter(|e| e.level > Level::Info)
        .map(|e| Note::RenewBefore(e.part))
        .collect();
    let summary = Summary::Days(ends);
    let check = match worst {
        Level::Info => Check::ok(CheckName::DaysLeft, summary),
        Level::Warning => Check {
            status: Status::Warning,
            ..Check::ok(CheckName::DaysLeft, summary)
        },
        Level::Error => Check::finding(CheckName::DaysLeft, summary, None),
    };
    check.with_notes(notes)
}

/// The on-disk check's line for what was compared.
pub fn on_disk_check(compared: Compared) -> Check {
    let name = CheckName::OnDisk;
    match compared {
        Compared::Same { .. } => Check::ok(name, Summary::OnDisk(compared)),
        Compared::Differs { .. } => {
            Check::finding(name, Summary::OnDisk(compared), None).with_notes([Note::Restart])
        }
        Compared::Unreadable { .. } => Check::finding(name, Summary::OnDisk(compared), None),
        Compared::NotFound { .. } | Compared::NotOnHost => Check {
            status: Status::Skipped,
            ..Check::ok(name, Summary::OnDisk(compared))
        },
    }
}

/// The plain-HTTP check's line for `answer`.
pub fn plain_http_check(answer: PlainAnswer) -> Check {
    let name = CheckName::PlainHttp;
    let summary = Summary::Plain(answer);
    let http_to_tls = || Some("server gave HTTP response to HTTPS client".to_owned());
    match answer {
        PlainAnswer::OpenApi | PlainAnswer::OtherHttp => {
            Check::finding(name, summary, http_to_tls())
        }
        PlainAnswer::TlsRefusal | PlainAnswer::NoHttp => Check::ok(name, summary),
    }
}

/// The probe's conclusion, named by the worst finding.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// Nothing accepted a connection at the address.
    NotReachable {
        /// `HOST:PORT`.
        address: String,
    },
    /// The Docker API answers in clear text.
    OpenPlain {
        /// `HOST:PORT`.
        address: String,
    },
    /// TLS, but a client without a certificate gets in.
    OpenWithoutCertificate {
        /// `HOST:PORT`.
        address: String,
    },
    /// A client without a certificate was neither answered nor refused.
    UnknownWithoutCertificate {
        /// `HOST:PORT`.
        address: String,
    },
    /// The port does not speak TLS.
    NoTls {
        /// `HOST:PORT`.
        address: String,
    },
    /// The server and docker's client cannot finish a TLS handshake (no
    /// version, suite or key agreement in common, or the server ends it):
    /// no certificate to judge.
    NoHandshake {
        /// `HOST:PORT`.
        address: String,
    },
    /// The docker client refuses the daemon's certificate.
    ServerRefused,
    /// The daemon refuses the client's certificate.
    ClientRefused,
    /// dockerd serves another certificate than its file on disk holds: it
    /// has not been restarted since the file was replaced.
    NotRestarted {
        /// The file.
        path: String,
    },
    /// A certificate of the chain ends within 7 days, or has ended.
    EndsNow(End),
    /// A check got no clear answer.
    Unclear {
        /// Which (the first such).
        check: CheckName,
    },
    /// A certificate of the chain ends within 30 days.
    EndsSoon(End),
    /// No finding.
    Healthy {
        /// `HOST:PORT`.
        address: String,
    },
}

impl Verdict {
    /// Whether there is no finding.
    pub fn healthy(&self) -> bool {
        matches!(self, Verdict::Healthy { .. })
    }
}

/// `--json` keeps its schema: `healthy`, and the sentence in English.
impl Serialize for Verdict {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Verdict", 2)?;
        s.serialize_field("healthy", &self.healthy())?;
        s.serialize_field("text", &self.text(Lang::En))?;
        s.end()
    }
}

/// The verdict over the checks, named by the worst finding among them.
pub fn verdict(checks: &[Check], address: &str) -> Verdict {
    let came_out = |name: CheckName, status: Status| {
        checks.iter().any(|c| c.name == name && c.status == status)
    };
    let found = |name: CheckName| came_out(name, Status::Finding);
    let unknown = |name: CheckName| came_out(name, Status::Unknown);
    let address = address.to_owned();
    if found(CheckName::Reachable) {
        Verdict::NotReachable { address }
    } else if checks
        .iter()
        .any(|c| c.summary == Summary::Plain(PlainAnswer::OpenApi))
    {
        Verdict::OpenPlain { address }
    } else if found(CheckName::NoClientCertificate) {
        Verdict::OpenWithoutCertificate { address }
    } else if unknown(CheckName::NoClientCertificate) {
        Verdict::UnknownWithoutCertificate { address }
    } else if found(CheckName::PlainHttp) {
        Verdict::NoTls { address }
    } else if checks
        .iter()
        .any(|c| matches!(c.summary, Summary::NoHandshake { .. }))
    {
        Verdict::NoHandshake { address }
    } else if found(CheckName::ServerCertificate) {
        Verdict::ServerRefused
    } else if found(CheckName::ClientCertificate) {
        Verdict::ClientRefused
    } else if let Some(path) = not_restarted(checks) {
        Verdict::NotRestarted { path }
    } else if let Some(end) = nearest(checks, Status::Finding) {
        Verdict::EndsNow(end)
    } else if let Some(c) = checks.iter().find(|c| c.status == Status::Unknown) {
        Verdict::Unclear { check: c.name }
    } else if let Some(end) = nearest(checks, Status::Warning) {
        Verdict::EndsSoon(end)
    } else {
        Verdict::Healthy { address }
    }
}

/// The file dockerd has not read, when the on-disk check found one.
fn not_restarted(checks: &[Check]) -> Option<String> {
    checks.iter().find_map(|c| match &c.summary {
        Summary::OnDisk(Compared::Differs { path, .. }) => Some(path.clone()),
        _ => None,
    })
}

/// The soonest end at the days-left check's level, when it came out `status`.
fn nearest(checks: &[Check], status: Status) -> Option<End> {
    checks
        .iter()
        .filter(|c| c.status == status)
        .find_map(|c| match &c.summary {
            Summary::Days(ends) => {
                let worst = ends.iter().map(|e| e.level).max()?;
                ends.iter()
                    .filter(|e| e.level == worst)
                    .min_by_key(|e| e.not_after)
                    .cloned()
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests;
