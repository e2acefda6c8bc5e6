//! wasm-bindgen-cli at the page's pinned version, built from its own
//! wasm-bindgen-cli-support with one loop sorted, so the glue and the wasm
//! it writes are the same on every run (repro.rs says why).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::cmd::{self, command, output};

/// Must equal the `wasm-bindgen` pin in web/Cargo.toml.
pub(super) const WASM_BINDGEN_VERSION: &str = "0.2.106";
/// The wasm-bindgen-cli-support crate the sorted wasm-bindgen is built
/// from, as crates.io serves it (its SHA-256, as Cargo.lock would list it).
const CLI_SUPPORT_SHA256: &str = "03794299fa80bda34aef2784a496c6440fbc75fb1977c4e05750ddcd617e5a09";
/// The one change made to it: wasm-bindgen's cast imports in a fixed order.
const CLI_SUPPORT_LOOP: &str = "            for (descriptor, orig_func_ids) in cast_imports {\n";
const CLI_SUPPORT_SORTED: &str = "            let mut cast_imports: Vec<_> = cast_imports.into_iter().collect();\n            // dockcert: sorted, so every run names and orders them alike.\n            cast_imports.sort_by_cached_key(|(descriptor, _)| format!(\"{descriptor:?}\"));\n            for (descriptor, orig_func_ids) in cast_imports {\n";

/// The folder holding the sorted wasm-bindgen, under the tools folder.
pub(super) fn bin_dir(tools: &Path) -> PathBuf {
    tools
        .join(format!("wasm-bindgen-{WASM_BINDGEN_VERSION}-sorted"))
        .join("bin")
}

/// Builds and installs the sorted wasm-bindgen under `tools`, unless it
/// is there already.
pub(super) fn install(tools: &Path) -> Result<(), String> {
    let bin = bin_dir(tools).join("wasm-bindgen");
    let version = output(Command::new(&bin).arg("--version")).unwrap_or_default();
    if version.trim() == format!("wasm-bindgen {WASM_BINDGEN_VERSION}") {
        return Ok(());
    }
    let work = tools.join("wasm-bindgen-src");
    let name = format!("wasm-bindgen-cli-support-{WASM_BINDGEN_VERSION}");
    // Fetched by cargo itself, from a manifest that only depends on it.
    let fetch = work.join("fetch");
    fs::create_dir_all(fetch.join("src")).map_err(|e| format!("{}: {e}", fetch.display()))?;
    write(
        &fetch.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nwasm-bindgen-cli-support = \"={WASM_BINDGEN_VERSION}\"\n\n[workspace]\n"
        ),
    )?;
    write(&fetch.join("src/lib.rs"), "")?;
    let manifest = fetch.join("Cargo.toml");
    cmd::run(command(
        "cargo",
        &["fetch", "--manifest-path", &manifest.to_string_lossy()],
    ))?;
    let crate_file = registry_cache(&format!("{name}.crate"))?;
    let bytes = fs::read(&crate_file).map_err(|e| format!("{}: {e}", crate_file.display()))?;
    let sum: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if sum != CLI_SUPPORT_SHA256 {
        return Err(format!(
            "{} has SHA-256 {sum}, not the {CLI_SUPPORT_SHA256} crates.io serves",
            crate_file.display()
        ));
    }
    let source = work.join(&name);
    if source.exists() {
        fs::remove_dir_all(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    }
    cmd::run(command(
        "tar",
        &[
            "-xzf",
            &crate_file.to_string_lossy(),
            "-C",
            &work.to_string_lossy(),
        ],
    ))?;
    let file = source.join("src/wit/mod.rs");
    let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    if text.matches(CLI_SUPPORT_LOOP).count() != 1 {
        return Err(format!(
            "{}: the cast-import loop to sort is not there once",
            file.display()
        ));
    }
    write(&file, &text.replace(CLI_SUPPORT_LOOP, CLI_SUPPORT_SORTED))?;
    let install_root = bin_dir(tools)
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default();
    let patch = format!(
        "patch.crates-io.wasm-bindgen-cli-support.path={:?}",
        source.to_string_lossy()
    );
    let version = format!("={WASM_BINDGEN_VERSION}");
    cmd::run(command(
        "cargo",
        &[
            "install",
            "--locked",
            "--force",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--bin",
            "wasm-bindgen",
            "--root",
            &install_root.to_string_lossy(),
            "--config",
            &patch,
        ],
    ))
}

/// A file in cargo's download cache.
fn registry_cache(file: &str) -> Result<PathBuf, String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into())).join(".cargo")
        });
    let cache = home.join("registry/cache");
    let registries = fs::read_dir(&cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    let mut found: Vec<PathBuf> = registries
        .filter_map(Result::ok)
        .map(|r| r.path().join(file))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found
        .into_iter()
        .next()
        .ok_or_else(|| format!("cargo fetched no {file} into {}", cache.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
