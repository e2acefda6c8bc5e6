//! The raw inputs, as text, exactly as the user typed them: what both faces
//! gather (the CLI from its flags and a fleet file, the page from its form)
//! and hand to [`super::Plan::from_request`].

use super::ca_end::CaLifetime;
use crate::lang::Lang;

/// The raw inputs. `None` means "not given, use the default"; `Some("")` is
/// an empty input and an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanRequest {
    /// One entry per `--server` (or `[[host]]` of a fleet file).
    pub servers: Vec<ServerRequest>,
    /// One entry per `--client`.
    pub clients: Vec<String>,
    /// `--key-type`.
    pub key_type: Option<String>,
    /// `--days`.
    pub days: Option<String>,
    /// `--ca-days`.
    pub ca_days: Option<String>,
    /// `--ca-name`.
    pub ca_name: Option<String>,
    /// `--listen`.
    pub listen: Option<String>,
    /// `--install-dir`.
    pub install_dir: Option<String>,
    /// `--allow-from`: the client networks the firewall rules let in.
    pub allow_from: Vec<String>,
    /// What the plan is for.
    pub purpose: Purpose,
    /// `--ansible`: add an Ansible inventory and playbook for the hosts.
    pub ansible: bool,
    /// `--lang` (the CLI), the page's language: README.txt's language.
    pub lang: Lang,
    /// From an existing CA: when it ends, so the days are fitted to it with
    /// every other input, before any key is made.
    pub ca_lifetime: Option<CaLifetime>,
}

/// What a plan is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Purpose {
    /// `dockcert new`: a new CA, at least one host, and a client named
    /// "client" when none is given.
    #[default]
    NewCa,
    /// `dockcert issue` and `renew`: certificates from an existing CA; hosts
    /// and clients as given, at least one of either.
    ExistingCa,
}

/// One host as asked for: `NAME[,SAN...]` and, from a fleet file, its own
/// settings, which win over the plan-wide ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerRequest {
    /// `NAME[,SAN...]`.
    pub spec: String,
    /// This host's own `listen`.
    pub listen: Option<String>,
    /// This host's own `install_dir`.
    pub install_dir: Option<String>,
    /// This host's own `allow_from` (replaces the plan-wide list).
    pub allow_from: Option<Vec<String>>,
}

impl From<&str> for ServerRequest {
    fn from(spec: &str) -> Self {
        ServerRequest {
            spec: spec.to_owned(),
            ..ServerRequest::default()
        }
    }
}

impl From<String> for ServerRequest {
    fn from(spec: String) -> Self {
        ServerRequest {
            spec,
            ..ServerRequest::default()
        }
    }
}
