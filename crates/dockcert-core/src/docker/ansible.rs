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
//! daemon.json and drop-in in the bundle, so they are stated once. The
//! expiry check's units and cron line are the ones install.sh carries
//! (`templates/dockcert-expiry.*`), put in the playbook as YAML literal blocks.

use std::fmt::Write;

use super::install::{fill, CRON_TEMPLATE, DER_SHA256, SERVICE_TEMPLATE, TIMER_TEMPLATE};
use super::locations::DEFAULT_DOCKERD;
use super::words::{script_messages, Words};
use crate::lang::{Lang, Localized};
use crate::pki::{lower_hex, San};
use crate::plan::{Renews, ServerSpec};

const PLAYBOOK_TEMPLATE: &str = include_str!("templates/ansible-playbook.yml");
/// A renewal's tasks, before the playbook's refusals: which certificate the
/// host's server-cert.pem is, and the files it lets differ without force.
const RENEWAL_TASKS: &str = include_str!("templates/ansible-renewal.yml");
/// A renewal's paragraph of the playbook's opening comment.
const RENEWAL_HEAD: &str = "
#
# This bundle renews one certificate (dockcert renew), as its install.sh
# does: on a host whose server-cert.pem is that certificate (the SHA-256 of
# its DER, read on the host with awk, base64 -d and sha256sum, no openssl,
# is the host's dockcert_renews in inventory.yml), server-cert.pem,
# server-key.pem and the check's certificates.tsv are replaced without
# dockcert_force, the old files kept as backups; any other difference (a
# link in their place, another certificate) still needs dockcert_force.";
/// What a renewal adds to the refusal of a file that differs: not one of
/// the files of the certificate it renews.
const RENEWED_FREE: &str = " and dest not in dockcert_renewed";

/// The inventory group the playbook runs on.
pub(crate) const ANSIBLE_GROUP: &str = "dockcert_hosts";

/// How deep the playbook's literal blocks (the check's units) are indented.
const BLOCK_INDENT: &str = "          ";
/// How deep the renewal's shell script, a list item's literal block, is.
const TASK_BLOCK_INDENT: &str = "            ";

/// `ansible/dockcert.yml`, the messages of its refusals and the check's
/// units in `lang` (its tasks' names and comments stay English, as
/// ansible-playbook's own output around them is). A renewal's (`renewal`)
/// replaces the certificate it renews, its key and what the check knows
/// without dockcert_force where the host's server-cert.pem is that
/// certificate (the inventory's `dockcert_renews`); any other bundle's
/// playbook is as it was.
pub(crate) fn ansible_playbook(renewal: bool, lang: Lang) -> String {
    let messages = script_messages(lang);
    let messages: Vec<(&str, &str)> = messages
        .iter()
        .map(|(key, text)| (key.as_str(), *text))
        .collect();
    let tasks = match renewal {
        true => renewal_tasks(),
        false => String::new(),
    };
    let renewal = |part: &'static str| if renewal { part } else { "" };
    let units = fill(
        PLAYBOOK_TEMPLATE,
        &[
            ("@EXPIRY_SERVICE@\n", &block(SERVICE_TEMPLATE, BLOCK_INDENT)),
            ("@EXPIRY_TIMER@\n", &block(TIMER_TEMPLATE, BLOCK_INDENT)),
            ("@EXPIRY_CRON@\n", &block(CRON_TEMPLATE, BLOCK_INDENT)),
            ("@RENEWAL_HEAD@", renewal(RENEWAL_HEAD)),
            ("@RENEWAL_TASKS@", &tasks),
            ("@RENEWED_FREE@", renewal(RENEWED_FREE)),
        ],
    );
    fill(
        &fill(&units, &messages),
        &[
            ("@VERSION@", crate::VERSION),
            ("@DOCKERD@", DEFAULT_DOCKERD),
        ],
    )
}

/// A renewal's tasks as they stand in the playbook, after a blank line,
/// with `der_sha256` (install.sh's) in their shell script.
fn renewal_tasks() -> String {
    let tasks = fill(
        RENEWAL_TASKS,
        &[("@DER_SHA256@\n", &block(DER_SHA256, TASK_BLOCK_INDENT))],
    );
    format!("\n\n{}", tasks.trim_end_matches('\n'))
}

