//! What inspect reads: files with their paths and modes, as the CLI finds
//! them in a folder or the page receives them, and bundle zips unpacked with
//! the same bounds in both faces.

use std::collections::HashMap;

use super::limits::{is_zip, limit_for, MAX_FILES, MAX_GATHERED};
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
    /// A second file at a path already read: two names that differ only
    /// in bytes that are not UTF-8, or two entries of one zip at one path.
    SamePath,
    /// Past the most bytes read in one run, [`MAX_GATHERED`].
    TooMuch {
        /// How many files were not read for it.
        more: usize,
    },
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
            (SkipReason::Unreadable(why), Lang::Zh) => {
                format!("{path:?}：无法读取：{}", crate::lang::os_reason(why, Lang::Zh))
            }
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
            (SkipReason::SamePath, Lang::En) => format!(
                "{path:?}: another file was read at this path already (two entries of one zip at one path, or names that differ only in bytes that are not UTF-8); this one was not inspected"
            ),
            (SkipReason::SamePath, Lang::Zh) => format!(
                "{path:?}：此路径上已读取过另一个文件（zip 中两个条目同名，或文件名仅在非 UTF-8 字节上不同）；这个文件没有检查"
            ),
            (SkipReason::TooMuch { more }, Lang::En) => format!(
                "{path:?}: {more} files from here on were not read; dockcert reads at most {} MiB in all in one run",
                MAX_GATHERED / 1024 / 1024
            ),
            (SkipReason::TooMuch { more }, Lang::Zh) => format!(
                "{path:?}：从这里起有 {more} 个文件没有读取；dockcert 一次最多读取共 {} MiB",
                MAX_GATHERED / 1024 / 1024
            ),
            (SkipReason::TooMany { more }, Lang::En) => format!(
                "{path:?}: {more} more files were not read; dockcert reads at most {MAX_FILES} files from one folder or zip"
            ),
            (SkipReason::TooMany { more }, Lang::Zh) => format!(
                "{path:?}：另有 {more} 个文件没有读取；dockcert 在一个目录或 zip 中最多读取 {MAX_FILES} 个文件"
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
    /// Where each path is in `files`: a path is looked up, not searched
    /// for, so gathering 100,000 files stays linear.
    at: HashMap<String, usize>,
    /// The bytes of `files`, together.
    bytes: u64,
    /// Which of `skipped` counts the files past [`MAX_FILES`], and which
    /// those past [`MAX_GATHERED`].
    past_room: Option<usize>,
    past_budget: Option<usize>,
}

/// What to do with a file whose path was gathered already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Again {
    /// The new file replaces the old (the page: a file dropped again).
    Replaces,
    /// The new file is not read, and that is a finding (one folder, one zip).
    Refused,
}

impl Gathered {
    /// Files already read, as they are (no limits applied); a second file
    /// at a path is skipped, as [`Gathered::add_new`] skips it.
    pub fn of_files(files: Vec<InputFile>) -> Self {
        let mut gathered = Gathered::default();
        for f in files {
            gathered.put(f, Again::Refused);
        }
        gathered
    }

    /// Whether another file may still be read.
    pub fn has_room(&self) -> bool {
        self.files.len() < MAX_FILES
    }

    /// Whether `size` more bytes may still be read ([`MAX_GATHERED`]).
    pub fn has_bytes_for(&self, size: u64) -> bool {
        self.bytes.saturating_add(size) <= MAX_GATHERED
    }

    /// Whether a file at `path` was gathered.
    pub fn holds(&self, path: &str) -> bool {
        self.at.contains_key(path)
    }

    /// Adds the file `path` (its contents, or why they could not be read,
    /// and its mode): a bundle zip's entries, or the file itself, replacing
    /// a file of the same path (the page, when a file is dropped again).
    pub fn add(&mut self, path: &str, bytes: Result<Vec<u8>, String>, mode: Option<u32>) {
        self.add_with(path, bytes, mode, Again::Replaces);
    }

    /// Adds the file `path` as [`Gathered::add`] does, but a file at a path
    /// gathered already is not read, and is a finding: two names that differ
    /// only in bytes that are not UTF-8, a zip entry at a path a file of the
    /// folder holds (the CLI, which reads each file once).
    pub fn add_new(&mut self, path: &str, bytes: Result<Vec<u8>, String>, mode: Option<u32>) {
        self.add_with(path, bytes, mode, Again::Refused);
    }

