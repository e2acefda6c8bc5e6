//! The bundle as a zip: one top folder, every entry with its Unix mode (so
//! `unzip` restores 0400 and 0444) and the bundle's creation time.

use std::collections::HashSet;
use std::io::{Cursor, Write};

use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::contents::{Bundle, BundleFile, FileSink};
use super::error::BundleError;
use super::layout::{FileKind, DIR_MODE};

mod deflate;
mod records;

use deflate::Deflater;
use records::{Entry, Method};

/// Checks the name of the zip's top folder (the zip's file name without
/// `.zip`, or the page's default).
pub fn check_top_folder(name: &str) -> Result<(), BundleError> {
    if name.is_empty() || name == "." || name == ".." {
        return Err(BundleError::TopFolderEmpty);
    }
    if name.contains(['/', '\\']) || name.chars().any(char::is_control) {
        return Err(BundleError::TopFolder(name.to_owned()));
    }
    Ok(())
}

/// Writes `bundle` as a zip whose entries all sit under `top/`, in memory
/// that is wiped when dropped. The buffer is sized up front for the whole
/// zip, so it never grows and leaves no copy of a key behind.
pub fn to_zip(bundle: &Bundle, top: &str) -> Result<Zeroizing<Vec<u8>>, BundleError> {
    let mut buffer = Zeroizing::new(Vec::with_capacity(zip_room(bundle, top)));
    write_zip(bundle, top, Cursor::new(&mut *buffer))?;
    Ok(buffer)
}

/// More than the zip of `bundle` can take: deflate never grows text by more
/// than a few bytes a block, and every entry (and every folder) costs a
/// local header, a central one and its name twice.
pub(crate) fn zip_room(bundle: &Bundle, top: &str) -> usize {
    let files = bundle.files();
    let contents: usize = files.iter().map(|f| f.size).sum();
    let names: usize = files.iter().map(|f| f.path.len() + top.len()).sum();
    contents + contents / 8 + 2 * names + 512 * (2 * files.len() + 16)
}

/// Writes `bundle` as a zip whose entries all sit under `top/` into `out`;
/// its files must be held in it (see [`super::FilesTo`]).
pub fn write_zip<W: Write>(bundle: &Bundle, top: &str, out: W) -> Result<W, BundleError> {
    if !bundle.has_contents() {
        return Err(BundleError::FilesNotHeld);
    }
    let mut zip = ZipSink::new(out, top, bundle.created)?;
    for (file, contents) in bundle.with_contents() {
        zip.add(&file.path, file.kind, contents)?;
    }
    zip.finish()
}

/// A zip being written, one file at a time, front to back: every entry
/// under `top/`, each folder once before its first file, all stamped with
/// the bundle's time. Private keys (and context files, which hold one) are
/// stored, not deflated, so no compressor's buffer ever holds one.
///
/// The central directory (the list `unzip` shows and extracts by) names
/// the top folder, then its own files (README.txt, manifest.json), then the
/// rest as written: the CLI, which streams and so makes README.txt last,
/// gives a zip that lists as the page's does.
pub struct ZipSink<W: Write> {
    written: Written<W>,
    top: String,
    stamp: (u16, u16),
    made_dirs: HashSet<String>,
    deflater: Deflater,
}

/// The zip's bytes so far, and its central directory to write at the end.
struct Written<W: Write> {
    out: W,
    /// Bytes written so far: where the next entry starts.
    at: u64,
    /// The central directory's records of the top folder and its own
    /// files, written first.
    central_top: Vec<u8>,
    /// The central directory's other records.
    central: Vec<u8>,
    entries: u64,
}

impl<W: Write> ZipSink<W> {
    /// A zip into `out` whose entries sit under `top/`, made at `created`.
    pub fn new(out: W, top: &str, created: OffsetDateTime) -> Result<Self, BundleError> {
        check_top_folder(top)?;
        let mut sink = ZipSink {
            written: Written {
                out,
                at: 0,
                central_top: Vec::new(),
                central: Vec::new(),
                entries: 0,
            },
            top: top.to_owned(),
            // The bundle's own time: the core never reads the clock.
            stamp: records::dos_stamp(created),
            made_dirs: HashSet::new(),
            deflater: Deflater::new(),
        };
        sink.add_dir(&format!("{top}/"), true)?;
        Ok(sink)
    }

