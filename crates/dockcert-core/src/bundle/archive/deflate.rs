//! Deflate that does repeated text once. A fleet of 10,000 hosts carries
//! 10,000 install.sh scripts that differ in a line or two; deflating each
//! whole is most of the time a fleet's zip takes. So a file is cut into
//! pieces at line ends chosen by the lines themselves (the same text is cut
//! the same way wherever it stands), each piece is deflated on its own and
//! ends byte-aligned (a sync flush). A piece is deflated fast the first
//! time; the second time it is deflated hard and kept, and from then on its
//! bytes are copied. Pieces joined this way, closed by an empty final
//! block, are one valid deflate stream.
//!
//! The output depends only on the files given and their order, so the zip
//! is reproducible. Secrets never come here (keys are stored, not deflated).

use std::collections::{HashMap, HashSet};

use flate2::{Compress, Compression, FlushCompress, Status};

use crate::bundle::error::BundleError;

/// How hard a piece seen once is deflated: zlib's fastest level. Most such
/// pieces are the small files that differ from host to host
/// (docs/BENCHMARKS.md).
const FAST: u32 = 1;
/// How hard a piece seen twice is deflated: the best, once for all hosts.
const BEST: u32 = 9;

/// A piece ends at the first line end chosen after this many bytes...
const MIN_PIECE: usize = 2 * 1024;
/// ...and at this many bytes whatever the text (text without line ends).
const MAX_PIECE: usize = 32 * 1024;
/// A file bigger than this is deflated whole: it is one of a kind (a
/// fleet's README.txt or manifest.json), and deflated whole it finds the
/// text it repeats within itself.
const WHOLE_ABOVE: usize = 1024 * 1024;
/// At most this much text and deflated text is kept for reuse, so a fleet's
/// memory stays bounded; the pieces repeated first (the scripts' common
/// text) are the ones kept.
const CACHE_BYTES: usize = 8 * 1024 * 1024;
/// At most this many pieces seen once are remembered (by CRC and length).
const SEEN_PIECES: usize = 1 << 20;

/// An empty final block with fixed codes: the end of the stream.
const FINAL_BLOCK: [u8; 2] = [0x03, 0x00];

/// A deflater that remembers the pieces it deflated.
pub(super) struct Deflater {
    fast: Compress,
    best: Compress,
    seen: HashSet<(u32, usize)>,
    cache: HashMap<(u32, usize), Vec<Piece>>,
    cached: usize,
    /// The last file's deflated bytes.
    out: Vec<u8>,
}

struct Piece {
    text: Box<[u8]>,
    deflated: Box<[u8]>,
}

impl Deflater {
    pub(super) fn new() -> Self {
        Deflater {
            fast: Compress::new(Compression::new(FAST), false),
            best: Compress::new(Compression::new(BEST), false),
            seen: HashSet::new(),
            cache: HashMap::new(),
            cached: 0,
            out: Vec::new(),
        }
    }

    /// Deflates `text` as one raw deflate stream: its CRC-32 and the
    /// deflated bytes (valid until the next call).
    pub(super) fn deflate(&mut self, text: &[u8]) -> Result<(u32, &[u8]), BundleError> {
        self.out.clear();
        if text.len() > WHOLE_ABOVE {
            deflate_piece(&mut self.fast, text, &mut self.out)?;
            self.out.extend_from_slice(&FINAL_BLOCK);
            return Ok((crc32fast::hash(text), &self.out));
        }
        let mut crc = crc32fast::Hasher::new();
        for piece in pieces(text) {
            let piece_crc = crc32fast::hash(piece);
            crc.combine(&crc32fast::Hasher::new_with_initial_len(
                piece_crc,
                piece.len() as u64,
            ));
            let key = (piece_crc, piece.len());
            if let Some(hit) = self
                .cache
                .get(&key)
                .and_then(|seen| seen.iter().find(|p| *p.text == *piece))
            {
                self.out.extend_from_slice(&hit.deflated);
                continue;
            }
            let start = self.out.len();
            let room = 2 * piece.len() + 64;
            if self.seen.contains(&key) && self.cached + room <= CACHE_BYTES {
                deflate_piece(&mut self.best, piece, &mut self.out)?;
                self.cached += room;
                self.cache.entry(key).or_default().push(Piece {
                    text: piece.into(),
                    deflated: self.out[start..].into(),
                });
            } else {
                deflate_piece(&mut self.fast, piece, &mut self.out)?;
                if self.seen.len() < SEEN_PIECES {
                    self.seen.insert(key);
                }
            }
        }
        self.out.extend_from_slice(&FINAL_BLOCK);
        Ok((crc.finalize(), &self.out))
    }
}

