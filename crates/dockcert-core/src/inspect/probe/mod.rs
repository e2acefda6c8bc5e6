//! What `dockcert probe` finds at a live daemon means: the chain a server
//! presents judged as docker's Go client judges it, each check's outcome, and
//! the verdict. The network is the CLI's; everything said about what came back
//! is here, so the page (which never connects) could say it the same way.
//!
//! Go's `crypto/x509` checks a server's leaf in this order, and docker shows
//! the first failure: its dates, then the dialled name against the SANs, then
//! a chain to the trusted CA, then the serverAuth usage.
//! [`judge_server_chain`] (in `server`) does the same with rustls-webpki and
//! says it in Go's words, which [`super::explain`] then explains.

use serde::Serialize;

use super::explain::{explain, Explanation};
use crate::pki;

mod server;

pub use server::{judge_server_chain, ProbeError, ServerChain};

/// The checks, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
}

impl CheckName {
    /// The check's label on its line.
    pub fn label(self) -> &'static str {
        match self {
            CheckName::Reachable => "reachable",
            CheckName::PlainHttp => "plain HTTP",
            CheckName::ServerCertificate => "server certificate",
            CheckName::NoClientCertificate => "without a client certificate",
            CheckName::ClientCertificate => "with the client's certificate",
        }
    }
}

/// How a check came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// As it should be.
    Ok,
    /// Something is wrong (exit status 1).
    Finding,
    /// Not run: an earlier check makes it meaningless.
    Skipped,
    /// Run, but the answer said neither yes nor no (too slow, or odd):
    /// never read as a pass (exit status 1).
    Unknown,
}

/// One check's line, and when it failed, docker's words and what they mean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Which check.
    pub name: CheckName,
    /// How it came out.
    pub status: Status,
    /// What was seen, in one line.
    pub summary: String,
    /// What the docker client (or dockerd) says in this situation.
    pub docker_says: Option<String>,
    /// The `--explain` entry for it, when dockcert knows the message.
    pub explanation: Option<&'static Explanation>,
}

impl Check {
    /// A check that came out as it should.
    pub fn ok(name: CheckName, summary: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Ok,
            summary: summary.into(),
            docker_says: None,
            explanation: None,
        }
    }

    /// A finding; `docker_says` is explained from the `--explain` table.
    pub fn finding(
        name: CheckName,
        summary: impl Into<String>,
        docker_says: Option<String>,
    ) -> Check {
        let explanation = docker_says
            .as_deref()
            .and_then(|said| explain(said).into_iter().next());
        Check {
            name,
            status: Status::Finding,
            summary: summary.into(),
            docker_says,
            explanation,
        }
    }

    /// A check whose answer said neither yes nor no: what was seen.
    pub fn unknown(name: CheckName, seen: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Unknown,
            summary: seen.into(),
            docker_says: None,
            explanation: None,
        }
    }

    /// A check not run, and why.
    pub fn skipped(name: CheckName, why: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Skipped,
            summary: why.into(),
            docker_says: None,
            explanation: None,
        }
    }
}

impl ServerChain {
    /// The check's line: the facts, then docker's refusal when there is one.
    pub fn check(&self, dialled: &str) -> Check {
        // The names are the server's to choose: none may start a line.
        let safe = crate::show::safe;
        let facts = format!(
            "{}; SANs {}; issued by {}; expires {}; {}",
            safe(&self.subject),
            if self.sans.is_empty() {
                "none".to_owned()
            } else {
                safe(&self.sans.join(", ")).into_owned()
            },
            safe(&self.issuer),
            pki::day(self.not_after),
            self.key
        );
        match &self.refusal {
            None => Check::ok(
                CheckName::ServerCertificate,
                format!("{facts}; verified for {dialled} against the CA"),
            ),
            Some(said) => Check::finding(
                CheckName::ServerCertificate,
                format!("{facts}; docker refuses it"),
                Some(said.clone()),
            ),
        }
    }
}

/// What a port said to `GET /_ping` sent in clear text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlainAnswer {
    /// The Docker API answered: anyone who reaches the port controls the host.
    OpenApi,
    /// Some other plain HTTP server answered.
    OtherHttp,
    /// A TLS server's refusal ("Client sent an HTTP request to an HTTPS server").
    TlsRefusal,
    /// No HTTP answer (closed, silence, or not HTTP).
    NoHttp,
}

/// What Go's TLS server answers a plain HTTP request with.
const TLS_REFUSAL: &str = "client sent an http request to an https server";

/// Classifies the first bytes a port sent back to a clear-text `GET /_ping`.
pub fn classify_plain_answer(response: &[u8]) -> PlainAnswer {
    let text = String::from_utf8_lossy(response).to_ascii_lowercase();
    if !text.starts_with("http/1.") {
        return PlainAnswer::NoHttp;
    }
    if text.contains(TLS_REFUSAL) {
        return PlainAnswer::TlsRefusal;
    }
    let head_end = text.find("\r\n\r\n").unwrap_or(text.len());
    let head = &text[..head_end];
    let body = text.get(head_end + 4..).unwrap_or("");
    if head.contains("\r\napi-version:")
        || (head.starts_with("http/1.1 200") && body.contains("ok"))
    {
        PlainAnswer::OpenApi
    } else {
        PlainAnswer::OtherHttp
    }
}

