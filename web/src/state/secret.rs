//! Text a person typed that must not linger or leak: a passphrase in a form
//! field. Wiped from memory when replaced or dropped, never shown by Debug.

use std::fmt;
use std::ops::Deref;

use zeroize::Zeroizing;

/// A typed secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretText(Zeroizing<String>);

impl SecretText {
    /// Holds `text`.
    pub fn new(text: String) -> Self {
        SecretText(Zeroizing::new(text))
    }
}

impl Deref for SecretText {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretText({} bytes)", self.0.len())
    }
}
