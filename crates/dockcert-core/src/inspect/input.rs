//! What inspect reads: files with their paths and modes, as the CLI finds
//! them in a folder or the page receives them, and bundle zips unpacked with
//! the same bounds in both faces.

use crate::lang::{localized_error, Lang, Localized};

/// One file to inspect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// Its path, relative to what was inspected (with `/`).
    pub path: String,
    /// Its contents.
    pub bytes: Vec<u8>,
    /// Its Unix permission bits, when known (files and zips; not stdin).
    pub mode: Option<u32>,
}

/// A file that could not be read as given.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InspectError {
    /// Not a zip that can be read.
    NotAZip(String),
    /// An entry of the zip is broken.
    Entry {
        /// Its index.
        index: usize,
        /// Why.
        reason: String,
    },
    /// An entry could not be unpacked.
    EntryRead {
        /// Its name.
        name: String,
        /// Why.
        reason: String,
    },
    /// The zip unpacks to more than this many bytes.
    Unpacks(u64),
    /// The zip has more entries than [`MAX_FILES`].
    TooManyEntries(usize),
}

impl Localized for InspectError {
    fn text(&self, lang: Lang) -> String {
        use InspectError as E;
        match (self, lang) {
            (E::NotAZip(why), Lang::En) => format!("not a readable zip: {why}"),
            (E::NotAZip(why), Lang::Zh) => format!("不是可读取的 zip：{why}"),
            (E::Entry { index, reason }, Lang::En) => format!("entry {index}: {reason}"),
            (E::Entry { index, reason }, Lang::Zh) => format!("第 {index} 项：{reason}"),
            (E::EntryRead { name, reason }, _) => format!("{name}: {reason}"),
            (E::Unpacks(limit), Lang::En) => format!(
                "the zip unpacks to more than {} MiB; a bundle is far smaller",
                limit / 1024 / 1024
            ),
            (E::Unpacks(limit), Lang::Zh) => format!(
                "这个 zip 解压后超过 {} MiB；证书包远比这小",
                limit / 1024 / 1024
            ),
            (E::TooManyEntries(n), Lang::En) => {
                format!("the zip has {n} entries; dockcert reads at most {MAX_FILES}")
            }
            (E::TooManyEntries(n), Lang::Zh) => {
                format!("这个 zip 有 {n} 个条目；dockcert 最多读取 {MAX_FILES} 个")
            }
        }
    }
}

localized_error!(InspectError);

/// Largest file read as a certificate, key, daemon.json or unit: each is a
/// few KB.
pub const MAX_FILE: u64 = crate::import::MAX_FILE;

/// Largest bundle zip read (its entries are bounded by [`MAX_UNPACKED`]).
pub const MAX_ZIP: u64 = 64 * 1024 * 1024;

/// Most files read from one folder, or entries from one zip: a bundle for
/// a fleet of thousands of hosts has a few tens of thousands.
pub const MAX_FILES: usize = 100_000;

/// Whether `head` (a file's first bytes) starts a zip (its local file header).
pub fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// The most bytes read of a file that starts with `head`.
pub fn limit_for(head: &[u8]) -> u64 {
    if is_zip(head) {
        MAX_ZIP
    } else {
        MAX_FILE
    }
}

/// Why a file was not inspected.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// Larger than anything of its kind.
    TooLarge {
        /// Its size.
        size: u64,
        /// The most read.
        limit: u64,
    },
    /// It could not be read.
    Unreadable(String),
    /// A zip that could not be unpacked.
    Zip(InspectError),
    /// A symbolic link, which inspect does not follow.
    Symlink,
    /// Not a regular file (a device, a pipe, a socket).
    NotAFile,
    /// Past the most files read from one folder.
    TooMany {
        /// How many more were there.
        more: usize,
    },
}

/// A file that was given but not inspected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Its path, as given.
    pub path: String,
    /// Why.
    pub reason: SkipReason,
}

