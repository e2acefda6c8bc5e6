//! Where the CA key comes from and how each CA key is protected: the
//! existing CA `issue`, `renew` and `rotate` sign with (`--ca-cert`,
//! `--ca-key`), and the passphrase sources for a new CA key (`new`), an
//! existing one (to open it) and `rotate`'s new one. At most one source of
//! each; with none, dockcert asks on the terminal. And a new CA's name
//! and lifetime (`new`, and `rotate`'s new CA).

use std::path::PathBuf;

use clap::Args;
use dockcert_core::plan::{Field, PlanRequest};

/// The CA key's passphrase source; at most one. With none, dockcert asks
/// twice on the terminal, or refuses when there is no terminal.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub(crate) struct PassphraseArgs {
    /// Read the CA key's passphrase from the first line of this file.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// Read the CA key's passphrase from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub passphrase_env: Option<String>,

    /// Write the CA key unencrypted (not advised: anyone who reads it can make
    /// certificates your hosts trust).
    #[arg(long)]
    pub no_passphrase: bool,
}

/// The existing CA to sign with.
#[derive(Debug, Args)]
pub(crate) struct CaArgs {
    /// The CA certificate (PEM or DER).
    #[arg(long, value_name = "FILE")]
    pub ca_cert: PathBuf,

    /// The CA's private key: PKCS#8 (plain or encrypted), PKCS#1 RSA, SEC1 EC,
    /// or OpenSSL's legacy encrypted PEM.
    #[arg(long, value_name = "FILE")]
    pub ca_key: PathBuf,

    /// How to open an encrypted CA key.
    #[command(flatten)]
    pub passphrase: OpenPassphraseArgs,
}

/// Where an encrypted CA key's passphrase comes from; asked on the terminal
/// when neither is given and the key is encrypted.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub(crate) struct OpenPassphraseArgs {
    /// Read the CA key's passphrase from the first line of this file.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// Read the CA key's passphrase from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub passphrase_env: Option<String>,
}

/// The new CA key's passphrase source, for `rotate`; at most one. With
/// none, dockcert asks twice on the terminal.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub(crate) struct NewPassphraseArgs {
    /// Read the new CA key's passphrase from the first line of this file.
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,

    /// Read the new CA key's passphrase from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub new_passphrase_env: Option<String>,

    /// Write the new CA key unencrypted (not advised).
    #[arg(long)]
    pub no_new_passphrase: bool,
}

impl NewPassphraseArgs {
    /// The same sources, as `new` takes them.
    pub(crate) fn as_new(&self) -> PassphraseArgs {
        PassphraseArgs {
            passphrase_file: self.new_passphrase_file.clone(),
            passphrase_env: self.new_passphrase_env.clone(),
            no_passphrase: self.no_new_passphrase,
        }
    }
}

/// A new CA's name and lifetime.
#[derive(Debug, Args)]
pub(crate) struct NewCaArgs {
    /// `--ca-days`.
    #[arg(long = Field::CaDays.name(), value_name = Field::CaDays.value_name(),
        help = Field::CaDays.help(), allow_hyphen_values = true)]
    pub ca_days: Option<String>,

    /// `--ca-name`.
    #[arg(long = Field::CaName.name(), value_name = Field::CaName.value_name(),
        help = Field::CaName.help(), allow_hyphen_values = true)]
    pub ca_name: Option<String>,
}

impl NewCaArgs {
    /// `request` with this CA name and lifetime.
    pub(crate) fn request(&self, request: PlanRequest) -> PlanRequest {
        PlanRequest {
            ca_days: self.ca_days.clone(),
            ca_name: self.ca_name.clone(),
            ..request
        }
    }
}
