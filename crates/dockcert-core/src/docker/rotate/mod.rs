//! A rotation bundle's install.sh for each host and each client
//! (`dockcert rotate`): one script taking `--phase 1|2|3`, from
//! `templates/server-rotate.sh` and `client-rotate.sh`, which share
//! `rotate-steps.sh` (a file is replaced only when it is what the phase
//! before installed, by SHA-256) and install.sh's `safe-write.sh` (how root
//! writes into folders). The host's also carries the daemon.json merge,
//! which tells whether "live-restore": true is set and adds it with
//! `--live-restore`. Their messages are in the plan's language.

mod hashes;
mod play;
mod play_words;
mod words;

pub(crate) use hashes::PhaseHashes;
pub(crate) use play::{rotation_inventory, rotation_playbook};

use std::fmt::Write;
use std::sync::OnceLock;

use super::install::{fill, worded_parts};
use super::locations::{client_cert_dir, context_name, docker_host};
use crate::lang::Lang;
use crate::plan::{ClientSpec, ServerSpec};
use words::RotateMessage;

const SERVER_TEMPLATE: &str = include_str!("../templates/server-rotate.sh");
const CLIENT_TEMPLATE: &str = include_str!("../templates/client-rotate.sh");
const STEPS: &str = include_str!("../templates/rotate-steps.sh");

/// The two templates put together and worded in one language.
struct Worded {
    server: String,
    client: String,
}

fn worded(lang: Lang) -> &'static Worded {
    static EN: OnceLock<Worded> = OnceLock::new();
    static ZH: OnceLock<Worded> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    cell.get_or_init(|| {
        let ours: Vec<(String, &str)> = RotateMessage::ALL
            .iter()
            .map(|m| (m.placeholder(), m.text(lang)))
            .collect();
        let ours: Vec<(&str, &str)> = ours.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let word = |template: &str| {
            let with_steps = fill(template, &[("@PHASE_STEPS@\n", STEPS)]);
            fill(&worded_parts(&with_steps, lang), &ours)
        };
        Worded {
            server: word(SERVER_TEMPLATE),
            client: word(CLIENT_TEMPLATE),
        }
    })
}

/// The host's install.sh of a rotation bundle, its messages in `lang`.
/// Every value substituted was checked by the plan to need no shell quoting.
pub(crate) fn server_rotate_script(
    server: &ServerSpec,
    hashes: &PhaseHashes,
    lang: Lang,
) -> String {
    let values = hashes.values();
    let mut all: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    all.extend([
        ("@NAME@", server.name.as_str()),
        ("@VERSION@", crate::VERSION),
        ("@INSTALL_DIR@", server.install_dir.as_str()),
    ]);
    fill(&worded(lang).server, &all)
}

/// The client's install.sh of a rotation bundle, its messages in `lang`:
/// each phase also updates the docker context of each of `servers`, if
/// docker-context.sh made it.
pub(crate) fn client_rotate_script(
    client: &ClientSpec,
    servers: &[ServerSpec],
    hashes: &PhaseHashes,
    lang: Lang,
) -> String {
    let mut contexts = String::new();
    for server in servers {
        let _ = writeln!(
            contexts,
            "    context {} {}",
            context_name(server),
            docker_host(server)
        );
    }
    if servers.is_empty() {
        contexts.push_str("    :\n");
    }
    let dir = client_cert_dir(client);
    let values = hashes.values();
    let mut all: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    all.extend([
        ("@NAME@", client.name.as_str()),
        ("@VERSION@", crate::VERSION),
        ("@CERT_DIR@", dir.as_str()),
        ("@CONTEXTS@\n", contexts.as_str()),
    ]);
    fill(&worded(lang).client, &all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    /// Distinct hashes of every file a phase checks or installs.
    pub(super) fn hashes() -> PhaseHashes {
        PhaseHashes {
            ca_old: Some([1; 32]),
            ca_both: [2; 32],
            ca_new: [3; 32],
            cert_old: None,
            cert_new: [5; 32],
            key_old: Some([6; 32]),
            key_new: [7; 32],
        }
    }

    #[test]
    fn every_placeholder_is_filled_and_the_hashes_are_in_place() {
        let host = server("docker1", &["docker1", "10.0.0.5"]);
        let client = ClientSpec {
            name: "alice".into(),
        };
        for lang in [Lang::En, Lang::Zh] {
            for script in [
                server_rotate_script(&host, &hashes(), lang),
                client_rotate_script(&client, std::slice::from_ref(&host), &hashes(), lang),
            ] {
                assert!(script.starts_with("#!/bin/sh\n"));
                for left in [
                    "@rot:",
                    "@say:",
                    "@CA_",
                    "@CERT_",
                    "@KEY_",
                    "@NAME@",
                    "@PHASE_STEPS@",
                    "@SAFE_WRITE@",
                    "@CONTEXTS@",
                    "@INSTALL_DIR@",
                ] {
                    assert!(!script.contains(left), "{left} left in {lang:?}");
                }
                assert!(script.contains(&format!("CA_OLD='{}'\n", "01".repeat(32))));
                assert!(
                    script.contains("CERT_OLD=''\n"),
                    "no old certificate: not checked"
                );
                assert!(script.contains(&format!("KEY_NEW='{}'\n", "07".repeat(32))));
            }
        }
        let client_script =
            client_rotate_script(&client, std::slice::from_ref(&host), &hashes(), Lang::En);
        assert!(client_script.contains("    context docker1 tcp://docker1:2376\n"));
        assert!(client_script.contains("DIR=\"$HOME/.docker/dockcert/alice\"\n"));
    }
}
