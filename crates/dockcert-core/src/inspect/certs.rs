//! Certificates and keys: what each is, whether it chains, whether it covers
//! the host, whether it has the right usage and dates, whether each key is
//! its certificate's, and whether keys are protected.

use std::collections::HashMap;
use std::net::IpAddr;

use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::{base_name, dir_name, FileSummary, Findings, InputFile, Options};
use crate::cert;
use crate::import::{self, ImportError};
use crate::pem;

/// What a certificate is for, by its contents or by its file's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Ca,
    Server,
    Client,
}

impl Role {
    fn noun(self) -> &'static str {
        match self {
            Role::Ca => "CA certificate",
            Role::Server => "server certificate",
            Role::Client => "client certificate",
        }
    }
}

/// One certificate found.
struct CertEntry {
    path: String,
    der: Vec<u8>,
    role: Option<Role>,
    subject: String,
    subject_raw: Vec<u8>,
    issuer: String,
    issuer_raw: Vec<u8>,
    public_key: Vec<u8>,
}

/// One private key found.
struct KeyEntry {
    path: String,
    public_key: Option<Vec<u8>>,
}

/// Every certificate and key found.
#[derive(Default)]
struct Material {
    certs: Vec<CertEntry>,
    keys: Vec<KeyEntry>,
}

/// Roles and key pairs that daemon.json files name: basename -> role, and
/// (dir, key basename) -> cert basename.
#[derive(Default)]
struct Hints {
    roles: HashMap<(String, String), Role>,
    pairs: HashMap<(String, String), String>,
}

fn hints(files: &[InputFile]) -> Hints {
    let mut h = Hints::default();
    for f in files.iter().filter(|f| base_name(&f.path) == "daemon.json") {
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&f.bytes) else {
            continue;
        };
        let dir = dir_name(&f.path).to_owned();
        let name = |k: &str| json[k].as_str().map(|p| base_name(p).to_owned());
        if let Some(c) = name("tlscacert") {
            h.roles.insert((dir.clone(), c), Role::Ca);
        }
        if let Some(c) = name("tlscert") {
            h.roles.insert((dir.clone(), c.clone()), Role::Server);
            if let Some(k) = name("tlskey") {
                h.pairs.insert((dir.clone(), k), c);
            }
        }
    }
    h
}

/// The role a file's name promises.
fn role_by_name(name: &str) -> Option<Role> {
    match name {
        "ca.pem" | "ca.crt" | "ca-cert.pem" | "cacert.pem" | "ca.cert.pem" => Some(Role::Ca),
        "server-cert.pem" | "server.pem" | "server.crt" | "server.cert.pem" => Some(Role::Server),
        "cert.pem" | "client-cert.pem" | "client.pem" | "client.crt" | "client.cert.pem" => {
            Some(Role::Client)
        }
        _ => None,
    }
}

/// The certificate a key's name pairs it with, in the same folder.
fn cert_names_for_key(name: &str) -> Vec<String> {
    match name {
        "key.pem" => vec!["cert.pem".into()],
        "server-key.pem" => vec!["server-cert.pem".into(), "server.pem".into()],
        "ca-key.pem" => vec!["ca.pem".into()],
        _ => {
            let stem = name
                .trim_end_matches(".pem")
                .trim_end_matches(".key")
                .trim_end_matches("-key")
                .trim_end_matches(".key");
            vec![
                format!("{stem}-cert.pem"),
                format!("{stem}.crt"),
                format!("{stem}.pem"),
            ]
        }
    }
}

