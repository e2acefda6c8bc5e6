//! The host's expiry check (`dockcert-expiry-check`) as it runs on a host
//! installed under a root of the test's own: the real script under a shifted
//! clock (faketime), with the real logger sending to a unix datagram socket
//! the test binds (DOCKCERT_LOG_SOCKET), so what reaches syslog is read as
//! syslog would read it.

use std::fs;
use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::process::Command;

use crate::{require_tool, run, Run};

/// A day in seconds.
pub const DAY: i64 = 86_400;
/// The syslog priority of daemon.warning.
pub const WARNING: &str = "<28>";
/// The syslog priority of daemon.err.
pub const ERROR: &str = "<27>";

/// The check installed under `root` (ROOT/usr/local/sbin/dockcert-expiry-check
/// --root ROOT), run under faketime from AT (`@` and Unix time, or
/// faketime's own `+N days`) with `path` as PATH, its log sent to a socket
/// at `socket_path`: its exit status and every message the real logger sent.
pub fn check(root: &Path, at: &str, path: &str, socket_path: &Path) -> (Run, Vec<String>) {
    let _ = fs::remove_file(socket_path);
    let socket = UnixDatagram::bind(socket_path).unwrap();
    let faketime = require_tool("faketime");
    let shown = at
        .strip_prefix('@')
        .map_or_else(|| at.to_owned(), |unix| date_of(unix.parse().unwrap()));
    let done = run(Command::new(faketime)
        .arg(shown)
        .arg("sh")
        .arg(root.join("usr/local/sbin/dockcert-expiry-check"))
        .arg("--root")
        .arg(root)
        .env("TZ", "UTC")
        .env("PATH", path)
        .env("DOCKCERT_LOG_SOCKET", socket_path));
    // logger has sent everything before the script ended.
    socket.set_nonblocking(true).unwrap();
    let mut said = Vec::new();
    let mut buf = vec![0u8; 65_536];
    while let Ok(n) = socket.recv(&mut buf) {
        said.push(String::from_utf8(buf[..n].to_vec()).unwrap());
    }
    (done, said)
}

/// `unix` as faketime's absolute form takes it (`YYYY-MM-DD HH:MM:SS`, UTC).
pub fn date_of(unix: i64) -> String {
    let out = run(Command::new("date")
        .env("TZ", "UTC")
        .arg("-d")
        .arg(format!("@{unix}"))
        .arg("+%Y-%m-%d %H:%M:%S"))
    .ok();
    out.stdout.trim().to_owned()
}

/// A certificate file's notAfter as Unix time: openssl's words, read by date.
pub fn end_of(cert: &Path) -> i64 {
    let enddate = run(Command::new("openssl")
        .args(["x509", "-enddate", "-noout", "-in"])
        .arg(cert))
    .ok();
    let text = enddate
        .stdout
        .trim()
        .strip_prefix("notAfter=")
        .unwrap()
        .to_owned();
    let unix = run(Command::new("date")
        .env("TZ", "UTC")
        .arg("-d")
        .arg(&text)
        .arg("+%s"))
    .ok();
    unix.stdout.trim().parse().unwrap()
}

/// A syslog message's priority (`<28>`: daemon.warning) and its text.
pub fn priority_and_text(said: &str) -> (&str, &str) {
    let close = said.find('>').unwrap();
    let text = said.split_once(" dockcert: ").unwrap().1;
    (&said[..=close], text)
}

/// promtool check metrics accepts `metric`.
pub fn promtool_accepts(metric: &str) {
    require_tool("promtool");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dockcert.prom");
    fs::write(&file, metric).unwrap();
    run(Command::new("sh")
        .arg("-c")
        .arg(r#"promtool check metrics < "$1""#)
        .arg("sh")
        .arg(&file))
    .ok();
}

/// What the check's data must say of the file `file` (every certificate
/// in it, in order), as the real programs read it: the file's SHA-256 as
/// sha256sum prints it, and each certificate's notAfter as Unix time,
/// serial and SHA-256 fingerprint as openssl x509 prints them.
pub fn facts_of(file: &Path) -> Vec<[String; 4]> {
    let sum = run(Command::new("sha256sum").arg(file)).ok();
    let sum = sum.stdout.split(' ').next().unwrap().to_owned();
    let pem = fs::read_to_string(file).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let end_marker = "-----END CERTIFICATE-----";
    pem.split_inclusive(end_marker)
        .filter(|block| block.contains(end_marker))
        .enumerate()
        .map(|(i, block)| {
            let one = dir.path().join(format!("{i}.pem"));
            fs::write(&one, format!("{}\n", block.trim())).unwrap();
            let out = run(Command::new("openssl")
                .args([
                    "x509",
                    "-noout",
                    "-serial",
                    "-fingerprint",
                    "-sha256",
                    "-in",
                ])
                .arg(&one))
            .ok();
            let field = |name: &str| {
                out.stdout
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .unwrap()
                    .to_owned()
            };
            let serial = field("serial=");
            let fingerprint = field("sha256 Fingerprint=");
            [sum.clone(), end_of(&one).to_string(), serial, fingerprint]
        })
        .collect()
}
