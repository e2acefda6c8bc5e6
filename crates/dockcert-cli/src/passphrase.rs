//! Where the CA key's passphrase comes from: a file's first line, an
//! environment variable, a prompt asked twice, or an explicit "none".

use std::io::IsTerminal;

use dockcert_core::bundle::CaKeyProtection;
use std::path::Path;

use dockcert_core::pki::{Passphrase, PkiError, MAX_PASSPHRASE_LEN};
use dockcert_core::{Lang, Localized};
use zeroize::Zeroizing;

use crate::cli::{OpenPassphraseArgs, PassphraseArgs};
use crate::failure::Failure;
pub(crate) use crate::problem::NewKeyFlags;
use crate::problem::{FileRole, Named, Problem};
use crate::read;

/// Resolves the passphrase choice, given by `flags`, asking in `lang` on a
/// terminal. Nothing here is ever echoed back.
pub(crate) fn resolve(
    args: &PassphraseArgs,
    flags: NewKeyFlags,
    lang: Lang,
) -> Result<CaKeyProtection, Failure> {
    if args.no_passphrase {
        return Ok(CaKeyProtection::Unencrypted);
    }
    if let Some(path) = &args.passphrase_file {
        let named = Named::flag(flags.file(), path.display());
        let Some(line) = line_of(path, &named)? else {
            return Err(Failure::input(Problem::PassphraseFileEmpty(named)));
        };
        return Passphrase::new(line.to_vec())
            .map(CaKeyProtection::Passphrase)
            .map_err(|problem| {
                Failure::input(Problem::Passphrase {
                    named,
                    problem,
                    first_line: true,
                })
            });
    }
    if let Some(var) = &args.passphrase_env {
        let named = Named::flag(flags.env(), var);
        let value = match std::env::var_os(var) {
            Some(v) => Zeroizing::new(v.into_encoded_bytes()),
            None => return Err(Failure::input(Problem::VariableUnset(named))),
        };
        return Passphrase::new(value.to_vec())
            .map(CaKeyProtection::Passphrase)
            .map_err(|problem| {
                Failure::input(Problem::Passphrase {
                    named,
                    problem,
                    first_line: false,
                })
            });
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::input(Problem::NoTerminalForNewKey(flags)));
    }
    prompt_twice(lang)
}

/// A passphrase to open an existing key, and where it came from (for messages).
pub(crate) struct Opening {
    /// The passphrase.
    pub bytes: Zeroizing<Vec<u8>>,
    /// `--passphrase-file "f"`, `--passphrase-env "V"` or `the passphrase
    /// typed` (in the run's language).
    pub source: String,
    /// Typed on the terminal: a wrong one is asked for again.
    pub typed: bool,
}

/// The passphrase for an existing encrypted key `key` (`--ca-key
/// "ca-key.pem"`): from a file, a variable, or asked once on the terminal
/// in `lang`. Only called when the key is encrypted.
pub(crate) fn resolve_open(
    args: &OpenPassphraseArgs,
    key: Named,
    lang: Lang,
) -> Result<Opening, Failure> {
    if let Some(path) = &args.passphrase_file {
        let named = Named::flag("--passphrase-file", path.display());
        let line = line_of(path, &named)?.unwrap_or_default();
        if line.is_empty() {
            return Err(Failure::input(Problem::PassphraseLineEmpty(named)));
        }
        return Ok(Opening {
            bytes: Zeroizing::new(line.to_vec()),
            source: named.to_string(),
            typed: false,
        });
    }
    if let Some(var) = &args.passphrase_env {
        let named = Named::flag("--passphrase-env", var);
        return match std::env::var_os(var) {
            Some(v) if !v.is_empty() => Ok(Opening {
                bytes: Zeroizing::new(v.into_encoded_bytes()),
                source: named.to_string(),
                typed: false,
            }),
            Some(_) => Err(Failure::input(Problem::VariableEmpty(named))),
            None => Err(Failure::input(Problem::VariableUnset(named))),
        };
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::input(Problem::NoTerminalForKey(key)));
    }
    let typed = ask(Prompt::Open, lang)?;
    Ok(Opening {
        bytes: Zeroizing::new(typed.as_bytes().to_vec()),
        source: Prompt::Typed.text(lang),
        typed: true,
    })
}

