//! The bundle as a zip: one top folder, every entry with its Unix mode (so
//! `unzip` restores 0400 and 0444) and the bundle's creation time.

use std::collections::HashSet;
use std::io::{Cursor, Seek, Write};

use time::OffsetDateTime;
use zeroize::Zeroizing;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::contents::Bundle;
use super::error::BundleError;
use super::layout::DIR_MODE;

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
/// Private keys are stored, not deflated, so no compressor's buffer ever
/// holds one.
pub fn write_zip<W: Write + Seek>(bundle: &Bundle, top: &str, out: W) -> Result<W, BundleError> {
    check_top_folder(top)?;
    let zip_err = |e: zip::result::ZipError| BundleError::Zip(e.to_string());
    let io_err = |e: std::io::Error| BundleError::Zip(e.to_string());

    let mut zip = ZipWriter::new(out);
    // Set explicitly: zip's own default would read the system clock, which the
    // core never does (and which panics on wasm32-unknown-unknown).
    let stamp = zip_time(bundle.created);
    let dir_options = SimpleFileOptions::default()
        .last_modified_time(stamp)
        .unix_permissions(DIR_MODE);

    let mut made_dirs: HashSet<String> = HashSet::new();
    let mut add_dir = |zip: &mut ZipWriter<W>, dir: String| -> Result<(), BundleError> {
        if !made_dirs.contains(&dir) {
            zip.add_directory(dir.as_str(), dir_options)
                .map_err(zip_err)?;
            made_dirs.insert(dir);
        }
        Ok(())
    };
    add_dir(&mut zip, format!("{top}/"))?;
    for file in &bundle.files {
        let mut prefix = format!("{top}/");
        let parts: Vec<&str> = file.path.split('/').collect();
        for part in &parts[..parts.len().saturating_sub(1)] {
            prefix.push_str(part);
            prefix.push('/');
            add_dir(&mut zip, prefix.clone())?;
        }
        let method = if file.kind.is_private_key() {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(stamp)
            .unix_permissions(file.mode());
        zip.start_file(format!("{top}/{}", file.path), options)
            .map_err(zip_err)?;
        zip.write_all(&file.contents).map_err(io_err)?;
    }
    zip.finish().map_err(zip_err)
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
