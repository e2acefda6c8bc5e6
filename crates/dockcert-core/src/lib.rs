//! dockcert-core: the whole TLS bundle for a Docker daemon's remote API.
//!
//! Pure: it takes a [`plan::PlanRequest`] (text, as typed), the keys (or an RNG
//! to make them), the CA key's protection, the current time and an RNG, and
//! returns the bundle as files with paths, bytes and modes. It reads no clock,
//! no environment and no file, so it runs the same natively and in the
//! browser (wasm32-unknown-unknown).
//!
//! ```
//! use dockcert_core::{bundle, plan::{Plan, PlanRequest}};
//! use rand_core::SeedableRng;
//!
//! let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
//! let request = PlanRequest { servers: vec!["docker1,10.0.0.5".into()], ..Default::default() };
//! let plan = Plan::from_request(&request, now.date()).unwrap();
//! let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
//! let keys = bundle::KeySet::generate(&plan, &mut rng).unwrap();
//! let made = bundle::build(&plan, keys, &bundle::CaKeyProtection::Unencrypted, now, &mut rng).unwrap();
//! assert!(made.file("server/docker1/server-key.pem").is_some());
//! let zip = dockcert_core::archive::to_zip(&made, "docker-tls").unwrap();
//! assert!(zip.starts_with(b"PK"));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod archive;
pub mod bundle;
pub mod ca;
pub mod cert;
pub mod docker;
pub mod error;
pub mod explain;
pub mod firewall;
pub mod fleet;
pub mod import;
pub mod inspect;
pub mod install;
pub mod keys;
pub mod layout;
pub mod leaf;
mod manifest;
pub mod names;
pub mod pem;
pub mod plan;
pub mod readme;
pub mod renew;

pub use error::{Error, Field, FieldError, KeyError, PlanErrors};

/// The version written into every bundle's manifest and README.txt.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
