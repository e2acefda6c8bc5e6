//! The page's state and every change to it, as a pure reducer: no browser
//! here, so it is tested natively and on wasm32 alike. Components render
//! an [`AppState`] and send [`Msg`]s; [`crate::browser`] does the rest.
//!
//! Three modes share the page: a new CA (`form.rs`), an existing CA that
//! issues or renews (`existing.rs`), and inspecting files (`inspect.rs`).

use std::collections::BTreeSet;
use std::rc::Rc;

use dockcert_core::plan::Field;
use time::{Date, OffsetDateTime};

use crate::i18n::Lang;

mod blockers;
mod ca;
mod existing;
mod failure;
mod files;
mod form;
mod inspect;
mod inventory;
mod outcome;
mod phase;
mod rotation;
mod secret;
mod signing;
mod status;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_defaults;
#[cfg(test)]
mod tests_expiry;
#[cfg(test)]
mod tests_fields;
#[cfg(test)]
mod tests_messages;
#[cfg(test)]
mod tests_modes;
#[cfg(test)]
mod tests_rotation;
#[cfg(test)]
mod tests_shown;

pub use blockers::{Blocker, ExistingBlocker};
pub use ca::{CaCertFile, CaField, CaFiles, CaKeyFile, CaProblem, CaSlot};
pub use existing::{ExistingCa, ExistingCheck, IssueJob, RenewCert, Task};
pub use failure::{BrowserError, BrowserStep, Failure};
pub use files::{holds, FileBytes, Holds, PickedFile, ReadProblem, MAX_FILE, MAX_READ};
pub use form::{Check, Form, Input, PassphraseProblem};
pub use inspect::{Ends, Inspection};
pub use inventory::InventoryFile;
pub use outcome::{
    ClientSteps, DindSteps, HostSteps, Outcome, TreeRow, ZipName, ISSUED_ZIP, NEW_ZIP, RENEWED_ZIP,
    ROTATED_ZIP,
};
pub use phase::{Phase, Progress, Step};
pub use rotation::{ReadBundle, RotateJob, Rotation, RotationCheck};
pub use secret::SecretText;
pub use signing::{OpenJob, OpenedCa, SigningCa};

/// What the page is for right now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Make a new CA and its bundle (`dockcert new`).
    #[default]
    NewCa,
    /// Issue or renew with an existing CA (`dockcert issue`, `renew`).
    ExistingCa,
    /// Diagnose files and error messages (`dockcert inspect`).
    Inspect,
}

impl Mode {
    /// Every mode, in the switch's order.
    pub const ALL: [Mode; 3] = [Mode::NewCa, Mode::ExistingCa, Mode::Inspect];

    /// The radio button's value.
    pub fn value(self) -> &'static str {
        match self {
            Mode::NewCa => "new-ca",
            Mode::ExistingCa => "existing-ca",
            Mode::Inspect => "inspect",
        }
    }
}

