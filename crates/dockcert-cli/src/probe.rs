//! `dockcert probe tcp://HOST:PORT`: connect to a live dockerd and check, in
//! order, that it is reachable, that it does not serve the API in clear text,
//! that its certificate is one docker trusts for the name dialled, that a
//! client without a certificate is refused, and that the client's certificate
//! is accepted (then `/_ping` and `/version`).
//!
//! Only the network is here; what each answer means is the core's
//! (`dockcert_core::inspect::probe`). The peer may be hostile: every
//! connection has one deadline for connecting, the handshake and the answer,
//! and every read is bounded (rustls bounds handshake messages; answers stop
//! at [`MAX_ANSWER`]).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dockcert_core::inspect::probe::{
    self, classify_plain_answer, judge_server_chain, plain_http_check, Check, CheckName,
    DaemonVersion, Status,
};
use dockcert_core::{import, show};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use serde_json::json;
use time::OffsetDateTime;

use crate::cli::ProbeArgs;
use crate::docker_env::{self, Endpoint};
use crate::failure::Failure;
use crate::read;

/// The most of an answer read from the peer; `/version` is about 1 KiB.
const MAX_ANSWER: u64 = 64 * 1024;
/// The most of a client file read (a CA file may hold a few certificates).
const MAX_CLIENT_FILE: u64 = 1024 * 1024;

