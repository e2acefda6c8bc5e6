//! The differential test's cases: certificate chains made at test time,
//! each a good chain with one thing changed, served by `openssl s_server`
//! and judged by the real docker client (`tests/tests/docker_judge.rs`,
//! `docker_judge_clients.rs`). Nothing is checked in but the recipes.
//!
//! The cases are made by `make_cases.py` (`server_cases.py`,
//! `client_cases.py`, built from `chains.py`) with the Python of pkilint's
//! virtualenv (`cargo xtask setup` installs pkilint, which brings
//! `cryptography`): it writes one folder per case and a listing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod dockcert;
pub mod docker;
pub mod report;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{run, tools_dir};

/// The recipes of every case: (file name, text).
const SCRIPTS: [(&str, &str); 4] = [
    ("make_cases.py", include_str!("make_cases.py")),
    ("chains.py", include_str!("chains.py")),
    ("server_cases.py", include_str!("server_cases.py")),
    ("client_cases.py", include_str!("client_cases.py")),
];

/// The name every case's leaf is made for (unless the case is about names).
pub const HOST: &str = "server.example.test";

/// Every name a case dials, all resolving to 127.0.0.1 through the private
/// /etc/hosts [`hosts_file`] writes (upper case and a trailing dot resolve
/// as these do).
pub const DIALLED_NAMES: [&str; 8] = [
    HOST,
    "other.example.test",
    "a.example.test",
    "a.b.example.test",
    "ab.example.test",
    "example.test",
    "judgehost",
    "under_score.example.test",
];

/// One server case as `make_cases.py` listed it.
#[derive(Debug, Clone)]
pub struct ServerCase {
    /// Short name (a folder name).
    pub name: String,
    /// The one thing changed from the baseline.
    pub what: String,
    /// The host the client dials: a name, an IPv4 address or `[::1]`.
    pub dial: String,
    /// The address s_server listens on: `127.0.0.1` or `[::1]`.
    pub listen: String,
    /// The case's folder: `ca.pem` (the client's CA file), `leaf.pem`,
    /// `chain.pem` (what the server sends after its leaf, maybe empty),
    /// `server-cert.pem` (leaf + chain, as a server's file holds them) and
    /// `server-key.pem`.
    pub dir: PathBuf,
    /// Whether the server sends intermediates (`chain.pem` is not empty).
    pub chain: bool,
    /// Whether the server speaks TLS 1.2 at most.
    pub tls12: bool,
    /// Whether a key outside the CA file signed the leaf or its chain: the
    /// one kind of case where "another CA" is a true finding.
    pub other_key: bool,
}

impl ServerCase {
    /// A file of the case.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// The client certificate and key `dockcert probe` shows the servers of
/// [`make_server_cases`] (they never ask for one): `(cert.pem, key.pem)`.
pub fn probe_client(out: &Path) -> (PathBuf, PathBuf) {
    let dir = out.join("cases/client");
    (dir.join("cert.pem"), dir.join("key.pem"))
}

/// Runs `make_cases.py` with pkilint's Python (no bytecode left behind): `out/cases` gets the server
/// cases, or, with `mode` `Some("clients")`, `out/clients` the client cases.
fn make_cases(out: &Path, folder: &str, mode: Option<&str>) -> PathBuf {
    let python = tools_dir().join("venv/bin/python3");
    assert!(
        python.is_file(),
        "{} is missing: run `cargo xtask setup` (pkilint's virtualenv brings Python's cryptography)",
        python.display()
    );
    let scripts = out.join("scripts");
    fs::create_dir_all(&scripts).unwrap();
    for (name, text) in SCRIPTS {
        fs::write(scripts.join(name), text).unwrap();
    }
    let script = scripts.join("make_cases.py");
    let cases = out.join(folder);
    run(Command::new(python)
        .args(["-B", "-W", "ignore"])
        .arg(&script)
        .arg(&cases)
        .args(mode))
    .ok();
    cases
}

/// Makes every server case under `out` (a fresh folder) and lists them.
pub fn make_server_cases(out: &Path) -> Vec<ServerCase> {
    let cases = make_cases(out, "cases", None);
    let listing: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(cases.join("cases.json")).unwrap()).unwrap();
    listing
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap().to_owned();
            ServerCase {
                dir: cases.join(text("name")),
                name: text("name"),
                what: text("what"),
                dial: text("dial"),
                listen: text("listen"),
                chain: c["chain"].as_bool().unwrap(),
                tls12: c["tls12"].as_bool().unwrap(),
                other_key: c["other_key"].as_bool().unwrap(),
            }
        })
        .collect()
}

/// One client case: a client's folder (`ca.pem`, `cert.pem` with the leaf
/// first and then any intermediates, `key.pem`) for the dockerd of
/// [`ClientCases::server`].
#[derive(Debug, Clone)]
pub struct ClientCase {
    /// Short name (a folder name).
    pub name: String,
    /// The one thing changed from a good client.
    pub what: String,
    /// The client's folder.
    pub dir: PathBuf,
    /// Whether a key outside the CA file signed the certificate.
    pub other_key: bool,
}

/// The client cases and the server they are shown to.
pub struct ClientCases {
    /// The dockerd's `ca.pem`, `server-cert.pem` and `server-key.pem`
    /// (the baseline, for [`HOST`] and 127.0.0.1).
    pub server: PathBuf,
    /// Every client.
    pub clients: Vec<ClientCase>,
}

/// Makes every client case under `out` (a fresh folder).
pub fn make_client_cases(out: &Path) -> ClientCases {
    let dir = make_cases(out, "clients", Some("clients"));
    let listing: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("clients.json")).unwrap()).unwrap();
    let clients = listing
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let name = c["name"].as_str().unwrap().to_owned();
            ClientCase {
                dir: dir.join(&name),
                name,
                what: c["what"].as_str().unwrap().to_owned(),
                other_key: c["other_key"].as_bool().unwrap(),
            }
        })
        .collect();
    ClientCases {
        server: dir.join("server"),
        clients,
    }
}

/// Writes a hosts file in `dir` mapping every [`DIALLED_NAMES`] to
/// loopback, for [`crate::with_hosts`].
pub fn hosts_file(dir: &Path) -> PathBuf {
    let hosts = dir.join("hosts");
    let names = DIALLED_NAMES.join(" ");
    fs::write(
        &hosts,
        format!("127.0.0.1 localhost {names}\n::1 localhost6\n"),
    )
    .unwrap();
    hosts
}