/// Where files may be dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropZone {
    /// The CA certificate and key.
    Ca,
    /// The certificate to renew.
    Renew,
    /// Files to inspect.
    Inspect,
    /// The current bundle to rotate.
    Rotate,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// Interface language.
    pub lang: Lang,
    /// The mode.
    pub mode: Mode,
    /// The New CA form.
    pub form: Form,
    /// Inputs of the New CA form the user has changed: only these show their problems.
    pub touched: BTreeSet<Input>,
    /// Whether the New CA form's Advanced section is open.
    pub advanced_open: bool,
    /// The New CA generation.
    pub phase: Phase,
    /// The Existing CA mode.
    pub existing: ExistingCa,
    /// The Inspect mode.
    pub inspection: Inspection,
    /// The drop zone a file is being dragged over.
    pub drag_over: Option<DropZone>,
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
    /// The mode switch.
    SetMode(Mode),
    /// Issue or renew.
    SetTask(Task),
    /// An input of the current mode changed.
    Edit(Input, String),
    /// The "leave the CA key unencrypted" choice changed.
    SetNoPassphrase(bool),
    /// The language toggle.
    SetLang(Lang),
    /// The current mode's Advanced disclosure opened or closed.
    SetAdvanced(bool),
    /// Files are dragged over a drop zone (None: no longer).
    DragOver(Option<DropZone>),
    /// CA files were picked or dropped, at this time.
    CaFiles(CaSlot, Vec<PickedFile>, OffsetDateTime),
    /// The encrypted CA key is being opened.
    CaOpening,
    /// The passphrase was tried.
    CaOpened(Result<OpenedCa, CaProblem>),
    /// The certificate to renew was picked or dropped.
    RenewFile(Vec<PickedFile>),
    /// The current bundle to rotate was picked or dropped.
    RotateFiles(Vec<PickedFile>),
    /// A host or client of it is ticked (true) or unticked to drop.
    SetDrop(String, bool),
    /// Files to inspect were picked or dropped, at this time.
    InspectFiles(Vec<PickedFile>, OffsetDateTime),
    /// Forget the inspected files.
    InspectClear,
    /// Generation started, with these keys to make.
    Started(Vec<String>),
    /// Key number `n` is made.
    KeyMade(usize),
    /// Generation moved on.
    Step(Step),
    /// Generation ended.
    Finished(Result<Rc<Outcome>, Failure>),
    /// Text was copied to the clipboard.
    Copied(String),
}

impl AppState {
    /// The first state: an empty form with defaults.
    pub fn new(lang: Lang, today: Date, served_over_network: bool) -> Self {
        AppState {
            lang,
            mode: Mode::NewCa,
            form: Form::default(),
            touched: BTreeSet::new(),
            advanced_open: false,
            phase: Phase::Editing,
            existing: ExistingCa::default(),
            inspection: Inspection::default(),
            drag_over: None,
            today,
            served_over_network,
            copied: None,
        }
    }

    /// The New CA form, checked: its bundle speaks the page's language.
    pub fn check(&self) -> Check {
        self.form.check(self.today, self.lang)
    }

    /// The Existing CA inputs, checked.
    pub fn existing_check(&self) -> ExistingCheck {
        self.existing.check(self.today, self.lang)
    }

    /// The issue or renew job, when nothing blocks it, its certificates
    /// starting at `now`: its bundle speaks the page's language.
    pub fn existing_job(&self, now: OffsetDateTime) -> Option<IssueJob> {
        self.existing.job(now, self.lang)
    }

    /// Whether anything is being made (the inputs are then read-only and
    /// the mode stays).
    pub fn busy(&self) -> bool {
        matches!(self.phase, Phase::Generating(_)) || self.existing.busy()
    }

    /// The generation of the current mode.
    fn phase_mut(&mut self) -> &mut Phase {
        match self.mode {
            Mode::ExistingCa => &mut self.existing.phase,
            Mode::NewCa | Mode::Inspect => &mut self.phase,
        }
    }

