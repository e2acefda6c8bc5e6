//! Writing the bundle: checked before any key is made, written to a
//! temporary sibling, then renamed into place, so a failure leaves nothing
//! half-written and an existing bundle is never touched (a zip is replaced
//! only with --force; a folder that is not empty, never). In a folder, keys
//! are 0400 and certificates 0444 exactly; other files and the folders take
//! the user's umask, as every other tool's output does.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use dockcert_core::bundle::archive;
use dockcert_core::bundle::layout::DIR_MODE;
use dockcert_core::bundle::Bundle;

use crate::failure::{io_reason, Failure};

/// Mode of a zip file: it holds private keys, so only its owner may read it.
pub const ZIP_MODE: u32 = 0o600;

/// Where the bundle goes, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A zip file whose entries sit under `top/`.
    Zip {
        /// The zip's path.
        path: PathBuf,
        /// The top folder inside it: the file name without `.zip`.
        top: String,
        /// Whether an existing file may be replaced (--force).
        replace: bool,
    },
    /// A new folder (or an empty existing one).
    Dir {
        /// The folder's path.
        path: PathBuf,
    },
}

impl Target {
    /// The path written.
    pub fn path(&self) -> &Path {
        match self {
            Target::Zip { path, .. } | Target::Dir { path } => path,
        }
    }
}

/// Checks `--out` without writing anything.
pub fn check(out: &Path, force: bool) -> Result<Target, Failure> {
    let shown = out.display().to_string();
    let refuse = |problem: String| Failure::input(format!("--out {shown:?}: {problem}"));
    let name = out.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        refuse("must end in a file or folder name (UTF-8), like docker-tls.zip".into())
    })?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match fs::metadata(&parent) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(refuse(format!(
                "{:?} is not a folder",
                parent.display().to_string()
            )))
        }
        Err(_) => {
            return Err(refuse(format!(
                "the folder {:?} does not exist; make it first",
                parent.display().to_string()
            )))
        }
    }
    let existing = fs::symlink_metadata(out).ok();
    if name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(".zip") {
        let top = name[..name.len() - 4].to_owned();
        archive::check_top_folder(&top).map_err(|e| refuse(e.to_string()))?;
        if let Some(meta) = existing {
            if meta.is_dir() {
                return Err(refuse("is a folder; give a new .zip file name".into()));
            }
            if !force {
                return Err(refuse("already exists; add --force to replace it".into()));
            }
        }
        return Ok(Target::Zip {
            path: out.to_path_buf(),
            top,
            replace: force,
        });
    }
    if name.eq_ignore_ascii_case(".zip") {
        return Err(refuse(
            "needs a name before .zip, like docker-tls.zip".into(),
        ));
    }
    if let Some(meta) = existing {
        if !meta.is_dir() {
            return Err(refuse(
                "already exists and is not a folder; name a new folder, or a file ending in .zip"
                    .into(),
            ));
        }
        let empty = fs::read_dir(out)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(refuse(
                "is a folder that is not empty; dockcert only writes a new or empty folder".into(),
            ));
        }
    }
    Ok(Target::Dir {
        path: out.to_path_buf(),
    })
}

/// Writes `bundle` to `target`.
pub fn write(target: &Target, bundle: &Bundle) -> Result<(), Failure> {
    match target {
        Target::Zip { path, top, replace } => {
            let bytes = archive::to_zip(bundle, top).map_err(|e| Failure::run(e.to_string()))?;
            write_file_atomically(path, &bytes, *replace)
        }
        Target::Dir { path } => write_dir_atomically(path, bundle),
    }
}

fn temp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bundle".into());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    path.with_file_name(format!(
        ".{name}.dockcert-tmp-{}-{nanos}",
        std::process::id()
    ))
}

