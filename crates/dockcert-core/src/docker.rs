//! The Docker side of a bundle: daemon.json, the systemd drop-in, the
//! equivalent dockerd flags, docker.env and `docker context create`.
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

use serde::Serialize;

use crate::names::San;
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

/// dockerd's TLS settings as daemon.json holds them, in the order shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DaemonConfig {
    /// Require and verify client certificates.
    pub tlsverify: bool,
    /// The CA that client certificates must chain to.
    pub tlscacert: String,
    /// The server certificate.
    pub tlscert: String,
    /// The server key.
    pub tlskey: String,
    /// Where dockerd listens: the unix socket and `tcp://LISTEN`.
    pub hosts: Vec<String>,
}

impl DaemonConfig {
    /// The settings for `server`, with its files under its install directory.
    pub fn for_server(server: &ServerSpec) -> Self {
        let dir = &server.install_dir;
        DaemonConfig {
            tlsverify: true,
            tlscacert: format!("{dir}/ca.pem"),
            tlscert: format!("{dir}/server-cert.pem"),
            tlskey: format!("{dir}/server-key.pem"),
            hosts: vec![UNIX_SOCKET.to_owned(), format!("tcp://{}", server.listen)],
        }
    }

    /// daemon.json: pretty-printed, with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The same settings as dockerd flags, for hosts without systemd.
    pub fn to_flags(&self) -> String {
        let mut flags = format!(
            "--tlsverify --tlscacert={} --tlscert={} --tlskey={}",
            self.tlscacert, self.tlscert, self.tlskey
        );
        for host in &self.hosts {
            flags.push_str(" -H ");
            flags.push_str(host);
        }
        flags
    }
}

/// The systemd drop-in that lets `hosts` in daemon.json work.
pub fn systemd_drop_in(server: &ServerSpec) -> String {
    format!(
        "# Installed by dockcert for the Docker host \"{name}\".\n\
         #\n\
         # The stock docker.service starts `dockerd -H fd://`. dockerd refuses to start\n\
         # when hosts are given both as a flag and in {DAEMON_JSON_PATH} (\"the following\n\
         # directives are specified both as a flag and in the configuration file:\n\
         # hosts\"). The empty ExecStart= clears the stock command; the second starts\n\
         # dockerd with no -H, so the hosts in daemon.json ({unix} and\n\
         # tcp://{listen}) are the only ones. dockerd finds a running containerd by itself.\n\
         [Service]\n\
         ExecStart=\n\
         ExecStart={DEFAULT_DOCKERD}\n",
        name = server.name,
        unix = UNIX_SOCKET,
        listen = server.listen,
    )
}

/// dockerd-flags.txt: the flags and a note on when to use them.
pub fn dockerd_flags_file(server: &ServerSpec) -> String {
    let config = DaemonConfig::for_server(server);
    format!(
        "# dockerd flags for the Docker host \"{name}\", for hosts without systemd\n\
         # (an init script's DOCKER_OPTS, or running dockerd by hand). They do the same as\n\
         # daemon.json: use one or the other, never both, since dockerd refuses to start\n\
         # when a setting is given both as a flag and in {DAEMON_JSON_PATH}.\n\
         {flags}\n",
        name = server.name,
        flags = config.to_flags(),
    )
}

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

/// docker.env: a shell fragment that points the docker CLI at the first host.
pub fn docker_env(client: &ClientSpec, servers: &[ServerSpec]) -> String {
    let mut text = format!(
        "# docker.env for the client \"{name}\", made by dockcert. Load it into your shell with\n\
         #     . ./docker.env\n\
         # after ./install.sh has put ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH.\n",
        name = client.name
    );
    if servers.len() > 1 {
        text.push_str(
            "# It points at the first host; for another, change DOCKER_HOST to one of:\n",
        );
        for server in &servers[1..] {
            text.push_str(&format!("#     {}\n", docker_host(server)));
        }
        text.push_str("# or use the docker contexts that docker-context.sh creates.\n");
    }
    match servers.first() {
        Some(first) => text.push_str(&format!("export DOCKER_HOST={}\n", docker_host(first))),
        None => text.push_str(
            "# No host was named when these files were made: set DOCKER_HOST to yours.\n\
             # export DOCKER_HOST=tcp://docker1.example.com:2376\n",
        ),
    }
    text.push_str("export DOCKER_TLS_VERIFY=1\n");
    text.push_str(&format!(
        "export DOCKER_CERT_PATH=\"{}\"\n",
        client_cert_dir(client)
    ));
    text
}

/// The `docker context create` command for `client` to reach `server`, with
/// `dir` the folder holding the client's files.
pub fn context_create_command(client: &ClientSpec, server: &ServerSpec, dir: &str) -> String {
    format!(
        "docker context create {ctx} --description \"{host} over TLS as {client} (dockcert)\" --docker \"host={url},ca={dir}/ca.pem,cert={dir}/cert.pem,key={dir}/key.pem\"",
        ctx = context_name(server),
        host = server.name,
        client = client.name,
        url = docker_host(server),
    )
}

