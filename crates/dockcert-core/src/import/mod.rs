//! Reading what others made: an existing CA's certificate and key, in every
//! form OpenSSL writes them, and old certificates to renew. A wrong
//! passphrase, a key that is not the certificate's, a certificate that is
//! not a CA, an expired CA: each is its own [`ImportError`], raised before
//! anything is made, and [`ImportError::on_ca`] names the input it is about
//! so both faces show it in the same place with the same words.
//!
//! Uses [`crate::pki`] (keys, certificate facts) and [`crate::plan`] (a
//! renewal becomes a plan request). A new key format goes in
//! `private_key.rs`; a new check on an imported CA, in `ca.rs`.

mod ca;
mod certificate;
mod error;
pub mod inventory;
mod legacy;
mod naming;
pub mod pem;
mod private_key;
pub mod renew;
mod sourced;

pub use ca::{
    check_ca_certificate, check_ca_certificate_for, import_ca, import_ca_for, CaUse, ImportedCa,
};

/// Largest certificate or key file read: one is a few KB (a chain a few
/// more); anything larger is not one, and is refused before it is read.
pub const MAX_FILE: u64 = 1024 * 1024;
pub use certificate::{certificates, to_pem};
pub use error::{ForeignKey, ImportError, KdfCost};
pub use private_key::{
    key_is_encrypted, key_state, private_key, KeyFormat, KeyState, MAX_SCRYPT_MEMORY,
};
pub use sourced::{CaInputs, Source, SourcedError};
