//! What a certificate says it is for and whom it names: its basic
//! constraints and usages, its SANs, and whether they cover a host the way
//! Go's verifier (docker's) matches them.

use std::net::IpAddr;

use x509_parser::extensions::GeneralName;
use x509_parser::prelude::X509Certificate;

use super::report::{Findings, Options};

/// The extensions inspect judges a certificate by.
pub(super) struct Parsed {
    pub(super) is_ca: bool,
    pub(super) cert_sign: bool,
    pub(super) eku: Option<(bool, bool)>,
    pub(super) dns: Vec<String>,
    pub(super) ips: Vec<IpAddr>,
}

pub(super) fn parse_extensions(c: &X509Certificate<'_>) -> Parsed {
    let bc = c.basic_constraints().ok().flatten();
    let ku = c.key_usage().ok().flatten();
    let eku = c.extended_key_usage().ok().flatten().map(|e| {
        (
            e.value.server_auth || e.value.any,
            e.value.client_auth || e.value.any,
        )
    });
    let mut dns = Vec::new();
    let mut ips = Vec::new();
    if let Ok(Some(san)) = c.subject_alternative_name() {
        for n in &san.value.general_names {
            match n {
                GeneralName::DNSName(d) => dns.push((*d).to_owned()),
                GeneralName::IPAddress(b) => {
                    if let Ok(v4) = <[u8; 4]>::try_from(*b) {
                        ips.push(IpAddr::from(v4));
                    } else if let Ok(v6) = <[u8; 16]>::try_from(*b) {
                        ips.push(IpAddr::from(v6));
                    }
                }
                _ => {}
            }
        }
    }
    Parsed {
        is_ca: bc.is_some_and(|b| b.value.ca),
        cert_sign: ku.is_none_or(|k| k.value.key_cert_sign()),
        eku,
        dns,
        ips,
    }
}

/// Whether a server certificate names its host as today's docker client
/// needs: SANs (not the Common Name alone), none with a trailing dot, and
/// `--host` among them when given.
pub(super) fn server_names(
    path: &str,
    c: &X509Certificate<'_>,
    p: &Parsed,
    options: &Options,
    findings: &mut Findings,
) {
    if p.dns.is_empty() && p.ips.is_empty() {
        let cn = c
            .subject()
            .iter_common_name()
            .next()
            .and_then(|n| n.as_str().ok())
            .unwrap_or("");
        findings.error(
            "server-no-san",
            Some(path),
            format!(
                "{path} names the host only in its Common Name (\"{cn}\") and has no subjectAltName; today's docker client refuses it: \"x509: certificate relies on legacy Common Name field, use SANs instead\""
            ),
            Some("issue it again with every name and address as a SAN: dockcert renew (it adds the CN as a SAN)".into()),
        );
        return;
    }
    for d in p.dns.iter().filter(|d| d.ends_with('.')) {
        findings.error(
            "san-trailing-dot",
            Some(path),
            format!("{path} has the SAN \"{d}\", which ends with a dot: clients that dial \"{}\" do not match it, and dockerd refuses names like it", d.trim_end_matches('.')),
            Some("issue it again without the trailing dot".into()),
        );
    }
    if let Some(host) = &options.host {
        if !covers(p, host) {
            let mut valid: Vec<String> = p.dns.clone();
            valid.extend(p.ips.iter().map(ToString::to_string));
            let said = match host.parse::<IpAddr>() {
                Ok(_) if p.ips.is_empty() => format!("x509: cannot validate certificate for {host} because it doesn't contain any IP SANs"),
                _ => format!("x509: certificate is valid for {}, not {host}", valid.join(", ")),
            };
            findings.error(
                "host-not-covered",
                Some(path),
                format!("{path} does not cover \"{host}\": a client that dials it gets \"{said}\""),
                Some(format!(
                    "issue it again with {host} among its SANs, or dial one of: {}",
                    valid.join(", ")
                )),
            );
        }
    }
}

/// Whether the certificate's SANs cover `host` the way Go's verifier matches.
pub(super) fn covers(p: &Parsed, host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = host.parse::<IpAddr>() {
        return p.ips.contains(&ip);
    }
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    p.dns.iter().any(|d| {
        let d = d.to_ascii_lowercase();
        if let Some(rest) = d.strip_prefix("*.") {
            host.split_once('.')
                .is_some_and(|(first, tail)| !first.is_empty() && tail == rest)
        } else {
            d == host
        }
    })
}
