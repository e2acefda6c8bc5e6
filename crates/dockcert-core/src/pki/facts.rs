//! What a certificate someone else made says about itself: its subject and
//! issuer (as text and as the exact bytes a child must repeat), whether it
//! is a CA and may sign, its dates and its public key.

use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::error::PkiError;
use super::private_key::PrivateKey;

/// The parts of a certificate import, renew and the CA look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertFacts {
    /// The subject, as a one-line string.
    pub subject: String,
    /// The subject's Common Name, if any.
    pub common_name: Option<String>,
    /// The subject, DER, as the issuer field of its children must repeat it.
    pub(crate) subject_der: Vec<u8>,
    /// The issuer, DER.
    pub(crate) issuer_der: Vec<u8>,
    /// The issuer, as a one-line string.
    pub issuer: String,
    /// The serial number in upper-case hex.
    pub serial: String,
    /// basicConstraints CA:TRUE.
    pub is_ca: bool,
    /// keyUsage present and lacks keyCertSign.
    pub forbids_cert_sign: bool,
    /// No keyUsage extension at all (the classic recipe's CA): Go accepts
    /// its chains, but OpenSSL's -x509_strict and RFC 5280 linters do not.
    pub lacks_key_usage: bool,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// End of validity.
    pub not_after: OffsetDateTime,
    /// The subjectPublicKey bits.
    pub(crate) public_key: Vec<u8>,
}

impl CertFacts {
    /// Reads the facts of a DER certificate.
    pub fn of_der(der: &[u8]) -> Result<CertFacts, PkiError> {
        let (_, cert) =
            X509Certificate::from_der(der).map_err(|e| PkiError::BadCertificate(e.to_string()))?;
        let spki = cert.public_key();
        super::check_spki(
            &spki.algorithm.algorithm.to_id_string(),
            &spki.subject_public_key.data,
        )
        .map_err(PkiError::RsaTooLarge)?;
        let common_name = cert
            .subject()
            .iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .map(str::to_owned);
        let is_ca = cert
            .basic_constraints()
            .ok()
            .flatten()
            .is_some_and(|bc| bc.value.ca);
        let key_usage = cert.key_usage().ok().flatten();
        Ok(CertFacts {
            subject: cert.subject().to_string(),
            common_name,
            subject_der: cert.tbs_certificate.subject.as_raw().to_vec(),
            issuer_der: cert.tbs_certificate.issuer.as_raw().to_vec(),
            issuer: cert.issuer().to_string(),
            serial: super::cert::upper_hex(cert.raw_serial()),
            is_ca,
            forbids_cert_sign: key_usage
                .as_ref()
                .is_some_and(|ku| !ku.value.key_cert_sign()),
            lacks_key_usage: key_usage.is_none(),
            not_before: time_of(cert.validity().not_before),
            not_after: time_of(cert.validity().not_after),
            public_key: cert.public_key().subject_public_key.data.to_vec(),
        })
    }

    /// How to call it: its Common Name, or its whole subject.
    pub fn name(&self) -> &str {
        self.common_name.as_deref().unwrap_or(&self.subject)
    }

    /// Whether `key` is the private half of this certificate.
    pub(crate) fn is_key_of(&self, key: &PrivateKey) -> bool {
        key.public_key_raw() == self.public_key
    }
}

/// An X.509 time as a date-time (the epoch if it cannot be one).
pub(crate) fn time_of(t: x509_parser::time::ASN1Time) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(t.timestamp()).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