/// The plain-HTTP check's line for `answer`.
pub fn plain_http_check(answer: PlainAnswer) -> Check {
    let name = CheckName::PlainHttp;
    match answer {
        PlainAnswer::OpenApi => Check::finding(
            name,
            "the Docker API answers GET /_ping in clear text, without TLS: anyone who reaches this port controls the host",
            Some("server gave HTTP response to HTTPS client".into()),
        ),
        PlainAnswer::OtherHttp => Check::finding(
            name,
            "the port answers plain HTTP (not TLS): the docker client with --tlsverify cannot talk to it",
            Some("server gave HTTP response to HTTPS client".into()),
        ),
        PlainAnswer::TlsRefusal => Check::ok(
            name,
            "refused: \"Client sent an HTTP request to an HTTPS server\" (the port speaks TLS)",
        ),
        PlainAnswer::NoHttp => Check::ok(name, "no HTTP answer in clear text"),
    }
}

/// The server and API version `/version` reported.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DaemonVersion {
    /// `Version`, as `28.2.2`.
    pub version: String,
    /// `ApiVersion`, as `1.50`.
    pub api_version: String,
}

impl DaemonVersion {
    /// Reads `/version`'s JSON body; missing fields stay empty.
    pub fn from_json(body: &[u8]) -> DaemonVersion {
        let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let field = |k: &str| {
            value
                .get(k)
                .and_then(serde_json::Value::as_str)
                .map(|s| s.chars().take(64).collect())
                .unwrap_or_default()
        };
        DaemonVersion {
            version: field("Version"),
            api_version: field("ApiVersion"),
        }
    }
}

/// The probe's conclusion, worst finding first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// No finding.
    pub healthy: bool,
    /// One sentence.
    pub text: String,
}

/// The verdict over the checks, named by the worst finding among them.
pub fn verdict(checks: &[Check], address: &str) -> Verdict {
    let came_out = |name: CheckName, status: Status| {
        checks.iter().any(|c| c.name == name && c.status == status)
    };
    let found = |name: CheckName| came_out(name, Status::Finding);
    let unknown = |name: CheckName| came_out(name, Status::Unknown);
    let text = if found(CheckName::Reachable) {
        format!("not reachable: nothing accepted a connection at {address}")
    } else if checks
        .iter()
        .any(|c| c.name == CheckName::PlainHttp && c.summary.starts_with("the Docker API answers"))
    {
        format!("OPEN API: {address} serves the Docker API without TLS; anyone who reaches it runs containers as root on that host")
    } else if found(CheckName::NoClientCertificate) {
        format!("OPEN API: {address} lets in clients without a certificate (--tls without --tlsverify); anyone who reaches it runs containers as root on that host")
    } else if unknown(CheckName::NoClientCertificate) {
        format!("UNKNOWN: {address} neither answered nor refused a client without a certificate in the time allowed; it may let anyone in (see above)")
    } else if found(CheckName::PlainHttp) {
        format!("{address} does not speak TLS: the docker client cannot use it with --tlsverify")
    } else if found(CheckName::ServerCertificate) {
        "the docker client refuses this daemon's certificate (see above)".to_owned()
    } else if found(CheckName::ClientCertificate) {
        "the daemon refuses the client's certificate (see above)".to_owned()
    } else if let Some(c) = checks.iter().find(|c| c.status == Status::Unknown) {
        format!(
            "unknown: the check \"{}\" got no clear answer (see above)",
            c.name.label()
        )
    } else {
        return Verdict {
            healthy: true,
            text: format!("healthy: {address} speaks TLS, is trusted for the name dialled, refuses clients without a certificate and accepts this client"),
        };
    };
    Verdict {
        healthy: false,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_answers_are_told_apart() {
        let tls =
            b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";
        assert_eq!(classify_plain_answer(tls), PlainAnswer::TlsRefusal);
        let open = b"HTTP/1.1 200 OK\r\nApi-Version: 1.50\r\nContent-Length: 2\r\n\r\nOK";
        assert_eq!(classify_plain_answer(open), PlainAnswer::OpenApi);
        let other = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        assert_eq!(classify_plain_answer(other), PlainAnswer::OtherHttp);
        assert_eq!(
            classify_plain_answer(b"\x15\x03\x01\x00\x02\x02\x0a"),
            PlainAnswer::NoHttp
        );
        assert_eq!(classify_plain_answer(b""), PlainAnswer::NoHttp);
    }

    #[test]
    fn findings_carry_docker_words_explained() {
        let check = plain_http_check(PlainAnswer::OpenApi);
        assert_eq!(check.status, Status::Finding);
        assert!(check.explanation.is_some());
        let v = verdict(&[check], "127.0.0.1:2375");
        assert!(!v.healthy && v.text.starts_with("OPEN API"), "{}", v.text);
    }

    #[test]
    fn an_unclear_answer_is_never_a_pass() {
        let checks = [
            Check::ok(
                CheckName::Reachable,
                "127.0.0.1:2376 accepted a TCP connection",
            ),
            Check::unknown(
                CheckName::NoClientCertificate,
                "no answer within 3s after a handshake without a certificate",
            ),
        ];
        let v = verdict(&checks, "127.0.0.1:2376");
        assert!(!v.healthy);
        assert!(
            v.text
                .starts_with("UNKNOWN: 127.0.0.1:2376 neither answered nor refused"),
            "{}",
            v.text
        );
        let late = [Check::unknown(CheckName::ClientCertificate, "no answer")];
        let v = verdict(&late, "h:1");
        assert!(
            !v.healthy
                && v.text
                    .starts_with("unknown: the check \"with the client's certificate\""),
            "{}",
            v.text
        );
        assert_eq!(serde_json::to_value(Status::Unknown).unwrap(), "unknown");
    }

    #[test]
    fn version_is_read_from_json() {
        let v =
            DaemonVersion::from_json(br#"{"Version":"28.2.2","ApiVersion":"1.50","Os":"linux"}"#);
        assert_eq!(
            (v.version.as_str(), v.api_version.as_str()),
            ("28.2.2", "1.50")
        );
        assert_eq!(
            DaemonVersion::from_json(b"not json"),
            DaemonVersion::default()
        );
    }
}
