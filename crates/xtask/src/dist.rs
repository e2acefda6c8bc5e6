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
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::cmd::{self, command, output, root};
use crate::{page, repro, setup};

/// What `cargo xtask dist` writes, relative to the workspace root.
const DIST: &str = "dist";
/// The checksums file, in `dist/`.
const SUMS: &str = "SHA256SUMS";
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

/// A static binary: its rustc target, and its name in `dist/`.
struct Binary {
    target: &'static str,
    file: &'static str,
    /// How to run it here: directly, or under an emulator.
    runner: Option<&'static str>,
}

const BINARIES: [Binary; 2] = [
    Binary {
        target: "x86_64-unknown-linux-musl",
        file: "dockcert-x86_64-linux-musl",
        runner: None,
    },
    Binary {
        target: "aarch64-unknown-linux-musl",
        file: "dockcert-aarch64-linux-musl",
        runner: Some("qemu-aarch64"),
    },
];

/// Runs `cargo xtask dist [--verify]` (`--build-only`: no checks; the
/// second build of `--verify` runs so).
pub fn run(args: &[String]) -> Result<(), String> {
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

/// Name -> SHA-256 of every file in `dir`.
fn hashes(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut sums = BTreeMap::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        sums.insert(
            entry.file_name().to_string_lossy().into_owned(),
            hex(&Sha256::digest(&bytes)),
        );
    }
    Ok(sums)
}

/// The slow proofs: static binaries that each make a whole bundle, alike;
/// a package that installs, works and removes cleanly; lintian.
fn check() -> Result<(), String> {
    let dist = root().join(DIST);
    let work = repro::target_dir().join("dist-check");
    if work.exists() {
        fs::remove_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    }
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let mut listings = Vec::new();
    for binary in &BINARIES {
        let path = dist.join(binary.file);
        if has_interpreter(&path)? {
            return Err(format!(
                "{} is not static: it names a program interpreter",
                binary.file
            ));
        }
        let out = work.join(binary.file);
        let mut args: Vec<String> = Vec::new();
        let program = match binary.runner {
            Some(runner) => {
                args.push(path.to_string_lossy().into_owned());
                runner.to_owned()
            }
            None => path.to_string_lossy().into_owned(),
        };
        let version = output(Command::new(&program).args(&args).arg("--version"))
            .ok_or_else(|| format!("{} --version failed", binary.file))?;
        if !version.contains(&repro::commit()) {
            return Err(format!(
                "{} --version says {version:?}, not the commit",
                binary.file
            ));
        }
        args.extend(bundle_args(&out));
        cmd::run(command(
            &program,
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        ))?;
        listings.push((binary.file, listing(&out)?));
    }
    if listings[0].1.is_empty() || listings[0].1 != listings[1].1 {
        return Err(format!(
            "the two binaries made different bundles:\n{:?}\n{:?}",
            listings[0], listings[1]
        ));
    }
    eprintln!(
        "\ndist: both binaries made the same {} files with the same modes",
        listings[0].1.len()
    );
    debian_checks(&dist, &work)?;
    fs::remove_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))
}

/// Installs the package, makes a bundle with it, removes it; then lintian.
fn debian_checks(dist: &Path, work: &Path) -> Result<(), String> {
    let deb = hashes(dist)?
        .into_keys()
        .find(|name| name.ends_with(".deb"))
        .ok_or("cargo-deb wrote no .deb")?;
    let deb = dist.join(deb);
    let deb_text = deb.to_string_lossy().into_owned();
    cmd::run(command(
        "lintian",
        &["--fail-on", "error", "--tag-display-limit", "0", &deb_text],
    ))?;
    if !cmd::is_root() {
        eprintln!("\ndist: not root, so the package was not installed and removed (run as root to prove it)");
        return Ok(());
    }
    let installed = Path::new("/usr/bin/dockcert");
    if installed.exists()
        && output(Command::new("dpkg").args(["-S", "/usr/bin/dockcert"])).is_none()
    {
        return Err(
            "/usr/bin/dockcert exists and no package owns it: not installing over it".into(),
        );
    }
    cmd::run(command("dpkg", &["-i", &deb_text]))?;
    let used = (|| {
        let version = output(Command::new("dockcert").arg("--version"))
            .ok_or("the installed dockcert --version failed")?;
        if !version.contains(&repro::commit()) {
            return Err(format!("the installed dockcert says {version:?}"));
        }
        let page = fs::read("/usr/share/dockcert/dockcert.html")
            .map_err(|e| format!("/usr/share/dockcert/dockcert.html: {e}"))?;
        if page != fs::read(dist.join("dockcert.html")).map_err(|e| e.to_string())? {
            return Err("the installed page differs from dist/dockcert.html".into());
        }
        let args = bundle_args(&work.join("from-deb"));
        cmd::run(command(
            "/usr/bin/dockcert",
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        ))
    })();
    cmd::run(command("dpkg", &["-r", "dockcert"]))?;
    used?;
    for left in ["/usr/bin/dockcert", "/usr/share/dockcert"] {
        if Path::new(left).exists() {
            return Err(format!("{left} is still there after dpkg -r"));
        }
    }
    eprintln!("\ndist: the package installed, made a bundle and was removed cleanly");
    Ok(())
}

/// `dockcert new` for one host and one client, into the folder `out`.
fn bundle_args(out: &Path) -> Vec<String> {
    [
        "new",
        "--server",
        "docker1.example.com,10.0.0.5",
        "--client",
        "alice",
        "--no-passphrase",
        "--out",
    ]
    .iter()
    .map(|a| (*a).to_owned())
    .chain([out.to_string_lossy().into_owned()])
    .collect()
}

