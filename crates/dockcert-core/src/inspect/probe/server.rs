//! The chain a server presented, judged as docker's Go client judges it:
//! its dates, then the dialled name against the SANs, then a chain to the
//! trusted CA, then the serverAuth usage, each refusal in Go's words.

use std::net::IpAddr;

use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::inspect::names::{covers, parse_extensions};
use crate::pki;

/// What the server's certificate says, and whether docker would trust it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerChain {
    /// The leaf's subject.
    pub subject: String,
    /// Its DNS names and IP addresses.
    pub sans: Vec<String>,
    /// Its issuer.
    pub issuer: String,
    /// Its last day.
    pub not_after: OffsetDateTime,
    /// Its key.
    pub key: ServerKey,
    /// docker's refusal, in Go's words, when it would refuse this chain.
    pub refusal: Option<String>,
}

/// A server's key, as a person names it (`ECDSA P-256`, `RSA 2048`,
/// `Ed25519`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServerKey {
    /// RSA of `bits`.
    Rsa {
        /// The modulus's size.
        bits: usize,
    },
    /// ECDSA on a named curve (`P-256`), or of an unknown curve.
    Ecdsa {
        /// `P-256`, `P-384` or `P-521`.
        curve: Option<&'static str>,
    },
    /// ECDSA on a curve dockcert does not name.
    EcdsaOther {
        /// The curve's OID.
        oid: String,
    },
    /// Ed25519.
    Ed25519,
    /// Another algorithm.
    Other {
        /// The algorithm's OID.
        oid: String,
    },
}

/// Why a chain could not be judged at all.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProbeError {
    /// The server sent no certificate.
    NoCertificate,
    /// The server's certificate is not X.509 that can be read: the parser's
    /// words.
    BadServerCertificate(String),
    /// The CA file holds no certificate that can be a trust anchor.
    BadCa,
}

/// Judges `chain` (leaf first, as the server sent it) against the CA
/// certificates in `ca_ders` for the name or address `dialled`, at `now`, as
/// docker's Go client does, and describes the leaf.
pub fn judge_server_chain(
    chain: &[Vec<u8>],
    ca_ders: &[Vec<u8>],
    dialled: &str,
    now: OffsetDateTime,
) -> Result<ServerChain, ProbeError> {
    let leaf_der = chain.first().ok_or(ProbeError::NoCertificate)?;
    let (_, leaf) = X509Certificate::from_der(leaf_der)
        .map_err(|e| ProbeError::BadServerCertificate(e.to_string()))?;
    let parsed = parse_extensions(&leaf);
    let mut sans: Vec<String> = parsed.dns.clone();
    sans.extend(parsed.ips.iter().map(ToString::to_string));
    let not_before = pki::time_of(leaf.validity().not_before);
    let not_after = pki::time_of(leaf.validity().not_after);
    let host = dialled.trim_start_matches('[').trim_end_matches(']');

    // Go's order: dates, name, authority, usage.
    let refusal = if now < not_before || now > not_after {
        Some("x509: certificate has expired or is not yet valid".to_owned())
    } else if sans.is_empty() {
        Some("x509: certificate relies on legacy Common Name field, use SANs instead".to_owned())
    } else if !covers(&parsed, host) {
        // Go lists the SANs of the dialled kind only: addresses for an address.
        let valid: Vec<String> = match host.parse::<IpAddr>() {
            Ok(_) => parsed.ips.iter().map(ToString::to_string).collect(),
            Err(_) => parsed.dns.clone(),
        };
        Some(match host.parse::<IpAddr>() {
            Ok(_) if valid.is_empty() => format!(
                "x509: cannot validate certificate for {host} because it doesn't contain any IP SANs"
            ),
            _ if valid.is_empty() => format!(
                "x509: certificate is not valid for any names, but wanted to match {host}"
            ),
            _ => format!(
                "x509: certificate is valid for {}, not {host}",
                valid.join(", ")
            ),
        })
    } else {
        chain_refusal(chain, ca_ders, host, now)?
    };
    Ok(ServerChain {
        subject: leaf.subject().to_string(),
        sans,
        issuer: leaf.issuer().to_string(),
        not_after,
        key: key_description(&leaf),
        refusal,
    })
}

