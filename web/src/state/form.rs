//! The typed inputs: hosts, clients, key type, passphrase and the advanced
//! settings (the bundle's layout among them), as typed, and their checks in
//! the CLI's words, each naming its field as the page labels it.

use std::collections::BTreeMap;

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
    /// A plan input, its row in the core's table of settings: `server` (one
    /// host a line, `NAME[,SAN...]`), `client` (one a line), `key-type`,
    /// `days`, `ca-days`, `ca-name`, `listen`, `install-dir`, `allow-from`
    /// (client networks for the firewall rules), ...
    Setting(Field),
    /// `passphrase`: the new CA key's.
    Passphrase,
    /// `passphrase-confirm`.
    PassphraseConfirm,
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
        match self {
            Input::Setting(field) => field.name(),
            Input::Passphrase => "passphrase",
            Input::PassphraseConfirm => "passphrase-confirm",
            Input::CaPassphrase => "ca-passphrase",
            Input::Host => "host",
            Input::Layout => "layout",
            Input::Explain => "explain",
        }
    }

    /// The plan input this control gives, if it gives one.
    pub(crate) fn field(self) -> Option<Field> {
        match self {
            Input::Setting(field) => Some(field),
            _ => None,
        }
    }
}

/// What the user typed, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// Each plan input's text (hosts and clients one a line; networks
    /// separated by spaces or commas), by its field.
    texts: BTreeMap<Field, String>,
    /// The CA key's passphrase.
    pub passphrase: SecretText,
    /// The same, again.
    pub passphrase_confirm: SecretText,
    /// The explicit choice to leave the CA key unencrypted.
    pub no_passphrase: bool,
    /// How the bundle is laid out (`--layout`).
    pub layout: Layout,
}

impl Default for Form {
    /// Every field empty: an empty field takes its default (shown greyed as
    /// its placeholder), so what is typed into it is never added to a value
    /// that was already there.
    fn default() -> Self {
        Form {
            texts: BTreeMap::new(),
            passphrase: SecretText::default(),
            passphrase_confirm: SecretText::default(),
            no_passphrase: false,
            layout: Layout::Standard,
        }
    }
}

impl Form {
    /// The form for certificates from an existing CA: as `dockcert issue`,
    /// no client unless one is asked for, and the days, left empty, 365 or
    /// fewer to end with the CA.
    pub fn for_existing_ca() -> Self {
        Form::default()
    }

    /// The text typed for `field`.
    pub fn text(&self, field: Field) -> &str {
        self.texts.get(&field).map_or("", String::as_str)
    }

    /// This form with `value` typed for `field`.
    pub fn with(mut self, field: Field, value: &str) -> Self {
        self.set_text(field, value.to_owned());
        self
    }

    /// Types `value` for `field`.
    pub fn set_text(&mut self, field: Field, value: String) {
        self.texts.insert(field, value);
    }

    /// The value of `input` (empty for inputs that are not in this form).
    pub fn get(&self, input: Input) -> &str {
        match input {
            Input::Setting(field) => self.text(field),
            Input::Passphrase => &self.passphrase,
            Input::PassphraseConfirm => &self.passphrase_confirm,
            Input::Layout => self.layout.as_str(),
            Input::CaPassphrase | Input::Host | Input::Explain => "",
        }
    }

    pub(crate) fn set(&mut self, input: Input, value: String) {
        match input {
            Input::Setting(field) => self.set_text(field, value),
            Input::Passphrase => self.passphrase = SecretText::new(value),
            Input::PassphraseConfirm => self.passphrase_confirm = SecretText::new(value),
            Input::Layout => {
                // Only the select's own values come here.
                if let Some(layout) = Layout::from_name(&value) {
                    self.layout = layout;
                }
            }
            Input::CaPassphrase | Input::Host | Input::Explain => {}
        }
    }

