//! `dockcert inspect`: what each file is, and what is wrong, in the words
//! docker and dockerd would use when it breaks.
//!
//! Input is a set of files (path, bytes, Unix mode when known) from a
//! certificate, a folder or a bundle zip; output is a [`Report`]: a summary of
//! every file and a list of findings, each an error (docker or dockerd will
//! fail, or the setup is unsafe) or a warning (works, but watch it).
//! [`explain`] says what docker's and dockerd's error messages mean;
//! [`probe`] judges what a live daemon answered `dockcert probe`.
//!
//! Uses [`crate::import`] (reading certificates and keys) and
//! [`crate::bundle`] (the layout and modes a bundle promises). A new finding
//! goes in the check for what it is about: `certs.rs`, `chain.rs`,
//! `keys.rs`, `daemon.rs`, `manifest.rs`, `inventory.rs` (a CA's inventory) or `images/` (Dockerfiles and
//! compose files), as a variant of [`Problem`] (`problem.rs`) with its
//! facts, worded in `words/en.rs` and `words/zh.rs`.

mod budget;
mod cas;
mod certs;
mod chain;
mod daemon;
pub mod expiry;
pub mod explain;
mod file_kind;
mod images;
mod input;
mod inventory;
mod judge;
mod keys;
mod limits;
mod manifest;
mod material;
mod names;
pub mod probe;
mod problem;
mod refusals;
mod report;
mod severity;
mod unzip;
pub mod verify;
mod words;

pub use input::{Gathered, InputFile, InspectError, SkipReason, Skipped};
pub use limits::{is_zip, limit_for, MAX_FILE, MAX_FILES, MAX_GATHERED, MAX_ZIP};
pub use unzip::{read_zip, MAX_UNPACKED};

pub use file_kind::{Detail, Kind};
pub use judge::inspect;
pub use problem::{InventoryFinding, Listed, Named, Problem, Side};
pub use report::{ClientSees, FileSummary, Finding, Options, Report};
pub use severity::Severity;
