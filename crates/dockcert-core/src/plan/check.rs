//! [`Plan::from_request`]: every input checked once, each by its own rule,
//! every problem reported at once.

use time::Date;

use super::ca_end::{fit_to_ca, Fitted};
use super::checked::{Plan, PlanRest, PlanWide};
use super::error::{Field, FieldError, InputProblem, PlanErrors};
use super::hosts::{parse_clients, parse_servers, ParsedServer};
use super::inputs::PlanRequest;
use super::request::Purpose;

impl Plan {
    /// Checks every input and returns the plan, or every problem found.
    /// `today` names the default CA ("dockcert CA 2026-11-23"), so CAs made on
    /// different days are told apart.
    pub fn from_request(req: &PlanRequest, today: Date) -> Result<Plan, PlanErrors> {
        let mut errors = Vec::new();
        // Each setting by its row's rule, then the rules between settings,
        // each problem where the CLI has always reported it.
        let (wide, host_wide) = req.check_settings(today, &mut errors);
        let (wide, days_fit_ca) = fit_days(req, wide, &mut errors);
        let servers = parse_servers(&req.servers, req.purpose, &mut errors);
        let clients = match req.no_default_client && req.clients.is_empty() {
            true => Vec::new(),
            false => parse_clients(&req.clients, req.purpose, &mut errors),
        };
        if req.purpose == Purpose::ExistingCa && req.servers.is_empty() && req.clients.is_empty() {
            errors.push(FieldError::missing(
                Field::Server,
                InputProblem::NeedHostOrClient,
            ));
        }

        let Some(host_wide) = host_wide else {
            return Err(PlanErrors(errors));
        };
        let mut specs = Vec::with_capacity(servers.len());
        for ParsedServer {
            index,
            request,
            name,
            sans,
        } in servers
        {
            let spec = request.check_own(index, (name, sans), &host_wide, today, &mut errors);
            specs.extend(spec);
        }

        let plan = wide.plan(PlanRest {
            days_given: req.days.is_some(),
            days_fit_ca,
            named_by_default: named_by_default(req),
            servers: specs,
            clients,
            ansible: req.ansible,
            lang: req.lang,
            bundle_name: req.bundle_name.clone(),
            renews: req.renews,
        });
        match plan {
            Some(plan) if errors.is_empty() => Ok(plan),
            _ => Err(PlanErrors(errors)),
        }
    }
}

/// The names a new CA's plan takes by default because `req` gives none:
/// the client "client" and the CA's name. From an existing CA no client is
/// made unless asked for, and its name is the CA's own.
fn named_by_default(req: &PlanRequest) -> Vec<Field> {
    match req.purpose {
        Purpose::NewCa => [Field::Client, Field::CaName]
            .into_iter()
            .filter(|field| !req.gives(*field))
            .filter(|field| !(*field == Field::Client && req.no_default_client))
            .collect(),
        Purpose::ExistingCa => Vec::new(),
    }
}

/// The leaves' days fitted to an existing CA (a default shortened to end
/// with it, the CA's end date then given back; a `--days` past it refused)
/// and never longer than `--ca-days`.
fn fit_days(
    req: &PlanRequest,
    mut wide: PlanWide,
    errors: &mut Vec<FieldError>,
) -> (PlanWide, Option<String>) {
    let Some(days) = wide.days else {
        return (wide, None);
    };
    let fitted = match req.ca_lifetime {
        Some(ca) => fit_to_ca(days, req.days.is_some(), ca),
        None => Ok(Fitted {
            days,
            shortened_to: None,
        }),
    };
    // Each told after the problems of the settings up to its own, as ever.
    let fitted = fitted
        .map_err(|e| report_after(errors, Field::Days, e))
        .ok();
    if let Some(ca_days) = wide.ca_days.filter(|ca_days| days > *ca_days) {
        let shown = req.days.clone().unwrap_or_else(|| days.to_string());
        let e = FieldError::new(Field::Days, &shown, InputProblem::OutliveCaDays { ca_days });
        report_after(errors, Field::InstallDir, e);
    }
    wide.days = fitted.as_ref().map(|f| f.days);
    (wide, fitted.and_then(|f| f.shortened_to))
}

