//! Reading what others made: an existing CA's certificate and key, in every
//! form OpenSSL writes them, and old certificates to renew. A wrong
//! passphrase, a key that is not the certificate's, a certificate that is
//! not a CA, an expired CA: each is its own [`ImportError`], raised before
//! anything is made, and [`ImportError::on_ca`] names the input it is about
//! so both faces show it in the same place with the same words.
//!
//! Uses [`crate::pki`] (keys, certificate facts) and [`crate::plan`] (a
//! renewal becomes a plan request). A new key format goes in
//! `private_key.rs`; a new check on an imported CA, in this file.

mod error;
mod legacy;
pub mod pem;
mod private_key;
pub mod renew;

use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

pub use error::{CaInputs, ForeignKey, ImportError, Source, SourcedError};
pub use private_key::{key_is_encrypted, key_state, private_key, KeyFormat, KeyState};

use crate::pki::{self, CertFacts, PrivateKey};

/// Every certificate in `bytes` (PEM blocks, or one DER certificate), as DER.
pub fn certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, ImportError> {
    let found: Vec<Vec<u8>> = pem::blocks(bytes)
        .into_iter()
        .filter(|b| {
            b.label == "CERTIFICATE"
                || b.label == "X509 CERTIFICATE"
                || b.label == "TRUSTED CERTIFICATE"
        })
        .map(|b| b.der.to_vec())
        .collect();
    if !found.is_empty() {
        return Ok(found);
    }
    if X509Certificate::from_der(bytes).is_ok() {
        return Ok(vec![bytes.to_vec()]);
    }
    Err(ImportError::NoCertificate)
}

/// An imported CA, checked and ready to sign.
#[derive(Clone, Debug)]
pub struct ImportedCa {
    /// The CA certificate, DER.
    pub cert_der: Vec<u8>,
    /// Its facts.
    pub facts: CertFacts,
    /// Its key.
    pub key: PrivateKey,
    /// How the key was stored.
    pub key_format: KeyFormat,
}

/// Imports a CA from its certificate file and key file, decrypting the key
/// with `passphrase` if needed, and checks that it is a CA, that it may sign,
/// that it is valid at `now`, and that the key is the certificate's.
pub fn import_ca(
    cert_bytes: &[u8],
    key_bytes: &[u8],
    passphrase: Option<&[u8]>,
    now: OffsetDateTime,
) -> Result<ImportedCa, ImportError> {
    let (cert_der, facts) = check_ca_certificate(cert_bytes, now)?;
    let (key, key_format) = private_key(key_bytes, passphrase)?;
    if !facts.is_key_of(&key) {
        return Err(ImportError::KeyMismatch(facts.name().to_owned()));
    }
    Ok(ImportedCa {
        cert_der,
        facts,
        key,
        key_format,
    })
}

/// Checks a CA certificate on its own (before any passphrase is asked for):
/// a CA, allowed to sign, valid at `now`. Returns its DER and facts.
pub fn check_ca_certificate(
    cert_bytes: &[u8],
    now: OffsetDateTime,
) -> Result<(Vec<u8>, CertFacts), ImportError> {
    let cert_der = certificates(cert_bytes)?
        .into_iter()
        .next()
        .ok_or(ImportError::NoCertificate)?;
    let facts = CertFacts::of_der(&cert_der)?;
    let name = facts.name().to_owned();
    if !facts.is_ca {
        return Err(ImportError::NotACa(name));
    }
    if facts.forbids_cert_sign {
        return Err(ImportError::CannotSign(name));
    }
    if now > facts.not_after {
        return Err(ImportError::Expired {
            subject: name,
            date: pki::day(facts.not_after),
        });
    }
    if now < facts.not_before {
        return Err(ImportError::NotYetValid {
            subject: name,
            date: pki::minute(facts.not_before),
        });
    }
    Ok((cert_der, facts))
}

impl ImportedCa {
    /// The CA, ready to sign ([`pki::CertificateAuthority::existing`]).
    pub fn into_authority(self) -> Result<pki::CertificateAuthority, pki::PkiError> {
        pki::CertificateAuthority::existing(self.cert_der, self.facts, self.key)
    }
}
