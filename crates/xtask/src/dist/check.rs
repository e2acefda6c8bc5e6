//! The slow proofs of `dist/`: both static binaries make the same bundle
//! (the aarch64 one under qemu-aarch64), and the package installs, works,
//! removes cleanly and passes lintian.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use super::files::{hashes, BINARIES, DIST};
use crate::cmd::{self, command, output, root};
use crate::repro;

/// The slow proofs: static binaries that each make a whole bundle, alike;
/// a package that installs, works and removes cleanly; lintian.
pub(super) fn check() -> Result<(), String> {
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

#[cfg(test)]
mod tests {
    use super::super::files::set_mode;
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
