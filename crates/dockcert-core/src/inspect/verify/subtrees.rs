//! nameConstraints as Go's `parseNameConstraintsExtension` reads them:
//! DNS, IP, email and URI subtrees checked as Go checks them, and any
//! other kind leaving the extension "unhandled".

use super::cert::ParseError;
use super::der::{self, Reader};
use super::ext::{hex, Constraints, Subtrees};
use super::names;

fn go(message: &str) -> ParseError {
    ParseError::Go(message.to_string())
}

/// nameConstraints, and whether a subtree has a type Go does not handle.
pub(super) fn read_constraints(value: &[u8]) -> Result<(Constraints, bool), ParseError> {
    let bad = || go("x509: invalid NameConstraints extension");
    let seq = Reader::new(value).expect(der::SEQUENCE).ok_or_else(bad)?;
    let mut parts = Reader::new(seq.body);
    let mut constraints = Constraints::default();
    let mut unhandled = false;
    if let Some(permitted) = parts.optional(0xa0) {
        unhandled |= read_subtrees(permitted.body, &mut constraints.permitted)?;
    }
    if let Some(excluded) = parts.optional(0xa1) {
        unhandled |= read_subtrees(excluded.body, &mut constraints.excluded)?;
    }
    if !parts.is_empty() {
        return Err(bad());
    }
    if constraints.permitted.is_empty() && constraints.excluded.is_empty() && !unhandled {
        return Err(go("x509: empty name constraints extension"));
    }
    Ok((constraints, unhandled))
}

fn read_subtrees(body: &[u8], into: &mut Subtrees) -> Result<bool, ParseError> {
    let bad = || go("x509: invalid NameConstraints extension");
    let mut unhandled = false;
    let mut subtrees = Reader::new(body);
    while !subtrees.is_empty() {
        let seq = subtrees.expect(der::SEQUENCE).ok_or_else(bad)?;
        let base = Reader::new(seq.body).any().ok_or_else(bad)?;
        let text = || -> Result<String, ParseError> {
            if !base.body.is_ascii() {
                return Err(go(
                    "x509: invalid constraint value: IA5String contains invalid character",
                ));
            }
            Ok(String::from_utf8_lossy(base.body).into_owned())
        };
        match base.tag {
            0x82 => {
                let domain = text()?;
                let trimmed = domain.strip_prefix('.').unwrap_or(&domain);
                if names::reverse_labels(trimmed).is_none() {
                    return Err(ParseError::Go(format!(
                        "x509: failed to parse dnsName constraint {}",
                        names::go_quote(&domain)
                    )));
                }
                into.dns.push(domain);
            }
            0x87 => {
                let half = match base.body.len() {
                    8 => 4,
                    32 => 16,
                    n => {
                        return Err(ParseError::Go(format!(
                            "x509: IP constraint contained value of length {n}"
                        )))
                    }
                };
                let (ip, mask) = base.body.split_at(half);
                if !valid_mask(mask) {
                    return Err(ParseError::Go(format!(
                        "x509: IP constraint contained invalid mask {}",
                        hex(mask)
                    )));
                }
                into.ips.push((ip.to_vec(), mask.to_vec()));
            }
            0x81 => {
                let constraint = text()?;
                let ok = if constraint.contains('@') {
                    names::parse_mailbox(&constraint).is_some()
                } else {
                    let domain = constraint.strip_prefix('.').unwrap_or(&constraint);
                    names::reverse_labels(domain).is_some()
                };
                if !ok {
                    return Err(ParseError::Go(format!(
                        "x509: failed to parse rfc822Name constraint {}",
                        names::go_quote(&constraint)
                    )));
                }
                into.emails.push(constraint);
            }
            0x86 => {
                let domain = text()?;
                if names::parse_ip(&domain).is_some() {
                    return Err(ParseError::Go(format!(
                        "x509: failed to parse URI constraint {}: cannot be IP address",
                        names::go_quote(&domain)
                    )));
                }
                let trimmed = domain.strip_prefix('.').unwrap_or(&domain);
                if names::reverse_labels(trimmed).is_none() {
                    return Err(ParseError::Go(format!(
                        "x509: failed to parse URI constraint {}",
                        names::go_quote(&domain)
                    )));
                }
                into.uris.push(domain);
            }
            _ => unhandled = true,
        }
    }
    Ok(unhandled)
}

/// Go's `isValidIPMask`: ones, then zeros.
fn valid_mask(mask: &[u8]) -> bool {
    let mut seen_zero = false;
    for &byte in mask {
        if seen_zero {
            if byte != 0 {
                return false;
            }
            continue;
        }
        match byte {
            0xff => {}
            0x00 | 0x80 | 0xc0 | 0xe0 | 0xf0 | 0xf8 | 0xfc | 0xfe => seen_zero = true,
            _ => return false,
        }
    }
    true
}
