//! Opening an existing CA from `--ca-cert` and `--ca-key`: the certificate
//! is read and checked first (its end is an input of the plan), before any
//! key is made or passphrase asked for, and every problem is
//! reported against the input the core says it belongs to.

use std::path::Path;

use dockcert_core::import::{self, CaInputs, CaUse, ImportError, ImportedCa, KeyState};
use dockcert_core::pki::CertFacts;
use dockcert_core::plan::CaLifetime;
use dockcert_core::Lang;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::cli::CaArgs;
use crate::failure::Failure;
use crate::problem::Named;
use crate::{passphrase, read};

/// The CA certificate named by `--ca-cert`, read and checked on its own:
/// its end goes into the plan before any key is made or passphrase asked.
pub(crate) struct CaCert {
    name: String,
    bytes: Zeroizing<Vec<u8>>,
    /// What it is opened for, which decides what its dates must be.
    used: CaUse,
    /// The certificate, DER.
    pub der: Vec<u8>,
    /// Its facts.
    pub facts: CertFacts,
}

impl CaCert {
    /// The CA's end, for the plan's days, with the new certificates
    /// starting at `now`.
    pub(crate) fn lifetime(&self, now: OffsetDateTime) -> CaLifetime {
        CaLifetime {
            ends: self.facts.not_after,
            now,
        }
    }
}

/// Reads and checks the CA certificate named by `--ca-cert`, to sign with.
pub(crate) fn read_cert(args: &CaArgs, now: OffsetDateTime) -> Result<CaCert, Failure> {
    read_cert_for(args, now, CaUse::Sign)
}

/// Reads and checks the CA certificate named by `--ca-cert`, its dates as
/// `used` asks (a CA to be replaced may have expired).
pub(crate) fn read_cert_for(
    args: &CaArgs,
    now: OffsetDateTime,
    used: CaUse,
) -> Result<CaCert, Failure> {
    let name = args.ca_cert.display().to_string();
    let bytes = read_file(&args.ca_cert).map_err(|e| Failure::input(e.on_ca_cert(&name)))?;
    let (der, facts) = import::check_ca_certificate_for(&bytes, now, used)
        .map_err(|e| Failure::input(e.on_ca_cert(&name)))?;
    Ok(CaCert {
        name,
        bytes,
        used,
        der,
        facts,
    })
}

/// Opens the CA of `cert` with the key named by `--ca-key`, asking for the
/// key's passphrase (in `lang`) only if it is encrypted.
pub(crate) fn open(
    args: &CaArgs,
    cert: CaCert,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<ImportedCa, Failure> {
    let CaCert {
        name: cert_name,
        bytes: cert,
        used,
        ..
    } = cert;
    let key_name = args.ca_key.display().to_string();
    let key = read_file(&args.ca_key).map_err(|e| Failure::input(e.on_ca_key(&key_name)))?;
    // A costly key derivation is refused before any passphrase is asked for.
    let state = import::key_state(&key).map_err(|e| Failure::input(e.on_ca_key(&key_name)))?;
    let key_flag = Named::flag("--ca-key", &key_name);
    // A passphrase typed on the terminal that does not open the key is
    // asked for again, up to [`passphrase::TRIES`] times.
    let mut tries = 1;
    loop {
        let opening = match state {
            KeyState::Encrypted(_) => Some(passphrase::resolve_open(
                &args.passphrase,
                key_flag.clone(),
                lang,
            )?),
            KeyState::Plain(_) => None,
        };
        let imported = import::import_ca_for(
            &cert,
            &key,
            opening.as_ref().map(|o| o.bytes.as_slice()),
            now,
            used,
        );
        match imported {
            Err(ImportError::WrongPassphrase)
                if opening.as_ref().is_some_and(|o| o.typed) && tries < passphrase::TRIES =>
            {
                passphrase::again(passphrase::Prompt::WrongAgain, lang);
                tries += 1;
            }
            other => {
                return other.map_err(|e| {
                    Failure::input(
                        e.on_ca(CaInputs {
                            cert: &cert_name,
                            key: &key_name,
                            passphrase: opening
                                .as_ref()
                                .map(|o| o.source.as_str())
                                .unwrap_or("passphrase"),
                        }),
                    )
                })
            }
        }
    }
}

/// A certificate or key file, bounded by [`import::MAX_FILE`].
pub(crate) fn read_file(path: &Path) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    read::bounded(path, import::MAX_FILE).map_err(|e| match e {
        read::ReadError::Io(why) => ImportError::Unreadable(why),
        read::ReadError::TooLarge => ImportError::TooLarge {
            limit: import::MAX_FILE,
        },
        read::ReadError::Folder => ImportError::Unreadable("it is a folder".into()),
    })
}
