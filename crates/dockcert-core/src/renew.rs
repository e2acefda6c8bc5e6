//! Renewal: read an old server or client certificate and ask for a new one
//! with the same subject, SANs and usage (a fresh key, validity and serial
//! come from the normal issue path). dockerd has no revocation list, so
//! renewing in time is how access continues.

use std::net::IpAddr;

use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::import::ImportError;
use crate::keys::KeyType;

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
    /// Things changed on the way, to tell the user.
    pub notes: Vec<String>,
}

/// Why a certificate cannot be renewed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenewError {
    /// Not a certificate.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A CA certificate, not a leaf.
    #[error("this is a CA certificate; renew server and client certificates, or make a new CA with `dockcert new`")]
    IsCa,
    /// Neither serverAuth nor clientAuth.
    #[error(
        "this certificate is for neither a Docker host (serverAuth) nor a client (clientAuth)"
    )]
    NoRole,
    /// Both serverAuth and clientAuth (not a dockcert profile; ambiguous).
    #[error("this certificate allows both serverAuth and clientAuth; dockcert keeps hosts and clients apart, so issue a --server or --client with `dockcert issue`")]
    BothRoles,
    /// No name to give the renewed certificate.
    #[error("this certificate has no Common Name and no SAN to name it by")]
    NoName,
}

/// Reads the old certificate (PEM or DER) and returns what to issue.
pub fn renewal(cert_bytes: &[u8]) -> Result<Renewal, RenewError> {
    let der = crate::import::certificates(cert_bytes)?
        .into_iter()
        .next()
        .ok_or(ImportError::NoCertificate)?;
    let (_, cert) =
        X509Certificate::from_der(&der).map_err(|e| ImportError::BadCertificate(e.to_string()))?;
    if cert
        .basic_constraints()
        .ok()
        .flatten()
        .is_some_and(|bc| bc.value.ca)
    {
        return Err(RenewError::IsCa);
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
        (true, true) => return Err(RenewError::BothRoles),
        (false, false) => return Err(RenewError::NoRole),
    };
    let cn = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|c| c.as_str().ok())
        .map(str::to_owned);
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
            .ok_or(RenewError::NoName)?,
        Role::Server => {
            let name = cn
                .clone()
                .or_else(|| sans.first().cloned())
                .ok_or(RenewError::NoName)?;
            let mut items = vec![name.clone()];
            if !sans.iter().any(|s| s.eq_ignore_ascii_case(&name)) {
                notes.push(if sans.is_empty() {
                    format!("the old certificate had no SANs (docker refuses it: \"x509: certificate relies on legacy Common Name field, use SANs instead\"); the new one has \"{name}\" as a SAN")
                } else {
                    format!("the old certificate's CN \"{name}\" was not among its SANs; the new one adds it")
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