/// `text` as the rest of a literal block whose first line is already
/// indented: each later line that is not blank indented by `indent`.
fn block(text: &str, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (i, line) in text.lines().enumerate() {
        if i > 0 && !line.is_empty() {
            out.push_str(indent);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `ansible/inventory.yml`: every host with the address Ansible reaches it
/// by (its first name or address that is not a wildcard) and the bundle
/// paths of its files, its opening comment in `lang`. Every value is
/// written as a JSON string, which YAML reads as the same double-quoted
/// string (an IPv6 address has colons). A renewal's (`renews`) gives each
/// host the SHA-256 of the renewed certificate's DER too.
pub(crate) fn ansible_inventory(
    servers: &[ServerSpec],
    renews: Option<&Renews>,
    lang: Lang,
) -> String {
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
        var(
            "dockcert_expiry_script",
            &format!("{folder}/dockcert-expiry-check.sh"),
        );
        var(
            "dockcert_expiry_data",
            &format!("{folder}/certificates.tsv"),
        );
        if let Some(renews) = renews {
            var("dockcert_renews", &lower_hex(&renews.der_sha256));
        }
    }
    t
}

/// Where Ansible reaches `server`: its first SAN that is not a wildcard,
/// else its name.
pub(super) fn address(server: &ServerSpec) -> String {
    server
        .sans
        .iter()
        .find(|san| !san.is_wildcard())
        .map_or_else(|| server.name.clone(), San::to_string)
}

pub(super) fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docker::words::ScriptMessage;
    use crate::plan::tests_support::server;

    #[test]
    fn the_inventory_names_each_host_and_its_files() {
        let hosts = [
            server("docker1", &["*.swarm.lan", "docker1.lan", "10.0.0.9"]),
            server("::1", &["::1"]),
        ];
        let inventory = ansible_inventory(&hosts, None, Lang::En);
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
        assert!(inventory.contains(
            "      dockcert_expiry_script: \"server/docker1/dockcert-expiry-check.sh\"\n      dockcert_expiry_data: \"server/docker1/certificates.tsv\"\n"
        ));
        assert!(!inventory.contains("dockcert_renews"));
        // A renewal's: each host, after its files, the renewed DER's SHA-256.
        let renews = Renews {
            der_sha256: [0xab; 32],
        };
        let renewal = ansible_inventory(&hosts, Some(&renews), Lang::En);
        let line = format!("      dockcert_renews: \"{}\"\n", "ab".repeat(32));
        assert_eq!(renewal.matches(&line).count(), 2, "{renewal}");
        assert_eq!(renewal.replace(&line, ""), inventory);
    }

    #[test]
    fn the_playbook_has_no_placeholder_left() {
        for lang in [Lang::En, Lang::Zh] {
            for renewal in [false, true] {
                let playbook = ansible_playbook(renewal, lang);
                assert!(playbook.starts_with("---\n"));
                assert!(!playbook.contains('@'), "{playbook}");
                assert!(playbook.contains(&format!("hosts: {ANSIBLE_GROUP}\n")));
                assert_eq!(playbook.contains("dockcert_renew"), renewal);
            }
        }
    }

    #[test]
    fn a_renewal_playbook_is_the_other_with_its_parts_added() {
        let tasks = renewal_tasks();
        for lang in [Lang::En, Lang::Zh] {
            let mut renewal = ansible_playbook(true, lang);
            let said = ScriptMessage::AnsibleReplacingRenewed.script_text(lang);
            let tasks = tasks.replace(&ScriptMessage::AnsibleReplacingRenewed.placeholder(), said);
            for part in [RENEWAL_HEAD, &tasks, RENEWED_FREE] {
                assert_eq!(renewal.matches(part).count(), 1, "{part}");
                renewal = renewal.replacen(part, "", 1);
            }
            assert_eq!(renewal, ansible_playbook(false, lang));
        }
    }

    #[test]
    fn the_playbook_carries_the_units_install_sh_carries() {
        let host = crate::plan::tests_support::server("docker1", &["docker1"]);
        for lang in [Lang::En, Lang::Zh] {
            let playbook = ansible_playbook(false, lang);
            let install = super::super::server_script(&host, None, lang);
            let mut units = 0;
            // Each heredoc of install.sh, as the literal block it is in the playbook.
            for heredoc in install.split("<<'UNIT'\n").skip(1) {
                let (text, _) = heredoc.split_once("\nUNIT\n").unwrap();
                let literal: String = text
                    .lines()
                    .map(|l| match l {
                        "" => "\n".to_owned(),
                        _ => format!("{BLOCK_INDENT}{l}\n"),
                    })
                    .collect();
                let at = format!("        content: |\n{literal}");
                assert!(playbook.contains(&at), "{lang:?}: {text}");
                units += 1;
            }
            assert_eq!(units, 3);
        }
    }
}
