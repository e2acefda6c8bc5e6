//! The "Existing CA" mode: the CA's certificate and key as files, opened by
//! the core's import with the checks and words of `dockcert issue`; then
//! more certificates from it (issue), a new one like an old one (renew), or
//! a new CA for its current bundle in three phases (rotate, `rotation.rs`).

use std::collections::BTreeSet;

use dockcert_core::import::renew::{self, Renewal, RenewalNote};
use dockcert_core::import::{CaUse, SourcedError};
use dockcert_core::plan::{Plan, PlanErrors, PlanRequest};
use dockcert_core::Lang;
use time::{Date, OffsetDateTime};

use super::blockers::ExistingBlocker;
use super::ca::CaFiles;
use super::files::{FileBytes, PickedFile, MAX_FILE};
use super::form::{passphrase_errors, plan_errors_for, Form, Input, PassphraseProblem};
use super::outcome::{ZipName, ISSUED_ZIP, RENEWED_ZIP};
use super::phase::Phase;
use super::rotation::{self, RotateJob, Rotation, RotationCheck};
use super::signing::SigningCa;
use crate::i18n::Rot;

/// What to make with the CA.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Task {
    /// More server and client certificates (`dockcert issue`).
    #[default]
    Issue,
    /// A new key and certificate like an old one (`dockcert renew`).
    Renew,
    /// A new CA for the current bundle, in three phases (`dockcert rotate`).
    Rotate,
}

impl Task {
    /// What the task uses the CA for, which decides what its dates must
    /// be: issue and renew sign with it, rotate replaces it (and may
    /// replace an expired one, as `dockcert rotate` does).
    pub fn ca_use(self) -> CaUse {
        match self {
            Task::Issue | Task::Renew => CaUse::Sign,
            Task::Rotate => CaUse::Replace,
        }
    }
}

/// The old certificate to renew, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenewCert {
    /// The file's name.
    pub name: String,
    /// What to issue, or why it cannot be renewed (the CLI's words).
    pub renewal: Result<Renewal, SourcedError>,
}

/// Everything the issue pipeline needs.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueJob {
    /// The CA.
    pub ca: SigningCa,
    /// What to make.
    pub plan: Plan,
    /// The zip's name.
    pub zip: ZipName,
    /// Things to tell the user (a renewal's fixes).
    pub notes: Vec<RenewalNote>,
    /// When the certificates start: the moment the plan's days were fitted
    /// to the CA's end for, so they are signed as of then.
    pub now: OffsetDateTime,
    /// The CA's inventory as handed in (empty: none), given back updated
    /// in the zip's `ca/` folder.
    pub inventory: FileBytes,
}

/// The Existing CA inputs, checked.
#[derive(Debug)]
pub struct ExistingCheck {
    /// The plan, or every problem with it (None: renew without a certificate).
    pub plan: Option<Result<Plan, PlanErrors>>,
    /// What is wrong with the certificate to renew.
    pub renew_problem: Option<SourcedError>,
    /// Rotate: the bundle's hosts and clients kept, and the new key's protection.
    pub rotation: Option<RotationCheck>,
    /// Why nothing can be made yet.
    pub blocker: Option<ExistingBlocker>,
}

impl ExistingCheck {
    /// The messages to show next to `input`, in `lang`.
    pub fn errors_for(&self, input: Input, lang: Lang) -> Vec<String> {
        match (&self.plan, &self.rotation, input) {
            (_, Some(r), Input::Passphrase | Input::PassphraseConfirm) => {
                passphrase_errors(input, &r.protection, Rot::NewPassphrase.tr(lang), lang)
            }
            (Some(plan), _, _) => plan_errors_for(plan, input, lang),
            (None, _, _) => Vec::new(),
        }
    }
}

