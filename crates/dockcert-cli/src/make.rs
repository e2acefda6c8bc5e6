//! The steps every command that makes certificates shares: make the keys
//! on every core, sign, write the bundle, print the summary.

use dockcert_core::bundle::{self, Bundle, BundleError, CaKeyProtection, KeySet, LeafKeys};
use dockcert_core::import::ImportedCa;
use dockcert_core::plan::Plan;
use time::OffsetDateTime;

use crate::failure::Failure;
use crate::output::{self, Target};
use crate::{keygen, report};

/// A new CA and everything the plan asks for.
pub fn new_ca(
    plan: &Plan,
    protection: &CaKeyProtection,
    now: OffsetDateTime,
) -> Result<Bundle, Failure> {
    let keys = keygen::generate(&plan.key_slots(), plan.key_type)?;
    let keys = KeySet::from_slots(plan, keys).map_err(Failure::run)?;
    let mut rng = keygen::os_seeded_rng()?;
    bundle::build(plan, keys, protection, now, &mut rng).map_err(refused_or_failed)
}

/// The plan's certificates, signed by an existing `ca`.
pub fn issued(plan: &Plan, ca: ImportedCa, now: OffsetDateTime) -> Result<Bundle, Failure> {
    let keys = keygen::generate(&plan.leaf_key_slots(), plan.key_type)?;
    let leaves = LeafKeys::from_slots(plan, keys).map_err(Failure::run)?;
    let mut rng = keygen::os_seeded_rng()?;
    bundle::build_issued(plan, ca, leaves, now, &mut rng).map_err(refused_or_failed)
}

/// Writes `made` to `target` and prints the summary.
pub fn deliver(target: &Target, made: &Bundle) -> Result<(), Failure> {
    output::write(target, made)?;
    // An imported CA's name is shown: it may carry escapes.
    eprint!(
        "{}",
        dockcert_core::show::safe(&report::summary(made, target))
    );
    Ok(())
}

/// An input found bad only once the CA was known is refused (exit status
/// 2); anything else is a failure to make the bundle.
fn refused_or_failed(e: BundleError) -> Failure {
    match e {
        BundleError::Plan(p) => Failure::input(p),
        other => Failure::run(other),
    }
}
