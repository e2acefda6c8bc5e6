//! The commands that look and change nothing: `inspect` (files),
//! `expiry` (when certificates end) and `probe` (a live daemon).

use std::path::PathBuf;

use clap::Args;

/// `dockcert inspect`.
#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// Certificate or key files, folders (such as /etc/docker or a bundle
    /// folder) or bundle zips, in any mix: all are inspected together, as
    /// one setup (a CA file given beside a server certificate is its CA).
    #[arg(value_name = "PATH", required_unless_present = "explain")]
    pub paths: Vec<PathBuf>,

    /// A name or address clients use to reach the host: its server
    /// certificate must cover it. In a multi-host bundle only that host's
    /// (in its folder server/NAME/, or naming it) is judged against it; the
    /// others are named as skipped.
    #[arg(long, value_name = "NAME")]
    pub host: Option<String>,

    /// A systemd unit or drop-in to check against daemon.json's hosts (the
    /// docker.service.d folder inside PATH is read anyway). Repeat as needed.
    #[arg(long, value_name = "FILE")]
    pub unit: Vec<PathBuf>,

    /// Print the report as JSON on stdout.
    #[arg(long)]
    pub json: bool,

    /// Explain an error message from docker or dockerd: its cause and its fix.
    #[arg(long, value_name = "MESSAGE")]
    pub explain: Option<String>,

    /// The language of the report: en or zh. Commands, paths, file names
    /// and docker's own messages stay as they are; --json stays English.
    /// Default: the terminal's, from LC_ALL, else LC_MESSAGES, else LANG.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<super::BundleLang>,
}

/// `dockcert probe`.
#[derive(Debug, Args)]
pub(crate) struct ProbeArgs {
    /// The daemon, as docker's -H takes it: tcp://HOST:PORT. Default: as
    /// docker decides (DOCKER_HOST, else DOCKER_CONTEXT or the current
    /// docker context).
    #[arg(value_name = "tcp://HOST:PORT")]
    pub host: Option<String>,

    /// A docker context (as `docker context ls` lists it): its endpoint and
    /// its TLS files.
    #[arg(long, value_name = "NAME", conflicts_with = "host")]
    pub context: Option<String>,

    /// A folder holding the client's ca.pem, cert.pem and key.pem, as
    /// DOCKER_CERT_PATH holds them. Default: DOCKER_CERT_PATH, else
    /// DOCKER_CONFIG, else ~/.docker, as the docker client looks.
    #[arg(long, value_name = "DIR")]
    pub client: Option<PathBuf>,

    /// The CA the server's certificate must chain to (instead of DIR/ca.pem).
    #[arg(long, value_name = "FILE")]
    pub tlscacert: Option<PathBuf>,

    /// The client's certificate (instead of DIR/cert.pem).
    #[arg(long, value_name = "FILE")]
    pub tlscert: Option<PathBuf>,

    /// The client's key (instead of DIR/key.pem).
    #[arg(long, value_name = "FILE")]
    pub tlskey: Option<PathBuf>,

    /// Compare the certificate dockerd serves with the one in this file, or
    /// in this folder (a bundle's host folder or the folder holding
    /// dockerd's files: its server-cert.pem, the file its daemon.json's
    /// tlscert names, or cert.pem), by SHA-256. Default: on the daemon's own
    /// host, the file dockerd was told to read (the listening dockerd's
    /// --tlscert or daemon.json, /etc/docker/daemon.json, the systemd
    /// drop-in's or /etc/default/docker's flags).
    #[arg(long, value_name = "DIR")]
    pub compare: Option<PathBuf>,

    /// Seconds the whole probe may take, from the name lookup to the last byte of the last answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,

    /// Print the checks and the verdict as JSON on stdout.
    #[arg(long)]
    pub json: bool,

    /// The language of the report: en or zh. Commands, paths, file names
    /// and docker's own messages stay as they are; --json stays English.
    /// Default: the terminal's, from LC_ALL, else LC_MESSAGES, else LANG.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<super::BundleLang>,
}

/// `dockcert expiry`.
#[derive(Debug, Args)]
pub(crate) struct ExpiryArgs {
    /// Certificate files, folders (a host's /etc/docker, a client's
    /// ~/.docker, a bundle folder or a whole fleet's tree), bundle zips, or
    /// live daemons as tcp://HOST:PORT (the chain each serves). In a folder
    /// only files named as certificates or zips are read (.pem, .crt, .cer,
    /// .cert, .der, .zip; not a key's key.pem or *-key.pem).
    #[arg(value_name = "PATH|tcp://HOST:PORT", required = true)]
    pub paths: Vec<PathBuf>,

    /// Seconds each live daemon may take, from the name lookup to its chain.
    #[arg(long, value_name = "SECONDS", default_value_t = 5,
        value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,

    /// Exit with status 1 when a certificate ends within this many days
    /// (or has ended).
    #[arg(long, value_name = "DAYS",
        default_value_t = dockcert_core::inspect::expiry::DEFAULT_WITHIN_DAYS,
        value_parser = clap::value_parser!(u32).range(0..=36_500))]
    pub within: u32,

    /// List every certificate read, not only those that end within DAYS.
    #[arg(long)]
    pub all: bool,

    /// Print the list as JSON on stdout.
    #[arg(long, conflicts_with = "prometheus")]
    pub json: bool,

    /// Print every certificate as Prometheus metrics (the text format node_exporter's
    /// textfile collector reads): dockcert_certificate_not_after_seconds and
    /// dockcert_certificate_info.
    #[arg(long)]
    pub prometheus: bool,

    /// The language of the list: en or zh. Paths and names stay as they
    /// are; --json and --prometheus stay English.
    /// Default: the terminal's, from LC_ALL, else LC_MESSAGES, else LANG.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<super::BundleLang>,
}