/// Everything the Existing CA mode holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ExistingCa {
    /// Issue or renew.
    pub task: Task,
    /// The CA's certificate and key.
    pub ca: CaFiles,
    /// Hosts, clients, key type and the advanced settings.
    pub form: Form,
    /// Inputs the user has changed: only these show their problems.
    pub touched: BTreeSet<Input>,
    /// The key type for a renewal; empty: the old certificate's.
    pub renew_key_type: String,
    /// The certificate to renew.
    pub renew: Option<RenewCert>,
    /// The Rotate step.
    pub rotation: Rotation,
    /// Whether the Advanced section is open.
    pub advanced_open: bool,
    /// Issuing, renewing or rotating, and its result.
    pub phase: Phase,
}

impl Default for ExistingCa {
    fn default() -> Self {
        ExistingCa {
            task: Task::Issue,
            ca: CaFiles::default(),
            form: Form::for_existing_ca(),
            touched: BTreeSet::new(),
            renew_key_type: String::new(),
            renew: None,
            rotation: Rotation::default(),
            advanced_open: false,
            phase: Phase::Editing,
        }
    }
}

impl ExistingCa {
    /// Whether the CA is being opened or certificates are being made.
    pub fn busy(&self) -> bool {
        self.ca.opening || matches!(self.phase, Phase::Generating(_))
    }

    /// Takes the old certificate to renew.
    pub fn load_renew(&mut self, file: PickedFile) {
        let renewal = file
            .contents(MAX_FILE)
            .and_then(|bytes| renew::renewal(bytes))
            .map_err(|e| e.in_file(&file.name));
        self.renew = Some(RenewCert {
            name: file.name,
            renewal,
        });
    }

    /// The settings a renewal takes from the form: the issue settings, and
    /// the key type chosen for renewing (empty: the old certificate's).
    fn renew_settings(&self, now: Option<OffsetDateTime>, lang: Lang) -> PlanRequest {
        PlanRequest {
            key_type: (!self.renew_key_type.is_empty()).then(|| self.renew_key_type.clone()),
            ..self.issue_request(now, lang)
        }
    }

    /// The form's request as `dockcert issue` makes it, its days fitted to
    /// the CA's end for certificates that start at `now` (None: when the
    /// CA's certificate was loaded).
    fn issue_request(&self, now: Option<OffsetDateTime>, lang: Lang) -> PlanRequest {
        PlanRequest {
            ca_lifetime: self.ca.cert.as_ref().and_then(|c| c.lifetime(now)),
            ..self.form.issue_request(lang)
        }
    }

    /// Checks everything as `dockcert issue` or `renew` would; the plan's
    /// README.txt is in `lang`.
    pub fn check(&self, today: Date, lang: Lang) -> ExistingCheck {
        self.check_at(None, today, lang)
    }

    fn check_at(&self, now: Option<OffsetDateTime>, today: Date, lang: Lang) -> ExistingCheck {
        let (plan, renew_problem) = match self.task {
            Task::Issue => (
                Some(Plan::from_request(&self.issue_request(now, lang), today)),
                None,
            ),
            Task::Renew => self.check_renew(now, today, lang),
            Task::Rotate => return self.check_rotation(today, lang),
        };
        let blocker = self
            .ca
            .blocker(CaUse::Sign)
            .or_else(|| match (&plan, self.task) {
                (None, _) => Some(ExistingBlocker::NeedRenewCert),
                (Some(Err(e)), Task::Issue) if e.only_missing_hosts() => {
                    Some(ExistingBlocker::NeedHostOrClient)
                }
                (Some(Err(_)), _) => Some(ExistingBlocker::FixFields),
                (Some(Ok(_)), _) if renew_problem.is_some() => Some(ExistingBlocker::FixFields),
                (Some(Ok(_)), _) => None,
            });
        ExistingCheck {
            plan,
            renew_problem,
            rotation: None,
            blocker,
        }
    }

