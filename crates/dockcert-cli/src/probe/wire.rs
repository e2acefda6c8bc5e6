//! The wire: the name lookup, deadlined connections, HTTP over TCP and TLS
//! (what a handshake records is [`super::recorder`]'s). It knows nothing of
//! the checks: `probe` (the
//! parent) asks, this module only looks up, connects and reads, everything
//! under the one deadline of the whole command and every read bounded.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{mpsc, Arc};

use dockcert_core::inspect::probe::Lookup;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::sign::CertifiedKey;
use rustls::ClientConfig;

use super::deadline::Deadline;
use super::recorder::{provider, ChainRecorder, ClientSide, P521Key};

/// The most of an answer read from the peer; `/version` is about 1 KiB.
const MAX_ANSWER: u64 = 64 * 1024;

/// Where to connect: `tcp://HOST:PORT` as docker's -H takes it.
pub(super) struct Target {
    pub(super) host: String,
    pub(super) port: u16,
}

impl Target {
    pub(super) fn parse(value: &str) -> Option<Target> {
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

    pub(super) fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The name's addresses, looked up on a thread of its own: the system's
    /// resolver has no deadline (a DNS server that never answers holds it
    /// for as long as resolv.conf's retries), and the probe's is kept. A
    /// lookup still running at the deadline is left behind, to end with the
    /// process. A fully qualified name's trailing dot is dropped for the
    /// lookup, as Go's resolver does (glibc finds no hosts entry with it);
    /// the name dialled and judged keeps it.
    pub(super) fn resolve(&self, deadline: Deadline) -> Result<Vec<SocketAddr>, Lookup> {
        let host = self.host.strip_suffix('.').unwrap_or(&self.host).to_owned();
        let port = self.port;
        let (sender, answer) = mpsc::channel();
        let lookup = std::thread::Builder::new()
            .name("probe-lookup".into())
            .spawn(move || {
                let found = (host.as_str(), port)
                    .to_socket_addrs()
                    .map(Iterator::collect::<Vec<_>>);
                // The probe may have stopped waiting; then nobody needs it.
                let _ = sender.send(found);
            });
        if let Err(e) = lookup {
            return Err(Lookup::NotStarted(crate::failure::io_reason(&e)));
        }
        let found = match answer.recv_timeout(deadline.left()) {
            Ok(found) => found,
            Err(_) => {
                return Err(Lookup::TooSlow {
                    seconds: deadline.seconds(),
                })
            }
        };
        match found {
            Ok(addrs) => {
                if addrs.is_empty() {
                    Err(Lookup::NoAddress)
                } else {
                    Ok(addrs)
                }
            }
            Err(e) => Err(Lookup::Failed(crate::failure::io_reason(&e))),
        }
    }
}
/// A TCP connection to the first address that answers before `deadline`.
pub(super) fn connect(addrs: &[SocketAddr], deadline: Deadline) -> io::Result<TcpStream> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no address");
    for addr in addrs {
        match TcpStream::connect_timeout(addr, deadline.remaining()?) {
            Ok(s) => return Ok(s),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A stream whose every read and write must finish before the deadline, so
/// a peer that trickles bytes cannot hold the probe past it.
struct Deadlined {
    stream: TcpStream,
    deadline: Deadline,
}

impl Deadlined {
    fn new(addrs: &[SocketAddr], deadline: Deadline) -> io::Result<Deadlined> {
        let stream = connect(addrs, deadline)?;
        Ok(Deadlined { stream, deadline })
    }

    fn arm(&self) -> io::Result<()> {
        let left = self.deadline.remaining()?;
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
pub(super) fn plain_ping(
    addrs: &[SocketAddr],
    target: &Target,
    deadline: Deadline,
) -> io::Result<Vec<u8>> {
    let mut stream = Deadlined::new(addrs, deadline)?;
    stream.write_all(request(target, "/_ping").as_bytes())?;
    read_answer(&mut stream)
}

/// What one TLS connection gave: the server's chain (when the handshake got
/// that far), the CA names it announced (when it asked for a client
/// certificate), whether it signed with a key dockcert's TLS library cannot
/// check, and the HTTP answer or why there was none.
pub(super) struct Exchange {
    pub(super) chain: Option<Vec<Vec<u8>>>,
    pub(super) announced: Option<Vec<Vec<u8>>>,
    pub(super) unchecked: bool,
    /// The signature not checked was a SHA-1 one.
    pub(super) sha1: bool,
    pub(super) answer: io::Result<HttpAnswer>,
}

/// An HTTP answer: status and body.
pub(super) struct HttpAnswer {
    pub(super) status: u16,
    pub(super) status_line: String,
    pub(super) body: Vec<u8>,
}

/// The client's certificate chain and key, as the TLS handshake offers them.
pub(super) struct ClientCert {
    pub(super) certs: Vec<CertificateDer<'static>>,
    pub(super) key: PrivateKeyDer<'static>,
}

impl ClientCert {
    /// The chain with its key loaded for signing: by ring, or, for a P-521
    /// key ring lacks, by the core; an error when neither can sign with it
    /// (a key Go's TLS cannot use either, or one it can and dockcert not).
    pub(super) fn signing(&self) -> Result<Arc<CertifiedKey>, rustls::Error> {
        let key = match provider()
            .key_provider
            .load_private_key(self.key.clone_key())
        {
            Ok(key) => key,
            Err(e) => match P521Key::from_der(self.key.secret_der()) {
                Some(p521) => Arc::new(p521),
                None => return Err(e),
            },
        };
        Ok(Arc::new(CertifiedKey::new(self.certs.clone(), key)))
    }
}

/// One TLS connection: handshake (offering `client`'s certificate, if
/// any, when Go's client would), `GET path`, the answer.
pub(super) fn exchange(
    addrs: &[SocketAddr],
    target: &Target,
    client: Option<&Arc<CertifiedKey>>,
    path: &str,
    deadline: Deadline,
) -> Exchange {
    let recorder = Arc::new(ChainRecorder::default());
    let side = Arc::new(ClientSide {
        key: client.cloned(),
        ..ClientSide::default()
    });
    let answer = tls_get(addrs, target, path, deadline, &recorder, &side);
    Exchange {
        chain: recorder.chain.lock().ok().and_then(|c| c.clone()),
        announced: side.announced.lock().ok().and_then(|a| a.clone()),
        unchecked: recorder
            .unchecked
            .load(std::sync::atomic::Ordering::Relaxed),
        sha1: recorder.sha1.load(std::sync::atomic::Ordering::Relaxed),
        answer,
    }
}

fn tls_get(
    addrs: &[SocketAddr],
    target: &Target,
    path: &str,
    deadline: Deadline,
    recorder: &Arc<ChainRecorder>,
    side: &Arc<ClientSide>,
) -> io::Result<HttpAnswer> {
    let invalid = |e: rustls::Error| io::Error::new(io::ErrorKind::InvalidInput, e);
    let config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(invalid)?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_client_cert_resolver(side.clone());
    let name = ServerName::try_from(target.host.clone())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let conn = rustls::ClientConnection::new(Arc::new(config), name).map_err(invalid)?;
    let mut tls = rustls::StreamOwned::new(conn, Deadlined::new(addrs, deadline)?);
    tls.write_all(request(target, path).as_bytes())?;
    tls.flush()?;
    let raw = read_answer(&mut tls)?;
    if raw.is_empty() {
        // Closed (with close_notify) without a word: the connection's end is the answer.
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "closed without answering",
        ));
    }
    parse_answer(&raw).ok_or_else(|| {
        let head: String = raw
            .iter()
            .take(32)
            .flat_map(|b| b.escape_ascii())
            .map(char::from)
            .collect();
        io::Error::new(
            io::ErrorKind::InvalidData,
            NotHttp {
                bytes: raw.len(),
                head,
            },
        )
    })
}

/// An answer that is not HTTP: how long, and its first bytes escaped.
#[derive(Debug)]
pub(super) struct NotHttp {
    pub(super) bytes: usize,
    pub(super) head: String,
}

impl std::fmt::Display for NotHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} bytes that are not HTTP, starting \"{}\"",
            self.bytes, self.head
        )
    }
}

impl std::error::Error for NotHttp {}

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
