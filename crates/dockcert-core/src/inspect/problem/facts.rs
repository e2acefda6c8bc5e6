//! The facts a finding carries that are more than a path, a name or a
//! date: which side of TLS, a capped list, a certificate named by its file.

/// Which side of TLS a leaf certificate is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// A Docker host's (serverAuth).
    Host,
    /// A client's (clientAuth).
    Client,
}

/// The first few of many things a finding names, and how many more there
/// are: a finding's length does not grow with the files given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed<T> {
    /// The ones named.
    pub shown: Vec<T>,
    /// How many more, not named.
    pub more: usize,
}

impl<T> Listed<T> {
    /// The first `most` of `items`, each made by `show`, and the count of the rest.
    pub(crate) fn of<I>(items: &[I], most: usize, show: impl Fn(&I) -> T) -> Self {
        Listed {
            shown: items.iter().take(most).map(show).collect(),
            more: items.len().saturating_sub(most),
        }
    }

    /// How many in all.
    pub fn total(&self) -> usize {
        self.shown.len() + self.more
    }
}

/// A certificate, named by its file and its subject (a CA) or its issuer
/// (a leaf).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// Its file.
    pub path: String,
    /// The name that matters: a CA's subject, a leaf's issuer.
    pub name: String,
}
