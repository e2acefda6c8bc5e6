//! What `dockcert probe` finds at a live daemon means: the chain a server
//! presents judged as docker's Go client judges it, each check's outcome, and
//! the verdict. The network is the CLI's; everything said about what came back
//! is here, so the page (which never connects) could say it the same way.
//!
//! Go's `crypto/x509` checks a server's leaf in this order, and docker shows
//! the first failure: its dates, then the dialled name against the SANs, then
//! a chain to the trusted CA, then the serverAuth usage. [`judge_server_chain`]
//! does the same with rustls-webpki and says it in Go's words, which
//! [`super::explain`] then explains.

use std::net::IpAddr;

use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use serde::Serialize;
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::certs::{covers, parse_extensions};
use super::explain::{explain, Explanation};
use crate::pki;

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

/// What the server's certificate says, and whether docker would trust it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerChain {
    /// The leaf's subject.
    pub subject: String,
    /// Its DNS names and IP addresses.
    pub sans: Vec<String>,
    /// Its issuer.
    pub issuer: String,
    /// Its last day.
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    /// Its key, as `ECDSA P-256`, `RSA 2048`, `Ed25519`.
    pub key: String,
    /// docker's refusal, in Go's words, when it would refuse this chain.
    pub refusal: Option<String>,
}

