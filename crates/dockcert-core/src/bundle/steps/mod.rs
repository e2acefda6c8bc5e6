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
use crate::plan::{ClientSpec, Plan};

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
                commands: vec![
                    "sudo ./install.sh".to_owned(),
                    "sudo systemctl daemon-reload && sudo systemctl restart docker".to_owned(),
                ],
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
    ]
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
        let [first, script] = &steps.existing_clients[..] else {
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
}
