//! How bad a finding is.

use serde::Serialize;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Works, but watch it.
    Warning,
    /// docker or dockerd will fail, or the setup is unsafe.
    Error,
}