impl ServerChain {
    /// The check's line: the facts, then docker's refusal when there is one.
    pub fn check(&self, dialled: &str) -> Check {
        let facts = format!(
            "{}; SANs {}; issued by {}; expires {}; {}",
            self.subject,
            if self.sans.is_empty() {
                "none".to_owned()
            } else {
                self.sans.join(", ")
            },
            self.issuer,
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

/// Why a chain could not be judged at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProbeError {
    /// The server sent no certificate.
    #[error("the server presented no certificate")]
    NoCertificate,
    /// The server's certificate is not X.509 that can be read.
    #[error("the server's certificate cannot be read: {0}")]
    BadServerCertificate(String),
    /// The CA file holds no certificate that can be a trust anchor.
    #[error("the CA file holds no usable certificate: {0}")]
    BadCa(String),
}

/// Judges `chain` (leaf first, as the server sent it) against the CA
/// certificates in `ca_ders` for the name or address `dialled`, at `now`, as
/// docker's Go client does, and describes the leaf.
pub fn judge_server_chain(
    chain: &[Vec<u8>],
    ca_ders: &[Vec<u8>],
    dialled: &str,
    now: OffsetDateTime,
) -> Result<ServerChain, ProbeError> {
    let leaf_der = chain.first().ok_or(ProbeError::NoCertificate)?;
    let (_, leaf) = X509Certificate::from_der(leaf_der)
        .map_err(|e| ProbeError::BadServerCertificate(e.to_string()))?;
    let parsed = parse_extensions(&leaf);
    let mut sans: Vec<String> = parsed.dns.clone();
    sans.extend(parsed.ips.iter().map(ToString::to_string));
    let not_before = pki::time_of(leaf.validity().not_before);
    let not_after = pki::time_of(leaf.validity().not_after);
    let host = dialled.trim_start_matches('[').trim_end_matches(']');

    // Go's order: dates, name, authority, usage.
    let refusal = if now < not_before || now > not_after {
        Some("x509: certificate has expired or is not yet valid".to_owned())
    } else if sans.is_empty() {
        Some("x509: certificate relies on legacy Common Name field, use SANs instead".to_owned())
    } else if !covers(&parsed, host) {
        // Go lists the SANs of the dialled kind only: addresses for an address.
        let valid: Vec<String> = match host.parse::<IpAddr>() {
            Ok(_) => parsed.ips.iter().map(ToString::to_string).collect(),
            Err(_) => parsed.dns.clone(),
        };
        Some(match host.parse::<IpAddr>() {
            Ok(_) if valid.is_empty() => format!(
                "x509: cannot validate certificate for {host} because it doesn't contain any IP SANs"
            ),
            _ if valid.is_empty() => format!(
                "x509: certificate is not valid for any names, but wanted to match {host}"
            ),
            _ => format!(
                "x509: certificate is valid for {}, not {host}",
                valid.join(", ")
            ),
        })
    } else {
        chain_refusal(chain, ca_ders, host, now)?
    };
    Ok(ServerChain {
        subject: leaf.subject().to_string(),
        sans,
        issuer: leaf.issuer().to_string(),
        not_after,
        key: key_description(&leaf),
        refusal,
    })
}

/// The chain to the CA and the serverAuth usage, checked by rustls-webpki;
/// its errors in Go's words.
fn chain_refusal(
    chain: &[Vec<u8>],
    ca_ders: &[Vec<u8>],
    host: &str,
    now: OffsetDateTime,
) -> Result<Option<String>, ProbeError> {
    let ca_certs: Vec<CertificateDer<'_>> = ca_ders
        .iter()
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let anchors: Vec<_> = ca_certs
        .iter()
        .filter_map(|c| webpki::anchor_from_trusted_cert(c).ok())
        .collect();
    if anchors.is_empty() {
        return Err(ProbeError::BadCa(
            "no certificate in it can be read as a CA".into(),
        ));
    }
    let leaf_der = CertificateDer::from(chain.first().map(Vec::as_slice).unwrap_or_default());
    let intermediates: Vec<CertificateDer<'_>> = chain
        .iter()
        .skip(1)
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let leaf = webpki::EndEntityCert::try_from(&leaf_der)
        .map_err(|e| ProbeError::BadServerCertificate(format!("{e:?}")))?;
    let seconds = u64::try_from(now.unix_timestamp()).unwrap_or(0);
    let verified = leaf.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        &anchors,
        &intermediates,
        UnixTime::since_unix_epoch(std::time::Duration::from_secs(seconds)),
        webpki::KeyUsage::server_auth(),
        None,
        None,
    );
    let said = match verified {
        Ok(_) => None,
        Err(webpki::Error::CertExpired { .. } | webpki::Error::CertNotValidYet { .. }) => {
            Some("x509: certificate has expired or is not yet valid".to_owned())
        }
        Err(webpki::Error::RequiredEkuNotFoundContext(_)) => {
            Some("x509: certificate specifies an incompatible key usage".to_owned())
        }
        // A CA of the same name that did not sign it: Go adds "possibly
        // because of ... verification error" after the same words.
        Err(webpki::Error::UnknownIssuer | webpki::Error::InvalidSignatureForPublicKey) => {
            Some("x509: certificate signed by unknown authority".to_owned())
        }
        // Anything else stops Go at building the chain too.
        Err(other) => Some(format!(
            "x509: certificate signed by unknown authority (rustls-webpki: {other:?})"
        )),
    };
    if said.is_none() {
        // covers() matched: webpki's own name check must agree.
        let name = ServerName::try_from(host)
            .map_err(|e| ProbeError::BadServerCertificate(e.to_string()))?;
        if leaf.verify_is_valid_for_subject_name(&name).is_err() {
            return Ok(Some(format!("x509: certificate is not valid for {host}")));
        }
    }
    Ok(said)
}

/// The leaf's key as a person names it.
fn key_description(cert: &X509Certificate<'_>) -> String {
    use x509_parser::public_key::PublicKey;
    let spki = cert.public_key();
    let alg = spki.algorithm.algorithm.to_id_string();
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => format!("RSA {}", rsa.key_size()),
        Ok(PublicKey::EC(_)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "ECDSA P-256".into(),
                Some("1.3.132.0.34") => "ECDSA P-384".into(),
                Some("1.3.132.0.35") => "ECDSA P-521".into(),
                Some(other) => format!("ECDSA ({other})"),
                None => "ECDSA".into(),
            }
        }
        _ if alg == "1.3.101.112" => "Ed25519".into(),
        _ => format!("key algorithm {alg}"),
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
    let found = |name: CheckName| {
        checks
            .iter()
            .any(|c| c.name == name && c.status == Status::Finding)
    };
    let text = if found(CheckName::Reachable) {
        format!("not reachable: nothing accepted a connection at {address}")
    } else if checks
        .iter()
        .any(|c| c.name == CheckName::PlainHttp && c.summary.starts_with("the Docker API answers"))
    {
        format!("OPEN API: {address} serves the Docker API without TLS; anyone who reaches it runs containers as root on that host")
    } else if found(CheckName::NoClientCertificate) {
        format!("OPEN API: {address} lets in clients without a certificate (--tls without --tlsverify); anyone who reaches it runs containers as root on that host")
    } else if found(CheckName::PlainHttp) {
        format!("{address} does not speak TLS: the docker client cannot use it with --tlsverify")
    } else if found(CheckName::ServerCertificate) {
        "the docker client refuses this daemon's certificate (see above)".to_owned()
    } else if found(CheckName::ClientCertificate) {
        "the daemon refuses the client's certificate (see above)".to_owned()
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
