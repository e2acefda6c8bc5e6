//! Which flags a new CA key's passphrase was given by, for a refusal to
//! name the one typed.

/// The flags a new CA key's passphrase is given by: `new`'s
/// (`--passphrase-file`, `--passphrase-env`, `--no-passphrase`) or
/// `rotate`'s for the new CA (`--new-passphrase-file`, ...), so that a
/// refusal names the flag that was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NewKeyFlags {
    /// `dockcert new`.
    New,
    /// `dockcert rotate`'s new CA key.
    Rotate,
}

impl NewKeyFlags {
    /// `--passphrase-file` or `--new-passphrase-file`.
    pub(crate) fn file(self) -> &'static str {
        match self {
            NewKeyFlags::New => "--passphrase-file",
            NewKeyFlags::Rotate => "--new-passphrase-file",
        }
    }

    /// `--passphrase-env` or `--new-passphrase-env`.
    pub(crate) fn env(self) -> &'static str {
        match self {
            NewKeyFlags::New => "--passphrase-env",
            NewKeyFlags::Rotate => "--new-passphrase-env",
        }
    }

    /// `--no-passphrase` or `--no-new-passphrase`.
    pub(crate) fn none(self) -> &'static str {
        match self {
            NewKeyFlags::New => "--no-passphrase",
            NewKeyFlags::Rotate => "--no-new-passphrase",
        }
    }
}