/// Runs `dockcert probe`: exit status 0 healthy, 1 a finding.
pub fn run(args: &ProbeArgs) -> Result<ExitCode, Failure> {
    let endpoint = docker_env::endpoint(args.context.as_deref(), args.host.is_some())?;
    let target = Target::from_args(args, &endpoint)?;
    let files = ClientFiles::from_args(args, &endpoint)?;
    let timeout = Duration::from_secs(args.timeout);
    let checks = probe(&target, &files, timeout);
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
        let text = serde_json::to_string_pretty(&value).map_err(|e| Failure::run(e.to_string()))?;
        println!("{}", show::json(text));
    } else {
        print!(
            "{}",
            show::safe(&human(&address, &files, &checks, &verdict))
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
fn probe(target: &Target, files: &ClientFiles, timeout: Duration) -> Vec<Check> {
    let mut checks = Vec::new();
    let addrs = match target.resolve() {
        Ok(addrs) => addrs,
        Err(why) => {
            checks.push(Check::finding(
                CheckName::Reachable,
                format!("{}: {why}", target.host),
                Some(format!("Cannot connect to the Docker daemon at tcp://{}. Is the docker daemon running?", target.address())),
            ));
            return skip_rest(checks, "not reachable");
        }
    };
    let started = Instant::now();
    match connect(&addrs, timeout) {
        Ok(_) => checks.push(Check::ok(
            CheckName::Reachable,
            format!(
                "{} accepted a TCP connection ({} ms)",
                target.address(),
                started.elapsed().as_millis()
            ),
        )),
        Err(e) => {
            let (summary, said) = if e.kind() == io::ErrorKind::ConnectionRefused {
                (
                    format!(
                        "{}: connection refused (nothing listens there)",
                        target.address()
                    ),
                    format!("Cannot connect to the Docker daemon at tcp://{}. Is the docker daemon running?", target.address()),
                )
            } else {
                (
                    format!("{}: no connection within {}s ({})", target.address(), timeout.as_secs(), net_reason(&e)),
                    format!("Cannot connect to the Docker daemon at tcp://{}. Is the docker daemon running?", target.address()),
                )
            };
            checks.push(Check::finding(CheckName::Reachable, summary, Some(said)));
            return skip_rest(checks, "not reachable");
        }
    }

    let plain = plain_ping(&addrs, target, timeout)
        .map(|answer| classify_plain_answer(&answer))
        .unwrap_or(probe::PlainAnswer::NoHttp);
    checks.push(plain_http_check(plain));

    // Without a client certificate: the server's chain, and whether it lets us in.
    let anonymous = exchange(&addrs, target, files, false, "/_ping", timeout);
    let chain_check = match &anonymous.chain {
        None => {
            let said = anonymous
                .answer
                .as_ref()
                .err()
                .map(tls_words)
                .unwrap_or_default();
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
        Err(e) => Check::ok(
            CheckName::NoClientCertificate,
            format!("refused ({})", tls_words(e)),
        ),
    });

    if !trusted {
        checks.push(Check::skipped(
            CheckName::ClientCertificate,
            "docker stops at the server's certificate",
        ));
        return checks;
    }
    checks.push(with_client(&addrs, target, files, timeout));
    checks
}

/// The client's check: `/_ping`, then `/version`.
fn with_client(addrs: &[SocketAddr], target: &Target, files: &ClientFiles, t: Duration) -> Check {
    let name = CheckName::ClientCertificate;
    let ping = exchange(addrs, target, files, true, "/_ping", t).answer;
    let ping = match ping {
        Ok(answer) => answer,
        Err(e) => {
            let said = tls_words(&e);
            return Check::finding(name, format!("refused: {said}"), Some(said));
        }
    };
    if ping.status != 200 {
        return Check::finding(
            name,
            format!("GET /_ping answered \"{}\"", ping.status_line),
            None,
        );
    }
    let version = match exchange(addrs, target, files, true, "/version", t).answer {
        Ok(answer) if answer.status == 200 => DaemonVersion::from_json(&answer.body),
        Ok(answer) => {
            return Check::finding(
                name,
                format!("GET /version answered \"{}\"", answer.status_line),
                None,
            )
        }
        Err(e) => {
            let said = tls_words(&e);
            return Check::finding(name, format!("GET /version: {said}"), Some(said));
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

/// Where to connect: `tcp://HOST:PORT` as docker's -H takes it.
struct Target {
    host: String,
    port: u16,
}

impl Target {
    fn from_args(args: &ProbeArgs, endpoint: &Endpoint) -> Result<Target, Failure> {
        let (flag, value) = match (&args.host, &endpoint.host) {
            (Some(h), _) => ("HOST".to_owned(), h.clone()),
            (None, Some(h)) => (endpoint.host_source.clone(), h.clone()),
            (None, None) => {
                return Err(Failure::input(
                    "give the daemon to probe as tcp://HOST:PORT (or set DOCKER_HOST, or use --context)",
                ))
            }
        };
        Target::parse(&value).ok_or_else(|| {
            Failure::input(format!(
                "{flag} {value:?}: expected tcp://HOST:PORT (a DNS name, an IPv4 address or [an IPv6 address], and a port)"
            ))
        })
    }

    fn parse(value: &str) -> Option<Target> {
        let rest = value.strip_prefix("tcp://")?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(':') || h.starts_with('[') => (h, p.parse().ok()?),
            // docker's default TLS port.
            _ => (rest, 2376),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || ServerName::try_from(host).is_err() {
            return None;
        }
        Some(Target {
            host: host.to_owned(),
            port,
        })
    }

    fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    fn resolve(&self) -> Result<Vec<SocketAddr>, String> {
        match (self.host.as_str(), self.port).to_socket_addrs() {
            Ok(addrs) => {
                let addrs: Vec<SocketAddr> = addrs.collect();
                if addrs.is_empty() {
                    Err("the name has no address".into())
                } else {
                    Ok(addrs)
                }
            }
            Err(e) => Err(format!("the name does not resolve: {}", net_reason(&e))),
        }
    }
}

/// The client's CA, certificate and key, as docker would read them.
struct ClientFiles {
    ca_path: PathBuf,
    cert_path: PathBuf,
    ca: Vec<Vec<u8>>,
    certs: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

impl ClientFiles {
    fn from_args(args: &ProbeArgs, endpoint: &Endpoint) -> Result<ClientFiles, Failure> {
        let (dir, dir_flag) = match &args.client {
            Some(dir) => (dir.clone(), "--client".to_owned()),
            None => (endpoint.cert_dir.clone(), endpoint.cert_source.clone()),
        };
        let pick = |given: &Option<PathBuf>, flag: &'static str, file: &str| match given {
            Some(p) => (p.clone(), flag.to_owned()),
            None => (dir.join(file), format!("{dir_flag} ({file})")),
        };
        let (ca_path, ca_flag) = pick(&args.tlscacert, "--tlscacert", "ca.pem");
        let (cert_path, cert_flag) = pick(&args.tlscert, "--tlscert", "cert.pem");
        let (key_path, key_flag) = pick(&args.tlskey, "--tlskey", "key.pem");

        let ca_bytes = read_client_file(&ca_path, &ca_flag)?;
        let ca = import::certificates(&ca_bytes).map_err(|_| {
            Failure::input(format!(
                "{ca_flag} {:?}: holds no certificate (PEM or DER)",
                ca_path.display().to_string()
            ))
        })?;
        let cert_bytes = read_client_file(&cert_path, &cert_flag)?;
        let certs = import::certificates(&cert_bytes)
            .map_err(|_| {
                Failure::input(format!(
                    "{cert_flag} {:?}: holds no certificate (PEM or DER)",
                    cert_path.display().to_string()
                ))
            })?
            .into_iter()
            .map(CertificateDer::from)
            .collect();
        let key_bytes = read_client_file(&key_path, &key_flag)?;
        let key = PrivateKeyDer::from_pem_slice(&key_bytes).map_err(|_| {
            Failure::input(format!(
                "{key_flag} {:?}: not an unencrypted PEM private key (docker cannot read encrypted keys either)",
                key_path.display().to_string()
            ))
        })?;
        Ok(ClientFiles {
            ca_path,
            cert_path,
            ca,
            certs,
            key,
        })
    }
}

fn read_client_file(path: &Path, flag: &str) -> Result<zeroize::Zeroizing<Vec<u8>>, Failure> {
    let shown = path.display().to_string();
    read::bounded(path, MAX_CLIENT_FILE).map_err(|e| {
        let why = match e {
            read::ReadError::Io(why) => format!("cannot read it: {why}"),
            read::ReadError::TooLarge => format!(
                "it is larger than the {} a client file may be",
                read::size_text(MAX_CLIENT_FILE)
            ),
            read::ReadError::Folder => "is a folder; give the file".into(),
        };
        Failure::input(format!("{flag} {shown:?}: {why}"))
    })
}

/// A TCP connection to the first address that answers before `timeout`.
fn connect(addrs: &[SocketAddr], timeout: Duration) -> io::Result<TcpStream> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no address");
    for addr in addrs {
        match TcpStream::connect_timeout(addr, timeout) {
            Ok(s) => return Ok(s),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A stream whose every read and write must finish before one deadline, so
/// a peer that trickles bytes cannot hold the probe past it.
struct Deadlined {
    stream: TcpStream,
    deadline: Instant,
}

impl Deadlined {
    fn new(addrs: &[SocketAddr], timeout: Duration) -> io::Result<Deadlined> {
        let deadline = Instant::now() + timeout;
        let stream = connect(addrs, timeout)?;
        Ok(Deadlined { stream, deadline })
    }

    fn arm(&self) -> io::Result<()> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "timed out"));
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.set_write_timeout(Some(left))
    }
}

impl Read for Deadlined {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.arm()?;
        self.stream.read(buf)
    }
}

impl Write for Deadlined {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.arm()?;
        self.stream.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

fn request(target: &Target, path: &str) -> String {
    format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: dockcert-probe\r\nConnection: close\r\n\r\n",
        target.address()
    )
}

/// Everything the peer sends, up to [`MAX_ANSWER`] bytes, until it closes,
/// stops in time, or the deadline passes.
fn read_answer(stream: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut answer = Vec::new();
    match stream.take(MAX_ANSWER).read_to_end(&mut answer) {
        Ok(_) => Ok(answer),
        // What came before the peer stopped is its answer.
        Err(_) if !answer.is_empty() => Ok(answer),
        Err(e) => Err(e),
    }
}

/// `GET /_ping` in clear text; what came back.
fn plain_ping(addrs: &[SocketAddr], target: &Target, timeout: Duration) -> io::Result<Vec<u8>> {
    let mut stream = Deadlined::new(addrs, timeout)?;
    stream.write_all(request(target, "/_ping").as_bytes())?;
    read_answer(&mut stream)
}

/// What one TLS connection gave: the server's chain (when the handshake got
/// that far) and the HTTP answer or why there was none.
struct Exchange {
    chain: Option<Vec<Vec<u8>>>,
    answer: io::Result<HttpAnswer>,
}

/// An HTTP answer: status and body.
struct HttpAnswer {
    status: u16,
    status_line: String,
    body: Vec<u8>,
}

/// One TLS connection: handshake (with the client's certificate when
/// `with_cert`), `GET path`, the answer.
fn exchange(
    addrs: &[SocketAddr],
    target: &Target,
    files: &ClientFiles,
    with_cert: bool,
    path: &str,
    timeout: Duration,
) -> Exchange {
    let recorder = Arc::new(ChainRecorder::default());
    let answer = tls_get(addrs, target, files, with_cert, path, timeout, &recorder);
    let chain = recorder.chain.lock().ok().and_then(|c| c.clone());
    Exchange { chain, answer }
}

fn tls_get(
    addrs: &[SocketAddr],
    target: &Target,
    files: &ClientFiles,
    with_cert: bool,
    path: &str,
    timeout: Duration,
    recorder: &Arc<ChainRecorder>,
) -> io::Result<HttpAnswer> {
    let invalid = |e: rustls::Error| io::Error::new(io::ErrorKind::InvalidInput, e);
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(invalid)?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone());
    let config = if with_cert {
        builder
            .with_client_auth_cert(files.certs.clone(), files.key.clone_key())
            .map_err(invalid)?
    } else {
        builder.with_no_client_auth()
    };
    let name = ServerName::try_from(target.host.clone())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let conn = rustls::ClientConnection::new(Arc::new(config), name).map_err(invalid)?;
    let mut tls = rustls::StreamOwned::new(conn, Deadlined::new(addrs, timeout)?);
    tls.write_all(request(target, path).as_bytes())?;
    tls.flush()?;
    let raw = read_answer(&mut tls)?;
    parse_answer(&raw)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "the answer is not HTTP"))
}

