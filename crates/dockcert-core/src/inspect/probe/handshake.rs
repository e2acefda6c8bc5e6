//! What a TLS handshake needs that the CLI's TLS library (rustls on ring)
//! cannot do itself and docker's Go client can, all of it P-521, which ring
//! lacks: check a server's handshake signature (by the one judge's
//! [`signed_by`]), agree a key (ECDHE secp521r1, which Go offers after
//! X25519, P-256 and P-384), so a server that speaks only that is still
//! reached, and sign with a client's P-521 key, as docker does.

use p521::ecdsa::signature::Signer as _;
use p521::elliptic_curve::Generate;
use pkcs8::der::asn1::ObjectIdentifier;
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

/// secp521r1's OID, as a key's parameters name its curve.
const SECP521R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");

/// A client's P-521 key, to sign its side of a handshake with (TLS's
/// ecdsa_secp521r1_sha512: ECDSA over SHA-512, its nonce derived as RFC
/// 6979 says, so no generator is needed). Wiped when dropped.
pub struct P521Signer(p521::ecdsa::SigningKey);

impl P521Signer {
    /// The key in `der` (PKCS#8, or SEC1's `EC PRIVATE KEY`), when it is a
    /// P-521 key; `None` for any other.
    pub fn from_der(der: &[u8]) -> Option<P521Signer> {
        let (ec, named) = match pkcs8::PrivateKeyInfoRef::try_from(der) {
            Ok(info) => (
                sec1::EcPrivateKey::try_from(info.private_key.as_bytes()).ok()?,
                info.algorithm.parameters_oid().ok(),
            ),
            Err(_) => {
                let ec = sec1::EcPrivateKey::try_from(der).ok()?;
                let named = ec.parameters.and_then(|p| p.named_curve());
                (ec, named)
            }
        };
        if named != Some(SECP521R1) {
            return None;
        }
        p521::ecdsa::SigningKey::from_slice(ec.private_key)
            .ok()
            .map(P521Signer)
    }

    /// `message` signed, the signature DER as TLS carries it.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let signature: p521::ecdsa::Signature = self.0.sign(message);
        signature.to_der().as_bytes().to_vec()
    }
}

impl std::fmt::Debug for P521Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("P521Signer(..)")
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

    /// A P-521 key, as PKCS#8 or SEC1, signs what the one judge then
    /// checks against its public key as Go's server would; another curve's
    /// key, or no key, is not taken.
    #[test]
    fn a_p521_key_signs_what_the_judge_accepts() {
        use pkcs8::spki::EncodePublicKey;
        use pkcs8::EncodePrivateKey;

        let mut rng = SeededRng::seed_from_u64(5);
        let secret = p521::SecretKey::generate_from_rng(&mut rng);
        let pkcs8_der = secret.to_pkcs8_der().unwrap();
        let sec1_der = secret.to_sec1_der().unwrap();
        let spki = secret.public_key().to_public_key_der().unwrap();
        let spki = spki.as_bytes();
        for der in [pkcs8_der.as_bytes(), sec1_der.as_slice()] {
            let signer = P521Signer::from_der(der).unwrap();
            let signature = signer.sign(b"handshake");
            let scheme = Scheme::Ecdsa { hash_bits: 512 };
            assert!(signed_by(spki, scheme, b"handshake", &signature));
            assert!(!signed_by(spki, scheme, b"handshakf", &signature));
            assert_eq!(format!("{signer:?}"), "P521Signer(..)");
        }
        let p256 = p256::SecretKey::generate_from_rng(&mut rng);
        assert!(P521Signer::from_der(p256.to_pkcs8_der().unwrap().as_bytes()).is_none());
        assert!(P521Signer::from_der(&[0x30, 0x00]).is_none());
    }
}