    fn add_with(
        &mut self,
        path: &str,
        bytes: Result<Vec<u8>, String>,
        mode: Option<u32>,
        again: Again,
    ) {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(why) => return self.skip(path, SkipReason::Unreadable(why)),
        };
        let limit = limit_for(path, &bytes);
        let size = bytes.len() as u64;
        if size > limit {
            return self.skip(path, SkipReason::TooLarge { size, limit });
        }
        if !self.has_bytes_for(size) {
            return self.left_out(path, SkipReason::TooMuch { more: 1 });
        }
        if !is_zip(&bytes) {
            let file = InputFile {
                path: path.to_owned(),
                bytes,
                mode,
            };
            return self.put(file, again);
        }
        match super::unzip::unzip(&bytes) {
            Ok(unzipped) => {
                for f in unzipped.files {
                    self.put(f, again);
                }
                self.skipped.extend(unzipped.skipped);
            }
            Err(e) => self.skip(path, SkipReason::Zip(e)),
        }
    }

    /// Keeps `file`, or records why not.
    pub(super) fn put(&mut self, file: InputFile, again: Again) {
        match self.at.get(&file.path) {
            Some(&i) if again == Again::Replaces => {
                let old = std::mem::replace(&mut self.files[i], file);
                self.bytes = self.bytes - old.bytes.len() as u64 + self.files[i].bytes.len() as u64;
            }
            Some(_) => self.skip(&file.path, SkipReason::SamePath),
            None if !self.has_room() => self.left_out(&file.path, SkipReason::TooMany { more: 1 }),
            None if !self.has_bytes_for(file.bytes.len() as u64) => {
                self.left_out(&file.path, SkipReason::TooMuch { more: 1 })
            }
            None => {
                self.bytes += file.bytes.len() as u64;
                self.at.insert(file.path.clone(), self.files.len());
                self.files.push(file);
            }
        }
    }

    /// Records that files past [`MAX_FILES`] or [`MAX_GATHERED`] (`reason`,
    /// [`SkipReason::TooMany`] or [`SkipReason::TooMuch`]), the first at
    /// `path`, were not read: one finding for each limit, however many.
    pub fn left_out(&mut self, path: &str, reason: SkipReason) {
        let slot = match reason {
            SkipReason::TooMany { .. } => &mut self.past_room,
            _ => &mut self.past_budget,
        };
        let more = match reason {
            SkipReason::TooMany { more } | SkipReason::TooMuch { more } => more,
            _ => 1,
        };
        if let Some(Skipped {
            reason: SkipReason::TooMany { more: counted } | SkipReason::TooMuch { more: counted },
            ..
        }) = slot.and_then(|i| self.skipped.get_mut(i))
        {
            *counted += more;
            return;
        }
        *slot = Some(self.skipped.len());
        self.skip(path, reason);
    }

    /// Records that `path` was not inspected, and why.
    pub fn skip(&mut self, path: &str, reason: SkipReason) {
        self.skipped.push(Skipped {
            path: path.to_owned(),
            reason,
        });
    }
}

/// `path` as another file's finding or detail names it: whole up to 256
/// bytes, otherwise its start and end around "…". A file may be named by
/// thousands of others (a certificate by the copies of its key), so what
/// each says of it must not grow with its path.
pub(crate) fn short(path: &str) -> std::borrow::Cow<'_, str> {
    const MOST: usize = 256;
    if path.len() <= MOST {
        return std::borrow::Cow::Borrowed(path);
    }
    let mut head = MOST / 2;
    while !path.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = path.len() - MOST / 2;
    while !path.is_char_boundary(tail) {
        tail += 1;
    }
    std::borrow::Cow::Owned(format!("{}…{}", &path[..head], &path[tail..]))
}

/// The last path component.
pub(crate) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder part of a path ("" at the top).
pub(crate) fn dir_name(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::limits::MAX_FILE;

    #[test]
    fn a_path_given_again_replaces_on_the_page_and_is_a_finding_in_a_folder() {
        let mut page = Gathered::default();
        page.add("ca.pem", Ok(b"old".to_vec()), None);
        page.add("ca.pem", Ok(b"newer".to_vec()), None);
        assert_eq!(page.files.len(), 1);
        assert_eq!(page.files[0].bytes, b"newer");
        assert!(page.skipped.is_empty());
        let mut folder = Gathered::default();
        folder.add_new("key\u{fffd}.pem", Ok(b"one".to_vec()), Some(0o400));
        folder.add_new("key\u{fffd}.pem", Ok(b"two".to_vec()), Some(0o644));
        assert_eq!(folder.files.len(), 1);
        assert_eq!(folder.files[0].bytes, b"one");
        assert_eq!(folder.skipped.len(), 1);
        assert_eq!(folder.skipped[0].reason, SkipReason::SamePath);
        assert!(folder.holds("key\u{fffd}.pem"));
    }

    #[test]
    fn files_past_the_run_budget_are_one_finding() {
        let mut gathered = Gathered::default();
        let mib = MAX_FILE as usize;
        for i in 0..70 {
            gathered.add_new(&format!("f{i}"), Ok(vec![b'a'; mib]), None);
        }
        assert_eq!(gathered.files.len() as u64, MAX_GATHERED / MAX_FILE);
        assert_eq!(gathered.skipped.len(), 1);
        assert_eq!(
            gathered.skipped[0].to_string(),
            "\"f64\": 6 files from here on were not read; dockcert reads at most 64 MiB in all in one run"
        );
    }
}
