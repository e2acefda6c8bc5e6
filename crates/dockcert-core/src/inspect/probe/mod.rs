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
use crate::lang::{Lang, Localized};

mod answers;
mod client;
mod days;
mod handshake;
mod notes;
mod on_disk;
mod server;
mod summary;
mod wording;

pub use answers::{classify_plain_answer, DaemonVersion, PlainAnswer};
pub use client::{announced, judge_client_chain, offers};
pub use days::{days_check, served_ends, End, Part};
pub use handshake::{certificate_key, handshake_signed, P521Exchange, P521Signer};
pub use notes::{Note, Unsupported};
pub use on_disk::{
    compare, config_file_in_flags, on_disk_check, tlscert_in_daemon_json, tlscert_in_flags,
    Compared, FoundBy,
};
pub use server::{judge_server_chain, ProbeError, ServerChain, ServerKey};
pub use summary::{Lookup, Skip, Summary, Unclear};

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
mod tests {
    use super::*;

    #[test]
    fn findings_carry_docker_words_explained() {
        let check = plain_http_check(PlainAnswer::OpenApi);
        assert_eq!(check.status, Status::Finding);
        assert_eq!(check.explanation, Some(Explanation::HttpToTls));
        let v = verdict(&[check], "127.0.0.1:2375");
        assert_eq!(
            v,
            Verdict::OpenPlain {
                address: "127.0.0.1:2375".into()
            }
        );
        assert!(!v.healthy());
        let other = plain_http_check(PlainAnswer::OtherHttp);
        assert_eq!(
            verdict(&[other], "h:1"),
            Verdict::NoTls {
                address: "h:1".into()
            }
        );
    }

    #[test]
    fn an_unclear_answer_is_never_a_pass() {
        let checks = [
            Check::ok(
                CheckName::Reachable,
                Summary::Connected {
                    address: "127.0.0.1:2376".into(),
                    millis: 1,
                },
            ),
            Check::unknown(
                CheckName::NoClientCertificate,
                Summary::AnonymousUnclear(Unclear::NoAnswer { seconds: 3 }),
            ),
        ];
        let v = verdict(&checks, "127.0.0.1:2376");
        assert_eq!(
            v,
            Verdict::UnknownWithoutCertificate {
                address: "127.0.0.1:2376".into()
            }
        );
        assert!(!v.healthy());
        let late = [Check::unknown(
            CheckName::ClientCertificate,
            Summary::RequestUnclear {
                path: "/_ping".into(),
                seen: Unclear::NoAnswer { seconds: 5 },
            },
        )];
        assert_eq!(
            verdict(&late, "h:1"),
            Verdict::Unclear {
                check: CheckName::ClientCertificate
            }
        );
        assert_eq!(serde_json::to_value(Status::Unknown).unwrap(), "unknown");
    }

    #[test]
    fn all_well_is_healthy() {
        let checks: Vec<Check> = CheckName::ALL
            .into_iter()
            .map(|name| Check::ok(name, Summary::Plain(PlainAnswer::NoHttp)))
            .collect();
        let v = verdict(&checks, "h:2376");
        assert!(v.healthy());
        let unreachable = [
            Check::finding(
                CheckName::Reachable,
                Summary::ConnectionRefused {
                    address: "h:2376".into(),
                },
                None,
            ),
            Check::skipped(CheckName::PlainHttp, Skip::NotReachable),
        ];
        assert_eq!(
            verdict(&unreachable, "h:2376"),
            Verdict::NotReachable {
                address: "h:2376".into()
            }
        );
    }

    /// `--json` stays English, its schema as before: the summary a string,
    /// the verdict `healthy` and `text`, the explanation four strings.
    #[test]
    fn json_stays_english_with_its_schema() {
        let check = Check::finding(
            CheckName::ClientCertificate,
            Summary::ClientRefused {
                said: "remote error: tls: bad certificate".into(),
            },
            Some("remote error: tls: bad certificate".into()),
        );
        let value = serde_json::to_value(&check).unwrap();
        assert_eq!(value["name"], "client-certificate");
        assert_eq!(value["status"], "finding");
        assert_eq!(
            value["summary"],
            "refused: remote error: tls: bad certificate"
        );
        assert_eq!(
            value["explanation"]["said_by"],
            "the docker client, reporting dockerd's refusal"
        );
        let verdict = serde_json::to_value(verdict(&[check], "h:1")).unwrap();
        assert_eq!(
            verdict,
            serde_json::json!({
                "healthy": false,
                "text": "the daemon refuses the client's certificate (see above)"
            })
        );
    }

