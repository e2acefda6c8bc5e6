//! The certificate authority: its self-signed certificate and the signer that
//! issues server and client certificates.
//!
//! Profile (RFC 5280 §4.2.1.3, §4.2.1.9): basicConstraints critical, CA:TRUE,
//! pathLenConstraint 0 (it signs leaves only); keyUsage critical keyCertSign +
//! cRLSign; subject and authority key identifiers; no extended key usage (an
//! EKU on a CA constrains every certificate below it in Go's verifier).

use rand_core::CryptoRng;
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyUsagePurpose};

use super::cert::{self, CertInfo, CertRole, Serials, Validity};
use super::error::PkiError;
use super::facts::CertFacts;
use super::private_key::PrivateKey;
use super::subject::Subject;

/// A CA that can sign: its certificate and its key, loaded for signing.
pub(crate) struct CertificateAuthority {
    issuer: Issuer<'static, rcgen::KeyPair>,
    /// For an imported CA, its subject exactly as encoded: every certificate
    /// it signs must repeat these bytes as its issuer, or Go's verifier (the
    /// docker client, dockerd) will not find the CA.
    subject_der: Option<Vec<u8>>,
    key: PrivateKey,
    /// Only the tests read the certificate back as DER.
    #[cfg(test)]
    der: Vec<u8>,
    pem: String,
    info: CertInfo,
}

impl std::fmt::Debug for CertificateAuthority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CertificateAuthority")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl CertificateAuthority {
    /// Makes a new self-signed CA named `name`, with `subject`'s
    /// attributes, with `key`.
    pub(crate) fn create<R: CryptoRng + ?Sized>(
        (name, subject): (&str, &Subject),
        key: PrivateKey,
        validity: Validity,
        serials: &mut Serials,
        rng: &mut R,
    ) -> Result<Self, PkiError> {
        let mut params = CertificateParams::default();
        params.distinguished_name = subject.name(name)?;
        params.not_before = validity.not_before;
        params.not_after = validity.not_after;
        params.serial_number = Some(serials.next(rng));
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.use_authority_key_identifier_extension = true;

        let signing_key = key.signing_key()?;
        params.key_identifier_method = cert::key_identifier(signing_key.public_key_raw());
        let cert = params
            .self_signed(&signing_key)
            .map_err(|e| PkiError::Sign {
                subject: format!("the CA \"{name}\""),
                reason: e.to_string(),
            })?;
        let der = cert.der().to_vec();
        let info = CertInfo::of_signed(
            CertRole::Ca,
            (name, subject),
            Vec::new(),
            &params,
            &der,
            key.key_type(),
        );
        Ok(CertificateAuthority {
            issuer: Issuer::new(params, signing_key),
            subject_der: None,
            key,
            pem: cert.pem(),
            #[cfg(test)]
            der,
            info,
        })
    }

    /// An existing CA: its certificate (DER), what it says, and its key,
    /// which the caller has checked belongs to it ([`crate::import`] does).
    pub(crate) fn existing(
        cert_der: Vec<u8>,
        facts: CertFacts,
        key: PrivateKey,
    ) -> Result<Self, PkiError> {
        let name = facts.name().to_owned();
        let fail = |reason: String| PkiError::Sign {
            subject: format!("the CA \"{}\"", crate::show::safe(&name)),
            reason,
        };
        let signing_key = key.signing_key()?;
        let der = rustls_pki_types::CertificateDer::from(cert_der.as_slice());
        let issuer =
            Issuer::from_ca_cert_der(&der, signing_key).map_err(|e| fail(e.to_string()))?;
        let pem = pkcs8::der::pem::encode_string(
            "CERTIFICATE",
            pkcs8::der::pem::LineEnding::LF,
            &cert_der,
        )
        .map_err(|e| fail(e.to_string()))?;
        let info = CertInfo::of_existing_ca(&cert_der, &facts, key.key_type());
        Ok(CertificateAuthority {
            issuer,
            subject_der: Some(facts.subject_der),
            key,
            #[cfg(test)]
            der: cert_der,
            pem,
            info,
        })
    }

    /// The CA certificate, PEM.
    pub(crate) fn cert_pem(&self) -> &str {
        &self.pem
    }

    /// The CA certificate, DER.
    #[cfg(test)]
    pub(crate) fn cert_der(&self) -> &[u8] {
        &self.der
    }

    /// Facts about the CA certificate.
    pub(crate) fn info(&self) -> &CertInfo {
        &self.info
    }

    /// The CA's private key.
    pub(crate) fn key(&self) -> &PrivateKey {
        &self.key
    }

    /// Signs `params` for `subject_key`; used by [`super::leaf`].
    pub(crate) fn sign(
        &self,
        params: &CertificateParams,
        subject_key: &impl rcgen::PublicKeyData,
        subject: &str,
    ) -> Result<rcgen::Certificate, PkiError> {
        let cert = params
            .signed_by(subject_key, &self.issuer)
            .map_err(|e| PkiError::Sign {
                subject: subject.to_owned(),
                reason: e.to_string(),
            })?;
        if let Some(expected) = &self.subject_der {
            let issuer = x509_parser::parse_x509_certificate(cert.der())
                .map(|(_, c)| c.tbs_certificate.issuer.as_raw().to_vec())
                .unwrap_or_default();
            if &issuer != expected {
                // The subject is someone else's: made safe to echo.
                return Err(PkiError::IssuerEncoding {
                    subject: subject.to_owned(),
                    ca: crate::show::safe(&self.info.subject).into_owned(),
                });
            }
        }
        Ok(cert)
    }
}
