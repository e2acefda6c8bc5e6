//! A certificate's extensions as Go's `processExtensions` reads them:
//! which it understands, which stay "unhandled" (and refuse the chain when
//! critical), and the values the verifier uses.

use super::cert::ParseError;
use super::der::{self, Reader};
use super::names;

/// The extensions' facts.
#[derive(Clone, Debug, Default)]
pub(super) struct Extensions<'a> {
    /// basicConstraints, when present (Go's `BasicConstraintsValid`).
    pub(super) basic: Option<Basic>,
    /// keyUsage bits as Go numbers them (bit 0 digitalSignature … bit 5
    /// keyCertSign); 0 when absent.
    pub(super) key_usage: u16,
    /// extendedKeyUsage, when present.
    pub(super) eku: Option<Eku>,
    /// The subjectAltName extension's value, when present.
    pub(super) san: Option<&'a [u8]>,
    pub(super) dns_names: Vec<String>,
    pub(super) emails: Vec<String>,
    /// 4 or 16 bytes each.
    pub(super) ips: Vec<Vec<u8>>,
    pub(super) uris: Vec<String>,
    /// nameConstraints, when present.
    pub(super) constraints: Option<Constraints>,
    pub(super) subject_key_id: Option<&'a [u8]>,
    pub(super) authority_key_id: Option<&'a [u8]>,
    /// The first critical extension Go does not handle.
    pub(super) unhandled_critical: Option<String>,
}

/// basicConstraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Basic {
    pub(super) is_ca: bool,
    /// `None`: no pathLenConstraint (Go's MaxPathLen -1).
    pub(super) max_path_len: Option<u64>,
}

/// An extendedKeyUsage list, as Go sorts it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Eku {
    pub(super) any: bool,
    pub(super) server: bool,
    pub(super) client: bool,
    /// Known usages other than these (code signing …) and unknown OIDs.
    pub(super) others: usize,
}

/// nameConstraints, each list as Go keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Constraints {
    pub(super) permitted: Subtrees,
    pub(super) excluded: Subtrees,
}

/// One side of nameConstraints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Subtrees {
    pub(super) dns: Vec<String>,
    pub(super) emails: Vec<String>,
    pub(super) uris: Vec<String>,
    /// (address, mask), both 4 or both 16 bytes.
    pub(super) ips: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Subtrees {
    pub(super) fn is_empty(&self) -> bool {
        self.dns.is_empty() && self.emails.is_empty() && self.uris.is_empty() && self.ips.is_empty()
    }
}

fn go(message: &str) -> ParseError {
    ParseError::Go(message.to_string())
}

/// The Extensions SEQUENCE's contents.
pub(super) fn parse(body: &[u8]) -> Result<Extensions<'_>, ParseError> {
    // First every extension's OID, as Go reads them all before it
    // processes any: a duplicate is refused before anything else.
    let mut list = Vec::new();
    let mut reader = Reader::new(body);
    while !reader.is_empty() {
        let seq = reader
            .expect(der::SEQUENCE)
            .ok_or_else(|| go("x509: malformed extension"))?;
        let mut parts = Reader::new(seq.body);
        let oid = parts
            .expect(der::OID)
            .and_then(|o| der::oid_string(o.body))
            .ok_or_else(|| go("x509: malformed extension OID field"))?;
        let critical = match parts.optional(der::BOOLEAN) {
            Some(b) => match b.body {
                [0] => false,
                [0xff] => true,
                _ => return Err(go("x509: malformed extension critical field")),
            },
            None => false,
        };
        let value = parts
            .expect(der::OCTET_STRING)
            .ok_or_else(|| go("x509: malformed extension value field"))?;
        if list
            .iter()
            .any(|(seen, _, _): &(String, bool, &[u8])| *seen == oid)
        {
            return Err(ParseError::Duplicate(oid));
        }
        list.push((oid, critical, value.body));
    }
    let mut out = Extensions::default();
    for (oid, critical, value) in list {
        // RFC 5280 has these two non-critical, and Go refuses to parse a
        // certificate that marks them critical.
        if critical && oid == "2.5.29.35" {
            return Err(go(
                "x509: authority key identifier incorrectly marked critical",
            ));
        }
        if critical && oid == "2.5.29.14" {
            return Err(go(
                "x509: subject key identifier incorrectly marked critical",
            ));
        }
        if critical && oid == "1.3.6.1.5.5.7.1.1" {
            return Err(go(
                "x509: authority info access incorrectly marked critical",
            ));
        }
        let unhandled = process(&mut out, &oid, value)?;
        if critical && unhandled && out.unhandled_critical.is_none() {
            out.unhandled_critical = Some(oid);
        }
    }
    Ok(out)
}