    /// An end `days` away from 2027-11-26.
    fn end(part: Part, days: i64) -> End {
        let now = time::macros::datetime!(2027-11-26 0:00 UTC);
        let not_after = now + time::Duration::days(days) + time::Duration::hours(1);
        End {
            part,
            name: "docker1".into(),
            not_after,
            days_left: days,
            level: crate::inspect::expiry::Level::of(not_after, now),
        }
    }

    /// The days and the file on disk name the verdict when nothing worse
    /// does: a file not read first, an end within 7 days, an unclear
    /// check, then an end within 30 days.
    #[test]
    fn time_and_the_file_on_disk_in_the_verdict() {
        let ok = |name| Check::ok(name, Summary::Plain(PlainAnswer::NoHttp));
        let mut checks: Vec<Check> = CheckName::ALL[..5].iter().map(|&n| ok(n)).collect();
        checks.push(days_check(vec![end(Part::Leaf, 20), end(Part::Ca, 400)]));
        assert_eq!(checks[5].status, Status::Warning);
        let v = verdict(&checks, "h:1");
        assert_eq!(v, Verdict::EndsSoon(end(Part::Leaf, 20)));
        assert!(!v.healthy());
        checks.push(Check::unknown(
            CheckName::OnDisk,
            Summary::Plain(PlainAnswer::NoHttp),
        ));
        assert_eq!(
            verdict(&checks, "h:1"),
            Verdict::Unclear {
                check: CheckName::OnDisk
            }
        );
        checks[5] = days_check(vec![end(Part::Leaf, 400), end(Part::Ca, 3)]);
        assert_eq!(verdict(&checks, "h:1"), Verdict::EndsNow(end(Part::Ca, 3)));
        checks[6] = on_disk_check(Compared::Differs {
            path: "/etc/docker/server-cert.pem".into(),
            found_by: FoundBy::Given,
            served: ("A".into(), OffsetDateTime::UNIX_EPOCH),
            file: ("B".into(), OffsetDateTime::UNIX_EPOCH),
        });
        assert_eq!(
            verdict(&checks, "h:1"),
            Verdict::NotRestarted {
                path: "/etc/docker/server-cert.pem".into()
            }
        );
        checks[5] = days_check(vec![end(Part::Leaf, 400)]);
        checks[6] = on_disk_check(Compared::NotOnHost);
        assert!(verdict(&checks, "h:1").healthy());
        let json = serde_json::to_value(&checks[5]).unwrap();
        assert_eq!(json["status"], "ok");
        assert_eq!(json["name"], "days-left");
        let json = serde_json::to_value(Compared::NotOnHost).unwrap();
        assert_eq!(json["outcome"], "not-on-host");
        assert_eq!(serde_json::to_value(Status::Warning).unwrap(), "warning");
    }

