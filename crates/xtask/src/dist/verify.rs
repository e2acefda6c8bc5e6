//! `cargo xtask dist --verify`: the same commit built again in a clean
//! clone at another path with its own target folder, every artefact
//! compared with ours.

use std::collections::BTreeMap;
use std::fs;

use super::files::{hashes, DIST};
use crate::cmd::{self, command, output, root};

/// Clones `HEAD` to a temporary folder, builds everything there with its own
/// target folder, and compares each artefact with ours.
pub(super) fn verify_in_clone(ours: &BTreeMap<String, String>) -> Result<(), String> {
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
