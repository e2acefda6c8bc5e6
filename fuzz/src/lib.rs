//! What each fuzz target feeds dockcert-core and what it checks. The targets
//! in `fuzz_targets/` call these functions; so does the stable test
//! `crates/dockcert-core/tests/fuzz_regressions.rs`, which replays every
//! committed seed and regression input through them, so an input is judged
//! in CI by exactly the code that found it.
//!
//! Each function takes the fuzzer's bytes, calls the core's public API the
//! way the CLI and the page do, and asserts only what must hold for every
//! input: nothing panics, and a few results agree where that is cheap to
//! check (a key that imports re-imports from its own PEM to the same DER; a
//! plan rebuilt from its own output is the same plan; daemon.json is JSON).
//! Every error is also rendered in both languages, as both faces show it.
//!
//! Inputs that need more than bytes (a passphrase, a file name and mode, a
//! flag) take them from the input itself, so the fuzzer varies them too and
//! a saved input replays exactly; each function says how.

#![forbid(unsafe_code)]

use std::net::IpAddr;

use dockcert_core::docker::{self, firewall, DaemonConfig};
use dockcert_core::import::{self, renew, CaInputs, KeyState};
use dockcert_core::inspect::{self, explain, Gathered, Options, Report};
use dockcert_core::lang::{Lang, Localized};
use dockcert_core::pki::{CertFacts, San};
use dockcert_core::plan::fleet::{Fleet, FleetProblem};
use dockcert_core::plan::names::{self, Cidr};
use dockcert_core::plan::{Plan, PlanRequest, Purpose, ServerRequest};
use time::{Date, Duration, OffsetDateTime};

/// A fuzz target: takes any bytes, panics on what must not happen.
pub type Target = fn(&[u8]);

/// Every target, by the name `cargo xtask fuzz` and the corpus folders use.
pub const TARGETS: &[(&str, Target)] = &[
    ("key_import", key_import),
    ("certificate", certificate),
    ("zip_inspect", zip_inspect),
    ("fleet", fleet),
    ("plan_request", plan_request),
    ("explain", explain),
];

/// The clock every target judges validity by: fixed, so an input replays
/// the same way on any day (2027-01-01, after the seeds were made).
pub fn now() -> OffsetDateTime {
    OffsetDateTime::UNIX_EPOCH + Duration::seconds(1_798_761_600)
}

fn today() -> Date {
    now().date()
}

// ---------------------------------------------------------------- keys

/// Key import: `PASSPHRASE\nKEY FILE`, the passphrase being the first line
/// as `--passphrase-file` reads it (no newline: no passphrase, all key
/// file). The key file is read without a passphrase, then with the one
/// given. The core refuses a key derivation above its caps before any work
/// (`import::MAX_SCRYPT_MEMORY` and the others), so every input stays
/// quick.
///
/// Checks: `key_is_encrypted` and `key_state` agree (an encrypted key that
/// `key_state` refuses before its passphrase is refused for the same reason
/// with one); a plain key reads the same with or without a passphrase; an
/// encrypted one needs it; a key that imports has a public key and
/// re-imports from its own PEM to the same DER.
pub fn key_import(data: &[u8]) {
    let (passphrase, file) = first_line(data).unwrap_or((&[], data));
    let state = import::key_state(file);
    let encrypted = import::key_is_encrypted(file);
    let refused_unopened = encrypted && state.is_err();
    assert_eq!(
        encrypted,
        matches!(state, Ok(KeyState::Encrypted(_))) || refused_unopened,
        "key_is_encrypted and key_state disagree: {state:?}"
    );
    let plain = import::private_key(file, None);
    if encrypted {
        assert!(
            matches!(plain, Err(import::ImportError::PassphraseNeeded)),
            "an encrypted key read without its passphrase: {:?}",
            plain.as_ref().map(|(k, f)| (k.key_type(), *f))
        );
    } else {
        let expected = plain
            .as_ref()
            .map(|(_, format)| KeyState::Plain(*format))
            .map_err(Clone::clone);
        assert_eq!(state, expected);
    }
    if let Ok((key, _)) = &plain {
        imported_key(key);
    }
    render_import(plain.as_ref().err());

    let opened = import::private_key(file, Some(passphrase));
    if refused_unopened {
        assert_eq!(
            opened.as_ref().err(),
            state.as_ref().err(),
            "key_state refused a key that a passphrase then opened or refused otherwise"
        );
    }
    if !encrypted {
        let same = match (&opened, &plain) {
            (Ok((a, fa)), Ok((b, fb))) => a.pkcs8_der() == b.pkcs8_der() && fa == fb,
            (Err(a), Err(b)) => a == b,
            _ => false,
        };
        assert!(same, "a passphrase changed how a plain key reads");
    }
    match &opened {
        Ok((key, _)) => imported_key(key),
        Err(e) => render_import(Some(e)),
    }
}

