//! Plans: fleet files, the flags and form fields of a plan, and the
//! Docker files a plan makes.

use std::net::IpAddr;

use dockcert_core::docker::{self, firewall, DaemonConfig};
use dockcert_core::pki::San;
use dockcert_core::plan::fleet::{Fleet, FleetProblem};
use dockcert_core::plan::names::{self, Cidr};
use dockcert_core::plan::{Plan, PlanRequest, Purpose, ServerRequest};

use super::{render, today};

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
                assert!(!errors.is_empty(), "a refused fleet plan with no problem");
                for problem in &errors {
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
/// `days`, `ca-days`, `ca-name`, `subject-org`, `subject-unit`,
/// `subject-country`, `listen`, `install-dir`, `allow-from`;
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
            "subject-org" => request.subject_org = Some(value.clone()),
            "subject-unit" => request.subject_unit = Some(value.clone()),
            "subject-country" => request.subject_country = Some(value.clone()),
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
            assert!(!errors.is_empty(), "a refused plan with no problem");
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
        // Days left to their default stay so (the plan shortens them to end
        // with an existing CA; given days are held to).
        days: plan.days_given.then(|| plan.days.to_string()),
        ca_days: Some(plan.ca_days.to_string()),
        ca_name: Some(plan.ca_name.clone()),
        subject_org: plan.subject_org.clone(),
        subject_unit: plan.subject_unit.clone(),
        subject_country: plan.subject_country.clone(),
        listen: None,
        install_dir: None,
        allow_from: Vec::new(),
        purpose,
        ansible: plan.ansible,
        lang: plan.lang,
        ca_lifetime: None,
        bundle_name: plan.bundle_name.clone(),
        no_default_client: plan.clients.is_empty(),
        renews: plan.renews,
    }
}

/// A plan that passed: its own request gives it again, and every Docker
/// file it makes can be made (daemon.json is JSON).
pub(super) fn check_plan(plan: &Plan, purpose: Purpose) {
    // Read back, every name is given: none is taken by default any more.
    let again = Plan::from_request(&request_of(plan, purpose), today()).map(|mut again| {
        again.named_by_default.clone_from(&plan.named_by_default);
        again
    });
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
            docker::server_script(server, plan.renews.as_ref(), plan.lang),
            firewall::nftables(server, plan.lang),
            firewall::firewalld(server, plan.lang),
        );
    }
    for client in &plan.clients {
        let _ = (
            docker::client_script(client, &plan.servers, plan.renews.as_ref(), plan.lang),
            docker::docker_env(client, &plan.servers, plan.lang),
            docker::docker_context_script(client, &plan.servers, plan.lang),
        );
    }
}
