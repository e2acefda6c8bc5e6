//! The CA key's encryption: PKCS#8 with PBES2 (PBKDF2-HMAC-SHA256 and
//! AES-256-CBC), the scheme OpenSSL 3 opens with `openssl pkey`. OpenSSL
//! refuses the pkcs8 crate's scrypt default, which is why the scheme is
//! spelled out here.

use std::fmt;

use pkcs8::der::pem::LineEnding;
use pkcs8::pkcs5::pbes2;
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::error::PkiError;
use super::passphrase::Passphrase;
use super::private_key::PrivateKey;

/// PBKDF2-HMAC-SHA256 rounds for the CA key: OWASP's 2023 recommendation for
/// PBKDF2-SHA256, and what the project promises (at least 600,000).
pub const CA_KEY_PBKDF2_ROUNDS: u32 = 600_000;

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
    pub fn from_parts(key: [u8; 32], salt: [u8; 16], rounds: u32) -> Result<Self, PkiError> {
        let key = Zeroizing::new(key);
        if rounds < CA_KEY_PBKDF2_ROUNDS {
            return Err(PkiError::TooFewRounds {
                rounds,
                needed: CA_KEY_PBKDF2_ROUNDS,
            });
        }
        Ok(DerivedKey { key, salt, rounds })
    }
}

impl PrivateKey {
    /// `-----BEGIN ENCRYPTED PRIVATE KEY-----`: PKCS#8 encrypted with PBES2,
    /// PBKDF2-HMAC-SHA256 for [`CA_KEY_PBKDF2_ROUNDS`] rounds with a 16-byte
    /// salt, and AES-256-CBC.
    pub fn to_encrypted_pem<R: CryptoRng + ?Sized>(
        &self,
        passphrase: &Passphrase,
        rng: &mut R,
    ) -> Result<Zeroizing<String>, PkiError> {
        let mut salt = [0u8; 16];
        rng.fill_bytes(&mut salt);
        let derived = DerivedKey::derive(passphrase, salt, CA_KEY_PBKDF2_ROUNDS);
        self.to_encrypted_pem_with(&derived, rng)
    }

    /// The same encryption with a key already derived from the passphrase
    /// (the page derives it with WebCrypto's native PBKDF2, which is several
    /// times faster than PBKDF2 in WebAssembly).
    pub(crate) fn to_encrypted_pem_with<R: CryptoRng + ?Sized>(
        &self,
        derived: &DerivedKey,
        rng: &mut R,
    ) -> Result<Zeroizing<String>, PkiError> {
        use cipher::{block_padding::Pkcs7, BlockModeEncrypt, KeyIvInit};
        use pkcs8::der::Encode;
        let mut iv = [0u8; 16];
        rng.fill_bytes(&mut iv);
        let params =
            pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(derived.rounds, &derived.salt, iv)
                .map_err(|e| PkiError::Encrypt(e.to_string()))?;
        let ciphertext =
            cbc::Encryptor::<aes::Aes256>::new_from_slices(derived.key.as_slice(), &iv)
                .map_err(|e| PkiError::Encrypt(e.to_string()))?
                .encrypt_padded_vec::<Pkcs7>(self.pkcs8_der());
        let info = pkcs8::EncryptedPrivateKeyInfoOwned {
            encryption_algorithm: params.into(),
            encrypted_data: pkcs8::der::asn1::OctetString::new(ciphertext)
                .map_err(|e| PkiError::Encode(e.to_string()))?,
        };
        let der = info.to_der().map_err(|e| PkiError::Encode(e.to_string()))?;
        pkcs8::der::pem::encode_string("ENCRYPTED PRIVATE KEY", LineEnding::LF, &der)
            .map(Zeroizing::new)
            .map_err(|e| PkiError::Encode(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::KeyType;
    use rand_core::SeedableRng;

    fn rng() -> rand_chacha::ChaCha20Rng {
        rand_chacha::ChaCha20Rng::seed_from_u64(7)
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
        assert_eq!(
            DerivedKey::from_parts([0; 32], [0; 16], 2048).unwrap_err(),
            PkiError::TooFewRounds {
                rounds: 2048,
                needed: CA_KEY_PBKDF2_ROUNDS
            }
        );
    }
}
