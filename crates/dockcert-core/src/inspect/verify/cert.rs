//! A certificate's facts as Go's `x509.ParseCertificate` reads them: the
//! raw names the chain is built by, the dates, the key, and the
//! extensions (read in `ext.rs`). A certificate Go cannot parse is a
//! [`ParseError`] with Go's words.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use super::der::{self, Reader};
use super::ext::{self, Extensions};

/// A certificate, parsed as Go parses it.
#[derive(Clone, Debug)]
pub(super) struct Cert<'a> {
    pub(super) raw: &'a [u8],
    pub(super) tbs: &'a [u8],
    /// The outer signatureAlgorithm, as Go names it.
    pub(super) sig_alg: SigAlg,
    pub(super) signature: &'a [u8],
    /// 1, 2 or 3.
    pub(super) version: u8,
    /// The serial number in decimal, as Go's `big.Int` prints it.
    pub(super) serial: String,
    pub(super) raw_issuer: &'a [u8],
    pub(super) raw_subject: &'a [u8],
    /// The subject's last commonName, as Go's `pkix.Name` keeps it.
    pub(super) common_name: String,
    /// The subject's first organizationName.
    pub(super) organization: Option<String>,
    pub(super) not_before: OffsetDateTime,
    pub(super) not_after: OffsetDateTime,
    pub(super) key: PublicKey<'a>,
    pub(super) ext: Extensions<'a>,
}

/// A public key of a kind Go parses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum PublicKey<'a> {
    /// RSA: the modulus' and exponent's bytes (no leading zeros) and the
    /// modulus' size in bits.
    Rsa {
        modulus: &'a [u8],
        exponent: &'a [u8],
        bits: usize,
    },
    /// ECDSA on a named curve, the point uncompressed.
    Ec {
        curve: Curve,
        point: &'a [u8],
    },
    Ed25519(&'a [u8]),
    /// Keys Go parses but cannot check a certificate signature with
    /// (DSA, X25519), by Go's type name.
    Other(&'static str),
    /// An algorithm Go does not know.
    Unknown,
}

/// The named curves Go takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Curve {
    P224,
    P256,
    P384,
    P521,
}

/// A signature algorithm, as Go's `SignatureAlgorithm` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SigAlg {
    Md2Rsa,
    Md5Rsa,
    Sha1Rsa,
    Sha256Rsa,
    Sha384Rsa,
    Sha512Rsa,
    Sha256RsaPss,
    Sha384RsaPss,
    Sha512RsaPss,
    DsaSha1,
    DsaSha256,
    EcdsaSha1,
    EcdsaSha256,
    EcdsaSha384,
    EcdsaSha512,
    Ed25519,
    Unknown,
}

impl SigAlg {
    /// Go's `SignatureAlgorithm.String()`.
    pub(super) fn go_name(self) -> &'static str {
        match self {
            SigAlg::Md2Rsa => "MD2-RSA",
            SigAlg::Md5Rsa => "MD5-RSA",
            SigAlg::Sha1Rsa => "SHA1-RSA",
            SigAlg::Sha256Rsa => "SHA256-RSA",
            SigAlg::Sha384Rsa => "SHA384-RSA",
            SigAlg::Sha512Rsa => "SHA512-RSA",
            SigAlg::Sha256RsaPss => "SHA256-RSAPSS",
            SigAlg::Sha384RsaPss => "SHA384-RSAPSS",
            SigAlg::Sha512RsaPss => "SHA512-RSAPSS",
            SigAlg::DsaSha1 => "DSA-SHA1",
            SigAlg::DsaSha256 => "DSA-SHA256",
            SigAlg::EcdsaSha1 => "ECDSA-SHA1",
            SigAlg::EcdsaSha256 => "ECDSA-SHA256",
            SigAlg::EcdsaSha384 => "ECDSA-SHA384",
            SigAlg::EcdsaSha512 => "ECDSA-SHA512",
            SigAlg::Ed25519 => "Ed25519",
            SigAlg::Unknown => "0",
        }
    }
}

/// Why Go refuses to parse a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ParseError {
    /// Two extensions with one OID.
    Duplicate(String),
    /// Go's message, whole.
    Go(String),
}

