//! What the inspected files hold, gathered once and read by the checks:
//! every certificate and key found, and the roles and pairs that daemon.json
//! files name.

use std::collections::HashMap;

use super::input::{base_name, dir_name, InputFile};

/// What a certificate is for, by its contents or by its file's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Ca,
    Server,
    Client,
    /// A CA certificate stored after a leaf in the leaf's own file: docker
    /// sends the whole file, and Go takes it as an intermediate, not as a
    /// root nor as a CA file of its own.
    Intermediate,
}

impl Role {
    pub(super) fn kind(self) -> super::Kind {
        match self {
            Role::Ca | Role::Intermediate => super::Kind::CaCertificate,
            Role::Server => super::Kind::ServerCertificate,
            Role::Client => super::Kind::ClientCertificate,
        }
    }
}

/// One certificate found.
pub(super) struct CertEntry {
    pub(super) path: String,
    /// Where it is: the index of its file, and which certificate of the file.
    pub(super) at: (usize, usize),
    /// A CA's certificate (DER), a root the judge is handed; a leaf's is
    /// not kept (decoded again from its file when it is judged): a zip of
    /// 100,000 leaves is not held twice, nor is any certificate kept parsed
    /// (each parsed CA took about 2 KB).
    pub(super) der: Option<Vec<u8>>,
    /// What a leaf the judge decides on says of itself, to word the
    /// judge's refusal with ([`LeafFacts`]); `None` for a CA.
    pub(super) leaf: Option<Box<LeafFacts>>,
    /// What is wrong with a CA file's certificate on its own (its dates,
    /// constraints, signature): a finding only if no leaf was judged with
    /// it, as the judge's refusal says it otherwise.
    pub(super) own: Vec<super::problem::Problem>,
    /// The SHA-256 of its DER.
    pub(super) digest: [u8; 32],
    pub(super) role: Option<Role>,
    pub(super) subject: String,
    pub(super) subject_raw: Vec<u8>,
    pub(super) issuer: String,
    pub(super) issuer_raw: Vec<u8>,
    pub(super) public_key: Vec<u8>,
}

/// What a leaf says of itself, read once: the facts a refusal of the
/// judge is worded with (its dates, names, usage and signature's hash).
pub(super) struct LeafFacts {
    /// Whether docker judges it as a server's or a client's certificate.
    pub(super) usage: super::verify::Usage,
    pub(super) not_before: time::OffsetDateTime,
    pub(super) not_after: time::OffsetDateTime,
    /// Its Common Name, "" when none.
    pub(super) cn: String,
    /// Its DNS and IP SANs, as shown.
    pub(super) sans: Vec<String>,
    /// Whether it has an IP SAN.
    pub(super) has_ip: bool,
    /// The hash of its signature, when Go refuses it ("SHA-1", "MD5").
    pub(super) weak_hash: Option<&'static str>,
}

/// One private key found.
pub(super) struct KeyEntry {
    pub(super) path: String,
    pub(super) public_key: Option<Vec<u8>>,
}

/// Every certificate and key found.
#[derive(Default)]
pub(super) struct Material {
    pub(super) certs: Vec<CertEntry>,
    pub(super) keys: Vec<KeyEntry>,
}

/// Roles and key pairs that daemon.json files name: basename -> role, and
/// (dir, key basename) -> cert basename.
#[derive(Default)]
pub(super) struct Hints {
    pub(super) roles: HashMap<(String, String), Role>,
    pub(super) pairs: HashMap<(String, String), String>,
}

pub(super) fn hints(files: &[InputFile]) -> Hints {
    let mut h = Hints::default();
    for f in files.iter().filter(|f| base_name(&f.path) == "daemon.json") {
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&f.bytes) else {
            continue;
        };
        let dir = dir_name(&f.path).to_owned();
        let name = |k: &str| json[k].as_str().map(|p| base_name(p).to_owned());
        if let Some(c) = name("tlscacert") {
            h.roles.insert((dir.clone(), c), Role::Ca);
        }
        if let Some(c) = name("tlscert") {
            h.roles.insert((dir.clone(), c.clone()), Role::Server);
            if let Some(k) = name("tlskey") {
                h.pairs.insert((dir.clone(), k), c);
            }
        }
    }
    h
}

/// The role a file's name promises.
pub(super) fn role_by_name(name: &str) -> Option<Role> {
    match name {
        "ca.pem" | "ca.crt" | "ca-cert.pem" | "cacert.pem" | "ca.cert.pem" => Some(Role::Ca),
        "server-cert.pem" | "server.pem" | "server.crt" | "server.cert.pem" => Some(Role::Server),
        "cert.pem" | "client-cert.pem" | "client.pem" | "client.crt" | "client.cert.pem" => {
            Some(Role::Client)
        }
        _ => None,
    }
}
