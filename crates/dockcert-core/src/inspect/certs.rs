//! Certificates: what each is, whether it has the right usage and dates,
//! and (through [`super::names`]) whether it covers the host. What they are
//! paired with and signed by is checked in [`super::keys`] and
//! [`super::chain`].

use sha2::Digest;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::budget::Budget;
use super::input::{base_name, dir_name, InputFile};
use super::keys;
use super::material::{hints, role_by_name, CertEntry, Hints, Material, Role};
use super::names::{parse_extensions, server_names};
use super::report::{FileSummary, Findings, Options};
use crate::import::{self, pem};
use crate::lang::{Lang, Localized};
use crate::pki;

/// Reads every certificate and key in `files`, summarising each and
/// reporting what is wrong with it on its own; keys within the run's work
/// budget, which is returned for the checks that follow.
pub(super) fn collect(
    files: &[InputFile],
    options: &Options,
    summaries: &mut [FileSummary],
    findings: &mut Findings,
) -> (Material, Hints, Budget) {
    let hints = hints(files);
    let mut material = Material::default();
    let mut keys_read = keys::KeysRead::default();

    for (i, f) in files.iter().enumerate() {
        let blocks = pem::blocks(&f.bytes);
        // Certificates only: a CERTIFICATE REQUEST is not one.
        let ders = import::certificates(&f.bytes).unwrap_or_default();
        let is_cert_file = !ders.is_empty();
        let has_key = blocks.iter().any(|b| b.label.ends_with("PRIVATE KEY"));
        if is_cert_file {
            for (n, der) in ders.into_iter().enumerate() {
                let hint = if n == 0 {
                    hints
                        .roles
                        .get(&(dir_name(&f.path).to_owned(), base_name(&f.path).to_owned()))
                        .copied()
                        .or_else(|| role_by_name(base_name(&f.path)))
                } else {
                    None
                };
                let at = (i, n);
                if let Some(entry) =
                    certificate(f, at, der, hint, options, &mut summaries[i], findings)
                {
                    material.certs.push(entry);
                }
            }
        }
        if has_key {
            material
                .keys
                .push(keys::key(f, &mut keys_read, &mut summaries[i], findings));
        }
        if !is_cert_file
            && !has_key
            && blocks
                .iter()
                .any(|b| b.label.contains("CERTIFICATE REQUEST"))
        {
            summaries[i].kind = "certificate signing request".into();
        }
    }
    (material, hints, keys_read.budget)
}

fn certificate(
    f: &InputFile,
    at: (usize, usize),
    der: Vec<u8>,
    hint: Option<Role>,
    options: &Options,
    summary: &mut FileSummary,
    findings: &mut Findings,
) -> Option<CertEntry> {
    let path = f.path.as_str();
    let (_, c) = match X509Certificate::from_der(&der) {
        Ok(parsed) => parsed,
        Err(e) => {
            summary.kind = "certificate (unreadable)".into();
            findings.error(
                "bad-certificate",
                Some(path),
                format!("{path} is not a readable X.509 certificate: {e}"),
                None,
            );
            return None;
        }
    };
    let spki = c.public_key();
    let algorithm = spki.algorithm.algorithm.to_id_string();
    if let Err(too_large) = crate::pki::check_spki(&algorithm, &spki.subject_public_key.data) {
        // Judged by its length alone; nothing else is done with such a key.
        summary.kind = "certificate (RSA key too large)".into();
        findings.error(
            "key-too-large",
            Some(path),
            format!("{path}: {}", too_large.text(Lang::En)),
            None,
        );
        return None;
    }
    let p = parse_extensions(&c);
    let actual = if p.is_ca {
        Some(Role::Ca)
    } else {
        match p.eku {
            Some((true, false)) => Some(Role::Server),
            Some((false, true)) => Some(Role::Client),
            _ => None,
        }
    };
    let role = hint.or(actual);
    summary.kind = role.map(Role::noun).unwrap_or("certificate").to_owned();
    let subject = c.subject().to_string();
    let not_after = pki::time_of(c.validity().not_after);
    let not_before = pki::time_of(c.validity().not_before);
    let days_left = (not_after - options.now).whole_days();
    summary.details.push(format!("subject {subject}"));
    summary.details.push(format!("issuer {}", c.issuer()));
    if !p.dns.is_empty() || !p.ips.is_empty() {
        let sans: Vec<String> = p
            .dns
            .iter()
            .cloned()
            .chain(p.ips.iter().map(ToString::to_string))
            .collect();
        summary.details.push(format!("SANs {}", sans.join(", ")));
    }
    summary.details.push(match p.eku {
        Some((s, c)) => format!(
            "usage {}",
            [(s, "serverAuth"), (c, "clientAuth")]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, n)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None if p.is_ca => "usage: signs certificates".into(),
        None => "usage: no extendedKeyUsage".into(),
    });
    summary.details.push(format!(
        "valid {} to {} ({} days left)",
        pki::day(not_before),
        pki::day(not_after),
        days_left.max(0)
    ));
    let digest: [u8; 32] = sha2::Sha256::digest(&der).into();
    summary
        .details
        .push(format!("SHA-256 {}", pki::colon_hex(&digest)));

    // Dates.
    if options.now > not_after {
        findings.error(
            "expired",
            Some(path),
            format!("{path} expired on {} (docker: \"x509: certificate has expired or is not yet valid\")", pki::day(not_after)),
            Some("renew it: dockcert renew".into()),
        );
    } else if options.now < not_before {
        findings.error(
            "not-yet-valid",
            Some(path),
            format!("{path} is not valid until {} (docker: \"x509: certificate has expired or is not yet valid\")", pki::minute(not_before)),
            Some("check the clocks of this machine and the one that made the certificate".into()),
        );
    } else if days_left < 30 {
        findings.warning(
            "expires-soon",
            Some(path),
            format!(
                "{path} expires in {days_left} days, on {}",
                pki::day(not_after)
            ),
            Some("renew it now: dockerd has no revocation, expiry is how access ends".into()),
        );
    }
    weak(&c, path, findings);

    match role {
        Some(Role::Ca) => {
            if !p.is_ca {
                findings.error(
                    "not-a-ca",
                    Some(path),
                    format!("{path} is used as the CA but is not a CA certificate (basicConstraints CA:TRUE is missing)"),
                    Some("use the CA's own certificate, the one that signed the host and client certificates".into()),
                );
            } else if !p.cert_sign {
                findings.error(
                    "ca-cannot-sign",
                    Some(path),
                    format!("{path} is a CA whose keyUsage lacks keyCertSign, so verifiers refuse what it signs"),
                    None,
                );
            }
        }
        Some(Role::Server) => {
            usage(path, p.eku, true, findings);
            server_names(path, &c, &p, options, findings);
        }
        Some(Role::Client) => usage(path, p.eku, false, findings),
        None => {
            if p.eku.is_none() {
                findings.error(
                    "missing-eku",
                    Some(path),
                    format!("{path} has no extendedKeyUsage: it is neither clearly a host's nor a client's certificate, and Go accepts such a certificate for both"),
                    Some("issue it again with dockcert: hosts get serverAuth only, clients clientAuth only".into()),
                );
            }
        }
    }
    Some(CertEntry {
        path: path.to_owned(),
        role,
        subject,
        subject_raw: c.tbs_certificate.subject.as_raw().to_vec(),
        issuer: c.issuer().to_string(),
        issuer_raw: c.tbs_certificate.issuer.as_raw().to_vec(),
        public_key: c.public_key().subject_public_key.data.to_vec(),
        at,
        digest,
        spki: (role == Some(Role::Ca)).then(|| c.public_key().raw.to_vec()),
    })
}

