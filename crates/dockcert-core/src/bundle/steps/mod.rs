//! What to run after making a bundle, per host and per client, and from an
//! existing CA on the clients it already has: one list that README.txt, the
//! CLI's summary and the page all show. What is said around the commands is
//! typed (`note.rs`), worded by `en.rs` and `zh.rs`.

mod en;
mod note;
mod zh;

pub use self::note::StepNote;
use super::layout::Folder;
use crate::docker;
use crate::lang::{Lang, Localized};
use crate::plan::{ClientSpec, Plan, ServerSpec};

/// Stands for an existing client's name in the commands for the clients a
/// CA already has: the bundle does not know their names.
pub const EXISTING_CLIENT: &str = "CLIENT";

/// The commands that follow making a bundle, shared by README.txt, the CLI's
/// summary and the page. Empty (the default) for a dind tree, which has no
/// host or client folders ([`super::Bundle::next_steps`] says which).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NextSteps {
    /// Per host: the commands to run there, from its folder.
    pub servers: Vec<Steps>,
    /// Per client: the commands to run there, from its folder.
    pub clients: Vec<Steps>,
    /// From an existing CA, with hosts: what each client that already has a
    /// certificate from it runs to reach them, with the files it has (none
    /// from a new CA, whose clients are all in the bundle).
    pub existing_clients: Vec<Note>,
}

/// What to run on one host or client machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Steps {
    /// The host's or client's name.
    pub name: String,
    /// Its folder in the bundle (`server/NAME/`, `client/NAME/`), copied to
    /// the machine and run from.
    pub folder: String,
    /// The commands, in order.
    pub commands: Vec<String>,
    /// What to know with them, each with its own commands: on a host, the
    /// restart and live-restore, and the port to open; on a client, what a
    /// failed check means.
    pub notes: Vec<Note>,
}

/// A sentence and the commands it introduces (perhaps none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// What is said, in the reader's language.
    pub says: StepNote,
    /// The commands, each copied as it is.
    pub commands: Vec<String>,
}

impl Localized for StepNote {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::text(self),
            Lang::Zh => zh::text(self),
        }
    }
}

impl NextSteps {
    /// The steps for a bundle made from `plan` in the standard layout;
    /// `existing_ca` when it was signed by a CA made before it.
    pub(crate) fn for_plan(plan: &Plan, existing_ca: bool) -> Self {
        let servers = plan
            .servers
            .iter()
            .map(|s| Steps {
                name: s.name.clone(),
                folder: Folder::Server(s.name.clone()).path(),
                commands: host_commands(),
                notes: host_notes(s),
            })
            .collect();
        let clients = plan
            .clients
            .iter()
            .map(|c| {
                let commands = match plan.servers.first().map(docker::context_name) {
                    Some(first) => vec![
                        "./install.sh".to_owned(),
                        "./docker-context.sh".to_owned(),
                        format!("docker --context {first} version"),
                    ],
                    None => vec![
                        "./install.sh".to_owned(),
                        "./docker-context.sh YOUR-HOST:2376".to_owned(),
                        "docker --context YOUR-HOST version".to_owned(),
                    ],
                };
                Steps {
                    name: c.name.clone(),
                    folder: Folder::Client(c.name.clone()).path(),
                    commands,
                    notes: vec![check_fails()],
                }
            })
            .collect();
        let existing_clients = if existing_ca {
            existing_clients(plan)
        } else {
            Vec::new()
        };
        NextSteps {
            servers,
            clients,
            existing_clients,
        }
    }
}