    /// Every line the probe can print, in Chinese: Chinese prose, the facts
    /// (addresses, paths, flags, docker's words in “”) kept as they are.
    #[test]
    fn every_summary_and_verdict_speaks_chinese() {
        let chain = ServerChain {
            subject: "CN=docker1".into(),
            sans: vec!["docker1.example.com".into(), "10.0.0.5".into()],
            issuer: "CN=dockcert CA".into(),
            not_after: time::macros::datetime!(2027-11-26 0:00 UTC),
            key: ServerKey::Ecdsa {
                curve: Some("P-256"),
            },
            refusal: None,
            risks: Vec::new(),
        };
        let address = || "docker1.example.com:2376".to_owned();
        let said = || "remote error: tls: bad certificate".to_owned();
        let summaries = [
            Summary::Unresolved {
                host: "nowhere.test".into(),
                why: Lookup::Failed("failed to lookup address information".into()),
            },
            Summary::Unresolved {
                host: "nowhere.test".into(),
                why: Lookup::TooSlow { seconds: 5 },
            },
            Summary::Connected {
                address: address(),
                millis: 3,
            },
            Summary::ConnectionRefused { address: address() },
            Summary::Plain(PlainAnswer::OpenApi),
            Summary::Plain(PlainAnswer::OtherHttp),
            Summary::Plain(PlainAnswer::NoHttp),
            Summary::NoHandshake { said: said() },
            Summary::Chain {
                chain: chain.clone(),
                dialled: "docker1.example.com".into(),
            },
            Summary::Unjudged(ProbeError::BadCa),
            Summary::Unjudged(ProbeError::NoCertificate),
            Summary::AnonymousAccepted {
                status_line: "HTTP/1.1 200 OK".into(),
            },
            Summary::AnonymousRefused { said: said() },
            Summary::ClientRefused { said: said() },
            Summary::ClientAccepted {
                ping: "OK".into(),
                version: DaemonVersion {
                    version: "28.2.2".into(),
                    api_version: "1.50".into(),
                },
            },
            Summary::ClientJudged {
                key: ServerKey::Ecdsa {
                    curve: Some("P-521"),
                },
                refused: false,
            },
            Summary::Skipped(Skip::ServerRefused),
            Summary::Skipped(Skip::OwnTlsLibrary),
            Summary::Skipped(Skip::OutOfTime { seconds: 5 }),
            Summary::Days(vec![end(Part::Leaf, 9), end(Part::Ca, -3)]),
            Summary::OnDisk(Compared::Same {
                path: "/etc/docker/server-cert.pem".into(),
                found_by: FoundBy::DaemonFlag { pid: 42 },
                sha256: "AB:CD".into(),
            }),
            Summary::OnDisk(Compared::Differs {
                path: "/etc/docker/server-cert.pem".into(),
                found_by: FoundBy::DaemonJson {
                    path: "/etc/docker/daemon.json".into(),
                },
                served: ("AB:CD".into(), chain.not_after),
                file: ("EF:01".into(), chain.not_after),
            }),
            Summary::OnDisk(Compared::Unreadable {
                path: "/x.pem".into(),
                found_by: FoundBy::Given,
                why: String::new(),
            }),
            Summary::OnDisk(Compared::NotFound {
                port: 2376,
                looked: vec!["/etc/docker/daemon.json".into()],
            }),
            Summary::OnDisk(Compared::NotOnHost),
        ];
        for s in &summaries {
            let (en, zh) = (s.text(Lang::En), s.text(Lang::Zh));
            assert_ne!(en, zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
        let days = summaries[19].text(Lang::En);
        assert!(
            days.contains(
                "the daemon's certificate docker1: 9 days left (ends 2027-12-05 01:00 UTC)"
            ) && days.contains("the CA docker1: ended 2 days ago"),
            "{days}"
        );
        assert!(
            summaries[19]
                .text(Lang::Zh)
                .contains("守护进程的证书“docker1”：剩余 9 天"),
            "{}",
            summaries[19].text(Lang::Zh)
        );
        let chain_zh = summaries[8].text(Lang::Zh);
        assert!(
            chain_zh.contains("docker1.example.com、10.0.0.5")
                && chain_zh.contains("2027-11-26 到期"),
            "{chain_zh}"
        );
        for v in [
            Verdict::NotReachable { address: address() },
            Verdict::OpenPlain { address: address() },
            Verdict::OpenWithoutCertificate { address: address() },
            Verdict::NoHandshake { address: address() },
            Verdict::ServerRefused,
            Verdict::Unclear {
                check: CheckName::NoClientCertificate,
            },
            Verdict::Healthy { address: address() },
            Verdict::NotRestarted {
                path: "/etc/docker/server-cert.pem".into(),
            },
            Verdict::EndsNow(end(Part::Leaf, -1)),
            Verdict::EndsSoon(end(Part::Ca, 20)),
        ] {
            assert!(
                v.text(Lang::Zh).chars().any(|c| c == '：' || c == '（'),
                "{v:?}"
            );
        }
        for name in CheckName::ALL {
            assert!(!name.text(Lang::Zh).is_ascii(), "{name:?}");
        }
    }
}
