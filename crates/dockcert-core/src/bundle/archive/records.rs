//! The zip format's records (PKWARE's APPNOTE.TXT): a local header before
//! each entry, a central directory after them all, and the end records,
//! with the zip64 ones when a fleet has more than 65,535 entries or the
//! zip passes 4 GiB. Every entry's size and CRC are known before it is
//! written, so nothing is written twice and the output needs no seeking.

use std::io::{self, Write};

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const ZIP64_END: u32 = 0x0606_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_EXTRA: u16 = 0x0001;

/// "Made by" Unix (3), so unzip restores the modes; format 2.0, or 4.5
/// where zip64 is needed.
const MADE_BY_UNIX: u16 = 3 << 8;
const VERSION_DEFLATE: u16 = 20;
const VERSION_ZIP64: u16 = 45;
/// General purpose flag bit 11: the name is UTF-8.
const FLAG_UTF8: u16 = 1 << 11;
/// MS-DOS's directory attribute, which some readers look at.
const DOS_DIRECTORY: u32 = 0x10;
const S_IFREG: u32 = 0o100_000;
const S_IFDIR: u32 = 0o040_000;

/// How an entry's data is held.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Stored = 0,
    Deflated = 8,
}

/// One entry, as both its headers describe it.
pub(super) struct Entry<'a> {
    pub name: &'a str,
    pub method: Method,
    pub(crate) crc: u32,
    pub(crate) compressed: u32,
    pub size: u32,
    pub mode: u32,
    pub directory: bool,
    /// The DOS time and date of the bundle.
    pub(crate) stamp: (u16, u16),
}

impl Entry<'_> {
    fn flags(&self) -> u16 {
        if self.name.is_ascii() {
            0
        } else {
            FLAG_UTF8
        }
    }

    fn name_len(&self) -> io::Result<u16> {
        u16::try_from(self.name.len()).map_err(|_| io::Error::other("an entry's name is too long"))
    }

    /// The local header, written just before the entry's data.
    pub(super) fn write_local(&self, out: &mut impl Write) -> io::Result<()> {
        let mut h = Vec::with_capacity(30 + self.name.len());
        put32(&mut h, LOCAL_HEADER);
        put16(&mut h, VERSION_DEFLATE);
        self.common(&mut h)?;
        put16(&mut h, 0); // no extra field
        h.extend_from_slice(self.name.as_bytes());
        out.write_all(&h)
    }

    /// The central directory's record of the entry whose local header is
    /// `offset` bytes into the zip.
    pub(super) fn push_central(&self, offset: u64, central: &mut Vec<u8>) -> io::Result<()> {
        let far = offset >= u64::from(u32::MAX);
        put32(central, CENTRAL_HEADER);
        put16(
            central,
            MADE_BY_UNIX | if far { VERSION_ZIP64 } else { VERSION_DEFLATE },
        );
        put16(central, if far { VERSION_ZIP64 } else { VERSION_DEFLATE });
        self.common(central)?;
        put16(central, if far { 12 } else { 0 }); // extra field length
        put16(central, 0); // comment length
        put16(central, 0); // disk number
        put16(central, 0); // internal attributes
        let (kind, dos) = if self.directory {
            (S_IFDIR, DOS_DIRECTORY)
        } else {
            (S_IFREG, 0)
        };
        put32(central, ((kind | self.mode) << 16) | dos);
        put32(central, if far { u32::MAX } else { offset as u32 });
        central.extend_from_slice(self.name.as_bytes());
        if far {
            put16(central, ZIP64_EXTRA);
            put16(central, 8);
            put64(central, offset);
        }
        Ok(())
    }

    /// From the flags to the extra field's length, the same in both headers
    /// (but that length, which each writes itself).
    fn common(&self, h: &mut Vec<u8>) -> io::Result<()> {
        put16(h, self.flags());
        put16(h, self.method as u16);
        put16(h, self.stamp.0);
        put16(h, self.stamp.1);
        put32(h, self.crc);
        put32(h, self.compressed);
        put32(h, self.size);
        put16(h, self.name_len()?);
        Ok(())
    }
}

