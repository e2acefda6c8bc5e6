//! Why an action button is disabled, in words the button shows beside it.

use crate::i18n::{Rot, Text};

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

/// Why the issue or renew button is disabled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExistingBlocker {
    /// The CA certificate or key is not loaded yet.
    NeedCa,
    /// A CA file has a problem.
    FixCa,
    /// Issue, renew: the CA has expired (Rotate may still replace it).
    CaExpired,
    /// The key is encrypted and no passphrase is typed.
    NeedPassphrase,
    /// Issue: no host and no client yet.
    NeedHostOrClient,
    /// Renew: no certificate chosen yet.
    NeedRenewCert,
    /// Rotate: no current bundle chosen yet.
    NeedBundle,
    /// Rotate: the new CA key's passphrase is missing or not confirmed.
    NeedNewPassphrase,
    /// A field has a problem.
    FixFields,
}

impl ExistingBlocker {
    /// The words for it.
    pub fn text(self) -> Text {
        match self {
            ExistingBlocker::NeedCa => Text::NeedCa,
            ExistingBlocker::FixCa => Text::FixCa,
            ExistingBlocker::CaExpired => Text::Rot(Rot::CaExpired),
            ExistingBlocker::NeedPassphrase => Text::NeedCaPassphrase,
            ExistingBlocker::NeedHostOrClient => Text::NeedHostOrClient,
            ExistingBlocker::NeedRenewCert => Text::NeedRenewCert,
            ExistingBlocker::NeedBundle => Text::Rot(Rot::NeedBundle),
            ExistingBlocker::NeedNewPassphrase => Text::Rot(Rot::NeedNewPassphrase),
            ExistingBlocker::FixFields => Text::FixFields,
        }
    }
}