/// `text` cut into pieces: after a line end once a piece holds
/// [`MIN_PIECE`] bytes, when the line ending it is one of about one in four
/// (judged by the line's length and its first and last bytes, so the same
/// lines are cut the same way in every file); or at [`MAX_PIECE`] bytes.
fn pieces(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = 0;
        let cut = loop {
            let Some(nl) = memchr::memchr(b'\n', &rest[end..]) else {
                break rest.len().min(MAX_PIECE);
            };
            let line = &rest[end..end + nl];
            let line_end = end + nl + 1;
            if line_end > MAX_PIECE {
                // At the last line end, or inside an overlong line.
                break if end > 0 { end } else { MAX_PIECE };
            }
            if line_end >= MIN_PIECE && chosen(line) {
                break line_end;
            }
            end = line_end;
        };
        let (piece, after) = rest.split_at(cut);
        rest = after;
        Some(piece)
    })
}

/// Whether a line ends a piece (about one line in four).
fn chosen(line: &[u8]) -> bool {
    let first = line.first().copied().unwrap_or(0) as usize;
    let last = line.last().copied().unwrap_or(0) as usize;
    (line.len() * 7 + first * 3 + last).is_multiple_of(4)
}

/// Appends `piece` deflated on its own to `out`, ending byte-aligned on a
/// sync flush (no final block).
fn deflate_piece(
    compress: &mut Compress,
    piece: &[u8],
    out: &mut Vec<u8>,
) -> Result<(), BundleError> {
    compress.reset();
    let fail = |why: String| BundleError::Zip(format!("deflate: {why}"));
    loop {
        out.reserve(piece.len() / 2 + 64);
        let done = compress.total_in() as usize;
        let status = compress
            .compress_vec(&piece[done..], out, FlushCompress::Sync)
            .map_err(|e| fail(e.to_string()))?;
        // The flush is complete when all the input is in and the output
        // was not filled.
        if compress.total_in() as usize == piece.len() && out.len() < out.capacity() {
            return Ok(());
        }
        if status == Status::BufError && out.len() < out.capacity() {
            return Err(fail("no progress".into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn inflate(deflated: &[u8]) -> Vec<u8> {
        let mut text = Vec::new();
        flate2::read::DeflateDecoder::new(deflated)
            .read_to_end(&mut text)
            .unwrap();
        text
    }

    fn script(host: &str) -> Vec<u8> {
        let mut s = format!("#!/bin/sh\n# install.sh for {host}\n");
        for i in 0..2000 {
            s.push_str(&format!(
                "echo line {i} of a long script {}\n",
                "x".repeat(i % 17)
            ));
        }
        s.into_bytes()
    }

    #[test]
    fn pieces_cover_the_text_and_the_same_lines_are_cut_the_same_way() {
        let a = script("a.example.com");
        let b = script("a-much-longer-name.example.com");
        let pa: Vec<&[u8]> = pieces(&a).collect();
        let pb: Vec<&[u8]> = pieces(&b).collect();
        assert_eq!(pa.concat(), a);
        assert_eq!(pb.concat(), b);
        assert!(pa.len() > 10);
        assert!(pa.iter().all(|p| p.len() <= MAX_PIECE));
        // Only the first piece differs.
        assert_ne!(pa[0], pb[0]);
        assert_eq!(pa[1..], pb[1..]);
        // Text without line ends is cut at MAX_PIECE.
        let flat = vec![b'x'; 3 * MAX_PIECE + 5];
        let lens: Vec<usize> = pieces(&flat).map(<[u8]>::len).collect();
        assert_eq!(lens, [MAX_PIECE, MAX_PIECE, MAX_PIECE, 5]);
    }

    #[test]
    fn deflated_files_inflate_to_the_text_with_its_crc_and_the_same_files_give_the_same_bytes() {
        let files = [
            script("a.example.com"),
            script("b.example.com"),
            script("a.example.com"),
            script("c.example.com"),
            script("a.example.com"),
            b"short".to_vec(),
            Vec::new(),
            vec![b'\n'; 70_000],
            (0..=255u8).cycle().take(100_000).collect(),
            script("d").repeat(30),
        ];
        let mut first = Deflater::new();
        let mut again = Deflater::new();
        let mut sizes = Vec::new();
        for text in &files {
            let (crc, deflated) = first.deflate(text).unwrap();
            assert_eq!(crc, crc32fast::hash(text));
            assert_eq!(inflate(deflated), *text);
            sizes.push(deflated.len());
            let deflated = deflated.to_vec();
            assert_eq!(again.deflate(text).unwrap().1, deflated);
        }
        // Seen twice, the common text is deflated hard, then reused.
        assert!(sizes[1] < sizes[0], "{sizes:?}");
        assert!(sizes[2] < sizes[1], "{sizes:?}");
        assert_eq!(sizes[4], sizes[2], "{sizes:?}");
        assert!(first.cached > 0 && first.cached <= CACHE_BYTES);
    }

    #[test]
    fn the_cache_stays_within_its_bound() {
        let mut d = Deflater::new();
        for i in 0..2000u32 {
            let text: Vec<u8> = (0..8192u32)
                .map(|j| (j.wrapping_mul(2_654_435_761).wrapping_add(i) >> 13) as u8)
                .collect();
            d.deflate(&text).unwrap();
        }
        assert!(d.cached <= CACHE_BYTES);
    }
}
