//! Where the CA key's passphrase comes from: a file's first line, an
//! environment variable, a prompt asked twice, or an explicit "none".

use std::io::IsTerminal;

use dockcert_core::bundle::CaKeyProtection;
use std::path::Path;

use dockcert_core::pki::{Passphrase, PkiError, MAX_PASSPHRASE_LEN};
use zeroize::Zeroizing;

use crate::cli::{OpenPassphraseArgs, PassphraseArgs};
use crate::failure::Failure;
use crate::read;

/// Resolves the passphrase choice. Nothing here is ever echoed back.
pub(crate) fn resolve(args: &PassphraseArgs) -> Result<CaKeyProtection, Failure> {
    if args.no_passphrase {
        return Ok(CaKeyProtection::Unencrypted);
    }
    if let Some(path) = &args.passphrase_file {
        let shown = format!("--passphrase-file {:?}", path.display().to_string());
        let Some(line) = line_of(path, &shown)? else {
            return Err(Failure::input(format!(
                "{shown}: the file is empty; write the passphrase on its first line"
            )));
        };
        return Passphrase::new(line.to_vec())
            .map(CaKeyProtection::Passphrase)
            .map_err(|problem| Failure::input(format!("{shown}: {problem} (on its first line)")));
    }
    if let Some(var) = &args.passphrase_env {
        let value = match std::env::var_os(var) {
            Some(v) => Zeroizing::new(v.into_encoded_bytes()),
            None => {
                return Err(Failure::input(format!(
                    "--passphrase-env {var:?}: the environment variable is not set"
                )))
            }
        };
        return Passphrase::new(value.to_vec())
            .map(CaKeyProtection::Passphrase)
            .map_err(|problem| Failure::input(format!("--passphrase-env {var:?}: {problem}")));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::input(
            "the CA key needs a passphrase: give --passphrase-file FILE or --passphrase-env VAR, or --no-passphrase to leave it unencrypted (there is no terminal to ask on)",
        ));
    }
    prompt_twice()
}

/// A passphrase to open an existing key, and where it came from (for messages).
pub(crate) struct Opening {
    /// The passphrase.
    pub bytes: Zeroizing<Vec<u8>>,
    /// `--passphrase-file "f"`, `--passphrase-env "V"` or `the passphrase typed`.
    pub source: String,
}

/// The passphrase for an existing encrypted key named by `key_flag` (like
/// `--ca-key "ca-key.pem"`): from a file, a variable, or asked once on the
/// terminal. Only called when the key is encrypted.
pub(crate) fn resolve_open(args: &OpenPassphraseArgs, key_flag: &str) -> Result<Opening, Failure> {
    if let Some(path) = &args.passphrase_file {
        let shown = format!("--passphrase-file {:?}", path.display().to_string());
        let line = line_of(path, &shown)?.unwrap_or_default();
        if line.is_empty() {
            return Err(Failure::input(format!(
                "{shown}: the passphrase on its first line is empty"
            )));
        }
        return Ok(Opening {
            bytes: Zeroizing::new(line.to_vec()),
            source: shown,
        });
    }
    if let Some(var) = &args.passphrase_env {
        let shown = format!("--passphrase-env {var:?}");
        return match std::env::var_os(var) {
            Some(v) if !v.is_empty() => Ok(Opening {
                bytes: Zeroizing::new(v.into_encoded_bytes()),
                source: shown,
            }),
            Some(_) => Err(Failure::input(format!("{shown}: the variable is empty"))),
            None => Err(Failure::input(format!(
                "{shown}: the environment variable is not set"
            ))),
        };
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::input(format!(
            "{key_flag}: the key is encrypted: give its passphrase with --passphrase-file FILE or --passphrase-env VAR (there is no terminal to ask on)"
        )));
    }
    let typed = rpassword::prompt_password("Passphrase of the CA key: ")
        .map(Zeroizing::new)
        .map_err(|e| {
            Failure::input(format!(
                "could not read the passphrase from the terminal: {e}"
            ))
        })?;
    Ok(Opening {
        bytes: Zeroizing::new(typed.as_bytes().to_vec()),
        source: "the passphrase typed".into(),
    })
}

/// The first line of the passphrase file `path` (named `shown`), read no
/// further than a passphrase may be long: `/dev/zero` is refused at once.
/// `None` when the file holds nothing at all.
fn line_of(path: &Path, shown: &str) -> Result<Option<Zeroizing<Vec<u8>>>, Failure> {
    read::first_line(path, MAX_PASSPHRASE_LEN as u64).map_err(|e| {
        Failure::input(match e {
            read::ReadError::Io(why) => format!("{shown}: cannot read it: {why}"),
            read::ReadError::TooLarge => format!(
                "{shown}: its first line is longer than the {MAX_PASSPHRASE_LEN} bytes a passphrase may be"
            ),
            read::ReadError::Folder => format!("{shown}: is a folder; give the file that holds the passphrase"),
        })
    })
}

fn prompt_twice() -> Result<CaKeyProtection, Failure> {
    let read = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(Zeroizing::new)
            .map_err(|e| {
                Failure::input(format!(
                    "could not read the passphrase from the terminal: {e}"
                ))
            })
    };
    let refuse = |problem: PkiError| match problem {
        PkiError::PassphrasesDiffer => {
            Failure::input(format!("passphrase: {problem}; nothing was written"))
        }
        other => Failure::input(format!("passphrase: {other}")),
    };
    let first = read("Passphrase for the CA key: ")?;
    // Checked before the second prompt, so a short one is not typed twice.
    Passphrase::new(first.as_bytes().to_vec()).map_err(refuse)?;
    let second = read("The same passphrase again: ")?;
    Passphrase::confirmed(first.as_bytes(), second.as_bytes())
        .map(CaKeyProtection::Passphrase)
        .map_err(refuse)
}