/// The chain to the CA and the serverAuth usage, checked by rustls-webpki;
/// its errors in Go's words.
fn chain_refusal(
    chain: &[Vec<u8>],
    ca_ders: &[Vec<u8>],
    host: &str,
    now: OffsetDateTime,
) -> Result<Option<String>, ProbeError> {
    let ca_certs: Vec<CertificateDer<'_>> = ca_ders
        .iter()
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let anchors: Vec<_> = ca_certs
        .iter()
        .filter_map(|c| webpki::anchor_from_trusted_cert(c).ok())
        .collect();
    if anchors.is_empty() {
        return Err(ProbeError::BadCa);
    }
    let leaf_der = CertificateDer::from(chain.first().map(Vec::as_slice).unwrap_or_default());
    let intermediates: Vec<CertificateDer<'_>> = chain
        .iter()
        .skip(1)
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let leaf = webpki::EndEntityCert::try_from(&leaf_der)
        .map_err(|e| ProbeError::BadServerCertificate(format!("{e:?}")))?;
    let seconds = u64::try_from(now.unix_timestamp()).unwrap_or(0);
    let verified = leaf.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        &anchors,
        &intermediates,
        UnixTime::since_unix_epoch(std::time::Duration::from_secs(seconds)),
        webpki::KeyUsage::server_auth(),
        None,
        None,
    );
    let said = match verified {
        Ok(_) => None,
        Err(webpki::Error::CertExpired { .. } | webpki::Error::CertNotValidYet { .. }) => {
            Some("x509: certificate has expired or is not yet valid".to_owned())
        }
        Err(webpki::Error::RequiredEkuNotFoundContext(_)) => {
            Some("x509: certificate specifies an incompatible key usage".to_owned())
        }
        // A CA of the same name that did not sign it: Go adds "possibly
        // because of ... verification error" after the same words.
        Err(webpki::Error::UnknownIssuer | webpki::Error::InvalidSignatureForPublicKey) => {
            Some("x509: certificate signed by unknown authority".to_owned())
        }
        // Anything else stops Go at building the chain too.
        Err(other) => Some(format!(
            "x509: certificate signed by unknown authority (rustls-webpki: {other:?})"
        )),
    };
    if said.is_none() {
        // covers() matched: webpki's own name check must agree.
        let name = ServerName::try_from(host)
            .map_err(|e| ProbeError::BadServerCertificate(e.to_string()))?;
        if leaf.verify_is_valid_for_subject_name(&name).is_err() {
            return Ok(Some(format!("x509: certificate is not valid for {host}")));
        }
    }
    Ok(said)
}

/// The leaf's key as a person names it.
pub(super) fn key_description(cert: &X509Certificate<'_>) -> ServerKey {
    use x509_parser::public_key::PublicKey;
    let spki = cert.public_key();
    let alg = spki.algorithm.algorithm.to_id_string();
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => ServerKey::Rsa {
            bits: rsa.key_size(),
        },
        Ok(PublicKey::EC(_)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => ServerKey::Ecdsa {
                    curve: Some("P-256"),
                },
                Some("1.3.132.0.34") => ServerKey::Ecdsa {
                    curve: Some("P-384"),
                },
                Some("1.3.132.0.35") => ServerKey::Ecdsa {
                    curve: Some("P-521"),
                },
                Some(other) => ServerKey::EcdsaOther {
                    oid: other.to_owned(),
                },
                None => ServerKey::Ecdsa { curve: None },
            }
        }
        _ if alg == "1.3.101.112" => ServerKey::Ed25519,
        _ => ServerKey::Other { oid: alg },
    }
}
