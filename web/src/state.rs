//! The page's state and every change to it, as a pure reducer: no browser
//! here, so it is tested natively and on wasm32 alike. Components render
//! an [`AppState`] and send [`Msg`]s; [`crate::browser`] does the rest.

use std::collections::BTreeSet;
use std::rc::Rc;

use dockcert_core::bundle::{Bundle, CaKeyProtection};
use dockcert_core::cert::CertInfo;
use dockcert_core::docker;
use dockcert_core::keys::Passphrase;
use dockcert_core::layout::{self, FileKind};
use dockcert_core::plan::{Plan, PlanRequest};
use dockcert_core::readme::NextSteps;
use dockcert_core::{Field, PlanErrors};
use time::Date;

use crate::i18n::{Lang, Text};

/// The downloaded file's name; its top folder is [`ZIP_TOP`], as the CLI
/// names it for `--out docker-tls.zip`.
pub const ZIP_NAME: &str = "docker-tls.zip";
/// The zip's top folder.
pub const ZIP_TOP: &str = "docker-tls";

/// A form control. Its `name` attribute mirrors the CLI flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    /// `server`: one host a line, `NAME[,SAN...]`.
    Server,
    /// `client`: one client a line.
    Client,
    /// `key-type`.
    KeyType,
    /// `passphrase`.
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
}

impl Input {
    /// The control's `name` attribute (the CLI flag without its dashes).
    pub fn name(self) -> &'static str {
        match self {
            Input::Server => "server",
            Input::Client => "client",
            Input::KeyType => "key-type",
            Input::Passphrase => "passphrase",
            Input::PassphraseConfirm => "passphrase-confirm",
            Input::Days => "days",
            Input::CaDays => "ca-days",
            Input::CaName => "ca-name",
            Input::Listen => "listen",
            Input::InstallDir => "install-dir",
            Input::AllowFrom => "allow-from",
        }
    }

    fn of_field(field: Field) -> Input {
        match field {
            Field::Server => Input::Server,
            Field::Client => Input::Client,
            Field::KeyType => Input::KeyType,
            Field::Days => Input::Days,
            Field::CaDays => Input::CaDays,
            Field::CaName => Input::CaName,
            Field::Listen => Input::Listen,
            Field::InstallDir => Input::InstallDir,
            Field::AllowFrom => Input::AllowFrom,
            Field::Passphrase => Input::Passphrase,
        }
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
    pub passphrase: String,
    /// The same, again.
    pub passphrase_confirm: String,
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
}

impl Default for Form {
    fn default() -> Self {
        use dockcert_core::plan::{
            DEFAULT_CA_DAYS, DEFAULT_CLIENT, DEFAULT_DAYS, DEFAULT_INSTALL_DIR, DEFAULT_LISTEN,
        };
        Form {
            server: String::new(),
            client: DEFAULT_CLIENT.into(),
            key_type: dockcert_core::keys::KeyType::default().as_str().into(),
            passphrase: String::new(),
            passphrase_confirm: String::new(),
            no_passphrase: false,
            days: DEFAULT_DAYS.to_string(),
            ca_days: DEFAULT_CA_DAYS.to_string(),
            ca_name: String::new(),
            listen: DEFAULT_LISTEN.into(),
            install_dir: DEFAULT_INSTALL_DIR.into(),
            allow_from: String::new(),
        }
    }
}

impl Form {
    /// The value of `input`.
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
        }
    }

    fn set(&mut self, input: Input, value: String) {
        let slot = match input {
            Input::Server => &mut self.server,
            Input::Client => &mut self.client,
            Input::KeyType => &mut self.key_type,
            Input::Passphrase => &mut self.passphrase,
            Input::PassphraseConfirm => &mut self.passphrase_confirm,
            Input::Days => &mut self.days,
            Input::CaDays => &mut self.ca_days,
            Input::CaName => &mut self.ca_name,
            Input::Listen => &mut self.listen,
            Input::InstallDir => &mut self.install_dir,
            Input::AllowFrom => &mut self.allow_from,
        };
        *slot = value;
    }

    /// The same request the CLI builds from its flags: one `--server` per
    /// non-blank line, one `--client` per non-blank line.
    pub fn request(&self) -> PlanRequest {
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
        }
    }

    /// Checks the form as the CLI checks its flags.
    pub fn check(&self, today: Date) -> Check {
        let plan = Plan::from_request(&self.request(), today);
        let protection = if self.no_passphrase {
            Ok(CaKeyProtection::Unencrypted)
        } else if self.passphrase.is_empty() && self.passphrase_confirm.is_empty() {
            Err(PassphraseProblem::Missing)
        } else {
            match Passphrase::new(self.passphrase.as_bytes().to_vec()) {
                Err(problem) => Err(PassphraseProblem::Weak(problem)),
                Ok(_) if self.passphrase != self.passphrase_confirm => {
                    Err(PassphraseProblem::Mismatch)
                }
                Ok(pass) => Ok(CaKeyProtection::Passphrase(pass)),
            }
        };
        Check { plan, protection }
    }
}