/// What every host runs, the path a rotation's phase takes (issue 26):
/// install, then reload dockerd, which takes live-restore from daemon.json
/// without stopping anything, check that it did, and only then restart it
/// to read the new TLS files (the containers keep running); then the expiry
/// check's timer. The unit files are read again first, so that systemctl
/// reloads without a warning about the drop-in install.sh just wrote.
fn host_commands() -> Vec<String> {
    [
        "sudo ./install.sh --live-restore --expiry-check",
        "sudo systemctl daemon-reload && sudo systemctl reload docker",
        LIVE_RESTORE_CHECK,
        "sudo systemctl restart docker",
        "sudo systemctl enable --now dockcert-expiry.timer",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Says `true` once the running dockerd has live-restore on.
const LIVE_RESTORE_CHECK: &str = "sudo docker info --format '{{.LiveRestoreEnabled}}'";

/// For the clients an existing CA already has: a context for each of the
/// plan's hosts from the files the earlier bundle's install.sh put in
/// place, and docker-context.sh given those hosts instead (which names a
/// context as the address it dials: a host's name, never an IPv6 address,
/// whose brackets docker would refuse). None without hosts.
fn existing_clients(plan: &Plan) -> Vec<Note> {
    if plan.servers.is_empty() {
        return Vec::new();
    }
    let client = ClientSpec {
        name: EXISTING_CLIENT.to_owned(),
    };
    let cert_dir = docker::client_cert_dir(&client);
    let mut commands: Vec<String> = plan
        .servers
        .iter()
        .map(|s| docker::context_create_command(&client, s, &cert_dir, plan.lang))
        .collect();
    commands.extend(
        plan.servers
            .iter()
            .map(|s| format!("docker --context {} version", docker::context_name(s))),
    );
    let targets: Vec<String> = plan
        .servers
        .iter()
        .map(|s| format!("{}:{}", docker::dial_name(s), s.listen.port))
        .collect();
    vec![
        Note {
            says: StepNote::ExistingClients { cert_dir },
            commands,
        },
        Note {
            says: StepNote::ExistingClientsScript,
            commands: vec![format!("./docker-context.sh {}", targets.join(" "))],
        },
        check_fails(),
    ]
}

/// What a host's steps say beside its commands: the restart and
/// live-restore; the port to open, with the rules `--allow-from` made for
/// firewalld (the same rich rules as its firewall/firewalld.sh) and
/// nftables, or without them a note to use it; the expiry check.
fn host_notes(server: &ServerSpec) -> Vec<Note> {
    let mut notes = port_notes(server);
    // Second, after live-restore: both are every host's, and a face shows
    // the notes all hosts share before each host's own.
    notes.insert(
        1,
        Note {
            says: StepNote::ExpiryCheck,
            commands: vec![
                "systemctl list-timers dockcert-expiry.timer".to_owned(),
                "journalctl -t dockcert".to_owned(),
            ],
        },
    );
    notes
}

/// The restart and live-restore, and the port to open.
fn port_notes(server: &ServerSpec) -> Vec<Note> {
    let port = server.listen.port;
    let mut notes = vec![Note {
        says: StepNote::LiveRestore,
        commands: Vec::new(),
    }];
    if server.allow_from.is_empty() {
        notes.push(Note {
            says: StepNote::OpenPort { port },
            commands: vec![format!(
                "sudo firewall-cmd --permanent --add-port={port}/tcp && sudo firewall-cmd --reload"
            )],
        });
        return notes;
    }
    let nets: Vec<String> = server.allow_from.iter().map(ToString::to_string).collect();
    let mut rules: Vec<String> = server
        .allow_from
        .iter()
        .map(|net| {
            format!(
                "sudo firewall-cmd --permanent --add-rich-rule='{}'",
                docker::firewall::rich_rule(net, port)
            )
        })
        .collect();
    rules.push("sudo firewall-cmd --reload".to_owned());
    notes.push(Note {
        says: StepNote::FirewalldRules {
            port,
            nets: nets.join(", "),
        },
        commands: rules,
    });
    notes.push(Note {
        says: StepNote::NftablesRules,
        commands: vec!["sudo nft -f firewall/nftables.conf".to_owned()],
    });
    notes
}

/// What a failed `docker ... version` means, after a client's check.
fn check_fails() -> Note {
    Note {
        says: StepNote::CheckFails,
        commands: Vec::new(),
    }
}

/// Each note of `steps` once, in order, with the names of the ones that
/// have it: README.txt and the summary say a note the hosts share once.
pub fn shared_notes(steps: &[Steps]) -> Vec<(Vec<&str>, &Note)> {
    let mut shared: Vec<(Vec<&str>, &Note)> = Vec::new();
    for step in steps {
        for note in &step.notes {
            match shared.iter_mut().find(|(_, n)| *n == note) {
                Some((names, _)) => names.push(&step.name),
                None => shared.push((vec![&step.name], note)),
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{PlanRequest, Purpose};

    fn plan(servers: &[&str], clients: &[&str], purpose: Purpose) -> Plan {
        let request = PlanRequest {
            servers: servers.iter().map(|s| (*s).into()).collect(),
            clients: clients.iter().map(|c| (*c).to_string()).collect(),
            purpose,
            ..PlanRequest::default()
        };
        Plan::from_request(&request, time::macros::date!(2026 - 12 - 01)).unwrap()
    }

    #[test]
    fn an_existing_cas_clients_reach_the_new_hosts_with_the_files_they_have() {
        let plan = plan(
            &["docker4,10.0.0.4", "docker5,fd00::5"],
            &[],
            Purpose::ExistingCa,
        );
        let steps = NextSteps::for_plan(&plan, true);
        assert!(steps.clients.is_empty());
        let [first, script, fails] = &steps.existing_clients[..] else {
            panic!("{:?}", steps.existing_clients);
        };
        let dir = "$HOME/.docker/dockcert/CLIENT";
        assert_eq!(
            first.says,
            StepNote::ExistingClients {
                cert_dir: dir.into()
            }
        );
        assert_eq!(first.commands.len(), 4);
        assert!(first.commands[0].starts_with("docker context create docker4 "));
        assert!(first.commands[0].ends_with(&format!(
            "--docker \"host=tcp://docker4:2376,ca={dir}/ca.pem,cert={dir}/cert.pem,key={dir}/key.pem\""
        )));
        assert!(first.commands[1].contains("host=tcp://docker5:2376,"));
        assert_eq!(first.commands[2], "docker --context docker4 version");
        assert_eq!(
            script.commands,
            ["./docker-context.sh docker4:2376 docker5:2376"]
        );
        assert_eq!(fails, &check_fails());
        for lang in [Lang::En, Lang::Zh] {
            assert!(first.says.text(lang).contains(dir));
        }
    }

    #[test]
    fn a_new_ca_or_a_bundle_without_hosts_has_no_steps_for_existing_clients() {
        let new = plan(&["docker1"], &["alice"], Purpose::NewCa);
        assert!(NextSteps::for_plan(&new, false).existing_clients.is_empty());
        let clients_only = plan(&[], &["bob"], Purpose::ExistingCa);
        assert!(NextSteps::for_plan(&clients_only, true)
            .existing_clients
            .is_empty());
    }

    #[test]
    fn a_hosts_steps_set_live_restore_and_open_its_port_and_a_clients_say_what_a_failed_check_means(
    ) {
        let mut fenced = plan(&["docker1,10.0.0.1", "docker2"], &["alice"], Purpose::NewCa);
        fenced.servers[0].allow_from = ["10.0.0.0/8", "fd00::/64"]
            .map(|n| crate::plan::Cidr::parse(n).unwrap())
            .to_vec();
        fenced.servers[1].listen.port = 2377;
        let steps = NextSteps::for_plan(&fenced, false);
        let (first, second) = (&steps.servers[0], &steps.servers[1]);
        // A rotation's path: live-restore merged, taken by a reload, checked,
        // and only then the restart that reads the new files.
        assert_eq!(
            first.commands,
            [
                "sudo ./install.sh --live-restore --expiry-check",
                "sudo systemctl daemon-reload && sudo systemctl reload docker",
                "sudo docker info --format '{{.LiveRestoreEnabled}}'",
                "sudo systemctl restart docker",
                "sudo systemctl enable --now dockcert-expiry.timer",
            ]
        );
        assert_eq!(second.commands, first.commands);
        assert!(first.notes[0].commands.is_empty());
        let says: Vec<&StepNote> = first.notes.iter().map(|n| &n.says).collect();
        assert_eq!(
            says,
            [
                &StepNote::LiveRestore,
                &StepNote::ExpiryCheck,
                &StepNote::FirewalldRules {
                    port: 2376,
                    nets: "10.0.0.0/8, fd00::/64".into()
                },
                &StepNote::NftablesRules,
            ]
        );
        // The rich rules are firewall/firewalld.sh's own.
        let script = docker::firewall::firewalld(&fenced.servers[0], Lang::En).unwrap();
        for rule in &first.notes[2].commands[..2] {
            let rule = rule.strip_prefix("sudo firewall-cmd --permanent ").unwrap();
            assert!(
                script.contains(&format!("--zone=\"$ZONE\" {rule}\n")),
                "{rule}"
            );
        }
        assert_eq!(first.notes[2].commands[2], "sudo firewall-cmd --reload");
        assert_eq!(
            first.notes[3].commands,
            ["sudo nft -f firewall/nftables.conf"]
        );
        // Without --allow-from: the port opened in firewalld, and --allow-from named.
        assert_eq!(second.notes[2].says, StepNote::OpenPort { port: 2377 });
        assert_eq!(
            second.notes[2].commands,
            ["sudo firewall-cmd --permanent --add-port=2377/tcp && sudo firewall-cmd --reload"]
        );
        for lang in [Lang::En, Lang::Zh] {
            assert!(second.notes[2].says.text(lang).contains("--allow-from"));
            assert!(StepNote::ExpiryCheck.text(lang).contains("--expiry-check"));
            let live = StepNote::LiveRestore.text(lang);
            for named in ["--live-restore", "`systemctl reload docker`", "-H fd://"] {
                assert!(live.contains(named), "{named}: {live}");
            }
            let fails = StepNote::CheckFails.text(lang);
            for docker_says in [
                "\"Cannot connect to the Docker daemon at tcp://",
                "no route to host",
                "x509: ",
            ] {
                assert!(fails.contains(docker_says), "{docker_says}: {fails}");
            }
        }
        // The live-restore and expiry notes are the hosts' shared notes; the
        // ports differ.
        let shared = shared_notes(&steps.servers);
        let both: Vec<&StepNote> = shared
            .iter()
            .filter(|(names, _)| names.len() == 2)
            .map(|(_, note)| &note.says)
            .collect();
        assert_eq!(both, [&StepNote::LiveRestore, &StepNote::ExpiryCheck]);
        assert_eq!(steps.clients[0].notes, [check_fails()]);
    }
}