    /// The same request the CLI builds from its flags: one `--server` per
    /// non-blank line, one `--client` per non-blank line, a list's items
    /// separated by spaces or commas, each other input as typed; a blank
    /// field is a flag not given, so it takes the default its placeholder
    /// shows (no client line: one client named "client", as the CLI makes
    /// for a new CA); README.txt in `lang`, the page's language.
    pub fn request(&self, lang: Lang) -> PlanRequest {
        let mut request = PlanRequest {
            lang,
            ..PlanRequest::default()
        };
        for &field in Field::ALL {
            let text = self.text(field);
            let values: Vec<String> = match (field, field.setting().list) {
                (Field::Server | Field::Client, _) => text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                (_, true) => text
                    .split([' ', ',', '\n', '\t'])
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned)
                    .collect(),
                (_, false) if text.trim().is_empty() => Vec::new(),
                (_, false) => vec![text.to_owned()],
            };
            request.set(field, values);
        }
        request
    }

    /// The request `dockcert issue` builds: no CA settings, no default client.
    pub fn issue_request(&self, lang: Lang) -> PlanRequest {
        PlanRequest {
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
        Check {
            plan,
            layout,
            protection: protection(
                &self.passphrase,
                &self.passphrase_confirm,
                self.no_passphrase,
            ),
        }
    }
}

/// A new CA key's protection from its passphrase typed twice, or the
/// explicit choice to leave it unencrypted (New CA's, and Rotate's).
pub(super) fn protection(
    passphrase: &SecretText,
    again: &SecretText,
    unencrypted: bool,
) -> Result<CaKeyProtection, PassphraseProblem> {
    if unencrypted {
        Ok(CaKeyProtection::Unencrypted)
    } else if passphrase.is_empty() && again.is_empty() {
        Err(PassphraseProblem::Missing)
    } else {
        match Passphrase::confirmed(passphrase.as_bytes(), again.as_bytes()) {
            Err(PkiError::PassphrasesDiffer) => Err(PassphraseProblem::Mismatch),
            Err(problem) => Err(PassphraseProblem::Weak(problem)),
            Ok(pass) => Ok(CaKeyProtection::Passphrase(pass)),
        }
    }
}

/// What is wrong with the passphrase `input`, in `lang`, as the page names
/// it: the first labelled `first` (its twin is "Passphrase again").
pub(super) fn passphrase_errors(
    input: Input,
    protection: &Result<CaKeyProtection, PassphraseProblem>,
    first: &str,
    lang: Lang,
) -> Vec<String> {
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    match (input, protection) {
        (Input::Passphrase, Err(PassphraseProblem::Weak(problem))) => {
            vec![format!("{first}{colon}{}", problem.text(lang))]
        }
        (Input::PassphraseConfirm, Err(PassphraseProblem::Mismatch)) => vec![format!(
            "{}{colon}{}",
            Text::PassphraseAgain.tr(lang),
            PkiError::PassphrasesDiffer.text(lang)
        )],
        _ => Vec::new(),
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
        match (input, &self.protection) {
            (Input::Passphrase | Input::PassphraseConfirm, protection) => {
                passphrase_errors(input, protection, Text::Passphrase.tr(lang), lang)
            }
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

#[cfg(test)]
mod tests {
    use dockcert_core::plan::{Field, PlanRequest, Purpose};
    use dockcert_core::Lang;

    use super::{Form, Input};

    #[test]
    fn the_form_holds_every_setting_of_the_table_and_asks_as_the_cli() {
        for field in Field::ALL {
            let input = Input::Setting(*field);
            assert_eq!(Form::default().get(input), "", "{field:?} starts empty");
            assert_eq!(input.name(), field.name());
        }
        let form = Form::default().with(Field::Server, "docker1\n docker2 ");
        let asked = form
            .clone()
            .with(Field::AllowFrom, "10.0.0.0/8, fd00::/8")
            .request(Lang::Zh);
        // Nothing typed is nothing given: each default is the core's, as
        // for the CLI without the flag.
        let expected = PlanRequest {
            servers: vec!["docker1".into(), "docker2".into()],
            allow_from: vec!["10.0.0.0/8".into(), "fd00::/8".into()],
            lang: Lang::Zh,
            ..PlanRequest::default()
        };
        assert_eq!(asked, expected);
        let typed = Field::ALL
            .iter()
            .fold(form, |form, f| form.with(*f, &f.default_text()))
            .with(Field::Server, "docker1\n docker2 ");
        let given = typed.request(Lang::En);
        assert_eq!(given.key_type.as_deref(), Some("ecdsa-p256"));
        assert_eq!(given.days.as_deref(), Some("365"));
        assert_eq!(given.clients, ["client"]);
        let issued = Form::for_existing_ca()
            .with(Field::Server, "docker3")
            .issue_request(Lang::En);
        assert_eq!(
            (issued.days, issued.ca_days, issued.ca_name),
            (None, None, None)
        );
        assert_eq!(issued.purpose, Purpose::ExistingCa);
        assert!(issued.clients.is_empty());
    }
}