/// Says on the terminal (stderr) why the passphrase is asked for again.
pub(crate) fn again(why: Prompt, lang: Lang) {
    eprintln!("{}", why.text(lang));
}

/// What the terminal is asked, and what a typed passphrase is called.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub(crate) enum Prompt {
    /// The passphrase of an existing CA key.
    Open,
    /// The passphrase for a new CA key.
    New,
    /// The same again, to be sure of it.
    Again,
    /// Where a passphrase typed came from, in a message.
    Typed,
    /// The two entries differ: asked again.
    DifferAgain,
    /// The passphrase typed does not open the CA key: asked again.
    WrongAgain,
}

/// How many times a passphrase typed on the terminal is asked for before
/// the run ends with the last mistake's error.
pub(crate) const TRIES: usize = 3;

impl Localized for Prompt {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Prompt::Open, Lang::En) => "Passphrase of the CA key: ",
            (Prompt::Open, Lang::Zh) => "CA 私钥的口令：",
            (Prompt::New, Lang::En) => "Passphrase for the CA key: ",
            (Prompt::New, Lang::Zh) => "为 CA 私钥设置口令：",
            (Prompt::Again, Lang::En) => "The same passphrase again: ",
            (Prompt::Again, Lang::Zh) => "再输入一次同样的口令：",
            (Prompt::Typed, Lang::En) => "the passphrase typed",
            (Prompt::Typed, Lang::Zh) => "输入的口令",
            (Prompt::DifferAgain, Lang::En) => "The two entries differ: type the passphrase again.",
            (Prompt::DifferAgain, Lang::Zh) => "两次输入的口令不一致，请重新输入。",
            (Prompt::WrongAgain, Lang::En) => {
                "That passphrase does not open the CA key: type it again."
            }
            (Prompt::WrongAgain, Lang::Zh) => "这个口令无法打开 CA 私钥，请重新输入。",
        }
        .to_owned()
    }
}

/// The first line of the passphrase file `path` (named `named`), read no
/// further than a passphrase may be long: `/dev/zero` is refused at once.
/// `None` when the file holds nothing at all.
fn line_of(path: &Path, named: &Named) -> Result<Option<Zeroizing<Vec<u8>>>, Failure> {
    let limit = MAX_PASSPHRASE_LEN as u64;
    read::first_line(path, limit).map_err(|e| {
        Failure::input(Problem::reading(
            named.clone(),
            FileRole::PassphraseFile,
            limit,
            e,
        ))
    })
}

/// `prompt` asked on the terminal, the answer not echoed.
fn ask(prompt: Prompt, lang: Lang) -> Result<Zeroizing<String>, Failure> {
    rpassword::prompt_password(prompt.text(lang))
        .map(Zeroizing::new)
        .map_err(|e| Failure::input(Problem::TerminalUnreadable(e.to_string())))
}

/// A new passphrase typed twice; when the two entries differ, both are
/// asked again, up to [`TRIES`] times, then the run ends with that error.
fn prompt_twice(lang: Lang) -> Result<CaKeyProtection, Failure> {
    let refuse = |problem: PkiError| Failure::input(Problem::Typed(problem));
    let mut tries = 1;
    loop {
        let first = ask(Prompt::New, lang)?;
        // Checked before the second prompt, so a short one is not typed twice.
        Passphrase::new(first.as_bytes().to_vec()).map_err(refuse)?;
        let second = ask(Prompt::Again, lang)?;
        match Passphrase::confirmed(first.as_bytes(), second.as_bytes()) {
            Ok(passphrase) => return Ok(CaKeyProtection::Passphrase(passphrase)),
            Err(PkiError::PassphrasesDiffer) if tries < TRIES => {
                again(Prompt::DifferAgain, lang);
                tries += 1;
            }
            Err(problem) => return Err(refuse(problem)),
        }
    }
}
