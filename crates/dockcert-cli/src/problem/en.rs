//! The CLI's problems in English: the words it has always printed.

use dockcert_core::pki::{PkiError, MAX_PASSPHRASE_LEN};
use dockcert_core::plan::KeySlot;
use dockcert_core::{Lang, Localized};

use super::{FileRole, OutProblem, Problem, Reason, WriteStep};
use crate::read::size_text;

/// `problem` in English.
pub(super) fn text(problem: &Problem) -> String {
    use Problem as P;
    match problem {
        P::Unreadable { named, why } => format!("{named}: cannot read it: {why}"),
        P::TooLarge { named, role, limit } => format!("{named}: {}", too_large(*role, *limit)),
        P::Folder { named, role } => format!("{named}: is a folder; give {}", folder(*role)),
        P::FleetNotUtf8(named) => format!("{named}: is not UTF-8 text (TOML is UTF-8)"),
        P::PassphraseFileEmpty(named) => {
            format!("{named}: the file is empty; write the passphrase on its first line")
        }
        P::PassphraseLineEmpty(named) => {
            format!("{named}: the passphrase on its first line is empty")
        }
        P::VariableUnset(named) => format!("{named}: the environment variable is not set"),
        P::VariableEmpty(named) => format!("{named}: the variable is empty"),
        P::Passphrase {
            named,
            problem,
            first_line,
        } => {
            let on = if *first_line { " (on its first line)" } else { "" };
            format!("{named}: {problem}{on}")
        }
        P::NoTerminalForNewKey(flags) => format!("the CA key needs a passphrase: give {} FILE or {} VAR, or {} to leave it unencrypted (there is no terminal to ask on)", flags.file(), flags.env(), flags.none()),
        P::NoTerminalForKey(key) => format!("{key}: the key is encrypted: give its passphrase with --passphrase-file FILE or --passphrase-env VAR (there is no terminal to ask on)"),
        P::TerminalUnreadable(why) => {
            format!("could not read the passphrase from the terminal: {why}")
        }
        P::Typed(problem @ PkiError::PassphrasesDiffer) => {
            format!("passphrase: {problem}; nothing was written")
        }
        P::Typed(problem) => format!("passphrase: {problem}"),
        P::Out { path, why } => format!("--out {path:?}: {}", out(why)),
        P::RotateWithDind => "--layout dind: a rotation bundle is laid out in phases (server/NAME/ and client/NAME/, each with install.sh --phase 1, 2, 3), which docker:dind's tree has no place for; leave --layout out (rotate a dind setup by making its bundle again with dockcert new --layout dind)".to_owned(),
        P::AnsibleWithDind => "--ansible and --layout dind: the playbook installs the host folders of the standard layout, which dind has not; use one or the other".to_owned(),
        P::Random(why) => {
            format!("the operating system's random number generator failed: {why}")
        }
        P::KeyThread => "a key generation thread failed".to_owned(),
        P::KeyMissing => "a key was not made".to_owned(),
        P::Key { slot, why } => format!("{}: {why}", slot_text(slot)),
        P::StartWriting(why) => format!("could not start writing: {why}"),
        P::WriterStopped => "the writer stopped unexpectedly".to_owned(),
        P::AlreadyWritten => "the bundle was already written".to_owned(),
        P::Write { step, path, why } => {
            let why = match why {
                Reason::Os(why) => why.clone(),
                Reason::Bundle(e) => e.to_string(),
            };
            let what = match step {
                WriteStep::Write => "write",
                WriteStep::WriteFolder => "write the folder",
                WriteStep::Replace => "replace",
                WriteStep::TidyUp => "tidy up after writing",
            };
            format!("could not {what} {path}: {why}")
        }
        P::NoManifest => "the bundle has no readable manifest.json".to_owned(),
        P::Json(why) => format!("could not write the JSON: {why}"),
        P::ManPage(why) => format!("could not write the manual page: {why}"),
        P::Stdout(why) => format!("could not write to stdout: {why}"),
        P::NothingChecked { path, en, .. } => format!("{path:?}: {en}"),
        P::NoDaemon => "give the daemon to probe as tcp://HOST:PORT (or set DOCKER_HOST, or use --context)".to_owned(),
        P::BadDaemon(named) => format!("{named}: expected tcp://HOST:PORT (a DNS name, an IPv4 address or [an IPv6 address], and a port)"),
        P::KeyNotPem(named) => format!("{named}: not an unencrypted PEM private key (docker cannot read encrypted keys either)"),
        P::NotServed { daemon, met } => format!("{daemon}: served no certificate: {}", met.text(Lang::En)),
        P::NoCertificate(named) => format!("{named}: holds no certificate (PEM or DER)"),
        P::NoServerCertificate(named) => format!("{named}: holds no server certificate to compare with (server-cert.pem, the file its daemon.json's tlscert names, or cert.pem)"),
        P::NoContext { named, meta } => {
            format!("{named}: no such docker context (no readable {meta})")
        }
    }
}

fn too_large(role: FileRole, limit: u64) -> String {
    let size = size_text(limit);
    match role {
        FileRole::Fleet => format!("it is larger than the {size} dockcert reads for a fleet file"),
        FileRole::Unit => format!("it is larger than the {size} a systemd unit may be here"),
        FileRole::ClientFile => format!("it is larger than the {size} a client file may be"),
        FileRole::PassphraseFile => format!(
            "its first line is longer than the {MAX_PASSPHRASE_LEN} bytes a passphrase may be"
        ),
    }
}

fn folder(role: FileRole) -> &'static str {
    match role {
        FileRole::Fleet => "the fleet file",
        FileRole::Unit => "the unit file",
        FileRole::ClientFile => "the file",
        FileRole::PassphraseFile => "the file that holds the passphrase",
    }
}

fn out(why: &OutProblem) -> String {
    match why {
        OutProblem::NoName => {
            "must end in a file or folder name (UTF-8), like docker-tls.zip".to_owned()
        }
        OutProblem::ParentNotFolder(parent) => format!("{parent:?} is not a folder"),
        OutProblem::ParentMissing(parent) => {
            format!("the folder {parent:?} does not exist; make it first")
        }
        OutProblem::TopFolder(e) => e.to_string(),
        OutProblem::ZipIsFolder => "is a folder; give a new .zip file name".to_owned(),
        OutProblem::Exists => "already exists; add --force to replace it".to_owned(),
        OutProblem::NothingBeforeZip => "needs a name before .zip, like docker-tls.zip".to_owned(),
        OutProblem::ExistsNotFolder => {
            "already exists and is not a folder; name a new folder, or a file ending in .zip"
                .to_owned()
        }
        OutProblem::NotEmpty => {
            "is a folder that is not empty; dockcert only writes a new or empty folder".to_owned()
        }
    }
}

fn slot_text(slot: &KeySlot) -> String {
    slot.to_string()
}
