//! Name constraints as Go's `isValid` applies a CA's to the certificates
//! below it: DNS, IP, email and URI names, excluded first, then permitted,
//! with Go's budget of 250,000 comparisons per certificate checked.

use super::cert::Cert;
use super::der::{self, Reader};
use super::ext::{Constraints, Subtrees};
use super::names::{self, go_quote, Mailbox};

/// Go's `maxConstraintComparisons` default.
const MAX_COMPARISONS: usize = 250_000;

/// The kind of a name, as Go's messages call it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// A dNSName.
    Dns,
    /// An iPAddress.
    Ip,
    /// An rfc822Name.
    Email,
    /// A uniformResourceIdentifier.
    Uri,
}

impl NameKind {
    /// Go's words for it ("DNS name", "IP address", …).
    pub fn go_words(self) -> &'static str {
        match self {
            NameKind::Dns => "DNS name",
            NameKind::Ip => "IP address",
            NameKind::Email => "email address",
            NameKind::Uri => "URI",
        }
    }
}

/// Why a CA's name constraints refuse a name below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ConstraintFailure {
    /// An excluded subtree matches it.
    Excluded {
        kind: NameKind,
        name: String,
        constraint: String,
    },
    /// No permitted subtree of its kind matches it.
    NotPermitted { kind: NameKind, name: String },
    /// A match could not be decided: Go's detail (e.g. a URI with an IP).
    Undecidable(String),
    /// A name Go cannot parse: Go's whole message.
    Unparsable(String),
    /// More than 250,000 comparisons.
    TooMany,
}

