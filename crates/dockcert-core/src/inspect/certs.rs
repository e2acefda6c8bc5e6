//! Certificates: what each is, whether it has the right usage and dates,
//! and (through [`super::names`]) whether it covers the host. What they are
//! paired with and signed by is checked in [`super::keys`] and
//! [`super::chain`].

use sha2::Digest;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::budget::Budget;
use super::file_kind::{Detail, Kind};
use super::input::{base_name, dir_name, InputFile};
use super::keys;
use super::material::{hints, role_by_name, CertEntry, Hints, LeafFacts, Material, Role};
use super::names::{parse_extensions, server_names};
use super::problem::{Problem, Side};
use super::report::{FileSummary, Findings, Options};
use super::verify::Usage;
use crate::import::{self, pem};
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
            // Whether the file's first certificate is a leaf: the CA
            // certificates after it are its intermediates.
            let mut after_leaf = false;
            let file_hint = hints
                .roles
                .get(&(dir_name(&f.path).to_owned(), base_name(&f.path).to_owned()))
                .copied()
                .or_else(|| role_by_name(base_name(&f.path)));
            for (n, der) in ders.into_iter().enumerate() {
                // Every certificate of a CA file is a root to Go, whatever
                // it says of itself; a leaf's file names its first only.
                let hint = file_hint.filter(|&role| n == 0 || role == Role::Ca);
                let at = (i, n);
                let read = Read {
                    at,
                    hint,
                    after_leaf,
                };
                if let Some(entry) = certificate(f, read, der, options, &mut summaries[i], findings)
                {
                    if n == 0 {
                        after_leaf = entry.role != Some(Role::Ca);
                    }
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
            summaries[i].kind = Kind::CertificateSigningRequest;
        }
    }
    (material, hints, keys_read.budget)
}

/// Where a certificate is and what its file says of it.
struct Read {
    /// Its file's index, and which certificate of the file.
    at: (usize, usize),
    /// The role its file's name (or daemon.json) gives it.
    hint: Option<Role>,
    /// Whether it follows a leaf in the leaf's file.
    after_leaf: bool,
}

