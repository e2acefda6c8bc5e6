//! The CA a job signs with, as the issue, renew and rotate jobs carry it:
//! opened already, or to open with the typed passphrase, its dates checked
//! as the job uses it (`dockcert issue` signs; `dockcert rotate` replaces,
//! and may replace an expired CA).

use std::fmt;
use std::rc::Rc;

use dockcert_core::import::{self, CaInputs, CaUse, ImportedCa, SourcedError};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::files::FileBytes;

/// How the page names the passphrase in messages (the CLI names its flag).
pub(super) const PASSPHRASE: &str = "passphrase";

/// A problem with the CA files: the core's error with the input it belongs
/// to, in the CLI's words.
pub type CaProblem = SourcedError;

/// The signing CA for a job: opened already, or to open first.
#[derive(Clone, Debug, PartialEq)]
pub enum SigningCa {
    /// Opened (an unencrypted key, or a passphrase already tried).
    Opened(OpenedCa),
    /// Encrypted: open it with the typed passphrase first.
    ToOpen(OpenJob),
}

/// An opened CA, ready to sign. Compared by identity: the same opening.
#[derive(Clone, Debug)]
pub struct OpenedCa(Rc<ImportedCa>);

impl OpenedCa {
    /// Holds `ca`.
    pub fn new(ca: ImportedCa) -> Self {
        OpenedCa(Rc::new(ca))
    }

    /// The CA, to sign with (a copy: the core consumes it).
    pub fn to_imported(&self) -> ImportedCa {
        self.0.as_ref().clone()
    }

    /// The CA as opened.
    pub fn ca(&self) -> &ImportedCa {
        &self.0
    }
}

impl PartialEq for OpenedCa {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What opening an encrypted CA key needs, taken from the state.
#[derive(Clone, PartialEq, Eq)]
pub struct OpenJob {
    pub(super) cert: FileBytes,
    pub(super) key: FileBytes,
    pub(super) cert_name: String,
    pub(super) key_name: String,
    pub(super) passphrase: Zeroizing<Vec<u8>>,
    /// What the CA is opened for: its dates are checked as that use asks.
    pub(super) used: CaUse,
}

impl fmt::Debug for OpenJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenJob")
            .field("cert_name", &self.cert_name)
            .field("key_name", &self.key_name)
            .field("used", &self.used)
            .finish_non_exhaustive()
    }
}

impl OpenJob {
    /// Opens the CA as `dockcert issue` (or `rotate`) does (the
    /// key-derivation function runs here: a third of a second for
    /// dockcert's own CA keys).
    pub fn open(&self, now: OffsetDateTime) -> Result<OpenedCa, CaProblem> {
        import::import_ca_for(
            &self.cert,
            &self.key,
            Some(&self.passphrase),
            now,
            self.used,
        )
        .map(OpenedCa::new)
        .map_err(|e| {
            e.on_ca(CaInputs {
                cert: &self.cert_name,
                key: &self.key_name,
                passphrase: PASSPHRASE,
            })
        })
    }
}
