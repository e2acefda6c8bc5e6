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
//! `--client` flags add to the file's hosts and clients.
//!
//! The file is read into a [`PlanRequest`] like the flags' own, and checked
//! once, by [`super::Plan::from_request`], with the flags' rules; every
//! problem with a value that came from the file is then reported with the
//! file, the line and the field (`fleet.toml:14: host[1].listen ...`).

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use time::Date;
use toml::Spanned;

use super::checked::Plan;
use super::error::{Field, FieldError, InputProblem};
use super::inputs::{PlanRequest, ServerRequest};

mod keys;
mod problems;
mod scan;

use keys::{CaSection, Defaults, Given, HostEntry};

pub use problems::{FleetError, FleetErrors, FleetProblem};

/// Largest fleet file read: 10,000 hosts with a few names each fit in a few
/// MiB.
pub const MAX_FLEET_FILE: u64 = 16 * 1024 * 1024;

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
struct ClientEntry {
    name: Spanned<String>,
}

/// A fleet file, read: what it asks for, as plan inputs, and the line of
/// each value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fleet {
    file: String,
    request: PlanRequest,
    /// `ca.name`, `host[1].sans[2]`, ... -> 1-based line.
    lines: HashMap<String, usize>,
    /// Each host's SANs as written, to name the one a problem is about.
    sans: Vec<Vec<String>>,
}

/// Reads values and their lines.
struct Reader {
    /// Where each line after the first starts, to find a value's line by
    /// binary search (counting newlines for each of 200,000 values was
    /// quadratic).
    newlines: Vec<usize>,
    lines: HashMap<String, usize>,
}

impl Reader {
    fn new(text: &str) -> Self {
        Reader {
            newlines: text
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
            lines: HashMap::new(),
        }
    }

    fn line(&self, span: Range<usize>) -> usize {
        self.newlines.partition_point(|&at| at < span.start) + 1
    }

    /// The value of `field`, its line noted.
    fn take<T>(&mut self, field: String, value: Spanned<T>) -> T {
        let line = self.line(value.span());
        self.lines.insert(field, line);
        value.into_inner()
    }

    /// A setting the file gives, its line noted as `{at}.{key}`: its
    /// field and values.
    fn given(&mut self, at: &str, given: Given) -> (Field, Vec<String>) {
        let line = self.line(given.span);
        self.lines.insert(format!("{at}.{}", given.key), line);
        (given.field, given.values)
    }
}

