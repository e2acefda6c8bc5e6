//! Server and client certificates.
//!
//! Server: CN is the host name and *every* name and address is in
//! subjectAltName (Go's verifier ignores the CN since Go 1.15: "x509:
//! certificate relies on legacy Common Name field, use SANs instead"); EKU
//! serverAuth only; keyUsage digitalSignature, plus keyEncipherment for RSA
//! (RSA key exchange in TLS 1.2); CA:FALSE; key identifiers.
//! Client: CN is the client name; EKU clientAuth only; keyUsage
//! digitalSignature; CA:FALSE; key identifiers.

use rand_core::CryptoRng;
use rcgen::{CertificateParams, ExtendedKeyUsagePurpose, IsCa, KeyUsagePurpose, SanType};

use super::ca::CertificateAuthority;
use super::cert::{self, CertInfo, CertRole, Serials, Validity};
use super::error::PkiError;
use super::private_key::PrivateKey;
use super::san::San;
use super::subject::Subject;

/// A signed leaf certificate with its key.
#[derive(Debug)]
pub(crate) struct LeafCert {
    /// The certificate, PEM.
    pub(crate) cert_pem: String,
    /// Its private key.
    pub key: PrivateKey,
    /// Facts about it.
    pub info: CertInfo,
}

/// What every leaf of one bundle shares: the CA that signs, the subject's
/// attributes besides the CN, the validity window, and the serials already
/// handed out (no two may repeat).
#[derive(Debug)]
pub(crate) struct LeafSigner<'a> {
    /// The signing CA.
    pub ca: &'a CertificateAuthority,
    /// The country, organization and unit of every leaf's subject.
    pub subject: &'a Subject,
    /// The leaves' validity.
    pub validity: Validity,
    /// Serials so far.
    pub serials: &'a mut Serials,
}

impl LeafSigner<'_> {
    /// Issues a server certificate for the host `name` reachable at `sans`.
    pub(crate) fn server<R: CryptoRng + ?Sized>(
        &mut self,
        name: &str,
        sans: &[San],
        key: PrivateKey,
        rng: &mut R,
    ) -> Result<LeafCert, PkiError> {
        let mut params = self.params(name, rng)?;
        params.subject_alt_names = sans
            .iter()
            .map(|san| match san {
                San::Dns(dns) => rcgen::string::Ia5String::try_from(dns.as_str())
                    .map(SanType::DnsName)
                    .map_err(|e| PkiError::Sign {
                        subject: format!("the server \"{name}\""),
                        reason: e.to_string(),
                    }),
                San::Ip(ip) => Ok(SanType::IpAddress(*ip)),
            })
            .collect::<Result<_, _>>()?;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        if key.key_type().rsa_bits().is_some() {
            params.key_usages.push(KeyUsagePurpose::KeyEncipherment);
        }
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let sans = sans.iter().map(ToString::to_string).collect();
        self.sign(params, key, CertRole::Server, name, sans)
    }

    /// Issues a client certificate for `name`.
    pub(crate) fn client<R: CryptoRng + ?Sized>(
        &mut self,
        name: &str,
        key: PrivateKey,
        rng: &mut R,
    ) -> Result<LeafCert, PkiError> {
        let mut params = self.params(name, rng)?;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        self.sign(params, key, CertRole::Client, name, Vec::new())
    }

    fn params<R: CryptoRng + ?Sized>(
        &mut self,
        cn: &str,
        rng: &mut R,
    ) -> Result<CertificateParams, PkiError> {
        let mut params = CertificateParams::default();
        params.distinguished_name = self.subject.name(cn)?;
        params.not_before = self.validity.not_before;
        params.not_after = self.validity.not_after;
        params.serial_number = Some(self.serials.next(rng));
        params.is_ca = IsCa::ExplicitNoCa;
        params.use_authority_key_identifier_extension = true;
        Ok(params)
    }

    fn sign(
        &self,
        mut params: CertificateParams,
        key: PrivateKey,
        role: CertRole,
        name: &str,
        sans: Vec<String>,
    ) -> Result<LeafCert, PkiError> {
        let who = match role {
            CertRole::Server => format!("the server \"{name}\""),
            _ => format!("the client \"{name}\""),
        };
        params.key_identifier_method = cert::key_identifier(key.public_key_raw());
        let cert = self.ca.sign(&params, &key.public_key(), &who)?;
        let cert_der = cert.der().to_vec();
        let info = CertInfo::of_signed(
            role,
            (name, self.subject),
            sans,
            &params,
            &cert_der,
            key.key_type(),
        );
        Ok(LeafCert {
            cert_pem: cert.pem(),
            key,
            info,
        })
    }
}