/// Reads one extension into `out`; true when Go leaves it unhandled.
fn process<'a>(out: &mut Extensions<'a>, oid: &str, value: &'a [u8]) -> Result<bool, ParseError> {
    match oid {
        "2.5.29.15" => {
            let bits = Reader::new(value)
                .expect(der::BIT_STRING)
                .filter(|b| !b.body.is_empty())
                .ok_or_else(|| go("x509: invalid key usage"))?;
            let mut usage = 0u16;
            for i in 0..9usize {
                let byte = bits.body.get(1 + i / 8).copied().unwrap_or(0);
                if byte & (0x80 >> (i % 8)) != 0 {
                    usage |= 1 << i;
                }
            }
            out.key_usage = usage;
            Ok(false)
        }
        "2.5.29.19" => {
            let bad = || go("x509: invalid basic constraints");
            let seq = Reader::new(value).expect(der::SEQUENCE).ok_or_else(bad)?;
            let mut parts = Reader::new(seq.body);
            let is_ca = match parts.optional(der::BOOLEAN) {
                Some(b) => b.body == [0xff],
                None => false,
            };
            let max_path_len = match parts.optional(der::INTEGER) {
                Some(n) => {
                    let magnitude = der::unsigned(n.body).ok_or_else(bad)?;
                    if magnitude.len() > 4 {
                        return Err(bad());
                    }
                    Some(magnitude.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b)))
                }
                None => None,
            };
            out.basic = Some(Basic {
                is_ca,
                max_path_len,
            });
            Ok(false)
        }
        "2.5.29.17" => {
            out.san = Some(value);
            read_san(out, value)?;
            Ok(out.dns_names.is_empty()
                && out.emails.is_empty()
                && out.ips.is_empty()
                && out.uris.is_empty())
        }
        "2.5.29.30" => {
            let (constraints, unhandled) = super::subtrees::read_constraints(value)?;
            out.constraints = Some(constraints);
            Ok(unhandled)
        }
        "2.5.29.37" => {
            out.eku = Some(read_eku(value)?);
            Ok(false)
        }
        "2.5.29.14" => {
            let id = Reader::new(value)
                .expect(der::OCTET_STRING)
                .ok_or_else(|| go("x509: invalid subject key identifier"))?;
            out.subject_key_id = Some(id.body);
            Ok(false)
        }
        "2.5.29.35" => {
            let seq = Reader::new(value)
                .expect(der::SEQUENCE)
                .ok_or_else(|| go("x509: invalid authority key identifier"))?;
            out.authority_key_id = Reader::new(seq.body).optional(0x80).map(|id| id.body);
            Ok(false)
        }
        // CRL distribution points, certificate policies, policy mappings,
        // policy constraints, inhibitAnyPolicy, authorityInfoAccess.
        "2.5.29.31" | "2.5.29.32" | "2.5.29.33" | "2.5.29.36" | "2.5.29.54"
        | "1.3.6.1.5.5.7.1.1" => Ok(false),
        _ => Ok(true),
    }
}

fn read_san<'a>(out: &mut Extensions<'a>, value: &'a [u8]) -> Result<(), ParseError> {
    let seq = Reader::new(value)
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: invalid subject alternative names"))?;
    let mut names = Reader::new(seq.body);
    while !names.is_empty() {
        let name = names
            .any()
            .ok_or_else(|| go("x509: invalid subject alternative name"))?;
        let ascii = || {
            if name.body.is_ascii() {
                std::str::from_utf8(name.body).ok().map(str::to_string)
            } else {
                None
            }
        };
        match name.tag {
            0x81 => out
                .emails
                .push(ascii().ok_or_else(|| go("x509: SAN rfc822Name is malformed"))?),
            0x82 => out
                .dns_names
                .push(ascii().ok_or_else(|| go("x509: SAN dNSName is malformed"))?),
            0x86 => {
                let uri = ascii()
                    .ok_or_else(|| go("x509: SAN uniformResourceIdentifier is malformed"))?;
                if let Some(host) = names::uri_host(&uri) {
                    if !host.is_empty() && names::reverse_labels(host).is_none() {
                        return Err(ParseError::Go(format!(
                            "x509: cannot parse URI {}: invalid domain",
                            names::go_quote(&uri)
                        )));
                    }
                }
                out.uris.push(uri);
            }
            0x87 => {
                if name.body.len() != 4 && name.body.len() != 16 {
                    return Err(ParseError::Go(format!(
                        "x509: cannot parse IP address of length {}",
                        name.body.len()
                    )));
                }
                out.ips.push(name.body.to_vec());
            }
            _ => {}
        }
    }
    Ok(())
}

fn read_eku(value: &[u8]) -> Result<Eku, ParseError> {
    let seq = Reader::new(value)
        .expect(der::SEQUENCE)
        .ok_or_else(|| go("x509: invalid extended key usages"))?;
    let mut eku = Eku::default();
    let mut oids = Reader::new(seq.body);
    while !oids.is_empty() {
        let oid = oids
            .expect(der::OID)
            .and_then(|o| der::oid_string(o.body))
            .ok_or_else(|| go("x509: invalid extended key usages"))?;
        match oid.as_str() {
            "2.5.29.37.0" => eku.any = true,
            "1.3.6.1.5.5.7.3.1" => eku.server = true,
            "1.3.6.1.5.5.7.3.2" => eku.client = true,
            _ => eku.others += 1,
        }
    }
    Ok(eku)
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
