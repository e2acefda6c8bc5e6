//! The "Existing CA" mode: the CA's certificate and key as files, opened by
//! the core's import with the checks and words of `dockcert issue`; then
//! more certificates from it (issue) or a new one like an old one (renew).

use std::collections::BTreeSet;

use dockcert_core::import;
use dockcert_core::plan::{Plan, PlanRequest};
use dockcert_core::renew::{self, Renewal, Role};
use dockcert_core::{Field, PlanErrors};
use time::Date;

use super::ca::{CaFiles, OpenJob, OpenedCa};
use super::files::{PickedFile, MAX_FILE};
use super::form::{only_missing_hosts, plan_errors_for, Form, Input};
use super::outcome::{ZipName, ISSUED_ZIP, RENEWED_ZIP};
use super::Phase;
use crate::i18n::Text;

/// What to make with the CA.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Task {
    /// More server and client certificates (`dockcert issue`).
    #[default]
    Issue,
    /// A new key and certificate like an old one (`dockcert renew`).
    Renew,
}

/// The old certificate to renew, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenewCert {
    /// The file's name.
    pub name: String,
    /// What to issue, or why it cannot be renewed (the CLI's words).
    pub renewal: Result<Renewal, String>,
    /// Its issuer, DER and as text.
    pub issuer: Option<(Vec<u8>, String)>,
}

/// The signing CA for a job: opened already, or to open first.
#[derive(Clone, Debug, PartialEq)]
pub enum SigningCa {
    /// Opened (an unencrypted key, or a passphrase already tried).
    Opened(OpenedCa),
    /// Encrypted: open it with the typed passphrase first.
    ToOpen(OpenJob),
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
    pub notes: Vec<String>,
}

/// Why the issue or renew button is disabled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExistingBlocker {
    /// The CA certificate or key is not loaded yet.
    NeedCa,
    /// A CA file has a problem.
    FixCa,
    /// The key is encrypted and no passphrase is typed.
    NeedPassphrase,
    /// Issue: no host and no client yet.
    NeedHostOrClient,
    /// Renew: no certificate chosen yet.
    NeedRenewCert,
    /// A field has a problem.
    FixFields,
}

impl ExistingBlocker {
    /// The words for it.
    pub fn text(self) -> Text {
        match self {
            ExistingBlocker::NeedCa => Text::NeedCa,
            ExistingBlocker::FixCa => Text::FixCa,
            ExistingBlocker::NeedPassphrase => Text::NeedCaPassphrase,
            ExistingBlocker::NeedHostOrClient => Text::NeedHostOrClient,
            ExistingBlocker::NeedRenewCert => Text::NeedRenewCert,
            ExistingBlocker::FixFields => Text::FixFields,
        }
    }
}

/// The Existing CA inputs, checked.
#[derive(Debug)]
pub struct ExistingCheck {
    /// The plan, or every problem with it (None: renew without a certificate).
    pub plan: Option<Result<Plan, PlanErrors>>,
    /// What is wrong with the certificate to renew.
    pub renew_problem: Option<String>,
    /// Why nothing can be made yet.
    pub blocker: Option<ExistingBlocker>,
}

