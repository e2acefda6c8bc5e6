//! Key types, key generation, and the PEM forms of private keys.
//!
//! Keys are made with the RustCrypto crates from an RNG the caller hands in
//! (ring can only draw from the system RNG and cannot make RSA keys at all),
//! kept as PKCS#8 DER in memory that is wiped on drop, and handed to rcgen/ring
//! for signing. Leaf keys are written in the clear, because neither dockerd nor
//! the docker client can read an encrypted key; the CA key is encrypted with
//! PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the scheme OpenSSL 3 reads.

use std::fmt;
use std::str::FromStr;

use p256::elliptic_curve::Generate;
use pkcs8::der::pem::LineEnding;
use pkcs8::pkcs5::pbes2;
use pkcs8::EncodePrivateKey;
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use crate::error::KeyError;

/// PBKDF2-HMAC-SHA256 rounds for the CA key: OWASP's 2023 recommendation for
/// PBKDF2-SHA256, and what the project promises (at least 600,000).
pub const CA_KEY_PBKDF2_ROUNDS: u32 = 600_000;

/// Shortest passphrase accepted for the CA key, in bytes.
pub const MIN_PASSPHRASE_LEN: usize = 8;

/// Longest passphrase accepted, in bytes (a guard against pasting a file).
pub const MAX_PASSPHRASE_LEN: usize = 1024;

/// The key algorithm used for the CA and every leaf of a bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum KeyType {
    /// ECDSA on P-256 with SHA-256: fast, small, accepted everywhere.
    #[default]
    EcdsaP256,
    /// ECDSA on P-384 with SHA-384.
    EcdsaP384,
    /// Ed25519 (RFC 8410). Go and OpenSSL 1.1.1+ accept it for TLS.
    Ed25519,
    /// RSA, 2048-bit modulus, PKCS#1 v1.5 signatures with SHA-256.
    Rsa2048,
    /// RSA, 3072-bit modulus.
    Rsa3072,
    /// RSA, 4096-bit modulus (what the classic openssl recipe uses).
    Rsa4096,
}

impl KeyType {
    /// Every supported key type, in the order the CLI's help and the page list them.
    pub const ALL: [KeyType; 6] = [
        KeyType::EcdsaP256,
        KeyType::EcdsaP384,
        KeyType::Ed25519,
        KeyType::Rsa2048,
        KeyType::Rsa3072,
        KeyType::Rsa4096,
    ];

    /// The name used by `--key-type` and the page's select.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::EcdsaP256 => "ecdsa-p256",
            KeyType::EcdsaP384 => "ecdsa-p384",
            KeyType::Ed25519 => "ed25519",
            KeyType::Rsa2048 => "rsa-2048",
            KeyType::Rsa3072 => "rsa-3072",
            KeyType::Rsa4096 => "rsa-4096",
        }
    }

    /// The RSA modulus size, or `None` for the elliptic-curve types.
    pub fn rsa_bits(self) -> Option<usize> {
        match self {
            KeyType::Rsa2048 => Some(2048),
            KeyType::Rsa3072 => Some(3072),
            KeyType::Rsa4096 => Some(4096),
            _ => None,
        }
    }

    /// Whether making a key of this type takes noticeable time (seconds, not microseconds).
    pub fn is_slow(self) -> bool {
        self.rsa_bits().is_some()
    }

    /// The signature algorithm certificates signed by a key of this type use.
    pub fn signature_algorithm(self) -> &'static rcgen::SignatureAlgorithm {
        match self {
            KeyType::EcdsaP256 => &rcgen::PKCS_ECDSA_P256_SHA256,
            KeyType::EcdsaP384 => &rcgen::PKCS_ECDSA_P384_SHA384,
            KeyType::Ed25519 => &rcgen::PKCS_ED25519,
            KeyType::Rsa2048 | KeyType::Rsa3072 | KeyType::Rsa4096 => &rcgen::PKCS_RSA_SHA256,
        }
    }

    /// The comma-separated list of names, for error messages and help.
    pub fn allowed_list() -> String {
        KeyType::ALL
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for KeyType {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        if let Some(found) = KeyType::ALL.into_iter().find(|k| k.as_str() == wanted) {
            return Ok(found);
        }
        let weak = [
            "rsa-512",
            "rsa-768",
            "rsa-1024",
            "rsa-1536",
            "dsa",
            "ecdsa-p192",
            "ecdsa-p224",
        ];
        if weak.contains(&wanted.as_str()) {
            return Err(format!("too weak; allowed: {}", KeyType::allowed_list()));
        }
        Err(format!(
            "unknown key type; allowed: {}",
            KeyType::allowed_list()
        ))
    }
}

