//! `cargo xtask dist [--verify]`: everything an operator may carry across
//! the air gap, in `dist/`, each with its SHA-256:
//!
//! - `dockcert.html`, the offline page (page.rs);
//! - `dockcert-x86_64-linux-musl` and `dockcert-aarch64-linux-musl`, static
//!   binaries that run on any Linux of that architecture;
//! - `dockcert_<version>-1_amd64.deb`: `/usr/bin/dockcert`, the page in
//!   `/usr/share/dockcert/`, and the man page and shell completions when the
//!   binary can write them (`dockcert man`, `dockcert completions SHELL`);
//! - `dockcert-cli.cdx.json` and `dockcert-web.cdx.json`, CycloneDX SBOMs of
//!   the binary's and the page's crates;
//! - `SHA256SUMS` over all of them.
//!
//! Then it proves them: both binaries are static and make a whole bundle
//! (the aarch64 one under qemu-aarch64) with the same files and modes; the
//! package installs, makes a bundle, removes cleanly, and lintian finds no
//! error in it. `--verify` builds everything again from a clean clone of
//! `HEAD` at another path with another target folder, and names every file
//! that differs. None of this is in `cargo xtask test`: it takes too long.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, command, output, root};
use crate::{page, repro, setup};

mod check;
mod files;
mod verify;

use check::check;
use files::{hashes, set_mode, write, BINARIES, DIST, SUMS};
use verify::verify_in_clone;

/// Files made for the package but not shipped alone (man page, completions).
const STAGE: &str = "target/dist-stage";

/// The workspace's members (Cargo.toml), where cargo-cyclonedx writes.
const MEMBERS: [&str; 6] = [
    "crates/dockcert-core",
    "crates/dockcert-cli",
    "crates/dockcert-provenance",
    "crates/xtask",
    "tests",
    "web",
];

/// Runs `cargo xtask dist [--verify]` (`--build-only`: no checks; the
/// second build of `--verify` runs so).
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let verify = args.iter().any(|a| a == "--verify");
    let build_only = args.iter().any(|a| a == "--build-only");
    if let Some(other) = args
        .iter()
        .find(|a| !matches!(a.as_str(), "--verify" | "--build-only"))
    {
        return Err(format!(
            "dist: unknown option {other:?} (--verify, --build-only)"
        ));
    }
    let rustc = repro::check_toolchain()?;
    setup::dist_tools()?;
    let commit = repro::commit();
    if verify && commit.ends_with("-dirty") {
        return Err("--verify rebuilds HEAD from a clean clone: commit your changes first, or the two builds cannot match".into());
    }
    build()?;
    let sums = write_sums()?;
    if !build_only {
        check()?;
    }
    println!("\ndist/ for commit {commit}, built with {rustc}:");
    for (name, sum) in &sums {
        println!("  {sum}  {name}");
    }
    if verify {
        verify_in_clone(&sums)?;
    }
    Ok(())
}

/// Builds every artefact into a fresh `dist/`.
fn build() -> Result<(), String> {
    // The page first: it clears dist/.
    page::build()?;
    let dist = root().join(DIST);
    for binary in &BINARIES {
        let built = build_binary(binary.target)?;
        let to = dist.join(binary.file);
        fs::copy(&built, &to).map_err(|e| format!("{}: {e}", to.display()))?;
        set_mode(&to, 0o755)?;
    }
    let docs = stage_docs(&dist.join(BINARIES[0].file))?;
    debian_package(docs)?;
    sboms()
}

/// `cargo build --release` of the CLI for a musl target: clang for ring's
/// C code, and for aarch64 rust-lld as the linker (no cross gcc needed).
fn build_binary(target: &str) -> Result<PathBuf, String> {
    let mut build = command(
        "cargo",
        &[
            "build",
            "--release",
            "--locked",
            "-p",
            "dockcert-cli",
            "--bin",
            "dockcert",
            "--target",
            target,
        ],
    );
    repro::apply(&mut build)?;
    let env_target = target.replace('-', "_");
    build.env(format!("CC_{env_target}"), "clang");
    if target.starts_with("aarch64") {
        build.env(
            format!("CARGO_TARGET_{}_LINKER", env_target.to_uppercase()),
            "rust-lld",
        );
    }
    cmd::run(build)?;
    Ok(repro::target_dir()
        .join(target)
        .join("release")
        .join("dockcert"))
}

