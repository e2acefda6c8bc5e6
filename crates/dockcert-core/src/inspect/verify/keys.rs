//! Public keys as Go's `parsePublicKey` reads them: RSA (any size, NULL
//! parameters), ECDSA on the named curves Go takes (uncompressed points on
//! the curve), Ed25519 (no parameters, 32 bytes); DSA and X25519 parsed
//! but never a signer; anything else unknown.

use super::cert::{Curve, ParseError, PublicKey};
use super::der::{self, Reader};

fn go(message: &str) -> ParseError {
    ParseError::Go(message.to_string())
}

const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];
const OID_X25519: &[u8] = &[0x2b, 0x65, 0x6e];
const OID_DSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01];
const OID_P224: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x21];
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const OID_P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];

/// A SubjectPublicKeyInfo's key, checked as Go's `parsePublicKey` does.
pub(super) fn parse_key(spki_body: &[u8]) -> Result<PublicKey<'_>, ParseError> {
    let mut parts = Reader::new(spki_body);
    let algorithm = parts
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: malformed spki"))?;
    let key = parts
        .expect(der::BIT_STRING)
        .and_then(|bits| der::bit_string_bytes(bits.body))
        .ok_or_else(|| go("x509: malformed spki"))?;
    let mut alg = Reader::new(algorithm.body);
    let oid = alg
        .expect(der::OID)
        .ok_or_else(|| go("x509: malformed spki"))?;
    let params = alg.any();
    match oid.body {
        OID_RSA => {
            if !params.is_some_and(|p| p.tag == der::NULL && p.body.is_empty()) {
                return Err(go("x509: RSA key missing NULL parameters"));
            }
            let seq = Reader::new(key)
                .expect(der::SEQUENCE)
                .ok_or_else(|| go("x509: invalid RSA public key"))?;
            let mut numbers = Reader::new(seq.body);
            let n = numbers
                .expect(der::INTEGER)
                .ok_or_else(|| go("x509: invalid RSA modulus"))?;
            let e = numbers
                .expect(der::INTEGER)
                .ok_or_else(|| go("x509: invalid RSA public exponent"))?;
            let modulus = der::unsigned(n.body)
                .filter(|m| !m.is_empty())
                .ok_or_else(|| go("x509: RSA modulus is not a positive number"))?;
            let exponent = der::unsigned(e.body)
                .filter(|m| !m.is_empty())
                .ok_or_else(|| go("x509: RSA public exponent is not a positive number"))?;
            let bits = modulus.len() * 8 - modulus[0].leading_zeros() as usize;
            Ok(PublicKey::Rsa {
                modulus,
                exponent,
                bits,
            })
        }
        OID_EC => {
            let curve = match params {
                Some(p) if p.tag == der::OID => match p.body {
                    OID_P224 => Curve::P224,
                    OID_P256 => Curve::P256,
                    OID_P384 => Curve::P384,
                    OID_P521 => Curve::P521,
                    _ => return Err(go("x509: unsupported elliptic curve")),
                },
                _ => return Err(go("x509: failed to parse ECDSA parameters as named curve")),
            };
            if !super::signature::point_on_curve(curve, key) {
                return Err(go("x509: failed to unmarshal elliptic curve point"));
            }
            Ok(PublicKey::Ec { curve, point: key })
        }
        OID_ED25519 => {
            if params.is_some() {
                return Err(go("x509: Ed25519 key encoded with illegal parameters"));
            }
            if key.len() != 32 {
                return Err(go("x509: wrong Ed25519 public key size"));
            }
            Ok(PublicKey::Ed25519(key))
        }
        OID_X25519 => Ok(PublicKey::Other("*ecdh.PublicKey")),
        OID_DSA => Ok(PublicKey::Other("*dsa.PublicKey")),
        _ => Ok(PublicKey::Unknown),
    }
}
