//! `dockcert issue`: more server and client certificates from an existing
//! CA, in the same layout, with the CA certificate but never its key.

use dockcert_core::bundle::{self, Bundle, LeafKeys};
use dockcert_core::import::{self, ImportError, ImportedCa};
use dockcert_core::plan::{Plan, Purpose};
use time::OffsetDateTime;

use crate::cli::{CaArgs, IssueArgs};
use crate::failure::{io_reason, Failure};
use crate::output::{self, Target};
use crate::{keygen, new, passphrase, report};

/// Runs `dockcert issue`.
pub fn run(args: &IssueArgs) -> Result<(), Failure> {
    let now = OffsetDateTime::now_utc();
    let request = new::request(&args.leaves, Purpose::ExistingCa);
    let plan =
        Plan::from_request(&request, now.date()).map_err(|e| Failure::input(e.to_string()))?;
    let target = output::check(&args.out.out, args.out.force)?;
    let ca = open_ca(&args.ca, now)?;
    let made = make(&plan, ca, now)?;
    finish(&target, &made)
}

/// Reads and opens the CA named by `--ca-cert` and `--ca-key`, asking for the
/// key's passphrase only if it is encrypted.
pub fn open_ca(args: &CaArgs, now: OffsetDateTime) -> Result<ImportedCa, Failure> {
    let cert_flag = format!("--ca-cert {:?}", args.ca_cert.display().to_string());
    let key_flag = format!("--ca-key {:?}", args.ca_key.display().to_string());
    let cert = std::fs::read(&args.ca_cert)
        .map_err(|e| Failure::input(format!("{cert_flag}: cannot read it: {}", io_reason(&e))))?;
    let key =
        zeroize::Zeroizing::new(std::fs::read(&args.ca_key).map_err(|e| {
            Failure::input(format!("{key_flag}: cannot read it: {}", io_reason(&e)))
        })?);
    let cert_problem = |e: ImportError| Failure::input(format!("{cert_flag}: {e}"));
    import::check_ca_certificate(&cert, now).map_err(cert_problem)?;
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
    .map_err(|e| match e {
        ImportError::WrongPassphrase => Failure::input(format!(
            "{}: the passphrase does not open the CA key {:?}; nothing was written",
            opening
                .as_ref()
                .map(|o| o.source.as_str())
                .unwrap_or("passphrase"),
            args.ca_key.display().to_string()
        )),
        ImportError::NoCertificate
        | ImportError::BadCertificate(_)
        | ImportError::NotACa(_)
        | ImportError::CannotSign(_)
        | ImportError::Expired { .. }
        | ImportError::NotYetValid { .. } => Failure::input(format!("{cert_flag}: {e}")),
        other => Failure::input(format!("{key_flag}: {other}")),
    })
}

/// Makes the plan's keys and certificates, signed by `ca`.
pub fn make(plan: &Plan, ca: ImportedCa, now: OffsetDateTime) -> Result<Bundle, Failure> {
    let keys = keygen::generate(&plan.leaf_key_slots(), plan.key_type)?;
    let leaves = LeafKeys::from_slots(plan, keys).map_err(Failure::run)?;
    let mut rng = keygen::os_seeded_rng()?;
    bundle::build_issued(plan, ca, leaves, now, &mut rng).map_err(|e| match e {
        dockcert_core::Error::Plan(p) => Failure::input(p.to_string()),
        other => Failure::run(other.to_string()),
    })
}

/// Writes `made` and prints the summary.
pub fn finish(target: &Target, made: &Bundle) -> Result<(), Failure> {
    output::write(target, made)?;
    eprint!("{}", report::summary(made, target));
    Ok(())
}
