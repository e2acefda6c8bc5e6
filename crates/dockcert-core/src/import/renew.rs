//! Renewal: read an old server or client certificate and ask for a new one
//! with the same subject (its CN, and its C, O and OU when it has them),
//! SANs and usage (a fresh key, validity and serial
//! come from the normal issue path). dockerd has no revocation list, so
//! renewing in time is how access continues. Both faces turn a renewal into
//! a plan request, check its issuer and report its unusable names here.

use std::net::IpAddr;

use sha2::{Digest, Sha256};
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::certificate::certificates;
use super::error::ImportError;
use crate::lang::{display_in_english, Lang, Localized};
use crate::pki::{CertFacts, KeyType, Subject};
use crate::plan::{Field, PlanErrors, PlanRequest, Purpose, Renews};

/// What the old certificate was for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A Docker host (EKU serverAuth).
    Server,
    /// A client (EKU clientAuth).
    Client,
}

/// The request that reproduces an old certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renewal {
    /// Server or client.
    pub role: Role,
    /// For a server, `NAME,SAN,...` as `--server` takes it; for a client, its name.
    pub spec: String,
    /// The old key's type, when dockcert can make one like it.
    pub key_type: Option<KeyType>,
    /// The old certificate's SANs, as text.
    pub sans: Vec<String>,
    /// Its subject's country, organization and unit (the first of each),
    /// which the new one keeps.
    pub subject: Subject,
    /// Its issuer, as text.
    pub issuer: String,
    /// Its issuer, DER, to compare with the CA's subject.
    pub(crate) issuer_der: Vec<u8>,
    /// The SHA-256 of its DER: what the renewal's install.sh finds on the
    /// host to replace it without `--force` ([`Renews`]).
    pub der_sha256: [u8; 32],
    /// Things changed on the way, to tell the user.
    pub notes: Vec<RenewalNote>,
}

/// Something a renewal changes, to tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenewalNote {
    /// The old certificate had no SANs; the CN becomes one.
    NoSans(String),
    /// The old certificate's CN was not among its SANs; it is added.
    CnAdded(String),
}

impl Localized for RenewalNote {
    fn text(&self, lang: Lang) -> String {
        // The name is the old certificate's: it may be shown before the plan
        // has refused it (the page lists the notes), so it is made safe here.
        let (Self::NoSans(name) | Self::CnAdded(name)) = self;
        let name = crate::show::safe(name);
        match (self, lang) {
            (Self::NoSans(_), Lang::En) => format!("the old certificate had no SANs (docker refuses it: \"x509: certificate relies on legacy Common Name field, use SANs instead\"); the new one has \"{name}\" as a SAN"),
            (Self::NoSans(_), Lang::Zh) => format!("旧证书没有 SAN（docker 会拒绝它：\"x509: certificate relies on legacy Common Name field, use SANs instead\"）；新证书把 \"{name}\" 作为 SAN"),
            (Self::CnAdded(_), Lang::En) => format!("the old certificate's CN \"{name}\" was not among its SANs; the new one adds it"),
            (Self::CnAdded(_), Lang::Zh) => format!("旧证书的 CN \"{name}\" 不在它的 SAN 中；新证书加上了它"),
        }
    }
}

display_in_english!(RenewalNote);

impl Renewal {
    /// The plan request that renews this certificate with `settings` (the
    /// user's validity, listen address, install directory, networks and key
    /// type; hosts and clients in it are replaced): the old certificate's
    /// names, subject and role, its key type unless another is asked for.
    pub fn request(&self, settings: PlanRequest) -> PlanRequest {
        let (servers, clients) = match self.role {
            Role::Server => (vec![self.spec.as_str().into()], Vec::new()),
            Role::Client => (Vec::new(), vec![self.spec.clone()]),
        };
        PlanRequest {
            servers,
            clients,
            key_type: settings
                .key_type
                .or_else(|| self.key_type.map(|k| k.as_str().to_owned())),
            subject_org: self.subject.org.clone(),
            subject_unit: self.subject.unit.clone(),
            subject_country: self.subject.country.clone(),
            purpose: Purpose::ExistingCa,
            renews: Some(Renews {
                der_sha256: self.der_sha256,
            }),
            ..settings
        }
    }

    /// That `ca` issued the old certificate (by name, as Go's verifier
    /// finds a certificate's CA): renewing with another CA would give a
    /// certificate no host or client of the old one trusts.
    pub fn check_issuer(&self, ca: &CertFacts) -> Result<(), ImportError> {
        if self.issuer_der == ca.subject_der {
            Ok(())
        } else {
            // Both names are someone else's: made safe to echo.
            Err(ImportError::OtherIssuer {
                issuer: crate::show::safe(&self.issuer).into_owned(),
                ca: crate::show::safe(&ca.subject).into_owned(),
            })
        }
    }

    /// A renewal plan's errors, split: those about the old certificate's
    /// names and subject (as one problem), and those about the user's own
    /// settings.
    pub fn refusal(errors: PlanErrors) -> (Option<ImportError>, PlanErrors) {
        let (names, settings): (Vec<_>, Vec<_>) = errors.0.into_iter().partition(|e| {
            matches!(
                e.field,
                Field::Server
                    | Field::Client
                    | Field::SubjectOrg
                    | Field::SubjectUnit
                    | Field::SubjectCountry
            )
        });
        let names = (!names.is_empty()).then_some(ImportError::UnusableNames(PlanErrors(names)));
        (names, PlanErrors(settings))
    }
}