/// The first line of `data` (without its `\n`) and the rest, if it has one.
fn first_line(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = data.iter().position(|&b| b == b'\n')?;
    Some((&data[..end], &data[end + 1..]))
}

/// What every imported key must allow: its public key, and a re-import from
/// its own PEM that gives the same key.
fn imported_key(key: &dockcert_core::pki::PrivateKey) {
    assert!(
        !key.public_key_raw().is_empty(),
        "an imported key has no public key"
    );
    let pem = key.to_pem();
    assert!(pem.is_ok(), "an imported key does not encode as PEM");
    let Ok(pem) = pem else { return };
    let again = import::private_key(pem.as_bytes(), None);
    assert!(
        again.is_ok(),
        "an imported key does not re-import from its own PEM: {:?}",
        again.as_ref().err()
    );
    if let Ok((again, format)) = again {
        assert_eq!(format, import::KeyFormat::Pkcs8);
        assert_eq!(again.key_type(), key.key_type());
        assert_eq!(
            again.pkcs8_der(),
            key.pkcs8_der(),
            "re-import changed the key"
        );
    }
}

// ---------------------------------------------------------------- certificates

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
            if !settings.0.is_empty() {
                render(&settings);
            }
        }
    }
}

// ---------------------------------------------------------------- zips

/// A bundle zip, as `dockcert inspect docker-tls.zip` and the page's drop
/// zone read it: `read_zip`, then `Gathered::add` (which unpacks zips), then
/// `inspect` over what was gathered.
///
/// Checks: a zip `read_zip` opens is gathered to the same files (a later
/// entry of the same path replaces an earlier one) and nothing is skipped;
/// the report has one summary per file gathered.
pub fn zip_inspect(data: &[u8]) {
    let direct = inspect::read_zip(data);
    let mut gathered = Gathered::default();
    gathered.add("docker-tls.zip", Ok(data.to_vec()), Some(0o600));
    match &direct {
        Ok(files) if inspect::is_zip(data) => {
            assert!(gathered.skipped.is_empty(), "{:?}", gathered.skipped);
            assert!(gathered.files.len() <= files.len());
            for f in &gathered.files {
                assert!(files.contains(f), "{} was gathered but not read", f.path);
            }
        }
        Ok(_) => {}
        Err(e) => render(e),
    }
    for skipped in &gathered.skipped {
        render(skipped);
    }
    let report = inspect::inspect(&gathered, &options(Some("docker1.example.com")));
    check_report(&report, &gathered);
}

// ---------------------------------------------------------------- plans

/// A fleet file (`dockcert new --config fleet.toml`): parsed, then planned
/// alone and with flags that override and add to it, as the CLI combines
/// them.
///
/// Checks: every problem from the file names a line of the file; a plan
/// that passes is the plan its own request gives again, and makes valid
/// Docker files.
pub fn fleet(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let lines = text.matches('\n').count() + 1;
    let parsed = match Fleet::parse("fleet.toml", &text) {
        Ok(parsed) => parsed,
        Err(e) => {
            assert!((1..=lines).contains(&e.line), "line {} of {lines}", e.line);
            render(&e);
            return;
        }
    };
    let flags = PlanRequest {
        servers: vec!["extra.example.com,10.9.9.9".into()],
        clients: vec!["flag-client".into()],
        days: Some("30".into()),
        listen: Some("0.0.0.0:2376".into()),
        allow_from: vec!["192.168.0.0/16".into()],
        purpose: Purpose::ExistingCa,
        ..PlanRequest::default()
    };
    for flags in [PlanRequest::default(), flags] {
        let purpose = flags.purpose;
        match parsed.clone().plan(flags, today()) {
            Ok(plan) => check_plan(&plan, purpose),
            Err(errors) => {
                assert!(!errors.0.is_empty(), "a refused fleet plan with no problem");
                for problem in &errors.0 {
                    if let FleetProblem::InFile(e) = problem {
                        assert!((1..=lines).contains(&e.line), "line {} of {lines}", e.line);
                    }
                }
                render(&errors);
            }
        }
    }
}

