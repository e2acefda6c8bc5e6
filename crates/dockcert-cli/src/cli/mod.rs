//! The command line, as clap reads it. Values stay text here: the core checks
//! them, so the CLI and the page refuse the same inputs with the same words.
//! A plan input's flag, value name and help are its row of the core's table
//! (`Field::name`, `value_name`, `help`), not typed again here.
//!
//! Here: the commands and each making command's own flags. Beside it: the
//! hosts, clients and output every making command shares (`bundle.rs`), the
//! CA and passphrase flags (`ca_key.rs`), the shared settings
//! (`settings.rs`) and the commands that only look (`look.rs`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod bundle;
mod ca_key;
mod choices;
mod examples;
mod examples_zh;
mod flags_zh;
mod look;
pub(crate) mod parse;
mod settings;
mod usage_error;
mod words;

pub(crate) use bundle::{LeafArgs, OutArgs, SubjectArgs};
pub(crate) use ca_key::{CaArgs, NewCaArgs, NewPassphraseArgs, OpenPassphraseArgs, PassphraseArgs};
pub(crate) use choices::{BundleLang, CompletionShell, CompletionsArgs, Layout};
use examples::{
    COMPLETIONS_EXAMPLES, EXPIRY_EXAMPLES, INSPECT_EXAMPLES, ISSUE_EXAMPLES, MAN_EXAMPLES,
    NEW_EXAMPLES, PROBE_EXAMPLES, RENEW_EXAMPLES, ROTATE_EXAMPLES,
};
pub(crate) use look::{ExpiryArgs, InspectArgs, ProbeArgs};
pub(crate) use settings::SettingArgs;

/// dockcert makes the whole TLS bundle for a Docker daemon's remote API: a CA,
/// server and client certificates and keys, and the daemon and client settings
/// that use them.
#[derive(Debug, Parser)]
#[command(
    name = "dockcert",
    version = dockcert_provenance::VERSION_AND_COMMIT,
    about = "dockcert: the whole TLS bundle for a Docker daemon's remote API, in one command",
    long_about = None,
    propagate_version = true
)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Make a new CA and the server and client certificates, keys and settings.
    #[command(after_help = NEW_EXAMPLES)]
    New(NewArgs),
    /// Make more server and client certificates from an existing CA.
    #[command(after_help = ISSUE_EXAMPLES)]
    Issue(IssueArgs),
    /// Make a new key and certificate with the same names and usage as an old one.
    #[command(after_help = RENEW_EXAMPLES)]
    Renew(RenewArgs),
    /// Replace the CA of a bundle, in three phases that keep every connection and container.
    #[command(after_help = ROTATE_EXAMPLES)]
    Rotate(RotateArgs),
    /// Say what certificates, keys and settings are, and what is wrong with them.
    #[command(after_help = INSPECT_EXAMPLES)]
    Inspect(InspectArgs),
    /// List certificates by when they end, soonest first; exit 1 if one ends soon.
    #[command(after_help = EXPIRY_EXAMPLES)]
    Expiry(ExpiryArgs),
    /// Check a live daemon: TLS, its certificate, and who it lets in.
    #[command(after_help = PROBE_EXAMPLES)]
    Probe(ProbeArgs),
    /// Print the shell completion script for bash, zsh or fish.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print dockcert's manual page (roff), for man(1).
    #[command(after_help = MAN_EXAMPLES)]
    Man,
}

impl Command {
    /// The `--lang` the command was given, if it takes one and was.
    pub(crate) fn lang(&self) -> Option<BundleLang> {
        match self {
            Command::New(a) => a.out.lang,
            Command::Issue(a) => a.out.lang,
            Command::Renew(a) => a.out.lang,
            Command::Rotate(a) => a.out.lang,
            Command::Inspect(a) => a.lang,
            Command::Expiry(a) => a.lang,
            Command::Probe(a) => a.lang,
            Command::Completions(_) | Command::Man => None,
        }
    }
}

