//! dockcert: the whole TLS bundle for a Docker daemon's remote API.
//!
//! Exit status: 0 done; 1 the bundle could not be made or written; 2 an input
//! was refused (clap's own usage errors use 2 as well).

#![forbid(unsafe_code)]

mod cli;
mod failure;
mod keygen;
mod new;
mod output;
mod passphrase;
mod report;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::New(args) => new::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            for line in failure.message().lines() {
                eprintln!("dockcert: {line}");
            }
            failure.exit_code()
        }
    }
}
