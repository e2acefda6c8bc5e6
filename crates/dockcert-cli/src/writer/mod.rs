//! Writing the bundle as it is made: every file goes into a temporary
//! sibling of `--out` the moment the core makes it, and only when the last
//! one is in does it take its name, so a failure leaves nothing half-written
//! and a fleet of 10,000 hosts is never all in memory. In a folder, keys
//! are 0400 and certificates 0444 exactly; other files and the folders take
//! the user's umask, as every other tool's output does.

use std::collections::HashSet;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use dockcert_core::bundle::archive::ZipSink;
use dockcert_core::bundle::layout::{FileKind, DIR_MODE};
use dockcert_core::bundle::{Bundle, BundleError};

use crate::failure::{io_reason, Failure};
use crate::output::Target;
use crate::problem::{OutProblem, Problem, Reason, WriteStep};

mod buffer;
mod early_sync;

use buffer::WipedBuffer;

/// Mode of a zip file: it holds private keys, so only its owner may read it.
pub(crate) const ZIP_MODE: u32 = 0o600;

/// A bundle being written under a temporary name. [`Writer::commit`] gives
/// it its name; dropped without that, it is removed.
pub(crate) struct Writer {
    path: PathBuf,
    tmp: PathBuf,
    into: Dest,
    /// The first failure, in the CLI's words (the core only hears that the
    /// sink stopped).
    failure: Option<Failure>,
}

enum Dest {
    Zip {
        zip: Box<ZipSink<WipedBuffer>>,
        replace: bool,
    },
    Dir {
        made: HashSet<PathBuf>,
        /// The umask, which may narrow a certificate's 0444 at creation.
        umask: u32,
    },
    Done,
}

/// Starts writing to `target` a bundle made at `created`.
pub(crate) fn open(target: &Target, created: OffsetDateTime) -> Result<Writer, Failure> {
    let tmp = temp_sibling(target.path());
    let fail = |e: std::io::Error| {
        write_failed(WriteStep::Write, target.path(), Reason::Os(io_reason(&e)))
    };
    let into = match target {
        Target::Zip { top, replace, .. } => {
            let file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(ZIP_MODE)
                .open(&tmp)
                .map_err(fail)?;
            let zip = ZipSink::new(WipedBuffer::new(file), top, created).map_err(|e| {
                let _ = fs::remove_file(&tmp);
                Failure::run(e)
            })?;
            Dest::Zip {
                zip: Box::new(zip),
                replace: *replace,
            }
        }
        Target::Dir { .. } => {
            // Secret files are created 0400 from the start, so the folder
            // never needs to be narrower than the umask makes it.
            DirBuilder::new()
                .mode(DIR_MODE)
                .create(&tmp)
                .map_err(fail)?;
            Dest::Dir {
                made: HashSet::new(),
                umask: umask(),
            }
        }
    };
    Ok(Writer {
        path: target.path().to_path_buf(),
        tmp,
        into,
        failure: None,
    })
}

/// Writes `bundle`, its files held in it (made in memory), to `target`.
pub(crate) fn write(target: &Target, bundle: &Bundle) -> Result<(), Failure> {
    if !bundle.has_contents() {
        return Err(Failure::run(BundleError::FilesNotHeld));
    }
    let mut writer = open(target, bundle.created)?;
    for (file, contents) in bundle.with_contents() {
        writer
            .add(&file.path, file.kind, contents)
            .map_err(|e| writer.failed(e))?;
    }
    writer.commit()
}

impl Writer {
    /// A writer with nothing to write or remove.
    pub(crate) fn stopped() -> Self {
        Writer {
            path: PathBuf::new(),
            tmp: PathBuf::new(),
            into: Dest::Done,
            failure: None,
        }
    }

    /// The failure that stopped the bundle: the writer's own, if it was
    /// the writer that stopped it, else `e`'s.
    pub(crate) fn failed(&mut self, e: BundleError) -> Failure {
        self.failure
            .take()
            .unwrap_or_else(|| write_failed(WriteStep::Write, &self.path, Reason::Bundle(e)))
    }

    /// Writes the file of `kind` at bundle path `path`, holding `contents`.
    pub(crate) fn add(
        &mut self,
        path: &str,
        kind: FileKind,
        contents: &[u8],
    ) -> Result<(), BundleError> {
        match &mut self.into {
            Dest::Zip { zip, .. } => zip.add(path, kind, contents),
            Dest::Dir { made, umask } => add_to_dir(&self.tmp, made, *umask, path, kind, contents)
                .map_err(|e| {
                    let why = io_reason(&e);
                    self.failure = Some(write_failed(
                        WriteStep::WriteFolder,
                        &self.path,
                        Reason::Os(why.clone()),
                    ));
                    BundleError::Write {
                        path: path.to_owned(),
                        why,
                    }
                }),
            Dest::Done => Err(BundleError::Zip("already finished".into())),
        }
    }