/// An HTTP/1.x answer's status and body (chunked bodies joined).
fn parse_answer(raw: &[u8]) -> Option<HttpAnswer> {
    let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..head_end]);
    let status_line: String = head.lines().next()?.chars().take(120).collect();
    if !status_line.starts_with("HTTP/1.") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let mut body = raw[head_end + 4..].to_vec();
    let chunked = head.lines().any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("transfer-encoding:") && l.contains("chunked")
    });
    if chunked {
        body = unchunk(&body);
    }
    Some(HttpAnswer {
        status,
        status_line,
        body,
    })
}

/// A chunked body's data, as far as it is well formed.
fn unchunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&rest[..eol]);
        let size_text = size_text.split(';').next().unwrap_or("").trim().to_owned();
        let Ok(size) = usize::from_str_radix(&size_text, 16) else {
            break;
        };
        let start = eol + 2;
        let Some(chunk) = rest.get(start..start.saturating_add(size)) else {
            break;
        };
        if size == 0 {
            break;
        }
        out.extend_from_slice(chunk);
        rest = rest.get(start + size + 2..).unwrap_or_default();
    }
    out
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Takes the server's chain as sent and lets the handshake go on: the core
/// judges the chain afterwards (docker's order and words), so every check
/// runs whatever the chain is. The handshake's signatures are still checked
/// against the presented certificate.
#[derive(Debug, Default)]
struct ChainRecorder {
    chain: Mutex<Option<Vec<Vec<u8>>>>,
}

