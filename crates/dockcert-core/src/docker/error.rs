//! What can go wrong writing a Docker file.

use crate::lang::{localized_error, Lang, Localized};

/// A Docker file could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DockerError {
    /// A JSON file could not be serialised.
    Json {
        /// Which file.
        file: &'static str,
        /// What serde_json said.
        reason: String,
    },
}

impl Localized for DockerError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Json { file, reason }, Lang::En) => format!("could not write {file}: {reason}"),
            (Self::Json { file, reason }, Lang::Zh) => format!("无法写入 {file}：{reason}"),
        }
    }
}

localized_error!(DockerError);