/// A private key as unencrypted PKCS#8 DER, wiped from memory on drop.
#[derive(Clone)]
pub struct PrivateKey {
    key_type: KeyType,
    pkcs8_der: Zeroizing<Vec<u8>>,
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
    /// threads or, in the page, hand them to WebCrypto and use
    /// [`PrivateKey::from_pkcs8_der`].
    pub fn generate<R: CryptoRng + ?Sized>(
        key_type: KeyType,
        rng: &mut R,
    ) -> Result<Self, KeyError> {
        let der: Zeroizing<Vec<u8>> = match key_type {
            KeyType::EcdsaP256 => p256::SecretKey::generate_from_rng(rng)
                .to_pkcs8_der()
                .map_err(|e| KeyError::Encode(e.to_string()))?
                .to_bytes(),
            KeyType::EcdsaP384 => p384::SecretKey::generate_from_rng(rng)
                .to_pkcs8_der()
                .map_err(|e| KeyError::Encode(e.to_string()))?
                .to_bytes(),
            KeyType::Ed25519 => {
                let mut seed = Zeroizing::new([0u8; 32]);
                rng.fill_bytes(seed.as_mut());
                ed25519_pkcs8_v1(&seed)
            }
            KeyType::Rsa2048 | KeyType::Rsa3072 | KeyType::Rsa4096 => {
                let bits = key_type.rsa_bits().unwrap_or(4096);
                rsa::PrivateKey::new(rng, bits)
                    .map_err(|e| KeyError::Generate(e.to_string()))?
                    .to_pkcs8_der()
                    .map_err(|e| KeyError::Encode(e.to_string()))?
                    .to_bytes()
            }
        };
        Self::from_pkcs8_der(key_type, der.to_vec())
    }