impl ExistingCheck {
    /// The messages to show next to `input`.
    pub fn errors_for(&self, input: Input) -> Vec<String> {
        match &self.plan {
            Some(plan) => plan_errors_for(plan, input),
            None => Vec::new(),
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
    /// Whether the Advanced section is open.
    pub advanced_open: bool,
    /// Issuing or renewing, and its result.
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
        let name = file.name.clone();
        let bytes = match file.contents(MAX_FILE) {
            Ok(bytes) => bytes.clone(),
            Err(problem) => {
                self.renew = Some(RenewCert {
                    name,
                    renewal: Err(problem),
                    issuer: None,
                });
                return;
            }
        };
        let issuer = import::certificates(&bytes)
            .ok()
            .and_then(|c| c.into_iter().next())
            .and_then(|der| import::facts(&der).ok())
            .map(|f| (f.issuer_der, f.issuer));
        self.renew = Some(RenewCert {
            renewal: renew::renewal(&bytes).map_err(|e| format!("{name:?}: {e}")),
            name,
            issuer,
        });
    }

    /// The request `dockcert renew` builds from the old certificate and the settings.
    fn renew_request(&self, old: &Renewal) -> PlanRequest {
        let (servers, clients) = match old.role {
            Role::Server => (vec![old.spec.as_str().into()], Vec::new()),
            Role::Client => (Vec::new(), vec![old.spec.clone()]),
        };
        let key_type = if self.renew_key_type.is_empty() {
            old.key_type.map(|k| k.as_str().to_owned())
        } else {
            Some(self.renew_key_type.clone())
        };
        PlanRequest {
            servers,
            clients,
            key_type,
            ..self.form.issue_request()
        }
    }

    /// Checks everything as `dockcert issue` or `renew` would.
    pub fn check(&self, today: Date) -> ExistingCheck {
        let (plan, renew_problem) = match self.task {
            Task::Issue => (
                Some(Plan::from_request(&self.form.issue_request(), today)),
                None,
            ),
            Task::Renew => self.check_renew(today),
        };
        let blocker = self.ca.blocker().or_else(|| match (&plan, self.task) {
            (None, _) => Some(ExistingBlocker::NeedRenewCert),
            (Some(Err(e)), Task::Issue) if only_missing_hosts(e) => {
                Some(ExistingBlocker::NeedHostOrClient)
            }
            (Some(Err(_)), _) => Some(ExistingBlocker::FixFields),
            (Some(Ok(_)), _) if renew_problem.is_some() => Some(ExistingBlocker::FixFields),
            (Some(Ok(_)), _) => None,
        });
        ExistingCheck {
            plan,
            renew_problem,
            blocker,
        }
    }

    fn check_renew(&self, today: Date) -> (Option<Result<Plan, PlanErrors>>, Option<String>) {
        let Some(old) = &self.renew else {
            return (None, None);
        };
        let renewal = match &old.renewal {
            Ok(r) => r,
            Err(problem) => return (None, Some(problem.clone())),
        };
        let plan = Plan::from_request(&self.renew_request(renewal), today);
        let name = &old.name;
        let names_problem = plan.as_ref().err().and_then(|errors| {
            let names: Vec<_> = errors
                .0
                .iter()
                .filter(|e| matches!(e.field, Field::Server | Field::Client))
                .cloned()
                .collect();
            (!names.is_empty()).then(|| {
                format!(
                    "{name:?}: the old certificate's names cannot be used as they are:\n{}",
                    PlanErrors(names)
                )
            })
        });
        let ca = self.ca.cert.as_ref().and_then(|c| c.facts.as_ref().ok());
        let issuer_problem = match (ca, &old.issuer) {
            (Some(ca), Some((issuer_der, issuer))) if *issuer_der != ca.subject_der => Some(format!(
                "{name:?}: it was issued by \"{issuer}\", not by the CA in --ca-cert (\"{}\"); renew it with the CA that issued it",
                ca.subject
            )),
            _ => None,
        };
        (Some(plan), issuer_problem.or(names_problem))
    }

    /// The job for the issue or renew button, when nothing blocks it.
    pub fn job(&self, today: Date) -> Option<IssueJob> {
        let check = self.check(today);
        if check.blocker.is_some() || self.busy() {
            return None;
        }
        let plan = check.plan?.ok()?;
        let ca = match &self.ca.opened {
            Some(ca) => SigningCa::Opened(ca.clone()),
            None => SigningCa::ToOpen(self.ca.open_job()?),
        };
        let (zip, notes) = match self.task {
            Task::Issue => (ISSUED_ZIP, Vec::new()),
            Task::Renew => (
                RENEWED_ZIP,
                self.renew
                    .as_ref()
                    .and_then(|r| r.renewal.as_ref().ok())
                    .map(|r| r.notes.clone())
                    .unwrap_or_default(),
            ),
        };
        Some(IssueJob {
            ca,
            plan,
            zip,
            notes,
        })
    }
}
