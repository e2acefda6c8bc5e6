//! Signature algorithm identifiers as Go's `getSignatureAlgorithmFromAI`
//! names them, RSA-PSS's parameters included (Go takes only the three
//! "salt as long as the hash, MGF1 with the same hash" forms).

use super::cert::SigAlg;
use super::der::{self, Reader};

const PKCS1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
const ECDSA_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01];
const ECDSA_SHA2: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03];
const DSA_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03];
const DSA_SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x02];
const ISO_SHA1_RSA: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1d];
const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
const SHA2: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02];

/// An AlgorithmIdentifier's contents as Go's `SignatureAlgorithm`.
pub(super) fn signature_algorithm(body: &[u8]) -> SigAlg {
    let mut parts = Reader::new(body);
    let Some(oid) = parts.expect(der::OID) else {
        return SigAlg::Unknown;
    };
    let params = parts.any();
    if oid.body == ED25519 {
        return if params.is_none() {
            SigAlg::Ed25519
        } else {
            SigAlg::Unknown
        };
    }
    if let Some(last) = oid.body.strip_prefix(PKCS1) {
        return match last {
            [2] => SigAlg::Md2Rsa,
            [4] => SigAlg::Md5Rsa,
            [5] => SigAlg::Sha1Rsa,
            [11] => SigAlg::Sha256Rsa,
            [12] => SigAlg::Sha384Rsa,
            [13] => SigAlg::Sha512Rsa,
            [10] => params.map_or(SigAlg::Unknown, |p| pss(p.raw)),
            _ => SigAlg::Unknown,
        };
    }
    if let Some(last) = oid.body.strip_prefix(ECDSA_SHA2) {
        return match last {
            [2] => SigAlg::EcdsaSha256,
            [3] => SigAlg::EcdsaSha384,
            [4] => SigAlg::EcdsaSha512,
            _ => SigAlg::Unknown,
        };
    }
    match oid.body {
        ECDSA_SHA1 => SigAlg::EcdsaSha1,
        DSA_SHA1 => SigAlg::DsaSha1,
        DSA_SHA256 => SigAlg::DsaSha256,
        ISO_SHA1_RSA => SigAlg::Sha1Rsa,
        _ => SigAlg::Unknown,
    }
}

/// RSASSA-PSS-params: hash [0], maskGenAlgorithm [1], saltLength [2]
/// (default 20), trailerField [3] (default 1).
fn pss(raw: &[u8]) -> SigAlg {
    pss_params(raw).unwrap_or(SigAlg::Unknown)
}

fn pss_params(raw: &[u8]) -> Option<SigAlg> {
    let seq = Reader::new(raw).expect(der::SEQUENCE)?;
    let mut fields = Reader::new(seq.body);
    let hash = Reader::new(fields.expect(0xa0)?.body).expect(der::SEQUENCE)?;
    let mgf = Reader::new(fields.expect(0xa1)?.body).expect(der::SEQUENCE)?;
    let salt = match fields.optional(0xa2) {
        Some(explicit) => small_int(Reader::new(explicit.body).expect(der::INTEGER)?.body)?,
        None => 20,
    };
    let trailer = match fields.optional(0xa3) {
        Some(explicit) => small_int(Reader::new(explicit.body).expect(der::INTEGER)?.body)?,
        None => 1,
    };
    let (hash_oid, hash_params_ok) = oid_with_null_params(hash.body)?;
    let mut mgf_parts = Reader::new(mgf.body);
    let mgf_oid = mgf_parts.expect(der::OID)?;
    let mgf_hash = mgf_parts.expect(der::SEQUENCE)?;
    let (mgf_hash_oid, mgf_hash_params_ok) = oid_with_null_params(mgf_hash.body)?;
    let mgf1 = [PKCS1, &[8]].concat();
    if !hash_params_ok
        || mgf_oid.body != mgf1.as_slice()
        || mgf_hash_oid != hash_oid
        || !mgf_hash_params_ok
        || trailer != 1
    {
        return None;
    }
    match (hash_oid.strip_prefix(SHA2)?, salt) {
        ([1], 32) => Some(SigAlg::Sha256RsaPss),
        ([2], 48) => Some(SigAlg::Sha384RsaPss),
        ([3], 64) => Some(SigAlg::Sha512RsaPss),
        _ => None,
    }
}

/// An AlgorithmIdentifier's OID, and whether its parameters are absent or
/// NULL (all Go takes in PSS's hashes).
fn oid_with_null_params(body: &[u8]) -> Option<(&[u8], bool)> {
    let mut parts = Reader::new(body);
    let oid = parts.expect(der::OID)?;
    let ok = match parts.any() {
        None => true,
        Some(p) => p.tag == der::NULL && p.body.is_empty(),
    };
    Some((oid.body, ok))
}

fn small_int(body: &[u8]) -> Option<u64> {
    let magnitude = der::unsigned(body)?;
    if magnitude.len() > 4 {
        return None;
    }
    Some(magnitude.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b)))
}