/// `dockcert new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// A fleet file (TOML) listing the CA settings, every host and every
    /// client. A host's own settings in it win; then flags; then its
    /// [defaults]. --server and --client add to its lists.
    // `[defaults]` is the fleet file's table, as --help shows it; not a link.
    #[allow(rustdoc::broken_intra_doc_links)]
    #[arg(long, value_name = "FLEET.toml")]
    pub config: Option<PathBuf>,

    #[command(flatten)]
    pub leaves: LeafArgs,

    #[command(flatten)]
    pub new_ca: NewCaArgs,

    /// How the CA key is protected.
    #[command(flatten)]
    pub passphrase: PassphraseArgs,

    #[command(flatten)]
    pub out: OutArgs,
}

/// `dockcert issue`.
#[derive(Debug, Args)]
pub(crate) struct IssueArgs {
    #[command(flatten)]
    pub ca: CaArgs,

    #[command(flatten)]
    pub leaves: LeafArgs,

    #[command(flatten)]
    pub out: OutArgs,
}

/// `dockcert renew`.
#[derive(Debug, Args)]
pub(crate) struct RenewArgs {
    /// The certificate to renew (a host's server-cert.pem or a client's cert.pem).
    #[arg(value_name = "CERT.pem")]
    pub cert: PathBuf,

    #[command(flatten)]
    pub ca: CaArgs,

    /// Also write ansible/: an inventory of the hosts and a playbook that
    /// installs each host's files, merges daemon.json and installs the
    /// drop-in as install.sh does, restarting docker only where something
    /// changed (ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml).
    #[arg(long)]
    pub ansible: bool,

    #[command(flatten)]
    pub settings: SettingArgs,

    #[command(flatten)]
    pub out: OutArgs,
}

/// `dockcert rotate`.
#[derive(Debug, Args)]
pub(crate) struct RotateArgs {
    #[command(flatten)]
    pub ca: CaArgs,

    /// The bundle to rotate: the folder or zip dockcert new or issue wrote
    /// (every host's server/NAME/server-cert.pem, every client's
    /// client/NAME/cert.pem).
    #[arg(long, value_name = "BUNDLE.zip|DIR")]
    pub from: PathBuf,

    /// Leave this host or client out of the new CA (repeatable): the only
    /// revocation dockerd has; it is refused once phase 3 is done on every host.
    #[arg(long = "drop", value_name = "NAME")]
    pub drop: Vec<String>,

    #[command(flatten)]
    pub subject: SubjectArgs,

    #[command(flatten)]
    pub new_ca: NewCaArgs,

    /// Also write ansible/: an inventory of the hosts and rotate.yml, which
    /// runs one phase on every host as a rolling update, each host checked
    /// over TLS (ansible-playbook -i ansible/inventory.yml ansible/rotate.yml
    /// --tags phaseN, or -e dockcert_phase=N).
    #[arg(long)]
    pub ansible: bool,

    #[command(flatten)]
    pub settings: SettingArgs,

    /// How the new CA key is protected.
    #[command(flatten)]
    pub new_passphrase: NewPassphraseArgs,

    #[command(flatten)]
    pub out: OutArgs,
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::{BundleLang, Cli, Command};

    fn new_with(extra: &[&str]) -> Result<Cli, clap::Error> {
        let mut args = vec!["dockcert", "new", "--server", "docker1", "--out", "b.zip"];
        args.extend_from_slice(extra);
        Cli::try_parse_from(args)
    }

    #[test]
    fn lang_takes_en_or_zh_and_names_them_when_refused() {
        let Command::New(args) = new_with(&["--lang", "zh"]).unwrap().command else {
            panic!("not new")
        };
        assert_eq!(args.out.lang, Some(BundleLang::Zh));
        let e = new_with(&["--lang", "fr"]).unwrap_err().to_string();
        assert!(
            e.contains("invalid value 'fr' for '--lang <LANG>'")
                && e.contains("[possible values: en, zh]"),
            "{e}"
        );
    }

    #[test]
    fn version_names_the_commit_it_was_built_from() {
        let version = Cli::command().render_version();
        assert_eq!(
            version.trim(),
            format!(
                "dockcert {} (commit {})",
                dockcert_provenance::VERSION,
                dockcert_provenance::COMMIT
            )
        );
    }
}
