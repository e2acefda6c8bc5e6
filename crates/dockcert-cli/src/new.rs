//! `dockcert new`: parse, plan, generate, write, report.

use dockcert_core::bundle::CaKeyProtection;
use dockcert_core::plan::fleet::{Fleet, MAX_FLEET_FILE};
use dockcert_core::plan::{Plan, Purpose};
use dockcert_core::Localized;
use time::OffsetDateTime;

use crate::cli::NewArgs;
use crate::failure::Failure;
use crate::problem::{FileRole, Named, Problem};
use crate::report::Said;
use crate::{make, passphrase, read};

/// Runs `dockcert new`. Every input is checked before any key is made.
pub(crate) fn run(args: &NewArgs) -> Result<(), Failure> {
    let now = OffsetDateTime::now_utc();
    let lang = make::lang(&args.out);
    let mut flags = args.new_ca.request(args.leaves.request(Purpose::NewCa));
    flags.lang = lang;
    flags.bundle_name = make::bundle_name(&args.out);
    let plan = match &args.config {
        Some(path) => {
            let shown = path.display().to_string();
            let text = read_fleet(path, &shown)?;
            Fleet::parse(&shown, &text)
                .map_err(Failure::input)?
                .plan(flags, now.date())
                .map_err(Failure::input)?
        }
        None => Plan::from_request(&flags, now.date()).map_err(Failure::input)?,
    };
    let target = make::target(&plan, &args.out)?;
    let protection = passphrase::resolve(&args.passphrase, passphrase::NewKeyFlags::New, lang)?;
    if matches!(protection, CaKeyProtection::Unencrypted) {
        eprintln!("{}", Said::NoPassphrase.text(lang));
    }
    make::new_ca(&plan, &protection, now, &target, &args.out)
}

/// The fleet file's text, bounded by [`MAX_FLEET_FILE`].
fn read_fleet(path: &std::path::Path, shown: &str) -> Result<String, Failure> {
    let named = || Named::flag("--config", shown);
    let bytes = read::bounded(path, MAX_FLEET_FILE).map_err(|e| {
        Failure::input(Problem::reading(
            named(),
            FileRole::Fleet,
            MAX_FLEET_FILE,
            e,
        ))
    })?;
    String::from_utf8(bytes.to_vec()).map_err(|_| Failure::input(Problem::FleetNotUtf8(named())))
}
