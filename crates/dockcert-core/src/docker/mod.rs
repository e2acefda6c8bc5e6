//! The Docker artefacts and their templates: daemon.json, the systemd
//! drop-in, the equivalent dockerd flags, docker.env and `docker context
//! create`, the install scripts and the firewall rules.
//!
//! Facts these rely on:
//! - dockerd reads `/etc/docker/daemon.json`; its keys `tlsverify`,
//!   `tlscacert`, `tlscert`, `tlskey` and `hosts` mirror the flags.
//! - dockerd refuses to start when a setting is given both as a flag and in
//!   daemon.json ("the following directives are specified both as a flag and in
//!   the configuration file: hosts"). The stock `docker.service` runs
//!   `dockerd -H fd://`, so `hosts` in daemon.json needs a drop-in that clears
//!   `ExecStart` and starts dockerd without `-H` (Docker's documented fix).
//! - The docker client reads `DOCKER_HOST`, `DOCKER_TLS_VERIFY` and
//!   `DOCKER_CERT_PATH`, and expects `ca.pem`, `cert.pem` and `key.pem` in that
//!   folder.

//!
//! Uses [`crate::plan`] (the checked hosts and clients). A new file a Docker
//! host or client takes goes here, as a function from a
//! [`crate::plan::ServerSpec`] or [`crate::plan::ClientSpec`] to its text,
//! and then into [`crate::bundle`]'s layout.

mod client;
mod daemon;
pub mod firewall;
mod install;

pub use client::{context_create_command, docker_context_script, docker_env};
pub use daemon::{dockerd_flags_file, systemd_drop_in, DaemonConfig};
pub use install::{client_script, server_script};

use crate::lang::{localized_error, Lang, Localized};
use crate::pki::San;
use crate::plan::{ClientSpec, ServerSpec};

/// The stock unix socket, kept in `hosts` so local `docker` keeps working.
pub const UNIX_SOCKET: &str = "unix:///var/run/docker.sock";
/// Where dockerd reads its configuration file.
pub const DAEMON_JSON_PATH: &str = "/etc/docker/daemon.json";
/// The drop-in's path on the host.
pub const DROP_IN_PATH: &str = "/etc/systemd/system/docker.service.d/dockcert.conf";
/// The dockerd binary the drop-in names; install.sh swaps in the host's own
/// path when dockerd lives elsewhere (Debian's docker.io: /usr/sbin/dockerd).
pub const DEFAULT_DOCKERD: &str = "/usr/bin/dockerd";

/// A Docker file could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DockerError {
    /// A JSON file could not be serialised.
    Json {
        /// Which file.
        file: &'static str,
        /// What serde_json said.
        reason: String,
    },
}

impl Localized for DockerError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Json { file, reason }, Lang::En) => format!("could not write {file}: {reason}"),
            (Self::Json { file, reason }, Lang::Zh) => format!("无法写入 {file}：{reason}"),
        }
    }
}

localized_error!(DockerError);

/// The address a client dials for `server`: its first name, and the port it listens on.
pub fn docker_host(server: &ServerSpec) -> String {
    let host = match server.sans.first() {
        Some(San::Ip(std::net::IpAddr::V6(ip))) => format!("[{ip}]"),
        Some(san) => san.to_string(),
        None => server.name.clone(),
    };
    format!("tcp://{host}:{}", server.listen.port)
}

/// Where a client's files go by default: a folder of its own under ~/.docker.
pub fn client_cert_dir(client: &ClientSpec) -> String {
    format!("$HOME/.docker/dockcert/{}", client.name)
}

/// A docker context name for `server`: docker wants
/// `^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$`, so at least two characters.
pub fn context_name(server: &ServerSpec) -> String {
    if server.name.len() < 2 {
        format!("{}-tls", server.name)
    } else {
        server.name.clone()
    }
}