    /// Adds the folder `dir` (ending in `/`) unless it is there already:
    /// asked for every file's folders, it allocates only for a new one.
    fn add_dir(&mut self, dir: &str, top_level: bool) -> Result<(), BundleError> {
        if !self.made_dirs.contains(dir) {
            self.written
                .put(&folder_entry(dir, self.stamp), &[], top_level)?;
            self.made_dirs.insert(dir.to_owned());
        }
        Ok(())
    }

    /// Adds the file of `kind` at bundle path `path` holding `text`, and the
    /// folders above it not added yet.
    pub fn add(&mut self, path: &str, kind: FileKind, text: &[u8]) -> Result<(), BundleError> {
        let mut prefix = format!("{}/", self.top);
        if let Some((folders, _)) = path.rsplit_once('/') {
            for part in folders.split('/') {
                prefix.push_str(part);
                prefix.push('/');
                self.add_dir(&prefix, false)?;
            }
        }
        let name = format!("{}/{}", self.top, path);
        let size = size32(text.len(), &name)?;
        let (method, crc, data) = if kind.holds_secret() {
            (Method::Stored, crc32fast::hash(text), text)
        } else {
            let (crc, deflated) = self.deflater.deflate(text)?;
            (Method::Deflated, crc, deflated)
        };
        let entry = Entry {
            name: &name,
            method,
            crc,
            compressed: size32(data.len(), &name)?,
            size,
            mode: kind.spec().mode,
            directory: false,
            stamp: self.stamp,
        };
        self.written.put(&entry, data, !path.contains('/'))
    }

    /// Writes the zip's central directory and end, and hands back `out`.
    pub fn finish(self) -> Result<W, BundleError> {
        self.written.finish()
    }
}

impl<W: Write> Written<W> {
    /// Writes `entry`'s local header and `data`; its central record is
    /// listed with the top folder's own when `top_level`.
    fn put(&mut self, entry: &Entry<'_>, data: &[u8], top_level: bool) -> Result<(), BundleError> {
        entry.write_local(&mut self.out).map_err(io_err)?;
        self.out.write_all(data).map_err(io_err)?;
        let central = if top_level {
            &mut self.central_top
        } else {
            &mut self.central
        };
        entry.push_central(self.at, central).map_err(io_err)?;
        self.at += (30 + entry.name.len() + data.len()) as u64;
        self.entries += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<W, BundleError> {
        let start = self.at;
        let size = (self.central_top.len() + self.central.len()) as u64;
        self.out.write_all(&self.central_top).map_err(io_err)?;
        self.out.write_all(&self.central).map_err(io_err)?;
        records::write_end(&mut self.out, self.entries, start, size).map_err(io_err)?;
        self.out.flush().map_err(io_err)?;
        Ok(self.out)
    }
}

impl<W: Write> FileSink for ZipSink<W> {
    fn put(&mut self, file: BundleFile) -> Result<(), BundleError> {
        self.add(&file.path, file.kind, &file.contents)
    }
}

/// The entry of the folder `name` (ending in `/`).
fn folder_entry(name: &str, stamp: (u16, u16)) -> Entry<'_> {
    Entry {
        name,
        method: Method::Stored,
        crc: 0,
        compressed: 0,
        size: 0,
        mode: DIR_MODE,
        directory: true,
        stamp,
    }
}

/// A size as the zip's 32-bit fields hold it: a bundle's files are far
/// smaller than 4 GiB (every input is bounded).
fn size32(len: usize, name: &str) -> Result<u32, BundleError> {
    u32::try_from(len)
        .ok()
        .filter(|&n| n < u32::MAX)
        .ok_or_else(|| BundleError::Zip(format!("{name}: over 4 GiB")))
}

fn io_err(e: std::io::Error) -> BundleError {
    BundleError::Zip(e.to_string())
}
