//! What every certificate we make shares: its validity window, its serial,
//! and the facts about it that the manifest, README.txt and the page report.

use std::collections::HashSet;

use rand_core::CryptoRng;
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use super::facts::CertFacts;
use super::key_type::KeyType;
use super::subject::Subject;

/// How far a certificate's not-before is put in the past, so a host whose
/// clock runs a little behind still accepts a certificate made just now.
pub(crate) const CLOCK_SKEW_ALLOWANCE: Duration = Duration::hours(1);

/// Length of serial numbers in bytes: 16 bytes, 126 random bits. RFC 5280
/// allows up to 20 octets; the CA/Browser Forum asks for at least 64 random bits.
pub(crate) const SERIAL_LEN: usize = 16;

/// What a certificate is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CertRole {
    /// The certificate authority that signs the others.
    Ca,
    /// A Docker host's server certificate (EKU serverAuth).
    Server,
    /// A client certificate (EKU clientAuth).
    Client,
}

/// Facts about one certificate, taken from what was signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertInfo {
    /// What it is for.
    pub role: CertRole,
    /// The host or client name, or the CA name.
    pub name: String,
    /// The subject, as `CN=...`, or with the bundle's attributes first:
    /// `C=CN, O=..., OU=..., CN=...`.
    pub subject: String,
    /// Every subjectAltName, as text.
    pub sans: Vec<String>,
    /// The serial number in upper-case hex, as `openssl x509 -serial` prints it.
    pub serial: String,
    /// SHA-256 of the DER, as `AB:CD:...`, as `openssl x509 -fingerprint -sha256` prints it.
    pub fingerprint_sha256: String,
    /// Start of validity.
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    /// End of validity: after this, docker refuses the certificate.
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    /// The key type.
    #[serde(serialize_with = "key_type_name")]
    pub key_type: KeyType,
}

impl CertInfo {
    /// The facts about a certificate just signed from `params` (which carry
    /// its serial and validity) for a key of `key_type`, whose DER is `der`;
    /// its subject is `name` with `subject`'s attributes.
    pub(crate) fn of_signed(
        role: CertRole,
        (name, subject): (&str, &Subject),
        sans: Vec<String>,
        params: &rcgen::CertificateParams,
        der: &[u8],
        key_type: KeyType,
    ) -> Self {
        let serial = params
            .serial_number
            .as_ref()
            .map(|s| s.to_bytes())
            .unwrap_or_default();
        CertInfo {
            role,
            name: name.to_owned(),
            subject: subject.text(name),
            sans,
            serial: upper_hex(&serial),
            fingerprint_sha256: fingerprint(der),
            not_before: params.not_before,
            not_after: params.not_after,
            key_type,
        }
    }
}

impl CertInfo {
    /// The facts about an existing CA certificate, DER `der`, read as
    /// `facts`, whose key is of `key_type`.
    pub(crate) fn of_existing_ca(der: &[u8], facts: &CertFacts, key_type: KeyType) -> Self {
        CertInfo {
            role: CertRole::Ca,
            name: facts.name().to_owned(),
            subject: facts.subject.clone(),
            sans: Vec::new(),
            serial: facts.serial.clone(),
            fingerprint_sha256: fingerprint(der),
            not_before: facts.not_before,
            not_after: facts.not_after,
            key_type,
        }
    }
}

fn key_type_name<S: serde::Serializer>(k: &KeyType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.as_str())
}

/// A certificate window: from a little before `now` to `days` after it, to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Validity {
    /// Start.
    pub not_before: OffsetDateTime,
    /// End.
    pub not_after: OffsetDateTime,
}

impl Validity {
    /// The window for a certificate made at `now` and valid for `days`.
    pub fn starting(now: OffsetDateTime, days: u32) -> Self {
        let now = now.replace_nanosecond(0).unwrap_or(now);
        Validity {
            not_before: now - CLOCK_SKEW_ALLOWANCE,
            not_after: now + Duration::days(i64::from(days)),
        }
    }
}

/// Hands out random, positive, distinct serial numbers.
#[derive(Debug, Default)]
pub(crate) struct Serials {
    seen: HashSet<[u8; SERIAL_LEN]>,
}

impl Serials {
    /// A fresh serial: 16 bytes whose top byte is `01xxxxxx`, so the DER
    /// INTEGER is positive and exactly 16 bytes long, with 126 random bits.
    pub(crate) fn next<R: CryptoRng + ?Sized>(&mut self, rng: &mut R) -> rcgen::SerialNumber {
        loop {
            let mut bytes = [0u8; SERIAL_LEN];
            rng.fill_bytes(&mut bytes);
            bytes[0] = (bytes[0] & 0x3f) | 0x40;
            if self.seen.insert(bytes) {
                return rcgen::SerialNumber::from_slice(&bytes);
            }
        }
    }
}

/// SHA-256 of `der` as colon-separated upper-case hex.
pub fn fingerprint(der: &[u8]) -> String {
    colon_hex(&Sha256::digest(der))
}

/// Bytes as `AB:CD:EF`.
pub(crate) fn colon_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        out.push_str(&format!("{b:02X}"));
    }
    out
}

/// Bytes as plain upper-case hex.
pub(crate) fn upper_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Lower-case hex, as `sha256sum` prints it.
pub fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A date as `2027-11-23`.
pub fn day(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// A moment as `2027-11-23 17:40 UTC`.
pub fn minute(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!("{} {:02}:{:02} UTC", day(t), t.hour(), t.minute())
}

/// The key identifier of RFC 7093 §2 method 1: the leftmost 160 bits of the
/// SHA-256 of the subjectPublicKey bits. rcgen's own default hashes the whole
/// SubjectPublicKeyInfo, which linters report as an unknown method.
pub(crate) fn key_identifier(public_raw: &[u8]) -> rcgen::KeyIdMethod {
    let digest = Sha256::digest(public_raw);
    rcgen::KeyIdMethod::PreSpecified(digest[..20].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::SeedableRng;

    #[test]
    fn serials_are_positive_sixteen_bytes_and_distinct() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
        let mut serials = Serials::default();
        let mut all = HashSet::new();
        for _ in 0..1000 {
            let s = serials.next(&mut rng).to_bytes();
            assert_eq!(s.len(), SERIAL_LEN);
            assert_eq!(s[0] & 0xc0, 0x40);
            assert!(all.insert(s));
        }
    }

    #[test]
    fn validity_allows_for_skew() {
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
            + Duration::milliseconds(250);
        let v = Validity::starting(now, 365);
        assert_eq!(v.not_before.unix_timestamp(), 1_800_000_000 - 3600);
        assert_eq!(v.not_after.unix_timestamp(), 1_800_000_000 + 365 * 86400);
        assert_eq!(v.not_before.nanosecond(), 0);
    }

    #[test]
    fn hex_forms() {
        assert_eq!(colon_hex(&[0xab, 0x01]), "AB:01");
        assert_eq!(upper_hex(&[0xab, 0x01]), "AB01");
        assert_eq!(lower_hex(&[0xab, 0x01]), "ab01");
    }

    #[test]
    fn dates_read_as_utc() {
        let t = OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
        assert_eq!(day(t), "2026-11-23");
        assert_eq!(minute(t + Duration::minutes(5)), "2026-11-23 17:25 UTC");
    }
}
