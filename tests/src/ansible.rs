//! The bundle's Ansible playbook run by the real ansible-core (from PyPI,
//! pinned by `cargo xtask setup`) on this machine: `ansible_connection=local`,
//! everything it writes under a root of the test's own (`dockcert_root`),
//! docker's restart replaced by a command that appends a line to
//! ROOT/restarts.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

use crate::{ansible_tool, run, Run};

/// ansible-playbook or another ansible command, with the virtualenv's
/// commands first on PATH, no colours, and nothing from the machine's own
/// ansible configuration.
pub fn ansible(tool: &str, cwd: &Path, args: &[&str]) -> Run {
    let bin = ansible_tool(tool);
    let venv_bin = bin.parent().unwrap().to_path_buf();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![venv_bin];
    dirs.extend(std::env::split_paths(&path));
    let mut cmd = Command::new(&bin);
    cmd.current_dir(cwd)
        .args(args)
        .env("PATH", std::env::join_paths(dirs).unwrap())
        .env("ANSIBLE_NOCOLOR", "1")
        .env("NO_COLOR", "1")
        .env("ANSIBLE_LOCAL_TEMP", cwd.join(".ansible-tmp"))
        .env("ANSIBLE_HOME", cwd.join(".ansible-home"));
    run(&mut cmd)
}

/// Asserts that ansible-playbook's syntax check passes `ansible/PLAYBOOK`
/// of the bundle whose top folder is `top`, on its inventory.
pub fn assert_syntax_passes(top: &Path, playbook: &str) {
    let path = format!("ansible/{playbook}");
    let syntax = ansible(
        "ansible-playbook",
        top,
        &["-i", "ansible/inventory.yml", &path, "--syntax-check"],
    )
    .ok();
    assert!(
        syntax.stdout.contains(&format!("playbook: {path}")),
        "{}",
        syntax.all()
    );
}

/// Asserts that the strictest of ansible-lint's profiles, offline (no
/// Galaxy look-ups), passes `PLAYBOOK` and the inventory in `ansible_dir`.
pub fn assert_lint_passes(ansible_dir: &Path, playbook: &str) {
    let lint = ansible(
        "ansible-lint",
        ansible_dir,
        &[
            "--offline",
            "--profile",
            "production",
            playbook,
            "inventory.yml",
        ],
    );
    let said = lint.all();
    assert_eq!(lint.status, 0, "ansible-lint of {playbook}:\n{said}");
    assert!(
        said.contains("Profile 'production' was required, and it passed"),
        "{said}"
    );
}

/// The playbook of the bundle whose top folder is `top` (a zip's unpacked
/// folder, or `issue`'s and `renew`'s `--out`) on `host` only, everything
/// under `root`, with `extra` arguments for ansible-playbook.
pub fn play(top: &Path, host: &str, root: &Path, extra: &[&str]) -> Run {
    let python = ansible_tool("python");
    let vars = json!({
        "ansible_connection": "local",
        "ansible_python_interpreter": python,
        "dockcert_root": root,
        "dockcert_restart_command":
            format!("sh -c 'echo restarted >> {}'", root.join("restarts").display()),
    });
    let vars_file = root.with_extension("vars.json");
    fs::write(&vars_file, vars.to_string()).unwrap();
    let at_vars = format!("@{}", vars_file.display());
    let mut args = vec![
        "-i",
        "ansible/inventory.yml",
        "ansible/dockcert.yml",
        "--limit",
        host,
        "-e",
        &at_vars,
    ];
    args.extend_from_slice(extra);
    ansible("ansible-playbook", top, &args)
}

/// `changed=N` from the play recap of `host`.
pub fn changed(out: &Run, host: &str) -> u32 {
    let line = out
        .stdout
        .lines()
        .rev()
        .find(|l| l.starts_with(host) && l.contains("changed="))
        .unwrap_or_else(|| panic!("no play recap in:\n{}", out.all()));
    let after = line.split("changed=").nth(1).unwrap();
    after.split_whitespace().next().unwrap().parse().unwrap()
}

/// How many times the play restarted docker under `root`.
pub fn restarts(root: &Path) -> usize {
    fs::read_to_string(root.join("restarts"))
        .unwrap_or_default()
        .lines()
        .count()
}

/// `path` under `root`: `root` + the absolute `path`.
pub fn under(root: &Path, path: &str) -> PathBuf {
    root.join(path.trim_start_matches('/'))
}