/// Each file under `dir`, relative, with its mode.
fn listing(dir: &Path) -> Result<Vec<(String, u32)>, String> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(here) = todo.pop() {
        let entries = fs::read_dir(&here).map_err(|e| format!("{}: {e}", here.display()))?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let meta = fs::symlink_metadata(&path).map_err(|e| e.to_string())?;
            if meta.is_dir() {
                todo.push(path.clone());
            }
            let rel = path
                .strip_prefix(dir)
                .map_err(|e| e.to_string())?
                .to_string_lossy()
                .into_owned();
            found.push((rel, meta.permissions().mode() & 0o7777));
        }
    }
    found.sort();
    Ok(found)
}

/// Whether an ELF file asks for a program interpreter (ld.so): a static
/// binary does not. Reads the 64-bit little-endian program headers.
fn has_interpreter(path: &Path) -> Result<bool, String> {
    const PT_INTERP: u32 = 3;
    let elf = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bad = || format!("{}: not a 64-bit little-endian ELF file", path.display());
    if elf.get(..6) != Some(b"\x7fELF\x02\x01") {
        return Err(bad());
    }
    let num = |at: usize, len: usize| -> Result<u64, String> {
        let bytes = elf.get(at..at + len).ok_or_else(bad)?;
        Ok(bytes.iter().rev().fold(0, |n, b| (n << 8) | u64::from(*b)))
    };
    let phoff = usize::try_from(num(0x20, 8)?).map_err(|_| bad())?;
    let phentsize = usize::try_from(num(0x36, 2)?).map_err(|_| bad())?;
    let phnum = usize::try_from(num(0x38, 2)?).map_err(|_| bad())?;
    for i in 0..phnum {
        if num(phoff + i * phentsize, 4)? == u64::from(PT_INTERP) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Clones `HEAD` to a temporary folder, builds everything there with its own
/// target folder, and compares each artefact with ours.
fn verify_in_clone(ours: &BTreeMap<String, String>) -> Result<(), String> {
    let head =
        output(&mut command("git", &["rev-parse", "HEAD"])).ok_or("git rev-parse HEAD failed")?;
    let head = head.trim();
    let base = std::env::temp_dir().join(format!("dockcert-verify-{}", std::process::id()));
    let clone = base.join("elsewhere/dockcert");
    let target = base.join("target");
    let result = (|| {
        fs::create_dir_all(&base).map_err(|e| format!("{}: {e}", base.display()))?;
        let root_text = root().to_string_lossy().into_owned();
        let clone_text = clone.to_string_lossy().into_owned();
        cmd::run(command(
            "git",
            &["clone", "--quiet", "--no-local", &root_text, &clone_text],
        ))?;
        let mut checkout = command("git", &["checkout", "--quiet", "--detach", head]);
        checkout.current_dir(&clone);
        cmd::run(checkout)?;
        let mut again = command("cargo", &["xtask", "dist", "--build-only"]);
        again
            .current_dir(&clone)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("DOCKCERT_COMMIT")
            .env_remove("CARGO_ENCODED_RUSTFLAGS");
        cmd::run(again)?;
        hashes(&clone.join(DIST))
    })();
    if base.exists() {
        fs::remove_dir_all(&base)
            .map_err(|e| format!("could not remove {}: {e}", base.display()))?;
    }
    let theirs = result?;
    println!("\nverify: a second build of {head} in a clean clone at another path, with its own target folder:");
    let mut differ = Vec::new();
    let names: std::collections::BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    for name in names {
        let (a, b) = (ours.get(name), theirs.get(name));
        let verdict = if a == b { "same" } else { "DIFFERS" };
        if a != b {
            differ.push(name.clone());
        }
        println!(
            "  {verdict:7} {name}\n          here   {}\n          clone  {}",
            a.map_or("(missing)", String::as_str),
            b.map_or("(missing)", String::as_str)
        );
    }
    if differ.is_empty() {
        println!("verify: every artefact is byte-for-byte the same");
        Ok(())
    } else {
        Err(format!(
            "verify: these differ between the two builds: {}",
            differ.join(", ")
        ))
    }
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

fn set_mode(path: &Path, mode: u32) -> Result<(), String> {
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_static_binary_has_no_interpreter_and_xtask_has_one() {
        // xtask itself is a dynamic glibc binary.
        let me = std::env::current_exe().unwrap();
        assert!(has_interpreter(&me).unwrap());
        let dir = std::env::temp_dir().join(format!("xtask-elf-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let not_elf = dir.join("not-elf");
        fs::write(&not_elf, b"#!/bin/sh\n").unwrap();
        assert!(has_interpreter(&not_elf).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_listing_names_files_with_their_modes() {
        let dir = std::env::temp_dir().join(format!("xtask-listing-{}", std::process::id()));
        fs::create_dir_all(dir.join("ca")).unwrap();
        fs::write(dir.join("ca/ca-key.pem"), b"k").unwrap();
        set_mode(&dir.join("ca/ca-key.pem"), 0o400).unwrap();
        set_mode(&dir.join("ca"), 0o755).unwrap();
        assert_eq!(
            listing(&dir).unwrap(),
            vec![
                ("ca".to_owned(), 0o755),
                ("ca/ca-key.pem".to_owned(), 0o400)
            ]
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
