//! The bundle and its archive: every file for the CA, each host and each
//! client, made from a plan, the keys, the CA key's protection, a clock
//! reading and an RNG; its layout (names and modes), README.txt,
//! manifest.json, the next steps, the warnings, and the zip.
//!
//! Uses every part below it: [`crate::plan`], [`crate::pki`],
//! [`crate::import`] (an existing CA) and [`crate::docker`] (the files a host
//! or client takes). A new file in the bundle gets a [`layout::FileKind`] in
//! `layout.rs` and a line in `assemble.rs`.

pub mod archive;
mod arrange;
pub(crate) mod assemble;
mod build;
mod contents;
pub mod dind;
mod error;
pub(crate) mod inventory;
mod keys;
pub mod layout;
mod manifest;
mod naming;
mod purpose_zh;
pub(crate) mod readme;
mod steps;
pub(crate) mod warnings;

pub use arrange::Layout;
pub use build::{build, build_into, build_issued, build_issued_into};
pub use contents::{
    Bundle, BundleCert, BundleFile, CaKeyProtection, CaSource, FileFacts, FileSink, FilesTo,
};
pub use error::BundleError;
pub use keys::{KeySet, LeafKeys};
pub use steps::{shared_notes, NextSteps, Note, StepNote, Steps, EXISTING_CLIENT};
pub use warnings::{Undialable, Warning};

#[cfg(test)]
pub(crate) use build::tests_support;
pub(crate) use contents::Listing;
