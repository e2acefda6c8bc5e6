//! Names as Go reads and prints them: `VerifyHostname` (IP forms,
//! wildcards, case, trailing dots), domain labels, mailboxes, URI hosts,
//! `net.IP.String` and `strconv.Quote`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::ext::Extensions;

/// Why a certificate is not valid for the dialled name, as Go's
/// `HostnameError` tells it apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameMiss {
    /// No SAN extension, and the subject's CN would have matched.
    LegacyCommonName,
    /// An address was dialled and the certificate lists no IP SANs.
    NoIpSans,
    /// The certificate lists no names of the dialled kind.
    NoNames,
    /// The names (or addresses) it is valid for, as Go prints them.
    ValidFor(Vec<String>),
}

/// Go's `Certificate.VerifyHostname(host)`; `Ok` when it matches, else the
/// host as Go reports it (without brackets for an address) and why.
pub(super) fn verify_hostname(
    ext: &Extensions<'_>,
    common_name: &str,
    host: &str,
) -> Result<(), (String, NameMiss)> {
    let candidate_ip = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(inner) if host.len() >= 3 => inner,
        _ => host,
    };
    if let Some(ip) = parse_ip(candidate_ip) {
        if ext.ips.iter().any(|san| ip_equal(&ip, san)) {
            return Ok(());
        }
        return Err((
            candidate_ip.to_string(),
            miss(ext, common_name, candidate_ip),
        ));
    }
    let candidate = host.to_ascii_lowercase();
    let valid_candidate = valid_hostname(&candidate, false);
    for pattern in &ext.dns_names {
        let matched = if valid_candidate && valid_hostname(pattern, true) {
            match_hostnames(pattern, &candidate)
        } else {
            match_exactly(pattern, &candidate)
        };
        if matched {
            return Ok(());
        }
    }
    Err((host.to_string(), miss(ext, common_name, host)))
}

/// `HostnameError.Error`'s cases.
fn miss(ext: &Extensions<'_>, common_name: &str, host: &str) -> NameMiss {
    if ext.san.is_none() && match_hostnames(common_name, host) {
        return NameMiss::LegacyCommonName;
    }
    let valid: Vec<String> = if parse_ip(host).is_some() {
        if ext.ips.is_empty() {
            return NameMiss::NoIpSans;
        }
        ext.ips.iter().map(|ip| ip_string(ip)).collect()
    } else {
        ext.dns_names.clone()
    };
    // Go joins them and checks the joined text for emptiness.
    if valid.iter().all(String::is_empty) {
        NameMiss::NoNames
    } else {
        NameMiss::ValidFor(valid)
    }
}

fn valid_hostname(host: &str, is_pattern: bool) -> bool {
    let host = if is_pattern {
        host
    } else {
        host.strip_suffix('.').unwrap_or(host)
    };
    // A bare "*" is no pattern: Go matches it only exactly.
    if host.is_empty() || host == "*" {
        return false;
    }
    for (i, part) in host.split('.').enumerate() {
        if part.is_empty() {
            return false;
        }
        if is_pattern && i == 0 && part == "*" {
            continue;
        }
        for (j, c) in part.chars().enumerate() {
            let ok = c.is_ascii_alphanumeric() || (c == '-' && j != 0) || c == '_';
            if !ok {
                return false;
            }
        }
    }
    true
}

fn match_exactly(a: &str, b: &str) -> bool {
    if a.is_empty() || a == "." || b.is_empty() || b == "." {
        return false;
    }
    a.eq_ignore_ascii_case(b)
}

fn match_hostnames(pattern: &str, host: &str) -> bool {
    let pattern = pattern.to_ascii_lowercase();
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    if pattern.is_empty() || host.is_empty() {
        return false;
    }
    let pattern_parts: Vec<&str> = pattern.split('.').collect();
    let host_parts: Vec<&str> = host.split('.').collect();
    if pattern_parts.len() != host_parts.len() {
        return false;
    }
    pattern_parts
        .iter()
        .zip(&host_parts)
        .enumerate()
        .all(|(i, (p, h))| (i == 0 && *p == "*") || p == h)
}

/// Go's `net.ParseIP`: dotted IPv4 or IPv6 (no zone).
pub(super) fn parse_ip(text: &str) -> Option<IpAddr> {
    if let Ok(v4) = text.parse::<Ipv4Addr>() {
        return Some(IpAddr::V4(v4));
    }
    if text.contains('%') {
        return None;
    }
    text.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
}

