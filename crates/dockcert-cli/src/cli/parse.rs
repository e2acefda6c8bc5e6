//! Reading the command line in the run's language: clap's `--help` and its
//! usage errors in Chinese when the language is Chinese (its English words,
//! byte for byte, otherwise).

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};
use dockcert_core::Lang;

use super::{usage_error, words, Cli};

/// The command line `args` as dockcert's commands, or the exit status after
/// clap has printed help, the version or a usage error (2) in `lang`.
pub(crate) fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, ExitCode> {
    let mut command = match lang {
        Lang::En => Cli::command(),
        Lang::Zh => words::chinese(Cli::command()),
    };
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    parsed.map_err(|e| {
        let e = e.format(&mut command);
        let worded = matches!(lang, Lang::Zh)
            && !matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            );
        if worded {
            eprint!("{}", usage_error::chinese(&e));
        } else {
            // Help and the version on stdout, errors on stderr, as clap does.
            let _ = e.print();
        }
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
    })
}
