//! Reading the files a user names, bounded before they are read: each file's
//! size is checked first (its metadata), then the read itself stops one byte
//! past the limit, since a device or a pipe (`/dev/zero`, `<(...)`) has no
//! size; and opened without waiting ([`open`]), since a FIFO no one writes
//! to would hold `open` forever. Contents are wiped from memory when dropped
//! (a CA key may be one).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

use crate::failure::io_reason;

/// Why a file was not read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// It could not be opened or read (the system's words).
    Io(String),
    /// It is larger than the limit.
    TooLarge,
    /// It is a folder.
    Folder,
}

/// `path` opened for reading without waiting: a FIFO no one writes to
/// would hold `open` forever, so it is opened with `O_NONBLOCK` (and, unless
/// `follow`, `O_NOFOLLOW`, so a link is refused rather than followed).
/// Regular files ignore the flag; what is read from a pipe or a device
/// blocks again, so `<(...)` still gives what its command writes.
pub(crate) fn open(path: &Path, follow: bool) -> std::io::Result<File> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = OFlags::NONBLOCK;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)?;
    if !file.metadata()?.is_file() {
        let now = rustix::fs::fcntl_getfl(&file)?;
        rustix::fs::fcntl_setfl(&file, now - OFlags::NONBLOCK)?;
    }
    Ok(file)
}

/// The whole of `path` if it is at most `limit` bytes.
pub(crate) fn bounded(path: &Path, limit: u64) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    let file = open(path, true).map_err(|e| ReadError::Io(io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| ReadError::Io(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if meta.is_file() && meta.len() > limit {
        return Err(ReadError::TooLarge);
    }
    let capacity = usize::try_from(meta.len().min(limit)).unwrap_or(0);
    read_at_most(file, limit, capacity)
}

/// The first line of `path` (without its line ending), if it is at most
/// `limit` bytes; the rest of the file is never read.
pub(crate) fn first_line(path: &Path, limit: u64) -> Result<Option<Zeroizing<Vec<u8>>>, ReadError> {
    let file = open(path, true).map_err(|e| ReadError::Io(io_reason(&e)))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(ReadError::Folder);
    }
    // A line ending may take two more bytes ("\r\n").
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(limit + 2)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(io_reason(&e)))?;
    if bytes.is_empty() {
        return Ok(None);
    }
    let end = bytes.iter().position(|b| *b == b'\n');
    let line = match end {
        Some(end) => &bytes[..end],
        None if bytes.len() as u64 > limit => return Err(ReadError::TooLarge),
        None => &bytes[..],
    };
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(Some(Zeroizing::new(line.to_vec())))
}

/// Reads `reader` whole if it gives at most `limit` bytes.
pub(crate) fn read_at_most(
    reader: impl Read,
    limit: u64,
    capacity: usize,
) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    let mut bytes = Zeroizing::new(Vec::with_capacity(capacity));
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// `n` bytes as "64 KiB" or "16 MiB".
pub(crate) fn size_text(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{} MiB", n / 1024 / 1024)
    } else {
        format!("{} KiB", n / 1024)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_large_files_are_refused_without_reading_them_whole() {
        assert_eq!(
            bounded(Path::new("/dev/zero"), 4096).unwrap_err(),
            ReadError::TooLarge
        );
        assert_eq!(
            first_line(Path::new("/dev/zero"), 1024).unwrap_err(),
            ReadError::TooLarge
        );
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        let file = File::create(&big).unwrap();
        file.set_len(2 * 1024 * 1024 * 1024).unwrap();
        assert_eq!(bounded(&big, 1024 * 1024).unwrap_err(), ReadError::TooLarge);
        assert_eq!(bounded(dir.path(), 10).unwrap_err(), ReadError::Folder);
        let pass = dir.path().join("pass");
        std::fs::write(&pass, b"secret-pass\r\nsecond line\n").unwrap();
        assert_eq!(
            first_line(&pass, 1024).unwrap().unwrap().as_slice(),
            b"secret-pass"
        );
        std::fs::write(&pass, b"\nsecond line\n").unwrap();
        assert_eq!(first_line(&pass, 1024).unwrap().unwrap().as_slice(), b"");
        std::fs::write(&pass, b"").unwrap();
        assert!(first_line(&pass, 1024).unwrap().is_none());
        assert!(matches!(
            bounded(&dir.path().join("none"), 10).unwrap_err(),
            ReadError::Io(_)
        ));
    }
}