/// An address's 16-byte form, IPv4 as IPv4-mapped, as Go's `net.IP.Equal`
/// compares them.
fn sixteen(bytes: &[u8]) -> Option<[u8; 16]> {
    match bytes.len() {
        4 => {
            let mut out = [0u8; 16];
            out[10] = 0xff;
            out[11] = 0xff;
            out[12..].copy_from_slice(bytes);
            Some(out)
        }
        16 => {
            let mut out = [0u8; 16];
            out.copy_from_slice(bytes);
            Some(out)
        }
        _ => None,
    }
}

fn ip_equal(ip: &IpAddr, san: &[u8]) -> bool {
    let dialled = match ip {
        IpAddr::V4(v4) => Ipv4Addr::to_ipv6_mapped(v4).octets(),
        IpAddr::V6(v6) => v6.octets(),
    };
    sixteen(san) == Some(dialled)
}

/// Go's `net.IP.String`: IPv4 (or IPv4-mapped) dotted, IPv6 as RFC 5952.
pub(super) fn ip_string(bytes: &[u8]) -> String {
    match sixteen(bytes) {
        Some(octets) => {
            let v6 = Ipv6Addr::from(octets);
            match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => v6.to_string(),
            }
        }
        None => format!("?{}", super::ext::hex(bytes)),
    }
}

/// Go's `domainToReverseLabels`: the labels, last first; `None` for an
/// empty label, a trailing dot or a byte outside 33..=126.
pub(super) fn reverse_labels(domain: &str) -> Option<Vec<&str>> {
    if domain.is_empty() {
        return Some(Vec::new());
    }
    let labels: Vec<&str> = domain.rsplit('.').collect();
    let ok = labels
        .iter()
        .all(|label| !label.is_empty() && label.bytes().all(|b| (33..=126).contains(&b)));
    ok.then_some(labels)
}

/// A mailbox's local part and domain, as Go's `parseRFC2821Mailbox`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mailbox {
    pub(super) local: String,
    pub(super) domain: String,
}

/// Go's `parseRFC2821Mailbox`.
pub(super) fn parse_mailbox(input: &str) -> Option<Mailbox> {
    let bytes = input.as_bytes();
    let mut local = Vec::new();
    let mut i = 0;
    if bytes.first() == Some(&b'"') {
        i = 1;
        loop {
            let c = *bytes.get(i)?;
            i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let next = *bytes.get(i)?;
                    if next == 11
                        || next == 12
                        || (1..=9).contains(&next)
                        || (14..=127).contains(&next)
                    {
                        local.push(next);
                        i += 1;
                    } else {
                        return None;
                    }
                }
                11 | 12 | 32 | 33 | 127 | 1..=8 | 14..=31 | 35..=91 | 93..=126 => local.push(c),
                _ => return None,
            }
        }
    } else {
        while let Some(&c) = bytes.get(i) {
            let c = if c == b'\\' {
                i += 1;
                *bytes.get(i)?
            } else if c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~.".contains(&c) {
                c
            } else {
                break;
            };
            local.push(c);
            i += 1;
        }
        if local.is_empty()
            || local.first() == Some(&b'.')
            || local.last() == Some(&b'.')
            || local.windows(2).any(|w| w == b"..")
        {
            return None;
        }
    }
    if bytes.get(i) != Some(&b'@') {
        return None;
    }
    let domain = input.get(i + 1..)?;
    reverse_labels(domain)?;
    Some(Mailbox {
        local: String::from_utf8(local).ok()?,
        domain: domain.to_string(),
    })
}

/// The host part (with any port) of a URI with an authority, as Go's
/// `url.URL.Host`; `Some("")` when it has none.
pub(super) fn uri_host(uri: &str) -> Option<&str> {
    let colon = uri.find(':')?;
    let scheme = &uri[..colon];
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok {
        return None;
    }
    let rest = &uri[colon + 1..];
    let Some(after) = rest.strip_prefix("//") else {
        return Some("");
    };
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let authority = &after[..end];
    Some(
        authority
            .rsplit_once('@')
            .map_or(authority, |(_, host)| host),
    )
}

/// Go's `strconv.Quote` (`%q`), for the texts certificates carry.
pub fn go_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
