//! `dockcert probe tcp://HOST:PORT`: connect to a live dockerd and check, in
//! order, that it is reachable, that it does not serve the API in clear text,
//! that its certificate is one docker trusts for the name dialled, that a
//! client without a certificate is refused, and that the client's certificate
//! is accepted (then `/_ping` and `/version`).
//!
//! Here are the checks' order and the report; the connections are
//! [`wire`]'s, and what each answer means is the core's
//! (`dockcert_core::inspect::probe`). The peer may be hostile: the whole
//! command has one deadline (`--timeout`), from the name lookup to the last
//! answer, and every read is bounded (rustls bounds handshake messages;
//! answers stop at 64 KiB). A server "refuses" only when its TLS alert or
//! the connection's end says so; silence or an odd answer is "unknown",
//! with what was seen.

use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use dockcert_core::inspect::probe::{
    self, classify_plain_answer, judge_server_chain, plain_http_check, Check, CheckName,
    DaemonVersion, Status,
};
use dockcert_core::{import, show};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::json;
use time::OffsetDateTime;

use crate::cli::ProbeArgs;
use crate::docker_env::{self, Endpoint};
use crate::failure::{io_reason, Failure};
use crate::problem::{FileRole, Flag, Named, Problem};
use crate::read;

mod answer;
mod deadline;
mod wire;

use answer::{refused, timed_out, tls_words, unclear};
use deadline::Deadline;
use wire::{connect, exchange, plain_ping, ClientCert, Target};

/// The most of a client file read (a CA file may hold a few certificates).
const MAX_CLIENT_FILE: u64 = 1024 * 1024;

