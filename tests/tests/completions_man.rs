//! `dockcert completions` and `dockcert man`, loaded by the real shells and
//! rendered by the real man(1): a subcommand and a flag complete, and the
//! manual page names every subcommand and flag without a roff warning.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::process::Command;

use dockcert_tests::{dockcert, dockcert_bin, new_dir, require_tool, run};

#[test]
fn bash_completes_a_subcommand_and_a_flag() {
    require_tool("bash");
    let bin = dockcert_bin().display();
    let script = format!(
        "set -e\n\
         source <(\"{bin}\" completions bash)\n\
         complete -p dockcert\n\
         complete_line() {{\n\
         \x20   COMP_LINE=\"$1\"; COMP_POINT=${{#COMP_LINE}}\n\
         \x20   read -r -a COMP_WORDS <<< \"$COMP_LINE\"\n\
         \x20   COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n\
         \x20   COMPREPLY=()\n\
         \x20   _dockcert dockcert \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         \x20   printf '%s|' \"${{COMPREPLY[@]}}\"; echo\n\
         }}\n\
         complete_line 'dockcert ne'\n\
         complete_line 'dockcert new --passphrase-f'\n\
         complete_line 'dockcert inspect --ex'\n"
    );
    let out = run(Command::new("bash").args(["--norc", "-c", &script])).ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].contains("-F _dockcert") && lines[0].ends_with(" dockcert"),
        "{}",
        out.all()
    );
    assert_eq!(lines[1], "new|", "{}", out.all());
    assert_eq!(lines[2], "--passphrase-file|", "{}", out.all());
    assert_eq!(lines[3], "--explain|", "{}", out.all());
}

#[test]
fn fish_completes_a_subcommand_and_a_flag() {
    require_tool("fish");
    // Load the script and ask fish what it would complete at the prompt.
    let bin = dockcert_bin().display().to_string();
    let tmp = new_dir("dockcert-fish-");
    let path = tmp.path().join("dockcert.fish");
    fs::write(
        &path,
        run(Command::new(&bin).args(["completions", "fish"]))
            .ok()
            .stdout,
    )
    .unwrap();
    let out = run(Command::new("fish").args([
        "--no-config",
        "-c",
        &format!(
            "source {}; complete -C'dockcert ne'; echo ---; complete -C'dockcert renew --ca-'",
            path.display()
        ),
    ]))
    .ok();
    let (subs, flags) = out.stdout.split_once("---\n").unwrap();
    assert!(
        subs.lines().any(|l| l.starts_with("new\t")),
        "{}",
        out.all()
    );
    assert!(
        flags.lines().any(|l| l.starts_with("--ca-cert")),
        "{}",
        out.all()
    );
    assert!(
        flags.lines().any(|l| l.starts_with("--ca-key")),
        "{}",
        out.all()
    );
}

#[test]
fn zsh_loads_the_completion_function() {
    require_tool("zsh");
    let tmp = new_dir("dockcert-zsh-");
    let script = run(Command::new(dockcert_bin()).args(["completions", "zsh"]))
        .ok()
        .stdout;
    assert!(script.starts_with("#compdef dockcert"), "{script}");
    fs::write(tmp.path().join("_dockcert"), &script).unwrap();
    // As a user installs it: the file in a folder on fpath, then compinit.
    let out = run(Command::new("zsh").args([
        "-f",
        "-c",
        &format!(
            "fpath=({} $fpath); autoload -U compinit; compinit -u -d {}/zcompdump; \
             autoload -U +X _dockcert && whence -w _dockcert && print ${{_comps[dockcert]}}",
            tmp.path().display(),
            tmp.path().display()
        ),
    ]))
    .ok();
    assert_eq!(
        out.stdout,
        "_dockcert: function\n_dockcert\n",
        "{}",
        out.all()
    );
}

#[test]
fn man_renders_every_subcommand_and_flag_without_a_warning() {
    require_tool("man");
    require_tool("groff");
    let tmp = new_dir("dockcert-man-");
    let page = dockcert(tmp.path(), &["man"]).ok().stdout;
    let file = tmp.path().join("dockcert.1");
    fs::write(&file, &page).unwrap();
    let warnings = run(Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&file))
    .ok();
    assert_eq!(warnings.stderr, "", "groff warned about the page");
    let shown = run(Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat"))
    .ok()
    .stdout;
    for section in [
        "NAME",
        "SYNOPSIS",
        "DOCKCERT NEW",
        "DOCKCERT ISSUE",
        "DOCKCERT RENEW",
        "DOCKCERT INSPECT",
        "DOCKCERT COMPLETIONS",
        "DOCKCERT MAN",
    ] {
        assert!(
            shown.lines().any(|l| l.trim() == section),
            "no section {section} in:\n{shown}"
        );
    }
    for flag in [
        "--server",
        "--passphrase-file",
        "--ca-cert",
        "--explain",
        "--no-passphrase",
    ] {
        assert!(
            shown.contains(flag),
            "{flag} is not in the manual page:\n{shown}"
        );
    }
    // Examples survive roff: a line that starts with a dot or holds a backslash.
    assert!(
        shown.contains("dockcert new --server docker1.example.com,10.0.0.5 --client alice \\"),
        "{shown}"
    );
}
