//! Running commands from tasks: echo them, stream their output, fail with
//! the command in the message.

use std::borrow::BorrowMut;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(|p| p.parent())
        .map(PathBuf::from)
        .unwrap_or(manifest)
}

/// A command starting in the workspace root.
pub(crate) fn command(program: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(root());
    cmd
}

/// Runs `cmd`, showing it and its output; an error if it fails.
pub(crate) fn run(mut cmd: impl BorrowMut<Command>) -> Result<(), String> {
    let cmd = cmd.borrow_mut();
    let shown = show(cmd);
    eprintln!("\n$ {shown}");
    let status = cmd
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs `cmd` quietly and returns its standard output, or `None` if it
/// could not run or failed.
pub(crate) fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether `program` runs.
pub(crate) fn has(program: &str, version_arg: &str) -> bool {
    output(Command::new(program).arg(version_arg)).is_some()
}

fn show(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Whether this process runs as root.
pub(crate) fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// Builds the debug `dockcert` (what the tests and the fuzz seeds run) and
/// says where it is.
pub(crate) fn debug_dockcert() -> Result<PathBuf, String> {
    run(command(
        "cargo",
        &[
            "build",
            "--quiet",
            "-p",
            "dockcert-cli",
            "--bin",
            "dockcert",
        ],
    ))?;
    Ok(root().join("target/debug/dockcert"))
}
