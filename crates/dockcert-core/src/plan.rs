//! The plan: what the user asked for, checked once, in the words of the CLI's
//! flags. The CLI and the page both build a [`PlanRequest`] from raw text and
//! call [`Plan::from_request`], so they accept and refuse exactly the same
//! inputs with exactly the same messages.

use std::collections::HashSet;
use std::fmt;
use std::net::IpAddr;

use time::Date;

use crate::error::{Field, FieldError, PlanErrors};
use crate::keys::KeyType;
use crate::names::{self, Cidr, San};

/// Default leaf validity in days.
pub const DEFAULT_DAYS: u32 = 365;
/// Default CA validity in days.
pub const DEFAULT_CA_DAYS: u32 = 3650;
/// Longest leaf validity: ten years. dockerd has no revocation, so a
/// certificate's lifetime is how long a stolen key stays useful.
pub const MAX_DAYS: u32 = 3650;
/// Longest CA validity: twenty years.
pub const MAX_CA_DAYS: u32 = 7300;
/// Default listen address: every interface, Docker's TLS port (2376; 2375 is
/// the conventional plain-text port).
pub const DEFAULT_LISTEN: &str = "0.0.0.0:2376";
/// Default directory for the server's files on each host.
pub const DEFAULT_INSTALL_DIR: &str = "/etc/docker";
/// The client made when no `--client` is given.
pub const DEFAULT_CLIENT: &str = "client";
/// Most hosts or clients in one plan.
pub const MAX_ENTRIES: usize = 10_000;
/// Longest CA name (the CA's Common Name, RFC 5280 `ub-common-name`).
pub const MAX_CA_NAME: usize = 64;

/// The raw inputs, as text, exactly as the user typed them. `None` means
/// "not given, use the default"; `Some("")` is an empty input and an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanRequest {
    /// One entry per `--server` (or `[[host]]` of a fleet file).
    pub servers: Vec<ServerRequest>,
    /// One entry per `--client`.
    pub clients: Vec<String>,
    /// `--key-type`.
    pub key_type: Option<String>,
    /// `--days`.
    pub days: Option<String>,
    /// `--ca-days`.
    pub ca_days: Option<String>,
    /// `--ca-name`.
    pub ca_name: Option<String>,
    /// `--listen`.
    pub listen: Option<String>,
    /// `--install-dir`.
    pub install_dir: Option<String>,
    /// `--allow-from`: the client networks the firewall rules let in.
    pub allow_from: Vec<String>,
    /// What the plan is for.
    pub purpose: Purpose,
}

/// What a plan is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Purpose {
    /// `dockcert new`: a new CA, at least one host, and a client named
    /// "client" when none is given.
    #[default]
    NewCa,
    /// `dockcert issue` and `renew`: certificates from an existing CA; hosts
    /// and clients as given, at least one of either.
    ExistingCa,
}

/// One host as asked for: `NAME[,SAN...]` and, from a fleet file, its own
/// settings, which win over the plan-wide ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerRequest {
    /// `NAME[,SAN...]`.
    pub spec: String,
    /// This host's own `listen`.
    pub listen: Option<String>,
    /// This host's own `install_dir`.
    pub install_dir: Option<String>,
    /// This host's own `allow_from` (replaces the plan-wide list).
    pub allow_from: Option<Vec<String>>,
}

impl From<&str> for ServerRequest {
    fn from(spec: &str) -> Self {
        ServerRequest {
            spec: spec.to_owned(),
            ..ServerRequest::default()
        }
    }
}

impl From<String> for ServerRequest {
    fn from(spec: String) -> Self {
        ServerRequest {
            spec,
            ..ServerRequest::default()
        }
    }
}

/// A checked plan: everything needed to make a bundle except the keys, the
/// passphrase, the RNG and the clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The CA's Common Name.
    pub ca_name: String,
    /// The key type of the CA and of every leaf.
    pub key_type: KeyType,
    /// Validity of server and client certificates, in days.
    pub days: u32,
    /// Validity of the CA certificate, in days.
    pub ca_days: u32,
    /// The Docker hosts, in the order given.
    pub servers: Vec<ServerSpec>,
    /// The clients, in the order given.
    pub clients: Vec<ClientSpec>,
}

