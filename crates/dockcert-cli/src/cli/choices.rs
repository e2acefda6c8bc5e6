//! The values some flags choose from (a shell, a language, a layout), as
//! clap offers them.

use clap::Args;

/// The shell to complete in.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// bash, zsh or fish.
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

/// The shells dockcert writes completions for.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum CompletionShell {
    /// GNU bash (with the bash-completion package).
    Bash,
    /// zsh.
    Zsh,
    /// fish.
    Fish,
}

/// The languages a bundle's text comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum BundleLang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

/// How a bundle is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Layout {
    /// A folder per host and per client, with their install scripts.
    Standard,
    /// The docker:dind image's DOCKER_TLS_CERTDIR tree.
    Dind,
}