fn weak(c: &X509Certificate<'_>, path: &str, findings: &mut Findings) {
    use x509_parser::public_key::PublicKey;
    if let Ok(PublicKey::RSA(rsa)) = c.public_key().parsed() {
        if rsa.key_size() < 2048 {
            findings.error(
                "weak-key",
                Some(path),
                format!(
                    "{path} has a {}-bit RSA key; at least 2048 bits are needed",
                    rsa.key_size()
                ),
                None,
            );
        }
    }
    let alg = c.signature_algorithm.algorithm.to_id_string();
    let weak_sig = match alg.as_str() {
        "1.2.840.113549.1.1.4" => Some("MD5"),
        "1.2.840.113549.1.1.5" | "1.2.840.10045.4.1" => Some("SHA-1"),
        _ => None,
    };
    if let Some(hash) = weak_sig {
        findings.error(
            "weak-signature",
            Some(path),
            format!("{path} is signed with {hash}, which Go refuses (\"x509: cannot verify signature: insecure algorithm\")"),
            Some("issue it again with dockcert (SHA-256 or better)".into()),
        );
    }
}

fn usage(path: &str, eku: Option<(bool, bool)>, server: bool, findings: &mut Findings) {
    let (want, other, who) = if server {
        ("serverAuth", "clientAuth", "a Docker host's")
    } else {
        ("clientAuth", "serverAuth", "a client's")
    };
    match eku {
        None => findings.error(
            "missing-eku",
            Some(path),
            format!("{path} is {who} certificate without extendedKeyUsage: Go accepts it for any purpose, so it also works as the {} of any other host or client of this CA", if server { "client" } else { "server" }),
            Some(format!("issue it again with {want} only: dockcert does")),
        ),
        Some((s, c)) => {
            let (has_want, has_other) = if server { (s, c) } else { (c, s) };
            if !has_want {
                let said = if server {
                    "docker: \"x509: certificate specifies an incompatible key usage\""
                } else {
                    "dockerd refuses it; docker says \"remote error: tls: bad certificate\""
                };
                findings.error(
                    "wrong-eku",
                    Some(path),
                    format!("{path} is {who} certificate but its extendedKeyUsage lacks {want} ({said})"),
                    Some(format!("issue it again with {want}: dockcert issue")),
                );
            } else if has_other {
                findings.warning(
                    "extra-eku",
                    Some(path),
                    format!("{path} is {who} certificate that also allows {other}, so it can act as the other side too"),
                    Some(format!("issue it again with {want} only")),
                );
            }
        }
    }
}