/// One Docker host: its name and every name or address clients use to reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerSpec {
    /// The host's name: its certificate's Common Name and its folder name.
    pub name: String,
    /// Every subjectAltName, the name first.
    pub sans: Vec<San>,
    /// Where dockerd listens for TLS connections.
    pub listen: Listen,
    /// Where the server's files live on the host.
    pub install_dir: String,
    /// The client networks the firewall rules let reach the TLS port; empty:
    /// no firewall rules are made.
    pub allow_from: Vec<Cidr>,
}

/// One client: a person or a machine that runs `docker` against the hosts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSpec {
    /// The client's name: its certificate's Common Name and its folder name.
    pub name: String,
}

/// A `HOST:PORT` for dockerd's `-H tcp://HOST:PORT`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listen {
    /// An IP address or a DNS name.
    pub host: String,
    /// 1 to 65535.
    pub port: u16,
}

impl fmt::Display for Listen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

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
                    format!(
                        "the server and client certificates would outlive the CA (--ca-days {ca_days}); use at most {ca_days}"
                    ),
                ));
            }
        }
        let allow_from = take(&mut errors, parse_allow_from(&req.allow_from));
        let servers = parse_servers(&req.servers, req.purpose, &mut errors);
        let clients = parse_clients(&req.clients, req.purpose, &mut errors);
        if req.purpose == Purpose::ExistingCa && req.servers.is_empty() && req.clients.is_empty() {
            errors.push(FieldError::missing(
                Field::Server,
                "give at least one --server or --client to make certificates for",
            ));
        }

        let (Some(listen), Some(install_dir), Some(allow_from)) = (listen, install_dir, allow_from)
        else {
            return Err(PlanErrors(errors));
        };
        let mut specs = Vec::with_capacity(servers.len());
        for (req, (name, sans)) in servers {
            let own_listen = req.listen.as_deref().map(parse_listen).transpose();
            let own_dir = req
                .install_dir
                .as_deref()
                .map(parse_install_dir)
                .transpose();
            let own_allow = req.allow_from.as_deref().map(parse_allow_from).transpose();
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

        match (key_type, days, ca_days, ca_name) {
            (Some(key_type), Some(days), Some(ca_days), Some(ca_name)) if errors.is_empty() => {
                Ok(Plan {
                    ca_name,
                    key_type,
                    days,
                    ca_days,
                    servers: specs,
                    clients,
                })
            }
            _ => Err(PlanErrors(errors)),
        }
    }

    /// The keys this plan needs, in the order [`crate::bundle::KeySet`] holds
    /// them: the CA, then each server, then each client.
    pub fn key_slots(&self) -> Vec<KeySlot> {
        let mut slots = vec![KeySlot::Ca];
        slots.extend(self.leaf_key_slots());
        slots
    }

    /// The server and client keys only, for certificates signed by an
    /// existing CA: each server, then each client.
    pub fn leaf_key_slots(&self) -> Vec<KeySlot> {
        let mut slots: Vec<KeySlot> = self
            .servers
            .iter()
            .map(|s| KeySlot::Server(s.name.clone()))
            .collect();
        slots.extend(self.clients.iter().map(|c| KeySlot::Client(c.name.clone())));
        slots
    }
}

/// Whose key a generated key is, for progress messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySlot {
    /// The CA's key.
    Ca,
    /// A host's server key.
    Server(String),
    /// A client's key.
    Client(String),
}

impl fmt::Display for KeySlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySlot::Ca => f.write_str("CA key"),
            KeySlot::Server(name) => write!(f, "server key for {name}"),
            KeySlot::Client(name) => write!(f, "client key for {name}"),
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

pub(crate) fn parse_key_type(text: Option<&str>) -> Result<KeyType, FieldError> {
    match text {
        None => Ok(KeyType::default()),
        Some(t) => t
            .parse()
            .map_err(|problem: String| FieldError::new(Field::KeyType, t, problem)),
    }
}

pub(crate) fn parse_days(
    field: Field,
    text: Option<&str>,
    default: u32,
    max: u32,
) -> Result<u32, FieldError> {
    let Some(text) = text else {
        return Ok(default);
    };
    let allowed = format!("must be a whole number of days from 1 to {max}");
    let trimmed = text.trim();
    if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::new(field, text, allowed));
    }
    match trimmed.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(FieldError::new(field, text, allowed)),
    }
}

