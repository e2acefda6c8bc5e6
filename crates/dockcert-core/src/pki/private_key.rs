//! Private keys: made from an RNG the caller hands in (ring can only draw
//! from the system RNG and cannot make RSA keys at all), kept as PKCS#8 DER
//! in memory that is wiped on drop, and handed to rcgen/ring for signing.
//! Leaf keys are written in the clear, because neither dockerd nor the docker
//! client can read an encrypted key; the CA key's encryption is in
//! [`super::encryption`].

use std::fmt;

use p256::elliptic_curve::Generate;
use pkcs8::der::pem::LineEnding;
use pkcs8::{EncodePrivateKey, PrivateKeyInfoRef};
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::error::PkiError;
use super::key_type::KeyType;

/// A private key as unencrypted PKCS#8 DER, wiped from memory on drop.
#[derive(Clone)]
pub struct PrivateKey {
    key_type: KeyType,
    pkcs8_der: Zeroizing<Vec<u8>>,
    /// The public key (the subjectPublicKey bits), kept from the one time
    /// the key is loaded: a fleet signs 10,000 certificates, and loading a
    /// key again costs a scalar multiplication.
    public_raw: Vec<u8>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("key_type", &self.key_type)
            .finish_non_exhaustive()
    }
}

impl PrivateKey {
    /// Makes a new key of `key_type` from `rng`.
    ///
    /// Elliptic-curve keys take microseconds; RSA keys take around a second
    /// (4096-bit) because of the prime search, so callers run those on worker
    /// threads ([`super::rsa_prime`]) or, in the page, hand them to WebCrypto
    /// and use [`PrivateKey::from_pkcs8_der`].
    pub fn generate<R: CryptoRng + ?Sized>(
        key_type: KeyType,
        rng: &mut R,
    ) -> Result<Self, PkiError> {
        let encode = |e: pkcs8::Error| PkiError::Encode(e.to_string());
        let der: Zeroizing<Vec<u8>> = match key_type {
            KeyType::EcdsaP256 => {
                let der = p256::SecretKey::generate_from_rng(rng)
                    .to_pkcs8_der()
                    .map_err(encode)?
                    .to_bytes();
                return Self::made_ec(key_type, der);
            }
            KeyType::EcdsaP384 => {
                let der = p384::SecretKey::generate_from_rng(rng)
                    .to_pkcs8_der()
                    .map_err(encode)?
                    .to_bytes();
                return Self::made_ec(key_type, der);
            }
            KeyType::Ed25519 => {
                let mut seed = Zeroizing::new([0u8; 32]);
                rng.fill_bytes(seed.as_mut());
                ed25519_pkcs8_v1(&seed)
            }
            KeyType::Rsa2048 | KeyType::Rsa3072 | KeyType::Rsa4096 => {
                let bits = key_type.rsa_bits().unwrap_or(4096);
                rsa::PrivateKey::new(rng, bits)
                    .map_err(|e| PkiError::Generate(e.to_string()))?
                    .to_pkcs8_der()
                    .map_err(encode)?
                    .to_bytes()
            }
        };
        Self::from_pkcs8_der(key_type, der.to_vec())
    }

    /// An elliptic-curve key just made: its PKCS#8 already carries the
    /// public key, computed as it was encoded, so it is read from there
    /// instead of being computed a second time by loading the key.
    fn made_ec(key_type: KeyType, der: Zeroizing<Vec<u8>>) -> Result<Self, PkiError> {
        let public = PrivateKeyInfoRef::try_from(der.as_slice())
            .ok()
            .and_then(|info| sec1::EcPrivateKey::try_from(info.private_key.as_bytes()).ok())
            .and_then(|ec| ec.public_key.map(<[u8]>::to_vec));
        match public {
            Some(public_raw) => Ok(PrivateKey {
                key_type,
                pkcs8_der: der,
                public_raw,
            }),
            None => Self::from_pkcs8_der(key_type, der.to_vec()),
        }
    }

    /// Wraps a PKCS#8 key made elsewhere (WebCrypto's `exportKey("pkcs8")`, an
    /// imported file), checking that it loads for signing as `key_type`.
    pub fn from_pkcs8_der(key_type: KeyType, der: Vec<u8>) -> Result<Self, PkiError> {
        let mut key = PrivateKey {
            key_type,
            pkcs8_der: Zeroizing::new(der),
            public_raw: Vec::new(),
        };
        key.public_raw = key.signing_key()?.public_key_raw().to_vec();
        Ok(key)
    }

