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

use crate::ca::CertificateAuthority;
use crate::cert::{self, CertInfo, CertRole, Serials, Validity};
use crate::error::Error;
use crate::keys::PrivateKey;
use crate::names::San;

/// A signed leaf certificate with its key.
#[derive(Debug)]
pub struct LeafCert {
    /// The certificate, PEM.
    pub cert_pem: String,
    /// The certificate, DER.
    pub cert_der: Vec<u8>,
    /// Its private key.
    pub key: PrivateKey,
    /// Facts about it.
    pub info: CertInfo,
}

/// Issues a server certificate for the host `name` reachable at `sans`.
pub fn issue_server<R: CryptoRng + ?Sized>(
    ca: &CertificateAuthority,
    name: &str,
    sans: &[San],
    key: PrivateKey,
    validity: Validity,
    serials: &mut Serials,
    rng: &mut R,
) -> Result<LeafCert, Error> {
    let mut params = leaf_params(name, validity, serials, rng);
    params.subject_alt_names = sans
        .iter()
        .map(|san| match san {
            San::Dns(dns) => rcgen::string::Ia5String::try_from(dns.as_str())
                .map(SanType::DnsName)
                .map_err(|e| Error::Sign {
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
    sign(ca, params, key, CertRole::Server, name, sans)
}

/// Issues a client certificate for `name`.
pub fn issue_client<R: CryptoRng + ?Sized>(
    ca: &CertificateAuthority,
    name: &str,
    key: PrivateKey,
    validity: Validity,
    serials: &mut Serials,
    rng: &mut R,
) -> Result<LeafCert, Error> {
    let mut params = leaf_params(name, validity, serials, rng);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    sign(ca, params, key, CertRole::Client, name, Vec::new())
}

fn leaf_params<R: CryptoRng + ?Sized>(
    cn: &str,
    validity: Validity,
    serials: &mut Serials,
    rng: &mut R,
) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = cert::common_name(cn);
    params.not_before = validity.not_before;
    params.not_after = validity.not_after;
    params.serial_number = Some(serials.next(rng));
    params.is_ca = IsCa::ExplicitNoCa;
    params.use_authority_key_identifier_extension = true;
    params
}

fn sign(
    ca: &CertificateAuthority,
    params: CertificateParams,
    key: PrivateKey,
    role: CertRole,
    name: &str,
    sans: Vec<String>,
) -> Result<LeafCert, Error> {
    let who = match role {
        CertRole::Server => format!("the server \"{name}\""),
        _ => format!("the client \"{name}\""),
    };
    let mut params = params;
    let subject_key = key.signing_key()?;
    params.key_identifier_method = cert::key_identifier(&subject_key);
    let cert = ca.sign(&params, &subject_key, &who)?;
    let cert_der = cert.der().to_vec();
    let info = CertInfo::of_signed(role, name, sans, &params, &cert_der, key.key_type());
    Ok(LeafCert {
        cert_pem: cert.pem(),
        cert_der,
        key,
        info,
    })
}
