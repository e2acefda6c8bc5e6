//! dockcert-core: the whole TLS bundle for a Docker daemon's remote API.
//!
//! Pure: it takes a [`plan::PlanRequest`] (text, as typed), the keys (or an RNG
//! to make them), the CA key's protection, the current time and an RNG, and
//! returns the bundle as files with paths, bytes and modes. It reads no clock,
//! no environment and no file, so it runs the same natively and in the
//! browser (wasm32-unknown-unknown).
//!
//! Its parts, each a folder, each using only those listed before it
//! (docs/ARCHITECTURE.md draws them):
//! - [`Lang`] and [`Localized`]: the two languages every message comes in; [`show`]: outside
//!   text made safe to show (terminal escapes, bidi overrides, shell words);
//! - [`pki`]: keys and certificates;
//! - [`plan`]: the plan and its inputs (flags, form fields, fleet files);
//! - [`import`]: reading what others made (an existing CA, certificates to renew);
//! - [`docker`]: the Docker artefacts and their templates;
//! - [`bundle`]: the bundle, its layout, README.txt, manifest.json and zip;
//! - [`inspect`]: judging files others installed, and explaining docker's errors;
//! - [`rotate`]: a new CA for a bundle's hosts and clients, in three phases.
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
//! let zip = bundle::archive::to_zip(&made, "docker-tls").unwrap();
//! assert!(zip.starts_with(b"PK"));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod lang;

mod speaker;

pub mod show;

pub mod pki;

pub mod plan;

pub mod import;

pub mod docker;

pub mod bundle;

pub mod inspect;

pub mod rotate;

#[cfg(test)]
mod test_der;

// The two languages, at one path each: `dockcert_core::Lang`, `dockcert_core::Localized`.
pub use lang::{columns, os_reason, pad, wrap, Lang, Localized};
pub use speaker::Speaker;

/// The version written into every bundle's manifest and README.txt.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
