//! `dockcert rotate`: a new CA for the hosts and clients of a bundle (less
//! those dropped), laid out as three phases an operator runs in order,
//! each safe on its own: trust both CAs, switch to the new certificates,
//! drop the old CA. The top part of the core: it reads the current bundle
//! as [`crate::inspect`] gathers it, renews its certificates' names as
//! [`crate::import::renew`] reads them, and lays the rotation out with
//! [`crate::bundle`]'s files, README.txt and manifest.json.
//!
//! Both faces call it in one order: [`Current::read`] (the certificate of
//! the old CA read first), [`Current::drop_names`], [`Current::request`] into
//! [`crate::plan::Plan::from_request`], keys, then [`build_into`].

mod build;
mod check_rows;
mod current;
mod error;
mod folders;
mod issued;
mod note;
mod readme;
mod readme_ansible;
mod summary;

pub use build::build_into;
pub use current::{Current, Member};
pub use error::{RotateError, RotateInput};
pub use folders::{reads, FILES};
pub use note::RotateNote;
pub use summary::{PhaseSummary, RotationPhase};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_judged;
