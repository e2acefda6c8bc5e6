//! Files the user picked or dropped, as the browser read them, and what
//! each one holds, told by the core's own readers.

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use dockcert_core::import::{self, ImportError};
use dockcert_core::inspect::{self, SkipReason};
use zeroize::Zeroizing;

/// Files larger than this are not read as a certificate or key (one is a few
/// KB), as `dockcert inspect` skips them.
pub const MAX_FILE: usize = inspect::MAX_FILE as usize;

/// Files larger than this are not read at all: the largest a bundle zip may
/// be ([`inspect::MAX_ZIP`]).
pub const MAX_READ: usize = inspect::MAX_ZIP as usize;

/// Why the browser gave no bytes for a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// Larger than [`MAX_READ`]: not read at all.
    TooLarge {
        /// Its size.
        size: u64,
        /// The most read.
        limit: u64,
    },
    /// The browser could not read it (its words).
    Unreadable(String),
}

impl ReadProblem {
    /// As a problem with a certificate or key file.
    fn for_import(&self) -> ImportError {
        match self {
            ReadProblem::TooLarge { limit, .. } => ImportError::TooLarge { limit: *limit },
            ReadProblem::Unreadable(why) => ImportError::Unreadable(why.clone()),
        }
    }

    /// As the reason a file was not inspected.
    pub fn for_inspect(&self) -> SkipReason {
        match self {
            ReadProblem::TooLarge { size, limit } => SkipReason::TooLarge {
                size: *size,
                limit: *limit,
            },
            ReadProblem::Unreadable(why) => SkipReason::Unreadable(why.clone()),
        }
    }
}

/// A file's bytes, shared without copying and wiped from memory when the
/// last holder lets go (a CA key is among them). Debug shows only the length.
#[derive(Clone)]
pub struct FileBytes(Rc<Zeroizing<Vec<u8>>>);

impl FileBytes {
    /// Holds `bytes`.
    pub fn new(bytes: Vec<u8>) -> Self {
        FileBytes(Rc::new(Zeroizing::new(bytes)))
    }
}

impl Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

impl PartialEq for FileBytes {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.as_slice() == other.0.as_slice()
    }
}

impl Eq for FileBytes {}

impl fmt::Debug for FileBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes", self.0.len())
    }
}

/// One file as the browser gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickedFile {
    /// Its name (no folder: browsers do not say where a file came from).
    pub name: String,
    /// Its contents, or why they could not be read.
    pub bytes: Result<FileBytes, ReadProblem>,
}

impl PickedFile {
    /// A file read whole.
    pub fn read(name: &str, bytes: Vec<u8>) -> Self {
        PickedFile {
            name: name.to_owned(),
            bytes: Ok(FileBytes::new(bytes)),
        }
    }

    /// Its contents if they are at most `limit` bytes, or why not.
    pub fn contents(&self, limit: usize) -> Result<&FileBytes, ImportError> {
        match &self.bytes {
            Ok(b) if b.len() > limit => Err(ImportError::TooLarge {
                limit: limit as u64,
            }),
            Ok(b) => Ok(b),
            Err(e) => Err(e.for_import()),
        }
    }
}

/// What a file holds, by its contents (not its name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holds {
    /// At least one certificate (PEM or DER).
    pub certificate: bool,
    /// A private key, in any form `dockcert issue` reads.
    pub private_key: bool,
}

/// What `bytes` holds, as the core's import reads it.
pub fn holds(bytes: &[u8]) -> Holds {
    Holds {
        certificate: import::certificates(bytes).is_ok(),
        private_key: import::key_is_encrypted(bytes)
            || !matches!(import::private_key(bytes, None), Err(ImportError::NoKey)),
    }
}
