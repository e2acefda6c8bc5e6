//! The typed inputs: hosts, clients, key type, passphrase and the advanced
//! settings (the bundle's layout among them), as typed, and their checks in
//! the CLI's words, each naming its field as the page labels it.

use dockcert_core::bundle::{BundleError, CaKeyProtection, Layout};
use dockcert_core::pki::{Passphrase, PkiError};
use dockcert_core::plan::{Field, Plan, PlanErrors, PlanRequest, Purpose};
use dockcert_core::{Lang, Localized, Speaker};
use time::Date;

use super::blockers::Blocker;
use super::secret::SecretText;
use crate::i18n::Text;

/// A typed control. Its `name` attribute mirrors the CLI flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    /// `server`: one host a line, `NAME[,SAN...]`.
    Server,
    /// `client`: one client a line.
    Client,
    /// `key-type`.
    KeyType,
    /// `passphrase`: the new CA key's.
    Passphrase,
    /// `passphrase-confirm`.
    PassphraseConfirm,
    /// `days`.
    Days,
    /// `ca-days`.
    CaDays,
    /// `ca-name`.
    CaName,
    /// `listen`.
    Listen,
    /// `install-dir`.
    InstallDir,
    /// `allow-from`: client networks for the firewall rules.
    AllowFrom,
    /// `layout`: standard, or the docker:dind tree.
    Layout,
    /// `ca-passphrase`: the passphrase that opens an existing CA key.
    CaPassphrase,
    /// `host`: the name clients dial, for inspect (`--host`).
    Host,
    /// `explain`: a pasted error message (`--explain`).
    Explain,
}

impl Input {
    /// The control's `name` attribute (the CLI flag without its dashes).
    pub fn name(self) -> &'static str {
        match (self.field(), self) {
            (Some(field), _) => field.name(),
            (None, Input::Passphrase) => "passphrase",
            (None, Input::PassphraseConfirm) => "passphrase-confirm",
            (None, Input::CaPassphrase) => "ca-passphrase",
            (None, Input::Host) => "host",
            (None, Input::Layout) => "layout",
            (None, _) => "explain",
        }
    }

    /// The plan input this control gives, if it gives one.
    pub(crate) fn field(self) -> Option<Field> {
        Some(match self {
            Input::Server => Field::Server,
            Input::Client => Field::Client,
            Input::KeyType => Field::KeyType,
            Input::Days => Field::Days,
            Input::CaDays => Field::CaDays,
            Input::CaName => Field::CaName,
            Input::Listen => Field::Listen,
            Input::InstallDir => Field::InstallDir,
            Input::AllowFrom => Field::AllowFrom,
            Input::Passphrase
            | Input::PassphraseConfirm
            | Input::CaPassphrase
            | Input::Host
            | Input::Layout
            | Input::Explain => return None,
        })
    }
}

/// What the user typed, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// One host a line.
    pub server: String,
    /// One client a line.
    pub client: String,
    /// A key type name.
    pub key_type: String,
    /// The CA key's passphrase.
    pub passphrase: SecretText,
    /// The same, again.
    pub passphrase_confirm: SecretText,
    /// The explicit choice to leave the CA key unencrypted.
    pub no_passphrase: bool,
    /// Leaf validity.
    pub days: String,
    /// CA validity.
    pub ca_days: String,
    /// CA name; empty means the default.
    pub ca_name: String,
    /// HOST:PORT.
    pub listen: String,
    /// The hosts' install directory.
    pub install_dir: String,
    /// Client networks, separated by spaces or commas; empty: no firewall rules.
    pub allow_from: String,
    /// How the bundle is laid out (`--layout`).
    pub layout: Layout,
}

