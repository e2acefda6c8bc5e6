//! Names as Go reads and prints them: `VerifyHostname` (IP forms,
//! wildcards, case, trailing dots), domain labels, mailboxes, URI hosts,
//! `net.IP.String` and `strconv.Quote`.

use std::net::{IpAddr, Ipv4Addr};

use super::ext::Extensions;
use super::forms::{ip_string, parse_ip, sixteen};

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

fn ip_equal(ip: &IpAddr, san: &[u8]) -> bool {
    let dialled = match ip {
        IpAddr::V4(v4) => Ipv4Addr::to_ipv6_mapped(v4).octets(),
        IpAddr::V6(v6) => v6.octets(),
    };
    sixteen(san) == Some(dialled)
}
