//! Private keys: encrypted or not (docker cannot read an encrypted key),
//! readable by others or not, and whether each is its certificate's.

use std::collections::HashMap;

use super::budget::Budget;
use super::input::{base_name, dir_name, short, InputFile};
use super::material::{CertEntry, Hints, KeyEntry, Material};
use super::report::{FileSummary, Findings};
use crate::import::{self, ImportError};
use crate::lang::{Lang, Localized};
use crate::show::shell_word as word;

/// The certificate a key's name pairs it with, in the same folder.
fn cert_names_for_key(name: &str) -> Vec<String> {
    match name {
        "key.pem" => vec!["cert.pem".into()],
        "server-key.pem" => vec!["server-cert.pem".into(), "server.pem".into()],
        "ca-key.pem" => vec!["ca.pem".into()],
        _ => {
            let stem = name
                .trim_end_matches(".pem")
                .trim_end_matches(".key")
                .trim_end_matches("-key")
                .trim_end_matches(".key");
            vec![
                format!("{stem}-cert.pem"),
                format!("{stem}.crt"),
                format!("{stem}.pem"),
            ]
        }
    }
}

/// What a key file's bytes hold, read once however many files hold them
/// (a key copied to thousands of files is parsed once: each parse derives
/// the public key, the costliest step of inspect).
#[derive(Clone)]
pub(super) enum KeyRead {
    /// A key dockcert reads: its type and public key.
    Read(String, Vec<u8>),
    /// A key of a kind dockcert does not read, and what it is.
    Unsupported(String),
    /// An RSA key whose numbers are too long to read, and how long.
    TooLarge(String),
    /// Not a readable key, and why.
    Bad(String),
}

/// Keys already read, by their files' bytes, and the run's budget for
/// reading more.
#[derive(Default)]
pub(super) struct KeysRead<'a> {
    read: HashMap<&'a [u8], KeyRead>,
    pub(super) budget: Budget,
}

impl<'a> KeysRead<'a> {
    /// The key in `bytes` (the file at `path`), or `None` if reading it
    /// would pass the run's budget (a key read already costs nothing).
    fn of(&mut self, bytes: &'a [u8], path: &str) -> Option<KeyRead> {
        if let Some(read) = self.read.get(bytes) {
            return Some(read.clone());
        }
        if !self.budget.key(bytes, path) {
            return None;
        }
        let read = match import::private_key(bytes, None) {
            Ok((k, _)) => KeyRead::Read(k.key_type().to_string(), k.public_key_raw().to_vec()),
            Err(ImportError::UnsupportedKey(what)) => KeyRead::Unsupported(what.to_string()),
            Err(ImportError::RsaTooLarge(too_large)) => KeyRead::TooLarge(too_large.text(Lang::En)),
            Err(e) => KeyRead::Bad(e.to_string()),
        };
        self.read.insert(bytes, read.clone());
        Some(read)
    }
}