impl ServerCertVerifier for ChainRecorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let chain = std::iter::once(end_entity)
            .chain(intermediates)
            .map(|c| c.to_vec())
            .collect();
        if let Ok(mut slot) = self.chain.lock() {
            *slot = Some(chain);
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A failed TLS exchange in the words docker's Go client uses for it, so the
/// core's `--explain` table can say what it means.
fn tls_words(e: &io::Error) -> String {
    use rustls::AlertDescription as A;
    if let Some(tls) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return match tls {
            rustls::Error::AlertReceived(A::BadCertificate) => {
                "remote error: tls: bad certificate".into()
            }
            rustls::Error::AlertReceived(A::CertificateRequired) => {
                "remote error: tls: certificate required".into()
            }
            rustls::Error::AlertReceived(A::UnknownCA) => {
                "remote error: tls: unknown certificate authority".into()
            }
            rustls::Error::AlertReceived(A::UnsupportedCertificate) => {
                "remote error: tls: unsupported certificate".into()
            }
            rustls::Error::AlertReceived(other) => {
                format!("remote error: tls: {other:?}")
            }
            rustls::Error::InvalidMessage(_) => {
                "tls: first record does not look like a TLS handshake".into()
            }
            other => format!("tls: {other}"),
        };
    }
    match e.kind() {
        io::ErrorKind::ConnectionReset => "read: connection reset by peer".into(),
        io::ErrorKind::BrokenPipe => "write: broken pipe".into(),
        io::ErrorKind::UnexpectedEof => "EOF".into(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => "i/o timeout".into(),
        _ => net_reason(e),
    }
}

fn net_reason(e: &io::Error) -> String {
    crate::failure::io_reason(e)
}

/// The report: one line per check, docker's words and their meaning under a
/// finding, then the verdict.
fn human(address: &str, files: &ClientFiles, checks: &[Check], verdict: &probe::Verdict) -> String {
    use std::fmt::Write as _;
    let mut t = format!(
        "dockcert probe tcp://{address} (CA {}, client certificate {})\n",
        files.ca_path.display(),
        files.cert_path.display()
    );
    for c in checks {
        let label = match c.status {
            Status::Ok => "ok     ",
            Status::Finding => "FINDING",
            Status::Skipped => "skipped",
        };
        let _ = writeln!(t, "  {label} {}: {}", c.name.label(), c.summary);
        if let Some(said) = &c.docker_says {
            let _ = writeln!(t, "          docker says: \"{said}\"");
        }
        if let Some(e) = c.explanation {
            let _ = writeln!(t, "          cause: {}", e.cause);
            let _ = writeln!(t, "          fix:   {}", e.fix);
        }
    }
    let _ = writeln!(t, "\nVerdict: {}", verdict.text);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_as_docker_reads_them() {
        let t = Target::parse("tcp://docker1.example.com:2376").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("docker1.example.com", 2376));
        let t = Target::parse("tcp://[::1]:12376").unwrap();
        assert_eq!(
            (t.host.as_str(), t.address()),
            ("::1", "[::1]:12376".into())
        );
        assert_eq!(Target::parse("tcp://10.0.0.5").unwrap().port, 2376);
        for bad in [
            "docker1:2376",
            "tcp://:2376",
            "tcp://a b:1",
            "tcp://h:99999",
            "unix:///var/run/docker.sock",
        ] {
            assert!(Target::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn answers_are_parsed_and_bounded() {
        let a = parse_answer(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!((a.status, a.body.as_slice()), (200, &b"OK"[..]));
        assert!(parse_answer(b"garbage").is_none());
        let huge = vec![b'a'; 1 << 20];
        let got = read_answer(&mut huge.as_slice()).unwrap();
        assert_eq!(got.len() as u64, MAX_ANSWER);
    }
}
