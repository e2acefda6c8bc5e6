//! Keys and certificates: the key types, making and encoding keys, the CA
//! key's passphrase and encryption, the CA and the leaves it signs, and the
//! facts a certificate states about itself.
//!
//! The bottom of the core: it uses no other part of it (only [`crate::lang`]
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
mod rsa;
mod san;

pub use ca::CertificateAuthority;
pub use cert::{
    colon_hex, day, fingerprint, lower_hex, minute, upper_hex, CertInfo, CertRole, Serials,
    Validity, CLOCK_SKEW_ALLOWANCE, SERIAL_LEN,
};
pub use encryption::{DerivedKey, CA_KEY_PBKDF2_ROUNDS};
pub use error::PkiError;
pub(crate) use facts::time_of;
pub use facts::CertFacts;
pub use key_type::KeyType;
pub use leaf::{LeafCert, LeafSigner};
pub use passphrase::{Passphrase, MAX_PASSPHRASE_LEN, MIN_PASSPHRASE_LEN};
pub(crate) use private_key::ed25519_pkcs8_v1;
pub use private_key::PrivateKey;
pub use rsa::{rsa_prime, RsaPrime};
pub use san::San;
