//! `dockcert issue`: more server and client certificates from an existing
//! CA, in the same layout, with the CA certificate but never its key.

use dockcert_core::plan::{Plan, Purpose};
use time::OffsetDateTime;

use crate::cli::IssueArgs;
use crate::failure::Failure;
use crate::inventory::Appender;
use crate::{ca_files, make};

/// Runs `dockcert issue`: parse, read the CA certificate, plan (the days
/// fitted to the CA's end), open the CA, open the inventory beside its key,
/// make, write, append to the inventory, report.
pub(crate) fn run(args: &IssueArgs) -> Result<(), Failure> {
    let now = OffsetDateTime::now_utc();
    let cert = ca_files::read_cert(&args.ca, now)?;
    let mut request = args.leaves.request(Purpose::ExistingCa);
    let lang = make::lang(&args.out);
    request.lang = lang;
    request.bundle_name = make::bundle_name(&args.out);
    request.ca_lifetime = Some(cert.lifetime(now));
    let plan = Plan::from_request(&request, now.date()).map_err(Failure::input)?;
    let target = make::target(&plan, &args.out)?;
    let ca = ca_files::open(&args.ca, cert, now, lang)?;
    // The key was read from its folder: the inventory is opened there
    // (started if none), and a folder that cannot take it refused, before
    // any key is made.
    let mut inventory = Appender::open(&args.ca.ca_key)?;
    let ca = inventory.hand_to(ca);
    make::issued(&plan, ca, now, (&target, inventory), &args.out)
}
