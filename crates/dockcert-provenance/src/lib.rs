//! Which version and commit this build of dockcert was made from, so that
//! `dockcert --version` and the page's footer name the source an auditor can
//! rebuild them from (`cargo xtask dist --verify`).
//!
//! The commit is read by `build.rs` when the crate is built: from
//! `DOCKCERT_COMMIT` if it is set (`cargo xtask` sets it, and so may a
//! packager building from a tarball), else from this checkout's git `HEAD`,
//! else it is "unknown". It is never the time or the machine, so two builds of
//! one commit stay byte-identical. Bundles never carry it: a bundle depends
//! only on its plan, keys and clock (dockcert-core's `VERSION`).

#![forbid(unsafe_code)]

/// dockcert's version, as released.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The git commit this build was made from (the full hash; "-dirty" after
/// it when `cargo xtask` built from uncommitted changes), or "unknown" when
/// it was built outside a git checkout without `DOCKCERT_COMMIT`. A plain
/// `cargo build` names `HEAD` even with uncommitted changes: noticing them
/// would rerun the build script on every edit.
pub const COMMIT: &str = env!("DOCKCERT_COMMIT");

/// The version and the commit, as `dockcert --version` prints them after
/// the program's name: "0.1.0 (commit 0123…)".
pub const VERSION_AND_COMMIT: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("DOCKCERT_COMMIT"),
    ")"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commit_is_a_full_hash_or_unknown() {
        let hash = COMMIT.strip_suffix("-dirty").unwrap_or(COMMIT);
        assert!(
            COMMIT == "unknown"
                || ((7..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())),
            "{COMMIT:?}"
        );
        assert_eq!(VERSION_AND_COMMIT, format!("{VERSION} (commit {COMMIT})"));
    }
}
