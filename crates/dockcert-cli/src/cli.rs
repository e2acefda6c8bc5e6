//! The command line, as clap reads it. Values stay text here: the core checks
//! them, so the CLI and the page refuse the same inputs with the same words.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const NEW_EXAMPLES: &str = "\
Examples:
  One host reached by name and address, one client, CA key passphrase in a file:
    dockcert new --server docker1.example.com,10.0.0.5 --client alice \\
                 --passphrase-file ca-pass.txt --out docker-tls.zip

  Two hosts, RSA keys, a folder instead of a zip, passphrase asked for:
    dockcert new --server docker1,192.168.1.10 --server docker2,192.168.1.11 \\
                 --key-type rsa-4096 --out ./docker-tls

Exit status: 0 the bundle was written; 1 it could not be made or written;
2 an input was refused (the message names the flag and what is allowed).";

/// dockcert makes the whole TLS bundle for a Docker daemon's remote API: a CA,
/// server and client certificates and keys, and the daemon and client settings
/// that use them.
#[derive(Debug, Parser)]
#[command(name = "dockcert", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new CA and the server and client certificates, keys and settings.
    #[command(after_help = NEW_EXAMPLES)]
    New(NewArgs),
}

/// `dockcert new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// A Docker host: NAME[,SAN...]. NAME names the host's folder and is its
    /// certificate's CN; every item (DNS names, *.wildcards, IPv4 and IPv6
    /// addresses) is a subjectAltName. Repeat for each host.
    #[arg(
        long = "server",
        value_name = "NAME[,SAN...]",
        allow_hyphen_values = true
    )]
    pub servers: Vec<String>,

    /// A client (person or machine) that runs docker against the hosts. Repeat
    /// for each; with none, one client named "client".
    #[arg(long = "client", value_name = "NAME", allow_hyphen_values = true)]
    pub clients: Vec<String>,

    /// Key type for the CA and every certificate: ecdsa-p256 (default),
    /// ecdsa-p384, ed25519, rsa-2048, rsa-3072, rsa-4096.
    #[arg(long, value_name = "T")]
    pub key_type: Option<String>,

    /// Validity of server and client certificates, in days (default 365, at most 3650).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub days: Option<String>,

    /// Validity of the CA certificate, in days (default 3650, at most 7300).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub ca_days: Option<String>,

    /// The CA's name (its CN). Default: "dockcert CA" and today's date.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub ca_name: Option<String>,

    /// Where dockerd listens for TLS connections, for daemon.json (default 0.0.0.0:2376).
    #[arg(long, value_name = "HOST:PORT", allow_hyphen_values = true)]
    pub listen: Option<String>,

    /// Where the server files will live on each host, for daemon.json and
    /// install.sh (default /etc/docker).
    #[arg(long, value_name = "DIR", allow_hyphen_values = true)]
    pub install_dir: Option<String>,

    /// How the CA key is protected.
    #[command(flatten)]
    pub passphrase: PassphraseArgs,

    /// Where to write: a name ending in .zip makes a zip, anything else a new
    /// folder. Its parent folder must exist.
    #[arg(long, value_name = "BUNDLE.zip|DIR")]
    pub out: PathBuf,

    /// Replace an existing zip file. A folder that is not empty is never written into.
    #[arg(long)]
    pub force: bool,
}

/// The CA key's passphrase source; at most one. With none, dockcert asks
/// twice on the terminal, or refuses when there is no terminal.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct PassphraseArgs {
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