    /// Wraps a PKCS#8 key made elsewhere (WebCrypto's `exportKey("pkcs8")`, an
    /// imported file), checking that it loads for signing as `key_type`.
    pub fn from_pkcs8_der(key_type: KeyType, der: Vec<u8>) -> Result<Self, KeyError> {
        let der = Zeroizing::new(der);
        let key = PrivateKey {
            key_type,
            pkcs8_der: der,
        };
        key.signing_key()?;
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
    pub fn signing_key(&self) -> Result<rcgen::KeyPair, KeyError> {
        let der = rustls_pki_types::PrivatePkcs8KeyDer::from(self.pkcs8_der.as_slice());
        rcgen::KeyPair::from_pkcs8_der_and_sign_algo(&der, self.key_type.signature_algorithm())
            .map_err(|e| KeyError::Load {
                key_type: self.key_type,
                reason: e.to_string(),
            })
    }

    /// `-----BEGIN PRIVATE KEY-----`: unencrypted PKCS#8, which both dockerd
    /// and the docker client (Go's `tls.X509KeyPair`) read for every key type.
    pub fn to_pem(&self) -> Result<Zeroizing<String>, KeyError> {
        pkcs8::der::pem::encode_string("PRIVATE KEY", LineEnding::LF, &self.pkcs8_der)
            .map(Zeroizing::new)
            .map_err(|e| KeyError::Encode(e.to_string()))
    }

    /// `-----BEGIN ENCRYPTED PRIVATE KEY-----`: PKCS#8 encrypted with PBES2,
    /// PBKDF2-HMAC-SHA256 for [`CA_KEY_PBKDF2_ROUNDS`] rounds with a 16-byte
    /// salt, and AES-256-CBC. OpenSSL 3 opens it with `openssl pkey`; it
    /// refuses the scrypt default of the pkcs8 crate, which is why the scheme is
    /// spelled out here.
    pub fn to_encrypted_pem<R: CryptoRng + ?Sized>(
        &self,
        passphrase: &Passphrase,
        rng: &mut R,
    ) -> Result<Zeroizing<String>, KeyError> {
        let mut salt = [0u8; 16];
        rng.fill_bytes(&mut salt);
        let derived = DerivedKey::derive(passphrase, salt, CA_KEY_PBKDF2_ROUNDS);
        self.to_encrypted_pem_with(&derived, rng)
    }

    /// The same encryption with a key already derived from the passphrase
    /// (the page derives it with WebCrypto's native PBKDF2, which is several
    /// times faster than PBKDF2 in WebAssembly).
    pub fn to_encrypted_pem_with<R: CryptoRng + ?Sized>(
        &self,
        derived: &DerivedKey,
        rng: &mut R,
    ) -> Result<Zeroizing<String>, KeyError> {
        use cipher::{block_padding::Pkcs7, BlockModeEncrypt, KeyIvInit};
        use pkcs8::der::Encode;
        let mut iv = [0u8; 16];
        rng.fill_bytes(&mut iv);
        let params =
            pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(derived.rounds, &derived.salt, iv)
                .map_err(|e| KeyError::Encrypt(e.to_string()))?;
        let ciphertext =
            cbc::Encryptor::<aes::Aes256>::new_from_slices(derived.key.as_slice(), &iv)
                .map_err(|e| KeyError::Encrypt(e.to_string()))?
                .encrypt_padded_vec::<Pkcs7>(&self.pkcs8_der);
        let info = pkcs8::EncryptedPrivateKeyInfoOwned {
            encryption_algorithm: params.into(),
            encrypted_data: pkcs8::der::asn1::OctetString::new(ciphertext)
                .map_err(|e| KeyError::Encode(e.to_string()))?,
        };
        let der = info.to_der().map_err(|e| KeyError::Encode(e.to_string()))?;
        pkcs8::der::pem::encode_string("ENCRYPTED PRIVATE KEY", LineEnding::LF, &der)
            .map(Zeroizing::new)
            .map_err(|e| KeyError::Encode(e.to_string()))
    }
}

/// The AES-256 key that PBKDF2-HMAC-SHA256 derives from the CA passphrase,
/// with the salt and the rounds it was derived with; wiped on drop.
#[derive(Clone)]
pub struct DerivedKey {
    key: Zeroizing<[u8; 32]>,
    salt: [u8; 16],
    rounds: u32,
}

impl fmt::Debug for DerivedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DerivedKey")
            .field("rounds", &self.rounds)
            .finish_non_exhaustive()
    }
}

impl DerivedKey {
    /// Derives the key here, with PBKDF2-HMAC-SHA256.
    pub fn derive(passphrase: &Passphrase, salt: [u8; 16], rounds: u32) -> Self {
        let mut key = Zeroizing::new([0u8; 32]);
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), &salt, rounds, key.as_mut());
        DerivedKey { key, salt, rounds }
    }

    /// A key derived elsewhere (WebCrypto `deriveBits` with PBKDF2, SHA-256,
    /// `salt`, `rounds`, 256 bits). Fewer than [`CA_KEY_PBKDF2_ROUNDS`]
    /// rounds are refused: speed is not bought with a weaker CA key.
    pub fn from_parts(key: [u8; 32], salt: [u8; 16], rounds: u32) -> Result<Self, KeyError> {
        let key = Zeroizing::new(key);
        if rounds < CA_KEY_PBKDF2_ROUNDS {
            return Err(KeyError::Encrypt(format!(
                "{rounds} PBKDF2 rounds; the CA key needs at least {CA_KEY_PBKDF2_ROUNDS}"
            )));
        }
        Ok(DerivedKey { key, salt, rounds })
    }
}

/// One prime factor of an RSA modulus, found by [`rsa_prime`].
pub struct RsaPrime(crypto_bigint::BoxedUint);

impl fmt::Debug for RsaPrime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RsaPrime(..)")
    }
}

