//! Certificates, CAs and renewals, and inspect of one file.

use dockcert_core::import::{self, renew};
use dockcert_core::inspect::{self, Gathered};
use dockcert_core::pki::CertFacts;
use dockcert_core::plan::{Plan, PlanRequest, Purpose};

use super::plans::check_plan;
use super::{check_report, first_line, now, options, render, render_import, today};

/// Certificate parsing and inspect of one file: `PATH [MODE] [HOST]\nFILE`,
/// a first line giving the file's path (its name makes inspect take it for a
/// CA, a server's pair, a daemon.json...), its octal mode and inspect's
/// `--host`, each optional (no newline: `cert.pem`, all file).
///
/// Feeds the file to `certificates` (and `CertFacts::of_der` for each),
/// `check_ca_certificate`, `renewal` (and the plan a renewal asks for),
/// `import_ca` (the file as both certificate and key) and `inspect`.
pub fn certificate(data: &[u8]) {
    let (header, file) = first_line(data).unwrap_or((b"cert.pem", data));
    let header = String::from_utf8_lossy(header);
    let mut words = header.split(' ');
    let path = words.next().unwrap_or_default();
    let mode = words.next().and_then(|m| u32::from_str_radix(m, 8).ok());
    let host = words.next();

    match import::certificates(file) {
        Ok(ders) => {
            assert!(!ders.is_empty(), "certificates found none but said Ok");
            for der in &ders {
                if let Ok(facts) = CertFacts::of_der(der) {
                    let _ = (facts.name(), facts.is_ca, facts.not_after);
                }
            }
        }
        Err(e) => render_import(Some(&e)),
    }
    let ca = match import::check_ca_certificate(file, now()) {
        Ok((der, facts)) => {
            assert!(facts.is_ca && !facts.forbids_cert_sign);
            assert!(facts.not_before <= now() && now() <= facts.not_after);
            let first = import::certificates(file)
                .ok()
                .and_then(|c| c.into_iter().next());
            assert_eq!(
                first.as_ref(),
                Some(&der),
                "the CA is not the file's first certificate"
            );
            Some(facts)
        }
        Err(e) => {
            render_import(Some(&e));
            None
        }
    };
    match renew::renewal(file) {
        Ok(old) => renewal_plan(&old, ca.as_ref()),
        Err(e) => render_import(Some(&e)),
    }
    if let Err(e) = import::import_ca(file, file, None, now()) {
        render_import(Some(&e));
    }
    let mut gathered = Gathered::default();
    gathered.add(path, Ok(file.to_vec()), mode);
    let report = inspect::inspect(&gathered, &options(host));
    check_report(&report, &gathered);
}

/// What a renewal asks for: its plan request, checked like the CLI's
/// `renew` does, its refusal split, its issuer compared with a CA.
fn renewal_plan(old: &renew::Renewal, ca: Option<&CertFacts>) {
    for note in &old.notes {
        render(note);
    }
    if let Some(ca) = ca {
        if let Err(e) = old.check_issuer(ca) {
            render_import(Some(&e));
        }
    }
    let request = old.request(PlanRequest::default());
    assert_eq!(request.purpose, Purpose::ExistingCa);
    match Plan::from_request(&request, today()) {
        Ok(plan) => check_plan(&plan, request.purpose),
        Err(errors) => {
            render(&errors);
            let (names, settings) = renew::Renewal::refusal(errors);
            if let Some(names) = names {
                render_import(Some(&names));
            }
            if !settings.is_empty() {
                render(&settings);
            }
        }
    }
}
