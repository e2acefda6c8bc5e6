//! The command line, as clap reads it. Values stay text here: the core checks
//! them, so the CLI and the page refuse the same inputs with the same words.
//! A plan input's flag, value name and help are its row of the core's table
//! (`Field::name`, `value_name`, `help`), not typed again here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use dockcert_core::plan::{Field, PlanRequest, Purpose};

mod choices;
mod examples;
mod examples_zh;
mod flags_zh;
mod look;
pub(crate) mod parse;
mod settings;
mod usage_error;
mod words;

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

/// The hosts and clients to make certificates for, and how.
#[derive(Debug, Args)]
pub(crate) struct LeafArgs {
    /// `--server`: a Docker host.
    #[arg(long = Field::Server.name(), value_name = Field::Server.value_name(),
        help = Field::Server.help(), allow_hyphen_values = true)]
    pub servers: Vec<String>,

    /// `--client`: a client.
    #[arg(long = Field::Client.name(), value_name = Field::Client.value_name(),
        help = Field::Client.help(), allow_hyphen_values = true)]
    pub clients: Vec<String>,

    /// Also write ansible/: an inventory of the hosts and a playbook that
    /// installs each host's files, merges daemon.json and installs the
    /// drop-in as install.sh does, restarting docker only where something
    /// changed (ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml).
    #[arg(long)]
    pub ansible: bool,

    /// `--subject-org`: O in every subject (`renew` keeps the old one's).
    #[arg(long = Field::SubjectOrg.name(), value_name = Field::SubjectOrg.value_name(),
        help = Field::SubjectOrg.help(), allow_hyphen_values = true)]
    pub subject_org: Option<String>,

    /// `--subject-unit`: OU in every subject.
    #[arg(long = Field::SubjectUnit.name(), value_name = Field::SubjectUnit.value_name(),
        help = Field::SubjectUnit.help(), allow_hyphen_values = true)]
    pub subject_unit: Option<String>,

    /// `--subject-country`: C in every subject.
    #[arg(long = Field::SubjectCountry.name(), value_name = Field::SubjectCountry.value_name(),
        help = Field::SubjectCountry.help(), allow_hyphen_values = true)]
    pub subject_country: Option<String>,

    #[command(flatten)]
    pub settings: SettingArgs,
}

impl LeafArgs {
    /// The plan request these flags describe.
    pub(crate) fn request(&self, purpose: Purpose) -> PlanRequest {
        PlanRequest {
            servers: self.servers.iter().map(|v| v.as_str().into()).collect(),
            clients: self.clients.clone(),
            purpose,
            ansible: self.ansible,
            subject_org: self.subject_org.clone(),
            subject_unit: self.subject_unit.clone(),
            subject_country: self.subject_country.clone(),
            ..self.settings.request()
        }
    }
}

/// Where the bundle goes.
#[derive(Debug, Args)]
pub(crate) struct OutArgs {
    /// Where to write: a name ending in .zip makes a zip, anything else a new
    /// folder. Its parent folder must exist.
    #[arg(long, value_name = "BUNDLE.zip|DIR")]
    pub out: PathBuf,

    /// Replace an existing zip file. A folder that is not empty is never written into.
    #[arg(long)]
    pub force: bool,

    /// Also print what was made on stdout as JSON: where it was written, the
    /// warnings, and the bundle's manifest (every file with its mode and
    /// SHA-256, every certificate with its fingerprint and expiry).
    #[arg(long)]
    pub json: bool,

    /// How the bundle is laid out: `standard` (a folder per host and per
    /// client), or `dind`: the tree the docker:dind image reads under
    /// DOCKER_TLS_CERTDIR (certs/ca, certs/server, certs/client, never the CA
    /// key), with compose.yaml and a GitLab CI snippet; one host, one client.
    #[arg(long, value_enum, default_value = "standard")]
    pub layout: Layout,

    /// The language of README.txt, the summary and the notices: en or zh.
    /// Commands, paths and file names stay as they are; --json stays
    /// English. Default: the terminal's, from LC_ALL, else LC_MESSAGES, else
    /// LANG (zh_CN.UTF-8 is zh; unset, C or POSIX is en).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<BundleLang>,
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

    /// `--ca-days`.
    #[arg(long = Field::CaDays.name(), value_name = Field::CaDays.value_name(),
        help = Field::CaDays.help(), allow_hyphen_values = true)]
    pub ca_days: Option<String>,

    /// `--ca-name`.
    #[arg(long = Field::CaName.name(), value_name = Field::CaName.value_name(),
        help = Field::CaName.help(), allow_hyphen_values = true)]
    pub ca_name: Option<String>,

    /// How the CA key is protected.
    #[command(flatten)]
    pub passphrase: PassphraseArgs,

    #[command(flatten)]
    pub out: OutArgs,
}

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

    /// `--subject-org`.
    #[arg(long = Field::SubjectOrg.name(), value_name = Field::SubjectOrg.value_name(),
        help = Field::SubjectOrg.help(), allow_hyphen_values = true)]
    pub subject_org: Option<String>,

    /// `--subject-unit`.
    #[arg(long = Field::SubjectUnit.name(), value_name = Field::SubjectUnit.value_name(),
        help = Field::SubjectUnit.help(), allow_hyphen_values = true)]
    pub subject_unit: Option<String>,

    /// `--subject-country`.
    #[arg(long = Field::SubjectCountry.name(), value_name = Field::SubjectCountry.value_name(),
        help = Field::SubjectCountry.help(), allow_hyphen_values = true)]
    pub subject_country: Option<String>,

    /// `--ca-days`.
    #[arg(long = Field::CaDays.name(), value_name = Field::CaDays.value_name(),
        help = Field::CaDays.help(), allow_hyphen_values = true)]
    pub ca_days: Option<String>,

    /// `--ca-name`.
    #[arg(long = Field::CaName.name(), value_name = Field::CaName.value_name(),
        help = Field::CaName.help(), allow_hyphen_values = true)]
    pub ca_name: Option<String>,

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