/// Runs `dockcert probe`: exit status 0 healthy, 1 a finding.
pub(crate) fn run(args: &ProbeArgs) -> Result<ExitCode, Failure> {
    let endpoint = docker_env::endpoint(args.context.as_deref(), args.host.is_some())?;
    let target = Target::from_args(args, &endpoint)?;
    let files = ClientFiles::from_args(args, &endpoint)?;
    let checks = probe(&target, &files, Deadline::after(args.timeout));
    let address = target.address();
    let verdict = probe::verdict(&checks, &address);
    if args.json {
        let value = json!({
            "target": format!("tcp://{address}"),
            "ca": files.ca_path.display().to_string(),
            "cert": files.cert_path.display().to_string(),
            "checks": checks,
            "verdict": verdict,
        });
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| Failure::run(Problem::Json(e.to_string())))?;
        println!("{}", show::json(text));
    } else {
        print!(
            "{}",
            show::safe_document(&human(&address, &files, &checks, &verdict))
        );
    }
    Ok(if verdict.healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Runs the checks in order; a check that an earlier one makes meaningless
/// is skipped.
fn probe(target: &Target, files: &ClientFiles, deadline: Deadline) -> Vec<Check> {
    let mut checks = Vec::new();
    // What docker says when it cannot reach the daemon, whatever the cause.
    let unreachable = format!(
        "Cannot connect to the Docker daemon at tcp://{}. Is the docker daemon running?",
        target.address()
    );
    let addrs = match target.resolve(deadline) {
        Ok(addrs) => addrs,
        Err(why) => {
            checks.push(Check::finding(
                CheckName::Reachable,
                format!("{}: {why}", target.host),
                Some(unreachable),
            ));
            return skip_rest(checks, "not reachable");
        }
    };
    let started = Instant::now();
    match connect(&addrs, deadline) {
        Ok(_) => checks.push(Check::ok(
            CheckName::Reachable,
            format!(
                "{} accepted a TCP connection ({} ms)",
                target.address(),
                started.elapsed().as_millis()
            ),
        )),
        Err(e) => {
            let summary = if e.kind() == io::ErrorKind::ConnectionRefused {
                format!(
                    "{}: connection refused (nothing listens there)",
                    target.address()
                )
            } else {
                format!(
                    "{}: no connection within the probe's {}s ({})",
                    target.address(),
                    deadline.seconds(),
                    io_reason(&e)
                )
            };
            checks.push(Check::finding(
                CheckName::Reachable,
                summary,
                Some(unreachable),
            ));
            return skip_rest(checks, "not reachable");
        }
    }

    let plain = plain_ping(&addrs, target, deadline)
        .map(|answer| classify_plain_answer(&answer))
        .unwrap_or(probe::PlainAnswer::NoHttp);
    checks.push(plain_http_check(plain));

    // Without a client certificate: the server's chain, and whether it lets us in.
    let anonymous = exchange(&addrs, target, None, "/_ping", deadline);
    let chain_check = match &anonymous.chain {
        None => {
            let error = anonymous.answer.as_ref().err();
            let said = error.map(tls_words).unwrap_or_default();
            if error.is_some_and(timed_out) {
                checks.push(Check::unknown(
                    CheckName::ServerCertificate,
                    format!(
                        "no TLS handshake within the probe's {}s ({said})",
                        deadline.seconds()
                    ),
                ));
                return skip_rest(checks, "no TLS handshake in time");
            }
            checks.push(Check::finding(
                CheckName::ServerCertificate,
                format!("no TLS handshake: {said}"),
                Some(said),
            ));
            return skip_rest(checks, "no TLS");
        }
        Some(chain) => {
            match judge_server_chain(chain, &files.ca, &target.host, OffsetDateTime::now_utc()) {
                Ok(judged) => judged.check(&target.host),
                Err(e) => Check::finding(CheckName::ServerCertificate, e.to_string(), None),
            }
        }
    };
    let trusted = chain_check.status == Status::Ok;
    checks.push(chain_check);
    checks.push(match &anonymous.answer {
        Ok(answer) => Check::finding(
            CheckName::NoClientCertificate,
            format!(
                "accepted: GET /_ping without a certificate got \"{}\"; anyone who reaches this port controls the host (dockerd needs --tlsverify)",
                answer.status_line
            ),
            None,
        ),
        Err(e) if refused(e) => Check::ok(
            CheckName::NoClientCertificate,
            format!("refused ({})", tls_words(e)),
        ),
        Err(e) => Check::unknown(
            CheckName::NoClientCertificate,
            format!(
                "neither answered nor refused after a handshake without a certificate: {}",
                unclear(e, deadline)
            ),
        ),
    });

    if !trusted {
        checks.push(Check::skipped(
            CheckName::ClientCertificate,
            "docker stops at the server's certificate",
        ));
        return checks;
    }
    if deadline.passed() {
        checks.push(Check::skipped(
            CheckName::ClientCertificate,
            format!("the probe's {}s ran out", deadline.seconds()),
        ));
        return checks;
    }
    checks.push(with_client(&addrs, target, files, deadline));
    checks
}

/// The client's check: `/_ping`, then `/version`.
fn with_client(addrs: &[SocketAddr], target: &Target, files: &ClientFiles, t: Deadline) -> Check {
    let name = CheckName::ClientCertificate;
    let ping = exchange(addrs, target, Some(&files.cert), "/_ping", t).answer;
    let ping = match ping {
        Ok(answer) => answer,
        Err(e) if refused(&e) => {
            let said = tls_words(&e);
            return Check::finding(name, format!("refused: {said}"), Some(said));
        }
        Err(e) => {
            return Check::unknown(name, format!("GET /_ping: {}", unclear(&e, t)));
        }
    };
    if ping.status != 200 {
        return Check::finding(
            name,
            format!("GET /_ping answered \"{}\"", ping.status_line),
            None,
        );
    }
    let version = match exchange(addrs, target, Some(&files.cert), "/version", t).answer {
        Ok(answer) if answer.status == 200 => DaemonVersion::from_json(&answer.body),
        Ok(answer) => {
            return Check::finding(
                name,
                format!("GET /version answered \"{}\"", answer.status_line),
                None,
            )
        }
        Err(e) if refused(&e) => {
            let said = tls_words(&e);
            return Check::finding(name, format!("GET /version: {said}"), Some(said));
        }
        Err(e) => {
            return Check::unknown(name, format!("GET /version: {}", unclear(&e, t)));
        }
    };
    Check::ok(
        name,
        format!(
            "accepted; /_ping {}; docker {}, API {}",
            String::from_utf8_lossy(&ping.body).trim(),
            version.version,
            version.api_version
        ),
    )
}

fn skip_rest(mut checks: Vec<Check>, why: &str) -> Vec<Check> {
    let all = [
        CheckName::Reachable,
        CheckName::PlainHttp,
        CheckName::ServerCertificate,
        CheckName::NoClientCertificate,
        CheckName::ClientCertificate,
    ];
    for name in all.into_iter().skip(checks.len()) {
        checks.push(Check::skipped(name, why));
    }
    checks
}

impl Target {
    fn from_args(args: &ProbeArgs, endpoint: &Endpoint) -> Result<Target, Failure> {
        let (flag, value) = match (&args.host, &endpoint.host) {
            (Some(h), _) => (Flag::plain("HOST"), h.clone()),
            (None, Some(h)) => (endpoint.host_source.clone(), h.clone()),
            (None, None) => return Err(Failure::input(Problem::NoDaemon)),
        };
        Target::parse(&value)
            .ok_or_else(|| Failure::input(Problem::BadDaemon(Named::by(flag, &value))))
    }
}

/// The client's CA, certificate and key, as docker would read them.
struct ClientFiles {
    ca_path: PathBuf,
    cert_path: PathBuf,
    ca: Vec<Vec<u8>>,
    cert: ClientCert,
}

impl ClientFiles {
    fn from_args(args: &ProbeArgs, endpoint: &Endpoint) -> Result<ClientFiles, Failure> {
        let (dir, dir_flag) = match &args.client {
            Some(dir) => (dir.clone(), Flag::plain("--client")),
            None => (endpoint.cert_dir.clone(), endpoint.cert_source.clone()),
        };
        let pick = |given: &Option<PathBuf>, flag: &'static str, file: &str| match given {
            Some(p) => (p.clone(), Flag::plain(flag)),
            None => (
                dir.join(file),
                Flag::InFolder {
                    folder: Box::new(dir_flag.clone()),
                    file: file.to_owned(),
                },
            ),
        };
        let (ca_path, ca_flag) = pick(&args.tlscacert, "--tlscacert", "ca.pem");
        let (cert_path, cert_flag) = pick(&args.tlscert, "--tlscert", "cert.pem");
        let (key_path, key_flag) = pick(&args.tlskey, "--tlskey", "key.pem");

        let ca = read_certificates(&ca_path, &ca_flag)?;
        let certs = read_certificates(&cert_path, &cert_flag)?
            .into_iter()
            .map(CertificateDer::from)
            .collect();
        let key_bytes = read_client_file(&key_path, &key_flag)?;
        let key = PrivateKeyDer::from_pem_slice(&key_bytes).map_err(|_| {
            Failure::input(Problem::KeyNotPem(Named::by(key_flag, key_path.display())))
        })?;
        Ok(ClientFiles {
            ca_path,
            cert_path,
            ca,
            cert: ClientCert { certs, key },
        })
    }
}