pub(crate) fn parse_ca_name(text: Option<&str>, today: Date) -> Result<String, FieldError> {
    let Some(text) = text else {
        return Ok(format!("dockcert CA {today}"));
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(FieldError::new(
            Field::CaName,
            text,
            "the CA name must not be empty",
        ));
    }
    if trimmed.chars().count() > MAX_CA_NAME {
        return Err(FieldError::new(
            Field::CaName,
            text,
            format!(
                "the CA name is {} characters long; at most {MAX_CA_NAME} are allowed",
                trimmed.chars().count()
            ),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(FieldError::new(
            Field::CaName,
            text,
            "the CA name must not contain control characters",
        ));
    }
    Ok(trimmed.to_owned())
}

/// Parses `HOST:PORT`, `[IPv6]:PORT`.
pub(crate) fn parse_listen(text: &str) -> Result<Listen, FieldError> {
    let err = |problem: &str| FieldError::new(Field::Listen, text, problem);
    let shape = "must be HOST:PORT, like 0.0.0.0:2376 or [::]:2376";
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let (host, port) = rest.split_once("]:").ok_or_else(|| err(shape))?;
        match host.parse::<IpAddr>() {
            Ok(IpAddr::V6(_)) => (host.to_owned(), port),
            _ => return Err(err("the address in brackets must be an IPv6 address")),
        }
    } else {
        let (host, port) = text.rsplit_once(':').ok_or_else(|| err(shape))?;
        if host.contains(':') {
            return Err(err("write an IPv6 address in brackets, like [::]:2376"));
        }
        if host.is_empty() {
            return Err(err(shape));
        }
        match host.parse::<IpAddr>() {
            Ok(ip) => (ip.to_string(), port),
            Err(_) => match names::check_dns_name(host, false) {
                Ok(name) => (name, port),
                Err(problem) => {
                    return Err(err(&format!(
                        "the host is not an IP address or a DNS name: {problem}"
                    )))
                }
            },
        }
    };
    let port_problem = "the port must be a number from 1 to 65535";
    if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(port_problem));
    }
    match port.parse::<u16>() {
        Ok(p) if p > 0 => Ok(Listen { host, port: p }),
        _ => Err(err(port_problem)),
    }
}

/// An absolute path made of safe characters: it is written into daemon.json,
/// a systemd unit and a shell script, so nothing there may need quoting.
pub(crate) fn parse_install_dir(text: &str) -> Result<String, FieldError> {
    let err = |problem: &str| FieldError::new(Field::InstallDir, text, problem);
    if !text.starts_with('/') {
        return Err(err("must be an absolute path, like /etc/docker"));
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-')))
    {
        return Err(err(&format!(
            "'{}' is not allowed: use letters, digits, '/', '.', '_' and '-'",
            bad.escape_default()
        )));
    }
    let trimmed = text.trim_end_matches('/');
    if trimmed.is_empty() {
        return Err(err("must not be the root directory"));
    }
    if trimmed
        .split('/')
        .skip(1)
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err(err("must not contain empty, '.' or '..' parts"));
    }
    if trimmed.len() > 200 {
        return Err(err("must be at most 200 characters long"));
    }
    Ok(trimmed.to_owned())
}

/// `--allow-from` networks: CIDRs or single addresses, each at most once.
pub(crate) fn parse_allow_from(inputs: &[String]) -> Result<Vec<Cidr>, FieldError> {
    let mut nets: Vec<Cidr> = Vec::with_capacity(inputs.len());
    for input in inputs {
        let net =
            Cidr::parse(input.trim()).map_err(|p| FieldError::new(Field::AllowFrom, input, p))?;
        if nets.contains(&net) {
            return Err(FieldError::new(
                Field::AllowFrom,
                input,
                "this network is given twice",
            ));
        }
        nets.push(net);
    }
    Ok(nets)
}

