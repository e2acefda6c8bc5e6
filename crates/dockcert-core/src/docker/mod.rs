//! The Docker artefacts and their templates: daemon.json, the systemd
//! drop-in, the equivalent dockerd flags (as flags, DOCKER_OPTS and OPTIONS),
//! docker.env, `docker context create` and `.dockercontext` files, the
//! install scripts, the firewall rules, an Ansible inventory and playbook, and
//! Prometheus alerting rules on the certificates' ends.
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

mod ansible;
mod client;
mod context_file;
mod daemon;
mod error;
mod expiry_check;
pub mod firewall;
mod install;
mod locations;
mod prometheus;
mod rotate;
mod words;

pub(crate) use ansible::{ansible_inventory, ansible_playbook};
pub use client::{context_create_command, docker_context_script, docker_env};
pub(crate) use context_file::{context_file, context_file_name, ContextTls};
pub(crate) use daemon::{default_docker_file, sysconfig_docker_file};
pub use daemon::{dockerd_flags_file, systemd_drop_in, DaemonConfig};
pub use error::DockerError;
pub use expiry_check::{expiry_check_data, expiry_check_script, Installed, CHECK_DATA_PATH};
pub use install::{client_script, server_script};
pub use locations::client_cert_dir;
pub(crate) use locations::{
    context_name, dial_name, dns_names, docker_host, etc_hosts_line, DAEMON_JSON_PATH,
    DROP_IN_PATH, UNIX_SOCKET,
};
pub(crate) use prometheus::prometheus_rules;
pub(crate) use rotate::{
    client_rotate_script, rotation_inventory, rotation_playbook, server_rotate_script, PhaseHashes,
};