/// What is wrong with the passphrase fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PassphraseProblem {
    /// Nothing typed and no choice to go without.
    Missing,
    /// The core's words about it (too short, too long).
    Weak(String),
    /// The two entries differ.
    Mismatch,
}

/// The form, checked.
#[derive(Debug)]
pub struct Check {
    /// The plan, or every problem with it.
    pub plan: Result<Plan, PlanErrors>,
    /// The CA key's protection, or why not yet.
    pub protection: Result<CaKeyProtection, PassphraseProblem>,
}

/// Why the generate button is disabled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// No host yet.
    NeedHost,
    /// A field has a problem.
    FixFields,
    /// The passphrase is missing or not confirmed.
    NeedPassphrase,
}

impl Blocker {
    /// The words for it.
    pub fn text(self) -> Text {
        match self {
            Blocker::NeedHost => Text::NeedHost,
            Blocker::FixFields => Text::FixFields,
            Blocker::NeedPassphrase => Text::NeedPassphrase,
        }
    }
}

impl Check {
    /// The messages to show next to `input`, in the CLI's words.
    pub fn errors_for(&self, input: Input) -> Vec<String> {
        match input {
            Input::Passphrase => match &self.protection {
                Err(PassphraseProblem::Weak(problem)) => vec![format!("passphrase: {problem}")],
                _ => Vec::new(),
            },
            Input::PassphraseConfirm => match &self.protection {
                Err(PassphraseProblem::Mismatch) => {
                    vec!["passphrase: the two entries differ".to_owned()]
                }
                _ => Vec::new(),
            },
            _ => match &self.plan {
                Err(errors) => errors
                    .0
                    .iter()
                    .filter(|e| Input::of_field(e.field) == input)
                    .map(ToString::to_string)
                    .collect(),
                Ok(_) => Vec::new(),
            },
        }
    }

    /// Why the form cannot be generated yet, if it cannot.
    pub fn blocker(&self) -> Option<Blocker> {
        if let Err(errors) = &self.plan {
            let no_host = errors
                .0
                .iter()
                .any(|e| e.field == Field::Server && e.value.is_none());
            return Some(if no_host && errors.0.len() == 1 {
                Blocker::NeedHost
            } else {
                Blocker::FixFields
            });
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

/// Where generation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Making keys.
    Keys,
    /// Signing and encrypting.
    Signing,
    /// Zipping.
    Packing,
}

/// Progress while generating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// "CA key", "server key for docker1", ...
    pub keys: Vec<String>,
    /// Which are made.
    pub done: Vec<bool>,
    /// The current step.
    pub step: Step,
}

/// The page's phase.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Filling the form.
    Editing,
    /// Making the bundle.
    Generating(Progress),
    /// Made; the result stays until the next generation.
    Done(Rc<Outcome>),
    /// Making failed.
    Failed(String),
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// Interface language.
    pub lang: Lang,
    /// The form.
    pub form: Form,
    /// Inputs the user has changed: only these show their problems.
    pub touched: BTreeSet<Input>,
    /// Whether the Advanced section is open.
    pub advanced_open: bool,
    /// The phase.
    pub phase: Phase,
    /// Today, for the default CA name.
    pub today: Date,
    /// Whether the page came over http(s) rather than from a file.
    pub served_over_network: bool,
    /// The text last copied, to say "Copied" next to it.
    pub copied: Option<String>,
}

/// Every change to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// An input changed.
    Edit(Input, String),
    /// The "leave the CA key unencrypted" choice changed.
    SetNoPassphrase(bool),
    /// The language toggle.
    SetLang(Lang),
    /// The Advanced disclosure opened or closed.
    SetAdvanced(bool),
    /// Generation started, with these keys to make.
    Started(Vec<String>),
    /// Key number `n` is made.
    KeyMade(usize),
    /// Generation moved on.
    Step(Step),
    /// Generation ended.
    Finished(Result<Rc<Outcome>, String>),
    /// Text was copied to the clipboard.
    Copied(String),
}