fn parse_servers<'a>(
    inputs: &'a [ServerRequest],
    purpose: Purpose,
    errors: &mut Vec<FieldError>,
) -> Vec<(&'a ServerRequest, (String, Vec<San>))> {
    if inputs.is_empty() && purpose == Purpose::NewCa {
        errors.push(FieldError::missing(
            Field::Server,
            "at least one server is required, like --server docker1.example.com,10.0.0.5",
        ));
        return Vec::new();
    }
    if inputs.len() > MAX_ENTRIES {
        errors.push(FieldError::missing(
            Field::Server,
            format!(
                "{} servers given; at most {MAX_ENTRIES} are allowed",
                inputs.len()
            ),
        ));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut servers = Vec::with_capacity(inputs.len());
    for req in inputs {
        let input = &req.spec;
        match parse_server(input) {
            Ok((name, sans)) => {
                if seen.insert(name.clone()) {
                    servers.push((req, (name, sans)));
                } else {
                    errors.push(FieldError::new(
                        Field::Server,
                        input,
                        format!("the host \"{name}\" is given twice; list each host once, with all its names"),
                    ));
                }
            }
            Err(problem) => errors.push(FieldError::new(Field::Server, input, problem)),
        }
    }
    servers
}

/// `NAME[,SAN...]`: the first item names the host (and must not be a
/// wildcard or an IPv6 address, since it names a folder); every item becomes a SAN.
pub(crate) fn parse_server(input: &str) -> Result<(String, Vec<San>), String> {
    if input.trim().is_empty() {
        return Err("empty host name".into());
    }
    let mut sans: Vec<San> = Vec::new();
    let mut name = String::new();
    for (i, item) in input.split(',').map(str::trim).enumerate() {
        if item.is_empty() {
            return Err(if i == 0 {
                "empty host name".into()
            } else {
                "empty subject alternative name (two commas in a row, or a trailing comma)".into()
            });
        }
        let san = San::parse(item)
            .map_err(|p| format!("\"{item}\" is not a valid DNS name or IP address: {p}"))?;
        if i == 0 {
            match &san {
                San::Dns(_) if san.is_wildcard() => {
                    return Err("a wildcard cannot name a host: give the host's own name first and the wildcard after it".into())
                }
                San::Ip(IpAddr::V6(_)) => {
                    return Err("the first item names the host's folder and must be a DNS name or an IPv4 address; put IPv6 addresses after it".into())
                }
                _ => name = san.to_string(),
            }
        }
        if sans.contains(&san) {
            return Err(format!("\"{item}\" is listed twice"));
        }
        sans.push(san);
    }
    Ok((name, sans))
}

fn parse_clients(
    inputs: &[String],
    purpose: Purpose,
    errors: &mut Vec<FieldError>,
) -> Vec<ClientSpec> {
    if inputs.is_empty() && purpose == Purpose::NewCa {
        return vec![ClientSpec {
            name: DEFAULT_CLIENT.into(),
        }];
    }
    if inputs.len() > MAX_ENTRIES {
        errors.push(FieldError::missing(
            Field::Client,
            format!(
                "{} clients given; at most {MAX_ENTRIES} are allowed",
                inputs.len()
            ),
        ));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut clients = Vec::with_capacity(inputs.len());
    for input in inputs {
        let name = input.trim();
        if let Err(problem) = names::check_client_name(name) {
            errors.push(FieldError::new(Field::Client, input, problem));
        } else if !seen.insert(name.to_ascii_lowercase()) {
            errors.push(FieldError::new(
                Field::Client,
                input,
                "this client is given twice; client names must be unique (ignoring case)",
            ));
        } else {
            clients.push(ClientSpec {
                name: name.to_owned(),
            });
        }
    }
    clients
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn listen_is_host_and_port() {
        assert_eq!(parse_listen("[::]:2376").unwrap().to_string(), "[::]:2376");
        assert_eq!(parse_listen("127.0.0.1:1").unwrap().port, 1);
        assert_eq!(
            parse_listen("docker1.lan:2376").unwrap().host,
            "docker1.lan"
        );
        for bad in [
            "0.0.0.0",
            "0.0.0.0:",
            "0.0.0.0:0",
            "0.0.0.0:65536",
            "host:abc",
            ":2376",
            "::1:2376",
            "[1.2.3.4]:1",
            "bad host:1",
        ] {
            let e = parse_listen(bad).unwrap_err();
            assert_eq!(e.field, Field::Listen, "{bad}");
            assert!(
                e.to_string().starts_with(&format!("--listen {bad:?}: ")),
                "{e}"
            );
        }
    }

    #[test]
    fn install_dir_is_a_plain_absolute_path() {
        assert_eq!(parse_install_dir("/etc/docker/").unwrap(), "/etc/docker");
        assert_eq!(
            parse_install_dir("/opt/docker-tls/certs").unwrap(),
            "/opt/docker-tls/certs"
        );
        for bad in [
            "etc/docker",
            "/",
            "/etc/../tmp",
            "/etc/my docker",
            "/etc/$HOME",
            "/a//b",
        ] {
            assert!(parse_install_dir(bad).is_err(), "{bad}");
        }
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
        for bad in ["", "   ", "a\nb"] {
            let req = PlanRequest {
                ca_name: Some(bad.into()),
                ..request(&["h"])
            };
            assert!(one_error(&req).starts_with("--ca-name"));
        }
    }
}
