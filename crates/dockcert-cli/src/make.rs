//! The steps every command that makes certificates shares: make the keys
//! on every core, sign, write the bundle, print the summary.

use dockcert_core::bundle::{self, Bundle, BundleError, CaKeyProtection, KeySet, Layout, LeafKeys};
use dockcert_core::import::ImportedCa;
use dockcert_core::plan::Plan;
use time::OffsetDateTime;

use crate::cli::{self, OutArgs};
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

/// Where the bundle goes (`--out`), once the plan is known to fit the
/// layout (`--layout dind`: one host and one client, and no `--ansible`,
/// whose playbook installs the standard layout's host folders): both
/// checked before any key is made.
pub fn target(plan: &Plan, out: &OutArgs) -> Result<Target, Failure> {
    let layout = layout(out);
    if layout == Layout::Dind && plan.ansible {
        return Err(Failure::input(
            "--ansible and --layout dind: the playbook installs the host folders of the standard layout, which dind has not; use one or the other",
        ));
    }
    layout.check(plan).map_err(Failure::input)?;
    output::check(&out.out, out.force)
}

/// Lays `made` out as `out` says, writes it to `target`, and prints the
/// summary (on stderr) and, with `--json`, what was made (on stdout).
pub fn deliver(target: &Target, made: Bundle, out: &OutArgs) -> Result<(), Failure> {
    let made = layout(out).arrange(made).map_err(Failure::run)?;
    let (made, json) = (&made, out.json);
    output::write(target, made)?;
    // An imported CA's name is shown: it may carry escapes.
    eprint!(
        "{}",
        dockcert_core::show::safe(&report::summary(made, target))
    );
    if json {
        println!("{}", report::made_json(made, target)?);
    }
    Ok(())
}

/// The core's layout for `--layout`.
fn layout(out: &OutArgs) -> Layout {
    match out.layout {
        cli::Layout::Standard => Layout::Standard,
        cli::Layout::Dind => Layout::Dind,
    }
}

/// An input found bad only once the CA was known is refused (exit status
/// 2); anything else is a failure to make the bundle.
fn refused_or_failed(e: BundleError) -> Failure {
    match e {
        BundleError::Plan(p) => Failure::input(p),
        other => Failure::run(other),
    }
}
