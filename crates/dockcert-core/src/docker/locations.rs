//! Where things are on a Docker host and a client: the socket, daemon.json,
//! the drop-in, dockerd; the address a client dials; a client's folder; a
//! context's name.

use crate::pki::San;
use crate::plan::{ClientSpec, ServerSpec};

/// The stock unix socket, kept in `hosts` so local `docker` keeps working.
pub(crate) const UNIX_SOCKET: &str = "unix:///var/run/docker.sock";
/// Where dockerd reads its configuration file.
pub(crate) const DAEMON_JSON_PATH: &str = "/etc/docker/daemon.json";
/// The drop-in's path on the host.
pub(crate) const DROP_IN_PATH: &str = "/etc/systemd/system/docker.service.d/dockcert.conf";
/// The dockerd binary the drop-in names; install.sh swaps in the host's own
/// path when dockerd lives elsewhere (Debian's docker.io: /usr/sbin/dockerd).
pub(crate) const DEFAULT_DOCKERD: &str = "/usr/bin/dockerd";

/// The address a client dials for `server`: its first name, and the port it listens on.
pub(crate) fn docker_host(server: &ServerSpec) -> String {
    format!("tcp://{}:{}", dial_name(server), server.listen.port)
}

/// The host part a client dials for `server`: its first SAN (an IPv6
/// address in brackets), else its name.
pub(crate) fn dial_name(server: &ServerSpec) -> String {
    match server.sans.first() {
        Some(San::Ip(std::net::IpAddr::V6(ip))) => format!("[{ip}]"),
        Some(san) => san.to_string(),
        None => server.name.clone(),
    }
}

/// The host's DNS names that are not wildcards, in order: the names a
/// client can put in /etc/hosts or give as a network alias.
pub(crate) fn dns_names(server: &ServerSpec) -> Vec<&str> {
    server
        .sans
        .iter()
        .filter_map(|san| match san {
            San::Dns(name) if !san.is_wildcard() => Some(name.as_str()),
            _ => None,
        })
        .collect()
}

/// Where a client's files go by default: a folder of its own under ~/.docker.
pub fn client_cert_dir(client: &ClientSpec) -> String {
    format!("$HOME/.docker/dockcert/{}", client.name)
}

/// The /etc/hosts line that lets a client reach `server` by its names when
/// no DNS server knows them: its first IP address, then every name that is
/// not a wildcard. `None` unless the host has both an address and a name.
pub(crate) fn etc_hosts_line(server: &ServerSpec) -> Option<String> {
    let ip = server.sans.iter().find_map(|san| match san {
        San::Ip(ip) => Some(ip),
        San::Dns(_) => None,
    })?;
    let names = dns_names(server);
    (!names.is_empty()).then(|| format!("{ip} {}", names.join(" ")))
}

/// A docker context name for `server`: docker wants
/// `^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$`, so at least two characters.
pub(crate) fn context_name(server: &ServerSpec) -> String {
    if server.name.len() < 2 {
        format!("{}-tls", server.name)
    } else {
        server.name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    #[test]
    fn an_etc_hosts_line_needs_an_address_and_a_name() {
        let both = server(
            "docker1",
            &["docker1.lan", "*.swarm.lan", "10.0.0.9", "docker1"],
        );
        assert_eq!(
            etc_hosts_line(&both).as_deref(),
            Some("10.0.0.9 docker1.lan docker1")
        );
        assert_eq!(etc_hosts_line(&server("docker1", &["docker1"])), None);
        assert_eq!(etc_hosts_line(&server("10.0.0.9", &["10.0.0.9"])), None);
    }
}
