//! How the binary reports a failure: typed messages, worded in the run's
//! language when shown, and a documented exit status.

use std::fmt;
use std::process::ExitCode;

use dockcert_core::{Lang, Localized};

/// A message to show: the core's typed error or the CLI's own
/// [`crate::problem::Problem`].
pub(crate) type Message = Box<dyn Localized + Send>;

/// Why dockcert stopped.
pub(crate) enum Failure {
    /// An input was refused (exit status 2). Each line names the flag, echoes
    /// the value and says what is allowed.
    Input(Message),
    /// The bundle could not be made or written (exit status 1).
    Run(Message),
}

impl Failure {
    /// A refused input.
    pub(crate) fn input(said: impl Localized + Send + 'static) -> Self {
        Failure::Input(Box::new(said))
    }

    /// A failure while making or writing.
    pub(crate) fn run(said: impl Localized + Send + 'static) -> Self {
        Failure::Run(Box::new(said))
    }

    /// The exit status.
    pub(crate) fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Input(_) => ExitCode::from(2),
            Failure::Run(_) => ExitCode::from(1),
        }
    }

    /// The message in `lang`.
    pub(crate) fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Input(said) | Failure::Run(said) => said.text(lang),
        }
    }
}

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            Failure::Input(_) => "Input",
            Failure::Run(_) => "Run",
        };
        write!(f, "{kind}({:?})", self.text(Lang::En))
    }
}

/// Several messages, one a line (renew's refused names and settings).
pub(crate) struct Lines(pub Vec<Message>);

impl Localized for Lines {
    fn text(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|said| said.text(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// An I/O error's reason, without Rust's "(os error N)" suffix.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}
