//! Checking a signature as Go's `checkSignature` does: MD5 and SHA-1 are
//! insecure and never checked, unknown algorithms are unimplemented, the
//! key's kind must be the algorithm's, and RSA keys of any size are used
//! (docker's `rsa1024min=0`).

use sha2::{Digest, Sha256, Sha384, Sha512};

use super::cert::{Curve, PublicKey, SigAlg};
use super::der::{self, Reader};
use super::Scheme;

/// Why a signature does not check, in Go's terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum SigFailure {
    /// MD5 or SHA-1: `InsecureAlgorithmError`.
    Insecure(SigAlg),
    /// `ErrUnsupportedAlgorithm`.
    Unsupported,
    /// The algorithm wants another kind of key: (wanted, Go's key type).
    KeyMismatch(&'static str, &'static str),
    /// The key did not make this signature: Go's error text.
    Wrong(&'static str),
}

#[derive(Clone, Copy)]
enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha256 => Sha256::digest(message).to_vec(),
            Hash::Sha384 => Sha384::digest(message).to_vec(),
            Hash::Sha512 => Sha512::digest(message).to_vec(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Rsa,
    Ecdsa,
    Ed25519,
}

/// Go's `checkSignature(algo, signed, signature, key, false)`.
pub(super) fn check(
    alg: SigAlg,
    signed: &[u8],
    signature: &[u8],
    key: &PublicKey<'_>,
) -> Result<(), SigFailure> {
    let (hash, kind, pss) = match alg {
        SigAlg::Md5Rsa | SigAlg::Sha1Rsa | SigAlg::EcdsaSha1 | SigAlg::DsaSha1 => {
            return Err(SigFailure::Insecure(alg))
        }
        SigAlg::Sha256Rsa => (Some(Hash::Sha256), KeyKind::Rsa, false),
        SigAlg::Sha384Rsa => (Some(Hash::Sha384), KeyKind::Rsa, false),
        SigAlg::Sha512Rsa => (Some(Hash::Sha512), KeyKind::Rsa, false),
        SigAlg::Sha256RsaPss => (Some(Hash::Sha256), KeyKind::Rsa, true),
        SigAlg::Sha384RsaPss => (Some(Hash::Sha384), KeyKind::Rsa, true),
        SigAlg::Sha512RsaPss => (Some(Hash::Sha512), KeyKind::Rsa, true),
        SigAlg::EcdsaSha256 => (Some(Hash::Sha256), KeyKind::Ecdsa, false),
        SigAlg::EcdsaSha384 => (Some(Hash::Sha384), KeyKind::Ecdsa, false),
        SigAlg::EcdsaSha512 => (Some(Hash::Sha512), KeyKind::Ecdsa, false),
        SigAlg::Ed25519 => (None, KeyKind::Ed25519, false),
        SigAlg::Md2Rsa | SigAlg::DsaSha256 | SigAlg::Unknown => {
            return Err(SigFailure::Unsupported)
        }
    };
    let wanted = match kind {
        KeyKind::Rsa => "RSA",
        KeyKind::Ecdsa => "ECDSA",
        KeyKind::Ed25519 => "Ed25519",
    };
    match key {
        PublicKey::Rsa { .. } if kind != KeyKind::Rsa => {
            Err(SigFailure::KeyMismatch(wanted, "*rsa.PublicKey"))
        }
        PublicKey::Ec { .. } if kind != KeyKind::Ecdsa => {
            Err(SigFailure::KeyMismatch(wanted, "*ecdsa.PublicKey"))
        }
        PublicKey::Ed25519(_) if kind != KeyKind::Ed25519 => {
            Err(SigFailure::KeyMismatch(wanted, "ed25519.PublicKey"))
        }
        PublicKey::Rsa { .. } => {
            let digest = hash.map(|h| (h, h.digest(signed)));
            match digest {
                Some((h, _)) if rsa_ok(key, h, pss, signed, signature) => Ok(()),
                _ => Err(SigFailure::Wrong("crypto/rsa: verification error")),
            }
        }
        // Go checks P-224 signatures; no dependency of dockcert's can, so
        // it is "unsupported" here rather than a false "another key".
        PublicKey::Ec {
            curve: Curve::P224, ..
        } => Err(SigFailure::Unsupported),
        PublicKey::Ec { curve, point } => match hash {
            Some(h) if ecdsa_ok(*curve, point, &h.digest(signed), signature) => Ok(()),
            _ => Err(SigFailure::Wrong("x509: ECDSA verification failure")),
        },
        PublicKey::Ed25519(raw) => {
            let key = ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, raw);
            key.verify(signed, signature)
                .map_err(|_| SigFailure::Wrong("x509: Ed25519 verification failure"))
        }
        PublicKey::Other(_) | PublicKey::Unknown => Err(SigFailure::Unsupported),
    }
}

