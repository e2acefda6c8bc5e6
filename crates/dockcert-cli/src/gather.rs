//! Gathering what `inspect` and `expiry` read: files, folders (walked,
//! links named and not followed) and bundle zips, each file bounded before
//! it is read, each file not read kept with why, a file reached twice read
//! once.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use dockcert_core::inspect::{self, Gathered, SkipReason};
use dockcert_core::rotate;

use crate::failure::{io_reason, Failure};
use crate::problem::{Named, Problem};
use crate::read;

/// Which of a folder's files are read. A file named on the command line is
/// always read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Select {
    /// Every file (inspect: keys, settings, units, Dockerfiles too).
    #[default]
    Everything,
    /// Files named as certificates or zips are (`.pem`, `.crt`, `.cer`,
    /// `.cert`, `.der`, `.zip`, but not a key's `key.pem`, `*-key.pem`), and
    /// a CA's inventory (`inventory.jsonl`); the
    /// others are counted, not read (expiry: a fleet's tree holds ten other
    /// files for each certificate).
    Certificates,
}

impl Select {
    fn reads(self, name: &str) -> bool {
        match self {
            Select::Everything => true,
            Select::Certificates => {
                let lower = name.to_ascii_lowercase();
                [".pem", ".crt", ".cer", ".cert", ".der", ".zip"]
                    .iter()
                    .any(|ext| lower.ends_with(ext))
                    && !lower.ends_with("key.pem")
                    || lower.ends_with(dockcert_core::import::inventory::FILE_NAME)
            }
        }
    }
}

/// The files read so far, by device and inode, and which typed path each
/// was first reached from: a file reached again from another typed path
/// (given twice, by two names, or inside a folder also given) is read once,
/// under the name it was first reached by, so it is not judged as two
/// files (two copies of one CA, one key paired twice).
#[derive(Default)]
pub(crate) struct Read {
    /// The typed path being gathered, counted from 0.
    typed: usize,
    first: HashMap<(u64, u64), usize>,
    /// Which of a folder's files are read.
    select: Select,
    /// A folder's files [`Select`] passed over (not certificates by name).
    pub(crate) passed_over: usize,
}

impl Read {
    /// Reading a folder's files as `select` says.
    pub(crate) fn selecting(select: Select) -> Self {
        Read {
            select,
            ..Read::default()
        }
    }
}

impl Read {
    /// Whether the file of `meta` was reached from an earlier typed path;
    /// it is now known to be reached from this one.
    fn again(&mut self, meta: &std::fs::Metadata) -> bool {
        use std::os::unix::fs::MetadataExt;
        let typed = self.typed;
        *self.first.entry((meta.dev(), meta.ino())).or_insert(typed) != typed
    }
}

/// The files under `path`, gathered as the page gathers them: one file, every
/// file of a folder (recursively; links are named, not followed), or every
/// entry of a zip; each bounded before it is read, each file not read kept
/// with why. Nothing is skipped without a finding: a pipe, a socket or a
/// device is judged by its type before it is read (and opened without
/// waiting, as it may change in between), a folder that cannot be listed,
/// and a second file at one shown path, are each named. One path given
/// alone is shown as before (a file by its name, a folder's files from the
/// folder); of `several`, each as typed (a folder's files under it).
pub(crate) fn gather(
    path: &Path,
    several: bool,
    gathered: &mut Gathered,
    read: &mut Read,
) -> Result<(), Failure> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        Failure::input(Problem::Unreadable {
            named: Named::value(&shown),
            why: io_reason(&e),
        })
    })?;
    let typed = shown_name(path.as_os_str());
    let result = gather_one(
        path,
        &meta,
        several.then_some(typed.as_str()),
        gathered,
        read,
    );
    read.typed += 1;
    result
}