impl Default for Form {
    fn default() -> Self {
        use dockcert_core::plan::{
            DEFAULT_CA_DAYS, DEFAULT_CLIENT, DEFAULT_DAYS, DEFAULT_INSTALL_DIR, DEFAULT_LISTEN,
        };
        Form {
            server: String::new(),
            client: DEFAULT_CLIENT.into(),
            key_type: dockcert_core::pki::KeyType::default().as_str().into(),
            passphrase: SecretText::default(),
            passphrase_confirm: SecretText::default(),
            no_passphrase: false,
            days: DEFAULT_DAYS.to_string(),
            ca_days: DEFAULT_CA_DAYS.to_string(),
            ca_name: String::new(),
            listen: DEFAULT_LISTEN.into(),
            install_dir: DEFAULT_INSTALL_DIR.into(),
            allow_from: String::new(),
            layout: Layout::Standard,
        }
    }
}

impl Form {
    /// The form for certificates from an existing CA: as `dockcert issue`,
    /// no client unless one is asked for.
    pub fn for_existing_ca() -> Self {
        Form {
            client: String::new(),
            // Empty: 365 days, or fewer to end with the CA, as `dockcert issue`
            // without --days.
            days: String::new(),
            ..Form::default()
        }
    }

    /// The value of `input` (empty for inputs that are not in this form).
    pub fn get(&self, input: Input) -> &str {
        match input {
            Input::Server => &self.server,
            Input::Client => &self.client,
            Input::KeyType => &self.key_type,
            Input::Passphrase => &self.passphrase,
            Input::PassphraseConfirm => &self.passphrase_confirm,
            Input::Days => &self.days,
            Input::CaDays => &self.ca_days,
            Input::CaName => &self.ca_name,
            Input::Listen => &self.listen,
            Input::InstallDir => &self.install_dir,
            Input::AllowFrom => &self.allow_from,
            Input::Layout => self.layout.as_str(),
            Input::CaPassphrase | Input::Host | Input::Explain => "",
        }
    }

    pub(crate) fn set(&mut self, input: Input, value: String) {
        let slot = match input {
            Input::Passphrase => return self.passphrase = SecretText::new(value),
            Input::PassphraseConfirm => return self.passphrase_confirm = SecretText::new(value),
            Input::Layout => {
                // Only the select's own values come here.
                if let Some(layout) = Layout::from_name(&value) {
                    self.layout = layout;
                }
                return;
            }
            Input::Server => &mut self.server,
            Input::Client => &mut self.client,
            Input::KeyType => &mut self.key_type,
            Input::Days => &mut self.days,
            Input::CaDays => &mut self.ca_days,
            Input::CaName => &mut self.ca_name,
            Input::Listen => &mut self.listen,
            Input::InstallDir => &mut self.install_dir,
            Input::AllowFrom => &mut self.allow_from,
            Input::CaPassphrase | Input::Host | Input::Explain => return,
        };
        *slot = value;
    }

    /// The same request the CLI builds from its flags: one `--server` per
    /// non-blank line, one `--client` per non-blank line; README.txt in
    /// `lang`, the page's language.
    pub fn request(&self, lang: Lang) -> PlanRequest {
        let lines = |text: &str| -> Vec<String> {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        };
        PlanRequest {
            servers: lines(&self.server).into_iter().map(Into::into).collect(),
            clients: lines(&self.client),
            key_type: Some(self.key_type.clone()),
            days: Some(self.days.clone()),
            ca_days: Some(self.ca_days.clone()),
            ca_name: (!self.ca_name.trim().is_empty()).then(|| self.ca_name.clone()),
            listen: Some(self.listen.clone()),
            install_dir: Some(self.install_dir.clone()),
            allow_from: self
                .allow_from
                .split([' ', ',', '\n', '\t'])
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect(),
            purpose: Default::default(),
            ansible: false,
            lang,
            ca_lifetime: None,
        }
    }

    /// The request `dockcert issue` builds: no CA settings, no default client.
    pub fn issue_request(&self, lang: Lang) -> PlanRequest {
        PlanRequest {
            days: (!self.days.trim().is_empty()).then(|| self.days.clone()),
            ca_days: None,
            ca_name: None,
            purpose: Purpose::ExistingCa,
            ..self.request(lang)
        }
    }