impl Fleet {
    /// Reads fleet file `text` (named `file` in messages). Only its shape is
    /// checked here (TOML, known fields, one name per host); its values are
    /// checked with the flags', by [`Fleet::plan`].
    pub fn parse(file: &str, text: &str) -> Result<Fleet, FleetError> {
        // Bounded before the parser builds the whole document; where the
        // scan lost the thread, the parser gets only the text it counted.
        let (counted, lost) = match scan::check_shape(file, text)? {
            scan::Shape::Bounded => (text, false),
            scan::Shape::LostAt { end } => (text.get(..end).unwrap_or(text), true),
        };
        let mut r = Reader::new(text);
        let error = |line: usize, field: String, value: Option<&str>, problem| FleetError {
            file: file.to_owned(),
            line,
            field,
            value: value.map(str::to_owned),
            problem: Box::new(problem),
        };
        let parsed: FleetFile = toml::from_str(counted).map_err(|e| {
            let line = e.span().map(|s| r.line(s)).unwrap_or(1);
            let message = e.message().trim().replace('\n', " ");
            error(line, String::new(), None, InputProblem::Toml(message))
        })?;
        if lost {
            // The parser read what the scan could not follow: refused rather than read on unbounded.
            let line = r.line(counted.len().saturating_sub(1)..counted.len());
            return Err(error(
                line,
                String::new(),
                None,
                InputProblem::FleetNotFollowed,
            ));
        }

        let mut request = PlanRequest::default();
        let sections = parsed.ca.map(|c| ("ca", c.0));
        let sections = sections
            .into_iter()
            .chain(parsed.defaults.map(|d| ("defaults", d.0)));
        for (table, given) in sections {
            for given in given {
                let (field, values) = r.given(table, given);
                request.set(field, values);
            }
        }
        let mut all_sans = Vec::with_capacity(parsed.host.len());
        for (i, host) in parsed.host.into_iter().enumerate() {
            let at = format!("host[{}]", i + 1);
            let name_line = r.line(host.name.span());
            let name = r.take(format!("{at}.name"), host.name);
            r.lines.insert(at.clone(), name_line);
            if name.contains(crate::plan::names::NAME_SEPARATORS) {
                let field = format!("{at}.name");
                return Err(error(
                    name_line,
                    field,
                    Some(&name),
                    InputProblem::HostNameList,
                ));
            }
            let names = host.sans.len() + 1;
            if names > super::spec::MAX_SANS {
                // Refused before 200,000 names are gathered and checked.
                let (problem, spec) = (InputProblem::TooManySans(names), Some(name.as_str()));
                return Err(error(name_line, at, spec, problem));
            }
            let mut items = vec![name.trim().to_owned()];
            let mut sans = Vec::with_capacity(host.sans.len());
            for (j, san) in host.sans.into_iter().enumerate() {
                let san = r.take(format!("{at}.sans[{}]", j + 1), san);
                items.push(san.trim().to_owned());
                sans.push(san);
            }
            all_sans.push(sans);
            let mut server = ServerRequest::from(items.join(","));
            for given in host.own {
                let (field, values) = r.given(&at, given);
                server.set_own(field, values);
            }
            request.servers.push(server);
        }
        for (i, client) in parsed.client.into_iter().enumerate() {
            let name = r.take(format!("client[{}].name", i + 1), client.name);
            request.clients.push(name);
        }
        Ok(Fleet {
            file: file.to_owned(),
            request,
            lines: r.lines,
            sans: all_sans,
        })
    }

    /// The plan from this file and the command line's `flags`: a flag wins
    /// over the file's `[ca]`/`[defaults]` value; a host's own setting wins
    /// over both; `--server`/`--client` add to the file's lists. Every value
    /// is checked once, with the flags' rules; a bad one from the file is
    /// named by its line.
    pub fn plan(self, flags: PlanRequest, today: Date) -> Result<Plan, FleetErrors> {
        let request = self.merged(&flags);
        Plan::from_request(&request, today).map_err(|errors| {
            FleetErrors(
                errors
                    .0
                    .into_iter()
                    .map(|e| match self.locate(&e, &flags) {
                        Some(e) => FleetProblem::InFile(e),
                        None => FleetProblem::Flag(e),
                    })
                    .collect(),
            )
        })
    }

    fn merged(&self, flags: &PlanRequest) -> PlanRequest {
        flags.over(&self.request)
    }

    /// Where in the file the value `e` is about was written, if it came
    /// from the file and not from a flag.
    fn locate(&self, e: &FieldError, flags: &PlanRequest) -> Option<FleetError> {
        let hosts = self.request.servers.len();
        let file_host = e.entry.filter(|i| *i < hosts);
        let key = e.field.setting().fleet;
        let (field, value, problem) = match (e.field, file_host, key) {
            (Field::Server, Some(i), _) => self.host_problem(i, &e.problem),
            (Field::Client, Some(i), _) if i < self.request.clients.len() => {
                (format!("client[{}].name", i + 1), None, None)
            }
            (_, Some(i), Some(key)) if key.per_host => {
                (format!("host[{}].{}", i + 1, key.key), None, None)
            }
            (field, entry, Some(key))
                if (entry.is_none() || !key.per_host) && !flags.gives(field) =>
            {
                (format!("{}.{}", key.table, key.key), None, None)
            }
            _ => return None,
        };
        let line = *self.lines.get(&field)?;
        Some(FleetError {
            file: self.file.clone(),
            line,
            field,
            value: value.or_else(|| e.value.clone()),
            problem: Box::new(problem.unwrap_or_else(|| e.problem.clone())),
        })
    }

