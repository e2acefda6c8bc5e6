//! What the next steps say around their commands, piece by piece, with the
//! values each names: `mod.rs` decides which a bundle needs; `en.rs` and
//! `zh.rs` word them. Commands, paths and flags stay as they are in both.

/// One thing a face says with a group of commands of the next steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepNote {
    /// From an existing CA: a client that already has a certificate from it
    /// reaches this bundle's hosts with the files it has, where the earlier
    /// bundle's install.sh put them.
    ExistingClients {
        /// That folder, `CLIENT` standing for the client's name.
        cert_dir: String,
    },
    /// Or with the earlier bundle's docker-context.sh, given each host.
    ExistingClientsScript,
    /// `systemctl restart docker` stops every running container unless
    /// live-restore is on; `install.sh --live-restore` adds it and the
    /// reload before the restart turns it on, which the check confirms (not
    /// on a first install: the dockerd started with `-H fd://` refuses to
    /// reload a daemon.json that names its hosts).
    LiveRestore,
    /// With `--allow-from`: open the port to those networks alone, with
    /// firewalld's rich rules (its commands).
    FirewalldRules {
        /// The TLS port.
        port: u16,
        /// The networks let in, comma-separated.
        nets: String,
    },
    /// With `--allow-from`: the same with nftables, the host's
    /// firewall/nftables.conf.
    NftablesRules,
    /// Without `--allow-from`: open the port in firewalld, or make the
    /// bundle with `--allow-from`.
    OpenPort {
        /// The TLS port.
        port: u16,
    },
    /// `install.sh --expiry-check`: the daily check of when the host's
    /// certificates end, what it logs, and where (its commands: when it runs
    /// next, what it said).
    ExpiryCheck,
    /// What it means when `docker ... version` fails: a timeout, a refused
    /// connection, or docker's words about a certificate.
    CheckFails,
}