/// The end of the zip after its central directory: `entries` records,
/// `size` bytes long, starting `start` bytes in.
pub(super) fn write_end(
    out: &mut impl Write,
    entries: u64,
    start: u64,
    size: u64,
) -> io::Result<()> {
    let mut e = Vec::with_capacity(98);
    let big = entries >= u64::from(u16::MAX)
        || start >= u64::from(u32::MAX)
        || size >= u64::from(u32::MAX);
    if big {
        let zip64_end = start + size;
        put32(&mut e, ZIP64_END);
        put64(&mut e, 44); // the size of the rest of this record
        put16(&mut e, MADE_BY_UNIX | VERSION_ZIP64);
        put16(&mut e, VERSION_ZIP64);
        put32(&mut e, 0); // this disk
        put32(&mut e, 0); // the disk the directory starts on
        put64(&mut e, entries);
        put64(&mut e, entries);
        put64(&mut e, size);
        put64(&mut e, start);
        put32(&mut e, ZIP64_LOCATOR);
        put32(&mut e, 0);
        put64(&mut e, zip64_end);
        put32(&mut e, 1); // disks in all
    }
    let entries16 = u16::try_from(entries).unwrap_or(u16::MAX);
    put32(&mut e, END);
    put16(&mut e, 0);
    put16(&mut e, 0);
    put16(&mut e, entries16);
    put16(&mut e, entries16);
    put32(&mut e, u32::try_from(size).unwrap_or(u32::MAX));
    put32(&mut e, u32::try_from(start).unwrap_or(u32::MAX));
    put16(&mut e, 0); // comment length
    out.write_all(&e)
}

/// A zip's DOS time and date, `(time, date)`, of a UTC moment; dates outside
/// 1980..=2107 become 1980-01-01 00:00, as zip tools do.
pub(super) fn dos_stamp(t: time::OffsetDateTime) -> (u16, u16) {
    let t = t.to_offset(time::UtcOffset::UTC);
    match u16::try_from(t.year() - 1980) {
        Ok(years) if years <= 127 => {
            let date = (years << 9) | (u16::from(u8::from(t.month())) << 5) | u16::from(t.day());
            let time = (u16::from(t.hour()) << 11)
                | (u16::from(t.minute()) << 5)
                | u16::from(t.second() / 2);
            (time, date)
        }
        _ => (0, (1 << 5) | 1),
    }
}

fn put16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn put32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn put64(v: &mut Vec<u8>, x: u64) {
    v.extend_from_slice(&x.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn dos_stamps_and_their_range() {
        // 2026-11-26 13:45:58: date (46 << 9 | 11 << 5 | 26), time (13 << 11 | 45 << 5 | 29).
        assert_eq!(
            dos_stamp(datetime!(2026-11-26 13:45:58 UTC)),
            ((13 << 11) | (45 << 5) | 29, (46 << 9) | (11 << 5) | 26)
        );
        assert_eq!(
            dos_stamp(datetime!(2026-11-26 14:45:58 +1)),
            dos_stamp(datetime!(2026-11-26 13:45:58 UTC))
        );
        assert_eq!(dos_stamp(datetime!(1970-01-01 0:00 UTC)), (0, 0x21));
        assert_eq!(dos_stamp(datetime!(2200-01-01 0:00 UTC)), (0, 0x21));
    }

    #[test]
    fn the_end_uses_zip64_only_when_it_must() {
        let mut small = Vec::new();
        write_end(&mut small, 3, 100, 200).unwrap();
        assert_eq!(small.len(), 22);
        let mut many = Vec::new();
        write_end(&mut many, 70_000, 100, 200).unwrap();
        assert_eq!(many.len(), 56 + 20 + 22);
        assert_eq!(&many[76..80], &END.to_le_bytes());
        assert_eq!(&many[76 + 8..76 + 12], &[0xff; 4]);
    }
}
