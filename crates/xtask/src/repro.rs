//! What makes two builds of one commit byte-identical, kept in one place so
//! `cargo xtask page`, `cargo xtask dist` and its `--verify` rebuild all
//! build the same way.
//!
//! Each difference found between two builds, and what removes it:
//! - Paths. rustc writes the paths of the sources it compiled into panic
//!   messages and debug info: the registry under `$CARGO_HOME`, the checkout,
//!   build scripts' `OUT_DIR` under the target folder. `--remap-path-prefix`
//!   (rustc) and `-ffile-prefix-map` (clang, for ring's C) replace each by a
//!   fixed name. Cargo keeps compiler flags out of its `-C metadata` hash
//!   (since 1.39, cargo#7417), so the remapping itself does not move symbol
//!   names.
//! - The commit. `dockcert --version` and the page's footer name it
//!   (dockcert-provenance); it is passed as `DOCKCERT_COMMIT`, marked
//!   "-dirty" when the checkout has uncommitted changes.
//! - Time. Nothing built reads the clock, except cargo-deb and the SBOM,
//!   which take `SOURCE_DATE_EPOCH`: the commit's own time.
//! - wasm-bindgen 0.2.106 walks its cast imports (`__wbindgen_cast_<hash>`)
//!   in `HashMap` order, which is random per run: the same wasm in gives the
//!   imports, the glue's functions and so the CSP hash in a different order
//!   each time. `cargo xtask setup` builds the same wasm-bindgen with that
//!   one loop sorted (setup/wasm_bindgen.rs); the page is built with it.
//! - The toolchain. rust-toolchain.toml follows `stable`; `cargo xtask dist`
//!   refuses any rustc but [`RUSTC`].

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{output, root};
use crate::setup;

/// The rustc release artefacts are built and verified with. rust-toolchain.toml
/// names the channel, not this version: a machine with only `stable` would
/// otherwise download a second toolchain (see that file).
pub(crate) const RUSTC: &str = "rustc 1.95.0 ";

/// The targets whose C code (ring's) is compiled with clang.
const C_TARGETS: [&str; 3] = [
    "wasm32_unknown_unknown",
    "x86_64_unknown_linux_musl",
    "aarch64_unknown_linux_musl",
];

/// Sets the environment of a build that must be reproducible.
pub(crate) fn apply(cmd: &mut Command) -> Result<(), String> {
    for (key, value) in environment()? {
        cmd.env(key, value);
    }
    Ok(())
}

/// The variables [`apply`] sets.
pub(crate) fn environment() -> Result<Vec<(String, OsString)>, String> {
    let root = canonical(&root());
    let target = canonical(&target_dir());
    let cargo_home = canonical(&cargo_home());
    // Later rules win in rustc and clang: the target folder may sit inside
    // the checkout, so it comes last.
    let prefixes = [
        (cargo_home, "/cargo"),
        (root, "/dockcert"),
        (target, "/dockcert/target"),
    ];
    let rustflags: Vec<String> = prefixes
        .iter()
        .map(|(from, to)| format!("--remap-path-prefix={}={to}", from.display()))
        .collect();
    let cflags: Vec<String> = prefixes
        .iter()
        .map(|(from, to)| format!("-ffile-prefix-map={}={to}", from.display()))
        .collect();

    let mut env = vec![
        (
            "CARGO_ENCODED_RUSTFLAGS".to_owned(),
            OsString::from(rustflags.join("\x1f")),
        ),
        ("DOCKCERT_COMMIT".to_owned(), OsString::from(commit())),
        (
            "SOURCE_DATE_EPOCH".to_owned(),
            OsString::from(source_date_epoch()),
        ),
    ];
    for target in C_TARGETS {
        env.push((format!("CFLAGS_{target}"), OsString::from(cflags.join(" "))));
    }
    // The sorted wasm-bindgen first, where Trunk looks for it.
    let mut path = vec![setup::sorted_wasm_bindgen_dir()];
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(path).map_err(|e| format!("PATH: {e}"))?;
    env.push(("PATH".to_owned(), path));
    Ok(env)
}

/// The commit being built: `HEAD`, with "-dirty" when files differ from
/// it; "unknown" outside git.
pub(crate) fn commit() -> String {
    let Some(head) = git(&["rev-parse", "HEAD"]) else {
        return "unknown".to_owned();
    };
    match git(&["status", "--porcelain"]) {
        Some(changes) if !changes.trim().is_empty() => format!("{}-dirty", head.trim()),
        _ => head.trim().to_owned(),
    }
}

/// `SOURCE_DATE_EPOCH` as given, else the commit's time, else 0.
pub(crate) fn source_date_epoch() -> String {
    if let Some(given) = std::env::var_os("SOURCE_DATE_EPOCH") {
        return given.to_string_lossy().into_owned();
    }
    git(&["log", "-1", "--format=%ct", "HEAD"])
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "0".to_owned())
}

/// Cargo's target folder: `$CARGO_TARGET_DIR`, else `target/` in the checkout.
pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root().join(dir)
            }
        })
        .unwrap_or_else(|| root().join("target"))
}

/// An error unless rustc is [`RUSTC`].
pub(crate) fn check_toolchain() -> Result<String, String> {
    let version = output(Command::new("rustc").arg("-V").current_dir(root()))
        .ok_or("could not run rustc -V")?;
    if !version.starts_with(RUSTC) {
        return Err(format!(
            "release artefacts are built with {}but this rustc is {}: install that \
             version as `stable`, or change RUSTC in crates/xtask/src/repro.rs \
             (their hashes will change)",
            RUSTC,
            version.trim()
        ));
    }
    Ok(version.trim().to_owned())
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into())).join(".cargo")
        })
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_owned())
}

fn git(args: &[&str]) -> Option<String> {
    output(Command::new("git").args(args).current_dir(root()))
}
