//! The CA a job signs with, as the issue, renew and rotate jobs carry it.

use super::ca::{OpenJob, OpenedCa};

/// The signing CA for a job: opened already, or to open first.
#[derive(Clone, Debug, PartialEq)]
pub enum SigningCa {
    /// Opened (an unencrypted key, or a passphrase already tried).
    Opened(OpenedCa),
    /// Encrypted: open it with the typed passphrase first.
    ToOpen(OpenJob),
}