/// The plan's inputs as flags and form fields give them, one per line,
/// `FLAG=VALUE` with the CLI's flag names: `server`, `client`, `key-type`,
/// `days`, `ca-days`, `ca-name`, `listen`, `install-dir`, `allow-from`;
/// `host-listen`, `host-install-dir`, `host-allow-from` set the last
/// server's own (as a fleet file's `[[host]]` does); `existing-ca` plans for
/// an existing CA. Other lines are ignored by the plan.
///
/// Every value also goes to the name checks directly: `parse_san`,
/// `check_dns_name`, `check_client_name`, `Cidr::parse`, `parse_ip`.
///
/// Checks: a name or network that passes reads back the same from its own
/// text; a plan that passes is the plan its own request gives again, and
/// makes valid Docker files; a refused plan says why.
pub fn plan_request(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut request = PlanRequest::default();
    for line in text.split('\n') {
        let (flag, value) = line.split_once('=').unwrap_or((line, ""));
        let value = value.to_owned();
        let host = |request: &mut PlanRequest, set: &dyn Fn(&mut ServerRequest)| {
            if let Some(server) = request.servers.last_mut() {
                set(server);
            }
        };
        match flag {
            "server" => request.servers.push(value.as_str().into()),
            "client" => request.clients.push(value.clone()),
            "key-type" => request.key_type = Some(value.clone()),
            "days" => request.days = Some(value.clone()),
            "ca-days" => request.ca_days = Some(value.clone()),
            "ca-name" => request.ca_name = Some(value.clone()),
            "listen" => request.listen = Some(value.clone()),
            "install-dir" => request.install_dir = Some(value.clone()),
            "allow-from" => request.allow_from.push(value.clone()),
            "host-listen" => host(&mut request, &|s| s.listen = Some(value.clone())),
            "host-install-dir" => host(&mut request, &|s| s.install_dir = Some(value.clone())),
            "host-allow-from" => host(&mut request, &|s| {
                s.allow_from
                    .get_or_insert_with(Vec::new)
                    .push(value.clone());
            }),
            "existing-ca" => request.purpose = Purpose::ExistingCa,
            _ => {}
        }
        name_checks(&value);
    }
    match Plan::from_request(&request, today()) {
        Ok(plan) => check_plan(&plan, request.purpose),
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a refused plan with no problem");
            render(&errors);
        }
    }
}

/// The name checks on one value, and that what they accept reads back.
fn name_checks(value: &str) {
    match names::parse_san(value) {
        Ok(San::Dns(name)) => {
            assert_eq!(names::check_dns_name(&name, true), Ok(name.clone()));
            assert_eq!(names::parse_san(&name), Ok(San::Dns(name)));
        }
        Ok(San::Ip(ip)) => assert_eq!(names::parse_san(&ip.to_string()), Ok(San::Ip(ip))),
        Err(problem) => render(&problem),
    }
    if let Ok(name) = names::check_dns_name(value, false) {
        assert_eq!(names::check_dns_name(value, true), Ok(name));
    }
    if let Err(problem) = names::check_client_name(value) {
        render(&problem);
    }
    match Cidr::parse(value) {
        Ok(net) => assert_eq!(Cidr::parse(&net.to_string()), Ok(net)),
        Err(problem) => render(&problem),
    }
    if let Some(ip) = names::parse_ip(value) {
        assert_eq!(names::parse_san(value), Ok(San::Ip(ip)));
    }
}

