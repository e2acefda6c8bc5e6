//! The existing CA's two files: its certificate and its key, picked one by
//! one or dropped together (told apart by content), checked on arrival and
//! opened by the core's import, with the checks and words of `dockcert issue`.

use std::fmt;
use std::rc::Rc;

use dockcert_core::import::{
    self, CaInputs, ImportError, ImportedCa, KeyState, Source, SourcedError,
};
use dockcert_core::pki::CertFacts;
use dockcert_core::plan::CaLifetime;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::blockers::ExistingBlocker;
use super::files::{holds, FileBytes, PickedFile, MAX_FILE};
use super::inventory::{self, InventoryFile};
use super::secret::SecretText;

/// How the page names the passphrase in messages (the CLI names its flag).
const PASSPHRASE: &str = "passphrase";

/// Which control a CA file went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaSlot {
    /// `ca-cert`.
    Cert,
    /// `ca-key`.
    Key,
    /// `ca-inventory`: the CA's `inventory.jsonl`.
    Inventory,
    /// The drop zone: told apart by content (an inventory by its name).
    Either,
}

/// The field a problem with the CA belongs next to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaField {
    /// `ca-cert`.
    Cert,
    /// `ca-key`.
    Key,
    /// `ca-passphrase`.
    Passphrase,
}

/// A problem with the CA files: the core's error with the input it belongs
/// to, in the CLI's words.
pub type CaProblem = SourcedError;

impl CaField {
    /// The field `problem` shows next to.
    pub fn of(problem: &CaProblem) -> CaField {
        match problem.source {
            Source::CaCert(_) => CaField::Cert,
            Source::Passphrase { .. } => CaField::Passphrase,
            Source::CaKey(_) | Source::File(_) => CaField::Key,
        }
    }
}

/// The CA certificate as loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaCertFile {
    /// The file's name.
    pub name: String,
    /// Its bytes.
    pub bytes: FileBytes,
    /// Its facts once checked as a CA at load time, or the problem.
    pub facts: Result<CertFacts, CaProblem>,
    /// When it was loaded: the moment its validity was judged at.
    pub loaded_at: OffsetDateTime,
}

impl CaCertFile {
    /// The CA's name: its CN, or its whole subject.
    pub fn ca_name(&self) -> Option<String> {
        let facts = self.facts.as_ref().ok()?;
        Some(
            facts
                .common_name
                .clone()
                .unwrap_or_else(|| facts.subject.clone()),
        )
    }

    /// The CA's end, for fitting the days of certificates that start at
    /// `now` (None: when the file was loaded).
    pub fn lifetime(&self, now: Option<OffsetDateTime>) -> Option<CaLifetime> {
        let facts = self.facts.as_ref().ok()?;
        Some(CaLifetime {
            ends: facts.not_after,
            now: now.unwrap_or(self.loaded_at),
        })
    }
}

/// The CA key as loaded, before any passphrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaKeyFile {
    /// The file's name.
    pub name: String,
    /// Its bytes.
    pub bytes: FileBytes,
    /// How it is stored, or the problem.
    pub state: Result<KeyState, CaProblem>,
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
    cert: FileBytes,
    key: FileBytes,
    cert_name: String,
    key_name: String,
    passphrase: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for OpenJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenJob")
            .field("cert_name", &self.cert_name)
            .field("key_name", &self.key_name)
            .finish_non_exhaustive()
    }
}

