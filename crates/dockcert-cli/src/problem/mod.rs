//! What the CLI itself says when it stops: its own refusals and failures
//! (files it could not read, `--out`, the passphrase, writing), as typed
//! values worded in English (`en.rs`) and Chinese (`zh.rs`). The core's
//! errors are worded by the core; [`crate::failure::Failure`] carries either.

mod en;
mod new_key;
mod zh;

use std::fmt;

use dockcert_core::bundle::BundleError;
use dockcert_core::pki::PkiError;
use dockcert_core::plan::KeySlot;
use dockcert_core::{Lang, Localized};

use crate::read::ReadError;
pub(crate) use new_key::NewKeyFlags;

/// What named an input: a flag or variable as typed (`--config`,
/// `DOCKER_HOST`), a docker context, or a file in a folder so named.
#[derive(Clone, Debug)]
pub(crate) enum Flag {
    /// A flag, a variable or a path, the same in both languages.
    Plain(String),
    /// A docker context, and what chose it (`--context`, `DOCKER_CONTEXT`).
    Context {
        /// The context's name.
        name: String,
        /// What chose it, when said.
        via: Option<String>,
    },
    /// A file in the folder `folder` named.
    InFolder {
        /// What named the folder.
        folder: Box<Flag>,
        /// The file's name in it.
        file: String,
    },
}

impl Flag {
    /// A flag, variable or path as typed.
    pub(crate) fn plain(text: impl fmt::Display) -> Self {
        Flag::Plain(text.to_string())
    }
}

impl Localized for Flag {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Flag::Plain(text), _) => text.clone(),
            (Flag::Context { name, via: None }, Lang::En) => format!("the docker context {name:?}"),
            (
                Flag::Context {
                    name,
                    via: Some(via),
                },
                Lang::En,
            ) => {
                format!("the docker context {name:?} ({via})")
            }
            (Flag::Context { name, via: None }, Lang::Zh) => format!("docker 上下文 {name:?}"),
            (
                Flag::Context {
                    name,
                    via: Some(via),
                },
                Lang::Zh,
            ) => {
                format!("docker 上下文 {name:?}（{via}）")
            }
            (Flag::InFolder { folder, file }, Lang::En) => {
                format!("{} ({file})", folder.text(lang))
            }
            (Flag::InFolder { folder, file }, Lang::Zh) => {
                format!("{}（{file}）", folder.text(lang))
            }
        }
    }
}

/// An input as the user named it: a flag and its value (`--config
/// "fleet.toml"`), or a value alone (inspect's PATH).
#[derive(Clone, Debug)]
pub(crate) struct Named {
    /// The flag or variable, if any.
    pub flag: Option<Flag>,
    /// The value, as given.
    pub value: String,
}

impl Named {
    /// `flag "value"`.
    pub(crate) fn flag(flag: &str, value: impl fmt::Display) -> Self {
        Named::by(Flag::plain(flag), value)
    }

    /// `"value"` as `flag` named it.
    pub(crate) fn by(flag: Flag, value: impl fmt::Display) -> Self {
        Named {
            flag: Some(flag),
            value: value.to_string(),
        }
    }

    /// `"value"`.
    pub(crate) fn value(value: impl fmt::Display) -> Self {
        Named {
            flag: None,
            value: value.to_string(),
        }
    }
}

impl Localized for Named {
    fn text(&self, lang: Lang) -> String {
        match &self.flag {
            Some(flag) => format!("{} {:?}", flag.text(lang), self.value),
            None => format!("{:?}", self.value),
        }
    }
}

