//! [`Plan::from_request`]: every input checked once, each by its own rule,
//! every problem reported at once.

use time::Date;

use super::ca_end::{fit_to_ca, Fitted};
use super::error::{Field, FieldError, InputProblem, PlanErrors};
use super::fields::{
    parse_allow_from, parse_ca_name, parse_days, parse_install_dir, parse_key_type, parse_listen,
};
use super::hosts::{parse_clients, parse_servers, ParsedServer};
use super::request::{PlanRequest, Purpose};
use super::spec::{
    Plan, ServerSpec, DEFAULT_CA_DAYS, DEFAULT_DAYS, DEFAULT_INSTALL_DIR, DEFAULT_LISTEN,
    MAX_CA_DAYS, MAX_DAYS,
};

impl Plan {
    /// Checks every input and returns the plan, or every problem found.
    /// `today` names the default CA ("dockcert CA 2026-11-23"), so CAs made on
    /// different days are told apart.
    pub fn from_request(req: &PlanRequest, today: Date) -> Result<Plan, PlanErrors> {
        let mut errors = Vec::new();

        let key_type = take(&mut errors, parse_key_type(req.key_type.as_deref()));
        let days = take(
            &mut errors,
            parse_days(Field::Days, req.days.as_deref(), DEFAULT_DAYS, MAX_DAYS),
        );
        let fitted = match (days, req.ca_lifetime) {
            (Some(days), Some(ca)) => take(&mut errors, fit_to_ca(days, req.days.is_some(), ca)),
            (days, _) => days.map(|days| Fitted {
                days,
                shortened_to: None,
            }),
        };
        let ca_days = take(
            &mut errors,
            parse_days(
                Field::CaDays,
                req.ca_days.as_deref(),
                DEFAULT_CA_DAYS,
                MAX_CA_DAYS,
            ),
        );
        let ca_name = take(&mut errors, parse_ca_name(req.ca_name.as_deref(), today));
        let listen = take(
            &mut errors,
            parse_listen(req.listen.as_deref().unwrap_or(DEFAULT_LISTEN)),
        );
        let install_dir = take(
            &mut errors,
            parse_install_dir(req.install_dir.as_deref().unwrap_or(DEFAULT_INSTALL_DIR)),
        );
        if let (Some(days), Some(ca_days)) = (days, ca_days) {
            if days > ca_days {
                let shown = req.days.clone().unwrap_or_else(|| days.to_string());
                errors.push(FieldError::new(
                    Field::Days,
                    &shown,
                    InputProblem::OutliveCaDays { ca_days },
                ));
            }
        }
        let allow_from = take(&mut errors, parse_allow_from(&req.allow_from));
        let servers = parse_servers(&req.servers, req.purpose, &mut errors);
        let clients = parse_clients(&req.clients, req.purpose, &mut errors);
        if req.purpose == Purpose::ExistingCa && req.servers.is_empty() && req.clients.is_empty() {
            errors.push(FieldError::missing(
                Field::Server,
                InputProblem::NeedHostOrClient,
            ));
        }

        let (Some(listen), Some(install_dir), Some(allow_from)) = (listen, install_dir, allow_from)
        else {
            return Err(PlanErrors(errors));
        };
        let mut specs = Vec::with_capacity(servers.len());
        for ParsedServer {
            index: i,
            request: req,
            name,
            sans,
        } in servers
        {
            let own_listen = req.listen.as_deref().map(parse_listen).transpose();
            let own_dir = req
                .install_dir
                .as_deref()
                .map(parse_install_dir)
                .transpose();
            let own_allow = req.allow_from.as_deref().map(parse_allow_from).transpose();
            let (own_listen, own_dir, own_allow) = (
                own_listen.map_err(|e| e.at(i)),
                own_dir.map_err(|e| e.at(i)),
                own_allow.map_err(|e| e.at(i)),
            );
            if let (Some(l), Some(d), Some(a)) = (
                take(&mut errors, own_listen),
                take(&mut errors, own_dir),
                take(&mut errors, own_allow),
            ) {
                specs.push(ServerSpec {
                    name,
                    sans,
                    listen: l.unwrap_or_else(|| listen.clone()),
                    install_dir: d.unwrap_or_else(|| install_dir.clone()),
                    allow_from: a.unwrap_or_else(|| allow_from.clone()),
                });
            }
        }

        match (key_type, fitted, ca_days, ca_name) {
            (Some(key_type), Some(fitted), Some(ca_days), Some(ca_name)) if errors.is_empty() => {
                Ok(Plan {
                    ca_name,
                    key_type,
                    days: fitted.days,
                    days_given: req.days.is_some(),
                    days_fit_ca: fitted.shortened_to,
                    ca_days,
                    servers: specs,
                    clients,
                    ansible: req.ansible,
                    lang: req.lang,
                })
            }
            _ => Err(PlanErrors(errors)),
        }
    }
}

/// The value, or `None` with the error kept for the report.
fn take<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
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
