//! Where a generation is: editing, making keys (with progress per key),
//! done (with what was made), or failed (with why).

use std::rc::Rc;

use super::failure::Failure;
use super::outcome::Outcome;

/// Where generation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Making keys.
    Keys,
    /// Signing and encrypting.
    Signing,
    /// Zipping.
    Packing,
}

/// Progress while generating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// "CA key", "server key for docker1", ...
    pub keys: Vec<String>,
    /// Which are made.
    pub done: Vec<bool>,
    /// The current step.
    pub step: Step,
}

/// Where a generation is: the New CA and Existing CA modes each have one.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Filling the form.
    Editing,
    /// Making the bundle.
    Generating(Progress),
    /// Made; the result stays until the next generation.
    Done(Rc<Outcome>),
    /// Making failed.
    Failed(Failure),
}