fn go(message: &str) -> ParseError {
    ParseError::Go(message.to_string())
}

/// Parses `raw` as Go does.
pub(super) fn parse(raw: &[u8]) -> Result<Cert<'_>, ParseError> {
    let malformed = || go("x509: malformed certificate");
    let mut outer = Reader::new(raw);
    let cert = outer.expect(der::SEQUENCE).ok_or_else(malformed)?;
    let mut fields = Reader::new(cert.body);
    let tbs = fields
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: malformed tbs certificate"))?;
    let mut body = Reader::new(tbs.body);
    let version = match body.optional(0xa0) {
        None => 1,
        Some(explicit) => {
            let int = Reader::new(explicit.body)
                .expect(der::INTEGER)
                .ok_or_else(|| go("x509: malformed version"))?;
            match int.body {
                [v @ 0..=2] => v + 1,
                [3] => return Err(go("x509: invalid version")),
                _ => return Err(go("x509: malformed version")),
            }
        }
    };
    let serial = body
        .expect(der::INTEGER)
        .ok_or_else(|| go("x509: malformed serial number"))?;
    let inner_alg = body
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: malformed signature algorithm identifier"))?;
    // Go compares the outer algorithm with the inner one before reading on.
    let outer_alg = fields
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: malformed algorithm identifier"))?;
    if outer_alg.raw != inner_alg.raw {
        return Err(go(
            "x509: inner and outer signature algorithm identifiers don't match",
        ));
    }
    let issuer = body
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: malformed issuer"))?;
    name_facts(issuer.body)?;
    let validity = body
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: malformed validity"))?;
    let (not_before, not_after) = parse_validity(validity.body)?;
    let subject = body
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: malformed issuer"))?;
    let (common_name, organization) = name_facts(subject.body)?;
    let spki = body
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: malformed spki"))?;
    // The key is read before the extensions, as Go reads it.
    let key = super::keys::parse_key(spki.body)?;
    // Only a version 3 certificate's extensions are read; in an older one
    // Go ignores whatever follows the key.
    let extensions = if version == 3 {
        let _issuer_uid = body.optional(0x81).or_else(|| body.optional(0xa1));
        let _subject_uid = body.optional(0x82).or_else(|| body.optional(0xa2));
        match body.optional(0xa3) {
            Some(explicit) => {
                let seq = Reader::new(explicit.body)
                    .expect(der::SEQUENCE)
                    .ok_or_else(|| go("x509: malformed extensions"))?;
                ext::parse(seq.body)?
            }
            None => Extensions::default(),
        }
    } else {
        Extensions::default()
    };
    let signature = fields
        .expect(der::BIT_STRING)
        .and_then(|bits| der::bit_string_bytes(bits.body))
        .ok_or_else(|| go("x509: malformed signature"))?;
    if !outer.is_empty() {
        return Err(go("x509: trailing data"));
    }
    Ok(Cert {
        raw: cert.raw,
        tbs: tbs.raw,
        sig_alg: super::algorithms::signature_algorithm(inner_alg.body),
        signature,
        version,
        serial: decimal(serial.body),
        raw_issuer: issuer.raw,
        raw_subject: subject.raw,
        common_name,
        organization,
        not_before,
        not_after,
        key,
        ext: extensions,
    })
}

impl PublicKey<'_> {
    /// Go's `%T` of the parsed key, for a key crypto/tls cannot use.
    pub(super) fn go_type(&self) -> Option<&'static str> {
        match self {
            PublicKey::Other(go_type) => Some(go_type),
            PublicKey::Unknown => Some("<nil>"),
            _ => None,
        }
    }
}

impl Cert<'_> {
    /// Go's `certName` in an unknown-authority hint: the CN, else the first
    /// O, else "serial:N".
    pub(super) fn go_name(&self) -> String {
        if !self.common_name.is_empty() {
            self.common_name.clone()
        } else if let Some(org) = &self.organization {
            org.clone()
        } else {
            format!("serial:{}", self.serial)
        }
    }
}

