//! Opening an existing CA from `--ca-cert` and `--ca-key`: the certificate
//! is checked before any passphrase is asked for, and every problem is
//! reported against the input the core says it belongs to.

use dockcert_core::import::{self, CaInputs, ImportedCa};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::cli::CaArgs;
use crate::failure::{io_reason, Failure};
use crate::passphrase;

/// Reads and opens the CA named by `--ca-cert` and `--ca-key`, asking for the
/// key's passphrase only if it is encrypted.
pub fn open(args: &CaArgs, now: OffsetDateTime) -> Result<ImportedCa, Failure> {
    let cert_name = args.ca_cert.display().to_string();
    let key_name = args.ca_key.display().to_string();
    let cert = std::fs::read(&args.ca_cert).map_err(|e| {
        Failure::input(import::ImportError::Unreadable(io_reason(&e)).on_ca_cert(&cert_name))
    })?;
    let key = Zeroizing::new(std::fs::read(&args.ca_key).map_err(|e| {
        Failure::input(import::ImportError::Unreadable(io_reason(&e)).on_ca_key(&key_name))
    })?);
    import::check_ca_certificate(&cert, now)
        .map_err(|e| Failure::input(e.on_ca_cert(&cert_name)))?;
    let key_flag = format!("--ca-key {key_name:?}");
    let opening = if import::key_is_encrypted(&key) {
        Some(passphrase::resolve_open(&args.passphrase, &key_flag)?)
    } else {
        None
    };
    import::import_ca(
        &cert,
        &key,
        opening.as_ref().map(|o| o.bytes.as_slice()),
        now,
    )
    .map_err(|e| {
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