/// docker-context.sh: creates (or updates) one docker context per host.
pub fn docker_context_script(client: &ClientSpec, servers: &[ServerSpec]) -> String {
    let mut text = format!(
        "#!/bin/sh\n\
         # docker-context.sh: creates a docker context for each Docker host, for the client\n\
         # \"{name}\". Run it after ./install.sh. docker copies the files into its context\n\
         # store, so the contexts keep working wherever the files are later.\n\
         #     ./docker-context.sh [HOST[:PORT]...]     then: docker --context HOST version\n\
         # With no arguments it makes a context for each host named in this bundle.\n\
         set -eu\n\
         DIR=\"${{DOCKER_CERT_PATH:-{dir}}}\"\n\
         for f in ca.pem cert.pem key.pem; do\n\
         \x20   [ -r \"$DIR/$f\" ] || {{ echo \"docker-context.sh: $DIR/$f is missing; run ./install.sh first\" >&2; exit 1; }}\n\
         done\n\
         context() {{\n\
         \x20   if docker context inspect \"$1\" >/dev/null 2>&1; then\n\
         \x20       shift; docker context update \"$@\"\n\
         \x20   else\n\
         \x20       shift; docker context create \"$@\"\n\
         \x20   fi\n\
         }}\n",
        name = client.name,
        dir = client_cert_dir(client),
    );
    text.push_str(
        "if [ $# -gt 0 ]; then\n\
         \x20   # Hosts named on the command line: ./docker-context.sh HOST[:PORT]...\n\
         \x20   for target in \"$@\"; do\n\
         \x20       host=${target%:*}; port=${target##*:}\n\
         \x20       [ \"$host\" = \"$target\" ] && port=2376\n\
         \x20       context \"$host\" \"$host\" --description \"$host over TLS (dockcert)\" --docker \"host=tcp://$host:$port,ca=$DIR/ca.pem,cert=$DIR/cert.pem,key=$DIR/key.pem\"\n\
         \x20   done\n\
         \x20   echo \"Contexts ready. Try: docker --context $1 version\"\n\
         \x20   exit 0\n\
         fi\n",
    );
    if servers.is_empty() {
        text.push_str(
            "echo \"docker-context.sh: no host was named when these files were made; run it as ./docker-context.sh HOST[:PORT]...\" >&2\nexit 2\n",
        );
        return text;
    }
    for server in servers {
        let ctx = context_name(server);
        text.push_str(&format!(
            "context {ctx} {ctx} --description \"{host} over TLS as {client} (dockcert)\" --docker \"host={url},ca=$DIR/ca.pem,cert=$DIR/cert.pem,key=$DIR/key.pem\"\n",
            host = server.name,
            client = client.name,
            url = docker_host(server),
        ));
    }
    text.push_str("echo \"Contexts ready. Try: docker --context ");
    text.push_str(&servers.first().map(context_name).unwrap_or_default());
    text.push_str(" version\"\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Listen;

    fn server(name: &str, sans: &[&str]) -> ServerSpec {
        ServerSpec {
            name: name.into(),
            sans: sans.iter().map(|s| San::parse(s).unwrap()).collect(),
            listen: Listen {
                host: "0.0.0.0".into(),
                port: 2376,
            },
            install_dir: "/etc/docker".into(),
            allow_from: Vec::new(),
        }
    }

    #[test]
    fn daemon_json_holds_tls_and_hosts() {
        let json = DaemonConfig::for_server(&server("docker1", &["docker1"])).to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["tlsverify"], true);
        assert_eq!(value["tlscacert"], "/etc/docker/ca.pem");
        assert_eq!(value["tlscert"], "/etc/docker/server-cert.pem");
        assert_eq!(value["tlskey"], "/etc/docker/server-key.pem");
        assert_eq!(
            value["hosts"],
            serde_json::json!(["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"])
        );
        assert!(json.starts_with("{\n  \"tlsverify\": true,"));
    }

    #[test]
    fn drop_in_resets_exec_start() {
        let text = systemd_drop_in(&server("docker1", &["docker1"]));
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            lines,
            ["[Service]", "ExecStart=", "ExecStart=/usr/bin/dockerd"]
        );
    }

    #[test]
    fn flags_match_daemon_json() {
        let s = server("docker1", &["docker1"]);
        assert_eq!(
            DaemonConfig::for_server(&s).to_flags(),
            "--tlsverify --tlscacert=/etc/docker/ca.pem --tlscert=/etc/docker/server-cert.pem --tlskey=/etc/docker/server-key.pem -H unix:///var/run/docker.sock -H tcp://0.0.0.0:2376"
        );
    }

    #[test]
    fn docker_env_points_at_the_first_host() {
        let client = ClientSpec {
            name: "alice".into(),
        };
        let env = docker_env(
            &client,
            &[
                server("docker1", &["docker1"]),
                server("10.0.0.9", &["10.0.0.9", "::1"]),
            ],
        );
        assert!(env.contains("export DOCKER_HOST=tcp://docker1:2376\n"));
        assert!(env.contains("export DOCKER_TLS_VERIFY=1\n"));
        assert!(env.contains("export DOCKER_CERT_PATH=\"$HOME/.docker/dockcert/alice\"\n"));
        assert!(env.contains("#     tcp://10.0.0.9:2376\n"));
    }

    #[test]
    fn context_names_are_valid_for_docker() {
        assert_eq!(context_name(&server("h", &["h"])), "h-tls");
        assert_eq!(context_name(&server("docker1", &["docker1"])), "docker1");
    }
}