fn parse_validity(body: &[u8]) -> Result<(OffsetDateTime, OffsetDateTime), ParseError> {
    let mut times = Reader::new(body);
    let not_before = times
        .any()
        .and_then(parse_time)
        .ok_or_else(|| go("x509: malformed notBefore"))?;
    let not_after = times
        .any()
        .and_then(parse_time)
        .ok_or_else(|| go("x509: malformed notAfter"))?;
    Ok((not_before, not_after))
}

fn parse_time(tlv: der::Tlv<'_>) -> Option<OffsetDateTime> {
    let text = std::str::from_utf8(tlv.body).ok()?;
    let digits = text.strip_suffix('Z')?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |s: &str| s.parse::<i32>().ok();
    let (year, rest) = match (tlv.tag, digits.len()) {
        (der::UTC_TIME, 12) => {
            let yy = number(&digits[..2])?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, &digits[2..])
        }
        (der::GENERALIZED_TIME, 14) => (number(&digits[..4])?, &digits[4..]),
        _ => return None,
    };
    let two = |i: usize| -> Option<u8> { rest.get(i..i + 2)?.parse().ok() };
    let date = Date::from_calendar_date(year, Month::try_from(two(0)?).ok()?, two(2)?).ok()?;
    let time = Time::from_hms(two(4)?, two(6)?, two(8)?).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc())
}

/// The subject's CN (the last one, as Go keeps it) and first O.
fn name_facts(body: &[u8]) -> Result<(String, Option<String>), ParseError> {
    let bad = || go("x509: invalid RDNSequence");
    let mut common_name = String::new();
    let mut organization = None;
    let mut rdns = Reader::new(body);
    while !rdns.is_empty() {
        let set = rdns.expect(der::SET).ok_or_else(bad)?;
        let mut atvs = Reader::new(set.body);
        while !atvs.is_empty() {
            let atv = atvs.expect(der::SEQUENCE).ok_or_else(bad)?;
            let mut parts = Reader::new(atv.body);
            let oid = parts.expect(der::OID).ok_or_else(bad)?;
            let value = parts.any().ok_or_else(bad)?;
            let text = string_value(value).ok_or_else(bad)?;
            match oid.body {
                [0x55, 0x04, 0x03] => common_name = text,
                [0x55, 0x04, 0x0a] if organization.is_none() => organization = Some(text),
                _ => {}
            }
        }
    }
    Ok((common_name, organization))
}

fn string_value(value: der::Tlv<'_>) -> Option<String> {
    match value.tag {
        // UTF8String, PrintableString, IA5String, NumericString
        0x0c | 0x13 | 0x16 | 0x12 => String::from_utf8(value.body.to_vec()).ok(),
        // T61String: Go takes its bytes as they are
        0x14 => Some(value.body.iter().map(|&b| char::from(b)).collect()),
        // BMPString: UTF-16BE
        0x1e => {
            let units: Vec<u16> = value
                .body
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        // Anything else Go keeps out of the name's string fields.
        _ => Some(String::new()),
    }
}

/// A two's-complement INTEGER in decimal (Go accepts negative serials,
/// `x509negativeserial=1`).
pub(super) fn decimal(body: &[u8]) -> String {
    let negative = body.first().is_some_and(|&b| b & 0x80 != 0);
    let mut magnitude: Vec<u8> = body.to_vec();
    if negative {
        // Two's complement: invert and add one.
        for byte in &mut magnitude {
            *byte = !*byte;
        }
        for byte in magnitude.iter_mut().rev() {
            let (sum, carry) = byte.overflowing_add(1);
            *byte = sum;
            if !carry {
                break;
            }
        }
    }
    let mut digits = Vec::new();
    while magnitude.iter().any(|&b| b != 0) {
        let mut remainder = 0u32;
        for byte in &mut magnitude {
            let value = (remainder << 8) | u32::from(*byte);
            *byte = (value / 10) as u8;
            remainder = value % 10;
        }
        digits.push(char::from(b'0' + remainder as u8));
    }
    if digits.is_empty() {
        digits.push('0');
    }
    if negative {
        digits.push('-');
    }
    digits.iter().rev().collect()
}
