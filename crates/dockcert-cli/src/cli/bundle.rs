//! What every command that makes a bundle is told besides its CA: the
//! hosts and clients to make certificates for, with the settings they
//! share ([`LeafArgs`]), and where the bundle goes and in what shape
//! ([`OutArgs`]).

use std::path::PathBuf;

use clap::Args;
use dockcert_core::plan::{Field, PlanRequest, Purpose};

use super::choices::{BundleLang, Layout};
use super::settings::SettingArgs;

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

    #[command(flatten)]
    pub subject: SubjectArgs,

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
            ..self.subject.request(self.settings.request())
        }
    }
}

/// `--subject-org`, `--subject-unit`, `--subject-country`: O, OU and C in
/// every subject a command makes (`renew` keeps the old certificate's).
#[derive(Debug, Args)]
pub(crate) struct SubjectArgs {
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
}

impl SubjectArgs {
    /// `request` with these subject attributes.
    pub(crate) fn request(&self, request: PlanRequest) -> PlanRequest {
        PlanRequest {
            subject_org: self.subject_org.clone(),
            subject_unit: self.subject_unit.clone(),
            subject_country: self.subject_country.clone(),
            ..request
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
