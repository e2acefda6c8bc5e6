//! Where the bundle goes (`--out`): a zip or a folder, checked before any
//! key is made, so an existing bundle is never touched (a zip is replaced
//! only with --force; a folder that is not empty, never). [`crate::writer`]
//! writes it.

use std::fs;
use std::path::{Path, PathBuf};

use dockcert_core::bundle::archive;

use crate::failure::Failure;
use crate::problem::{OutProblem, Problem};

/// Where the bundle goes, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
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
    pub(crate) fn path(&self) -> &Path {
        match self {
            Target::Zip { path, .. } | Target::Dir { path } => path,
        }
    }
}

/// Checks `--out` without writing anything.
pub(crate) fn check(out: &Path, force: bool) -> Result<Target, Failure> {
    let shown = out.display().to_string();
    let refuse = |why: OutProblem| {
        Failure::input(Problem::Out {
            path: shown.clone(),
            why,
        })
    };
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| refuse(OutProblem::NoName))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match fs::metadata(&parent) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(refuse(OutProblem::ParentNotFolder(
                parent.display().to_string(),
            )))
        }
        Err(_) => {
            return Err(refuse(OutProblem::ParentMissing(
                parent.display().to_string(),
            )))
        }
    }
    let existing = fs::symlink_metadata(out).ok();
    if name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(".zip") {
        let top = name[..name.len() - 4].to_owned();
        archive::check_top_folder(&top).map_err(|e| refuse(OutProblem::TopFolder(e)))?;
        if let Some(meta) = existing {
            if meta.is_dir() {
                return Err(refuse(OutProblem::ZipIsFolder));
            }
            if !force {
                return Err(refuse(OutProblem::Exists));
            }
        }
        return Ok(Target::Zip {
            path: out.to_path_buf(),
            top,
            replace: force,
        });
    }
    if name.eq_ignore_ascii_case(".zip") {
        return Err(refuse(OutProblem::NothingBeforeZip));
    }
    if let Some(meta) = existing {
        if !meta.is_dir() {
            return Err(refuse(OutProblem::ExistsNotFolder));
        }
        let empty = fs::read_dir(out)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(refuse(OutProblem::NotEmpty));
        }
    }
    Ok(Target::Dir {
        path: out.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockcert_core::Lang;

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
        assert!(msg.text(Lang::En).starts_with(&format!(
            "--out {:?}: the folder",
            missing_parent.display().to_string()
        )));
        assert!(msg.text(Lang::En).contains("does not exist"));

        let existing = dir.path().join("b.zip");
        fs::write(&existing, b"x").unwrap();
        assert!(check(&existing, false)
            .unwrap_err()
            .text(Lang::En)
            .contains("add --force"));
        assert!(check(&existing, true).is_ok());

        let full = dir.path().join("full");
        fs::create_dir(&full).unwrap();
        fs::write(full.join("f"), b"x").unwrap();
        assert!(check(&full, false)
            .unwrap_err()
            .text(Lang::En)
            .contains("not empty"));
        assert!(check(&full, true)
            .unwrap_err()
            .text(Lang::En)
            .contains("not empty"));

        let empty = dir.path().join("empty");
        fs::create_dir(&empty).unwrap();
        assert!(check(&empty, false).is_ok());

        assert!(check(&dir.path().join(".zip"), false).is_err());
    }
}
