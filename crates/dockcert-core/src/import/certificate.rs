//! Certificates in the forms OpenSSL writes them: PEM blocks (any text
//! around them) or one DER certificate.

use x509_parser::prelude::{FromDer, X509Certificate};

use super::error::ImportError;
use super::pem;

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
