//! The bundle as a zip: one top folder, every entry with its Unix mode (so
//! `unzip` restores 0400 and 0444) and the bundle's creation time.

use std::collections::HashSet;
use std::io::{Cursor, Seek, Write};

use time::OffsetDateTime;
use zeroize::Zeroizing;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::contents::{Bundle, BundleFile, FileSink};
use super::error::BundleError;
use super::layout::DIR_MODE;

/// How hard entries are deflated: zlib's fastest level. A fleet of 10,000
/// hosts is mostly the same scripts again and again, which level 1 deflates
/// several times faster than the default 6, for a zip about a tenth larger
/// (docs/BENCHMARKS.md).
const DEFLATE_LEVEL: i64 = 1;

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
    let contents: usize = bundle.files.iter().map(|f| f.contents.len()).sum();
    let names: usize = bundle.files.iter().map(|f| f.path.len() + top.len()).sum();
    contents + contents / 8 + 2 * names + 512 * (2 * bundle.files.len() + 16)
}

/// Writes `bundle` as a zip whose entries all sit under `top/` into `out`.
pub fn write_zip<W: Write + Seek>(bundle: &Bundle, top: &str, out: W) -> Result<W, BundleError> {
    let mut zip = ZipSink::new(out, top, bundle.created)?;
    for file in &bundle.files {
        zip.add(file)?;
    }
    zip.finish()
}

/// A zip being written, one file at a time: every entry under `top/`, each
/// folder once before its first file, all stamped with the bundle's time.
/// Private keys (and context files, which hold one) are stored, not
/// deflated, so no compressor's buffer ever holds one.
pub struct ZipSink<W: Write + Seek> {
    zip: ZipWriter<W>,
    top: String,
    stamp: DateTime,
    made_dirs: HashSet<String>,
}

impl<W: Write + Seek> ZipSink<W> {
    /// A zip into `out` whose entries sit under `top/`, made at `created`.
    pub fn new(out: W, top: &str, created: OffsetDateTime) -> Result<Self, BundleError> {
        check_top_folder(top)?;
        let mut sink = ZipSink {
            zip: ZipWriter::new(out),
            top: top.to_owned(),
            // Set explicitly: zip's own default would read the system clock,
            // which the core never does (and which panics on wasm32).
            stamp: zip_time(created),
            made_dirs: HashSet::new(),
        };
        sink.add_dir(format!("{top}/"))?;
        Ok(sink)
    }

    fn add_dir(&mut self, dir: String) -> Result<(), BundleError> {
        if !self.made_dirs.contains(&dir) {
            let options = SimpleFileOptions::default()
                .last_modified_time(self.stamp)
                .unix_permissions(DIR_MODE);
            self.zip
                .add_directory(dir.as_str(), options)
                .map_err(zip_err)?;
            self.made_dirs.insert(dir);
        }
        Ok(())
    }

    /// Adds `file`, and the folders above it not added yet.
    pub fn add(&mut self, file: &BundleFile) -> Result<(), BundleError> {
        let mut prefix = format!("{}/", self.top);
        if let Some((folders, _)) = file.path.rsplit_once('/') {
            for part in folders.split('/') {
                prefix.push_str(part);
                prefix.push('/');
                self.add_dir(prefix.clone())?;
            }
        }
        let (method, level) = if file.kind.holds_secret() {
            (CompressionMethod::Stored, None)
        } else {
            (CompressionMethod::Deflated, Some(DEFLATE_LEVEL))
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .compression_level(level)
            .last_modified_time(self.stamp)
            .unix_permissions(file.mode());
        self.zip
            .start_file(format!("{}/{}", self.top, file.path), options)
            .map_err(zip_err)?;
        self.zip
            .write_all(&file.contents)
            .map_err(|e| BundleError::Zip(e.to_string()))
    }

    /// Writes the zip's central directory and hands back `out`.
    pub fn finish(self) -> Result<W, BundleError> {
        self.zip.finish().map_err(zip_err)
    }
}

impl<W: Write + Seek> FileSink for ZipSink<W> {
    fn put(&mut self, file: BundleFile) -> Result<(), BundleError> {
        self.add(&file)
    }
}

fn zip_err(e: zip::result::ZipError) -> BundleError {
    BundleError::Zip(e.to_string())
}

/// A zip timestamp (local time without zone in the format; we write UTC).
/// Dates outside 1980..=2107 fall back to 1980-01-01.
fn zip_time(t: OffsetDateTime) -> DateTime {
    let t = t.to_offset(time::UtcOffset::UTC);
    u16::try_from(t.year())
        .ok()
        .and_then(|year| {
            DateTime::from_date_and_time(
                year,
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
            )
            .ok()
        })
        .unwrap_or_default()
}
