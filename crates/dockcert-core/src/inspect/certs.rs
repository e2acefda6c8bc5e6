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
use super::material::{hints, role_by_name, CertEntry, Hints, Material, Role};
use super::names::{parse_extensions, server_names};
use super::problem::{Problem, Side};
use super::report::{FileSummary, Findings, Options};
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
            summaries[i].kind = Kind::CertificateSigningRequest;
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
    let role = hint.or(actual);
    summary.kind = role.map_or(Kind::Certificate, Role::kind);
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

    // Dates.
    if options.now > not_after {
        findings.add(Problem::Expired {
            path: path.to_owned(),
            on: not_after,
        });
    } else if options.now < not_before {
        findings.add(Problem::NotYetValid {
            path: path.to_owned(),
            from: not_before,
        });
    } else if days_left < 30 {
        findings.add(Problem::ExpiresSoon {
            path: path.to_owned(),
            days: days_left,
            on: not_after,
        });
    }
    weak(&c, path, findings);

    match role {
        Some(Role::Ca) => {
            if !p.is_ca {
                findings.add(Problem::NotACa {
                    path: path.to_owned(),
                });
            } else if !p.cert_sign {
                findings.add(Problem::CaCannotSign {
                    path: path.to_owned(),
                });
            }
        }
        Some(Role::Server) => {
            usage(path, p.eku, Side::Host, findings);
            server_names(path, &c, &p, options, findings);
        }
        Some(Role::Client) => usage(path, p.eku, Side::Client, findings),
        None => {
            if p.eku.is_none() {
                findings.add(Problem::NoEku {
                    path: path.to_owned(),
                });
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
    if let Some(hash) = weak_sig {
        findings.add(Problem::WeakSignature {
            path: path.to_owned(),
            hash,
        });
    }
}

fn usage(path: &str, eku: Option<(bool, bool)>, side: Side, findings: &mut Findings) {
    let path = path.to_owned();
    match eku {
        None => findings.add(Problem::LeafWithoutEku { path, side }),
        Some((s, c)) => {
            let (has_want, has_other) = match side {
                Side::Host => (s, c),
                Side::Client => (c, s),
            };
            if !has_want {
                findings.add(Problem::WrongEku { path, side });
            } else if has_other {
                findings.add(Problem::ExtraEku { path, side });
            }
        }
    }
}
