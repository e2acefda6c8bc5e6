//! Which input an import problem belongs to (a flag, a field of the page,
//! a file), and the message that names it.

use std::fmt;

use super::error::ImportError;
use crate::lang::{Lang, Localized};

/// The input an import problem belongs to, named as the CLI names it (the
/// page shows the problem next to the field of the same name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--ca-cert FILE`.
    CaCert(String),
    /// `--ca-key FILE`.
    CaKey(String),
    /// The passphrase of the CA key named `key`, from `from` (`--passphrase-file
    /// "f"`, `--passphrase-env "V"`, "the passphrase typed", the page's "passphrase").
    Passphrase {
        /// Where it came from.
        from: String,
        /// The key file's name.
        key: String,
    },
    /// A certificate given by name (renew's CERT.pem).
    File(String),
}

/// An import problem with the input it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcedError {
    /// Where it shows.
    pub source: Source,
    /// What is wrong.
    pub error: ImportError,
}

/// The names of an existing CA's inputs, as the user gave them.
#[derive(Clone, Copy, Debug)]
pub struct CaInputs<'a> {
    /// The certificate file's name.
    pub cert: &'a str,
    /// The key file's name.
    pub key: &'a str,
    /// Where the passphrase came from.
    pub passphrase: &'a str,
}

impl ImportError {
    /// This problem, attached to the CA input it is about: a wrong
    /// passphrase to the passphrase, certificate problems to `--ca-cert`,
    /// the rest to `--ca-key`.
    pub fn on_ca(self, names: CaInputs<'_>) -> SourcedError {
        let source = match &self {
            ImportError::WrongPassphrase => Source::Passphrase {
                from: names.passphrase.to_owned(),
                key: names.key.to_owned(),
            },
            ImportError::NoCertificate
            | ImportError::BadCertificate(_)
            | ImportError::NotACa(_)
            | ImportError::CannotSign(_)
            | ImportError::Expired { .. }
            | ImportError::NotYetValid { .. } => Source::CaCert(names.cert.to_owned()),
            _ => Source::CaKey(names.key.to_owned()),
        };
        SourcedError {
            source,
            error: self,
        }
    }

    /// This problem, about the file `name`.
    pub fn in_file(self, name: &str) -> SourcedError {
        SourcedError {
            source: Source::File(name.to_owned()),
            error: self,
        }
    }

    /// This problem, about `--ca-cert name`.
    pub fn on_ca_cert(self, name: &str) -> SourcedError {
        SourcedError {
            source: Source::CaCert(name.to_owned()),
            error: self,
        }
    }

    /// This problem, about `--ca-key name`.
    pub fn on_ca_key(self, name: &str) -> SourcedError {
        SourcedError {
            source: Source::CaKey(name.to_owned()),
            error: self,
        }
    }
}

impl Localized for SourcedError {
    fn text(&self, lang: Lang) -> String {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        let e = self.error.text(lang);
        match (&self.source, &self.error) {
            (Source::Passphrase { from, key }, ImportError::WrongPassphrase) => match lang {
                Lang::En => format!(
                    "{from}: the passphrase does not open the CA key {key:?}; nothing was written"
                ),
                Lang::Zh => format!("{from}：口令无法打开 CA 私钥 {key:?}；没有写入任何文件"),
            },
            (Source::Passphrase { from, .. }, _) => format!("{from}{colon}{e}"),
            (Source::CaCert(name), _) => format!("--ca-cert {name:?}{colon}{e}"),
            (Source::CaKey(name), _) => format!("--ca-key {name:?}{colon}{e}"),
            (Source::File(name), _) => format!("{name:?}{colon}{e}"),
        }
    }
}

impl fmt::Display for SourcedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for SourcedError {}
