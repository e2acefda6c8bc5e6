//! The typed errors of the core. Each says what was wrong and with what; none
//! carries a secret.

use std::fmt;

use crate::keys::KeyType;

/// An input the user gave, named as the CLI flag names it (the page's form
/// fields carry the same names without the dashes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `--server NAME[,SAN...]`
    Server,
    /// `--client NAME`
    Client,
    /// `--key-type T`
    KeyType,
    /// `--days N`
    Days,
    /// `--ca-days N`
    CaDays,
    /// `--ca-name TEXT`
    CaName,
    /// `--listen HOST:PORT`
    Listen,
    /// `--install-dir DIR`
    InstallDir,
    /// `--allow-from CIDR`
    AllowFrom,
    /// The CA key's passphrase, however it was given.
    Passphrase,
}

impl Field {
    /// The form field's `name`, which is also the flag without its dashes.
    pub fn name(self) -> &'static str {
        match self {
            Field::Server => "server",
            Field::Client => "client",
            Field::KeyType => "key-type",
            Field::Days => "days",
            Field::CaDays => "ca-days",
            Field::CaName => "ca-name",
            Field::Listen => "listen",
            Field::InstallDir => "install-dir",
            Field::AllowFrom => "allow-from",
            Field::Passphrase => "passphrase",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--{}", self.name())
    }
}

/// One bad input: `--server "a..b": "a..b" is not a valid DNS name or IP address: empty label`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct FieldError {
    /// Which input.
    pub field: Field,
    /// The value as given, echoed back; `None` when the input was missing.
    pub value: Option<String>,
    /// What is wrong and what is allowed, as one sentence.
    pub problem: String,
}

impl FieldError {
    pub(crate) fn new(field: Field, value: &str, problem: impl Into<String>) -> Self {
        FieldError {
            field,
            value: Some(value.to_owned()),
            problem: problem.into(),
        }
    }

    pub(crate) fn missing(field: Field, problem: impl Into<String>) -> Self {
        FieldError {
            field,
            value: None,
            problem: problem.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(value) => write!(f, "{} {:?}: {}", self.field, value, self.problem),
            None => write!(f, "{}: {}", self.field, self.problem),
        }
    }
}

/// Every bad input of a plan at once, so a form can mark each field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct PlanErrors(pub Vec<FieldError>);

impl PlanErrors {
    /// The errors for one field, for showing next to it.
    pub fn for_field(&self, field: Field) -> impl Iterator<Item = &FieldError> {
        self.0.iter().filter(move |e| e.field == field)
    }
}

impl fmt::Display for PlanErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// A key could not be made, loaded, encoded or encrypted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The RNG or the prime search failed.
    #[error("could not generate the key: {0}")]
    Generate(String),
    /// The key did not load for signing.
    #[error("the {key_type} key could not be loaded for signing: {reason}")]
    Load {
        /// The type it was meant to be.
        key_type: KeyType,
        /// What ring said.
        reason: String,
    },
    /// DER or PEM encoding failed.
    #[error("could not encode the key: {0}")]
    Encode(String),
    /// PBES2 encryption failed.
    #[error("could not encrypt the CA key: {0}")]
    Encrypt(String),
}

/// Making a bundle failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The inputs were bad; every problem is listed.
    #[error(transparent)]
    Plan(#[from] PlanErrors),
    /// A key problem.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The keys handed to [`crate::bundle::build`] do not fit the plan.
    #[error("the keys do not fit the plan: {0}")]
    Keys(String),
    /// rcgen refused to sign a certificate.
    #[error("could not sign the certificate for {subject}: {reason}")]
    Sign {
        /// Whose certificate.
        subject: String,
        /// What rcgen said.
        reason: String,
    },
    /// The zip could not be written.
    #[error("could not write the zip: {0}")]
    Zip(String),
    /// The manifest could not be serialised.
    #[error("could not write manifest.json: {0}")]
    Manifest(String),
}
