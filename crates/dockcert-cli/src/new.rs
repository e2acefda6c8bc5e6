//! `dockcert new`: parse, plan, generate, write, report.

use dockcert_core::bundle::{self, CaKeyProtection};
use dockcert_core::plan::{Plan, PlanRequest};
use time::OffsetDateTime;

use crate::cli::NewArgs;
use crate::failure::Failure;
use crate::{keygen, output, passphrase, report};

/// Runs `dockcert new`. Every input is checked before any key is made.
pub fn run(args: &NewArgs) -> Result<(), Failure> {
    let now = OffsetDateTime::now_utc();
    let request = PlanRequest {
        servers: args.servers.clone(),
        clients: args.clients.clone(),
        key_type: args.key_type.clone(),
        days: args.days.clone(),
        ca_days: args.ca_days.clone(),
        ca_name: args.ca_name.clone(),
        listen: args.listen.clone(),
        install_dir: args.install_dir.clone(),
    };
    let plan =
        Plan::from_request(&request, now.date()).map_err(|e| Failure::input(e.to_string()))?;
    let target = output::check(&args.out, args.force)?;
    let protection = passphrase::resolve(&args.passphrase)?;
    if matches!(protection, CaKeyProtection::Unencrypted) {
        eprintln!("dockcert: warning: --no-passphrase: the CA key will be written unencrypted");
    }

    let keys = keygen::generate(&plan)?;
    let mut rng = keygen::os_seeded_rng()?;
    let made = bundle::build(&plan, keys, &protection, now, &mut rng)
        .map_err(|e| Failure::run(e.to_string()))?;
    output::write(&target, &made)?;
    eprint!("{}", report::summary(&made, &target));
    Ok(())
}