impl AppState {
    /// The first state: an empty form with defaults.
    pub fn new(lang: Lang, today: Date, served_over_network: bool) -> Self {
        AppState {
            lang,
            form: Form::default(),
            touched: BTreeSet::new(),
            advanced_open: false,
            phase: Phase::Editing,
            today,
            served_over_network,
            copied: None,
        }
    }

    /// The form, checked.
    pub fn check(&self) -> Check {
        self.form.check(self.today)
    }

    /// Whether generation is under way (the form is then read-only).
    pub fn busy(&self) -> bool {
        matches!(self.phase, Phase::Generating(_))
    }

    /// Applies `msg`.
    pub fn apply(&mut self, msg: Msg) {
        match msg {
            Msg::Edit(input, value) => {
                if !self.busy() {
                    self.form.set(input, value);
                    self.touched.insert(input);
                    if input == Input::Passphrase && !self.form.passphrase_confirm.is_empty() {
                        self.touched.insert(Input::PassphraseConfirm);
                    }
                }
            }
            Msg::SetNoPassphrase(on) => {
                if !self.busy() {
                    self.form.no_passphrase = on;
                }
            }
            Msg::SetLang(lang) => self.lang = lang,
            Msg::SetAdvanced(open) => self.advanced_open = open,
            Msg::Started(keys) => {
                let done = vec![false; keys.len()];
                self.copied = None;
                self.phase = Phase::Generating(Progress {
                    keys,
                    done,
                    step: Step::Keys,
                });
            }
            Msg::KeyMade(n) => {
                if let Phase::Generating(progress) = &mut self.phase {
                    if let Some(slot) = progress.done.get_mut(n) {
                        *slot = true;
                    }
                }
            }
            Msg::Step(step) => {
                if let Phase::Generating(progress) = &mut self.phase {
                    progress.step = step;
                }
            }
            Msg::Finished(result) => {
                self.phase = match result {
                    Ok(outcome) => Phase::Done(outcome),
                    Err(message) => Phase::Failed(message),
                }
            }
            Msg::Copied(text) => self.copied = Some(text),
        }
    }
}

/// One row of the bundle's file tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeRow {
    /// Nesting depth (0 is the top folder).
    pub depth: usize,
    /// The file or folder name, folders ending in `/`.
    pub name: String,
    /// The full path inside the zip.
    pub path: String,
    /// The file's mode, as "0400" (folders: None).
    pub mode: Option<String>,
    /// What the file is (folders: None).
    pub kind: Option<FileKind>,
}

/// The commands for one host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostSteps {
    /// The host's name.
    pub name: String,
    /// Its folder inside the zip.
    pub folder: String,
    /// What to run there.
    pub commands: Vec<String>,
    /// Its daemon.json.
    pub daemon_json: String,
}

/// The commands for one client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSteps {
    /// The client's name.
    pub name: String,
    /// Its folder inside the zip.
    pub folder: String,
    /// What to run on its machine.
    pub commands: Vec<String>,
    /// `docker context create` per host.
    pub contexts: Vec<String>,
    /// The docker.env command.
    pub env_command: String,
}

/// What a generation made, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The zip's file name.
    pub zip_name: String,
    /// Its size in bytes.
    pub zip_size: usize,
    /// The blob URL the download link points at.
    pub download_url: String,
    /// Milliseconds from click to download.
    pub elapsed_ms: f64,
    /// The file tree, folders before their files.
    pub tree: Vec<TreeRow>,
    /// Every certificate, the CA first.
    pub certs: Vec<CertInfo>,
    /// The CA fingerprint.
    pub ca_fingerprint: String,
    /// Per host.
    pub hosts: Vec<HostSteps>,
    /// Per client.
    pub clients: Vec<ClientSteps>,
    /// The bundle's warnings.
    pub warnings: Vec<String>,
}

