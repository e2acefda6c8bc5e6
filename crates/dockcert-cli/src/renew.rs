//! `dockcert renew`: a new key and certificate with the same subject, SANs
//! and usage as an old one, a fresh validity and serial, signed by the same CA.

use dockcert_core::import::renew::{self, Renewal};
use dockcert_core::plan::{Plan, PlanRequest};
use dockcert_core::Localized;
use time::OffsetDateTime;

use crate::cli::RenewArgs;
use crate::failure::{Failure, Lines, Message};
use crate::inventory::Appender;
use crate::report::Said;
use crate::{ca_files, make};

/// Runs `dockcert renew`: read the old certificate and the CA's, plan the
/// renewal (its days fitted to the CA's end), check the CA issued the old
/// one, open the CA, make, write, report.
pub(crate) fn run(args: &RenewArgs) -> Result<(), Failure> {
    let now = OffsetDateTime::now_utc();
    let name = args.cert.display().to_string();
    let bytes = ca_files::read_file(&args.cert).map_err(|e| Failure::input(e.in_file(&name)))?;
    let old = renew::renewal(&bytes).map_err(|e| Failure::input(e.in_file(&name)))?;
    let lang = make::lang(&args.out);
    let cert = ca_files::read_cert(&args.ca, now)?;
    let request = old.request(PlanRequest {
        lang,
        ca_lifetime: Some(cert.lifetime(now)),
        bundle_name: make::bundle_name(&args.out),
        ansible: args.ansible,
        ..args.settings.request()
    });
    let plan = Plan::from_request(&request, now.date()).map_err(|errors| {
        let (names, settings) = Renewal::refusal(errors);
        let mut lines: Vec<Message> = Vec::new();
        if let Some(e) = names {
            lines.push(Box::new(e.in_file(&name)));
        }
        lines.push(Box::new(settings));
        Failure::input(Lines(lines))
    })?;
    let target = make::target(&plan, &args.out)?;
    old.check_issuer(&cert.facts)
        .map_err(|e| Failure::input(e.in_file(&name)))?;
    let ca = ca_files::open(&args.ca, cert, now, lang)?;
    // The key was read from its folder: the inventory is opened there
    // (started if none), and a folder that cannot take it refused, before
    // any key is made.
    let mut inventory = Appender::open(&args.ca.ca_key)?;
    let ca = inventory.hand_to(ca);
    for note in &old.notes {
        let said = Said::Note(&note.text(lang)).text(lang);
        eprintln!("{}", dockcert_core::show::safe(&said));
    }
    make::issued(&plan, ca, now, (&target, inventory), &args.out)
}
