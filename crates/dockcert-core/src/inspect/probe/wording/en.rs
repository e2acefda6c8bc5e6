//! The probe's words in English: each check's name and outcome, what it
//! saw, and the verdict.

use crate::inspect::probe::{
    CheckName, Lookup, PlainAnswer, ProbeError, ServerChain, ServerKey, Skip, Status, Summary,
    Unclear, Verdict,
};
use crate::lang::Lang;
use crate::pki;
use crate::show::safe;

pub(super) fn check_name(name: CheckName) -> &'static str {
    match name {
        CheckName::Reachable => "reachable",
        CheckName::PlainHttp => "plain HTTP",
        CheckName::ServerCertificate => "server certificate",
        CheckName::NoClientCertificate => "without a client certificate",
        CheckName::ClientCertificate => "with the client's certificate",
        CheckName::DaysLeft => "days left",
        CheckName::OnDisk => "file on disk",
    }
}

pub(super) fn status(status: Status) -> &'static str {
    match status {
        Status::Ok => "ok",
        Status::Finding => "FINDING",
        Status::Warning => "WARNING",
        Status::Skipped => "skipped",
        Status::Unknown => "UNKNOWN",
    }
}

pub(super) fn summary(s: &Summary) -> String {
    match s {
        Summary::Unresolved { host, why } => format!("{host}: {}", lookup(why)),
        Summary::Connected { address, millis } => {
            format!("{address} accepted a TCP connection ({millis} ms)")
        }
        Summary::ConnectionRefused { address } => {
            format!("{address}: connection refused (nothing listens there)")
        }
        Summary::NoConnection {
            address,
            seconds,
            why,
        } => format!("{address}: no connection within the probe's {seconds}s ({why})"),
        Summary::Plain(answer) => plain(*answer).to_owned(),
        Summary::NoHandshakeInTime { seconds, said } => {
            format!("no TLS handshake within the probe's {seconds}s ({said})")
        }
        Summary::NoHandshake { said } => format!("no TLS handshake: {said}"),
        Summary::Chain { chain, dialled } => {
            let facts = facts(chain);
            match chain.refusal {
                None => format!("{facts}; verified for {dialled} against the CA"),
                Some(_) => format!("{facts}; docker refuses it"),
            }
        }
        Summary::Unjudged(e) => probe_error(e),
        Summary::AnonymousAccepted { status_line } => format!(
            "accepted: GET /_ping without a certificate got \"{status_line}\"; anyone who reaches this port controls the host (dockerd needs --tlsverify)"
        ),
        Summary::AnonymousRefused { said } => format!("refused ({said})"),
        Summary::AnonymousUnclear(seen) => format!(
            "neither answered nor refused after a handshake without a certificate: {}",
            unclear(seen)
        ),
        Summary::ClientRefused { said } => format!("refused: {said}"),
        Summary::RefusedAt { path, said } => format!("GET {path}: {said}"),
        Summary::RequestUnclear { path, seen } => format!("GET {path}: {}", unclear(seen)),
        Summary::Answered { path, status_line } => {
            format!("GET {path} answered \"{status_line}\"")
        }
        Summary::ClientAccepted { ping, version } => format!(
            "accepted; /_ping {ping}; docker {}, API {}",
            version.version, version.api_version
        ),
        Summary::ClientJudged { key, refused } => format!(
            "not sent: dockcert's TLS library (rustls on ring) cannot sign with the client's {} key, which docker can; judged against the CA file instead, dockerd {} its chain",
            server_key(key),
            if *refused { "refuses" } else { "accepts" }
        ),
        Summary::Days(ends) => super::ends::days(ends, Lang::En),
        Summary::OnDisk(compared) => super::ends::on_disk(compared, Lang::En),
        Summary::Skipped(skip) => match skip {
            Skip::NotReachable => "not reachable".to_owned(),
            Skip::NoHandshakeInTime => "no TLS handshake in time".to_owned(),
            Skip::NoTls => "no TLS".to_owned(),
            Skip::ServerRefused => "docker stops at the server's certificate".to_owned(),
            Skip::OwnTlsLibrary => {
                "dockcert's TLS library could not finish this handshake (see its note)".to_owned()
            }
            Skip::OutOfTime { seconds } => format!("the probe's {seconds}s ran out"),
        },
    }
}

