//! What the page says where the user looks next: the line under the
//! action button and the result panel before anything is made, each in
//! words true of the state now (after a bundle is made, before the first).

use super::{AppState, Blocker, ExistingBlocker, Mode, Phase, Task};
use crate::i18n::{Rot, Text};

/// What the page says, in its own words, where the user looks next: the
/// line under the action button and the result panel before anything is
/// made. Each says what is true of the state now.
impl AppState {
    /// The line under the current mode's action button, if it has one:
    /// why it cannot be pressed yet, or, once a bundle is made and the
    /// passphrase fields were cleared with it, that it was made and what
    /// makes another.
    pub fn action_note(&self) -> Option<Vec<Text>> {
        match self.mode {
            Mode::NewCa => {
                let blocker = self.check().blocker()?;
                let made = matches!(self.phase, Phase::Done(_));
                let cleared =
                    self.form.passphrase.is_empty() && self.form.passphrase_confirm.is_empty();
                Some(match blocker {
                    Blocker::NeedPassphrase if made && cleared => {
                        vec![Text::BundleMade, Text::TypePassphraseAgain]
                    }
                    _ => vec![Text::CannotGenerate, blocker.text()],
                })
            }
            Mode::ExistingCa => {
                let blocker = self.existing_check().blocker?;
                Some(vec![Text::CannotYet, blocker.text()])
            }
            Mode::Inspect => None,
        }
    }

    /// What the result panel says before the current mode has made
    /// anything: what to do next, or that all is ready.
    pub fn before_first(&self) -> Vec<Text> {
        match self.mode {
            Mode::ExistingCa => {
                let (ready, empty, holds) = match self.existing.task {
                    Task::Issue => (Text::ReadyToIssue, Text::EmptyIssued, Text::ZipHoldsNoCaKey),
                    Task::Renew => (Text::ReadyToRenew, Text::EmptyIssued, Text::ZipHoldsNoCaKey),
                    Task::Rotate => (
                        Text::Rot(Rot::Ready),
                        Text::Rot(Rot::Empty),
                        Text::Rot(Rot::ZipHolds),
                    ),
                };
                match self.existing_check().blocker {
                    Some(ExistingBlocker::NeedCa | ExistingBlocker::FixCa) => vec![empty],
                    Some(ExistingBlocker::FixFields) => {
                        vec![Text::NextStep, Text::FixFieldsInForm, holds]
                    }
                    Some(blocker) => vec![Text::NextStep, blocker.text(), holds],
                    None => vec![ready, holds],
                }
            }
            Mode::NewCa | Mode::Inspect => match self.check().blocker() {
                Some(Blocker::NeedHost) => vec![Text::EmptyResult],
                // The form is beside the panel, or above it on a phone.
                Some(Blocker::FixFields) => {
                    vec![Text::NextStep, Text::FixFieldsInForm, Text::MadeInThePage]
                }
                Some(blocker) => vec![Text::NextStep, blocker.text(), Text::MadeInThePage],
                None => vec![Text::ReadyToGenerate, Text::MadeInThePage],
            },
        }
    }
}
