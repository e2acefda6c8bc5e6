//! What to run after making a bundle, per host and per client: one list that
//! README.txt, the CLI's summary and the page all show.

use super::layout::Folder;
use crate::docker;
use crate::plan::Plan;

/// The commands that follow making a bundle, shared by README.txt, the CLI's
/// summary and the page. Empty (the default) for a dind tree, which has no
/// host or client folders ([`super::Bundle::next_steps`] says which).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NextSteps {
    /// Per host: the commands to run there, from its folder.
    pub servers: Vec<Steps>,
    /// Per client: the commands to run there, from its folder.
    pub clients: Vec<Steps>,
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

impl NextSteps {
    /// The steps for a bundle made from `plan` in the standard layout.
    pub(crate) fn for_plan(plan: &Plan) -> Self {
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
        NextSteps { servers, clients }
    }
}
