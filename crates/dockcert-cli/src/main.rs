//! dockcert: the whole TLS bundle for a Docker daemon's remote API.
//!
//! Exit status: 0 done; 1 the bundle could not be made or written (for
//! `inspect`: problems were found; for `probe`: a finding); 2 an input was refused (clap's own usage
//! errors use 2 as well).

#![forbid(unsafe_code)]

mod background;
mod ca_files;
mod cli;
mod completions;
mod docker_env;
mod expiry;
mod explain;
mod failure;
mod gather;
#[cfg(test)]
mod golden;
mod inspect;
mod inventory;
mod issue;
mod keygen;
mod language;
mod make;
mod new;
mod output;
mod passphrase;
mod probe;
mod problem;
mod progress;
mod read;
mod renew;
mod report;
mod rotate;
mod writer;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Known before clap reads the line, so its own words follow it too.
    let lang = language::before_parse(&args);
    let cli = match cli::parse::parse(args, lang) {
        Ok(cli) => cli,
        Err(status) => return status,
    };
    // Once clap has read the line, its --lang is the one the command
    // speaks in (the scan above may have taken another flag's value,
    // `--ca-name --lang=zh`, for one): its errors speak it too.
    let lang = language::chosen(cli.command.lang());
    let result = match cli.command {
        cli::Command::New(args) => new::run(&args).map(|()| ExitCode::SUCCESS),
        cli::Command::Issue(args) => issue::run(&args).map(|()| ExitCode::SUCCESS),
        cli::Command::Renew(args) => renew::run(&args).map(|()| ExitCode::SUCCESS),
        cli::Command::Rotate(args) => rotate::run(&args).map(|()| ExitCode::SUCCESS),
        cli::Command::Inspect(args) => inspect::run(&args),
        cli::Command::Expiry(args) => expiry::run(&args),
        cli::Command::Probe(args) => probe::run(&args),
        cli::Command::Completions(args) => completions::shell(args.shell),
        cli::Command::Man => completions::man(),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            for line in failure.text(lang).lines() {
                // Messages echo what was given: each value was made safe
                // where it was put in; this guards each line from what was
                // missed, and every line says it is dockcert's.
                eprintln!("dockcert: {}", dockcert_core::show::safe(line));
            }
            failure.exit_code()
        }
    }
}
