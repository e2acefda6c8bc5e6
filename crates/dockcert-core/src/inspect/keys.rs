//! Private keys: encrypted or not (docker cannot read an encrypted key),
//! readable by others or not, and whether each is its certificate's.

use std::collections::HashMap;

use super::budget::Budget;
use super::file_kind::{Detail, Kind};
use super::input::{base_name, dir_name, short, InputFile};
use super::material::{CertEntry, Hints, KeyEntry, Material};
use super::problem::Problem;
use super::report::{FileSummary, Findings};
use crate::import::{self, ForeignKey, ImportError};
use crate::pki::{KeyType, RsaTooLarge};

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
    Read(KeyType, Vec<u8>),
    /// A key of a kind dockcert does not read, and what it is.
    Unsupported(ForeignKey),
    /// An RSA key whose numbers are too long to read, and how long.
    TooLarge(RsaTooLarge),
    /// Not a readable key, and why.
    Bad(ImportError),
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
            Ok((k, _)) => KeyRead::Read(k.key_type(), k.public_key_raw().to_vec()),
            Err(ImportError::UnsupportedKey(what)) => KeyRead::Unsupported(what),
            Err(ImportError::RsaTooLarge(too_large)) => KeyRead::TooLarge(too_large),
            Err(e) => KeyRead::Bad(e),
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
    let owned = || path.to_owned();
    if encrypted {
        summary.kind = Kind::EncryptedPrivateKey;
        if !is_ca_key {
            findings.add(Problem::LeafKeyEncrypted { path: owned() });
        }
    } else {
        match read.of(&f.bytes, path) {
            // Counted in the budget's own finding.
            None => summary.kind = Kind::PrivateKeyNotRead,
            Some(KeyRead::Read(key_type, public)) => {
                summary.kind = Kind::PrivateKey(Some(key_type));
                public_key = Some(public);
                if is_ca_key {
                    findings.add(Problem::CaKeyUnencrypted { path: owned() });
                }
            }
            Some(KeyRead::Unsupported(what)) => {
                summary.kind = Kind::PrivateKey(None);
                findings.add(Problem::UnsupportedKey {
                    path: owned(),
                    what,
                });
            }
            Some(KeyRead::TooLarge(too_large)) => {
                summary.kind = Kind::PrivateKeyTooLarge;
                findings.add(Problem::KeyTooLarge {
                    path: owned(),
                    too_large,
                });
            }
            Some(KeyRead::Bad(why)) => {
                summary.kind = Kind::PrivateKeyUnreadable;
                findings.add(Problem::BadKey { path: owned(), why });
            }
        }
    }
    if let Some(mode) = f.mode {
        if mode & 0o077 != 0 {
            findings.add(Problem::KeyReadable {
                path: owned(),
                mode,
            });
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
                    summaries[i]
                        .details
                        .push(Detail::KeyOf(short(&cert.path).into_owned()));
                }
            }
            Some(cert) => findings.add(Problem::KeyMismatch {
                path: key.path.clone(),
                cert: short(&cert.path).into_owned(),
            }),
            None => match cert_of_key.get(public.as_slice()) {
                Some(cert) => {
                    if let Some(i) = index {
                        summaries[i]
                            .details
                            .push(Detail::KeyOf(short(&cert.path).into_owned()));
                    }
                }
                None if !material.certs.is_empty() => findings.add(Problem::KeyOrphan {
                    path: key.path.clone(),
                }),
                None => {}
            },
        }
    }
}
