//! The bundle and its archive: every file for the CA, each host and each
//! client, made from a plan, the keys, the CA key's protection, a clock
//! reading and an RNG; its layout (names and modes), README.txt,
//! manifest.json, the next steps, the warnings, and the zip.
//!
//! Uses every part below it: [`crate::plan`], [`crate::pki`],
//! [`crate::import`] (an existing CA) and [`crate::docker`] (the files a host
//! or client takes). A new file in the bundle gets a [`FileKind`] in
//! `layout.rs` and a line in `assemble.rs`.

pub mod archive;
mod assemble;
mod error;
mod keys;
pub mod layout;
mod manifest;
mod readme;
mod steps;
mod warnings;

use std::fmt;

use rand_core::CryptoRng;
use time::OffsetDateTime;
use zeroize::Zeroizing;

pub use error::BundleError;
pub use keys::{KeySet, LeafKeys};
pub use layout::{FileKind, Folder};
pub use steps::NextSteps;
pub use warnings::Warning;

use crate::import::ImportedCa;
use crate::pki::{self, CertInfo, CertificateAuthority, DerivedKey, Passphrase, Serials, Validity};
use crate::plan::{Field, FieldError, InputProblem, Plan, PlanErrors};
use assemble::{assemble, Assembly};

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
    plan: &'a Plan,
    created: OffsetDateTime,
    ca_source: CaSource,
    certificates: &'a [BundleCert],
    warnings: &'a [Warning],
}

impl Described<'_> {
    fn ca(&self) -> Option<&CertInfo> {
        self.certificates.first().map(|c| &c.info)
    }
}

/// Makes the bundle: a new CA, a server certificate per host, a client
/// certificate per client, the Docker settings, the scripts, README.txt and
/// manifest.json.
pub fn build<R: CryptoRng + ?Sized>(
    plan: &Plan,
    keys: KeySet,
    protection: &CaKeyProtection,
    now: OffsetDateTime,
    rng: &mut R,
) -> Result<Bundle, BundleError> {
    let mut serials = Serials::default();
    let ca = CertificateAuthority::create(
        &plan.ca_name,
        keys.ca,
        Validity::starting(now, plan.ca_days),
        &mut serials,
        rng,
    )?;
    let ca_key_pem = match protection {
        CaKeyProtection::Passphrase(pass) => ca.key().to_encrypted_pem(pass, rng)?,
        CaKeyProtection::Derived(key) => ca.key().to_encrypted_pem_with(key, rng)?,
        CaKeyProtection::Unencrypted => ca.key().to_pem()?,
    };
    let assembly = Assembly {
        plan,
        ca: &ca,
        ca_key_pem: Some(ca_key_pem),
        source: CaSource::New {
            encrypted: !matches!(protection, CaKeyProtection::Unencrypted),
        },
        leaves: LeafKeys {
            servers: keys.servers,
            clients: keys.clients,
        },
        serials,
        now,
        notes: Vec::new(),
    };
    assemble(assembly, rng)
}

/// Makes server and client certificates signed by an existing CA, in the
/// same layout, with the CA certificate but never its key. Leaves that
/// would outlive the CA are refused (`--days`).
pub fn build_issued<R: CryptoRng + ?Sized>(
    plan: &Plan,
    ca: ImportedCa,
    leaves: LeafKeys,
    now: OffsetDateTime,
    rng: &mut R,
) -> Result<Bundle, BundleError> {
    let lacks_key_usage = ca.facts.lacks_key_usage;
    let ca = ca.into_authority()?;
    let leaf_end = Validity::starting(now, plan.days).not_after;
    let ca_end = ca.info().not_after;
    if leaf_end > ca_end {
        let left = (ca_end - now).whole_days().max(0);
        return Err(BundleError::Plan(PlanErrors(vec![FieldError::new(
            Field::Days,
            &plan.days.to_string(),
            InputProblem::OutliveCa {
                expires: pki::day(ca_end),
                left,
            },
        )])));
    }
    let mut notes = Vec::new();
    if lacks_key_usage {
        notes.push(Warning::CaWithoutKeyUsage {
            ca: ca.info().name.clone(),
        });
    }
    let assembly = Assembly {
        plan,
        ca: &ca,
        ca_key_pem: None,
        source: CaSource::Existing,
        leaves,
        serials: Serials::default(),
        now,
        notes,
    };
    assemble(assembly, rng)
}