/// The leaf's facts. The names are the server's to choose: none may start a
/// line.
fn facts(chain: &ServerChain) -> String {
    format!(
        "{}; SANs {}; issued by {}; expires {}; {}",
        safe(&chain.subject),
        if chain.sans.is_empty() {
            "none".to_owned()
        } else {
            safe(&chain.sans.join(", ")).into_owned()
        },
        safe(&chain.issuer),
        pki::day(chain.not_after),
        server_key(&chain.key)
    )
}

fn lookup(why: &Lookup) -> String {
    match why {
        Lookup::NotStarted(os) => format!("the name could not be looked up: {os}"),
        Lookup::TooSlow { seconds } => {
            format!("the name lookup did not finish within the probe's {seconds}s")
        }
        Lookup::NoAddress => "the name has no address".to_owned(),
        Lookup::Failed(os) => format!("the name does not resolve: {os}"),
    }
}

fn plain(answer: PlainAnswer) -> &'static str {
    match answer {
        PlainAnswer::OpenApi => "the Docker API answers GET /_ping in clear text, without TLS: anyone who reaches this port controls the host",
        PlainAnswer::OtherHttp => "the port answers plain HTTP (not TLS): the docker client with --tlsverify cannot talk to it",
        PlainAnswer::TlsRefusal => "refused: \"Client sent an HTTP request to an HTTPS server\" (the port speaks TLS)",
        PlainAnswer::NoHttp => "no HTTP answer in clear text",
    }
}

fn unclear(seen: &Unclear) -> String {
    match seen {
        Unclear::NoAnswer { seconds } => format!("no answer within the probe's {seconds}s"),
        Unclear::NotHttp { bytes, head } => {
            format!("it answered {bytes} bytes that are not HTTP, starting \"{head}\"")
        }
        Unclear::Other(why) => format!("it answered {why}"),
        Unclear::Said(said) => said.clone(),
    }
}

pub(super) fn server_key(key: &ServerKey) -> String {
    match key {
        ServerKey::Rsa { bits } => format!("RSA {bits}"),
        ServerKey::Ecdsa { curve: Some(curve) } => format!("ECDSA {curve}"),
        ServerKey::Ecdsa { curve: None } => "ECDSA".to_owned(),
        ServerKey::EcdsaOther { oid } => format!("ECDSA ({oid})"),
        ServerKey::Ed25519 => "Ed25519".to_owned(),
        ServerKey::Other { oid } => format!("key algorithm {oid}"),
    }
}

pub(super) fn probe_error(e: &ProbeError) -> String {
    match e {
        ProbeError::NoCertificate => "the server presented no certificate".to_owned(),
        ProbeError::BadServerCertificate(why) => {
            format!("the server's certificate cannot be read: {why}")
        }
        ProbeError::BadCa => {
            "the CA file holds no usable certificate: no certificate in it can be read as a CA"
                .to_owned()
        }
    }
}

pub(super) fn verdict(v: &Verdict) -> String {
    match v {
        Verdict::NotReachable { address } => {
            format!("not reachable: nothing accepted a connection at {address}")
        }
        Verdict::OpenPlain { address } => format!("OPEN API: {address} serves the Docker API without TLS; anyone who reaches it runs containers as root on that host"),
        Verdict::OpenWithoutCertificate { address } => format!("OPEN API: {address} lets in clients without a certificate (--tls without --tlsverify); anyone who reaches it runs containers as root on that host"),
        Verdict::UnknownWithoutCertificate { address } => format!("UNKNOWN: {address} neither answered nor refused a client without a certificate in the time allowed; it may let anyone in (see above)"),
        Verdict::NoTls { address } => format!("{address} does not speak TLS: the docker client cannot use it with --tlsverify"),
        Verdict::NoHandshake { address } => format!("the docker client cannot finish a TLS handshake with {address}, so never sees its certificate (see above)"),
        Verdict::ServerRefused => {
            "the docker client refuses this daemon's certificate (see above)".to_owned()
        }
        Verdict::ClientRefused => "the daemon refuses the client's certificate (see above)".to_owned(),
        Verdict::NotRestarted { path } => super::ends::not_restarted(path, Lang::En),
        Verdict::EndsNow(end) => super::ends::ends(end, true, Lang::En),
        Verdict::EndsSoon(end) => super::ends::ends(end, false, Lang::En),
        Verdict::Unclear { check } => format!(
            "unknown: the check \"{}\" got no clear answer (see above)",
            check_name(*check)
        ),
        Verdict::Healthy { address } => format!("healthy: {address} speaks TLS, is trusted for the name dialled, refuses clients without a certificate and accepts this client"),
    }
}
