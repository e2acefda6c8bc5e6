//! The steps every command that makes certificates shares: pick the
//! language, make the keys on every core, sign, write the bundle as it is
//! made, print the summary.

use dockcert_core::bundle::{
    self, Bundle, BundleError, CaKeyProtection, FilesTo, KeySet, Layout, LeafKeys,
};
use dockcert_core::import::ImportedCa;
use dockcert_core::plan::Plan;
use dockcert_core::rotate::{self, Current};
use dockcert_core::Lang;
use time::OffsetDateTime;

use crate::cli::{self, OutArgs};
use crate::failure::Failure;
use crate::inventory::Appender;
use crate::output::{self, Target};
use crate::problem::Problem;
use crate::{background, keygen, report, writer};

/// The name of the zip or folder `--out` names, for the inventory's lines.
pub(crate) fn bundle_name(out: &OutArgs) -> Option<String> {
    out.out
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
}

/// The language of README.txt, the summary and the notices: `--lang`, else
/// the terminal's locale (the rule is the core's [`Lang::from_locale`]).
pub(crate) fn lang(out: &OutArgs) -> Lang {
    crate::language::chosen(out.lang)
}

/// A new CA and everything the plan asks for, written to `target`.
pub(crate) fn new_ca(
    plan: &Plan,
    protection: &CaKeyProtection,
    now: OffsetDateTime,
    target: &Target,
    out: &OutArgs,
) -> Result<(), Failure> {
    let keys = keygen::generate(&plan.key_slots(), plan.key_type, plan.lang)?;
    let keys = KeySet::from_slots(plan, keys).map_err(Failure::run)?;
    let mut rng = keygen::os_seeded_rng()?;
    deliver(target, out, now, None, |to| {
        bundle::build_into(plan, keys, protection, now, &mut rng, to)
    })
}

/// A rotation of `from` (the current bundle, the CA it replaces): a new
/// CA and the plan's certificates under it, laid out in three phases,
/// written to `target`.
pub(crate) fn rotation(
    plan: &Plan,
    from: (&Current, &ImportedCa),
    protection: &CaKeyProtection,
    now: OffsetDateTime,
    target: &Target,
    out: &OutArgs,
) -> Result<(), Failure> {
    let keys = keygen::generate(&plan.key_slots(), plan.key_type, plan.lang)?;
    let keys = KeySet::from_slots(plan, keys).map_err(Failure::run)?;
    let mut rng = keygen::os_seeded_rng()?;
    deliver(target, out, now, None, |to| {
        rotate::build_into(plan, from, keys, protection, now, &mut rng, to)
    })
}

/// The plan's certificates, signed by an existing `ca`, written to `target`,
/// and their lines appended to the CA's `inventory` once it is.
pub(crate) fn issued(
    plan: &Plan,
    ca: ImportedCa,
    now: OffsetDateTime,
    (target, inventory): (&Target, Appender),
    out: &OutArgs,
) -> Result<(), Failure> {
    let keys = keygen::generate(&plan.leaf_key_slots(), plan.key_type, plan.lang)?;
    let leaves = LeafKeys::from_slots(plan, keys).map_err(Failure::run)?;
    let mut rng = keygen::os_seeded_rng()?;
    deliver(target, out, now, Some(inventory), |to| {
        bundle::build_issued_into(plan, ca, leaves, now, &mut rng, to)
    })
}

/// Where the bundle goes (`--out`), once the plan is known to fit the
/// layout (`--layout dind`: one host and one client, and no `--ansible`,
/// whose playbook installs the standard layout's host folders): both
/// checked before any key is made.
pub(crate) fn target(plan: &Plan, out: &OutArgs) -> Result<Target, Failure> {
    let layout = layout(out);
    if layout == Layout::Dind && plan.ansible {
        return Err(Failure::input(Problem::AnsibleWithDind));
    }
    layout.check(plan).map_err(Failure::input)?;
    output::check(&out.out, out.force)
}

/// Makes the bundle with `make`, laid out as `out` says, writes it to
/// `target` (the standard layout file by file as it is made, so only the
/// files' facts are kept), appends what it made to `inventory`, and prints the summary (on stderr) and, with
/// `--json`, what was made (on stdout).
fn deliver(
    target: &Target,
    out: &OutArgs,
    now: OffsetDateTime,
    inventory: Option<Appender>,
    make: impl FnOnce(FilesTo<'_>) -> Result<Bundle, BundleError>,
) -> Result<(), Failure> {
    let (made, manifest) = match layout(out) {
        Layout::Standard => {
            let mut writer = background::open_in_background(target, now)?;
            if out.json {
                writer.keep_manifest();
            }
            let made = match make(FilesTo::Sink(&mut writer)) {
                Ok(made) => made,
                Err(e) => return Err(writer.failed(e)),
            };
            let manifest = writer.kept_manifest();
            writer.commit()?;
            (made, manifest)
        }
        other => {
            let made = make(FilesTo::Bundle).map_err(Failure::run)?;
            let laid_out = other.arrange(made).map_err(Failure::run)?;
            writer::write(target, &laid_out)?;
            let manifest = laid_out.contents("manifest.json").map(<[u8]>::to_vec);
            (laid_out, manifest)
        }
    };
    let appended = match inventory {
        Some(inventory) => Some(inventory.append(&made.inventory_lines())?),
        None => None,
    };
    let appended = appended.as_ref();
    // Its own lines kept; an imported CA's name came in made safe (`CertFacts`).
    eprint!(
        "{}",
        dockcert_core::show::safe_document(&report::summary(&made, target, appended))
    );
    if out.json {
        println!(
            "{}",
            report::made_json(&made, manifest.as_deref(), target, appended)?
        );
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
