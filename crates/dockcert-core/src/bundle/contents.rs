//! What a bundle is: its files (with their kinds and so their names and
//! modes), its certificates' facts, its warnings, where its CA came from.

use std::fmt;

use time::OffsetDateTime;
use zeroize::Zeroizing;

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
