//! `cargo xtask setup`: everything the build and the tests need, on a new
//! Debian machine, installed once and kept (a second run installs nothing).
//!
//! - Debian packages: dockerd (docker.io), openssl, unzip, clang (ring on
//!   wasm32), shellcheck, gawk and busybox (install.sh's daemon.json merge is
//!   run with each awk a Docker host may have: gawk, busybox's, and the
//!   mawk Debian already has), chromium and chromedriver, firefox-esr (the
//!   page's tests; no tool downloads its own browser), nftables, iproute2 (`ip`, for the page
//!   tests' network namespace), a CJK font for the Chinese screenshots, prometheus (promtool) and
//!   prometheus-node-exporter (`expiry --prometheus`), faketime.
//! - pkilint, in a virtualenv under the tools folder; ansible-core and
//!   ansible-lint in another (they need Python 3.12 or newer, which Debian 12
//!   lacks: the first python3.13/python3.12 on PATH or under pyenv); cargo-deny (deny.toml);
//!   geckodriver from crates.io (Debian has no package of it), which drives
//!   Debian's Firefox ESR.
//! - The wasm32 target, trunk 0.21 (0.22 needs a newer rustc),
//!   wasm-bindgen-cli at exactly the version the page's wasm-bindgen is pinned to,
//!   and wasm-pack, which runs the core's and the page's wasm tests with that
//!   wasm-bindgen-test-runner (it downloads nothing when the versions match).
//! - For the page: that wasm-bindgen once more, built with one loop sorted so
//!   its output is the same on every run (repro.rs says why), and wasm-opt
//!   from npm's binaryen (Debian's 108 cannot read this wasm).
//! - Only for `cargo xtask dist`: the musl targets, cargo-deb,
//!   cargo-cyclonedx, qemu-user (to run the aarch64 binary) and lintian.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::cmd::{self, command, has, output};

mod packages;
mod wasm_bindgen;

use packages::DEBIAN_PACKAGES;
use wasm_bindgen::WASM_BINDGEN_VERSION;

/// pkilint, pinned so a new release cannot change a test's verdict unseen.
const PKILINT: &str = "pkilint==0.13.3";
/// ansible-core and ansible-lint, pinned like pkilint, for the playbook's tests.
const ANSIBLE: &[&str] = &["ansible-core==2.21.5", "ansible-lint==26.10.1"];
/// trunk's newest line that builds with this machine's rustc.
const TRUNK_VERSION: &str = "0.21";
/// wasm-pack, pinned like geckodriver: `wasm-pack test` runs the wasm tests.
const WASM_PACK_VERSION: &str = "0.15.1";
/// cargo-fuzz's line for `cargo xtask fuzz` (only that task needs it).
const CARGO_FUZZ_VERSION: &str = "0.13";
/// cargo-deny, which checks deny.toml's dependency policy.
const CARGO_DENY_VERSION: &str = "0.20";
/// geckodriver, built from crates.io: the line kept, and the release
/// installed when none of that line is there.
const GECKODRIVER_LINE: &str = "0.37";
const GECKODRIVER_VERSION: &str = "0.37.0";
/// npm's binaryen, whose wasm-opt shrinks the page's wasm.
const BINARYEN_VERSION: &str = "132.0.0";
/// Debian packages only `cargo xtask dist` runs.
const DIST_DEBIAN_PACKAGES: &[&str] = &["qemu-user", "lintian", "dpkg-dev"];
/// The targets of the static binaries.
pub(crate) const MUSL_TARGETS: [&str; 2] =
    ["x86_64-unknown-linux-musl", "aarch64-unknown-linux-musl"];
/// cargo-deb and cargo-cyclonedx, for the Debian package and the SBOM.
const CARGO_DEB_VERSION: &str = "3.8";
const CARGO_CYCLONEDX_VERSION: &str = "0.5";

/// Where tools that are not Debian packages live: `$DOCKCERT_TOOLS`, or
/// `~/.cache/dockcert-tools`. Outside the clone, so CI reuses them.
pub(crate) fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DOCKCERT_TOOLS") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"));
    home.join(".cache/dockcert-tools")
}

/// Installs what is missing.
pub(crate) fn run() -> Result<(), String> {
    debian_packages()?;
    pkilint()?;
    ansible()?;
    page_tools()?;
    wasm_pack()?;
    cargo_deny()?;
    geckodriver()?;
    eprintln!("\nsetup: every tool is in place");
    Ok(())
}

