//! What `dockcert inspect` and the page's Inspect gather: bundle zips,
//! folders of files (zips among them), Dockerfiles, .dockerignore and
//! compose files.

use dockcert_core::inspect::{self, Gathered, Report, SkipReason};

use super::{check_report, options, render};

/// A bundle zip, as `dockcert inspect docker-tls.zip` and the page's drop
/// zone read it: `read_zip`, then `Gathered::add` (which unpacks zips), then
/// `inspect` over what was gathered.
///
/// Checks: a zip `read_zip` opens is gathered to files it read (an entry
/// over the per-file cap, a link or a second entry at one path is skipped,
/// and a skip is an error of the report, never silent); the report has one
/// summary per file gathered.
pub fn zip_inspect(data: &[u8]) {
    let direct = inspect::read_zip(data);
    let mut gathered = Gathered::default();
    gathered.add("docker-tls.zip", Ok(data.to_vec()), Some(0o600));
    match &direct {
        Ok(files) if inspect::is_zip(data) => {
            assert!(gathered.files.len() <= files.len());
            for f in &gathered.files {
                assert!(files.contains(f), "{} was gathered but not read", f.path);
            }
        }
        Ok(_) => {}
        Err(e) => render(e),
    }
    for skipped in &gathered.skipped {
        render(skipped);
    }
    let report = inspect::inspect(&gathered, &options(Some("docker1.example.com")));
    check_report(&report, &gathered);
}

/// Dockerfiles, `.dockerignore` and compose files, as inspect reads them
/// in a project folder: `DOCKERFILE\0DOCKERIGNORE\0COMPOSE\0PATHS`, the
/// three files put at `app/Dockerfile`, `app/.dockerignore` and
/// `compose.yaml`, and each line of PATHS an empty file under `app/` (a
/// key when its name says so, another Dockerfile or context when it says
/// so). A part left out is empty.
///
/// Checks: the report's counts and JSON; every finding of the images check
/// names a file (but the one that counts findings not listed); and an input
/// of at most [`SMALL`] bytes is checked to the end: its globs, rules and
/// paths cannot add up to the images check's budget, so an
/// `images-not-checked` there means matching is slower than it should be.
pub fn images(data: &[u8]) {
    let mut parts = data.splitn(4, |b| *b == 0);
    let mut part = || parts.next().unwrap_or_default().to_vec();
    let (dockerfile, ignore, compose, paths) = (part(), part(), part(), part());
    let mut gathered = Gathered::default();
    gathered.add("app/Dockerfile", Ok(dockerfile), Some(0o644));
    gathered.add("app/.dockerignore", Ok(ignore), Some(0o644));
    gathered.add("compose.yaml", Ok(compose), Some(0o644));
    for path in String::from_utf8_lossy(&paths).lines() {
        gathered.add(&format!("app/{path}"), Ok(Vec::new()), Some(0o600));
    }
    let report = inspect::inspect(&gathered, &options(None));
    check_report(&report, &gathered);
    images_bounded(&report, data.len());
}

/// Inputs this long or shorter never use up the images check's budget:
/// their patterns and paths add up to at most this many bytes, and each
/// pattern of p bytes is matched against each path of n bytes in at most
/// about 4 (p + 1)(n + 1) steps (folder levels included), about 6.7 x 10^7
/// in all, under the 10^8 the check has.
pub const SMALL: usize = 4096;

/// The images check's findings name their file, and a small input is
/// checked to the end.
fn images_bounded(report: &Report, len: usize) {
    for f in &report.findings {
        let images = [
            "dockerfile-copies-key",
            "build-context-key",
            "compose-mounts-key",
        ];
        if images.contains(&f.code) || f.code == "images-not-checked" {
            assert!(f.file.is_some(), "{} names no file", f.code);
        }
        assert!(
            len > SMALL || f.code != "images-not-checked",
            "a {len}-byte input used up the images check's budget: {}",
            f.message(dockcert_core::Lang::En)
        );
    }
}