/// Checks every SAN of the certificates in `below` against `ca`'s
/// constraints.
pub(super) fn check(ca: &Constraints, below: &[&Cert<'_>]) -> Result<(), ConstraintFailure> {
    let mut count = 0usize;
    for cert in below {
        let Some(san) = cert.ext.san else {
            continue;
        };
        let Some(seq) = Reader::new(san).expect(der::SEQUENCE) else {
            continue;
        };
        let mut entries = Reader::new(seq.body);
        while let Some(entry) = entries.any() {
            let text = || String::from_utf8_lossy(entry.body).into_owned();
            match entry.tag {
                0x81 => {
                    let name = text();
                    let Some(mailbox) = names::parse_mailbox(&name) else {
                        // Go prints its empty mailbox struct here, not the name.
                        return Err(ConstraintFailure::Unparsable(
                            "x509: cannot parse rfc822Name {\"\" \"\"}".to_string(),
                        ));
                    };
                    one(
                        &mut count,
                        NameKind::Email,
                        &name,
                        &ca.permitted.emails,
                        &ca.excluded.emails,
                        |c| match_email(&mailbox, c),
                    )?;
                }
                0x82 => {
                    let name = text();
                    if names::reverse_labels(&name).is_none() {
                        return Err(ConstraintFailure::Unparsable(format!(
                            "x509: cannot parse dnsName {}",
                            go_quote(&name)
                        )));
                    }
                    one(
                        &mut count,
                        NameKind::Dns,
                        &name,
                        &ca.permitted.dns,
                        &ca.excluded.dns,
                        |c| match_domain(&name, c),
                    )?;
                }
                0x86 => {
                    let name = text();
                    one(
                        &mut count,
                        NameKind::Uri,
                        &name,
                        &ca.permitted.uris,
                        &ca.excluded.uris,
                        |c| match_uri(&name, c),
                    )?;
                }
                0x87 => {
                    let ip = entry.body;
                    let name = names::ip_string(ip);
                    ip_one(&mut count, &name, ip, &ca.permitted, &ca.excluded)?;
                }
                _ => {}
            }
        }
    }
    Ok(())
}

type Matched = Result<bool, String>;

fn one(
    count: &mut usize,
    kind: NameKind,
    name: &str,
    permitted: &[String],
    excluded: &[String],
    matches: impl Fn(&str) -> Matched,
) -> Result<(), ConstraintFailure> {
    *count += excluded.len();
    if *count > MAX_COMPARISONS {
        return Err(ConstraintFailure::TooMany);
    }
    for constraint in excluded {
        if matches(constraint).map_err(ConstraintFailure::Undecidable)? {
            return Err(ConstraintFailure::Excluded {
                kind,
                name: name.to_string(),
                constraint: constraint.clone(),
            });
        }
    }
    *count += permitted.len();
    if *count > MAX_COMPARISONS {
        return Err(ConstraintFailure::TooMany);
    }
    let mut ok = true;
    for constraint in permitted {
        ok = matches(constraint).map_err(ConstraintFailure::Undecidable)?;
        if ok {
            break;
        }
    }
    if ok {
        Ok(())
    } else {
        Err(ConstraintFailure::NotPermitted {
            kind,
            name: name.to_string(),
        })
    }
}

fn ip_one(
    count: &mut usize,
    name: &str,
    ip: &[u8],
    permitted: &Subtrees,
    excluded: &Subtrees,
) -> Result<(), ConstraintFailure> {
    if ip.len() != 4 && ip.len() != 16 {
        return Err(ConstraintFailure::Unparsable(format!(
            "x509: internal error: IP SAN {} failed to parse",
            super::ext::hex(ip)
        )));
    }
    let matches = |(net, mask): &(Vec<u8>, Vec<u8>)| {
        ip.len() == net.len()
            && ip
                .iter()
                .zip(net.iter().zip(mask))
                .all(|(a, (n, m))| a & m == n & m)
    };
    *count += excluded.ips.len();
    if *count > MAX_COMPARISONS {
        return Err(ConstraintFailure::TooMany);
    }
    if let Some(hit) = excluded.ips.iter().find(|c| matches(c)) {
        return Err(ConstraintFailure::Excluded {
            kind: NameKind::Ip,
            name: name.to_string(),
            constraint: ip_net_string(hit),
        });
    }
    *count += permitted.ips.len();
    if *count > MAX_COMPARISONS {
        return Err(ConstraintFailure::TooMany);
    }
    if permitted.ips.is_empty() || permitted.ips.iter().any(matches) {
        Ok(())
    } else {
        Err(ConstraintFailure::NotPermitted {
            kind: NameKind::Ip,
            name: name.to_string(),
        })
    }
}

/// Go's `net.IPNet.String`: address, "/", prefix length.
fn ip_net_string((net, mask): &(Vec<u8>, Vec<u8>)) -> String {
    let ones: u32 = mask.iter().map(|b| b.count_ones()).sum();
    format!("{}/{}", names::ip_string(net), ones)
}

/// Go's `matchDomainConstraint`.
fn match_domain(domain: &str, constraint: &str) -> Matched {
    if constraint.is_empty() {
        return Ok(true);
    }
    let domain_labels = names::reverse_labels(domain).ok_or_else(|| {
        format!(
            "x509: internal error: cannot parse domain {}",
            go_quote(domain)
        )
    })?;
    let (must_have_subdomains, constraint) = match constraint.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, constraint),
    };
    let constraint_labels = names::reverse_labels(constraint).ok_or_else(|| {
        format!(
            "x509: internal error: cannot parse domain {}",
            go_quote(constraint)
        )
    })?;
    if domain_labels.len() < constraint_labels.len()
        || (must_have_subdomains && domain_labels.len() == constraint_labels.len())
    {
        return Ok(false);
    }
    Ok(constraint_labels
        .iter()
        .zip(&domain_labels)
        .all(|(c, d)| c.eq_ignore_ascii_case(d)))
}

/// Go's `matchEmailConstraint`.
fn match_email(mailbox: &Mailbox, constraint: &str) -> Matched {
    if constraint.contains('@') {
        let wanted = names::parse_mailbox(constraint).ok_or_else(|| {
            format!(
                "x509: internal error: cannot parse constraint {}",
                go_quote(constraint)
            )
        })?;
        return Ok(
            mailbox.local == wanted.local && mailbox.domain.eq_ignore_ascii_case(&wanted.domain)
        );
    }
    match_domain(&mailbox.domain, constraint)
}

/// Go's `matchURIConstraint`.
fn match_uri(uri: &str, constraint: &str) -> Matched {
    let host = names::uri_host(uri).unwrap_or("");
    if host.is_empty() {
        return Err(format!(
            "URI with empty host ({}) cannot be matched against constraints",
            go_quote(uri)
        ));
    }
    let host = if host.contains(':') && !host.ends_with(']') {
        match host.rsplit_once(':') {
            Some((h, _)) if !h.contains(':') => h,
            _ => return Err(format!("address {host}: too many colons in address")),
        }
    } else {
        host
    };
    if (host.starts_with('[') && host.ends_with(']')) || names::parse_ip(host).is_some() {
        return Err(format!(
            "URI with IP ({}) cannot be matched against constraints",
            go_quote(uri)
        ));
    }
    match_domain(host, constraint)
}