    /// Applies `msg`.
    pub fn apply(&mut self, msg: Msg) {
        match msg {
            Msg::SetMode(mode) => {
                if !self.busy() {
                    self.mode = mode;
                    self.drag_over = None;
                }
            }
            Msg::SetTask(task) => {
                if !self.busy() {
                    self.existing.task = task;
                }
            }
            Msg::Edit(input, value) => self.edit(input, value),
            Msg::SetNoPassphrase(on) => match (self.busy(), self.mode) {
                (true, _) => {}
                (false, Mode::ExistingCa) => self.existing.rotation.no_passphrase = on,
                (false, _) => self.form.no_passphrase = on,
            },
            Msg::SetLang(lang) => {
                self.lang = lang;
                // The bundle's refusals are worded as it is read.
                self.reread_rotation();
            }
            Msg::SetAdvanced(open) => match self.mode {
                Mode::ExistingCa => self.existing.advanced_open = open,
                Mode::NewCa | Mode::Inspect => self.advanced_open = open,
            },
            Msg::DragOver(zone) => self.drag_over = zone,
            Msg::CaFiles(slot, files, now) => {
                self.drag_over = None;
                if !self.busy() {
                    self.existing.ca.load(slot, files, now);
                    self.reread_rotation();
                    // The days are fitted to the CA's end: a default that
                    // cannot fit is shown at once, at the Days field.
                    self.existing.touched.insert(Input::Setting(Field::Days));
                }
            }
            Msg::CaOpening => self.existing.ca.opening = true,
            Msg::CaOpened(result) => self.existing.ca.opened(result),
            Msg::RenewFile(files) => {
                self.drag_over = None;
                if let (false, Some(file)) = (self.busy(), files.into_iter().next()) {
                    self.existing.load_renew(file);
                }
            }
            Msg::RotateFiles(files) => {
                self.drag_over = None;
                if !self.busy() {
                    let ca = self.existing.ca.cert.as_ref();
                    self.existing.rotation.load(files, ca, self.lang);
                }
            }
            Msg::SetDrop(name, on) => {
                if !self.busy() {
                    self.existing.rotation.set_drop(name, on);
                }
            }
            Msg::InspectFiles(files, now) => {
                self.drag_over = None;
                self.inspection.add(files, now);
            }
            Msg::InspectClear => self.inspection.clear(),
            Msg::Started(keys) => {
                let done = vec![false; keys.len()];
                self.copied = None;
                *self.phase_mut() = Phase::Generating(Progress {
                    keys,
                    done,
                    step: Step::Keys,
                });
            }
            Msg::KeyMade(n) => {
                if let Phase::Generating(progress) = self.phase_mut() {
                    if let Some(slot) = progress.done.get_mut(n) {
                        *slot = true;
                    }
                }
            }
            Msg::Step(step) => {
                if let Phase::Generating(progress) = self.phase_mut() {
                    progress.step = step;
                }
            }
            Msg::Finished(result) => {
                if result.is_ok() {
                    self.forget_passphrases();
                }
                *self.phase_mut() = match result {
                    Ok(outcome) => Phase::Done(outcome),
                    Err(message) => Phase::Failed(message),
                }
            }
            Msg::Copied(text) => self.copied = Some(text),
        }
    }

    /// Once a bundle is made, the passphrases typed for it are wiped: the
    /// fields empty, the memory overwritten. (An opened CA stays open, so
    /// more can be issued without typing it again.)
    fn forget_passphrases(&mut self) {
        match self.mode {
            Mode::ExistingCa => {
                self.existing.ca.passphrase = SecretText::default();
                self.existing.rotation.forget_passphrases();
            }
            Mode::NewCa | Mode::Inspect => {
                self.form.passphrase = SecretText::default();
                self.form.passphrase_confirm = SecretText::default();
            }
        }
    }

    /// Reads the bundle to rotate again with the CA certificate now loaded,
    /// in the page's language.
    fn reread_rotation(&mut self) {
        let rotation = &mut self.existing.rotation;
        if !rotation.files.is_empty() {
            let ca = self.existing.ca.cert.as_ref();
            rotation.reread(ca, self.lang);
        }
    }

    fn edit(&mut self, input: Input, value: String) {
        match input {
            Input::Host => return self.inspection.set_host(value),
            Input::Explain => {
                self.inspection.explain = value;
                return;
            }
            _ if self.busy() => return,
            _ => {}
        }
        match self.mode {
            Mode::ExistingCa => {
                let existing = &mut self.existing;
                match input {
                    Input::CaPassphrase => existing.ca.set_passphrase(value),
                    Input::Passphrase => {
                        existing.rotation.passphrase = SecretText::new(value);
                        if !existing.rotation.passphrase_confirm.is_empty() {
                            existing.touched.insert(Input::PassphraseConfirm);
                        }
                    }
                    Input::PassphraseConfirm => {
                        existing.rotation.passphrase_confirm = SecretText::new(value);
                    }
                    Input::Setting(Field::KeyType) if existing.task == Task::Renew => {
                        existing.renew_key_type = value;
                    }
                    _ => existing.form.set(input, value),
                }
                existing.touched.insert(input);
            }
            Mode::NewCa | Mode::Inspect => {
                self.form.set(input, value);
                self.touched.insert(input);
                if input == Input::Passphrase && !self.form.passphrase_confirm.is_empty() {
                    self.touched.insert(Input::PassphraseConfirm);
                }
            }
        }
    }
}
