//! How a bundle is laid out: the one choice both faces offer (`--layout`,
//! and the page's layout select), decided here so that a bundle from either
//! is the same. Standard is a folder per host and per client with their
//! install scripts; dind is the tree the docker:dind image reads under
//! DOCKER_TLS_CERTDIR ([`super::dind`]).

use super::contents::Bundle;
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
            Layout::Standard => NextSteps::for_plan(&self.plan),
            Layout::Dind => NextSteps::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::tests_support::plain;
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
}
