//! Finds the commit this build is made from (see src/lib.rs) and hands it
//! to the crate as `DOCKCERT_COMMIT`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=DOCKCERT_COMMIT");
    let commit = match std::env::var("DOCKCERT_COMMIT") {
        Ok(given) if !given.trim().is_empty() => given.trim().to_owned(),
        _ => head_of_this_checkout().unwrap_or_else(|| "unknown".to_owned()),
    };
    if !is_commit(&commit) {
        println!(
            "cargo:warning=DOCKCERT_COMMIT={commit:?} is not a git commit hash; the build says \"unknown\""
        );
        println!("cargo:rustc-env=DOCKCERT_COMMIT=unknown");
        return;
    }
    println!("cargo:rustc-env=DOCKCERT_COMMIT={commit}");
}

/// A hex hash of 7 to 64 digits, maybe marked "-dirty", or "unknown".
fn is_commit(text: &str) -> bool {
    let hash = text.strip_suffix("-dirty").unwrap_or(text);
    text == "unknown"
        || ((7..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `HEAD` of the git checkout this workspace is, and the files whose change
/// moves it (so a new commit rebuilds this crate, and only this crate).
/// `None` outside git, or when the workspace is not the checkout's top: a
/// tarball unpacked inside some other repository must not take its commit.
fn head_of_this_checkout() -> Option<String> {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let workspace = manifest.parent()?.parent()?.canonicalize().ok()?;
    let top = git(&workspace, &["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != workspace {
        return None;
    }
    let head = git(&workspace, &["rev-parse", "HEAD"])?;
    let git_dir = PathBuf::from(git(&workspace, &["rev-parse", "--absolute-git-dir"])?);
    let common = workspace.join(git(&workspace, &["rev-parse", "--git-common-dir"])?);
    let mut watched = vec![git_dir.join("HEAD"), common.join("packed-refs")];
    if let Some(branch) = git(&workspace, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(common.join(branch));
    }
    // Cargo reruns a script whose watched file is missing every time: watch
    // only what exists.
    for file in watched.iter().filter(|f| f.is_file()) {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    Some(head)
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
}
