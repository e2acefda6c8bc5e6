//! `dockcert new`: parse, plan, generate, write, report.

use dockcert_core::bundle::CaKeyProtection;
use dockcert_core::plan::fleet::Fleet;
use dockcert_core::plan::{Plan, Purpose};
use time::OffsetDateTime;

use crate::cli::NewArgs;
use crate::failure::{io_reason, Failure};
use crate::{make, output, passphrase};

/// Runs `dockcert new`. Every input is checked before any key is made.
pub fn run(args: &NewArgs) -> Result<(), Failure> {
    let now = OffsetDateTime::now_utc();
    let mut flags = args.leaves.request(Purpose::NewCa);
    flags.ca_days = args.ca_days.clone();
    flags.ca_name = args.ca_name.clone();
    let plan = match &args.config {
        Some(path) => {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::input(format!(
                    "--config {shown:?}: cannot read it: {}",
                    io_reason(&e)
                ))
            })?;
            Fleet::parse(&shown, &text)
                .map_err(Failure::input)?
                .plan(flags, now.date())
                .map_err(Failure::input)?
        }
        None => Plan::from_request(&flags, now.date()).map_err(Failure::input)?,
    };
    let target = output::check(&args.out.out, args.out.force)?;
    let protection = passphrase::resolve(&args.passphrase)?;
    if matches!(protection, CaKeyProtection::Unencrypted) {
        eprintln!("dockcert: warning: --no-passphrase: the CA key will be written unencrypted");
    }
    let made = make::new_ca(&plan, &protection, now)?;
    make::deliver(&target, &made)
}