/// One prime for a `key_type` RSA key: half the modulus's bits, its top two
/// bits set so that the product of two has exactly the modulus's size, tested
/// with Baillie-PSW. The prime search is nearly all of an RSA key's cost, so
/// callers with several cores find the two primes of a key (and of several
/// keys) on different cores and join them with [`PrivateKey::rsa_from_primes`].
pub fn rsa_prime<R: CryptoRng + ?Sized>(
    key_type: KeyType,
    rng: &mut R,
) -> Result<RsaPrime, KeyError> {
    use crypto_primes::hazmat::{SetBits, SmallFactorsSieveFactory};
    use crypto_primes::{is_prime, sieve_and_find, Flavor};
    let bits = key_type
        .rsa_bits()
        .ok_or_else(|| KeyError::Generate(format!("{key_type} is not an RSA key type")))?;
    let half = u32::try_from(bits / 2).map_err(|e| KeyError::Generate(e.to_string()))?;
    let factory = SmallFactorsSieveFactory::<crypto_bigint::BoxedUint>::new(
        Flavor::Any,
        half,
        SetBits::TwoMsb,
    )
    .map_err(|e| KeyError::Generate(e.to_string()))?;
    sieve_and_find(rng, factory, |_, candidate| {
        is_prime(Flavor::Any, candidate)
    })
    .map_err(|e| KeyError::Generate(e.to_string()))?
    .map(RsaPrime)
    .ok_or_else(|| KeyError::Generate("the prime search ended without a prime".into()))
}