/// [`gather`] of one path whose metadata is `meta`, its files named under
/// `typed` when given.
fn gather_one(
    path: &Path,
    meta: &std::fs::Metadata,
    typed: Option<&str>,
    gathered: &mut Gathered,
    read: &mut Read,
) -> Result<(), Failure> {
    let shown = path.display().to_string();
    if !meta.is_dir() {
        let name = match typed {
            Some(typed) => typed.to_owned(),
            None => path.file_name().map(shown_name).unwrap_or(shown),
        };
        // Named by the user: a link to it is followed, as `cat` would.
        add_file(gathered, read, path, &name, true);
        return Ok(());
    }
    // A folder's files under it as typed ("certs/" and "certs" alike).
    let under = |rel: String| match typed {
        Some(top) => {
            let top = top.trim_end_matches('/');
            let top = if top.is_empty() { "/" } else { top };
            if top.ends_with('/') {
                format!("{top}{rel}")
            } else {
                format!("{top}/{rel}")
            }
        }
        None => rel,
    };
    let mut pending: Vec<PathBuf> = vec![path.to_path_buf()];
    let mut left_out = 0;
    while let Some(dir) = pending.pop() {
        let listed: Result<Vec<_>, _> = std::fs::read_dir(&dir).and_then(|list| list.collect());
        let mut entries = match listed {
            Ok(entries) => entries,
            Err(e) => {
                let rel = under(relative(&dir, path));
                gathered.skip(&rel, SkipReason::Unreadable(io_reason(&e)));
                continue;
            }
        };
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let p = entry.path();
            let rel = under(relative(&p, path));
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(p),
                Ok(_) if !gathered.has_room() => left_out += 1,
                Ok(kind) if kind.is_symlink() => gathered.skip(&rel, SkipReason::Symlink),
                Ok(kind) if kind.is_file() && !read.select.reads(&rel) => read.passed_over += 1,
                Ok(kind) if kind.is_file() => add_file(gathered, read, &p, &rel, false),
                Ok(_) => gathered.skip(&rel, SkipReason::NotAFile),
                Err(e) => gathered.skip(&rel, SkipReason::Unreadable(io_reason(&e))),
            }
        }
    }
    if left_out > 0 {
        gathered.left_out(&shown, SkipReason::TooMany { more: left_out });
    }
    Ok(())
}

/// The files of the bundle at `path` that a rotation reads
/// ([`rotate::FILES`] in each `server/NAME/` and `client/NAME/` of the
/// folder, or of one top folder in it, as a zip has), each opened by its
/// name: a fleet's other files (in every client folder a docker context
/// for every host, a million files for 1,000 hosts and 1,000 clients, and
/// a README.txt listing them) are neither read nor listed. A member folder
/// that is a link, or cannot be listed, is kept with why, under its
/// certificate's path. A zip is gathered whole, as inspect gathers one.
pub(crate) fn bundle_members(path: &Path, gathered: &mut Gathered) -> Result<(), Failure> {
    let mut read = Read::default();
    if !path.is_dir() {
        return gather(path, false, gathered, &mut read);
    }
    let has_members = |dir: &Path| {
        rotate::FILES
            .iter()
            .any(|(role, _)| dir.join(role).is_dir())
    };
    let tops: Vec<(PathBuf, String)> = if has_members(path) {
        vec![(path.to_path_buf(), String::new())]
    } else {
        let listed: Result<Vec<_>, _> = std::fs::read_dir(path).and_then(|list| list.collect());
        let mut entries = listed.map_err(|e| {
            Failure::input(Problem::Unreadable {
                named: Named::value(path.display().to_string()),
                why: io_reason(&e),
            })
        })?;
        entries.sort_by_key(|e| e.file_name());
        entries
            .iter()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()) && has_members(&e.path()))
            .map(|e| (e.path(), format!("{}/", shown_name(&e.file_name()))))
            .collect()
    };
    for (top, prefix) in tops {
        for (role, files) in rotate::FILES {
            let listed: Result<Vec<_>, _> =
                std::fs::read_dir(top.join(role)).and_then(|list| list.collect());
            let mut entries = match listed {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    gathered.skip(
                        &format!("{prefix}{role}"),
                        SkipReason::Unreadable(io_reason(&e)),
                    );
                    continue;
                }
            };
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                let folder = format!("{prefix}{role}/{}", shown_name(&entry.file_name()));
                // Said of the certificate, the file that makes it a member's.
                let certificate = format!("{folder}/{}", files[0]);
                match entry.file_type() {
                    Ok(kind) if kind.is_dir() => {}
                    Ok(kind) if kind.is_symlink() => {
                        gathered.skip(&certificate, SkipReason::Symlink);
                        continue;
                    }
                    // A file beside the members' folders is no member.
                    Ok(_) => continue,
                    Err(e) => {
                        gathered.skip(&certificate, SkipReason::Unreadable(io_reason(&e)));
                        continue;
                    }
                }
                for file in files.iter() {
                    let p = entry.path().join(file);
                    match std::fs::symlink_metadata(&p) {
                        // Only the certificate is needed; the rest, if there.
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        _ => add_file(gathered, &mut read, &p, &format!("{folder}/{file}"), false),
                    }
                }
            }
        }
    }
    Ok(())
}