impl Localized for Skipped {
    fn text(&self, lang: Lang) -> String {
        let path = &self.path;
        match (&self.reason, lang) {
            (SkipReason::TooLarge { size, limit }, Lang::En) => format!(
                "{path:?}: it is {size} bytes, larger than the {} KiB dockcert reads for it",
                limit / 1024
            ),
            (SkipReason::TooLarge { size, limit }, Lang::Zh) => format!(
                "{path:?}：文件有 {size} 字节，超过 dockcert 对此类文件读取的上限 {} KiB",
                limit / 1024
            ),
            (SkipReason::Unreadable(why), Lang::En) => format!("{path:?}: cannot read it: {why}"),
            (SkipReason::Unreadable(why), Lang::Zh) => format!("{path:?}：无法读取：{why}"),
            (SkipReason::Zip(e), Lang::En) => format!("{path:?}: {}", e.text(lang)),
            (SkipReason::Zip(e), Lang::Zh) => format!("{path:?}：{}", e.text(lang)),
            (SkipReason::Symlink, Lang::En) => {
                format!("{path:?}: a symbolic link; inspect does not follow links (name the file it points to)")
            }
            (SkipReason::Symlink, Lang::Zh) => {
                format!("{path:?}：这是符号链接；inspect 不跟随链接（请直接给出它指向的文件）")
            }
            (SkipReason::NotAFile, Lang::En) => {
                format!("{path:?}: not a regular file (a device, a pipe or a socket)")
            }
            (SkipReason::NotAFile, Lang::Zh) => format!("{path:?}：不是普通文件（设备、管道或套接字）"),
            (SkipReason::TooMany { more }, Lang::En) => format!(
                "{path:?}: {more} more files were not read; dockcert reads at most {MAX_FILES} files from one folder or zip"
            ),
            (SkipReason::TooMany { more }, Lang::Zh) => format!(
                "{path:?}：另有 {more} 个文件没有读取；dockcert 在一个文件夹或 zip 中最多读取 {MAX_FILES} 个文件"
            ),
        }
    }
}

crate::lang::display_in_english!(Skipped);

/// What was given to inspect: the files read (zips unpacked), and those
/// that could not be. Both faces gather with it, so they read and refuse
/// the same files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gathered {
    /// The files to inspect, zips unpacked (paths keep the zip's top folder).
    pub files: Vec<InputFile>,
    /// The files given but not inspected.
    pub skipped: Vec<Skipped>,
}

impl Gathered {
    /// Files already read, as they are (no limits applied, nothing skipped).
    pub fn of_files(files: Vec<InputFile>) -> Self {
        Gathered {
            files,
            skipped: Vec::new(),
        }
    }

    /// Whether another file may still be read.
    pub fn has_room(&self) -> bool {
        self.files.len() < MAX_FILES
    }

    /// Adds the file `path` (its contents, or why they could not be read,
    /// and its mode): a bundle zip's entries, or the file itself, replacing
    /// a file of the same path.
    pub fn add(&mut self, path: &str, bytes: Result<Vec<u8>, String>, mode: Option<u32>) {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(why) => return self.skip(path, SkipReason::Unreadable(why)),
        };
        let limit = limit_for(&bytes);
        let size = bytes.len() as u64;
        if size > limit {
            return self.skip(path, SkipReason::TooLarge { size, limit });
        }
        let found = if is_zip(&bytes) {
            match read_zip(&bytes) {
                Ok(files) => files,
                Err(e) => return self.skip(path, SkipReason::Zip(e)),
            }
        } else {
            vec![InputFile {
                path: path.to_owned(),
                bytes,
                mode,
            }]
        };
        for f in found {
            self.files.retain(|old| old.path != f.path);
            self.files.push(f);
        }
    }

    /// Records that `path` was not inspected, and why.
    pub fn skip(&mut self, path: &str, reason: SkipReason) {
        self.skipped.push(Skipped {
            path: path.to_owned(),
            reason,
        });
    }
}

/// Largest zip `read_zip` unpacks, in total bytes: bundles are kilobytes; this
/// stops a zip bomb.
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The files of a zip (a bundle to inspect), with their Unix modes when the
/// zip records them. Folders are skipped; paths keep their top folder.
pub fn read_zip(bytes: &[u8]) -> Result<Vec<InputFile>, InspectError> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| InspectError::NotAZip(e.to_string()))?;
    if zip.len() > MAX_FILES {
        return Err(InspectError::TooManyEntries(zip.len()));
    }
    let mut files = Vec::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| InspectError::Entry {
            index: i,
            reason: e.to_string(),
        })?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("entry {i}"));
        // The sizes a zip declares may lie: what is actually unpacked counts.
        let room = MAX_UNPACKED - total;
        let mut data = Vec::with_capacity(
            usize::try_from(entry.size().min(room))
                .unwrap_or(0)
                .min(1 << 20),
        );
        entry
            .by_ref()
            .take(room + 1)
            .read_to_end(&mut data)
            .map_err(|e| InspectError::EntryRead {
                name: name.clone(),
                reason: e.to_string(),
            })?;
        total += data.len() as u64;
        if total > MAX_UNPACKED {
            return Err(InspectError::Unpacks(MAX_UNPACKED));
        }
        files.push(InputFile {
            path: name,
            bytes: data,
            mode: entry.unix_mode().map(|m| m & 0o7777),
        });
    }
    Ok(files)
}

/// The last path component.
pub(crate) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder part of a path ("" at the top).
pub(crate) fn dir_name(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}
