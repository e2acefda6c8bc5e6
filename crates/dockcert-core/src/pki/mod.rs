//! Keys and certificates: the key types, making and encoding keys, the CA
//! key's passphrase and encryption, the CA and the leaves it signs, and the
//! facts a certificate states about itself.
//!
//! The bottom of the core: it uses no other part of it (only [`crate::Localized`]
//! for its messages). A new key type goes in `key_type.rs` and
//! `private_key.rs`; a change to what a certificate holds, in `ca.rs` or
//! `leaf.rs`.

mod ca;
mod cert;
mod encryption;
mod error;
mod facts;
mod key_type;
mod leaf;
mod passphrase;
mod private_key;
mod rng;
mod rsa;
mod rsa_size;
mod san;
mod subject;

pub(crate) use ca::CertificateAuthority;
pub(crate) use cert::{colon_hex, upper_hex, Serials};
pub use cert::{day, fingerprint, lower_hex, minute, CertInfo, CertRole, Validity};
pub use encryption::{DerivedKey, CA_KEY_PBKDF2_ROUNDS};
pub use error::PkiError;
pub(crate) use facts::time_of;
pub use facts::CertFacts;
pub use key_type::KeyType;
pub(crate) use leaf::{LeafCert, LeafSigner};
pub use passphrase::{Passphrase, MAX_PASSPHRASE_LEN, MIN_PASSPHRASE_LEN};
pub(crate) use private_key::ed25519_pkcs8_v1;
pub use private_key::PrivateKey;
pub use rng::{seeded_rng, SeededRng};
pub use rsa::{rsa_prime, RsaPrime};
pub(crate) use rsa_size::{check_rsa_numbers, check_spki};
pub use rsa_size::{RsaNumber, RsaTooLarge, MAX_RSA_BITS};
pub use san::San;
pub use subject::Subject;

/// A CA and a server certificate it signed, as PEM, for the unit tests of
/// the parts that read what others made.
#[cfg(test)]
pub(crate) mod tests_support {
    use rand_core::SeedableRng;
    use time::OffsetDateTime;

    use super::*;

    /// 2026-11-23 17:20 UTC.
    pub(crate) fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap()
    }

    /// The passphrase of an encrypted [`Made::ca_key`].
    pub(crate) const PASSPHRASE: &[u8] = b"unit test passphrase";

    /// What [`made`] makes.
    pub(crate) struct Made {
        /// The CA certificate.
        pub(crate) ca_cert: String,
        /// The CA key, encrypted with [`PASSPHRASE`] or not.
        pub(crate) ca_key: String,
        /// A server certificate for `docker1.example.com,10.0.0.5`.
        pub(crate) server_cert: String,
    }

    /// An ECDSA CA named `name` (its keys depend on the name).
    pub(crate) fn made(name: &str, encrypted: bool) -> Made {
        let seed = name.bytes().map(u64::from).sum();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
        let key = |rng: &mut rand_chacha::ChaCha20Rng| {
            PrivateKey::generate(KeyType::EcdsaP256, rng).unwrap()
        };
        let mut serials = Serials::default();
        let validity = Validity::starting(now(), 3650);
        let ca = CertificateAuthority::create(
            (name, &Subject::default()),
            key(&mut rng),
            validity,
            &mut serials,
            &mut rng,
        )
        .unwrap();
        let ca_key = if encrypted {
            let pass = Passphrase::new(PASSPHRASE.to_vec()).unwrap();
            ca.key().to_encrypted_pem(&pass, &mut rng).unwrap()
        } else {
            ca.key().to_pem().unwrap()
        };
        let sans = [
            San::Dns("docker1.example.com".into()),
            San::Ip("10.0.0.5".parse().unwrap()),
        ];
        let server_key = key(&mut rng);
        let mut signer = LeafSigner {
            ca: &ca,
            subject: &Subject::default(),
            validity: Validity::starting(now(), 365),
            serials: &mut serials,
        };
        let server = signer
            .server("docker1.example.com", &sans, server_key, &mut rng)
            .unwrap();
        Made {
            ca_cert: ca.cert_pem().to_owned(),
            ca_key: ca_key.to_string(),
            server_cert: server.cert_pem,
        }
    }
}
