//! A small DER reader: enough of ASN.1 to read a certificate the way Go's
//! `cryptobyte` does (definite lengths, minimal length encodings), with
//! no recursion and no allocation.

/// One element: its tag byte, its contents and its whole encoding.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tlv<'a> {
    pub(super) tag: u8,
    pub(super) body: &'a [u8],
    pub(super) raw: &'a [u8],
}

/// Universal tags and context tags used by certificates.
pub(super) const BOOLEAN: u8 = 0x01;
pub(super) const INTEGER: u8 = 0x02;
pub(super) const BIT_STRING: u8 = 0x03;
pub(super) const OCTET_STRING: u8 = 0x04;
pub(super) const NULL: u8 = 0x05;
pub(super) const OID: u8 = 0x06;
pub(super) const SEQUENCE: u8 = 0x30;
pub(super) const SET: u8 = 0x31;
pub(super) const UTC_TIME: u8 = 0x17;
pub(super) const GENERALIZED_TIME: u8 = 0x18;

/// A cursor over a run of elements.
#[derive(Clone, Copy, Debug)]
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The next element's tag, without reading it.
    pub(super) fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// The next element, whatever its tag (single-byte tags only, as in
    /// every certificate field).
    pub(super) fn any(&mut self) -> Option<Tlv<'a>> {
        let (&tag, after_tag) = self.rest.split_first()?;
        if tag & 0x1f == 0x1f {
            return None;
        }
        let (&first, mut after_len) = after_tag.split_first()?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 || after_len.len() < count {
                return None;
            }
            let (bytes, tail) = after_len.split_at(count);
            after_len = tail;
            if bytes[0] == 0 {
                return None;
            }
            let len = bytes.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b));
            if len < 0x80 {
                return None;
            }
            len
        };
        if after_len.len() < len {
            return None;
        }
        let header = self.rest.len() - after_len.len();
        let raw = &self.rest[..header + len];
        let body = &after_len[..len];
        self.rest = &after_len[len..];
        Some(Tlv { tag, body, raw })
    }

    /// The next element, which must have `tag`.
    pub(super) fn expect(&mut self, tag: u8) -> Option<Tlv<'a>> {
        if self.peek_tag()? != tag {
            return None;
        }
        self.any()
    }

    /// The next element when it has `tag`; nothing read otherwise.
    pub(super) fn optional(&mut self, tag: u8) -> Option<Tlv<'a>> {
        if self.peek_tag() == Some(tag) {
            self.any()
        } else {
            None
        }
    }
}

/// An OID in dotted form, as Go's `asn1.ObjectIdentifier.String` prints it.
pub(super) fn oid_string(body: &[u8]) -> Option<String> {
    let mut arcs: Vec<u64> = Vec::new();
    let mut value: u64 = 0;
    let mut pending = false;
    for &byte in body {
        if value > (u64::MAX >> 8) {
            return None;
        }
        value = (value << 7) | u64::from(byte & 0x7f);
        pending = byte & 0x80 != 0;
        if !pending {
            if arcs.is_empty() {
                let first = (value / 40).min(2);
                arcs.push(first);
                arcs.push(value - first * 40);
            } else {
                arcs.push(value);
            }
            value = 0;
        }
    }
    if pending || arcs.is_empty() {
        return None;
    }
    Some(
        arcs.iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join("."),
    )
}

/// A BIT STRING's bytes, when it has no unused bits (keys, signatures).
pub(super) fn bit_string_bytes(body: &[u8]) -> Option<&[u8]> {
    match body.split_first() {
        Some((0, bytes)) => Some(bytes),
        _ => None,
    }
}

/// A non-negative INTEGER's magnitude, leading zeros removed; `None` when
/// negative or empty.
pub(super) fn unsigned(body: &[u8]) -> Option<&[u8]> {
    let (&first, _) = body.split_first()?;
    if first & 0x80 != 0 {
        return None;
    }
    let start = body.iter().position(|&b| b != 0).unwrap_or(body.len());
    Some(&body[start..])
}
