//! `dockcert rotate`: a new CA for the hosts and clients of a bundle (less
//! those `--drop`ped), laid out as three phases (the core's `rotate`).

use dockcert_core::bundle::CaKeyProtection;
use dockcert_core::import::CaUse;
use dockcert_core::inspect::Gathered;
use dockcert_core::plan::Plan;
use dockcert_core::rotate::Current;
use dockcert_core::Localized;
use time::OffsetDateTime;

use crate::cli::{Layout, RotateArgs};
use crate::failure::Failure;
use crate::problem::Problem;
use crate::report::Said;
use crate::{ca_files, gather, make, output, passphrase};

/// Runs `dockcert rotate`: read the old CA's certificate, the current
/// bundle (bounded as inspect reads it), drop, plan, then ask for the
/// passphrases, open the old CA, make, write, report. Every input is
/// checked before any key is made or passphrase asked for.
pub(crate) fn run(args: &RotateArgs) -> Result<(), Failure> {
    if args.out.layout == Layout::Dind {
        return Err(Failure::input(Problem::RotateWithDind));
    }
    let now = OffsetDateTime::now_utc();
    let lang = make::lang(&args.out);
    // An expired old CA is rotated away from, with a warning.
    let cert = ca_files::read_cert_for(&args.ca, now, CaUse::Replace)?;
    let mut gathered = Gathered::default();
    gather::bundle_members(&args.from, &mut gathered)?;
    let mut current =
        Current::read(&gathered, (&cert.der, &cert.facts), now, lang).map_err(Failure::input)?;
    drop(gathered);
    current.drop_names(&args.drop).map_err(Failure::input)?;
    let mut settings = args
        .new_ca
        .request(args.subject.request(args.settings.request()));
    settings.ansible = args.ansible;
    settings.lang = lang;
    let request = current.request(settings, &cert.facts, now.date());
    let plan = Plan::from_request(&request, now.date()).map_err(Failure::input)?;
    let target = output::check(&args.out.out, args.out.force)?;
    let ca = ca_files::open(&args.ca, cert, now, lang)?;
    for note in current.notes() {
        let said = match note.is_warning() {
            true => format!("{}{}", Said::Warning.text(lang), note.text(lang)),
            false => Said::Note(&note.text(lang)).text(lang),
        };
        eprintln!("{}", dockcert_core::show::safe(&said));
    }
    let protection = passphrase::resolve(
        &args.new_passphrase.as_new(),
        passphrase::NewKeyFlags::Rotate,
        lang,
    )?;
    if matches!(protection, CaKeyProtection::Unencrypted) {
        eprintln!("{}", Said::NoPassphrase.text(lang));
    }
    make::rotation(&plan, (&current, &ca), &protection, now, &target, &args.out)
}
