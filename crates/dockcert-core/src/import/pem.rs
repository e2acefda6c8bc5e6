//! Reading PEM the way OpenSSL writes it, including the headers of the
//! legacy encrypted form (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: CIPHER,IV`)
//! that `openssl genrsa -aes256 -traditional` and older OpenSSL versions
//! produce (decrypted in `import/legacy.rs`). RFC 7468 parsers refuse those
//! headers, so this one is lenient: any text around the blocks, CRLF or LF,
//! headers before the base64.

use base64ct::{Base64, Encoding};
use zeroize::Zeroizing;

/// One `-----BEGIN LABEL-----` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PemBlock {
    /// The label, like `CERTIFICATE` or `RSA PRIVATE KEY`.
    pub label: String,
    /// Headers such as `Proc-Type` and `DEK-Info`, in order.
    pub headers: Vec<(String, String)>,
    /// The decoded contents.
    pub der: Zeroizing<Vec<u8>>,
}

impl PemBlock {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether this is a key in the legacy encryption: a PKCS#1 or SEC1
    /// block with `Proc-Type: 4,ENCRYPTED`, the only ones OpenSSL encrypts
    /// this way and `import/legacy.rs` decrypts. On any other label the
    /// header does not make the key encrypted: it is read (and refused) as
    /// its label says, so "encrypted" never asks for a passphrase that
    /// nothing would use.
    pub(crate) fn is_legacy_encrypted(&self) -> bool {
        matches!(self.label.as_str(), "RSA PRIVATE KEY" | "EC PRIVATE KEY")
            && self
                .header("Proc-Type")
                .is_some_and(|v| v.replace(' ', "").eq_ignore_ascii_case("4,ENCRYPTED"))
    }
}

/// Every well-formed PEM block in `input`, in order. Malformed blocks are skipped.
pub fn blocks(input: &[u8]) -> Vec<PemBlock> {
    // The text and the base64 gathered below may be a key: both are wiped.
    let text = Zeroizing::new(String::from_utf8_lossy(input).into_owned());
    let mut out = Vec::new();
    let mut lines = text.lines().map(|l| l.trim());
    while let Some(line) = lines.next() {
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let mut headers = Vec::new();
        let mut body = Zeroizing::new(String::new());
        let mut closed = false;
        for line in lines.by_ref() {
            if line == end {
                closed = true;
                break;
            }
            if body.is_empty() {
                if let Some((k, v)) = line.split_once(':') {
                    headers.push((k.trim().to_owned(), v.trim().to_owned()));
                    continue;
                }
            }
            body.push_str(line);
        }
        if !closed {
            break;
        }
        if let Ok(der) = Base64::decode_vec(&body) {
            out.push(PemBlock {
                label: label.to_owned(),
                headers,
                der: Zeroizing::new(der),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_with_headers_and_noise() {
        let text = b"junk before\r\n-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\r\n\r\nAAEC\r\n-----END RSA PRIVATE KEY-----\r\n-----BEGIN CERTIFICATE-----\nAAEC\nAw==\n-----END CERTIFICATE-----\n-----BEGIN TRUNCATED-----\nAAEC\n";
        let b = blocks(text);
        assert_eq!(b.len(), 2);
        assert!(b[0].is_legacy_encrypted());
        assert_eq!(
            b[0].header("dek-info"),
            Some("AES-128-CBC,00112233445566778899AABBCCDDEEFF")
        );
        assert_eq!(b[1].label, "CERTIFICATE");
        assert_eq!(b[1].der.as_slice(), &[0, 1, 2, 3]);
        let pkcs8 = blocks(b"-----BEGIN PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAEC\n-----END PRIVATE KEY-----\n");
        assert!(!pkcs8[0].is_legacy_encrypted());
    }
}
