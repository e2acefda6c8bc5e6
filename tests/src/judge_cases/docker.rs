//! Serving a case with `openssl s_server` and letting the real docker
//! client judge it.

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::ServerCase;
use crate::judge::isolate;
use crate::{free_port, require_tool, run, with_hosts};

/// What the docker client did with a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// TLS went through (the version request then failed on s_server's HTML).
    Accepted,
    /// docker refused the TLS connection and said this (its `remote error:
    /// …`, `tls: …` or `x509: …` words, from the first of them to the end
    /// of the line).
    Refused(String),
}

impl Verdict {
    /// Whether docker accepted.
    pub fn accepted(&self) -> bool {
        matches!(self, Verdict::Accepted)
    }

    /// docker's message, "" when it accepted.
    pub fn message(&self) -> &str {
        match self {
            Verdict::Accepted => "",
            Verdict::Refused(m) => m,
        }
    }

    /// docker's `x509: …` message (the part after `tls: failed to verify
    /// certificate: ` and the like), or the whole message when there is none.
    pub fn x509(&self) -> &str {
        let m = self.message();
        m.find("x509: ").map_or(m, |at| &m[at..])
    }

    /// What a report must quote: [`Verdict::x509`] without the part that
    /// changes every run (`: current time … is after …`).
    pub fn quotable(&self) -> &str {
        let m = self.x509();
        m.find(": current time ").map_or(m, |at| &m[..at])
    }
}

/// A running `openssl s_server`, stopped on drop.
pub struct Served {
    child: Child,
    /// The port it listens on.
    pub port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves `case` with `openssl s_server -www` on a free port: its leaf,
/// the intermediates of `chain.pem` with `-cert_chain`, any key size (the
/// security level is 0: docker, not OpenSSL, is the judge here).
pub fn serve(case: &ServerCase) -> Served {
    require_tool("openssl");
    for _ in 0..5 {
        let port = free_port();
        let log = case.dir.join(format!("s_server-{port}.log"));
        let mut cmd = Command::new("openssl");
        cmd.current_dir(&case.dir)
            .arg("s_server")
            .arg("-accept")
            .arg(format!("{}:{port}", case.listen))
            .args(["-cert", "leaf.pem", "-key", "server-key.pem"])
            .args(["-www", "-cipher", "DEFAULT:@SECLEVEL=0", "-quiet"]);
        if case.chain {
            cmd.args(["-cert_chain", "chain.pem"]);
        }
        if case.tls12 {
            cmd.arg("-no_tls1_3");
        }
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // A file, not a pipe nobody reads while it runs (a full pipe
            // would stall it).
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let addr = format!("{}:{port}", case.listen);
        let started = Instant::now();
        loop {
            if TcpStream::connect(&addr).is_ok() {
                return Served { child, port };
            }
            if let Ok(Some(_)) = child.try_wait() {
                break; // the port was taken meanwhile, or s_server refused the files
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{}: s_server does not listen on {addr}",
                case.name
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.wait();
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        if !said.contains("in use") {
            panic!("{}: s_server could not serve the case:\n{said}", case.name);
        }
    }
    panic!("{}: no free port for s_server", case.name);
}

/// `docker --tlsverify --tlscacert ca -H tcp://DIAL:PORT version` with the
/// private hosts file, no settings from the machine, and DOCKER_API_VERSION
/// set (so the client skips the `/_ping` s_server never answers); `extra`
/// goes before `-H` (`--tlscert`, `--tlskey`).
pub fn docker_version(
    work: &Path,
    hosts: &Path,
    ca: &Path,
    dial: &str,
    port: u16,
    extra: &[&str],
) -> crate::Run {
    require_tool("docker");
    let url = format!("tcp://{dial}:{port}");
    let ca = format!("--tlscacert={}", ca.display());
    let mut args = vec!["--tlsverify", ca.as_str()];
    args.extend_from_slice(extra);
    args.extend(["-H", url.as_str(), "version"]);
    let mut cmd = with_hosts(hosts, "timeout", &[]);
    cmd.arg("60").arg("docker").args(&args);
    isolate(&mut cmd, work);
    cmd.env("DOCKER_API_VERSION", "1.41");
    run(&mut cmd)
}

/// docker's words for a refused connection: from the first `remote error:
/// `, `tls: ` or `x509: ` of a line to its end.
pub fn refusal_words(out: &crate::Run) -> Option<String> {
    out.all().lines().find_map(|line| {
        let at = [
            line.find("remote error: "),
            line.find("tls: "),
            line.find("x509: "),
        ]
        .into_iter()
        .flatten()
        .min()?;
        Some(line[at..].trim_end().to_owned())
    })
}

/// docker's verdict from what it printed; panics when it neither got
/// through TLS nor said why not (the harness, not the case, is broken).
pub fn verdict_of(name: &str, out: &crate::Run) -> Verdict {
    if let Some(words) = refusal_words(out) {
        return Verdict::Refused(words);
    }
    // Through TLS: the version request got s_server's HTML page (or, with a
    // real dockerd, the answer).
    let all = out.all();
    if all.contains("invalid character '<'") || out.status == 0 {
        return Verdict::Accepted;
    }
    panic!("{name}: docker neither got through TLS nor said why not:\n{all}");
}

/// Serves `case` and lets the real docker client judge it.
pub fn docker_judges(case: &ServerCase, work: &Path, hosts: &Path) -> Verdict {
    let served = serve(case);
    let out = docker_version(
        work,
        hosts,
        &case.file("ca.pem"),
        &case.dial,
        served.port,
        &[],
    );
    drop(served);
    verdict_of(&case.name, &out)
}