impl OpenJob {
    /// Opens the CA as `dockcert issue` does (the key-derivation function
    /// runs here: a third of a second for dockcert's own CA keys).
    pub fn open(&self, now: OffsetDateTime) -> Result<OpenedCa, CaProblem> {
        import::import_ca(&self.cert, &self.key, Some(&self.passphrase), now)
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

/// The CA's files, and the CA once opened.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaFiles {
    /// The CA certificate.
    pub cert: Option<CaCertFile>,
    /// The CA key.
    pub key: Option<CaKeyFile>,
    /// Dropped files that were neither, or could not be read.
    pub unrecognised: Vec<SourcedError>,
    /// The passphrase that opens the key, wiped when dropped.
    pub passphrase: SecretText,
    /// Whether the key is being opened now.
    pub opening: bool,
    /// The CA, once opened.
    pub opened: Option<OpenedCa>,
    /// Why it could not be opened.
    pub open_problem: Option<CaProblem>,
    /// The CA's inventory, when handed in, or why it was refused.
    pub inventory: Option<Result<InventoryFile, SourcedError>>,
}

impl CaFiles {
    /// Whether the passphrase field is wanted: the key is encrypted.
    pub fn key_encrypted(&self) -> bool {
        matches!(
            self.key.as_ref().map(|k| &k.state),
            Some(Ok(KeyState::Encrypted(_)))
        )
    }

    /// The problem to show next to `field`, if any.
    pub fn problem(&self, field: CaField) -> Option<&CaProblem> {
        let load = match field {
            CaField::Cert => self.cert.as_ref().and_then(|c| c.facts.as_ref().err()),
            CaField::Key => self.key.as_ref().and_then(|k| k.state.as_ref().err()),
            CaField::Passphrase => None,
        };
        load.or(self
            .open_problem
            .as_ref()
            .filter(|p| CaField::of(p) == field))
    }

    /// Takes picked or dropped CA files; `now` judges the CA's validity.
    pub fn load(&mut self, slot: CaSlot, files: Vec<PickedFile>, now: OffsetDateTime) {
        self.unrecognised.clear();
        let mut cert: Option<PickedFile> = None;
        let mut key: Option<PickedFile> = None;
        for file in files {
            match slot {
                CaSlot::Cert => cert = Some(file),
                CaSlot::Key => key = Some(file),
                CaSlot::Inventory => self.inventory = Some(inventory::load(file)),
                CaSlot::Either if inventory::is_inventory(&file) => {
                    self.inventory = Some(inventory::load(file));
                }
                CaSlot::Either => {
                    let what = match file.contents(MAX_FILE) {
                        Ok(bytes) => holds(bytes),
                        Err(problem) => {
                            self.unrecognised.push(problem.in_file(&file.name));
                            continue;
                        }
                    };
                    // Of several certificates, a CA's wins.
                    if what.certificate && cert.as_ref().is_none_or(|c| !is_ca(c, now)) {
                        cert = Some(file.clone());
                    }
                    if what.private_key && key.is_none() {
                        key = Some(file.clone());
                    }
                    if !what.certificate && !what.private_key {
                        self.unrecognised
                            .push(ImportError::NeitherCertNorKey.in_file(&file.name));
                    }
                }
            }
        }
        // An inventory alone leaves the CA as it was (opened, or not).
        if cert.is_none() && key.is_none() && self.unrecognised.is_empty() {
            return;
        }
        if let Some(file) = cert {
            self.cert = Some(load_cert(file, now));
        }
        if let Some(file) = key {
            self.key = Some(load_key(file));
        }
        self.opened = None;
        self.open_problem = None;
        self.open_plain(now);
    }

    /// An unencrypted key opens at once: nothing to derive, and the key is
    /// then known to be the certificate's.
    fn open_plain(&mut self, now: OffsetDateTime) {
        let (Some(cert), Some(key)) = (&self.cert, &self.key) else {
            return;
        };
        if cert.facts.is_ok() && matches!(key.state, Ok(KeyState::Plain(_))) {
            match import::import_ca(&cert.bytes, &key.bytes, None, now) {
                Ok(ca) => self.opened = Some(OpenedCa::new(ca)),
                Err(e) => {
                    self.open_problem = Some(e.on_ca(CaInputs {
                        cert: &cert.name,
                        key: &key.name,
                        passphrase: PASSPHRASE,
                    }))
                }
            }
        }
    }

