//! The Rotate step of the Existing CA mode (`dockcert rotate`): the current
//! bundle as a zip, read by the core with the loaded CA's certificate
//! exactly as `--from` is read; the hosts and clients ticked to drop
//! (`--drop`); the new CA key's passphrase, twice, or the choice to leave
//! it unencrypted. The plan is the one the CLI makes from the same inputs.

use std::collections::BTreeSet;
use std::rc::Rc;

use dockcert_core::bundle::CaKeyProtection;
use dockcert_core::import::{check_ca_certificate_for, CaUse};
use dockcert_core::inspect::Gathered;
use dockcert_core::pki::CertFacts;
use dockcert_core::plan::{Plan, PlanErrors, PlanRequest};
use dockcert_core::rotate::{Current, RotateError};
use dockcert_core::Lang;
use time::{Date, OffsetDateTime};

use super::ca::CaCertFile;
use super::files::PickedFile;
use super::form::{protection, PassphraseProblem};
use super::outcome::{ZipName, ROTATED_ZIP};
use super::secret::SecretText;
use super::signing::SigningCa;

/// The current bundle's hosts and clients as the core read them, or why it
/// could not. Compared by identity: the same reading.
#[derive(Clone, Debug)]
pub struct ReadBundle(Rc<Result<Current, RotateError>>);

impl PartialEq for ReadBundle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ReadBundle {
    /// What was read.
    pub fn get(&self) -> &Result<Current, RotateError> {
        &self.0
    }
}

/// Everything the Rotate step holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rotation {
    /// The files of the current bundle as last picked or dropped (a zip).
    pub files: Vec<PickedFile>,
    /// Its hosts and clients, once there are files and a CA certificate.
    pub read: Option<ReadBundle>,
    /// The names ticked to drop (`--drop`).
    pub drop: BTreeSet<String>,
    /// The new CA key's passphrase.
    pub passphrase: SecretText,
    /// The same, again.
    pub passphrase_confirm: SecretText,
    /// The explicit choice to leave the new CA key unencrypted.
    pub no_passphrase: bool,
}

/// The Rotate step, checked.
#[derive(Debug)]
pub struct RotationCheck {
    /// The hosts and clients kept, or why the bundle or the drops are refused.
    pub kept: Option<Result<Current, RotateError>>,
    /// The new CA key's protection, or why not yet.
    pub protection: Result<CaKeyProtection, PassphraseProblem>,
}

/// Everything the rotate pipeline needs.
#[derive(Clone, Debug)]
pub struct RotateJob {
    /// The CA being replaced.
    pub ca: SigningCa,
    /// The hosts and clients kept, and the names dropped.
    pub current: Rc<Current>,
    /// The new CA's bundle, as [`Current::request`] asks it.
    pub plan: Plan,
    /// The new CA key's protection.
    pub protection: CaKeyProtection,
    /// The zip's name.
    pub zip: ZipName,
    /// When the new CA and certificates start.
    pub now: OffsetDateTime,
}

impl Rotation {
    /// Takes the current bundle's files (replacing those before) and reads
    /// them with the CA certificate `ca`, if loaded.
    pub fn load(&mut self, files: Vec<PickedFile>, ca: Option<&CaCertFile>, lang: Lang) {
        self.files = files;
        self.drop.clear();
        self.reread(ca, lang);
    }

    /// Reads the bundle again: the CA certificate or the language changed.
    /// The CA certificate is read as `dockcert rotate` reads `--ca-cert`
    /// (an expired CA may be rotated away from), at the moment it loaded.
    pub fn reread(&mut self, ca: Option<&CaCertFile>, lang: Lang) {
        let old = ca.and_then(|c| {
            let (der, facts) =
                check_ca_certificate_for(&c.bytes, c.loaded_at, CaUse::Replace).ok()?;
            Some((der, facts, c.loaded_at))
        });
        self.read = match (self.files.is_empty(), old) {
            (false, Some((der, facts, now))) => Some(ReadBundle(Rc::new(Current::read(
                &self.gathered(),
                (&der, &facts),
                now,
                lang,
            )))),
            _ => None,
        };
        // A tick stays only on a name the bundle still has.
        if let Some(Ok(current)) = self.read.as_ref().map(ReadBundle::get) {
            let names: BTreeSet<&str> = current
                .hosts()
                .iter()
                .chain(current.clients())
                .map(|m| m.name.as_str())
                .collect();
            self.drop.retain(|n| names.contains(n.as_str()));
        }
    }

    /// The files as `dockcert rotate --from` gathers them: a zip unpacked,
    /// bounded as inspect bounds it.
    fn gathered(&self) -> Gathered {
        let mut gathered = Gathered::default();
        for file in &self.files {
            match &file.bytes {
                Ok(bytes) => gathered.add_new(&file.name, Ok(bytes.to_vec()), None),
                Err(problem) => gathered.skip(&file.name, problem.for_inspect()),
            }
        }
        gathered
    }

    /// Ticks or unticks `name` to drop.
    pub fn set_drop(&mut self, name: String, on: bool) {
        if on {
            self.drop.insert(name);
        } else {
            self.drop.remove(&name);
        }
    }

    /// Checks the step as `dockcert rotate` checks its inputs.
    pub fn check(&self) -> RotationCheck {
        let kept = self.read.as_ref().map(|read| {
            let mut kept = read.get().clone()?;
            let drop: Vec<String> = self.drop.iter().cloned().collect();
            kept.drop_names(&drop)?;
            Ok(kept)
        });
        RotationCheck {
            kept,
            protection: protection(
                &self.passphrase,
                &self.passphrase_confirm,
                self.no_passphrase,
            ),
        }
    }

    /// The new CA's plan for the hosts and clients `kept`, as the CLI asks
    /// it with no setting given: README.txt in `lang`.
    pub fn plan(
        kept: &Current,
        ca: &CertFacts,
        today: Date,
        lang: Lang,
    ) -> Result<Plan, PlanErrors> {
        let settings = PlanRequest {
            lang,
            ..PlanRequest::default()
        };
        Plan::from_request(&kept.request(settings, ca, today), today)
    }

    /// Wipes the passphrases typed for a rotation that was made.
    pub fn forget_passphrases(&mut self) {
        self.passphrase = SecretText::default();
        self.passphrase_confirm = SecretText::default();
    }
}

/// The job for the rotate button pressed at `now`: `ca` and the checked
/// step, when nothing is refused.
pub(super) fn job(
    ca: SigningCa,
    facts: &CertFacts,
    check: RotationCheck,
    now: OffsetDateTime,
    lang: Lang,
) -> Option<RotateJob> {
    let kept = check.kept?.ok()?;
    let plan = Rotation::plan(&kept, facts, now.date(), lang).ok()?;
    Some(RotateJob {
        ca,
        current: Rc::new(kept),
        plan,
        protection: check.protection.ok()?,
        zip: ROTATED_ZIP,
        now,
    })
}
