//! The plan and its inputs: what the user asked for, checked once, in the
//! words of the CLI's flags. The CLI and the page both build a
//! [`PlanRequest`] from raw text (the CLI also from a [`fleet`] file) and call
//! [`Plan::from_request`], so they accept and refuse exactly the same inputs
//! with exactly the same messages.
//!
//! Uses [`crate::pki`] (key types, SANs). A new input is its row in
//! `settings.rs` (flag, fleet key, label, hint, help, its text's and its
//! checked value's types and its rule; `declare.rs` makes its storage and
//! checks from the row), its rule in `fields.rs` (or `names.rs` for names
//! and networks), and its mistakes in `input_problem.rs` and their words in `wording.rs`
//! (docs/ARCHITECTURE.md walks one setting through every file).

mod ca_end;
mod check;
mod checked;
mod declare;
mod error;
mod fields;
pub mod fleet;
mod hosts;
mod input_problem;
mod inputs;
mod lists;
pub mod names;
mod naming;
mod request;
mod settings;
mod spec;
mod subject;
mod wording;

pub use checked::{Plan, ServerSpec};
pub use error::{Field, FieldError, InputProblem, PlanErrors};
pub use fields::MAX_CA_NAME;
pub use inputs::{FleetKey, FleetValue, PlanRequest, ServerRequest, Setting};
pub(crate) use names::Cidr;
pub use request::{CaLifetime, Purpose, Renews};
pub use spec::{
    ClientSpec, KeySlot, Listen, MAX_ENTRIES, MAX_NETWORKS, MAX_SANS, MAX_SUBJECT_ORG,
    MAX_SUBJECT_UNIT,
};
pub use subject::{Attribute, SubjectProblem};

/// Hosts for the unit tests of the parts that read a plan.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::{names, Cidr, Listen, ServerSpec};

    /// A host listening on 0.0.0.0:2376 with its files in /etc/docker.
    pub(crate) fn server(name: &str, sans: &[&str]) -> ServerSpec {
        ServerSpec {
            name: name.into(),
            sans: sans.iter().map(|s| names::parse_san(s).unwrap()).collect(),
            listen: Listen {
                host: "0.0.0.0".into(),
                port: 2376,
            },
            install_dir: "/etc/docker".into(),
            allow_from: Vec::new(),
        }
    }

    /// The same, letting in `nets`.
    pub(crate) fn fenced(name: &str, nets: &[&str]) -> ServerSpec {
        ServerSpec {
            allow_from: nets.iter().map(|n| Cidr::parse(n).unwrap()).collect(),
            ..server(name, &[name])
        }
    }
}