/// A plan's own values as a request: what the page sends back after
/// showing a plan, and what `from_request` must read to the same plan.
fn request_of(plan: &Plan, purpose: Purpose) -> PlanRequest {
    let text = |sans: &[San]| sans.iter().map(San::to_string).collect::<Vec<_>>();
    PlanRequest {
        servers: plan
            .servers
            .iter()
            .map(|s| ServerRequest {
                spec: text(&s.sans).join(","),
                listen: Some(s.listen.to_string()),
                install_dir: Some(s.install_dir.clone()),
                allow_from: Some(s.allow_from.iter().map(Cidr::to_string).collect()),
            })
            .collect(),
        clients: plan.clients.iter().map(|c| c.name.clone()).collect(),
        key_type: Some(plan.key_type.as_str().to_owned()),
        // Days left to their default stay so (a bundle shortens them to end
        // with an existing CA; given days are held to).
        days: plan.days_given.then(|| plan.days.to_string()),
        ca_days: Some(plan.ca_days.to_string()),
        ca_name: Some(plan.ca_name.clone()),
        listen: None,
        install_dir: None,
        allow_from: Vec::new(),
        purpose,
        ansible: plan.ansible,
        lang: plan.lang,
    }
}

/// A plan that passed: its own request gives it again, and every Docker
/// file it makes can be made (daemon.json is JSON).
fn check_plan(plan: &Plan, purpose: Purpose) {
    let again = Plan::from_request(&request_of(plan, purpose), today());
    assert_eq!(
        again.as_ref(),
        Ok(plan),
        "the plan does not read back from its own values"
    );
    for server in &plan.servers {
        assert_eq!(
            server.sans.first().map(San::to_string),
            Some(server.name.clone())
        );
        assert!(!matches!(server.sans.first(), Some(San::Ip(IpAddr::V6(_)))));
        let config = DaemonConfig::for_server(server);
        match config.to_json() {
            Ok(json) => assert!(
                serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                "{json}"
            ),
            Err(e) => render(&e),
        }
        let _ = (
            config.to_flags(),
            docker::systemd_drop_in(server),
            docker::dockerd_flags_file(server),
            docker::server_script(server),
            firewall::nftables(server),
            firewall::firewalld(server),
        );
    }
    for client in &plan.clients {
        let _ = (
            docker::client_script(client, &plan.servers),
            docker::docker_env(client, &plan.servers),
            docker::docker_context_script(client, &plan.servers),
        );
    }
}

// ---------------------------------------------------------------- explain

/// `dockcert inspect --explain TEXT`: the text as pasted (lossy UTF-8).
///
/// Checks: matching ignores ASCII case, and every explanation names a part
/// of the text.
pub fn explain(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let found = explain::explain(&text);
    let lower = text.to_ascii_lowercase();
    for e in &found {
        assert!(lower.contains(&e.matched.to_ascii_lowercase()));
        assert!(!e.cause.is_empty() && !e.fix.is_empty());
    }
    assert_eq!(explain::explain(&text.to_ascii_uppercase()), found);
}

// ---------------------------------------------------------------- shared

fn options(host: Option<&str>) -> Options {
    Options {
        host: host.map(str::to_owned),
        now: now(),
    }
}

/// A report as both faces show it: its verdict in both languages and its
/// JSON (`--json`), with one summary per file and the counts right.
fn check_report(report: &Report, gathered: &Gathered) {
    assert_eq!(report.files.len(), gathered.files.len());
    assert!(
        report.findings.len() >= gathered.skipped.len(),
        "a file skipped is not a finding"
    );
    assert_eq!(report.errors + report.warnings, report.findings.len());
    let _ = (report.verdict(Lang::En), report.verdict(Lang::Zh));
    assert!(serde_json::to_string(report).is_ok());
}

/// An import problem, as both faces show it: in both languages, and placed
/// on the CA input it is about.
fn render_import(e: Option<&import::ImportError>) {
    let Some(e) = e else { return };
    render(e);
    let on = e.clone().on_ca(CaInputs {
        cert: "ca.pem",
        key: "ca-key.pem",
        passphrase: "--passphrase-file \"pass.txt\"",
    });
    render(&on);
}

/// A message in both languages.
fn render(message: &impl Localized) {
    let (en, zh) = (message.text(Lang::En), message.text(Lang::Zh));
    assert!(!en.is_empty() && !zh.is_empty());
}