fn write_file_atomically(path: &Path, bytes: &[u8], replace: bool) -> Result<(), Failure> {
    let tmp = temp_sibling(path);
    let fail = |what: &str, e: std::io::Error| {
        Failure::run(format!(
            "could not {what} {}: {}",
            path.display(),
            io_reason(&e)
        ))
    };
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(ZIP_MODE)
            .open(&tmp)
            .map_err(|e| fail("write", e))?;
        file.write_all(bytes).map_err(|e| fail("write", e))?;
        file.sync_all().map_err(|e| fail("write", e))?;
        drop(file);
        if replace {
            fs::rename(&tmp, path).map_err(|e| fail("replace", e))
        } else {
            // A hard link fails if the name appeared meanwhile: never clobber.
            fs::hard_link(&tmp, path).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Failure::input(format!(
                        "--out {:?}: already exists; add --force to replace it",
                        path.display().to_string()
                    ))
                } else {
                    fail("write", e)
                }
            })?;
            fs::remove_file(&tmp).map_err(|e| fail("tidy up after writing", e))
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_dir_atomically(path: &Path, bundle: &Bundle) -> Result<(), Failure> {
    let tmp = temp_sibling(path);
    let fail = |e: std::io::Error| {
        Failure::run(format!(
            "could not write the folder {}: {}",
            path.display(),
            io_reason(&e)
        ))
    };
    let result = (|| {
        // Secret files are created 0400 from the start, so the folder never
        // needs to be narrower than the umask makes it.
        DirBuilder::new()
            .mode(DIR_MODE)
            .create(&tmp)
            .map_err(fail)?;
        for file in &bundle.files {
            let dest = tmp.join(&file.path);
            if let Some(parent) = dest.parent() {
                DirBuilder::new()
                    .recursive(true)
                    .mode(DIR_MODE)
                    .create(parent)
                    .map_err(fail)?;
            }
            let mut out = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(file.mode())
                .open(&dest)
                .map_err(fail)?;
            out.write_all(&file.contents).map_err(fail)?;
            out.sync_all().map_err(fail)?;
            if file.kind.has_exact_mode() {
                // The umask may have narrowed a certificate's 0444 at creation.
                out.set_permissions(fs::Permissions::from_mode(file.mode()))
                    .map_err(fail)?;
            }
        }
        File::open(&tmp).and_then(|d| d.sync_all()).map_err(fail)?;
        // rename(2) replaces an empty folder and fails on one that is not empty.
        fs::rename(&tmp, path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::DirectoryNotEmpty || e.raw_os_error() == Some(39) {
                Failure::input(format!(
                    "--out {:?}: is a folder that is not empty; dockcert only writes a new or empty folder",
                    path.display().to_string()
                ))
            } else {
                fail(e)
            }
        })
    })();
    if result.is_err() {
        let _ = make_removable(&tmp);
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

fn walk_dirs(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut dirs = vec![root.to_path_buf()];
    let mut i = 0;
    while i < dirs.len() {
        for entry in fs::read_dir(&dirs[i])? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                dirs.push(entry.path());
            }
        }
        i += 1;
    }
    Ok(dirs)
}

fn make_removable(root: &Path) -> std::io::Result<()> {
    for dir in walk_dirs(root)? {
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_or_folder_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let zip = dir.path().join("docker-tls.zip");
        assert_eq!(
            check(&zip, false).unwrap(),
            Target::Zip {
                path: zip.clone(),
                top: "docker-tls".into(),
                replace: false
            }
        );
        let upper = dir.path().join("B.ZIP");
        assert!(matches!(check(&upper, false).unwrap(), Target::Zip { top, .. } if top == "B"));
        let folder = dir.path().join("bundle");
        assert_eq!(check(&folder, false).unwrap(), Target::Dir { path: folder });
    }

    #[test]
    fn refusals_name_out_and_echo_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing_parent = dir.path().join("nope/b.zip");
        let msg = check(&missing_parent, false).unwrap_err();
        assert!(matches!(msg, Failure::Input(_)));
        assert!(msg.message().starts_with(&format!(
            "--out {:?}: the folder",
            missing_parent.display().to_string()
        )));
        assert!(msg.message().contains("does not exist"));

        let existing = dir.path().join("b.zip");
        fs::write(&existing, b"x").unwrap();
        assert!(check(&existing, false)
            .unwrap_err()
            .message()
            .contains("add --force"));
        assert!(check(&existing, true).is_ok());

        let full = dir.path().join("full");
        fs::create_dir(&full).unwrap();
        fs::write(full.join("f"), b"x").unwrap();
        assert!(check(&full, false)
            .unwrap_err()
            .message()
            .contains("not empty"));
        assert!(check(&full, true)
            .unwrap_err()
            .message()
            .contains("not empty"));

        let empty = dir.path().join("empty");
        fs::create_dir(&empty).unwrap();
        assert!(check(&empty, false).is_ok());

        assert!(check(&dir.path().join(".zip"), false).is_err());
    }
}