    /// The key's type.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The unencrypted PKCS#8 DER.
    pub fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8_der
    }

    /// The key loaded for signing by rcgen (ring underneath).
    pub(crate) fn signing_key(&self) -> Result<rcgen::KeyPair, PkiError> {
        let der = rustls_pki_types::PrivatePkcs8KeyDer::from(self.pkcs8_der.as_slice());
        rcgen::KeyPair::from_pkcs8_der_and_sign_algo(&der, self.key_type.signature_algorithm())
            .map_err(|e| PkiError::Load {
                key_type: self.key_type.as_str(),
                reason: e.to_string(),
            })
    }

    /// The raw public key (the subjectPublicKey bits), to pair the key with
    /// its certificate.
    pub fn public_key_raw(&self) -> &[u8] {
        &self.public_raw
    }

    /// The public key, as rcgen puts it into a certificate.
    pub(crate) fn public_key(&self) -> PublicKey<'_> {
        PublicKey {
            raw: &self.public_raw,
            algorithm: self.key_type.signature_algorithm(),
        }
    }

    /// `-----BEGIN PRIVATE KEY-----`: unencrypted PKCS#8, which both dockerd
    /// and the docker client (Go's `tls.X509KeyPair`) read for every key type.
    pub fn to_pem(&self) -> Result<Zeroizing<String>, PkiError> {
        pkcs8::der::pem::encode_string("PRIVATE KEY", LineEnding::LF, &self.pkcs8_der)
            .map(Zeroizing::new)
            .map_err(|e| PkiError::Encode(e.to_string()))
    }
}

/// A key's public half, for rcgen to put into the certificate it signs.
pub(crate) struct PublicKey<'a> {
    raw: &'a [u8],
    algorithm: &'static rcgen::SignatureAlgorithm,
}

impl rcgen::PublicKeyData for PublicKey<'_> {
    fn der_bytes(&self) -> &[u8] {
        self.raw
    }

    fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
        self.algorithm
    }
}

/// Ed25519 as PKCS#8 *v1* (RFC 8410 §7 without the public key). ring writes
/// v2, with the public key attached, which OpenSSL 3.0 cannot read.
pub(crate) fn ed25519_pkcs8_v1(seed: &[u8; 32]) -> Zeroizing<Vec<u8>> {
    // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING seed } }
    const PREFIX: [u8; 16] = [
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20,
    ];
    let mut der = Zeroizing::new(Vec::with_capacity(48));
    der.extend_from_slice(&PREFIX);
    der.extend_from_slice(seed);
    der
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::SeedableRng;

    fn rng() -> rand_chacha::ChaCha20Rng {
        rand_chacha::ChaCha20Rng::seed_from_u64(7)
    }

    #[test]
    fn elliptic_keys_load_for_signing() {
        for k in [KeyType::EcdsaP256, KeyType::EcdsaP384, KeyType::Ed25519] {
            let key = PrivateKey::generate(k, &mut rng()).unwrap();
            assert!(key
                .to_pem()
                .unwrap()
                .starts_with("-----BEGIN PRIVATE KEY-----\n"));
            // The public key kept at generation is the one the key loads with.
            let loaded = key.signing_key().unwrap();
            assert_eq!(key.public_key_raw(), loaded.public_key_raw());
            assert!(!key.public_key_raw().is_empty());
        }
    }

    #[test]
    fn ed25519_is_pkcs8_v1() {
        let key = PrivateKey::generate(KeyType::Ed25519, &mut rng()).unwrap();
        assert_eq!(key.pkcs8_der().len(), 48);
        assert_eq!(key.pkcs8_der()[4], 0, "version must be v1 (0)");
    }

    #[test]
    fn same_rng_same_key() {
        let a = PrivateKey::generate(KeyType::EcdsaP256, &mut rng()).unwrap();
        let b = PrivateKey::generate(KeyType::EcdsaP256, &mut rng()).unwrap();
        assert_eq!(a.pkcs8_der(), b.pkcs8_der());
    }

    #[test]
    fn a_key_of_another_type_does_not_load() {
        let ed = PrivateKey::generate(KeyType::Ed25519, &mut rng()).unwrap();
        let e = PrivateKey::from_pkcs8_der(KeyType::EcdsaP256, ed.pkcs8_der().to_vec());
        assert!(matches!(e, Err(PkiError::Load { .. })), "{e:?}");
    }
}
