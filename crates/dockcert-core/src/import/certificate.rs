//! Certificates in the forms OpenSSL writes them: PEM blocks (any text
//! around them) or one DER certificate.

use x509_parser::prelude::{FromDer, X509Certificate};

use base64ct::{Base64, Encoding};

use super::error::ImportError;
use super::pem;

/// DER certificates as PEM blocks, lines of 64 characters, as OpenSSL
/// writes them (and [`certificates`] reads them back).
pub fn to_pem(ders: &[Vec<u8>]) -> String {
    let mut out = String::new();
    for der in ders {
        out.push_str("-----BEGIN CERTIFICATE-----\n");
        let text = Base64::encode_string(der);
        for line in text.as_bytes().chunks(64) {
            out.push_str(&String::from_utf8_lossy(line));
            out.push('\n');
        }
        out.push_str("-----END CERTIFICATE-----\n");
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_written_is_read_back_as_the_same_certificates() {
        let chain = [
            include_bytes!("../../tests/fixtures/recipe-ca.pem").as_slice(),
            include_bytes!("../../tests/fixtures/recipe-ca.pem").as_slice(),
        ]
        .concat();
        let ders = certificates(&chain).unwrap();
        assert_eq!(ders.len(), 2);
        let pem = to_pem(&ders);
        assert!(pem.lines().all(|l| l.len() <= 64), "{pem}");
        assert_eq!(certificates(pem.as_bytes()).unwrap(), ders);
    }
}
