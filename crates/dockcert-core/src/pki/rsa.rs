//! RSA keys as two prime searches. The search is nearly all of an RSA key's
//! cost, so callers with several cores find the two primes of a key (and of
//! several keys) on different cores and join them here; the rsa crate's own
//! generator searches them one after the other.

use std::fmt;

use pkcs8::EncodePrivateKey;
use rand_core::CryptoRng;

use super::error::PkiError;
use super::key_type::KeyType;
use super::private_key::PrivateKey;

/// One prime factor of an RSA modulus, found by [`rsa_prime`].
pub struct RsaPrime(crypto_bigint::BoxedUint);

impl fmt::Debug for RsaPrime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RsaPrime(..)")
    }
}

/// One prime for a `key_type` RSA key: half the modulus's bits, its top two
/// bits set so that the product of two has exactly the modulus's size, tested
/// with Baillie-PSW.
pub fn rsa_prime<R: CryptoRng + ?Sized>(
    key_type: KeyType,
    rng: &mut R,
) -> Result<RsaPrime, PkiError> {
    use crypto_primes::hazmat::{SetBits, SmallFactorsSieveFactory};
    use crypto_primes::{is_prime, sieve_and_find, Flavor};
    let bits = key_type
        .rsa_bits()
        .ok_or(PkiError::NotRsa(key_type.as_str()))?;
    let half = u32::try_from(bits / 2).map_err(|e| PkiError::Generate(e.to_string()))?;
    let factory = SmallFactorsSieveFactory::<crypto_bigint::BoxedUint>::new(
        Flavor::Any,
        half,
        SetBits::TwoMsb,
    )
    .map_err(|e| PkiError::Generate(e.to_string()))?;
    sieve_and_find(rng, factory, |_, candidate| {
        is_prime(Flavor::Any, candidate)
    })
    .map_err(|e| PkiError::Generate(e.to_string()))?
    .map(RsaPrime)
    .ok_or_else(|| PkiError::Generate("the prime search ended without a prime".into()))
}

impl PrivateKey {
    /// The RSA key with primes `p` and `q` and public exponent 65537. Fails
    /// (and the caller finds another prime) if they are equal or 65537 divides
    /// λ(n), both vanishingly rare.
    pub fn rsa_from_primes(key_type: KeyType, p: RsaPrime, q: RsaPrime) -> Result<Self, PkiError> {
        use rsa::traits::PublicKeyParts;
        let bits = key_type
            .rsa_bits()
            .ok_or(PkiError::NotRsa(key_type.as_str()))?;
        if p.0 == q.0 {
            return Err(PkiError::Generate("the two primes are equal".into()));
        }
        let key = rsa::PrivateKey::from_p_q(p.0, q.0, crypto_bigint::BoxedUint::from(65_537u64))
            .map_err(|e| PkiError::Generate(e.to_string()))?;
        if key.size() * 8 != bits {
            return Err(PkiError::Generate(format!(
                "the modulus has {} bits, not {bits}",
                key.size() * 8
            )));
        }
        let der = key
            .to_pkcs8_der()
            .map_err(|e| PkiError::Encode(e.to_string()))?;
        PrivateKey::from_pkcs8_der(key_type, der.as_bytes().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::SeedableRng;

    #[test]
    fn rsa_keys_from_primes_sign() {
        let mut r = rand_chacha::ChaCha20Rng::seed_from_u64(7);
        let p = rsa_prime(KeyType::Rsa2048, &mut r).unwrap();
        let q = rsa_prime(KeyType::Rsa2048, &mut r).unwrap();
        let key = PrivateKey::rsa_from_primes(KeyType::Rsa2048, p, q).unwrap();
        assert!(key.signing_key().is_ok());
        assert_eq!(
            rsa_prime(KeyType::EcdsaP256, &mut r).unwrap_err(),
            PkiError::NotRsa("ecdsa-p256")
        );
    }
}
