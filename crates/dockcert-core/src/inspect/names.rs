//! What a certificate says it is for and whom it names: its basic
//! constraints and usages, its SANs, and whether they cover a host the way
//! Go's verifier (docker's) matches them.

use std::net::IpAddr;

use x509_parser::extensions::GeneralName;
use x509_parser::prelude::X509Certificate;

use super::problem::Problem;
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

/// Whether a server certificate names a host as today's docker client
/// needs: SANs (not the Common Name alone), whatever name is asked (docker
/// refuses a CN-only certificate for every name); with `--host`, a SAN's
/// trailing dot is the judge's to say ([`super::verify`]).
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
        findings.add(Problem::ServerNoSan {
            path: path.to_owned(),
            cn: cn.to_owned(),
        });
        return;
    }
    if options.host.is_some() {
        return;
    }
    for d in p.dns.iter().filter(|d| d.ends_with('.')) {
        findings.add(Problem::SanTrailingDot {
            path: path.to_owned(),
            san: d.clone(),
        });
    }
}