/// A folder as the CLI reads it, zips among its files: records, each a
/// header line `=== PATH [MODE | link | fifo | unreadable | zip MODE]`
/// and the file's bytes up to the next line that starts with `=== `.
/// PATH is given to `Gathered::add` with its octal MODE (none if absent),
/// or recorded as a link, a special file or an unreadable file as the CLI
/// does; `zip` records are packed into one zip, `bundle.zip`, their paths
/// under `zipped/` and their modes in the zip, which is added last.
/// Bytes before the first header are the file `README.txt`.
///
/// Checks: the report's counts and JSON; every folder record (paths made
/// distinct) is inspected or reported not read; a zip that unpacks gives
/// at most its records; a small input is checked to the end by the images
/// check ([`images`]).
pub fn folder_inspect(data: &[u8]) {
    let mut gathered = Gathered::default();
    let mut seen = std::collections::HashSet::new();
    let mut zipped: Vec<(String, u32, &[u8])> = Vec::new();
    // Folder records, and whether each is a zip (unpacked in its place).
    let mut folder: Vec<(String, bool)> = Vec::new();
    for (header, bytes) in records(data) {
        let header = String::from_utf8_lossy(header);
        let mut words = header.split(' ');
        let path = words.next().unwrap_or_default();
        let kind = words.next().unwrap_or_default();
        let mode = |word: Option<&str>| word.and_then(|m| u32::from_str_radix(m, 8).ok());
        if kind == "zip" {
            let name = format!("zipped/{path}");
            if !name.ends_with('/') && seen.insert(name.clone()) {
                zipped.push((name, mode(words.next()).unwrap_or(0o644) & 0o7777, bytes));
            }
            continue;
        }
        if path.starts_with("zipped/") || path == "bundle.zip" || !seen.insert(path.to_owned()) {
            continue;
        }
        folder.push((path.to_owned(), inspect::is_zip(bytes)));
        match kind {
            "link" => gathered.skip(path, SkipReason::Symlink),
            "fifo" => gathered.skip(path, SkipReason::NotAFile),
            "unreadable" => gathered.add(path, Err("Permission denied (os error 13)".into()), None),
            mode_word => gathered.add(path, Ok(bytes.to_vec()), mode(Some(mode_word))),
        }
    }
    if !zipped.is_empty() {
        let zip = zip_of(&zipped);
        let before = gathered.files.len();
        gathered.add("bundle.zip", Ok(zip), Some(0o600));
        assert!(gathered.files.len().saturating_sub(before) <= zipped.len());
    }
    for (path, zip) in &folder {
        let inspected = gathered.files.iter().any(|f| f.path == *path);
        let not_read = gathered.skipped.iter().any(|s| s.path == *path);
        // A zip is unpacked: its entries take its place.
        assert!(
            inspected || not_read || *zip,
            "{path:?} was neither inspected nor reported"
        );
    }
    let report = inspect::inspect(&gathered, &options(Some("docker1.example.com")));
    check_report(&report, &gathered);
    images_bounded(&report, data.len());
}

/// The records of a `folder_inspect` input: (header, bytes).
fn records(data: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut starts: Vec<usize> = (0..data.len())
        .filter(|&i| (i == 0 || data[i - 1] == b'\n') && data[i..].starts_with(b"=== "))
        .collect();
    let mut out = Vec::new();
    let first = starts.first().copied().unwrap_or(data.len());
    if first > 0 {
        out.push((&b"README.txt"[..], &data[..first]));
    }
    starts.push(data.len());
    for pair in starts.windows(2) {
        let record = &data[pair[0] + 4..pair[1]];
        let (header, bytes) = match record.iter().position(|b| *b == b'\n') {
            Some(end) => (&record[..end], &record[end + 1..]),
            None => (record, &[][..]),
        };
        out.push((header, bytes));
    }
    out
}

/// A zip of `files` (name, Unix mode, bytes), as `zip` writes one.
fn zip_of(files: &[(String, u32, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, mode, bytes) in files {
        let options = SimpleFileOptions::default().unix_permissions(*mode);
        if zip.start_file(name.as_str(), options).is_ok() {
            let _ = zip.write_all(bytes);
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}