impl Outcome {
    /// Describes `bundle`, downloaded as `zip_name` (`zip_size` bytes) from `download_url`.
    pub fn from_bundle(
        bundle: &Bundle,
        zip_size: usize,
        download_url: String,
        elapsed_ms: f64,
    ) -> Self {
        let mut tree = vec![TreeRow {
            depth: 0,
            name: format!("{ZIP_TOP}/"),
            path: format!("{ZIP_TOP}/"),
            mode: Some(layout::mode_text(layout::DIR_MODE)),
            kind: None,
        }];
        let mut folders_shown: BTreeSet<String> = BTreeSet::new();
        for file in &bundle.files {
            let parts: Vec<&str> = file.path.split('/').collect();
            let mut prefix = String::new();
            for (depth, part) in parts.iter().enumerate() {
                let last = depth + 1 == parts.len();
                if last {
                    tree.push(TreeRow {
                        depth: depth + 1,
                        name: (*part).to_owned(),
                        path: format!("{ZIP_TOP}/{}", file.path),
                        mode: Some(layout::mode_text(file.mode())),
                        kind: Some(file.kind),
                    });
                } else {
                    prefix.push_str(part);
                    prefix.push('/');
                    if folders_shown.insert(prefix.clone()) {
                        tree.push(TreeRow {
                            depth: depth + 1,
                            name: format!("{part}/"),
                            path: format!("{ZIP_TOP}/{prefix}"),
                            mode: Some(layout::mode_text(layout::DIR_MODE)),
                            kind: None,
                        });
                    }
                }
            }
        }

        let steps = NextSteps::for_bundle(bundle);
        let hosts = bundle
            .plan
            .servers
            .iter()
            .zip(steps.servers)
            .map(|(server, (name, commands))| HostSteps {
                folder: format!("{ZIP_TOP}/server/{name}/"),
                daemon_json: docker::DaemonConfig::for_server(server).to_json(),
                name,
                commands,
            })
            .collect();
        let clients = bundle
            .plan
            .clients
            .iter()
            .zip(steps.clients)
            .map(|(client, (name, commands))| ClientSteps {
                folder: format!("{ZIP_TOP}/client/{name}/"),
                contexts: bundle
                    .plan
                    .servers
                    .iter()
                    .map(|s| {
                        docker::context_create_command(client, s, &docker::client_cert_dir(client))
                    })
                    .collect(),
                env_command: ". ./docker.env && docker version".to_owned(),
                name,
                commands,
            })
            .collect();
        Outcome {
            zip_name: ZIP_NAME.to_owned(),
            zip_size,
            download_url,
            elapsed_ms,
            tree,
            certs: bundle.certificates.iter().map(|c| c.info.clone()).collect(),
            ca_fingerprint: bundle
                .ca()
                .map(|c| c.fingerprint_sha256.clone())
                .unwrap_or_default(),
            hosts,
            clients,
            warnings: bundle.warnings.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockcert_core::bundle::{self, KeySet};
    use rand_core::SeedableRng;

    fn today() -> Date {
        Date::from_calendar_date(2026, time::Month::November, 23).unwrap()
    }

    fn typed(state: &mut AppState, input: Input, value: &str) {
        state.apply(Msg::Edit(input, value.to_owned()));
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn starts_empty_with_defaults_and_says_why_it_cannot_generate() {
        let state = AppState::new(Lang::En, today(), false);
        assert_eq!(state.form.client, "client");
        assert_eq!(state.form.key_type, "ecdsa-p256");
        assert_eq!(state.form.listen, "0.0.0.0:2376");
        assert_eq!(state.check().blocker(), Some(Blocker::NeedHost));
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn one_host_and_a_confirmed_passphrase_is_enough() {
        let mut state = AppState::new(Lang::En, today(), false);
        typed(
            &mut state,
            Input::Server,
            "docker1.example.com,10.0.0.5\n\n",
        );
        assert_eq!(state.check().blocker(), Some(Blocker::NeedPassphrase));
        typed(&mut state, Input::Passphrase, "long enough secret");
        assert_eq!(state.check().blocker(), Some(Blocker::NeedPassphrase));
        typed(&mut state, Input::PassphraseConfirm, "long enough secreT");
        assert_eq!(
            state.check().errors_for(Input::PassphraseConfirm),
            ["passphrase: the two entries differ"]
        );
        typed(&mut state, Input::PassphraseConfirm, "long enough secret");
        let check = state.check();
        assert_eq!(check.blocker(), None);
        let plan = check.plan.unwrap();
        assert_eq!(plan.servers[0].name, "docker1.example.com");
        assert_eq!(plan.ca_name, "dockcert CA 2026-11-23");
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn the_unencrypted_choice_replaces_the_passphrase() {
        let mut state = AppState::new(Lang::En, today(), false);
        typed(&mut state, Input::Server, "docker1");
        state.apply(Msg::SetNoPassphrase(true));
        assert!(matches!(
            state.check().protection,
            Ok(CaKeyProtection::Unencrypted)
        ));
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn errors_use_the_cli_words_next_to_their_field() {
        let mut state = AppState::new(Lang::En, today(), false);
        typed(&mut state, Input::Server, "docker1\na..b");
        typed(&mut state, Input::Days, "0");
        typed(&mut state, Input::Passphrase, "short");
        let check = state.check();
        assert_eq!(
            check.errors_for(Input::Server),
            ["--server \"a..b\": \"a..b\" is not a valid DNS name or IP address: empty label (two dots in a row, or a leading dot)"]
        );
        assert_eq!(
            check.errors_for(Input::Days),
            ["--days \"0\": must be a whole number of days from 1 to 3650"]
        );
        assert_eq!(
            check.errors_for(Input::Passphrase),
            ["passphrase: the passphrase is 5 characters long; at least 8 are required"]
        );
        assert!(check.errors_for(Input::Listen).is_empty());
        assert_eq!(check.blocker(), Some(Blocker::FixFields));
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn the_form_asks_what_the_cli_asks() {
        let mut form = Form {
            server: " docker1,10.0.0.5 \n\ndocker2\n".into(),
            client: "alice\n bob \n".into(),
            ..Form::default()
        };
        let req = form.request();
        let specs: Vec<&str> = req.servers.iter().map(|s| s.spec.as_str()).collect();
        assert_eq!(specs, ["docker1,10.0.0.5", "docker2"]);
        assert_eq!(req.clients, ["alice", "bob"]);
        assert_eq!(req.ca_name, None);
        form.client = String::new();
        assert!(
            form.request().clients.is_empty(),
            "no client line means the default client, as in the CLI"
        );
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn progress_and_outcome() {
        let mut state = AppState::new(Lang::Zh, today(), false);
        state.apply(Msg::Started(vec![
            "CA key".into(),
            "server key for h".into(),
        ]));
        assert!(state.busy());
        typed(&mut state, Input::Server, "ignored while busy");
        assert_eq!(state.form.server, "");
        state.apply(Msg::KeyMade(1));
        state.apply(Msg::KeyMade(9));
        let Phase::Generating(p) = &state.phase else {
            panic!()
        };
        assert_eq!(p.done, [false, true]);
        state.apply(Msg::Finished(Err("boom".into())));
        assert_eq!(state.phase, Phase::Failed("boom".into()));
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn outcome_shows_every_file_with_its_mode() {
        let form = Form {
            server: "docker1.example.com,10.0.0.5".into(),
            client: "alice".into(),
            no_passphrase: true,
            ..Form::default()
        };
        let check = form.check(today());
        let plan = check.plan.unwrap();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(3);
        let keys = KeySet::generate(&plan, &mut rng).unwrap();
        let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
        let made =
            bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now, &mut rng).unwrap();
        let outcome = Outcome::from_bundle(&made, 1234, "blob:x".into(), 12.0);
        let files: Vec<&TreeRow> = outcome.tree.iter().filter(|r| r.kind.is_some()).collect();
        assert_eq!(files.len(), made.files.len());
        let key = outcome
            .tree
            .iter()
            .find(|r| r.path == "docker-tls/server/docker1.example.com/server-key.pem")
            .unwrap();
        assert_eq!(key.mode.as_deref(), Some("0400"));
        assert_eq!(key.depth, 3);
        let folder = outcome
            .tree
            .iter()
            .position(|r| r.path == "docker-tls/server/docker1.example.com/")
            .unwrap();
        let file = outcome
            .tree
            .iter()
            .position(|r| r.path == "docker-tls/server/docker1.example.com/ca.pem")
            .unwrap();
        assert!(folder < file);
        assert_eq!(outcome.hosts[0].commands[0], "sudo ./install.sh");
        assert!(outcome.hosts[0].daemon_json.contains("\"tlsverify\": true"));
        assert!(outcome.clients[0].contexts[0]
            .starts_with("docker context create docker1.example.com "));
        assert_eq!(outcome.certs.len(), 3);
        assert!(
            !outcome.warnings.is_empty(),
            "the unencrypted CA key is warned about"
        );
    }
}
