//! What the CLI itself says when it stops: its own refusals and failures
//! (files it could not read, `--out`, the passphrase, writing), as typed
//! values worded in English (`en.rs`) and Chinese (`zh.rs`). The core's
//! errors are worded by the core; [`crate::failure::Failure`] carries either.

mod en;
mod zh;

use std::fmt;

use dockcert_core::bundle::BundleError;
use dockcert_core::pki::PkiError;
use dockcert_core::plan::KeySlot;
use dockcert_core::{Lang, Localized};

use crate::read::ReadError;

/// An input as the user named it: a flag and its value (`--config
/// "fleet.toml"`), or a value alone (inspect's PATH). The same in both
/// languages.
#[derive(Clone, Debug)]
pub struct Named {
    /// The flag or variable, if any.
    pub flag: Option<String>,
    /// The value, as given.
    pub value: String,
}

impl Named {
    /// `flag "value"`.
    pub fn flag(flag: &str, value: impl fmt::Display) -> Self {
        Named {
            flag: Some(flag.to_owned()),
            value: value.to_string(),
        }
    }

    /// `"value"`.
    pub fn value(value: impl fmt::Display) -> Self {
        Named {
            flag: None,
            value: value.to_string(),
        }
    }
}

impl fmt::Display for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.flag {
            Some(flag) => write!(f, "{flag} {:?}", self.value),
            None => write!(f, "{:?}", self.value),
        }
    }
}

/// What a file named on the command line is for: it says how large it may
/// be and what to give instead of a folder.
#[derive(Clone, Copy, Debug)]
pub enum FileRole {
    /// `new --config`.
    Fleet,
    /// `inspect --unit`.
    Unit,
    /// `probe`'s client files.
    ClientFile,
    /// `--passphrase-file`: only its first line is read.
    PassphraseFile,
}

/// Why `--out` was refused.
#[derive(Clone, Debug)]
pub enum OutProblem {
    /// It ends in no name.
    NoName,
    /// Its parent is not a folder.
    ParentNotFolder(String),
    /// Its parent does not exist.
    ParentMissing(String),
    /// The zip's top folder name is refused by the core.
    TopFolder(BundleError),
    /// A `.zip` name that is a folder.
    ZipIsFolder,
    /// A zip that exists, without `--force`.
    Exists,
    /// `.zip` alone.
    NothingBeforeZip,
    /// A folder name that is a file.
    ExistsNotFolder,
    /// A folder that is not empty.
    NotEmpty,
}

/// What a failed write was doing.
#[derive(Clone, Copy, Debug)]
pub enum WriteStep {
    /// Writing the zip.
    Write,
    /// Writing the folder.
    WriteFolder,
    /// Replacing an existing zip (`--force`).
    Replace,
    /// Removing the temporary name after linking the zip into place.
    TidyUp,
}

/// Why a write failed.
#[derive(Clone, Debug)]
pub enum Reason {
    /// The operating system's words.
    Os(String),
    /// The core's.
    Bundle(BundleError),
}

/// Something the CLI itself refuses or fails at.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Problem {
    /// A named file could not be opened or read (the system's words).
    Unreadable {
        /// The file.
        named: Named,
        /// The system's words.
        why: String,
    },
    /// A named file is larger than dockcert reads for its role.
    TooLarge {
        /// The file.
        named: Named,
        /// What it is for.
        role: FileRole,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A folder was named where a file was wanted.
    Folder {
        /// The folder.
        named: Named,
        /// What file it should have been.
        role: FileRole,
    },
    /// The fleet file is not UTF-8.
    FleetNotUtf8(Named),
    /// The passphrase file holds nothing (new CA).
    PassphraseFileEmpty(Named),
    /// The passphrase file's first line is empty (existing CA).
    PassphraseLineEmpty(Named),
    /// The passphrase variable is not set.
    VariableUnset(Named),
    /// The passphrase variable is empty.
    VariableEmpty(Named),
    /// The passphrase from a file or variable is refused by the core.
    Passphrase {
        /// Where it came from.
        named: Named,
        /// Why.
        problem: PkiError,
        /// It was the first line of a file.
        first_line: bool,
    },
    /// A new CA key needs a passphrase and there is no terminal to ask on.
    NoTerminalForNewKey,
    /// An existing CA key is encrypted and there is no terminal to ask on.
    NoTerminalForKey(Named),
    /// The terminal could not be read.
    TerminalUnreadable(String),
    /// The passphrase typed on the terminal is refused.
    Typed(PkiError),
    /// `--out` is refused.
    Out {
        /// `--out`'s value.
        path: String,
        /// Why.
        why: OutProblem,
    },
    /// `--ansible` with `--layout dind`.
    AnsibleWithDind,
    /// The operating system's random number generator failed.
    Random(String),
    /// A key generation thread stopped.
    KeyThread,
    /// A key was not made (no worker reached it).
    KeyMissing,
    /// A key could not be made.
    Key {
        /// Whose key.
        slot: KeySlot,
        /// Why.
        why: PkiError,
    },
    /// The writer's thread could not start.
    StartWriting(String),
    /// The writer's thread stopped.
    WriterStopped,
    /// The bundle was committed twice (a bug).
    AlreadyWritten,
    /// A write failed.
    Write {
        /// What was being done.
        step: WriteStep,
        /// The zip or folder.
        path: String,
        /// Why.
        why: Reason,
    },
    /// The bundle made has no readable manifest.json for `--json`.
    NoManifest,
    /// The JSON could not be made.
    Json(String),
    /// The manual page could not be written.
    ManPage(String),
    /// stdout could not be written.
    Stdout(String),
    /// inspect read nothing it could check: the report's verdict says why.
    NothingChecked {
        /// The path given.
        path: String,
        /// The verdict in English.
        en: String,
        /// The verdict in Chinese.
        zh: String,
    },
    /// probe was given no daemon and none is set.
    NoDaemon,
    /// probe's daemon is not tcp://HOST:PORT.
    BadDaemon(Named),
    /// probe's client key is not an unencrypted PEM key.
    KeyNotPem(Named),
    /// probe's CA or client certificate holds no certificate.
    NoCertificate(Named),
    /// A docker context that does not exist.
    NoContext {
        /// The context and what named it.
        named: Named,
        /// The meta.json that was not read.
        meta: String,
    },
}

impl Problem {
    /// `named` (a file for `role`, at most `limit` bytes) could not be read.
    pub fn reading(named: Named, role: FileRole, limit: u64, e: ReadError) -> Self {
        match e {
            ReadError::Io(why) => Problem::Unreadable { named, why },
            ReadError::TooLarge => Problem::TooLarge { named, role, limit },
            ReadError::Folder => Problem::Folder { named, role },
        }
    }
}

impl Localized for Problem {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::text(self),
            Lang::Zh => zh::text(self),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&en::text(self))
    }
}