/// Whether `signature` over `message` was made by the key in `spki` with
/// `scheme` (the public [`super::signed_by`]).
pub(super) fn signed_by(spki: &[u8], scheme: Scheme, message: &[u8], signature: &[u8]) -> bool {
    let Some(seq) = Reader::new(spki).expect(der::SEQUENCE) else {
        return false;
    };
    let Ok(key) = super::keys::parse_key(seq.body) else {
        return false;
    };
    let alg = match scheme {
        Scheme::RsaPkcs1 { hash_bits: 256 } => SigAlg::Sha256Rsa,
        Scheme::RsaPkcs1 { hash_bits: 384 } => SigAlg::Sha384Rsa,
        Scheme::RsaPkcs1 { hash_bits: 512 } => SigAlg::Sha512Rsa,
        Scheme::RsaPss { hash_bits: 256 } => SigAlg::Sha256RsaPss,
        Scheme::RsaPss { hash_bits: 384 } => SigAlg::Sha384RsaPss,
        Scheme::RsaPss { hash_bits: 512 } => SigAlg::Sha512RsaPss,
        Scheme::Ecdsa { hash_bits: 256 } => SigAlg::EcdsaSha256,
        Scheme::Ecdsa { hash_bits: 384 } => SigAlg::EcdsaSha384,
        Scheme::Ecdsa { hash_bits: 512 } => SigAlg::EcdsaSha512,
        Scheme::Ed25519 => SigAlg::Ed25519,
        _ => return false,
    };
    check(alg, message, signature, &key).is_ok()
}

fn rsa_ok(key: &PublicKey<'_>, hash: Hash, pss: bool, message: &[u8], signature: &[u8]) -> bool {
    let Some(public) = rsa_key(key) else {
        return false;
    };
    let result = match (hash, pss) {
        (Hash::Sha256, false) => public.pkcs1v15_verify::<Sha256>(message, signature),
        (Hash::Sha384, false) => public.pkcs1v15_verify::<Sha384>(message, signature),
        (Hash::Sha512, false) => public.pkcs1v15_verify::<Sha512>(message, signature),
        (Hash::Sha256, true) => public.pss_verify::<Sha256>(message, signature),
        (Hash::Sha384, true) => public.pss_verify::<Sha384>(message, signature),
        (Hash::Sha512, true) => public.pss_verify::<Sha512>(message, signature),
    };
    result.is_ok()
}

/// The rsa crate's key for any modulus size Go takes (it refuses under
/// 1024 bits by default; docker does not).
fn rsa_key(key: &PublicKey<'_>) -> Option<rsa::PublicKey> {
    let PublicKey::Rsa { modulus, .. } = key else {
        return None;
    };
    let exponent = rsa_exponent(key)?;
    let n = crypto_bigint::BoxedUint::from_be_slice_vartime(modulus);
    let e = crypto_bigint::BoxedUint::from_be_slice_vartime(exponent);
    rsa::PublicKey::new_with_size_limits(n, e, 1..=16384).ok()
}

/// The exponent's bytes: the modulus slice lies inside the RSAPublicKey,
/// and the exponent is the INTEGER right after it.
fn rsa_exponent<'a>(key: &PublicKey<'a>) -> Option<&'a [u8]> {
    let PublicKey::Rsa { exponent, .. } = key else {
        return None;
    };
    Some(exponent)
}

fn ecdsa_ok(curve: Curve, point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    match curve {
        Curve::P256 => {
            let (Ok(key), Ok(sig)) = (
                p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p256::ecdsa::Signature::from_der(signature),
            ) else {
                return false;
            };
            key.verify_prehash(digest, &sig).is_ok()
        }
        Curve::P384 => {
            let (Ok(key), Ok(sig)) = (
                p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p384::ecdsa::Signature::from_der(signature),
            ) else {
                return false;
            };
            key.verify_prehash(digest, &sig).is_ok()
        }
        Curve::P521 => {
            let (Ok(key), Ok(sig)) = (
                p521::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p521::ecdsa::Signature::from_der(signature),
            ) else {
                return false;
            };
            // Go takes a hash shorter than the curve as the number it is;
            // the ecdsa crate wants at least half the field (33 bytes), and
            // zeros on the left keep the number (P-521 with SHA-256).
            let mut padded = vec![0u8; 33usize.saturating_sub(digest.len())];
            padded.extend_from_slice(digest);
            key.verify_prehash(&padded, &sig).is_ok()
        }
        Curve::P224 => false,
    }
}

/// Whether `point` is an uncompressed point on `curve`, as Go's
/// `elliptic.Unmarshal` requires.
pub(super) fn point_on_curve(curve: Curve, point: &[u8]) -> bool {
    if point.first() != Some(&4) {
        return false;
    }
    match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(point).is_ok(),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(point).is_ok(),
        Curve::P521 => point.len() == 133 && p521::PublicKey::from_sec1_bytes(point).is_ok(),
        Curve::P224 => point.len() == 57,
    }
}
