//! `dockcert inspect` and `dockcert probe` on a case, and what each said
//! about it, reduced to what the differential test compares.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::ServerCase;
use crate::judge::isolate;
use crate::{dockcert_bin, dockcert_in_locale, run, with_hosts, Run};

/// What a dockcert report said about a case's server certificate.
#[derive(Debug, Clone)]
pub struct Said {
    /// No error about it: docker would accept.
    pub accepted: bool,
    /// The codes of its error findings (inspect), or the check's status (probe).
    pub codes: Vec<String>,
    /// Every sentence of it (messages, fixes, docker's words), one a line.
    pub text: String,
    /// Whether it claims another CA signed (inspect's `other-ca` code, or
    /// probe's words "another CA").
    pub other_ca: bool,
}

impl Said {
    /// Whether it quotes `message` (docker's words) somewhere.
    pub fn quotes(&self, message: &str) -> bool {
        self.text.contains(message)
    }
}

/// The host as `--host` takes it: `[::1]` is `::1`.
pub fn bare_host(dial: &str) -> &str {
    dial.trim_start_matches('[').trim_end_matches(']')
}

/// `dockcert inspect ca.pem server-cert.pem --host HOST ARGS` in the case's
/// folder, as a user types it.
pub fn inspect(case: &ServerCase, args: &[&str], locale: &[(&str, &str)]) -> Run {
    let mut all = vec!["--host", bare_host(&case.dial)];
    all.extend_from_slice(args);
    inspect_files(&case.dir, &["ca.pem", "server-cert.pem"], &all, locale)
}

/// `dockcert inspect FILES ARGS` in `dir`. While inspect takes one path
/// only (clap refuses a second), the files are copied into a folder of
/// their own, `inspected`, and that folder is inspected instead.
pub fn inspect_files(dir: &Path, files: &[&str], args: &[&str], locale: &[(&str, &str)]) -> Run {
    if takes_several_paths() {
        let mut all = vec!["inspect"];
        all.extend_from_slice(files);
        all.extend_from_slice(args);
        return dockcert_in_locale(dir, &all, locale);
    }
    let folder = dir.join("inspected");
    if !folder.is_dir() {
        fs::create_dir(&folder).unwrap();
        for f in files {
            fs::copy(dir.join(f), folder.join(f)).unwrap();
        }
    }
    let mut all = vec!["inspect", "inspected"];
    all.extend_from_slice(args);
    dockcert_in_locale(dir, &all, locale)
}

/// Whether `dockcert inspect` takes several paths (asked once, in English:
/// clap refuses a second path with "unexpected argument" while it does not).
fn takes_several_paths() -> bool {
    static SEVERAL: OnceLock<bool> = OnceLock::new();
    *SEVERAL.get_or_init(|| {
        let out = dockcert_in_locale(
            Path::new("/"),
            &["inspect", "/nonexistent/a.pem", "/nonexistent/b.pem"],
            &[],
        );
        !(out.status == 2 && out.stderr.contains("unexpected argument"))
    })
}

/// What `inspect --json` said about a server case, or why it said nothing usable.
pub fn inspect_said(case: &ServerCase) -> Result<Said, String> {
    said_by_inspect(&inspect(case, &["--json"], &[]))
}

/// What an `inspect --json` run said, or why it said nothing usable.
pub fn said_by_inspect(out: &Run) -> Result<Said, String> {
    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .map_err(|e| format!("no JSON ({e}), status {}: {}", out.status, first_line(out)))?;
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let text_of = |f: &serde_json::Value| {
        ["message", "fix"]
            .iter()
            .filter_map(|k| f[*k].as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let errors: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    Ok(Said {
        accepted: errors.is_empty(),
        codes: errors
            .iter()
            .map(|f| f["code"].as_str().unwrap_or("?").to_owned())
            .collect(),
        text: findings.iter().map(text_of).collect::<Vec<_>>().join("\n"),
        other_ca: findings.iter().any(|f| f["code"] == "other-ca"),
    })
}

/// `dockcert probe tcp://DIAL:PORT --tlscacert ca.pem --tlscert CERT
/// --tlskey KEY --json` with the private hosts file and no docker settings
/// from the machine.
pub fn probe(
    case: &ServerCase,
    port: u16,
    hosts: &Path,
    work: &Path,
    client: &(PathBuf, PathBuf),
) -> Run {
    let url = format!("tcp://{}:{port}", case.dial);
    probe_with(&case.dir, &url, &case.file("ca.pem"), client, hosts, work)
}

/// `dockcert probe URL --tlscacert CA --tlscert CERT --tlskey KEY --timeout 30 --json`
/// in `dir`, with the private hosts file and no docker settings from the
/// machine.
pub fn probe_with(
    dir: &Path,
    url: &str,
    ca: &Path,
    (cert, key): &(PathBuf, PathBuf),
    hosts: &Path,
    work: &Path,
) -> Run {
    let bin = dockcert_bin().to_str().unwrap().to_owned();
    let args = [
        "probe",
        url,
        "--tlscacert",
        ca.to_str().unwrap(),
        "--tlscert",
        cert.to_str().unwrap(),
        "--tlskey",
        key.to_str().unwrap(),
        // Far more than a loopback handshake takes, even with the machine
        // busy with other builds: a slow run is not a verdict.
        "--timeout",
        "30",
        "--json",
    ];
    let mut cmd: Command = with_hosts(hosts, &bin, &args);
    isolate(&mut cmd, work);
    run(cmd.current_dir(dir))
}

/// What probe's `server-certificate` check said, or why it said nothing usable.
pub fn probe_said(out: &Run) -> Result<Said, String> {
    probe_check_said(out, "server-certificate")
}

/// What probe's check `name` said, or why it said nothing usable.
pub fn probe_check_said(out: &Run, name: &str) -> Result<Said, String> {
    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .map_err(|e| format!("no JSON ({e}), status {}: {}", out.status, first_line(out)))?;
    let check = report["checks"]
        .as_array()
        .and_then(|checks| checks.iter().find(|c| c["name"] == name))
        .ok_or_else(|| format!("no {name} check: {}", first_line(out)))?;
    let status = check["status"].as_str().unwrap_or("?").to_owned();
    // The lines under the check are its words too (the judge's reason,
    // dockerd's words for a client it refuses, a risk).
    let notes = check["notes"].as_array().into_iter().flatten();
    let text: Vec<&str> = [
        &check["summary"],
        &check["docker_says"],
        &check["explanation"]["matched"],
        &check["explanation"]["cause"],
    ]
    .into_iter()
    .chain(notes)
    .filter_map(|v| v.as_str())
    .collect();
    let text = text.join("\n");
    Ok(Said {
        accepted: status == "ok",
        other_ca: text.contains("another CA"),
        codes: vec![status],
        text,
    })
}

fn first_line(out: &Run) -> String {
    out.all().lines().next().unwrap_or("").to_owned()
}
