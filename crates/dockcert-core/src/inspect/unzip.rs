//! Bundle zips unpacked for inspect, in both faces: each entry held to the
//! cap a file of a folder is held to, the whole to [`MAX_UNPACKED`], and
//! every entry not read (too large, a link, a second entry at one path)
//! kept with why.

use std::collections::HashMap;
use std::io::Read;

use super::input::{Again, Gathered, InputFile, InspectError, SkipReason};
use super::limits::{entry_limit, MAX_FILES};

/// Largest zip `read_zip` unpacks, in total bytes: bundles are kilobytes; this
/// stops a zip bomb.
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The files of a zip (a bundle to inspect), with their Unix modes when the
/// zip records them. Folders are skipped; paths keep their top folder.
/// Entries that were not read are left out: [`Gathered::add`] keeps them,
/// with why.
pub fn read_zip(bytes: &[u8]) -> Result<Vec<InputFile>, InspectError> {
    unzip(bytes).map(|unzipped| unzipped.files)
}

/// The entries of a zip, gathered: each read entry once, and those not
/// read with why (larger than a file of its name may be, [`entry_limit`],
/// a symbolic link, a second entry at a path).
pub(super) fn unzip(bytes: &[u8]) -> Result<Gathered, InspectError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| InspectError::NotAZip(e.to_string()))?;
    if zip.len() > MAX_FILES {
        return Err(InspectError::TooManyEntries(zip.len()));
    }
    let mut gathered = Gathered::default();
    if zip.has_duplicate_names() {
        // The zip crate keeps one entry per name; the others are named here.
        for raw in repeated_names(bytes, zip.central_directory_start(), zip.offset()) {
            let name = zip
                .index_for_name_raw(&raw)
                .and_then(|i| zip.name_for_index(i))
                .and_then(Result::ok)
                .map(|n| n.into_owned())
                .unwrap_or_else(|| String::from_utf8_lossy(&raw).into_owned());
            gathered.skip(&name, SkipReason::SamePath);
        }
    }
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
        if entry.is_symlink() {
            gathered.skip(&name, SkipReason::Symlink);
            continue;
        }
        let declared = entry.size();
        let limit = entry_limit(&name);
        if declared > limit {
            let reason = SkipReason::TooLarge {
                size: declared,
                limit,
            };
            gathered.skip(&name, reason);
            continue;
        }
        // The size a zip declares may lie: what is actually unpacked counts,
        // one byte past the cap at most.
        let mut data = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        entry
            .by_ref()
            .take(limit + 1)
            .read_to_end(&mut data)
            .map_err(|e| InspectError::EntryRead {
                name: name.clone(),
                reason: e.to_string(),
            })?;
        total += data.len() as u64;
        if total > MAX_UNPACKED {
            return Err(InspectError::Unpacks(MAX_UNPACKED));
        }
        if data.len() as u64 > limit {
            let reason = SkipReason::TooLarge {
                size: data.len() as u64,
                limit,
            };
            gathered.skip(&name, reason);
            continue;
        }
        let mode = entry.unix_mode().map(|m| m & 0o7777);
        let file = InputFile {
            path: name,
            bytes: data,
            mode,
        };
        gathered.put(file, Again::Refused);
    }
    Ok(gathered)
}

/// The raw names the central directory at `start` (or `start + offset`,
/// past data put before the zip) gives more than one entry, each once, in
/// the order first seen. One pass over the directory's records.
fn repeated_names(bytes: &[u8], start: u64, offset: u64) -> Vec<Vec<u8>> {
    const RECORD: &[u8] = b"PK\x01\x02";
    let at = |start: u64| {
        usize::try_from(start)
            .ok()
            .filter(|&s| bytes.get(s..s + 4) == Some(RECORD))
    };
    let Some(mut pos) = at(start).or_else(|| at(start.saturating_add(offset))) else {
        return Vec::new();
    };
    let mut seen: HashMap<&[u8], usize> = HashMap::new();
    let mut repeated = Vec::new();
    while bytes.get(pos..pos + 4) == Some(RECORD) {
        let field = |at: usize| {
            bytes
                .get(pos + at..pos + at + 2)
                .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let (Some(name_len), Some(extra), Some(comment)) = (field(28), field(30), field(32)) else {
            break;
        };
        let Some(name) = bytes.get(pos + 46..pos + 46 + name_len) else {
            break;
        };
        let count = seen.entry(name).or_insert(0);
        *count += 1;
        if *count == 2 {
            repeated.push(name.to_vec());
        }
        pos += 46 + name_len + extra + comment;
    }
    repeated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::limits::{MAX_DOCUMENT, MAX_FILE};
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .unix_permissions(0o644);
        for (name, bytes) in entries {
            out.start_file(*name, options).unwrap();
            out.write_all(bytes).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn an_entry_larger_than_a_file_may_be_is_skipped_and_named() {
        let big = vec![b'a'; MAX_FILE as usize + 1];
        let zip = zip_of(&[("b/ca.pem", b"x"), ("b/big.pem", &big)]);
        let unzipped = unzip(&zip).unwrap();
        assert_eq!(unzipped.files.len(), 1);
        assert_eq!(unzipped.skipped.len(), 1);
        assert_eq!(
            unzipped.skipped[0].to_string(),
            "\"b/big.pem\": it is 1048577 bytes, larger than the 1024 KiB dockcert reads for it"
        );
    }

    #[test]
    fn a_fleets_readme_and_manifest_are_read_past_the_cap_of_a_certificate() {
        let big = vec![b'a'; 3 * 1024 * 1024];
        let zip = zip_of(&[
            ("b/README.txt", &big),
            ("b/manifest.json", &big),
            ("b/server-cert.pem", &big),
        ]);
        let unzipped = unzip(&zip).unwrap();
        let read: Vec<&str> = unzipped.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(read, ["b/README.txt", "b/manifest.json"]);
        assert_eq!(unzipped.skipped.len(), 1);
        assert_eq!(unzipped.skipped[0].path, "b/server-cert.pem");
        let too_big = vec![b'a'; MAX_DOCUMENT as usize + 1];
        let unzipped = unzip(&zip_of(&[("b/README.txt", &too_big)])).unwrap();
        assert_eq!(unzipped.skipped[0].path, "b/README.txt");
    }

    #[test]
    fn two_entries_at_one_path_are_a_finding() {
        let mut zip = zip_of(&[("b/ca.pem", b"one"), ("b/cb.pem", b"two")]);
        // Rename the second entry, in both its headers, to the first's name.
        let mut i = 0;
        while let Some(at) = zip[i..].windows(8).position(|w| w == b"b/cb.pem") {
            zip[i + at..i + at + 8].copy_from_slice(b"b/ca.pem");
            i += at + 8;
        }
        let unzipped = unzip(&zip).unwrap();
        assert_eq!(unzipped.files.len(), 1);
        assert_eq!(unzipped.skipped.len(), 1, "{:?}", unzipped.skipped);
        assert_eq!(unzipped.skipped[0].path, "b/ca.pem");
        assert_eq!(unzipped.skipped[0].reason, SkipReason::SamePath);
    }
}