pub(super) fn key<'a>(
    f: &'a InputFile,
    read: &mut KeysRead<'a>,
    summary: &mut FileSummary,
    findings: &mut Findings,
) -> KeyEntry {
    let path = f.path.as_str();
    let name = base_name(path);
    let is_ca_key = name.starts_with("ca-key") || name == "ca.key";
    let encrypted = import::key_is_encrypted(&f.bytes);
    let mut public_key = None;
    if encrypted {
        summary.kind = "encrypted private key".into();
        if !is_ca_key {
            findings.error(
                "leaf-key-encrypted",
                Some(path),
                format!("{path} is encrypted, and neither dockerd nor the docker client can read an encrypted key (dockerd: \"tls: failed to parse private key\")"),
                Some(format!(
                    "decrypt it (openssl pkey -in {} -out {}) and protect it with its file mode, 0400, instead",
                    word(name),
                    word(&format!("{name}.plain"))
                )),
            );
        }
    } else {
        match read.of(&f.bytes, path) {
            // Counted in the budget's own finding.
            None => summary.kind = "private key (not read: past the run's work budget)".into(),
            Some(KeyRead::Read(kind, public)) => {
                summary.kind = format!("private key ({kind})");
                public_key = Some(public);
                if is_ca_key {
                    findings.warning(
                        "ca-key-unencrypted",
                        Some(path),
                        format!("{path} is the CA key, unencrypted: whoever reads it can make certificates the hosts trust"),
                        Some(format!(
                            "encrypt it (openssl pkcs8 -topk8 -v2 aes-256-cbc -in {} -out {}) and keep it offline",
                            word(name),
                            word(&format!("{name}.enc"))
                        )),
                    );
                }
            }
            Some(KeyRead::Unsupported(what)) => {
                summary.kind = "private key".into();
                findings.warning(
                    "unsupported-key",
                    Some(path),
                    format!("{path} is {what}"),
                    None,
                );
            }
            Some(KeyRead::TooLarge(too_large)) => {
                summary.kind = "private key (RSA key too large)".into();
                findings.error(
                    "key-too-large",
                    Some(path),
                    format!("{path}: {too_large}"),
                    None,
                );
            }
            Some(KeyRead::Bad(e)) => {
                summary.kind = "private key (unreadable)".into();
                findings.error("bad-key", Some(path), format!("{path}: {e}"), None);
            }
        }
    }
    if let Some(mode) = f.mode {
        if mode & 0o077 != 0 {
            findings.error(
                "key-readable",
                Some(path),
                format!(
                    "{path} has mode {}: other users on the machine can read this private key",
                    crate::bundle::layout::mode_text(mode)
                ),
                Some(format!("chmod 0400 {}", word(name))),
            );
        }
    }
    KeyEntry {
        path: path.to_owned(),
        public_key,
    }
}

pub(super) fn pairs(
    material: &Material,
    hints: &Hints,
    files: &[InputFile],
    summaries: &mut [FileSummary],
    findings: &mut Findings,
) {
    // Looked up, not searched for: keys times certificates would be
    // quadratic in the files given.
    let mut file_at: HashMap<&str, usize> = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        file_at.entry(f.path.as_str()).or_insert(i);
    }
    let mut cert_at: HashMap<&str, &CertEntry> = HashMap::new();
    let mut cert_of_key: HashMap<&[u8], &CertEntry> = HashMap::new();
    for c in &material.certs {
        cert_at.entry(c.path.as_str()).or_insert(c);
        cert_of_key.entry(c.public_key.as_slice()).or_insert(c);
    }
    for key in &material.keys {
        let Some(public) = &key.public_key else {
            continue;
        };
        let dir = dir_name(&key.path);
        let name = base_name(&key.path);
        let mut wanted: Vec<String> = cert_names_for_key(name);
        if let Some(c) = hints.pairs.get(&(dir.to_owned(), name.to_owned())) {
            wanted.insert(0, c.clone());
        }
        let partner = wanted.iter().find_map(|w| {
            let beside = if dir.is_empty() {
                w.clone()
            } else {
                format!("{dir}/{w}")
            };
            cert_at.get(beside.as_str()).copied()
        });
        let index = file_at.get(key.path.as_str()).copied();
        match partner {
            Some(cert) if &cert.public_key == public => {
                if let Some(i) = index {
                    summaries[i].details.push(format!("the key of {}", short(&cert.path)));
                }
            }
            Some(cert) => findings.error(
                "key-mismatch",
                Some(&key.path),
                format!(
                    "{} does not belong to {}: their public keys differ (dockerd and docker: \"tls: private key does not match public key\")",
                    key.path,
                    short(&cert.path)
                ),
                Some("install the key that was made with that certificate, or issue both again".into()),
            ),
            None => match cert_of_key.get(public.as_slice()) {
                Some(cert) => {
                    if let Some(i) = index {
                        summaries[i].details.push(format!("the key of {}", short(&cert.path)));
                    }
                }
                None if !material.certs.is_empty() => findings.warning(
                    "key-orphan",
                    Some(&key.path),
                    format!("{} belongs to none of the certificates here", key.path),
                    None,
                ),
                None => {}
            },
        }
    }
}