/// Keeps `e` after the problems of the settings up to `field` in the
/// table's order, before the others'.
fn report_after(errors: &mut Vec<FieldError>, field: Field, e: FieldError) {
    let place = Field::ALL.iter().position(|f| *f == field);
    let after = |f: Field| Field::ALL.iter().position(|g| *g == f) > place;
    let at = errors
        .iter()
        .position(|other| after(other.field))
        .unwrap_or(errors.len());
    errors.insert(at, e);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::KeyType;
    use crate::plan::{ClientSpec, ServerRequest};

    fn today() -> Date {
        Date::from_calendar_date(2026, time::Month::November, 23).unwrap()
    }

    fn request(servers: &[&str]) -> PlanRequest {
        PlanRequest {
            servers: servers.iter().map(|s| ServerRequest::from(*s)).collect(),
            ..PlanRequest::default()
        }
    }

    fn one_error(req: &PlanRequest) -> String {
        let errs = Plan::from_request(req, today()).unwrap_err();
        assert_eq!(errs.0.len(), 1, "{errs}");
        errs.to_string()
    }

    #[test]
    fn one_host_name_is_enough() {
        let plan = Plan::from_request(&request(&["docker1"]), today()).unwrap();
        assert_eq!(plan.ca_name, "dockcert CA 2026-11-23");
        assert_eq!(plan.key_type, KeyType::EcdsaP256);
        assert_eq!((plan.days, plan.ca_days), (365, 3650));
        assert_eq!(plan.servers[0].listen.to_string(), "0.0.0.0:2376");
        assert_eq!(plan.servers[0].install_dir, "/etc/docker");
        assert_eq!(
            plan.clients,
            vec![ClientSpec {
                name: "client".into()
            }]
        );
        assert_eq!(plan.named_by_default, [Field::Client, Field::CaName]);
    }

    #[test]
    fn a_name_given_is_not_one_taken_by_default() {
        let mut req = request(&["docker1"]);
        req.clients = vec!["client".into()];
        let plan = Plan::from_request(&req, today()).unwrap();
        assert_eq!(plan.named_by_default, [Field::CaName]);
        req.ca_name = Some("dockcert CA 2026-11-23".into());
        let typed = Plan::from_request(&req, today()).unwrap();
        assert!(typed.named_by_default.is_empty());
        // The defaults typed in make the same plan but for saying so.
        let taken = Plan::from_request(&request(&["docker1"]), today()).unwrap();
        assert_eq!(
            Plan {
                named_by_default: Vec::new(),
                ..taken
            },
            typed
        );
        req.purpose = Purpose::ExistingCa;
        req.clients.clear();
        req.ca_name = None;
        let issued = Plan::from_request(&req, today()).unwrap();
        assert!(issued.named_by_default.is_empty());
        assert!(issued.clients.is_empty());
    }

    #[test]
    fn server_items_become_sans() {
        let plan = Plan::from_request(
            &request(&["Docker1.example.com, 10.0.0.5,::1,*.swarm.example.com"]),
            today(),
        )
        .unwrap();
        let s = &plan.servers[0];
        assert_eq!(s.name, "docker1.example.com");
        let sans: Vec<String> = s.sans.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            sans,
            [
                "docker1.example.com",
                "10.0.0.5",
                "::1",
                "*.swarm.example.com"
            ]
        );
    }

    #[test]
    fn bad_servers_name_the_flag_and_echo_the_value() {
        assert_eq!(
            one_error(&request(&[])),
            "--server: at least one server is required, like --server docker1.example.com,10.0.0.5"
        );
        assert_eq!(
            one_error(&request(&["a..b"])),
            "--server \"a..b\": \"a..b\" is not a valid DNS name or IP address: empty label (two dots in a row, or a leading dot)"
        );
        assert!(
            one_error(&request(&["docker1,,10.0.0.1"])).contains("empty subject alternative name")
        );
        assert!(one_error(&request(&[""])).contains("empty host name"));
        assert!(one_error(&request(&["docker1", "DOCKER1"])).contains("given twice"));
        assert!(one_error(&request(&["docker1,docker1"])).contains("listed twice"));
        assert!(one_error(&request(&["*.example.com"])).contains("wildcard cannot name a host"));
        assert!(one_error(&request(&["::1"])).contains("put IPv6 addresses after it"));
        assert!(one_error(&request(&["999.1.1.1"])).contains("not a valid IPv4 address"));
    }

    #[test]
    fn days_are_checked() {
        for bad in ["0", "-5", "ten", "", "1.5", "99999999999", "3651"] {
            let req = PlanRequest {
                days: Some(bad.into()),
                ..request(&["h"])
            };
            let msg = one_error(&req);
            assert!(
                msg.starts_with(&format!(
                    "--days {bad:?}: must be a whole number of days from 1 to 3650"
                )),
                "{msg}"
            );
        }
        let req = PlanRequest {
            days: Some("400".into()),
            ca_days: Some("300".into()),
            ..request(&["h"])
        };
        assert_eq!(
            one_error(&req),
            "--days \"400\": the server and client certificates would outlive the CA (--ca-days 300); use at most 300"
        );
        let req = PlanRequest {
            ca_days: Some("7301".into()),
            ..request(&["h"])
        };
        assert!(one_error(&req).contains("from 1 to 7300"));
    }

    #[test]
    fn clients_are_unique_safe_names() {
        let req = PlanRequest {
            clients: vec!["alice".into(), "bob".into()],
            ..request(&["h"])
        };
        assert_eq!(Plan::from_request(&req, today()).unwrap().clients.len(), 2);
        for (bad, needle) in [("", "empty"), ("a/b", "'/'"), ("..", "'..'")] {
            let req = PlanRequest {
                clients: vec![bad.into()],
                ..request(&["h"])
            };
            assert!(one_error(&req).contains(needle), "{bad}");
        }
        let req = PlanRequest {
            clients: vec!["alice".into(), "Alice".into()],
            ..request(&["h"])
        };
        assert!(one_error(&req).contains("given twice"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let req = PlanRequest {
            servers: vec!["bad!".into()],
            key_type: Some("rsa-1024".into()),
            days: Some("0".into()),
            listen: Some("nope".into()),
            ..PlanRequest::default()
        };
        let errs = Plan::from_request(&req, today()).unwrap_err();
        let fields: Vec<Field> = errs.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [Field::KeyType, Field::Days, Field::Listen, Field::Server]
        );
    }

    #[test]
    fn ca_name_is_checked() {
        let req = PlanRequest {
            ca_name: Some("  Acme Docker CA ".into()),
            ..request(&["h"])
        };
        assert_eq!(
            Plan::from_request(&req, today()).unwrap().ca_name,
            "Acme Docker CA"
        );
        for bad in [
            "",
            "   ",
            "a\nb",
            "Evil\u{1b}[31mRED CA",
            "abc\u{202E}AC",
            "zero\u{200B}width",
        ] {
            let req = PlanRequest {
                ca_name: Some(bad.into()),
                ..request(&["h"])
            };
            assert!(one_error(&req).starts_with("--ca-name"));
        }
    }
}
