//! What a bundle is: its files (with their kinds and so their names and
//! modes), its certificates' facts, its warnings, where its CA came from.

use std::fmt;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::error::BundleError;
use super::layout::{FileKind, Folder};
use super::warnings::Warning;
use crate::pki::{CertInfo, DerivedKey, Passphrase};
use crate::plan::Plan;

/// How the CA key is written.
#[derive(Clone, Debug)]
pub enum CaKeyProtection {
    /// Encrypted with this passphrase (the default, and the advice).
    Passphrase(Passphrase),
    /// Encrypted with a key already derived from the passphrase (the page
    /// derives it with WebCrypto's native PBKDF2).
    Derived(DerivedKey),
    /// In the clear, by explicit choice (`--no-passphrase`).
    Unencrypted,
}

/// Where a bundle's CA came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaSource {
    /// Made with the bundle; its key is `ca/ca-key.pem`.
    New {
        /// Whether that key is encrypted.
        encrypted: bool,
    },
    /// An existing CA (`dockcert issue`, `renew`); its key is not in the bundle.
    Existing,
}

/// One file of the bundle.
#[derive(Clone)]
pub struct BundleFile {
    /// Path relative to the top of the bundle, with `/` separators.
    pub path: String,
    /// What it is; its mode and purpose come from [`FileKind::spec`].
    pub kind: FileKind,
    /// Its contents, wiped from memory on drop (some are keys).
    pub contents: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for BundleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BundleFile")
            .field("path", &self.path)
            .field("kind", &self.kind)
            .field("len", &self.contents.len())
            .finish()
    }
}

impl BundleFile {
    /// The file of `kind` in `folder`, holding `contents`.
    pub fn new(folder: Folder, kind: FileKind, contents: &[u8]) -> Self {
        BundleFile {
            path: folder.path_of(kind),
            kind,
            contents: Zeroizing::new(contents.to_vec()),
        }
    }

    /// The file of `kind` in `folder`, holding `text` (taken, not copied:
    /// a fleet's README.txt and manifest.json are tens of megabytes).
    pub fn text(folder: Folder, kind: FileKind, text: String) -> Self {
        BundleFile {
            path: folder.path_of(kind),
            kind,
            contents: Zeroizing::new(text.into_bytes()),
        }
    }

    /// The file of `kind` named `name` in `folder` (a file made per host).
    pub fn named(folder: Folder, kind: FileKind, name: &str, contents: &[u8]) -> Self {
        BundleFile {
            path: folder.path_named(name),
            kind,
            contents: Zeroizing::new(contents.to_vec()),
        }
    }

    /// The file's Unix mode.
    pub fn mode(&self) -> u32 {
        self.kind.spec().mode
    }
}

/// What is known of a file once it is written: where, what, how big, and its
/// SHA-256 (what README.txt and manifest.json list), without its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFacts {
    /// Path relative to the top of the bundle, with `/` separators.
    pub path: String,
    /// What it is.
    pub kind: FileKind,
    /// Its size in bytes.
    pub size: usize,
    /// The SHA-256 of its contents.
    pub sha256: [u8; 32],
}

impl FileFacts {
    /// The facts of `file`.
    pub fn of(file: &BundleFile) -> Self {
        FileFacts {
            path: file.path.clone(),
            kind: file.kind,
            size: file.contents.len(),
            sha256: Sha256::digest(file.contents.as_slice()).into(),
        }
    }

    /// The file's Unix mode.
    pub fn mode(&self) -> u32 {
        self.kind.spec().mode
    }
}

/// Where a bundle's files go as they are made, one at a time: a list in
/// memory (the page, [`crate::bundle::build`]) or straight into a zip or a
/// folder (the CLI, so a fleet of 10,000 hosts is never all in memory).
pub trait FileSink {
    /// Takes `file`; an error stops the bundle.
    fn put(&mut self, file: BundleFile) -> Result<(), BundleError>;
}

impl FileSink for Vec<BundleFile> {
    fn put(&mut self, file: BundleFile) -> Result<(), BundleError> {
        self.push(file);
        Ok(())
    }
}

/// A bundle written through a [`FileSink`]: everything but the files'
/// contents.
#[derive(Clone, Debug)]
pub struct Made {
    /// The plan it was made from.
    pub plan: Plan,
    /// When it was made.
    pub created: OffsetDateTime,
    /// Where the CA came from, and whether its key is in the bundle.
    pub ca_source: CaSource,
    /// Every file, README.txt and manifest.json first.
    pub files: Vec<FileFacts>,
    /// The CA certificate, then each server's, then each client's.
    pub certificates: Vec<BundleCert>,
    /// Things the user must know (an unencrypted CA key, for one).
    pub warnings: Vec<Warning>,
}

impl Made {
    /// The CA certificate's facts.
    pub fn ca(&self) -> Option<&CertInfo> {
        self.certificates.first().map(|c| &c.info)
    }
}

/// A certificate in the bundle and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleCert {
    /// The bundle path of its PEM.
    pub path: String,
    /// Facts about it.
    pub info: CertInfo,
}

/// A finished bundle.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The plan it was made from.
    pub plan: Plan,
    /// When it was made.
    pub created: OffsetDateTime,
    /// Where the CA came from, and whether its key is in the bundle.
    pub ca_source: CaSource,
    /// Every file, README.txt and manifest.json first.
    pub files: Vec<BundleFile>,
    /// The CA certificate, then each server's, then each client's.
    pub certificates: Vec<BundleCert>,
    /// Things the user must know (an unencrypted CA key, for one).
    pub warnings: Vec<Warning>,
}

impl Bundle {
    /// The CA certificate's facts.
    pub fn ca(&self) -> Option<&CertInfo> {
        self.certificates.first().map(|c| &c.info)
    }

    /// The file at `path`, if any.
    pub fn file(&self, path: &str) -> Option<&BundleFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// The bundle `made` whose files, in the order they were made (put into
    /// a list as the [`FileSink`]), are `files`: README.txt and
    /// manifest.json, made last, go first.
    pub fn from_made(made: Made, mut files: Vec<BundleFile>) -> Bundle {
        files.rotate_right(2);
        Bundle {
            plan: made.plan,
            created: made.created,
            ca_source: made.ca_source,
            files,
            certificates: made.certificates,
            warnings: made.warnings,
        }
    }

    /// What is known of it without the files' contents.
    pub fn made(&self) -> Made {
        Made {
            plan: self.plan.clone(),
            created: self.created,
            ca_source: self.ca_source,
            files: self.files.iter().map(FileFacts::of).collect(),
            certificates: self.certificates.clone(),
            warnings: self.warnings.clone(),
        }
    }
}

/// What README.txt and manifest.json say about a bundle besides its files.
pub(crate) struct Described<'a> {
    pub(crate) plan: &'a Plan,
    pub(crate) created: OffsetDateTime,
    pub(crate) ca_source: CaSource,
    pub(crate) certificates: &'a [BundleCert],
    pub(crate) warnings: &'a [Warning],
}

impl Described<'_> {
    pub(crate) fn ca(&self) -> Option<&CertInfo> {
        self.certificates.first().map(|c| &c.info)
    }
}
