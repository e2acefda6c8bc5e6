//! Fleet files: one reviewed TOML file that lists the CA settings, every
//! host (name, SANs, listen address, install directory, allowed networks)
//! and every client, so the whole plan is reproduced from it.
//!
//! ```toml
//! [ca]
//! name = "Acme Docker CA"   # --ca-name
//! days = 3650               # --ca-days
//! key_type = "ecdsa-p256"   # --key-type
//!
//! [defaults]                # for every host (flags of the same name win)
//! days = 365                # --days
//! listen = "0.0.0.0:2376"   # --listen
//! install_dir = "/etc/docker"
//! allow_from = ["10.0.0.0/8"]
//!
//! [[host]]
//! name = "docker1.example.com"
//! sans = ["10.0.0.5"]
//! listen = "10.0.0.5:2376"  # this host's own settings win over everything
//!
//! [[client]]
//! name = "alice"
//! ```
//!
//! How it combines with flags: a host's own setting in the file, then the
//! flag, then `[defaults]`/`[ca]`, then dockcert's default. `--server` and
//! `--client` flags add to the file's hosts and clients. Every value is
//! checked with the same rules as the flags, and a bad one is reported with
//! the file, the line and the field.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::FieldError;
use crate::names;
use crate::plan::{self, PlanRequest, ServerRequest};

/// A bad fleet file: where, which field, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct FleetError {
    /// The file's name as the user gave it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The field, like `host[2].listen` (empty for a syntax error).
    pub field: String,
    /// The value, when there is one.
    pub value: Option<String>,
    /// What is wrong and what is allowed.
    pub problem: String,
}

