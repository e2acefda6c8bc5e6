//! How much inspect reads: of one file, by what it is; of one zip; and of
//! everything given to one run. Both faces apply the same bounds.

/// Largest file read as a certificate, key, daemon.json or unit: each is a
/// few KB.
pub const MAX_FILE: u64 = crate::import::MAX_FILE;

/// Largest bundle zip read (its entries are bounded by
/// [`MAX_UNPACKED`](super::MAX_UNPACKED)).
pub const MAX_ZIP: u64 = 64 * 1024 * 1024;

/// Most files read from one folder, or entries from one zip: a bundle for
/// a fleet of thousands of hosts has a few tens of thousands.
pub const MAX_FILES: usize = 100_000;

/// Most bytes gathered in one run, every file and zip entry together:
/// what a folder of many files, or of many zips, may hold in memory.
pub const MAX_GATHERED: u64 = 64 * 1024 * 1024;

/// Whether `head` (a file's first bytes) starts a zip (its local file header).
pub fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// Largest bundle README.txt or manifest.json read: they list every host
/// and client, 2.9 MB each for 1,000 hosts, so a fleet's outgrow
/// [`MAX_FILE`]; reading them is linear (the README is only named, the
/// manifest's JSON parsed once and each file it lists hashed once).
pub(crate) const MAX_DOCUMENT: u64 = 32 * 1024 * 1024;

/// The most bytes read of the file `path` that starts with `head`.
pub fn limit_for(path: &str, head: &[u8]) -> u64 {
    if is_zip(head) {
        MAX_ZIP
    } else {
        entry_limit(path)
    }
}

/// The most bytes read of the zip entry or file `path`, a zip aside.
pub(super) fn entry_limit(path: &str) -> u64 {
    match path.rsplit('/').next().unwrap_or(path) {
        "README.txt" | "manifest.json" => MAX_DOCUMENT,
        name if crate::import::inventory::is_inventory(name) => {
            crate::import::inventory::MAX_BYTES as u64
        }
        _ => MAX_FILE,
    }
}
