//! `dockcert new`: parse, plan, generate, write, report.

use dockcert_core::bundle::{self, CaKeyProtection, KeySet};
use dockcert_core::fleet::Fleet;
use dockcert_core::plan::{Plan, PlanRequest, Purpose};
use time::OffsetDateTime;

use crate::cli::{LeafArgs, NewArgs};
use crate::failure::{io_reason, Failure};
use crate::{keygen, output, passphrase, report};

/// The plan request the flags describe.
pub fn request(leaves: &LeafArgs, purpose: Purpose) -> PlanRequest {
    let s = &leaves.settings;
    PlanRequest {
        servers: leaves.servers.iter().map(|v| v.as_str().into()).collect(),
        clients: leaves.clients.clone(),
        key_type: s.key_type.clone(),
        days: s.days.clone(),
        listen: s.listen.clone(),
        install_dir: s.install_dir.clone(),
        allow_from: s.allow_from.clone(),
        purpose,
        ..PlanRequest::default()
    }
}

/// Runs `dockcert new`. Every input is checked before any key is made.
pub fn run(args: &NewArgs) -> Result<(), Failure> {
    let now = OffsetDateTime::now_utc();
    let mut flags = request(&args.leaves, Purpose::NewCa);
    flags.ca_days = args.ca_days.clone();
    flags.ca_name = args.ca_name.clone();
    let request = match &args.config {
        Some(path) => {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::input(format!(
                    "--config {shown:?}: cannot read it: {}",
                    io_reason(&e)
                ))
            })?;
            Fleet::parse(&shown, &text)
                .map_err(|e| Failure::input(e.to_string()))?
                .merge(flags)
        }
        None => flags,
    };
    let plan =
        Plan::from_request(&request, now.date()).map_err(|e| Failure::input(e.to_string()))?;
    let target = output::check(&args.out.out, args.out.force)?;
    let protection = passphrase::resolve(&args.passphrase)?;
    if matches!(protection, CaKeyProtection::Unencrypted) {
        eprintln!("dockcert: warning: --no-passphrase: the CA key will be written unencrypted");
    }

    let keys = keygen::generate(&plan.key_slots(), plan.key_type)?;
    let keys = KeySet::from_slots(&plan, keys).map_err(Failure::run)?;
    let mut rng = keygen::os_seeded_rng()?;
    let made = bundle::build(&plan, keys, &protection, now, &mut rng)
        .map_err(|e| Failure::run(e.to_string()))?;
    output::write(&target, &made)?;
    eprint!("{}", report::summary(&made, &target));
    Ok(())
}
