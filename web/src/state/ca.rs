//! The existing CA's two files: its certificate and its key, picked one by
//! one or dropped together (told apart by content), checked on arrival and
//! opened by the core's import, with the checks and words of `dockcert issue`
//! (to sign) or `dockcert rotate` (to be replaced: it may have expired).

use dockcert_core::import::{self, CaInputs, CaUse, ImportError, KeyState, Source, SourcedError};
use dockcert_core::pki::CertFacts;
use dockcert_core::plan::CaLifetime;
use dockcert_core::rotate::RotateNote;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::blockers::ExistingBlocker;
use super::files::{holds, FileBytes, PickedFile, MAX_FILE};
use super::inventory::{self, InventoryFile};
use super::secret::SecretText;
pub use super::signing::CaProblem;
use super::signing::{OpenJob, OpenedCa, PASSPHRASE};

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
    /// Its facts once checked as a CA at load time as `dockcert rotate`
    /// checks the CA it replaces (it may have expired), or the problem.
    pub facts: Result<CertFacts, CaProblem>,
    /// `dockcert issue`'s refusal of it, when it had expired at load time:
    /// it signs nothing, but Rotate still replaces it.
    pub expired: Option<CaProblem>,
    /// When it was loaded: the moment its validity was judged at.
    pub loaded_at: OffsetDateTime,
}

impl CaCertFile {
    /// Its facts when `used` so, or why not: an expired CA's are refused
    /// to sign with.
    pub fn facts_for(&self, used: CaUse) -> Result<&CertFacts, &CaProblem> {
        match (&self.expired, used) {
            (Some(refused), CaUse::Sign) => Err(refused),
            _ => self.facts.as_ref(),
        }
    }

    /// The warning `dockcert rotate` gives when the CA it replaces has
    /// expired (as of load time), in the core's words.
    pub fn expired_note(&self) -> Option<RotateNote> {
        let facts = self.facts.as_ref().ok()?;
        self.expired.as_ref()?;
        Some(RotateNote::OldCaExpired {
            name: dockcert_core::show::safe(facts.name()).into_owned(),
            ended: facts.not_after,
        })
    }

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
    /// `now` (None: when the file was loaded); none if it may not sign.
    pub fn lifetime(&self, now: Option<OffsetDateTime>) -> Option<CaLifetime> {
        let facts = self.facts_for(CaUse::Sign).ok()?;
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

    /// The problem to show next to `field`, if any, when the CA is `used`
    /// so (an expired CA is refused to sign with, not to be replaced).
    pub fn problem(&self, field: CaField, used: CaUse) -> Option<&CaProblem> {
        let load = match field {
            CaField::Cert => self.cert.as_ref().and_then(|c| c.facts_for(used).err()),
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
    /// then known to be the certificate's. Its dates were judged when the
    /// certificate loaded, for each use.
    fn open_plain(&mut self, now: OffsetDateTime) {
        let (Some(cert), Some(key)) = (&self.cert, &self.key) else {
            return;
        };
        if cert.facts.is_ok() && matches!(key.state, Ok(KeyState::Plain(_))) {
            match import::import_ca_for(&cert.bytes, &key.bytes, None, now, CaUse::Replace) {
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

    /// What opening the encrypted key for `used` needs, once there is a
    /// passphrase (the Open button: [`CaUse::Replace`], since an expired
    /// CA's refusal to sign is told apart, by [`CaCertFile::facts_for`]).
    pub fn open_job(&self, used: CaUse) -> Option<OpenJob> {
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
            used,
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

    /// Why nothing can be made yet with the CA `used` so, as far as the CA
    /// goes.
    pub fn blocker(&self, used: CaUse) -> Option<ExistingBlocker> {
        if matches!(self.inventory, Some(Err(_))) {
            return Some(ExistingBlocker::FixCa);
        }
        let expired = self.cert.as_ref().is_some_and(|c| c.expired.is_some());
        if expired && used == CaUse::Sign {
            return Some(ExistingBlocker::CaExpired);
        }
        let (Some(cert), Some(key)) = (&self.cert, &self.key) else {
            return Some(
                if self.problem(CaField::Cert, used).is_some()
                    || self.problem(CaField::Key, used).is_some()
                {
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

/// Whether `file` is a CA certificate, expired or not.
fn is_ca(file: &PickedFile, now: OffsetDateTime) -> bool {
    file.contents(MAX_FILE)
        .is_ok_and(|b| import::check_ca_certificate_for(b, now, CaUse::Replace).is_ok())
}

/// The CA certificate, checked as `dockcert rotate` checks the CA it
/// replaces and, when that passes, as `dockcert issue` checks the CA it
/// signs with (which fails only if it has expired).
fn load_cert(file: PickedFile, now: OffsetDateTime) -> CaCertFile {
    let (bytes, facts, expired) = match file.contents(MAX_FILE) {
        Ok(bytes) => {
            let facts = import::check_ca_certificate_for(bytes, now, CaUse::Replace);
            let expired = match facts {
                Ok(_) => import::check_ca_certificate(bytes, now).err(),
                Err(_) => None,
            };
            (bytes.clone(), facts.map(|(_, facts)| facts), expired)
        }
        Err(e) => (FileBytes::new(Vec::new()), Err(e), None),
    };
    CaCertFile {
        facts: facts.map_err(|e| e.on_ca_cert(&file.name)),
        expired: expired.map(|e| e.on_ca_cert(&file.name)),
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
