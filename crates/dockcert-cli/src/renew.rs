//! `dockcert renew`: a new key and certificate with the same subject, SANs
//! and usage as an old one, a fresh validity and serial, signed by the same CA.

use dockcert_core::import;
use dockcert_core::plan::{Plan, PlanRequest, Purpose};
use dockcert_core::renew::{self, Role};
use time::OffsetDateTime;

use crate::cli::RenewArgs;
use crate::failure::{io_reason, Failure};
use crate::{issue, output};

/// Runs `dockcert renew`.
pub fn run(args: &RenewArgs) -> Result<(), Failure> {
    let now = OffsetDateTime::now_utc();
    let shown = format!("{:?}", args.cert.display().to_string());
    let bytes = std::fs::read(&args.cert)
        .map_err(|e| Failure::input(format!("{shown}: cannot read it: {}", io_reason(&e))))?;
    let old = renew::renewal(&bytes).map_err(|e| Failure::input(format!("{shown}: {e}")))?;

    let s = &args.settings;
    let (servers, clients) = match old.role {
        Role::Server => (vec![old.spec.as_str().into()], Vec::new()),
        Role::Client => (Vec::new(), vec![old.spec.clone()]),
    };
    let request = PlanRequest {
        servers,
        clients,
        key_type: s
            .key_type
            .clone()
            .or_else(|| old.key_type.map(|k| k.as_str().to_owned())),
        days: s.days.clone(),
        listen: s.listen.clone(),
        install_dir: s.install_dir.clone(),
        allow_from: s.allow_from.clone(),
        purpose: Purpose::ExistingCa,
        ..PlanRequest::default()
    };
    let plan = Plan::from_request(&request, now.date()).map_err(|e| {
        Failure::input(format!(
            "{shown}: the old certificate's names cannot be used as they are:\n{e}"
        ))
    })?;
    let target = output::check(&args.out.out, args.out.force)?;
    let ca = issue::open_ca(&args.ca, now)?;

    let old_der = import::certificates(&bytes)
        .ok()
        .and_then(|c| c.into_iter().next())
        .unwrap_or_default();
    let old_facts = import::facts(&old_der).map_err(|e| Failure::input(format!("{shown}: {e}")))?;
    if old_facts.issuer_der != ca.facts.subject_der {
        return Err(Failure::input(format!(
            "{shown}: it was issued by \"{}\", not by the CA in --ca-cert (\"{}\"); renew it with the CA that issued it",
            old_facts.issuer, ca.facts.subject
        )));
    }
    for note in &old.notes {
        eprintln!("dockcert: note: {note}");
    }
    let made = issue::make(&plan, ca, now)?;
    issue::finish(&target, &made)
}