    /// Gives the finished bundle its name: every byte on disk first.
    pub(crate) fn commit(mut self) -> Result<(), Failure> {
        let into = std::mem::replace(&mut self.into, Dest::Done);
        let result = match into {
            Dest::Zip { zip, replace } => commit_zip(&self.path, &self.tmp, *zip, replace),
            Dest::Dir { .. } => commit_dir(&self.path, &self.tmp),
            Dest::Done => Ok(()),
        };
        if result.is_err() {
            remove(&self.tmp);
        }
        result
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        match self.into {
            Dest::Done => {}
            _ => remove(&self.tmp),
        }
    }
}

/// The process's umask (read by setting it and putting it back, before
/// any other thread writes files).
fn umask() -> u32 {
    use rustix::fs::Mode;
    let old = rustix::process::umask(Mode::empty());
    rustix::process::umask(old);
    old.bits()
}

fn add_to_dir(
    tmp: &Path,
    made: &mut HashSet<PathBuf>,
    umask: u32,
    path: &str,
    kind: FileKind,
    contents: &[u8],
) -> std::io::Result<()> {
    let mode = kind.spec().mode;
    let dest = tmp.join(path);
    if let Some(parent) = dest.parent() {
        if !made.contains(parent) {
            DirBuilder::new()
                .recursive(true)
                .mode(DIR_MODE)
                .create(parent)?;
            made.insert(parent.to_path_buf());
        }
    }
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(&dest)?;
    out.write_all(contents)?;
    if kind.has_exact_mode() && mode & umask != 0 {
        // The umask narrowed a certificate's 0444 at creation.
        out.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

fn commit_zip(
    path: &Path,
    tmp: &Path,
    zip: ZipSink<WipedBuffer>,
    replace: bool,
) -> Result<(), Failure> {
    let fail =
        |step: WriteStep, e: std::io::Error| write_failed(step, path, Reason::Os(io_reason(&e)));
    let file = zip
        .finish()
        .and_then(WipedBuffer::finish)
        .map_err(|e| write_failed(WriteStep::Write, path, Reason::Os(e.to_string())))?;
    file.sync_all().map_err(|e| fail(WriteStep::Write, e))?;
    drop(file);
    if replace {
        fs::rename(tmp, path).map_err(|e| fail(WriteStep::Replace, e))
    } else {
        // A hard link fails if the name appeared meanwhile: never clobber.
        fs::hard_link(tmp, path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Failure::input(Problem::Out {
                    path: path.display().to_string(),
                    why: OutProblem::Exists,
                })
            } else {
                fail(WriteStep::Write, e)
            }
        })?;
        fs::remove_file(tmp).map_err(|e| fail(WriteStep::TidyUp, e))
    }
}

fn commit_dir(path: &Path, tmp: &Path) -> Result<(), Failure> {
    let fail =
        |e: std::io::Error| write_failed(WriteStep::WriteFolder, path, Reason::Os(io_reason(&e)));
    // Every file and folder reaches the disk before the folder takes its
    // name: one syncfs(2) for the whole file system instead of an fsync
    // per file (10,000 hosts are 120,000 files).
    let top = File::open(tmp).map_err(fail)?;
    rustix::fs::syncfs(&top).map_err(|e| fail(e.into()))?;
    // rename(2) replaces an empty folder and fails on one that is not empty.
    fs::rename(tmp, path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::DirectoryNotEmpty || e.raw_os_error() == Some(39) {
            Failure::input(Problem::Out {
                path: path.display().to_string(),
                why: OutProblem::NotEmpty,
            })
        } else {
            fail(e)
        }
    })?;
    // And the new name itself.
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    File::open(parent).and_then(|d| d.sync_all()).map_err(fail)
}

/// Removes what was written under the temporary name, folder or zip.
fn remove(tmp: &Path) {
    match fs::symlink_metadata(tmp) {
        Ok(meta) if meta.is_dir() => {
            let _ = make_removable(tmp);
            let _ = fs::remove_dir_all(tmp);
        }
        Ok(_) => {
            let _ = fs::remove_file(tmp);
        }
        Err(_) => {}
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
/// A write of `path` that failed while doing `step`.
fn write_failed(step: WriteStep, path: &Path, why: Reason) -> Failure {
    Failure::run(Problem::Write {
        step,
        path: path.display().to_string(),
        why,
    })
}