fn certificate(
    f: &InputFile,
    read: Read,
    der: Vec<u8>,
    options: &Options,
    summary: &mut FileSummary,
    findings: &mut Findings,
) -> Option<CertEntry> {
    let Read {
        at,
        hint,
        after_leaf,
    } = read;
    let path = f.path.as_str();
    let (_, c) = match X509Certificate::from_der(&der) {
        Ok(parsed) => parsed,
        Err(e) => {
            summary.kind = Kind::CertificateUnreadable;
            findings.add(Problem::BadCertificate {
                path: path.to_owned(),
                why: e.to_string(),
            });
            return None;
        }
    };
    let spki = c.public_key();
    let algorithm = spki.algorithm.algorithm.to_id_string();
    if let Err(too_large) = crate::pki::check_spki(&algorithm, &spki.subject_public_key.data) {
        // Judged by its length alone; nothing else is done with such a key.
        summary.kind = Kind::CertificateKeyTooLarge;
        findings.add(Problem::KeyTooLarge {
            path: path.to_owned(),
            too_large,
        });
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
    let role = if after_leaf {
        Some(Role::Intermediate)
    } else if hint == Some(Role::Client)
        && actual == Some(Role::Server)
        && (!p.dns.is_empty() || !p.ips.is_empty())
        && base_name(path) == "cert.pem"
    {
        // `cert.pem` is the client's name in ~/.docker and, in many
        // guides, the host's: a certificate for servers only that names
        // hosts says which. One without names is a client's made wrong
        // (dockerd refuses it as a client's, and is judged so).
        actual
    } else {
        hint.or(actual)
    };
    if at.1 == 0 {
        summary.kind = role.map_or(Kind::Certificate, Role::kind);
    }
    // The leaves the judge decides on ([`super::chain`]): what it decides
    // (dates, usage, names, the signature's algorithm) is not judged here.
    let usage = match role {
        Some(Role::Server) => Some(Usage::Server),
        Some(Role::Client) => Some(Usage::Client),
        None if options.host.is_some() && !p.is_ca => Some(Usage::Server),
        _ => None,
    };
    let judged = usage.is_some() || role == Some(Role::Intermediate);
    let subject = c.subject().to_string();
    let not_after = pki::time_of(c.validity().not_after);
    let not_before = pki::time_of(c.validity().not_before);
    let days_left = (not_after - options.now).whole_days();
    summary.details.push(Detail::Subject(subject.clone()));
    summary.details.push(Detail::Issuer(c.issuer().to_string()));
    if !p.dns.is_empty() || !p.ips.is_empty() {
        let sans: Vec<String> = p
            .dns
            .iter()
            .cloned()
            .chain(p.ips.iter().map(ToString::to_string))
            .collect();
        summary.details.push(Detail::Sans(sans));
    }
    summary.details.push(match p.eku {
        Some((s, c)) => Detail::Usage(
            [(s, "serverAuth"), (c, "clientAuth")]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, n)| *n)
                .collect(),
        ),
        None if p.is_ca => Detail::SignsCertificates,
        None => Detail::NoUsage,
    });
    summary.details.push(Detail::Valid {
        from: not_before,
        to: not_after,
        days_left: (not_after > options.now).then_some(days_left),
    });
    let digest: [u8; 32] = sha2::Sha256::digest(&der).into();
    summary
        .details
        .push(Detail::Sha256(pki::colon_hex(&digest)));

    // Dates: whether a leaf or an intermediate is valid now is the
    // judge's to say; that it ends soon is not. A CA's own dates,
    // constraints and signature are facts kept with it, found only when no
    // leaf was judged with it ([`super::chain`]): then the judge says.
    let is_ca_file = role == Some(Role::Ca);
    let mut own: Vec<Problem> = Vec::new();
    if options.now > not_after {
        if !judged {
            own.push(Problem::Expired {
                path: path.to_owned(),
                on: not_after,
            });
        }
    } else if options.now < not_before {
        if !judged {
            own.push(Problem::NotYetValid {
                path: path.to_owned(),
                from: not_before,
            });
        }
    } else if days_left < 30 {
        findings.add(Problem::ExpiresSoon {
            path: path.to_owned(),
            days: days_left,
            on: not_after,
        });
    }
    let weak_hash = weak(&c, path, findings);
    if let (false, Some(hash)) = (judged, weak_hash) {
        own.push(Problem::WeakSignature {
            path: path.to_owned(),
            hash,
        });
    }

    match role {
        Some(Role::Ca) => {
            if !p.is_ca {
                own.push(Problem::NotACa {
                    path: path.to_owned(),
                });
            } else if !p.cert_sign {
                own.push(Problem::CaCannotSign {
                    path: path.to_owned(),
                });
            }
        }
        Some(Role::Server) => {
            extra_usage(path, p.eku, Side::Host, findings);
            server_names(path, &c, &p, options, findings);
        }
        Some(Role::Client) => extra_usage(path, p.eku, Side::Client, findings),
        Some(Role::Intermediate) => {}
        None => {
            if p.eku.is_none() && !judged {
                findings.add(Problem::NoEku {
                    path: path.to_owned(),
                });
            }
        }
    }
    let leaf = usage.map(|usage| {
        let cn = c
            .subject()
            .iter_common_name()
            .next()
            .and_then(|n| n.as_str().ok())
            .unwrap_or("");
        let mut sans: Vec<String> = p.dns.clone();
        sans.extend(p.ips.iter().map(ToString::to_string));
        Box::new(LeafFacts {
            usage,
            not_before,
            not_after,
            cn: cn.to_owned(),
            sans,
            has_ip: !p.ips.is_empty(),
            weak_hash,
        })
    });
    let keep_der = is_ca_file;
    if !is_ca_file {
        for problem in own.drain(..) {
            findings.add(problem);
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
        der: keep_der.then_some(der),
        leaf,
        own,
    })
}

/// A weak RSA key (docker accepts it, a warning); and the hash of its
/// signature when Go refuses it.
fn weak(c: &X509Certificate<'_>, path: &str, findings: &mut Findings) -> Option<&'static str> {
    use x509_parser::public_key::PublicKey;
    if let Ok(PublicKey::RSA(rsa)) = c.public_key().parsed() {
        if rsa.key_size() < 2048 {
            findings.add(Problem::WeakKey {
                path: path.to_owned(),
                bits: rsa.key_size(),
            });
        }
    }
    let alg = c.signature_algorithm.algorithm.to_id_string();
    let weak_sig = match alg.as_str() {
        "1.2.840.113549.1.1.4" => Some("MD5"),
        "1.2.840.113549.1.1.5" | "1.2.840.10045.4.1" => Some("SHA-1"),
        _ => None,
    };
    weak_sig
}

/// A host's or client's certificate that allows the other side too, or
/// any (no extendedKeyUsage): warnings, docker accepts both; whether it
/// allows its own side is the judge's to say.
fn extra_usage(path: &str, eku: Option<(bool, bool)>, side: Side, findings: &mut Findings) {
    let Some((s, c)) = eku else {
        // A warning too: Go takes it for any use.
        return findings.add(Problem::LeafWithoutEku {
            path: path.to_owned(),
            side,
        });
    };
    {
        let (has_want, has_other) = match side {
            Side::Host => (s, c),
            Side::Client => (c, s),
        };
        if has_want && has_other {
            findings.add(Problem::ExtraEku {
                path: path.to_owned(),
                side,
            });
        }
    }
}