/// What building the page needs: clang for ring on wasm32, the wasm32
/// target, trunk and wasm-bindgen-cli. Debian packages only if missing (and
/// then only as root).
pub(crate) fn page_tools() -> Result<(), String> {
    if !cmd::has("clang", "--version") {
        if !cmd::is_root() {
            return Err("clang is missing (ring needs it to build for wasm32): apt-get install clang, or run `cargo xtask setup` as root".into());
        }
        cmd::run(command("apt-get", &["update", "-qq"]))?;
        cmd::run(
            command(
                "apt-get",
                &["install", "-y", "-qq", "--no-install-recommends", "clang"],
            )
            .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    rust_tools()?;
    wasm_bindgen::install(&tools_dir())?;
    binaryen()
}

/// What `cargo xtask dist` needs beyond the page's tools.
pub(crate) fn dist_tools() -> Result<(), String> {
    page_tools()?;
    debian(DIST_DEBIAN_PACKAGES)?;
    for target in MUSL_TARGETS {
        rustup_target(target)?;
    }
    cargo_tool("deb", "cargo-deb", CARGO_DEB_VERSION)?;
    cargo_tool("cyclonedx", "cargo-cyclonedx", CARGO_CYCLONEDX_VERSION)
}

/// The folder holding the sorted wasm-bindgen (put first on Trunk's PATH).
pub(crate) fn sorted_wasm_bindgen_dir() -> PathBuf {
    wasm_bindgen::bin_dir(&tools_dir())
}

/// wasm-opt from npm's binaryen.
pub(crate) fn wasm_opt() -> PathBuf {
    tools_dir().join("binaryen/node_modules/binaryen/bin/wasm-opt")
}

/// binaryen from npm, pinned, under the tools folder.
fn binaryen() -> Result<(), String> {
    let version = output(Command::new(wasm_opt()).arg("--version")).unwrap_or_default();
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    if version.contains(&format!("version {major}")) {
        return Ok(());
    }
    if !cmd::has("npm", "--version") {
        debian(&["npm"])?;
    }
    let prefix = tools_dir().join("binaryen");
    fs::create_dir_all(&prefix).map_err(|e| format!("{}: {e}", prefix.display()))?;
    let package = format!("binaryen@{BINARYEN_VERSION}");
    cmd::run(command(
        "npm",
        &[
            "install",
            "--prefix",
            &prefix.to_string_lossy(),
            "--no-audit",
            "--no-fund",
            "--save-exact",
            &package,
        ],
    ))
}

fn rustup_target(target: &str) -> Result<(), String> {
    let targets =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if targets.lines().any(|t| t.trim() == target) {
        return Ok(());
    }
    cmd::run(command("rustup", &["target", "add", target]))
}

/// `cargo SUBCOMMAND`, from crate `package` at `version` (~), unless there.
fn cargo_tool(subcommand: &str, package: &str, version: &str) -> Result<(), String> {
    let have = output(Command::new("cargo").args([subcommand, "--version"])).unwrap_or_default();
    if have.contains(&format!(" {version}.")) {
        return Ok(());
    }
    let wanted = format!("~{version}");
    cmd::run(command(
        "cargo",
        &["install", "--locked", package, "--version", &wanted],
    ))
}

/// What `cargo xtask fuzz` needs: a nightly toolchain (libFuzzer's
/// instrumentation) and cargo-fuzz, installed once and kept. CI never
/// fuzzes, so `setup` leaves them out.
pub(crate) fn fuzz_tools() -> Result<(), String> {
    if !cmd::has("openssl", "version") {
        return Err("openssl is missing (it makes the seed keys): run `cargo xtask setup`".into());
    }
    let nightly = || output(Command::new("cargo").args(["+nightly", "--version"])).is_some();
    if !nightly() {
        cmd::run(command(
            "rustup",
            &["toolchain", "install", "nightly", "--profile", "minimal"],
        ))?;
    }
    let installed =
        output(Command::new("cargo").args(["+nightly", "fuzz", "--version"])).unwrap_or_default();
    if !installed.starts_with(&format!("cargo-fuzz {CARGO_FUZZ_VERSION}.")) {
        let version = format!("~{CARGO_FUZZ_VERSION}");
        cmd::run(command(
            "cargo",
            &[
                "+nightly",
                "install",
                "cargo-fuzz",
                "--version",
                &version,
                "--locked",
            ],
        ))?;
    }
    Ok(())
}

fn debian_packages() -> Result<(), String> {
    debian(DEBIAN_PACKAGES)
}

/// Installs the Debian packages of `packages` that are missing.
fn debian(packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|pkg| {
            output(Command::new("dpkg-query").args(["-W", "-f=${Status}", pkg]))
                .is_none_or(|status| !status.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !cmd::is_root() {
        return Err(format!(
            "these Debian packages are missing and only root can install them: {}",
            missing.join(" ")
        ));
    }
    cmd::run(command("apt-get", &["update", "-qq"]))?;
    // With their recommended packages, as on the machines these tests were
    // written on (docker.io's are small: apparmor, cgroupfs-mount, git...).
    let mut args = vec!["install", "-y", "-qq"];
    args.extend(&missing);
    cmd::run(command("apt-get", &args).env("DEBIAN_FRONTEND", "noninteractive"))
}

fn pkilint() -> Result<(), String> {
    let venv = tools_dir().join("venv");
    let linter = venv.join("bin/lint_pkix_cert");
    let pip = venv.join("bin/pip");
    let wanted = PKILINT.split("==").nth(1).unwrap_or_default();
    let installed = output(Command::new(&pip).args(["show", "pkilint"])).is_some_and(|info| {
        info.lines()
            .any(|l| l.strip_prefix("Version: ") == Some(wanted))
    });
    if linter.is_file() && installed {
        return Ok(());
    }
    let venv_str = venv.to_string_lossy().into_owned();
    cmd::run(command("python3", &["-m", "venv", &venv_str]))?;
    cmd::run(command(
        &pip.to_string_lossy(),
        &["install", "--quiet", PKILINT],
    ))
}

fn ansible() -> Result<(), String> {
    let venv = tools_dir().join("ansible");
    let pip = venv.join("bin/pip");
    let installed = output(Command::new(&pip).arg("freeze")).is_some_and(|frozen| {
        ANSIBLE
            .iter()
            .all(|pin| frozen.lines().any(|l| l.eq_ignore_ascii_case(pin)))
    });
    if venv.join("bin/ansible-playbook").is_file() && installed {
        return Ok(());
    }
    let python = python_for_ansible()?;
    let venv_str = venv.to_string_lossy().into_owned();
    cmd::run(command(&python, &["-m", "venv", &venv_str]))?;
    let mut args = vec!["install", "--quiet"];
    args.extend(ANSIBLE);
    cmd::run(command(&pip.to_string_lossy(), &args))
}

/// A Python of at least 3.12 (ansible-core 2.21's floor): python3.13 or
/// python3.12 on PATH, else one that pyenv keeps.
fn python_for_ansible() -> Result<String, String> {
    let new_enough = |python: &str| {
        output(Command::new(python).args(["-c", "import sys; print(sys.version_info >= (3, 12))"]))
            .is_some_and(|said| said.trim() == "True")
    };
    let mut candidates = vec!["python3.13".to_owned(), "python3.12".to_owned()];
    if let Some(root) = output(Command::new("pyenv").arg("root")) {
        let versions = PathBuf::from(root.trim()).join("versions");
        let mut found: Vec<PathBuf> = std::fs::read_dir(&versions)
            .map(|dir| {
                dir.flatten()
                    .map(|e| e.path().join("bin/python3"))
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        candidates.extend(found.iter().rev().map(|p| p.to_string_lossy().into_owned()));
    }
    candidates
        .into_iter()
        .find(|python| new_enough(python))
        .ok_or_else(|| {
            "ansible-core 2.21 needs Python 3.12 or newer, and none was found (python3.13, python3.12, pyenv's versions)".into()
        })
}

fn rust_tools() -> Result<(), String> {
    rustup_target("wasm32-unknown-unknown")?;
    let trunk = output(Command::new("trunk").arg("--version")).unwrap_or_default();
    if !trunk.starts_with(&format!("trunk {TRUNK_VERSION}.")) {
        let version = format!("~{TRUNK_VERSION}");
        cmd::run(command(
            "cargo",
            &["install", "--locked", "trunk", "--version", &version],
        ))?;
    }
    let bindgen = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if bindgen.trim() != format!("wasm-bindgen {WASM_BINDGEN_VERSION}") {
        let version = format!("={WASM_BINDGEN_VERSION}");
        cmd::run(command(
            "cargo",
            &[
                "install",
                "wasm-bindgen-cli",
                "--version",
                &version,
                "--force",
            ],
        ))?;
    }
    if !has("wasm-bindgen-test-runner", "--version") {
        return Err("wasm-bindgen-test-runner is missing after installing wasm-bindgen-cli".into());
    }
    Ok(())
}

/// wasm-pack, from crates.io at the pinned release (only the tests use it).
fn wasm_pack() -> Result<(), String> {
    let found = output(Command::new("wasm-pack").arg("--version")).unwrap_or_default();
    if found.trim() != format!("wasm-pack {WASM_PACK_VERSION}") {
        let version = format!("={WASM_PACK_VERSION}");
        cmd::run(command(
            "cargo",
            &["install", "--locked", "wasm-pack", "--version", &version],
        ))?;
    }
    Ok(())
}

/// cargo-deny, for the dependency policy in deny.toml.
fn cargo_deny() -> Result<(), String> {
    let deny = output(Command::new("cargo").args(["deny", "--version"])).unwrap_or_default();
    if !deny.starts_with(&format!("cargo-deny {CARGO_DENY_VERSION}.")) {
        let version = format!("~{CARGO_DENY_VERSION}");
        cmd::run(command(
            "cargo",
            &["install", "--locked", "cargo-deny", "--version", &version],
        ))?;
    }
    Ok(())
}

/// geckodriver, the WebDriver server the page's Firefox tests talk to.
fn geckodriver() -> Result<(), String> {
    let found = output(Command::new("geckodriver").arg("--version")).unwrap_or_default();
    if !found.starts_with(&format!("geckodriver {GECKODRIVER_LINE}.")) {
        let version = format!("={GECKODRIVER_VERSION}");
        cmd::run(command(
            "cargo",
            &["install", "--locked", "geckodriver", "--version", &version],
        ))?;
    }
    Ok(())
}