    /// The field of host `i` a problem with its `NAME[,SAN...]` is about:
    /// one of its SANs, its name, or the host as a whole.
    fn host_problem(
        &self,
        i: usize,
        problem: &InputProblem,
    ) -> (String, Option<String>, Option<InputProblem>) {
        let at = format!("host[{}]", i + 1);
        let sans = self.sans.get(i).map(Vec::as_slice).unwrap_or_default();
        let san_index = |item: &str| sans.iter().position(|s| s.trim() == item);
        match problem {
            InputProblem::BadSan { item, problem } => match san_index(item) {
                Some(j) => (
                    format!("{at}.sans[{}]", j + 1),
                    Some(item.clone()),
                    Some(problem.as_ref().clone()),
                ),
                None => (format!("{at}.name"), Some(item.clone()), None),
            },
            InputProblem::EmptySan => match san_index("") {
                Some(j) => (format!("{at}.sans[{}]", j + 1), Some(String::new()), None),
                None => (at, None, None),
            },
            InputProblem::EmptyHostName
            | InputProblem::WildcardHost
            | InputProblem::Ipv6HostName => {
                let name = self
                    .request
                    .servers
                    .get(i)
                    .map(|s| s.spec.split(',').next().unwrap_or_default().to_owned());
                (format!("{at}.name"), name, None)
            }
            _ => (at, None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let plan = fleet.plan(PlanRequest::default(), today()).unwrap();
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
    fn a_host_name_with_an_input_method_s_comma_is_a_list_and_a_client_is_echoed_as_typed() {
        let e =
            Fleet::parse("f.toml", "[[host]]\nname = \"docker1.corp.cn，10.1.0.5\"\n").unwrap_err();
        assert_eq!(*e.problem, InputProblem::HostNameList, "{e}");
        let text = Fleet::parse(
            "f.toml",
            "[[host]]\nname = \"docker1\"\n[[client]]\nname = \"张三\"\n",
        )
        .unwrap()
        .plan(PlanRequest::default(), today())
        .unwrap_err()
        .to_string();
        assert!(
            text.contains("client[1].name \"张三\": '张' is not allowed"),
            "{text}"
        );
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
        let plan = fleet.plan(flags, today()).unwrap();
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

    /// The one problem with fleet file `text` and no flags.
    fn refused(text: &str) -> FleetError {
        let errors = match Fleet::parse("fleet.toml", text) {
            Err(e) => return e,
            Ok(fleet) => fleet.plan(PlanRequest::default(), today()).unwrap_err(),
        };
        match errors.0.as_slice() {
            [FleetProblem::InFile(e)] => e.clone(),
            other => panic!("not one problem in the file: {other:?}"),
        }
    }

    #[test]
    fn bad_values_name_the_file_line_and_field() {
        let bad = GOOD.replace("listen = \"10.0.0.5:2376\"", "listen = \"10.0.0.5\"");
        let e = refused(&bad);
        assert_eq!(
            e.to_string(),
            "fleet.toml:15: host[1].listen \"10.0.0.5\": must be HOST:PORT, like 0.0.0.0:2376 or [::]:2376"
        );
        let bad = GOOD.replace(
            "sans = [\"10.0.0.5\"]",
            "sans = [\"10.0.0.5\", \"bad.name.\"]",
        );
        let e = refused(&bad);
        assert_eq!((e.line, e.field.as_str()), (14, "host[1].sans[2]"));
        assert!(e.problem.to_string().contains("trailing dot"), "{e}");
        let bad = GOOD.replace("days = 200", "days = 0");
        let e = refused(&bad);
        assert_eq!(
            e.to_string(),
            "fleet.toml:8: defaults.days \"0\": must be a whole number of days from 1 to 3650"
        );
        let bad = GOOD.replace("name = \"alice\"", "name = \"a/b\"");
        assert!(refused(&bad)
            .to_string()
            .starts_with("fleet.toml:23: client[1].name \"a/b\": "));
        let bad = GOOD.replace(
            "allow_from = [\"10.0.0.0/8\"]",
            "allow_from = [\"10.0.0.1/8\"]",
        );
        assert!(refused(&bad)
            .to_string()
            .contains("did you mean 10.0.0.0/8?"));
    }

    #[test]
    fn the_subject_s_attributes_are_the_ca_table_s_and_a_flag_wins() {
        let with = GOOD.replace(
            "key_type = \"ecdsa-p384\"\n",
            "key_type = \"ecdsa-p384\"\nsubject_org = \"示例公司\"\nsubject_unit = \"Ops\"\nsubject_country = \"CN\"\n",
        );
        let fleet = Fleet::parse("fleet.toml", &with).unwrap();
        let plan = fleet.clone().plan(PlanRequest::default(), today()).unwrap();
        assert_eq!(plan.subject().text("x"), "C=CN, O=示例公司, OU=Ops, CN=x");
        let flags = PlanRequest {
            subject_unit: Some("Platform".into()),
            ..PlanRequest::default()
        };
        let plan = fleet.plan(flags, today()).unwrap();
        assert_eq!(plan.subject_unit.as_deref(), Some("Platform"));
        let e = refused(&with.replace("\"CN\"", "\"China\""));
        assert_eq!(
            e.to_string(),
            "fleet.toml:8: ca.subject_country \"China\": the country (C) must be a two-letter ISO 3166 code in ASCII letters, like CN, US or DE"
        );
    }

    #[test]
    fn every_problem_is_named_at_once_and_flags_keep_their_own_names() {
        let bad = GOOD
            .replace("days = 200", "days = 0")
            .replace("name = \"docker2.example.com\"", "name = \"*.example.com\"");
        let fleet = Fleet::parse("fleet.toml", &bad).unwrap();
        let flags = PlanRequest {
            listen: Some("nowhere".into()),
            ..PlanRequest::default()
        };
        let errors = fleet.plan(flags, today()).unwrap_err().to_string();
        let lines: Vec<&str> = errors.lines().collect();
        assert_eq!(lines.len(), 3, "{errors}");
        assert!(
            lines[0].starts_with("fleet.toml:8: defaults.days \"0\": "),
            "{errors}"
        );
        assert!(lines[1].starts_with("--listen \"nowhere\": "), "{errors}");
        assert!(
            lines[2].starts_with("fleet.toml:18: host[2].name \"*.example.com\": a wildcard"),
            "{errors}"
        );
    }

    #[test]
    fn a_value_a_flag_replaces_is_not_used() {
        let bad = GOOD.replace("days = 200", "days = 0");
        let fleet = Fleet::parse("fleet.toml", &bad).unwrap();
        let flags = PlanRequest {
            days: Some("30".into()),
            ..PlanRequest::default()
        };
        assert_eq!(fleet.plan(flags, today()).unwrap().days, 30);
    }

    #[test]
    fn unknown_fields_and_syntax_errors_name_the_line() {
        let e =
            Fleet::parse("f.toml", "[[host]]\nname = \"a.example\"\nport = 2376\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.problem.to_string().contains("unknown field `port`"),
            "{e}"
        );
        let e = Fleet::parse("f.toml", "[ca]\nname = \"x\"\ndays = \"ten\"\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = Fleet::parse("f.toml", "[ca\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = Fleet::parse("f.toml", "[[host]]\nsans = []\n").unwrap_err();
        assert!(
            e.problem.to_string().contains("missing field `name`"),
            "{e}"
        );
    }
}