    /// Checks the Rotate step as `dockcert rotate` checks its inputs: the
    /// CA, the bundle read with its certificate, the drops, the plan, the
    /// new key's passphrase.
    fn check_rotation(&self, today: Date, lang: Lang) -> ExistingCheck {
        let check = self.rotation.check();
        let facts = self.ca.cert.as_ref().and_then(|c| c.facts.as_ref().ok());
        let plan = match (&check.kept, facts) {
            (Some(Ok(kept)), Some(ca)) => Some(Rotation::plan(kept, ca, today, lang)),
            _ => None,
        };
        let blocker =
            self.ca
                .blocker(CaUse::Replace)
                .or(match (&check.kept, &plan, &check.protection) {
                    (None, _, _) => Some(ExistingBlocker::NeedBundle),
                    (Some(Err(_)), _, _) | (_, Some(Err(_)), _) => Some(ExistingBlocker::FixFields),
                    (_, _, Err(PassphraseProblem::Weak(_))) => Some(ExistingBlocker::FixFields),
                    (_, _, Err(_)) => Some(ExistingBlocker::NeedNewPassphrase),
                    _ => None,
                });
        ExistingCheck {
            plan,
            renew_problem: None,
            rotation: Some(check),
            blocker,
        }
    }

    /// The CA to sign with: opened, or to open with the typed passphrase
    /// for the task's use.
    fn signing_ca(&self) -> Option<SigningCa> {
        Some(match &self.ca.opened {
            Some(ca) => SigningCa::Opened(ca.clone()),
            None => SigningCa::ToOpen(self.ca.open_job(self.task.ca_use())?),
        })
    }

    /// The rotation for the rotate button pressed at `now`, when nothing
    /// blocks it, with README.txt in `lang`.
    pub fn rotate_job(&self, now: OffsetDateTime, lang: Lang) -> Option<RotateJob> {
        let check = self.check_at(Some(now), now.date(), lang);
        if check.blocker.is_some() || self.busy() || self.task != Task::Rotate {
            return None;
        }
        let facts = self.ca.cert.as_ref()?.facts.as_ref().ok()?;
        rotation::job(self.signing_ca()?, facts, check.rotation?, now, lang)
    }

    fn check_renew(
        &self,
        now: Option<OffsetDateTime>,
        today: Date,
        lang: Lang,
    ) -> (Option<Result<Plan, PlanErrors>>, Option<SourcedError>) {
        let Some(old) = &self.renew else {
            return (None, None);
        };
        let renewal = match &old.renewal {
            Ok(r) => r,
            Err(problem) => return (None, Some(problem.clone())),
        };
        let plan = Plan::from_request(&renewal.request(self.renew_settings(now, lang)), today);
        let names_problem = plan
            .as_ref()
            .err()
            .and_then(|errors| Renewal::refusal(errors.clone()).0);
        let issuer_problem = self
            .ca
            .cert
            .as_ref()
            .and_then(|c| c.facts_for(CaUse::Sign).ok())
            .and_then(|ca| renewal.check_issuer(ca).err());
        let problem = issuer_problem
            .or(names_problem)
            .map(|e| e.in_file(&old.name));
        (Some(plan), problem)
    }

    /// The job for the issue or renew button pressed at `now`, when nothing
    /// blocks it, with README.txt in `lang`.
    pub fn job(&self, now: OffsetDateTime, lang: Lang) -> Option<IssueJob> {
        let check = self.check_at(Some(now), now.date(), lang);
        if check.blocker.is_some() || self.busy() {
            return None;
        }
        let mut plan = check.plan?.ok()?;
        let ca = self.signing_ca()?;
        let (zip, notes) = match self.task {
            Task::Issue => (ISSUED_ZIP, Vec::new()),
            Task::Rotate => return None,
            Task::Renew => (
                RENEWED_ZIP,
                self.renew
                    .as_ref()
                    .and_then(|r| r.renewal.as_ref().ok())
                    .map(|r| r.notes.clone())
                    .unwrap_or_default(),
            ),
        };
        // The inventory's lines name the zip they went into.
        plan.bundle_name = Some(zip.file.to_owned());
        Some(IssueJob {
            ca,
            plan,
            zip,
            notes,
            now,
            inventory: self.ca.inventory_bytes(),
        })
    }
}
