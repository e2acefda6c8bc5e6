//! What a shell and man(1) need to know about dockcert, made from the same
//! clap definition the program parses with, so they never disagree with it.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionShell};
use crate::failure::Failure;
use crate::problem::Problem;

/// Prints the completion script for `shell` on stdout.
pub(crate) fn shell(shell: CompletionShell) -> Result<ExitCode, Failure> {
    let shell = match shell {
        CompletionShell::Bash => clap_complete::Shell::Bash,
        CompletionShell::Zsh => clap_complete::Shell::Zsh,
        CompletionShell::Fish => clap_complete::Shell::Fish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "dockcert", &mut script);
    print(&script)
}

/// Prints the manual page, dockcert(1), in roff on stdout: the program's
/// synopsis and description, then a section per subcommand with its whole
/// `--help` (options and examples).
pub(crate) fn man() -> Result<ExitCode, Failure> {
    let mut command = Cli::command();
    command.build();
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    let failed = |e: std::io::Error| Failure::run(Problem::ManPage(e.to_string()));
    man.render_title(&mut page)
        .and_then(|()| man.render_name_section(&mut page))
        .and_then(|()| man.render_synopsis_section(&mut page))
        .and_then(|()| man.render_description_section(&mut page))
        .map_err(failed)?;
    // One page for everything: clap_mangen's subcommand list would point at
    // dockcert-new(1) and others, which are not installed.
    for sub in command
        .get_subcommands_mut()
        .filter(|sub| sub.get_name() != "help")
    {
        let help = sub.render_long_help().to_string();
        let title = format!("dockcert {}", sub.get_name()).to_uppercase();
        page.extend_from_slice(format!(".SH \"{title}\"\n.nf\n").as_bytes());
        for line in help.lines() {
            page.extend_from_slice(roff_line(line).as_bytes());
            page.push(b'\n');
        }
        page.extend_from_slice(b".fi\n");
    }
    man.render_version_section(&mut page).map_err(failed)?;
    print(&page)
}

/// `line` as literal text in roff: backslashes doubled, and a leading `.`
/// or `'` (a request) made plain with `\&`.
fn roff_line(line: &str) -> String {
    let text = line.replace('\\', "\\e");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}

fn print(bytes: &[u8]) -> Result<ExitCode, Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::run(Problem::Stdout(e.to_string())))?;
    Ok(ExitCode::SUCCESS)
}
