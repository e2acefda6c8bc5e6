//! `ansible/`: an inventory of the plan's hosts and a playbook that does on
//! each what its install.sh does (the files with their owners and modes,
//! dockcert's five settings merged into daemon.json, the systemd drop-in),
//! restarting docker through a handler only where something changed.
//!
//! The playbook is one text for every fleet (`templates/ansible-playbook.yml`,
//! a real YAML file so it can be linted), its refusals' messages in the
//! plan's language; what differs per host (its address,
//! its install folder, the paths of its files in the bundle) is in the
//! inventory, and the settings themselves are read from the host's own
//! daemon.json and drop-in in the bundle, so they are stated once.

use std::fmt::Write;

use super::install::fill;
use super::locations::DEFAULT_DOCKERD;
use super::words::{script_messages, Words};
use crate::lang::{Lang, Localized};
use crate::pki::San;
use crate::plan::ServerSpec;

const PLAYBOOK_TEMPLATE: &str = include_str!("templates/ansible-playbook.yml");

/// The inventory group the playbook runs on.
pub(crate) const ANSIBLE_GROUP: &str = "dockcert_hosts";

/// `ansible/dockcert.yml`, the messages of its refusals in `lang` (its
/// tasks' names and comments stay English, as ansible-playbook's own output
/// around them is).
pub(crate) fn ansible_playbook(lang: Lang) -> String {
    let messages = script_messages(lang);
    let messages: Vec<(&str, &str)> = messages
        .iter()
        .map(|(key, text)| (key.as_str(), *text))
        .collect();
    fill(
        &fill(PLAYBOOK_TEMPLATE, &messages),
        &[
            ("@VERSION@", crate::VERSION),
            ("@DOCKERD@", DEFAULT_DOCKERD),
        ],
    )
}

/// `ansible/inventory.yml`: every host with the address Ansible reaches it
/// by (its first name or address that is not a wildcard) and the bundle
/// paths of its files, its opening comment in `lang`. Every value is
/// written as a JSON string, which YAML reads as the same double-quoted
/// string (an IPv6 address has colons).
pub(crate) fn ansible_inventory(servers: &[ServerSpec], lang: Lang) -> String {
    let head = Words::InventoryHead {
        version: crate::VERSION,
    };
    let mut t = format!(
        "---\n{head}{ANSIBLE_GROUP}:\n  hosts:\n",
        head = head.text(lang)
    );
    for server in servers {
        let folder = format!("server/{}", server.name);
        let _ = writeln!(t, "    {}:", quoted(&server.name));
        let mut var = |name: &str, value: &str| {
            let _ = writeln!(t, "      {name}: {}", quoted(value));
        };
        var("ansible_host", &address(server));
        var("dockcert_install_dir", &server.install_dir);
        var("dockcert_ca", &format!("{folder}/ca.pem"));
        var("dockcert_cert", &format!("{folder}/server-cert.pem"));
        var("dockcert_key", &format!("{folder}/server-key.pem"));
        var("dockcert_daemon_json", &format!("{folder}/daemon.json"));
        var(
            "dockcert_drop_in",
            &format!("{folder}/docker.service.d/dockcert.conf"),
        );
    }
    t
}

/// Where Ansible reaches `server`: its first SAN that is not a wildcard,
/// else its name.
fn address(server: &ServerSpec) -> String {
    server
        .sans
        .iter()
        .find(|san| !san.is_wildcard())
        .map_or_else(|| server.name.clone(), San::to_string)
}

fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    #[test]
    fn the_inventory_names_each_host_and_its_files() {
        let hosts = [
            server("docker1", &["*.swarm.lan", "docker1.lan", "10.0.0.9"]),
            server("::1", &["::1"]),
        ];
        let inventory = ansible_inventory(&hosts, Lang::En);
        assert!(inventory.starts_with("---\n"), "{inventory}");
        assert!(
            inventory.contains(
                "    \"docker1\":\n      ansible_host: \"docker1.lan\"\n      dockcert_install_dir: \"/etc/docker\"\n      dockcert_ca: \"server/docker1/ca.pem\"\n"
            ),
            "{inventory}"
        );
        assert!(inventory.contains("    \"::1\":\n      ansible_host: \"::1\"\n"));
        assert!(inventory
            .contains("      dockcert_drop_in: \"server/::1/docker.service.d/dockcert.conf\"\n"));
    }

    #[test]
    fn the_playbook_has_no_placeholder_left() {
        for lang in [Lang::En, Lang::Zh] {
            let playbook = ansible_playbook(lang);
            assert!(playbook.starts_with("---\n"));
            assert!(!playbook.contains('@'), "{playbook}");
            assert!(playbook.contains(&format!("hosts: {ANSIBLE_GROUP}\n")));
        }
    }
}