impl PrivateKey {
    /// The RSA key with primes `p` and `q` and public exponent 65537. Fails
    /// (and the caller finds another prime) if they are equal or 65537 divides
    /// λ(n), both vanishingly rare.
    pub fn rsa_from_primes(key_type: KeyType, p: RsaPrime, q: RsaPrime) -> Result<Self, KeyError> {
        let bits = key_type
            .rsa_bits()
            .ok_or_else(|| KeyError::Generate(format!("{key_type} is not an RSA key type")))?;
        if p.0 == q.0 {
            return Err(KeyError::Generate("the two primes are equal".into()));
        }
        let key = rsa::PrivateKey::from_p_q(p.0, q.0, crypto_bigint::BoxedUint::from(65_537u64))
            .map_err(|e| KeyError::Generate(e.to_string()))?;
        use rsa::traits::PublicKeyParts;
        if key.size() * 8 != bits {
            return Err(KeyError::Generate(format!(
                "the modulus has {} bits, not {bits}",
                key.size() * 8
            )));
        }
        let der = key
            .to_pkcs8_der()
            .map_err(|e| KeyError::Encode(e.to_string()))?;
        PrivateKey::from_pkcs8_der(key_type, der.as_bytes().to_vec())
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

/// The CA key's passphrase, wiped from memory on drop and never printed.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<Vec<u8>>);

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl Passphrase {
    /// Checks the length (at least [`MIN_PASSPHRASE_LEN`] bytes, at most
    /// [`MAX_PASSPHRASE_LEN`]) and takes ownership. The problem is returned as a
    /// sentence without the passphrase in it.
    pub fn new(bytes: Vec<u8>) -> Result<Self, String> {
        let bytes = Zeroizing::new(bytes);
        if bytes.is_empty() {
            return Err("the passphrase is empty".into());
        }
        if bytes.len() < MIN_PASSPHRASE_LEN {
            return Err(format!(
                "the passphrase is {} characters long; at least {MIN_PASSPHRASE_LEN} are required",
                bytes.len()
            ));
        }
        if bytes.len() > MAX_PASSPHRASE_LEN {
            return Err(format!(
                "the passphrase is {} bytes long; at most {MAX_PASSPHRASE_LEN} are allowed",
                bytes.len()
            ));
        }
        Ok(Passphrase(bytes))
    }

    /// The passphrase's bytes, as PKCS#5 uses them.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::SeedableRng;

    fn rng() -> rand_chacha::ChaCha20Rng {
        rand_chacha::ChaCha20Rng::seed_from_u64(7)
    }

    #[test]
    fn key_type_names_round_trip() {
        for k in KeyType::ALL {
            assert_eq!(k.as_str().parse::<KeyType>(), Ok(k));
        }
        assert!("rsa-1024"
            .parse::<KeyType>()
            .unwrap_err()
            .contains("too weak"));
        assert!("rsa-9999"
            .parse::<KeyType>()
            .unwrap_err()
            .contains("unknown"));
        assert!("dsa"
            .parse::<KeyType>()
            .unwrap_err()
            .contains("ecdsa-p256, ecdsa-p384, ed25519"));
    }

    #[test]
    fn elliptic_keys_load_for_signing() {
        for k in [KeyType::EcdsaP256, KeyType::EcdsaP384, KeyType::Ed25519] {
            let key = PrivateKey::generate(k, &mut rng()).unwrap();
            assert!(key
                .to_pem()
                .unwrap()
                .starts_with("-----BEGIN PRIVATE KEY-----\n"));
        }
    }

    #[test]
    fn rsa_keys_from_primes_sign() {
        let mut r = rng();
        let p = rsa_prime(KeyType::Rsa2048, &mut r).unwrap();
        let q = rsa_prime(KeyType::Rsa2048, &mut r).unwrap();
        let key = PrivateKey::rsa_from_primes(KeyType::Rsa2048, p, q).unwrap();
        assert!(key.signing_key().is_ok());
        assert!(rsa_prime(KeyType::EcdsaP256, &mut r).is_err());
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
    fn encrypted_pem_uses_pbkdf2_and_aes256() {
        let key = PrivateKey::generate(KeyType::EcdsaP256, &mut rng()).unwrap();
        let pass = Passphrase::new(b"correct horse".to_vec()).unwrap();
        let pem = key.to_encrypted_pem(&pass, &mut rng()).unwrap();
        let (label, der) = pkcs8::der::pem::decode_vec(pem.as_bytes()).unwrap();
        assert_eq!(label, "ENCRYPTED PRIVATE KEY");
        let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(der.as_slice()).unwrap();
        let pkcs8::pkcs5::EncryptionScheme::Pbes2(ref params) = info.encryption_algorithm else {
            panic!("not PBES2");
        };
        let pbes2::Kdf::Pbkdf2(kdf) = &params.kdf else {
            panic!("not PBKDF2");
        };
        assert_eq!(kdf.iteration_count, CA_KEY_PBKDF2_ROUNDS);
        assert_eq!(kdf.prf, pbes2::Pbkdf2Prf::HmacWithSha256);
        assert!(matches!(
            params.encryption,
            pbes2::EncryptionScheme::Aes256Cbc { .. }
        ));
        let plain = info.decrypt(pass.as_bytes()).unwrap();
        assert_eq!(plain.as_bytes(), key.pkcs8_der());
        assert!(info.decrypt(b"wrong passphrase").is_err());
    }

    #[test]
    fn a_key_derived_elsewhere_encrypts_the_same_way() {
        let key = PrivateKey::generate(KeyType::EcdsaP256, &mut rng()).unwrap();
        let pass = Passphrase::new(b"correct horse".to_vec()).unwrap();
        let derived = DerivedKey::derive(&pass, [7; 16], CA_KEY_PBKDF2_ROUNDS);
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(derived.key.as_slice());
        let from_parts = DerivedKey::from_parts(bytes, [7; 16], CA_KEY_PBKDF2_ROUNDS).unwrap();
        let pem = key.to_encrypted_pem_with(&from_parts, &mut rng()).unwrap();
        let (_, der) = pkcs8::der::pem::decode_vec(pem.as_bytes()).unwrap();
        let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(der.as_slice()).unwrap();
        assert_eq!(
            info.decrypt(pass.as_bytes()).unwrap().as_bytes(),
            key.pkcs8_der()
        );
        assert!(DerivedKey::from_parts([0; 32], [0; 16], 2048).is_err());
    }

    #[test]
    fn passphrase_length_is_checked_without_echoing_it() {
        assert!(Passphrase::new(Vec::new()).unwrap_err().contains("empty"));
        let err = Passphrase::new(b"hunter2".to_vec()).unwrap_err();
        assert!(err.contains("at least 8") && !err.contains("hunter2"));
        assert!(Passphrase::new(vec![b'x'; 1025]).is_err());
        assert_eq!(
            format!("{:?}", Passphrase::new(b"secret-pass".to_vec()).unwrap()),
            "Passphrase(..)"
        );
    }
}