impl fmt::Display for FleetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if !self.field.is_empty() {
            f.write_str(&self.field)?;
            match &self.value {
                Some(v) => write!(f, " {v:?}: ")?,
                None => f.write_str(": ")?,
            }
        }
        f.write_str(&self.problem)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FleetFile {
    ca: Option<CaSection>,
    defaults: Option<Defaults>,
    #[serde(default)]
    host: Vec<HostEntry>,
    #[serde(default)]
    client: Vec<ClientEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaSection {
    name: Option<Spanned<String>>,
    days: Option<Spanned<i64>>,
    key_type: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Defaults {
    days: Option<Spanned<i64>>,
    listen: Option<Spanned<String>>,
    install_dir: Option<Spanned<String>>,
    allow_from: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostEntry {
    name: Spanned<String>,
    #[serde(default)]
    sans: Vec<Spanned<String>>,
    listen: Option<Spanned<String>>,
    install_dir: Option<Spanned<String>>,
    allow_from: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientEntry {
    name: Spanned<String>,
}

/// A fleet file, read and checked, as plan inputs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fleet {
    /// `[ca] name`.
    pub ca_name: Option<String>,
    /// `[ca] days`.
    pub ca_days: Option<String>,
    /// `[ca] key_type`.
    pub key_type: Option<String>,
    /// `[defaults] days`.
    pub days: Option<String>,
    /// `[defaults] listen`.
    pub listen: Option<String>,
    /// `[defaults] install_dir`.
    pub install_dir: Option<String>,
    /// `[defaults] allow_from`.
    pub allow_from: Option<Vec<String>>,
    /// Every `[[host]]`.
    pub servers: Vec<ServerRequest>,
    /// Every `[[client]]`.
    pub clients: Vec<String>,
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
}

impl Reader<'_> {
    fn line(&self, span: Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text[..end].bytes().filter(|b| *b == b'\n').count() + 1
    }

    fn error(
        &self,
        span: Range<usize>,
        field: String,
        value: Option<&str>,
        problem: impl Into<String>,
    ) -> FleetError {
        FleetError {
            file: self.file.to_owned(),
            line: self.line(span),
            field,
            value: value.map(str::to_owned),
            problem: problem.into(),
        }
    }

    /// Runs `check` on a field's value, turning its error into one at the field's line.
    fn check<T>(
        &self,
        value: &Spanned<T>,
        field: &str,
        shown: &str,
        check: impl FnOnce() -> Result<(), String>,
    ) -> Result<(), FleetError> {
        check().map_err(|problem| self.error(value.span(), field.to_owned(), Some(shown), problem))
    }

    /// `listen`, checked as `--listen` is (in `[defaults]` and in a host).
    fn listen(
        &self,
        value: Option<Spanned<String>>,
        field: &str,
    ) -> Result<Option<String>, FleetError> {
        value
            .map(|v| {
                self.check(&v, field, v.get_ref(), || {
                    plan::parse_listen(v.get_ref())
                        .map(|_| ())
                        .map_err(plan_problem)
                })?;
                Ok(v.into_inner())
            })
            .transpose()
    }

    /// `install_dir`, checked as `--install-dir` is.
    fn install_dir(
        &self,
        value: Option<Spanned<String>>,
        field: &str,
    ) -> Result<Option<String>, FleetError> {
        value
            .map(|v| {
                self.check(&v, field, v.get_ref(), || {
                    plan::parse_install_dir(v.get_ref())
                        .map(|_| ())
                        .map_err(plan_problem)
                })?;
                Ok(v.into_inner())
            })
            .transpose()
    }

    /// `allow_from`, checked as `--allow-from` is.
    fn allow_from(
        &self,
        value: Option<Spanned<Vec<String>>>,
        field: &str,
    ) -> Result<Option<Vec<String>>, FleetError> {
        value
            .map(|v| {
                self.check(&v, field, &v.get_ref().join(", "), || {
                    plan::parse_allow_from(v.get_ref())
                        .map(|_| ())
                        .map_err(plan_problem)
                })?;
                Ok(v.into_inner())
            })
            .transpose()
    }
}

fn plan_problem(e: FieldError) -> String {
    e.problem
}

impl Fleet {
    /// Reads fleet file `text` (named `file` in messages).
    pub fn parse(file: &str, text: &str) -> Result<Fleet, FleetError> {
        let r = Reader { file, text };
        let parsed: FleetFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| r.line(s)).unwrap_or(1);
            FleetError {
                file: file.to_owned(),
                line,
                field: String::new(),
                value: None,
                problem: e.message().trim().replace('\n', " "),
            }
        })?;

        let mut fleet = Fleet::default();
        if let Some(ca) = parsed.ca {
            if let Some(name) = ca.name {
                r.check(&name, "ca.name", name.get_ref(), || {
                    plan::parse_ca_name(Some(name.get_ref()), time::Date::MIN)
                        .map(|_| ())
                        .map_err(plan_problem)
                })?;
                fleet.ca_name = Some(name.into_inner());
            }
            if let Some(days) = ca.days {
                let text = days.get_ref().to_string();
                r.check(&days, "ca.days", &text, || {
                    plan::parse_days(crate::Field::CaDays, Some(&text), 0, plan::MAX_CA_DAYS)
                        .map(|_| ())
                        .map_err(plan_problem)
                })?;
                fleet.ca_days = Some(text);
            }
            if let Some(key_type) = ca.key_type {
                r.check(&key_type, "ca.key_type", key_type.get_ref(), || {
                    plan::parse_key_type(Some(key_type.get_ref()))
                        .map(|_| ())
                        .map_err(plan_problem)
                })?;
                fleet.key_type = Some(key_type.into_inner());
            }
        }
        if let Some(d) = parsed.defaults {
            if let Some(days) = d.days {
                let text = days.get_ref().to_string();
                r.check(&days, "defaults.days", &text, || {
                    plan::parse_days(crate::Field::Days, Some(&text), 0, plan::MAX_DAYS)
                        .map(|_| ())
                        .map_err(plan_problem)
                })?;
                fleet.days = Some(text);
            }
            fleet.listen = r.listen(d.listen, "defaults.listen")?;
            fleet.install_dir = r.install_dir(d.install_dir, "defaults.install_dir")?;
            fleet.allow_from = r.allow_from(d.allow_from, "defaults.allow_from")?;
        }

        for (i, host) in parsed.host.into_iter().enumerate() {
            let at = format!("host[{}]", i + 1);
            let mut items = vec![host.name.get_ref().trim().to_owned()];
            r.check(
                &host.name,
                &format!("{at}.name"),
                host.name.get_ref(),
                || plan::parse_server(host.name.get_ref()).map(|_| ()),
            )?;
            if host.name.get_ref().contains(',') {
                return Err(r.error(
                    host.name.span(),
                    format!("{at}.name"),
                    Some(host.name.get_ref()),
                    "give one name here and the others in sans = [...]",
                ));
            }
            for (j, san) in host.sans.iter().enumerate() {
                r.check(san, &format!("{at}.sans[{}]", j + 1), san.get_ref(), || {
                    names::San::parse(san.get_ref().trim()).map(|_| ())
                })?;
                items.push(san.get_ref().trim().to_owned());
            }
            let spec = items.join(",");
            r.check(&host.name, &at, &spec, || {
                plan::parse_server(&spec).map(|_| ())
            })?;
            let mut req = ServerRequest::from(spec);
            req.listen = r.listen(host.listen, &format!("{at}.listen"))?;
            req.install_dir = r.install_dir(host.install_dir, &format!("{at}.install_dir"))?;
            req.allow_from = r.allow_from(host.allow_from, &format!("{at}.allow_from"))?;
            fleet.servers.push(req);
        }
        for (i, client) in parsed.client.into_iter().enumerate() {
            r.check(
                &client.name,
                &format!("client[{}].name", i + 1),
                client.name.get_ref(),
                || names::check_client_name(client.name.get_ref().trim()),
            )?;
            fleet.clients.push(client.name.into_inner());
        }
        Ok(fleet)
    }

    /// The plan request from this file and the command line's `flags`: a
    /// flag wins over the file's `[ca]`/`[defaults]` value; a host's own
    /// setting wins over both; `--server`/`--client` add to the file's lists.
    pub fn merge(self, flags: PlanRequest) -> PlanRequest {
        let mut servers = self.servers;
        servers.extend(flags.servers);
        let mut clients = self.clients;
        clients.extend(flags.clients);
        PlanRequest {
            servers,
            clients,
            key_type: flags.key_type.or(self.key_type),
            days: flags.days.or(self.days),
            ca_days: flags.ca_days.or(self.ca_days),
            ca_name: flags.ca_name.or(self.ca_name),
            listen: flags.listen.or(self.listen),
            install_dir: flags.install_dir.or(self.install_dir),
            purpose: flags.purpose,
            allow_from: if flags.allow_from.is_empty() {
                self.allow_from.unwrap_or_default()
            } else {
                flags.allow_from
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    const GOOD: &str = r#"
[ca]
name = "Acme Docker CA"
days = 3000
key_type = "ecdsa-p384"

[defaults]
days = 200
listen = "0.0.0.0:2376"
allow_from = ["10.0.0.0/8"]

[[host]]
name = "docker1.example.com"
sans = ["10.0.0.5"]
listen = "10.0.0.5:2376"

[[host]]
name = "docker2.example.com"
install_dir = "/opt/docker-tls"
allow_from = ["192.168.1.0/24"]

[[client]]
name = "alice"
"#;

    fn today() -> time::Date {
        time::Date::from_calendar_date(2026, time::Month::November, 23).unwrap()
    }

    #[test]
    fn a_fleet_file_is_a_whole_plan() {
        let fleet = Fleet::parse("fleet.toml", GOOD).unwrap();
        let plan = Plan::from_request(&fleet.merge(PlanRequest::default()), today()).unwrap();
        assert_eq!(plan.ca_name, "Acme Docker CA");
        assert_eq!((plan.days, plan.ca_days), (200, 3000));
        assert_eq!(plan.key_type.as_str(), "ecdsa-p384");
        assert_eq!(plan.servers[0].listen.to_string(), "10.0.0.5:2376");
        assert_eq!(plan.servers[0].sans.len(), 2);
        assert_eq!(plan.servers[0].allow_from[0].to_string(), "10.0.0.0/8");
        assert_eq!(plan.servers[1].listen.to_string(), "0.0.0.0:2376");
        assert_eq!(plan.servers[1].install_dir, "/opt/docker-tls");
        assert_eq!(plan.servers[1].allow_from[0].to_string(), "192.168.1.0/24");
        assert_eq!(plan.clients[0].name, "alice");
    }

    #[test]
    fn flags_win_over_the_file_and_add_hosts() {
        let fleet = Fleet::parse("fleet.toml", GOOD).unwrap();
        let flags = PlanRequest {
            servers: vec!["docker3.example.com".into()],
            clients: vec!["bob".into()],
            days: Some("100".into()),
            listen: Some("0.0.0.0:2377".into()),
            ..PlanRequest::default()
        };
        let plan = Plan::from_request(&fleet.merge(flags), today()).unwrap();
        assert_eq!(plan.days, 100);
        assert_eq!(plan.servers.len(), 3);
        assert_eq!(
            plan.servers[0].listen.to_string(),
            "10.0.0.5:2376",
            "a host's own setting wins"
        );
        assert_eq!(
            plan.servers[1].listen.to_string(),
            "0.0.0.0:2377",
            "the flag wins over [defaults]"
        );
        assert_eq!(plan.clients.len(), 2);
    }

    #[test]
    fn bad_values_name_the_file_line_and_field() {
        let bad = GOOD.replace("listen = \"10.0.0.5:2376\"", "listen = \"10.0.0.5\"");
        let e = Fleet::parse("fleet.toml", &bad).unwrap_err();
        assert_eq!(
            e.to_string(),
            "fleet.toml:15: host[1].listen \"10.0.0.5\": must be HOST:PORT, like 0.0.0.0:2376 or [::]:2376"
        );
        let bad = GOOD.replace(
            "sans = [\"10.0.0.5\"]",
            "sans = [\"10.0.0.5\", \"bad.name.\"]",
        );
        let e = Fleet::parse("fleet.toml", &bad).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (14, "host[1].sans[2]"));
        assert!(e.problem.contains("trailing dot"), "{e}");
        let bad = GOOD.replace("days = 200", "days = 0");
        let e = Fleet::parse("fleet.toml", &bad).unwrap_err();
        assert_eq!(
            e.to_string(),
            "fleet.toml:8: defaults.days \"0\": must be a whole number of days from 1 to 3650"
        );
        let bad = GOOD.replace("name = \"alice\"", "name = \"a/b\"");
        assert!(Fleet::parse("fleet.toml", &bad)
            .unwrap_err()
            .to_string()
            .starts_with("fleet.toml:23: client[1].name \"a/b\": "));
        let bad = GOOD.replace(
            "allow_from = [\"10.0.0.0/8\"]",
            "allow_from = [\"10.0.0.1/8\"]",
        );
        assert!(Fleet::parse("fleet.toml", &bad)
            .unwrap_err()
            .to_string()
            .contains("did you mean 10.0.0.0/8?"));
    }

    #[test]
    fn unknown_fields_and_syntax_errors_name_the_line() {
        let e =
            Fleet::parse("f.toml", "[[host]]\nname = \"a.example\"\nport = 2376\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.problem.contains("unknown field `port`"), "{e}");
        let e = Fleet::parse("f.toml", "[ca]\nname = \"x\"\ndays = \"ten\"\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = Fleet::parse("f.toml", "[ca\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = Fleet::parse("f.toml", "[[host]]\nsans = []\n").unwrap_err();
        assert!(e.problem.contains("missing field `name`"), "{e}");
    }
}
