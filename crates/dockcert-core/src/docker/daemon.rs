//! dockerd's side: daemon.json, the systemd drop-in that lets its `hosts`
//! work, and the same settings as dockerd flags.

use serde::Serialize;

use super::error::DockerError;
use super::locations::{DAEMON_JSON_PATH, DEFAULT_DOCKERD, UNIX_SOCKET};
use crate::plan::ServerSpec;

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
    pub fn to_json(&self) -> Result<String, DockerError> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| DockerError::Json {
            file: "daemon.json",
            reason: e.to_string(),
        })?;
        text.push('\n');
        Ok(text)
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

/// default-docker: `DOCKER_OPTS` for /etc/default/docker, which the init
/// scripts of older Debian and Ubuntu hosts (sysvinit, upstart) read.
pub(crate) fn default_docker_file(server: &ServerSpec) -> String {
    init_file(
        server,
        "DOCKER_OPTS",
        "/etc/default/docker",
        "the init scripts of Debian and Ubuntu hosts without systemd (sysvinit,\n\
         # upstart) read it; systemd's docker.service does not",
    )
}

/// sysconfig-docker: `OPTIONS` for /etc/sysconfig/docker, which the docker
/// service of RHEL, CentOS and Fedora's own docker package reads.
pub(crate) fn sysconfig_docker_file(server: &ServerSpec) -> String {
    init_file(
        server,
        "OPTIONS",
        "/etc/sysconfig/docker",
        "the docker service of RHEL, CentOS and Fedora's own docker package reads\n\
         # it (its unit runs dockerd with $OPTIONS)",
    )
}

fn init_file(server: &ServerSpec, var: &str, path: &str, who: &str) -> String {
    let flags = DaemonConfig::for_server(server).to_flags();
    format!(
        "# {path} for the Docker host \"{name}\", made by dockcert:\n\
         # {who}.\n\
         # Put this {var} line in {path} (keep the file's other lines), with the\n\
         # host's files in place (./install.sh), and do NOT install daemon.json's\n\
         # settings too: dockerd refuses to start when a setting is given both as a\n\
         # flag and in {DAEMON_JSON_PATH}.\n\
         {var}=\"{flags}\"\n",
        name = server.name,
        flags = double_quoted(&flags),
    )
}

/// `text` made safe inside a shell's double quotes.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    #[test]
    fn daemon_json_holds_tls_and_hosts() {
        let json = DaemonConfig::for_server(&server("docker1", &["docker1"]))
            .to_json()
            .unwrap();
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
    fn init_files_hold_the_same_flags() {
        let s = server("docker1", &["docker1"]);
        let flags = DaemonConfig::for_server(&s).to_flags();
        let default = default_docker_file(&s);
        assert!(
            default.ends_with(&format!("\nDOCKER_OPTS=\"{flags}\"\n")),
            "{default}"
        );
        let sysconfig = sysconfig_docker_file(&s);
        assert!(
            sysconfig.ends_with(&format!("\nOPTIONS=\"{flags}\"\n")),
            "{sysconfig}"
        );
        assert_eq!(double_quoted("a\"$`\\b"), "a\\\"\\$\\`\\\\b");
    }

    #[test]
    fn flags_match_daemon_json() {
        let s = server("docker1", &["docker1"]);
        assert_eq!(
            DaemonConfig::for_server(&s).to_flags(),
            "--tlsverify --tlscacert=/etc/docker/ca.pem --tlscert=/etc/docker/server-cert.pem --tlskey=/etc/docker/server-key.pem -H unix:///var/run/docker.sock -H tcp://0.0.0.0:2376"
        );
    }
}