/// Whether the package gets a man page and completions: only if the
/// binary has `dockcert man` and `dockcert completions`. Written by the
/// built binary itself into target/dist-stage.
fn stage_docs(binary: &Path) -> Result<bool, String> {
    let help = output(Command::new(binary).arg("help")).unwrap_or_default();
    let has = |sub: &str| {
        help.lines()
            .any(|l| l.split_whitespace().next() == Some(sub))
    };
    if !(has("man") && has("completions")) {
        eprintln!(
            "\ndist: this dockcert has no `man` and `completions` commands yet: the package ships without a man page and completions"
        );
        return Ok(false);
    }
    let stage = root().join(STAGE);
    if stage.exists() {
        fs::remove_dir_all(&stage).map_err(|e| format!("{}: {e}", stage.display()))?;
    }
    fs::create_dir_all(&stage).map_err(|e| format!("{}: {e}", stage.display()))?;
    let man = run_binary(binary, &["man"])?;
    // Debian wants man pages gzipped; no name and no time in the header.
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    gz.write_all(&man).map_err(|e| e.to_string())?;
    write(
        &stage.join("dockcert.1.gz"),
        &gz.finish().map_err(|e| e.to_string())?,
    )?;
    for (shell, file) in [
        ("bash", "dockcert.bash"),
        ("zsh", "_dockcert"),
        ("fish", "dockcert.fish"),
    ] {
        write(
            &stage.join(file),
            &run_binary(binary, &["completions", shell])?,
        )?;
    }
    Ok(true)
}

/// The Debian package, by cargo-deb from the x86_64 binary already built
/// (crates/dockcert-cli/Cargo.toml lists what goes where).
fn debian_package(with_docs: bool) -> Result<(), String> {
    let out = root().join(DIST);
    let out = out.to_string_lossy();
    let mut args = vec![
        "deb",
        "--locked",
        "-p",
        "dockcert-cli",
        "--target",
        BINARIES[0].target,
        "--no-build",
        "--no-strip",
        "--output",
        &out,
    ];
    if with_docs {
        args.extend(["--variant", "docs"]);
    }
    let mut deb = command("cargo", &args);
    repro::apply(&mut deb)?;
    cmd::run(deb)
}

/// CycloneDX SBOMs of the two shipped crates, made deterministic: the
/// random serial number dropped, the time set to the commit's, and the
/// checkout's path cut from every reference to it.
fn sboms() -> Result<(), String> {
    let epoch = repro::source_date_epoch();
    let when = output(Command::new("date").args([
        "-u",
        "-d",
        &format!("@{epoch}"),
        "+%Y-%m-%dT%H:%M:%SZ",
    ]))
    .ok_or("date could not read SOURCE_DATE_EPOCH")?;
    let root_text = root()
        .canonicalize()
        .unwrap_or_else(|_| root())
        .to_string_lossy()
        .into_owned();
    for (package, dir, target) in [
        ("dockcert-cli", "crates/dockcert-cli", BINARIES[0].target),
        ("dockcert-web", "web", "wasm32-unknown-unknown"),
    ] {
        let manifest = root().join(dir).join("Cargo.toml");
        let mut sbom = command(
            "cargo",
            &[
                "cyclonedx",
                "--manifest-path",
                &manifest.to_string_lossy(),
                "--format",
                "json",
                "--spec-version",
                "1.5",
                "--override-filename",
                "sbom",
                "--target",
                target,
            ],
        );
        repro::apply(&mut sbom)?;
        cmd::run(sbom)?;
        let made = root().join(dir).join("sbom.json");
        let text = fs::read_to_string(&made).map_err(|e| format!("{}: {e}", made.display()))?;
        // It writes one next to every workspace member's Cargo.toml.
        for member in MEMBERS {
            let stray = root().join(member).join("sbom.json");
            if stray.exists() {
                fs::remove_file(&stray).map_err(|e| format!("{}: {e}", stray.display()))?;
            }
        }
        let mut json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", made.display()))?;
        if let Some(top) = json.as_object_mut() {
            top.remove("serialNumber");
        }
        if let Some(meta) = json.get_mut("metadata").and_then(|m| m.as_object_mut()) {
            meta.insert(
                "timestamp".into(),
                serde_json::Value::String(when.trim().into()),
            );
        }
        let text = serde_json::to_string_pretty(&json)
            .map_err(|e| e.to_string())?
            .replace(&root_text, "/dockcert");
        write(
            &root().join(DIST).join(format!("{package}.cdx.json")),
            format!("{text}\n").as_bytes(),
        )?;
    }
    Ok(())
}

/// Writes `SHA256SUMS` (sorted by name, as `sha256sum -c` reads it) and
/// returns each artefact's hash.
fn write_sums() -> Result<BTreeMap<String, String>, String> {
    let dist = root().join(DIST);
    let sums = hashes(&dist)?;
    let text: String = sums
        .iter()
        .filter(|(name, _)| name.as_str() != SUMS)
        .map(|(name, sum)| format!("{sum}  {name}\n"))
        .collect();
    write(&dist.join(SUMS), text.as_bytes())?;
    hashes(&dist)
}

fn run_binary(binary: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new(binary)
        .args(args)
        .output()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    if !out.status.success() || out.stdout.is_empty() {
        return Err(format!(
            "`dockcert {}` failed ({})",
            args.join(" "),
            out.status
        ));
    }
    Ok(out.stdout)
}
