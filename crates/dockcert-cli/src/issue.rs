//! `dockcert issue`: more server and client certificates from an existing
//! CA, in the same layout, with the CA certificate but never its key.

use dockcert_core::plan::{Plan, Purpose};
use time::OffsetDateTime;

use crate::cli::IssueArgs;
use crate::failure::Failure;
use crate::{ca_files, make};

/// Runs `dockcert issue`: parse, plan, open the CA, make, write, report.
pub(crate) fn run(args: &IssueArgs) -> Result<(), Failure> {
    let now = OffsetDateTime::now_utc();
    let mut request = args.leaves.request(Purpose::ExistingCa);
    let lang = make::lang(&args.out);
    request.lang = lang;
    let plan = Plan::from_request(&request, now.date()).map_err(Failure::input)?;
    let target = make::target(&plan, &args.out)?;
    let ca = ca_files::open(&args.ca, now, lang)?;
    make::issued(&plan, ca, now, &target, &args.out)
}
