//! What a TLS handshake needs that the CLI's TLS library (rustls on ring)
//! cannot do itself and docker's Go client can: check a server's P-521
//! handshake signature (by the one judge's [`signed_by`]), and agree a key
//! over P-521 (ECDHE secp521r1, which Go offers after X25519, P-256 and
//! P-384), so a server that speaks only that is still reached.

use p521::elliptic_curve::Generate;
use rand_core::CryptoRng;
use x509_parser::prelude::{FromDer, X509Certificate};
use zeroize::Zeroizing;

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

/// One side of an ephemeral P-521 key agreement (TLS's secp521r1 group):
/// a secret drawn at start, wiped when dropped, and its public point as TLS
/// sends it (uncompressed SEC1, 133 bytes).
pub struct P521Exchange {
    secret: p521::ecdh::EphemeralSecret,
    public: Vec<u8>,
}

impl P521Exchange {
    /// A new secret from `rng`.
    pub fn start<R: CryptoRng + ?Sized>(rng: &mut R) -> P521Exchange {
        let secret = p521::ecdh::EphemeralSecret::generate_from_rng(rng);
        let public = secret.public_key().to_sec1_bytes().into_vec();
        P521Exchange { secret, public }
    }

    /// The public point to send.
    pub fn public(&self) -> &[u8] {
        &self.public
    }

    /// The shared secret with the peer's public point `peer` (SEC1): its x
    /// coordinate, 66 bytes, as TLS uses it. `None` when `peer` is not a
    /// point of the curve (TLS's "invalid key share").
    pub fn finish(&self, peer: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        let peer = p521::PublicKey::from_sec1_bytes(peer).ok()?;
        let shared = self.secret.diffie_hellman(&peer);
        Some(Zeroizing::new(shared.raw_secret_bytes().to_vec()))
    }
}

impl std::fmt::Debug for P521Exchange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("P521Exchange")
            .field("public", &self.public.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use rand_core::SeedableRng;

    use super::*;
    use crate::pki::SeededRng;

    /// Two sides agree on one 66-byte secret; a point off the curve, or
    /// not a point at all, agrees on nothing.
    #[test]
    fn two_sides_agree_and_a_bad_point_is_refused() {
        let mut rng = SeededRng::seed_from_u64(21);
        let (a, b) = (P521Exchange::start(&mut rng), P521Exchange::start(&mut rng));
        assert_eq!(a.public().len(), 133);
        assert_eq!(a.public()[0], 4, "uncompressed");
        assert_ne!(a.public(), b.public());
        let (ab, ba) = (a.finish(b.public()).unwrap(), b.finish(a.public()).unwrap());
        assert_eq!(ab.len(), 66);
        assert_eq!(ab, ba);
        let mut off_curve = b.public().to_vec();
        off_curve[100] ^= 1;
        assert!(a.finish(&off_curve).is_none());
        assert!(a.finish(&[]).is_none());
        assert!(a.finish(&[4; 133]).is_none());
        assert!(format!("{a:?}").contains("133"));
    }
}
