//! The page's wasm as ASCII text for its data block.

/// `bytes` as text for the page's data block, seven bits to a character
/// (most significant first, the last character's low bits zero): 8/7 of
/// the bytes instead of base64's 4/3, 121 KB less page for the page's wasm (December 2026).
/// Each character is ASCII and can sit in a `<script>`'s raw text: the
/// four values that could not (NUL, which the HTML parser replaces; CR,
/// which it turns into LF; `<`, which could start `</script` or `<!--`)
/// and the escape `\` itself are written `\0`, `\r`, `\l` and `\\`.
/// The loader undoes it.
pub(crate) fn seven_bit(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 8 / 7 + bytes.len() / 32 + 2);
    let mut put = |v: u32| match v {
        0x00 => text.push_str("\\0"),
        0x0d => text.push_str("\\r"),
        0x3c => text.push_str("\\l"),
        0x5c => text.push_str("\\\\"),
        _ => text.push(char::from(v as u8)),
    };
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 7 {
            bits -= 7;
            put((acc >> bits) & 0x7f);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        put((acc << (7 - bits)) & 0x7f);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the page's loader does, in Rust.
    fn unpack(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let (mut acc, mut bits) = (0u32, 0u32);
        let mut chars = text.bytes();
        while let Some(mut v) = chars.next() {
            if v == b'\\' {
                v = match chars.next() {
                    Some(b'0') => 0,
                    Some(b'r') => 13,
                    Some(b'l') => 60,
                    _ => 92,
                };
            }
            acc = ((acc & 127) << 7) | u32::from(v);
            bits += 7;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
            }
        }
        out
    }

    #[test]
    fn every_length_and_byte_comes_back() {
        let mut bytes: Vec<u8> = (0..=255u8).collect();
        bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        for n in 0..bytes.len() {
            let text = seven_bit(&bytes[..n]);
            assert!(text.is_ascii());
            assert!(!text.contains(['\0', '\r', '<']), "{n}");
            assert_eq!(unpack(&text), &bytes[..n], "{n}");
        }
        // Seven bits a character, an escape for about one in 32.
        let text = seven_bit(&bytes);
        assert!(
            text.len() * 7 < bytes.len() * 8 * 105 / 100,
            "{}",
            text.len()
        );
    }
}