pub(crate) fn check(
    files: &[InputFile],
    options: &Options,
    summaries: &mut [FileSummary],
    findings: &mut Findings,
) {
    let hints = hints(files);
    let mut material = Material::default();

    for (i, f) in files.iter().enumerate() {
        let blocks = pem::blocks(&f.bytes);
        let is_cert_file = blocks.iter().any(|b| b.label.contains("CERTIFICATE"))
            || (blocks.is_empty() && X509Certificate::from_der(&f.bytes).is_ok());
        let has_key = blocks.iter().any(|b| b.label.ends_with("PRIVATE KEY"));
        if is_cert_file {
            let ders = import::certificates(&f.bytes).unwrap_or_default();
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
                if let Some(entry) = certificate(f, der, hint, options, &mut summaries[i], findings)
                {
                    material.certs.push(entry);
                }
            }
        }
        if has_key {
            material.keys.push(key(f, &mut summaries[i], findings));
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
    chains(&material, findings);
    pairs(&material, &hints, files, summaries, findings);
}

struct Parsed {
    is_ca: bool,
    cert_sign: bool,
    eku: Option<(bool, bool)>,
    dns: Vec<String>,
    ips: Vec<IpAddr>,
}

fn parse_extensions(c: &X509Certificate<'_>) -> Parsed {
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

fn certificate(
    f: &InputFile,
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
    let not_after = time::OffsetDateTime::from_unix_timestamp(c.validity().not_after.timestamp())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let not_before = time::OffsetDateTime::from_unix_timestamp(c.validity().not_before.timestamp())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
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
        cert::day(not_before),
        cert::day(not_after),
        days_left.max(0)
    ));
    summary
        .details
        .push(format!("SHA-256 {}", cert::fingerprint(&der)));

    // Dates.
    if options.now > not_after {
        findings.error(
            "expired",
            Some(path),
            format!("{path} expired on {} (docker: \"x509: certificate has expired or is not yet valid\")", cert::day(not_after)),
            Some("renew it: dockcert renew".into()),
        );
    } else if options.now < not_before {
        findings.error(
            "not-yet-valid",
            Some(path),
            format!("{path} is not valid until {} (docker: \"x509: certificate has expired or is not yet valid\")", cert::minute(not_before)),
            Some("check the clocks of this machine and the one that made the certificate".into()),
        );
    } else if days_left < 30 {
        findings.warning(
            "expires-soon",
            Some(path),
            format!(
                "{path} expires in {days_left} days, on {}",
                cert::day(not_after)
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
        der,
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

fn server_names(
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
fn covers(p: &Parsed, host: &str) -> bool {
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

fn key(f: &InputFile, summary: &mut FileSummary, findings: &mut Findings) -> KeyEntry {
    let path = f.path.as_str();
    let name = base_name(path);
    let is_ca_key = name.starts_with("ca-key") || name == "ca.key";
    let encrypted = import::key_is_encrypted(&f.bytes);
    let mut public_key = None;
    if encrypted {
        summary.kind = "encrypted private key".into();
        if !is_ca_key {
            findings.error(
                "leaf-key-encrypted",
                Some(path),
                format!("{path} is encrypted, and neither dockerd nor the docker client can read an encrypted key (dockerd: \"tls: failed to parse private key\")"),
                Some(format!("decrypt it (openssl pkey -in {name} -out {name}.plain) and protect it with its file mode, 0400, instead")),
            );
        }
    } else {
        match import::private_key(&f.bytes, None) {
            Ok((k, _)) => {
                summary.kind = format!("private key ({})", k.key_type());
                public_key = k.signing_key().ok().map(|s| s.public_key_raw().to_vec());
                if is_ca_key {
                    findings.warning(
                        "ca-key-unencrypted",
                        Some(path),
                        format!("{path} is the CA key, unencrypted: whoever reads it can make certificates the hosts trust"),
                        Some(format!("encrypt it (openssl pkcs8 -topk8 -v2 aes-256-cbc -in {name} -out {name}.enc) and keep it offline")),
                    );
                }
            }
            Err(ImportError::UnsupportedKey(what)) => {
                summary.kind = "private key".into();
                findings.warning(
                    "unsupported-key",
                    Some(path),
                    format!("{path} is {what}"),
                    None,
                );
            }
            Err(e) => {
                summary.kind = "private key (unreadable)".into();
                findings.error("bad-key", Some(path), format!("{path}: {e}"), None);
            }
        }
    }
    if let Some(mode) = f.mode {
        if mode & 0o077 != 0 {
            findings.error(
                "key-readable",
                Some(path),
                format!(
                    "{path} has mode {}: other users on the machine can read this private key",
                    crate::layout::mode_text(mode)
                ),
                Some(format!("chmod 0400 {name}")),
            );
        }
    }
    KeyEntry {
        path: path.to_owned(),
        public_key,
    }
}

fn chains(material: &Material, findings: &mut Findings) {
    let cas: Vec<&CertEntry> = material
        .certs
        .iter()
        .filter(|c| c.role == Some(Role::Ca))
        .collect();
    for leaf in material.certs.iter().filter(|c| c.role != Some(Role::Ca)) {
        let near: Vec<&&CertEntry> = cas
            .iter()
            .filter(|ca| dir_name(&ca.path) == dir_name(&leaf.path))
            .collect();
        let pool: Vec<&CertEntry> = if near.is_empty() {
            cas.clone()
        } else {
            near.into_iter().copied().collect()
        };
        if leaf.issuer_raw == leaf.subject_raw {
            findings.error(
                "self-signed",
                Some(&leaf.path),
                format!("{} is self-signed: no CA vouches for it (docker: \"x509: certificate signed by unknown authority\")", leaf.path),
                Some("issue it from the CA with dockcert issue".into()),
            );
            continue;
        }
        if pool.is_empty() {
            continue;
        }
        let Some(ca) = pool.iter().find(|ca| ca.subject_raw == leaf.issuer_raw) else {
            let names: Vec<String> = pool
                .iter()
                .map(|c| format!("{} ({})", c.path, c.subject))
                .collect();
            findings.error(
                "other-ca",
                Some(&leaf.path),
                format!(
                    "{} was issued by \"{}\", not by {}: verifiers will say \"x509: certificate signed by unknown authority\" (or dockerd: \"remote error: tls: bad certificate\")",
                    leaf.path,
                    leaf.issuer,
                    names.join(", ")
                ),
                Some("use the CA that signed it, or issue it again from this CA".into()),
            );
            continue;
        };
        if !signed_by(&leaf.der, &ca.der) {
            findings.error(
                "other-ca",
                Some(&leaf.path),
                format!(
                    "{} names \"{}\" as its issuer, but {}'s key did not sign it (another CA with the same name): \"x509: certificate signed by unknown authority\"",
                    leaf.path, leaf.issuer, ca.path
                ),
                Some("use the CA that signed it, or issue it again from this CA".into()),
            );
        }
    }
}

fn signed_by(leaf: &[u8], ca: &[u8]) -> bool {
    let (Ok((_, leaf)), Ok((_, ca))) = (
        X509Certificate::from_der(leaf),
        X509Certificate::from_der(ca),
    ) else {
        return false;
    };
    leaf.verify_signature(Some(ca.public_key())).is_ok()
}

fn pairs(
    material: &Material,
    hints: &Hints,
    files: &[InputFile],
    summaries: &mut [FileSummary],
    findings: &mut Findings,
) {
    for key in &material.keys {
        let Some(public) = &key.public_key else {
            continue;
        };
        let dir = dir_name(&key.path);
        let name = base_name(&key.path);
        let mut wanted: Vec<String> = cert_names_for_key(name);
        if let Some(c) = hints.pairs.get(&(dir.to_owned(), name.to_owned())) {
            wanted.insert(0, c.clone());
        }
        let partner = wanted.iter().find_map(|w| {
            material
                .certs
                .iter()
                .find(|c| dir_name(&c.path) == dir && base_name(&c.path) == w.as_str())
        });
        let index = files.iter().position(|f| f.path == key.path);
        match partner {
            Some(cert) if &cert.public_key == public => {
                if let Some(i) = index {
                    summaries[i].details.push(format!("the key of {}", cert.path));
                }
            }
            Some(cert) => findings.error(
                "key-mismatch",
                Some(&key.path),
                format!(
                    "{} does not belong to {}: their public keys differ (dockerd and docker: \"tls: private key does not match public key\")",
                    key.path, cert.path
                ),
                Some("install the key that was made with that certificate, or issue both again".into()),
            ),
            None => match material.certs.iter().find(|c| &c.public_key == public) {
                Some(cert) => {
                    if let Some(i) = index {
                        summaries[i].details.push(format!("the key of {}", cert.path));
                    }
                }
                None if !material.certs.is_empty() => findings.warning(
                    "key-orphan",
                    Some(&key.path),
                    format!("{} belongs to none of the certificates here", key.path),
                    None,
                ),
                None => {}
            },
        }
    }
}
