//! What to run after making a bundle, per host and per client: one list that
//! README.txt, the CLI's summary and the page all show.

use crate::docker;
use crate::plan::Plan;

/// The commands that follow making a bundle, shared by README.txt, the CLI's
/// summary and the page. Empty (the default) for a dind tree, which has no
/// host or client folders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NextSteps {
    /// Per host: its name and the commands to run there, from its folder.
    pub servers: Vec<(String, Vec<String>)>,
    /// Per client: its name and the commands to run there, from its folder.
    pub clients: Vec<(String, Vec<String>)>,
}

impl NextSteps {
    /// The steps for a bundle made from `plan`.
    pub fn for_plan(plan: &Plan) -> Self {
        let servers = plan
            .servers
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    vec![
                        "sudo ./install.sh".to_owned(),
                        "sudo systemctl daemon-reload && sudo systemctl restart docker".to_owned(),
                    ],
                )
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
                (c.name.clone(), commands)
            })
            .collect();
        NextSteps { servers, clients }
    }
}