impl fmt::Display for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// What a file named on the command line is for: it says how large it may
/// be and what to give instead of a folder.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FileRole {
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
pub(crate) enum OutProblem {
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
pub(crate) enum WriteStep {
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
pub(crate) enum Reason {
    /// The operating system's words.
    Os(String),
    /// The core's.
    Bundle(BundleError),
}

/// Something the CLI itself refuses or fails at.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub(crate) enum Problem {
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
    NoTerminalForNewKey(NewKeyFlags),
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
    /// `dockcert rotate --layout dind`: a rotation has no dind layout.
    RotateWithDind,
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
    /// probe's --compare folder holds no server certificate.
    NoServerCertificate(Named),
    /// expiry's daemon served no certificate: what its handshake met.
    NotServed {
        /// The daemon as given (`tcp://HOST:PORT`).
        daemon: String,
        /// What probe's first handshake met.
        met: dockcert_core::inspect::probe::Summary,
    },
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
    pub(crate) fn reading(named: Named, role: FileRole, limit: u64, e: ReadError) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn a_read_error_becomes_the_problem_of_its_kind() {
        let named = || Named::flag("--config", "fleet.toml");
        let limit = 1024;
        assert!(matches!(
            Problem::reading(named(), FileRole::Fleet, limit, ReadError::TooLarge),
            Problem::TooLarge {
                role: FileRole::Fleet,
                limit: 1024,
                ..
            }
        ));
        assert!(matches!(
            Problem::reading(named(), FileRole::Unit, limit, ReadError::Folder),
            Problem::Folder {
                role: FileRole::Unit,
                ..
            }
        ));
        assert!(matches!(
            Problem::reading(named(), FileRole::Fleet, limit, ReadError::Io("gone".into())),
            Problem::Unreadable { why, .. } if why == "gone"
        ));
    }

    #[test]
    fn every_problem_has_english_and_chinese_words_and_keeps_what_was_named() {
        let named = || Named::flag("--out", "b.zip");
        let context = Named::by(
            Flag::Context {
                name: "ctx".into(),
                via: Some("--context".into()),
            },
            "unix:///x",
        );
        let all = [
            Problem::Unreadable {
                named: named(),
                why: "gone".into(),
            },
            Problem::TooLarge {
                named: named(),
                role: FileRole::PassphraseFile,
                limit: 1,
            },
            Problem::Folder {
                named: named(),
                role: FileRole::ClientFile,
            },
            Problem::FleetNotUtf8(named()),
            Problem::PassphraseFileEmpty(named()),
            Problem::PassphraseLineEmpty(named()),
            Problem::VariableUnset(named()),
            Problem::VariableEmpty(named()),
            Problem::Passphrase {
                named: named(),
                problem: PkiError::PassphrasesDiffer,
                first_line: true,
            },
            Problem::NoTerminalForNewKey(NewKeyFlags::New),
            Problem::NoTerminalForNewKey(NewKeyFlags::Rotate),
            Problem::NoTerminalForKey(named()),
            Problem::TerminalUnreadable("gone".into()),
            Problem::Typed(PkiError::PassphrasesDiffer),
            Problem::Out {
                path: "b.zip".into(),
                why: OutProblem::NotEmpty,
            },
            Problem::AnsibleWithDind,
            Problem::RotateWithDind,
            Problem::Random("gone".into()),
            Problem::KeyThread,
            Problem::KeyMissing,
            Problem::Key {
                slot: KeySlot::Server("docker1".into()),
                why: PkiError::PassphrasesDiffer,
            },
            Problem::StartWriting("gone".into()),
            Problem::WriterStopped,
            Problem::AlreadyWritten,
            Problem::Write {
                step: WriteStep::TidyUp,
                path: "b.zip".into(),
                why: Reason::Os("gone".into()),
            },
            Problem::NoManifest,
            Problem::Json("gone".into()),
            Problem::ManPage("gone".into()),
            Problem::Stdout("gone".into()),
            Problem::NothingChecked {
                path: "p".into(),
                en: "nothing".into(),
                zh: "没有".into(),
            },
            Problem::NoDaemon,
            Problem::BadDaemon(context.clone()),
            Problem::KeyNotPem(named()),
            Problem::NoCertificate(named()),
            Problem::NoServerCertificate(named()),
            Problem::NotServed {
                daemon: "tcp://docker1.example.com:2376".into(),
                met: dockcert_core::inspect::probe::Summary::ConnectionRefused {
                    address: "docker1.example.com:2376".into(),
                },
            },
            Problem::NoContext {
                named: named(),
                meta: "meta.json".into(),
            },
        ];
        for problem in &all {
            let (en, zh) = (problem.text(Lang::En), problem.text(Lang::Zh));
            assert!(!has_chinese(&en) && has_chinese(&zh), "{en} / {zh}");
            assert_eq!(en, problem.to_string());
        }
        let bad = Problem::BadDaemon(context);
        assert!(bad
            .text(Lang::En)
            .starts_with("the docker context \"ctx\" (--context) \"unix:///x\": "));
        assert!(bad
            .text(Lang::Zh)
            .starts_with("docker 上下文 \"ctx\"（--context） \"unix:///x\"："));
    }
}
