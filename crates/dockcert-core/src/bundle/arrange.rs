//! How a bundle is laid out: the one choice both faces offer (`--layout`,
//! and the page's layout select), decided here so that a bundle from either
//! is the same. Standard is a folder per host and per client with their
//! install scripts; dind is the tree the docker:dind image reads under
//! DOCKER_TLS_CERTDIR ([`super::dind`]).

use super::contents::Bundle;
use super::contents::CaSource;
use super::dind;
use super::error::BundleError;
use super::layout::FileKind;
use super::steps::NextSteps;
use crate::plan::Plan;

/// How a bundle is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A folder per host and per client, with their install scripts.
    #[default]
    Standard,
    /// The docker:dind image's DOCKER_TLS_CERTDIR tree, with compose.yaml
    /// and a GitLab CI job; one host and one client.
    Dind,
}

impl Layout {
    /// Every layout, in the order the page offers them.
    pub const ALL: [Layout; 2] = [Layout::Standard, Layout::Dind];

    /// Its name, as `--layout` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Standard => "standard",
            Layout::Dind => "dind",
        }
    }

    /// The layout named `name` (as [`Layout::as_str`] gives it).
    pub fn from_name(name: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// Whether `plan` fits this layout (dind: one host and one client).
    /// Checked before any key is made.
    pub fn check(self, plan: &Plan) -> Result<(), BundleError> {
        match self {
            Layout::Standard => Ok(()),
            Layout::Dind => dind::check(plan),
        }
    }

    /// `bundle`, as [`super::build`] made it, laid out this way.
    pub fn arrange(self, bundle: Bundle) -> Result<Bundle, BundleError> {
        match self {
            Layout::Standard => Ok(bundle),
            Layout::Dind => dind::rearranged(bundle),
        }
    }
}

/// What a bundle's layout decides, asked of the bundle once for both faces.
impl Bundle {
    /// How it is laid out: dind if it holds dind's compose.yaml.
    pub fn layout(&self) -> Layout {
        match self.files().iter().any(|f| f.kind == FileKind::DindCompose) {
            true => Layout::Dind,
            false => Layout::Standard,
        }
    }

    /// What to run next on each host and each client, from its folder;
    /// none for a dind tree, which has no host or client folders.
    pub fn next_steps(&self) -> NextSteps {
        match self.layout() {
            Layout::Standard => {
                NextSteps::for_plan(&self.plan, self.ca_source == CaSource::Existing)
            }
            Layout::Dind => NextSteps::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::archive::ZipSink;
    use crate::bundle::tests_support::{now, plain, plain_to};
    use crate::bundle::FilesTo;
    use crate::plan::PlanRequest;

    #[test]
    fn names_are_the_flag_values() {
        for layout in Layout::ALL {
            assert_eq!(Layout::from_name(layout.as_str()), Some(layout));
        }
        assert_eq!(Layout::from_name("compose"), None);
        assert_eq!(Layout::default(), Layout::Standard);
    }

    #[test]
    fn a_bundle_says_how_it_is_laid_out() {
        let request = PlanRequest {
            servers: vec!["docker1.example.com".into()],
            clients: vec!["ci".into()],
            ..PlanRequest::default()
        };
        let standard = Layout::Standard.arrange(plain(&request)).unwrap();
        assert_eq!(standard.layout(), Layout::Standard);
        let dind = Layout::Dind.arrange(standard).unwrap();
        assert_eq!(dind.layout(), Layout::Dind);
    }

    /// A bundle as the CLI holds it: its files went to a zip as they were
    /// made, and only their facts were kept.
    fn streamed(request: &PlanRequest) -> Bundle {
        let mut zip = ZipSink::new(std::io::sink(), "t", now()).unwrap();
        plain_to(request, FilesTo::Sink(&mut zip))
    }

    #[test]
    fn a_bundle_says_what_to_run_and_in_which_folder_of_it() {
        let request = PlanRequest {
            servers: vec!["docker1.example.com,10.0.0.5".into(), "docker2".into()],
            clients: vec!["alice".into()],
            ..PlanRequest::default()
        };
        let (held, streamed) = (plain(&request), streamed(&request));
        let steps = streamed.next_steps();
        assert_eq!(steps, held.next_steps(), "the page's and the CLI's are one");
        assert_eq!(streamed.layout(), Layout::Standard);
        let folders: Vec<(&str, &str)> = (steps.servers.iter().chain(&steps.clients))
            .map(|s| (s.name.as_str(), s.folder.as_str()))
            .collect();
        assert_eq!(
            folders,
            [
                ("docker1.example.com", "server/docker1.example.com/"),
                ("docker2", "server/docker2/"),
                ("alice", "client/alice/"),
            ]
        );
        // Each folder holds the install.sh its commands start with.
        for s in steps.servers.iter().chain(&steps.clients) {
            let script = format!("{}install.sh", s.folder);
            assert!(streamed.file(&script).is_some(), "{script}");
            assert!(s.commands[0].contains("/install.sh"), "{:?}", s.commands);
        }
        assert_eq!(steps.servers[1].commands, steps.servers[0].commands);
        assert_eq!(
            steps.clients[0].commands[2],
            "docker --context docker1.example.com version"
        );
    }

    #[test]
    fn a_dind_tree_has_no_host_or_client_folder_and_no_steps_for_one() {
        let one = PlanRequest {
            servers: vec!["docker1.example.com".into()],
            clients: vec!["ci".into()],
            ..PlanRequest::default()
        };
        let dind = Layout::Dind.arrange(plain(&one)).unwrap();
        assert_eq!(dind.layout(), Layout::Dind);
        assert_eq!(dind.next_steps(), NextSteps::default());
        assert!(dind
            .files()
            .iter()
            .all(|f| !f.path.starts_with("server/") && !f.path.starts_with("client/")));
        // What went to a sink is not held: it cannot be laid out again.
        assert_eq!(
            Layout::Dind.arrange(streamed(&one)).unwrap_err(),
            BundleError::FilesNotHeld
        );
    }
}
