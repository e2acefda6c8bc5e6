//! A rotation bundle's `ansible/` (`dockcert rotate --ansible`): an
//! inventory of its hosts, each with the SHA-256 of its files as the
//! bundle being replaced and each phase install them, and `rotate.yml`,
//! which runs one phase (`--tags phaseN` or `-e dockcert_phase=N`) on every host as a rolling
//! update, with the same checks as the host's `install.sh --phase N`.
//!
//! The playbook is one text for every fleet (`templates/ansible-rotate.yml`),
//! its refusals in the plan's language (`PlayMessage`, and install.sh's
//! `AnsibleNotAnObject` and `AnsibleNothingInstalled`); what differs per
//! host is in the inventory.

use std::fmt::Write;

use super::super::ansible::{address, quoted, ANSIBLE_GROUP};
use super::super::install::fill;
use super::super::locations::dial_name;
use super::super::words::script_messages;
use super::hashes::{hex, hex_or_empty, PhaseHashes};
use super::play_words::{inventory_head, PlayMessage};
use crate::lang::Lang;
use crate::plan::ServerSpec;

const TEMPLATE: &str = include_str!("../templates/ansible-rotate.yml");

/// `ansible/rotate.yml`, its refusals in `lang` (its tasks' names and
/// comments stay English, as ansible-playbook's own output around them is).
pub(crate) fn rotation_playbook(lang: Lang) -> String {
    let mut text = String::with_capacity(TEMPLATE.len() * 2);
    for line in TEMPLATE.split_inclusive('\n') {
        let indent = &line[..line.len() - line.trim_start().len()];
        match PlayMessage::ALL
            .iter()
            .find(|m| line.trim() == m.placeholder())
        {
            Some(message) => {
                text.push_str(indent);
                text.push_str(&folded(message.text(lang), indent));
                text.push('\n');
            }
            None => text.push_str(line),
        }
    }
    let messages = script_messages(lang);
    let mut values: Vec<(&str, &str)> = messages.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    values.push(("@VERSION@", crate::VERSION));
    fill(&text, &values)
}

/// `text` as the lines of a YAML folded block indented by `indent`, each
/// at most [`WIDTH`] characters where a space (which the fold puts back) or
/// a Chinese stop (after which it adds one) allows: ansible-lint wants
/// short lines.
fn folded(text: &str, indent: &str) -> String {
    let room = WIDTH.saturating_sub(indent.len());
    let mut out = String::with_capacity(text.len() + 64);
    let mut line = 0;
    let mut word = String::new();
    let flush = |out: &mut String, line: &mut usize, word: &str, space: bool| {
        let len = word.chars().count();
        if *line > 0 && *line + usize::from(space) + len > room {
            out.push('\n');
            out.push_str(indent);
            *line = 0;
        } else if *line > 0 && space {
            out.push(' ');
            *line += 1;
        }
        out.push_str(word);
        *line += len;
    };
    let mut space = false;
    for c in text.chars() {
        if c == ' ' {
            flush(&mut out, &mut line, &word, space);
            word.clear();
            space = true;
            continue;
        }
        word.push(c);
        if matches!(c, '；' | '：' | '，' | '。') {
            flush(&mut out, &mut line, &word, space);
            word.clear();
            space = false;
        }
    }
    flush(&mut out, &mut line, &word, space);
    out
}

/// The longest line [`folded`] makes, indent included.
const WIDTH: usize = 110;

/// `ansible/inventory.yml` of a rotation: every host with the address
/// Ansible reaches it by, its install folder, its folder in the bundle, the
/// URL the TLS check asks and the SHA-256 of its files; `check_client` (the
/// first client kept, if any) is whose certificate the check presents.
pub(crate) fn rotation_inventory(
    hosts: &[(&ServerSpec, &PhaseHashes)],
    check_client: Option<&str>,
    lang: Lang,
) -> String {
    let mut t = format!(
        "---\n{head}{ANSIBLE_GROUP}:\n  vars:\n    dockcert_check_client: {client}\n  hosts:\n",
        head = inventory_head(lang, crate::VERSION),
        client = quoted(
            &check_client
                .map(|c| format!("client/{c}"))
                .unwrap_or_default()
        ),
    );
    for (server, hashes) in hosts {
        let _ = writeln!(t, "    {}:", quoted(&server.name));
        let mut var = |name: &str, value: &str| {
            let _ = writeln!(t, "      {name}: {}", quoted(value));
        };
        var("ansible_host", &address(server));
        var("dockcert_install_dir", &server.install_dir);
        var("dockcert_folder", &format!("server/{}", server.name));
        var(
            "dockcert_check_url",
            &format!(
                "https://{}:{}/version",
                dial_name(server),
                server.listen.port
            ),
        );
        t.push_str("      dockcert_sha256:\n");
        for (name, value) in [
            ("ca_old", hex_or_empty(hashes.ca_old.as_ref())),
            ("ca_both", hex(&hashes.ca_both)),
            ("ca_new", hex(&hashes.ca_new)),
            ("cert_old", hex_or_empty(hashes.cert_old.as_ref())),
            ("cert_new", hex(&hashes.cert_new)),
            ("key_old", hex_or_empty(hashes.key_old.as_ref())),
            ("key_new", hex(&hashes.key_new)),
        ] {
            let _ = writeln!(t, "        {name}: \"{value}\"");
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    #[test]
    fn the_playbook_has_no_placeholder_left() {
        for lang in [Lang::En, Lang::Zh] {
            let playbook = rotation_playbook(lang);
            assert!(playbook.starts_with("---\n"));
            assert!(!playbook.contains('@'), "{playbook}");
            assert!(playbook.contains(&format!("hosts: {ANSIBLE_GROUP}\n")));
            assert!(playbook.lines().all(|l| l.chars().count() <= 160));
        }
    }

    #[test]
    fn a_folded_message_reads_back_the_same() {
        for message in PlayMessage::ALL {
            for lang in [Lang::En, Lang::Zh] {
                let text = message.text(lang);
                let lines = folded(text, "    ");
                // What YAML's folding makes of the lines: one space each.
                let back = lines.split("\n    ").collect::<Vec<_>>().join(" ");
                let spaced = text.replace(['；', '：', '，', '。'], "").replace(' ', "");
                assert_eq!(
                    back.replace(['；', '：', '，', '。'], "").replace(' ', ""),
                    spaced
                );
                assert!(lines.lines().all(|l| l.chars().count() <= WIDTH), "{lines}");
                if lang == Lang::En {
                    assert_eq!(back, text);
                }
            }
        }
    }

    #[test]
    fn the_inventory_has_each_host_s_hashes_and_check() {
        let host = server("docker1", &["docker1.lan", "10.0.0.9"]);
        let hashes = super::super::tests::hashes();
        let inventory = rotation_inventory(&[(&host, &hashes)], Some("alice"), Lang::En);
        assert!(inventory.contains("    dockcert_check_client: \"client/alice\"\n"));
        assert!(inventory.contains(
            "      dockcert_check_url: \"https://docker1.lan:2376/version\"\n      dockcert_sha256:\n"
        ));
        assert!(inventory.contains(&format!("        ca_old: \"{}\"\n", "01".repeat(32))));
        assert!(inventory.contains("        cert_old: \"\"\n"));
        let none = rotation_inventory(&[(&host, &hashes)], None, Lang::Zh);
        assert!(none.contains("    dockcert_check_client: \"\"\n"));
    }
}
