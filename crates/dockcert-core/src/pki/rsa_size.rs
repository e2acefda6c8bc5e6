//! RSA keys judged by the length of their numbers before any big integer is
//! built. A 677 KB file can hold a 2,000,000-bit modulus, under every size
//! cap, and building and checking it took the CLI 10 to 25 s (and can
//! overflow the page's 1 MiB wasm stack); the DER lengths say as much at
//! no cost.

use crate::lang::{Lang, Localized};

/// The longest RSA number dockcert reads, in bits: OpenSSL's own limit
/// (`OPENSSL_RSA_MAX_MODULUS_BITS`), four times the largest key dockcert
/// signs with.
pub const MAX_RSA_BITS: usize = 16_384;

/// An RSA key holding a number longer than [`MAX_RSA_BITS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RsaTooLarge {
    /// Which number.
    pub number: RsaNumber,
    /// Its length in bits, as encoded.
    pub bits: usize,
}

/// The numbers of an RSA key, as PKCS#1 orders them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsaNumber {
    /// The modulus n.
    Modulus,
    /// The public exponent e.
    PublicExponent,
    /// One of the private numbers (d, p, q and the CRT values).
    Private,
}

impl Localized for RsaTooLarge {
    fn text(&self, lang: Lang) -> String {
        let bits = self.bits;
        match (self.number, lang) {
            (RsaNumber::Modulus, Lang::En) => format!(
                "its RSA modulus is {bits} bits long; dockcert reads RSA keys of at most {MAX_RSA_BITS} bits (refused before reading the key)"
            ),
            (RsaNumber::Modulus, Lang::Zh) => format!(
                "它的 RSA 模数长 {bits} 位；dockcert 只读取最多 {MAX_RSA_BITS} 位的 RSA 密钥（在读取密钥之前即已拒绝）"
            ),
            (RsaNumber::PublicExponent, Lang::En) => format!(
                "its RSA public exponent is {bits} bits long (a real one is 17 bits: 65537); dockcert reads RSA numbers of at most {MAX_RSA_BITS} bits (refused before reading the key)"
            ),
            (RsaNumber::PublicExponent, Lang::Zh) => format!(
                "它的 RSA 公钥指数长 {bits} 位（正常的是 17 位：65537）；dockcert 只读取最多 {MAX_RSA_BITS} 位的 RSA 数（在读取密钥之前即已拒绝）"
            ),
            (RsaNumber::Private, Lang::En) => format!(
                "one of its RSA private numbers is {bits} bits long; dockcert reads RSA keys of at most {MAX_RSA_BITS} bits (refused before reading the key)"
            ),
            (RsaNumber::Private, Lang::Zh) => format!(
                "它的一个 RSA 私钥数长 {bits} 位；dockcert 只读取最多 {MAX_RSA_BITS} 位的 RSA 密钥（在读取密钥之前即已拒绝）"
            ),
        }
    }
}

/// Checks the numbers of a PKCS#1 `RSAPrivateKey` (`public: false`) or
/// `RSAPublicKey` (`public: true`) by their encoded lengths only. DER that
/// does not parse passes: the real parser says what is wrong with it.
pub(crate) fn check_rsa_numbers(pkcs1: &[u8], public: bool) -> Result<(), RsaTooLarge> {
    // RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv, ... }
    // RSAPublicKey  ::= SEQUENCE { n, e }
    let Some((0x30, mut rest, _)) = tlv(pkcs1) else {
        return Ok(());
    };
    let mut index = 0usize;
    while let Some((tag, value, after)) = tlv(rest) {
        rest = after;
        let position = if public { index + 1 } else { index };
        index += 1;
        if tag != 0x02 || position == 0 {
            continue;
        }
        let bits = integer_bits(value);
        if bits > MAX_RSA_BITS {
            let number = match position {
                1 => RsaNumber::Modulus,
                2 => RsaNumber::PublicExponent,
                _ => RsaNumber::Private,
            };
            return Err(RsaTooLarge { number, bits });
        }
    }
    Ok(())
}

/// The same for an X.509 `SubjectPublicKeyInfo` whose algorithm is
/// `algorithm` (dotted) and whose subjectPublicKey bits are `key`: keys of
/// other algorithms pass (their sizes are fixed by their curves).
pub(crate) fn check_spki(algorithm: &str, key: &[u8]) -> Result<(), RsaTooLarge> {
    const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
    const RSASSA_PSS: &str = "1.2.840.113549.1.1.10";
    if algorithm == RSA_ENCRYPTION || algorithm == RSASSA_PSS {
        check_rsa_numbers(key, true)
    } else {
        Ok(())
    }
}

/// The length in bits of a DER INTEGER's content, as encoded (its sign
/// byte not counted).
fn integer_bits(value: &[u8]) -> usize {
    let value = match value {
        [0, rest @ ..] if !rest.is_empty() => rest,
        other => other,
    };
    match value.first() {
        Some(&first) => value.len() * 8 - first.leading_zeros() as usize,
        None => 0,
    }
}

/// One DER tag-length-value at the start of `der`: its tag, its value and
/// what follows it; `None` if the header is malformed or runs past the end.
fn tlv(der: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (bytes, rest) = rest.split_at(count);
        let len = bytes
            .iter()
            .fold(0usize, |len, &b| (len << 8) | usize::from(b));
        (len, rest)
    };
    (rest.len() >= len).then(|| {
        let (value, after) = rest.split_at(len);
        (tag, value, after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_der::tlv as der;

    fn number(bits: usize) -> Vec<u8> {
        let mut value = vec![0u8];
        value.extend(std::iter::repeat_n(0xff, bits / 8));
        der(0x02, &value)
    }

    fn public(n: usize, e: usize) -> Vec<u8> {
        der(0x30, &[number(n), number(e)].concat())
    }

    #[test]
    fn numbers_are_judged_by_their_length() {
        assert_eq!(check_rsa_numbers(&public(4096, 16), true), Ok(()));
        assert_eq!(check_rsa_numbers(&public(16_384, 16), true), Ok(()));
        assert_eq!(
            check_rsa_numbers(&public(2_000_000, 16), true),
            Err(RsaTooLarge {
                number: RsaNumber::Modulus,
                bits: 2_000_000
            })
        );
        assert_eq!(
            check_rsa_numbers(&public(4096, 16_392), true),
            Err(RsaTooLarge {
                number: RsaNumber::PublicExponent,
                bits: 16_392
            })
        );
        let private = |d: usize| {
            der(
                0x30,
                &[der(0x02, &[0]), number(4096), number(16), number(d)].concat(),
            )
        };
        assert_eq!(check_rsa_numbers(&private(4096), false), Ok(()));
        assert_eq!(
            check_rsa_numbers(&private(20_000), false),
            Err(RsaTooLarge {
                number: RsaNumber::Private,
                bits: 20_000
            })
        );
        // Malformed DER is the real parser's to refuse.
        assert_eq!(
            check_rsa_numbers(b"\x30\x84\xff\xff\xff\xff", false),
            Ok(())
        );
        assert_eq!(check_rsa_numbers(b"", true), Ok(()));
        let too_large = check_spki("1.2.840.113549.1.1.1", &public(20_000, 16)).unwrap_err();
        assert!(too_large.text(Lang::En).contains("20000 bits"));
        assert!(too_large.text(Lang::Zh).contains("20000 位"));
        assert_eq!(check_spki("1.2.840.10045.2.1", &public(20_000, 16)), Ok(()));
    }
}