/// Reads the old certificate (PEM or DER) and returns what to issue.
pub fn renewal(cert_bytes: &[u8]) -> Result<Renewal, ImportError> {
    let der = certificates(cert_bytes)?
        .into_iter()
        .next()
        .ok_or(ImportError::NoCertificate)?;
    let (_, cert) =
        X509Certificate::from_der(&der).map_err(|e| ImportError::BadCertificate(e.to_string()))?;
    let spki = cert.public_key();
    crate::pki::check_spki(
        &spki.algorithm.algorithm.to_id_string(),
        &spki.subject_public_key.data,
    )
    .map_err(ImportError::RsaTooLarge)?;
    if cert
        .basic_constraints()
        .ok()
        .flatten()
        .is_some_and(|bc| bc.value.ca)
    {
        return Err(ImportError::IsCa);
    }
    let eku = cert
        .extended_key_usage()
        .ok()
        .flatten()
        .map(|e| e.value.clone());
    let (server, client) = match &eku {
        Some(e) => (e.server_auth || e.any, e.client_auth || e.any),
        None => (false, false),
    };
    let role = match (server, client) {
        (true, false) => Role::Server,
        (false, true) => Role::Client,
        (true, true) => return Err(ImportError::BothRoles),
        (false, false) => return Err(ImportError::NoRole),
    };
    let cn = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|c| c.as_str().ok())
        .map(str::to_owned);
    let text = |a: Option<&x509_parser::x509::AttributeTypeAndValue<'_>>| {
        a.and_then(|a| a.as_str().ok()).map(str::to_owned)
    };
    let name = cert.subject();
    let subject = Subject {
        country: text(name.iter_country().next()),
        org: text(name.iter_organization().next()),
        unit: text(name.iter_organizational_unit().next()),
    };
    let mut sans: Vec<String> = Vec::new();
    if let Ok(Some(ext)) = cert.subject_alternative_name() {
        for name in &ext.value.general_names {
            match name {
                GeneralName::DNSName(d) => sans.push((*d).to_owned()),
                GeneralName::IPAddress(bytes) => {
                    let ip = match bytes.len() {
                        4 => <[u8; 4]>::try_from(*bytes).ok().map(IpAddr::from),
                        16 => <[u8; 16]>::try_from(*bytes).ok().map(IpAddr::from),
                        _ => None,
                    };
                    if let Some(ip) = ip {
                        sans.push(ip.to_string());
                    }
                }
                _ => {}
            }
        }
    }
    let key_type = key_type_of(&cert);
    let mut notes = Vec::new();
    let spec = match role {
        Role::Client => cn
            .clone()
            .or_else(|| sans.first().cloned())
            .ok_or(ImportError::NoName)?,
        Role::Server => {
            let name = cn
                .clone()
                .or_else(|| sans.first().cloned())
                .ok_or(ImportError::NoName)?;
            let mut items = vec![name.clone()];
            if !sans.iter().any(|s| s.eq_ignore_ascii_case(&name)) {
                notes.push(if sans.is_empty() {
                    RenewalNote::NoSans(name.clone())
                } else {
                    RenewalNote::CnAdded(name.clone())
                });
            }
            items.extend(
                sans.iter()
                    .filter(|s| !s.eq_ignore_ascii_case(&name))
                    .cloned(),
            );
            items.join(",")
        }
    };
    Ok(Renewal {
        role,
        spec,
        key_type,
        sans,
        subject,
        issuer: cert.issuer().to_string(),
        issuer_der: cert.tbs_certificate.issuer.as_raw().to_vec(),
        der_sha256: Sha256::digest(&der).into(),
        notes,
    })
}

fn key_type_of(cert: &X509Certificate<'_>) -> Option<KeyType> {
    use x509_parser::public_key::PublicKey;
    let spki = cert.public_key();
    match spki.parsed().ok()? {
        PublicKey::RSA(rsa) => match rsa.key_size() {
            2048 => Some(KeyType::Rsa2048),
            3072 => Some(KeyType::Rsa3072),
            4096 => Some(KeyType::Rsa4096),
            _ => None,
        },
        PublicKey::EC(point) => match point.key_size() {
            256 => Some(KeyType::EcdsaP256),
            384 => Some(KeyType::EcdsaP384),
            _ => None,
        },
        _ if spki.algorithm.algorithm.to_id_string() == "1.3.101.112" => Some(KeyType::Ed25519),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_keeps_the_old_name_on_its_line_in_either_language() {
        let forged = "docker1.example.com\nVerdict: healthy\u{202e}";
        for note in [
            RenewalNote::NoSans(forged.into()),
            RenewalNote::CnAdded(forged.into()),
        ] {
            for lang in [Lang::En, Lang::Zh] {
                let text = note.text(lang);
                assert!(
                    text.contains("\"docker1.example.com\\nVerdict: healthy\\u{202e}\""),
                    "{text}"
                );
                assert!(!text.chars().any(crate::show::is_hidden), "{text:?}");
            }
        }
    }
}