/// `p` relative to the inspected `top`, with `/` between its parts.
fn relative(p: &Path, top: &Path) -> String {
    let rel = p.strip_prefix(top).unwrap_or(p);
    let parts: Vec<String> = rel.iter().map(shown_name).collect();
    parts.join("/")
}

/// A file name as text. Bytes that are not UTF-8 are shown as `\xff`, not
/// all as one replacement character, so two names that differ only in them
/// stay two names (and if they still meet, the second is a finding).
pub(crate) fn shown_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut text = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        text.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(text, "\\x{b:02x}");
        }
    }
    text
}

/// Reads the file at `p` as `name`, bounded by what its first bytes say it
/// is (a zip may be larger than a certificate), into `gathered`. It is
/// opened without waiting and without following a link (unless `follow`),
/// and read only if it is a regular file.
fn add_file(gathered: &mut Gathered, read: &mut Read, p: &Path, name: &str, follow: bool) {
    use std::io::Read;
    use std::os::unix::fs::PermissionsExt;
    let opened = read::open(p, follow).and_then(|f| f.metadata().map(|m| (f, m)));
    let (mut file, meta) = match opened {
        Ok(opened) => opened,
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            return gathered.skip(name, SkipReason::Symlink)
        }
        Err(e) => return gathered.skip(name, SkipReason::Unreadable(io_reason(&e))),
    };
    if !meta.is_file() {
        return gathered.skip(name, SkipReason::NotAFile);
    }
    if read.again(&meta) {
        return;
    }
    let mut head = [0u8; 4];
    let got = match file.read(&mut head) {
        Ok(n) => n,
        Err(e) => return gathered.skip(name, SkipReason::Unreadable(io_reason(&e))),
    };
    let limit = inspect::limit_for(name, &head[..got]);
    if meta.len() <= limit && !gathered.has_bytes_for(meta.len()) {
        return gathered.left_out(name, SkipReason::TooMuch { more: 1 });
    }
    if meta.len() > limit {
        return gathered.skip(
            name,
            SkipReason::TooLarge {
                size: meta.len(),
                limit,
            },
        );
    }
    let rest = read::read_at_most(file, limit, usize::try_from(meta.len()).unwrap_or(0));
    match rest {
        Ok(rest) => {
            let mut bytes = head[..got].to_vec();
            bytes.extend_from_slice(&rest);
            let mode = Some(meta.permissions().mode() & 0o7777);
            gathered.add_new(name, Ok(bytes), mode);
        }
        Err(read::ReadError::Io(why)) => gathered.skip(name, SkipReason::Unreadable(why)),
        Err(_) => gathered.skip(
            name,
            SkipReason::TooLarge {
                size: meta.len(),
                limit,
            },
        ),
    }
}