    /// What opening the encrypted key needs, once there is a passphrase.
    pub fn open_job(&self) -> Option<OpenJob> {
        let (cert, key) = (self.cert.as_ref()?, self.key.as_ref()?);
        if cert.facts.is_err() || !self.key_encrypted() || self.passphrase.is_empty() {
            return None;
        }
        Some(OpenJob {
            cert: cert.bytes.clone(),
            key: key.bytes.clone(),
            cert_name: cert.name.clone(),
            key_name: key.name.clone(),
            passphrase: Zeroizing::new(self.passphrase.as_bytes().to_vec()),
        })
    }

    /// The passphrase was typed: a refusal of the old one no longer stands.
    pub fn set_passphrase(&mut self, passphrase: String) {
        self.passphrase = SecretText::new(passphrase);
        if self.open_problem.as_ref().map(CaField::of) == Some(CaField::Passphrase) {
            self.open_problem = None;
        }
    }

    /// The passphrase was tried.
    pub fn opened(&mut self, result: Result<OpenedCa, CaProblem>) {
        self.opening = false;
        match result {
            Ok(ca) => {
                self.opened = Some(ca);
                self.open_problem = None;
            }
            Err(problem) => {
                self.opened = None;
                self.open_problem = Some(problem);
            }
        }
    }

    /// The inventory's bytes to give back updated: empty (one is started)
    /// when none was handed in.
    pub fn inventory_bytes(&self) -> FileBytes {
        match &self.inventory {
            Some(Ok(inventory)) => inventory.bytes.clone(),
            _ => FileBytes::new(Vec::new()),
        }
    }

    /// Why nothing can be signed yet, as far as the CA goes.
    pub fn blocker(&self) -> Option<ExistingBlocker> {
        if matches!(self.inventory, Some(Err(_))) {
            return Some(ExistingBlocker::FixCa);
        }
        let (Some(cert), Some(key)) = (&self.cert, &self.key) else {
            return Some(
                if self.problem(CaField::Cert).is_some() || self.problem(CaField::Key).is_some() {
                    ExistingBlocker::FixCa
                } else {
                    ExistingBlocker::NeedCa
                },
            );
        };
        if cert.facts.is_err() || key.state.is_err() {
            return Some(ExistingBlocker::FixCa);
        }
        match &self.open_problem {
            Some(p) if CaField::of(p) == CaField::Passphrase => {
                Some(ExistingBlocker::NeedPassphrase)
            }
            Some(_) => Some(ExistingBlocker::FixCa),
            None if self.opened.is_none() && self.passphrase.is_empty() => {
                Some(ExistingBlocker::NeedPassphrase)
            }
            None => None,
        }
    }
}

fn is_ca(file: &PickedFile, now: OffsetDateTime) -> bool {
    file.contents(MAX_FILE)
        .is_ok_and(|b| import::check_ca_certificate(b, now).is_ok())
}

fn load_cert(file: PickedFile, now: OffsetDateTime) -> CaCertFile {
    let (bytes, facts) = match file.contents(MAX_FILE) {
        Ok(bytes) => (
            bytes.clone(),
            import::check_ca_certificate(bytes, now).map(|(_, facts)| facts),
        ),
        Err(e) => (FileBytes::new(Vec::new()), Err(e)),
    };
    CaCertFile {
        facts: facts.map_err(|e| e.on_ca_cert(&file.name)),
        name: file.name,
        bytes,
        loaded_at: now,
    }
}

fn load_key(file: PickedFile) -> CaKeyFile {
    let (bytes, state) = match file.contents(MAX_FILE) {
        Ok(bytes) => (bytes.clone(), import::key_state(bytes)),
        Err(e) => (FileBytes::new(Vec::new()), Err(e)),
    };
    CaKeyFile {
        state: state.map_err(|e| e.on_ca_key(&file.name)),
        name: file.name,
        bytes,
    }
}
