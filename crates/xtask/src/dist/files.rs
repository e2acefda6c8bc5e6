//! What `cargo xtask dist` makes and where: the static binaries, the
//! folder, and the files' hashes, shared by the build and its proofs.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use sha2::{Digest, Sha256};

/// What `cargo xtask dist` writes, relative to the workspace root.
pub(super) const DIST: &str = "dist";
/// The checksums file, in `dist/`.
pub(super) const SUMS: &str = "SHA256SUMS";

/// A static binary: its rustc target, and its name in `dist/`.
pub(super) struct Binary {
    pub(super) target: &'static str,
    pub(super) file: &'static str,
    /// How to run it here: directly, or under an emulator.
    pub(super) runner: Option<&'static str>,
}

/// The two static binaries `dist/` holds.
pub(super) const BINARIES: [Binary; 2] = [
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

/// Name -> SHA-256 of every file in `dir`.
pub(super) fn hashes(dir: &Path) -> Result<BTreeMap<String, String>, String> {
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

/// Sets `path`'s Unix mode.
pub(super) fn set_mode(path: &Path, mode: u32) -> Result<(), String> {
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `bytes` to `path`, naming the path in an error.
pub(super) fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Lower-case hex, as sha256sum prints it.
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