/// The certificates (PEM or DER) in the client file `path`, named `flag`.
fn read_certificates(path: &Path, flag: &Flag) -> Result<Vec<Vec<u8>>, Failure> {
    let bytes = read_client_file(path, flag)?;
    import::certificates(&bytes).map_err(|_| {
        Failure::input(Problem::NoCertificate(Named::by(
            flag.clone(),
            path.display(),
        )))
    })
}

fn read_client_file(path: &Path, flag: &Flag) -> Result<zeroize::Zeroizing<Vec<u8>>, Failure> {
    let shown = path.display().to_string();
    read::bounded(path, MAX_CLIENT_FILE).map_err(|e| {
        let named = Named::by(flag.clone(), &shown);
        Failure::input(Problem::reading(
            named,
            FileRole::ClientFile,
            MAX_CLIENT_FILE,
            e,
        ))
    })
}

/// The report: one line per check, docker's words and their meaning under a
/// finding, then the verdict. What the daemon sent (a subject, a status line,
/// a version) is in the checks' texts: each is put in with [`show::safe`],
/// so none can start a line of its own ("Verdict: healthy").
fn human(address: &str, files: &ClientFiles, checks: &[Check], verdict: &probe::Verdict) -> String {
    use std::fmt::Write as _;
    let safe = show::safe;
    let mut t = format!(
        "dockcert probe tcp://{} (CA {}, client certificate {})\n",
        safe(address),
        show::quoted(&files.ca_path.display().to_string()),
        show::quoted(&files.cert_path.display().to_string())
    );
    for c in checks {
        let label = match c.status {
            Status::Ok => "ok     ",
            Status::Finding => "FINDING",
            Status::Skipped => "skipped",
            Status::Unknown => "UNKNOWN",
        };
        let _ = writeln!(t, "  {label} {}: {}", c.name.label(), safe(&c.summary));
        if let Some(said) = &c.docker_says {
            let _ = writeln!(t, "          docker says: \"{}\"", safe(said));
        }
        if let Some(e) = c.explanation {
            let _ = writeln!(t, "          cause: {}", e.cause);
            let _ = writeln!(t, "          fix:   {}", e.fix);
        }
    }
    let _ = writeln!(t, "\nVerdict: {}", safe(&verdict.text));
    t
}