    /// Checks the form as the CLI checks its flags; the plan's README.txt is
    /// in `lang`.
    pub fn check(&self, today: Date, lang: Lang) -> Check {
        let plan = Plan::from_request(&self.request(lang), today);
        let layout = match &plan {
            Ok(plan) => self.layout.check(plan).map(|()| self.layout),
            Err(_) => Ok(self.layout),
        };
        let protection = if self.no_passphrase {
            Ok(CaKeyProtection::Unencrypted)
        } else if self.passphrase.is_empty() && self.passphrase_confirm.is_empty() {
            Err(PassphraseProblem::Missing)
        } else {
            match Passphrase::confirmed(
                self.passphrase.as_bytes(),
                self.passphrase_confirm.as_bytes(),
            ) {
                Err(PkiError::PassphrasesDiffer) => Err(PassphraseProblem::Mismatch),
                Err(problem) => Err(PassphraseProblem::Weak(problem)),
                Ok(pass) => Ok(CaKeyProtection::Passphrase(pass)),
            }
        };
        Check {
            plan,
            layout,
            protection,
        }
    }
}

/// The plan's problems with `input`, in `lang`, each naming its field as
/// the page labels it.
pub(super) fn plan_errors_for(
    plan: &Result<Plan, PlanErrors>,
    input: Input,
    lang: Lang,
) -> Vec<String> {
    match plan {
        Err(errors) => errors
            .iter()
            .filter(|e| input.field() == Some(e.field))
            .map(|e| e.text_for(Speaker::Page, lang))
            .collect(),
        Ok(_) => Vec::new(),
    }
}

/// What is wrong with the passphrase fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PassphraseProblem {
    /// Nothing typed and no choice to go without.
    Missing,
    /// Too short or too long.
    Weak(PkiError),
    /// The two entries differ.
    Mismatch,
}

/// The form, checked.
#[derive(Debug)]
pub struct Check {
    /// The plan, or every problem with it.
    pub plan: Result<Plan, PlanErrors>,
    /// The layout, or why the plan does not fit it (dind: one host, one client).
    pub layout: Result<Layout, BundleError>,
    /// The CA key's protection, or why not yet.
    pub protection: Result<CaKeyProtection, PassphraseProblem>,
}

impl Check {
    /// The messages to show next to `input`, in `lang`, naming the field as
    /// the page labels it.
    pub fn errors_for(&self, input: Input, lang: Lang) -> Vec<String> {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        let typed = |label: Text, problem: &PkiError| {
            vec![format!("{}{colon}{}", label.tr(lang), problem.text(lang))]
        };
        match (input, &self.protection) {
            (Input::Passphrase, Err(PassphraseProblem::Weak(problem))) => {
                typed(Text::Passphrase, problem)
            }
            (Input::PassphraseConfirm, Err(PassphraseProblem::Mismatch)) => {
                typed(Text::PassphraseAgain, &PkiError::PassphrasesDiffer)
            }
            (Input::Passphrase | Input::PassphraseConfirm, _) => Vec::new(),
            (Input::Layout, _) => self
                .layout
                .as_ref()
                .err()
                .map(|e| e.text_for(Speaker::Page, lang))
                .into_iter()
                .collect(),
            _ => plan_errors_for(&self.plan, input, lang),
        }
    }

    /// Why the form cannot be generated yet, if it cannot.
    pub fn blocker(&self) -> Option<Blocker> {
        if let Err(errors) = &self.plan {
            return Some(if errors.only_missing_hosts() {
                Blocker::NeedHost
            } else {
                Blocker::FixFields
            });
        }
        if self.layout.is_err() {
            return Some(Blocker::FixFields);
        }
        match &self.protection {
            Ok(_) => None,
            Err(PassphraseProblem::Missing) | Err(PassphraseProblem::Mismatch) => {
                Some(Blocker::NeedPassphrase)
            }
            Err(PassphraseProblem::Weak(_)) => Some(Blocker::FixFields),
        }
    }
}
