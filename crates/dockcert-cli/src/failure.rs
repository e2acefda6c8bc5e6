//! How the binary reports a failure: a message and a documented exit status.

use std::process::ExitCode;

/// Why dockcert stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// An input was refused (exit status 2). Each line names the flag, echoes
    /// the value and says what is allowed.
    Input(String),
    /// The bundle could not be made or written (exit status 1).
    Run(String),
}

impl Failure {
    /// A refused input: its message as the core words it.
    pub(crate) fn input(message: impl ToString) -> Self {
        Failure::Input(message.to_string())
    }

    /// A failure while making or writing.
    pub(crate) fn run(message: impl ToString) -> Self {
        Failure::Run(message.to_string())
    }

    /// The exit status.
    pub(crate) fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Input(_) => ExitCode::from(2),
            Failure::Run(_) => ExitCode::from(1),
        }
    }

    /// The message.
    pub(crate) fn message(&self) -> &str {
        match self {
            Failure::Input(m) | Failure::Run(m) => m,
        }
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
