//! A TLS handshake's signature that the CLI's TLS library (rustls on ring)
//! cannot check itself — a server's P-521 key — checked by the one judge's
//! [`signed_by`], as Go's TLS stack would.

use x509_parser::prelude::{FromDer, X509Certificate};

use super::server::{key_description, ServerKey};
use crate::inspect::verify::{signed_by, Scheme};

/// Whether `signature` over `message` (the handshake's signed content) was
/// made with the key of the certificate `cert` (DER) by `scheme`. False
/// when the certificate cannot be read.
pub fn handshake_signed(cert: &[u8], scheme: Scheme, message: &[u8], signature: &[u8]) -> bool {
    match X509Certificate::from_der(cert) {
        Ok((_, c)) => signed_by(c.public_key().raw, scheme, message, signature),
        Err(_) => false,
    }
}

/// The key of the certificate `cert` (DER) as a person names it, when it
/// can be read.
pub fn certificate_key(cert: &[u8]) -> Option<ServerKey> {
    X509Certificate::from_der(cert)
        .ok()
        .map(|(_, c)| key_description(&c))
}
