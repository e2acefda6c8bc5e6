//! One check per field, each the single rule for that input: the plan uses
//! them for flags and the page's form, the fleet reader for its TOML values.

use std::net::IpAddr;

use time::Date;

use super::error::{Field, FieldError, InputProblem};
use super::names::{self, Cidr};
use super::spec::{Listen, MAX_NETWORKS};
use crate::pki::KeyType;

/// Longest CA name (the CA's Common Name, RFC 5280 `ub-common-name`).
pub const MAX_CA_NAME: usize = 64;

/// `--key-type`, or the default.
pub(crate) fn parse_key_type(text: Option<&str>) -> Result<KeyType, FieldError> {
    match text {
        None => Ok(KeyType::default()),
        Some(t) => t
            .parse()
            .map_err(|e| FieldError::new(Field::KeyType, t, InputProblem::KeyType(e))),
    }
}

/// `--days` or `--ca-days` (as `field`): a whole number from 1 to `max`.
pub(crate) fn parse_days(
    field: Field,
    text: Option<&str>,
    default: u32,
    max: u32,
) -> Result<u32, FieldError> {
    let Some(text) = text else {
        return Ok(default);
    };
    let refuse = || FieldError::new(field, text, InputProblem::Days { max });
    let trimmed = text.trim();
    if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refuse());
    }
    match trimmed.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(refuse()),
    }
}

/// `--ca-name`, or "dockcert CA" and `today`, so CAs made on different days
/// are told apart.
pub(crate) fn parse_ca_name(text: Option<&str>, today: Date) -> Result<String, FieldError> {
    let Some(text) = text else {
        return Ok(format!("dockcert CA {today}"));
    };
    let refuse = |problem| FieldError::new(Field::CaName, text, problem);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(refuse(InputProblem::CaNameEmpty));
    }
    let len = trimmed.chars().count();
    if len > MAX_CA_NAME {
        return Err(refuse(InputProblem::CaNameTooLong(len)));
    }
    // It is shown in terminals, README.txt and the page: nothing there may
    // recolour a screen or read differently from what it is.
    if trimmed
        .chars()
        .any(|c| c.is_control() || crate::show::is_hidden(c))
    {
        return Err(refuse(InputProblem::CaNameControl));
    }
    Ok(trimmed.to_owned())
}

/// `HOST:PORT`, `[IPv6]:PORT`.
pub(crate) fn parse_listen(text: &str) -> Result<Listen, FieldError> {
    let err = |problem| FieldError::new(Field::Listen, text, problem);
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let (host, port) = rest
            .split_once("]:")
            .ok_or_else(|| err(InputProblem::ListenShape))?;
        match host.parse::<IpAddr>() {
            Ok(IpAddr::V6(_)) => (host.to_owned(), port),
            _ => return Err(err(InputProblem::ListenBracketsNotIpv6)),
        }
    } else {
        let (host, port) = text
            .rsplit_once(':')
            .ok_or_else(|| err(InputProblem::ListenShape))?;
        if host.contains(':') {
            return Err(err(InputProblem::ListenIpv6NeedsBrackets));
        }
        if host.is_empty() {
            return Err(err(InputProblem::ListenShape));
        }
        match host.parse::<IpAddr>() {
            Ok(ip) => (ip.to_string(), port),
            Err(_) => match names::check_dns_name(host, false) {
                Ok(name) => (name, port),
                Err(problem) => return Err(err(InputProblem::ListenHost(Box::new(problem)))),
            },
        }
    };
    if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(InputProblem::ListenPort));
    }
    match port.parse::<u16>() {
        Ok(p) if p > 0 => Ok(Listen { host, port: p }),
        _ => Err(err(InputProblem::ListenPort)),
    }
}

/// An absolute path made of safe characters: it is written into daemon.json,
/// a systemd unit and a shell script, so nothing there may need quoting.
pub(crate) fn parse_install_dir(text: &str) -> Result<String, FieldError> {
    let err = |problem| FieldError::new(Field::InstallDir, text, problem);
    if !text.starts_with('/') {
        return Err(err(InputProblem::InstallDirRelative));
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-')))
    {
        return Err(err(InputProblem::InstallDirChar(bad)));
    }
    let trimmed = text.trim_end_matches('/');
    if trimmed.is_empty() {
        return Err(err(InputProblem::InstallDirRoot));
    }
    if trimmed
        .split('/')
        .skip(1)
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err(err(InputProblem::InstallDirParts));
    }
    if trimmed.len() > 200 {
        return Err(err(InputProblem::InstallDirTooLong));
    }
    Ok(trimmed.to_owned())
}

/// `--allow-from` networks: CIDRs or single addresses, each at most once.
pub(crate) fn parse_allow_from(inputs: &[String]) -> Result<Vec<Cidr>, FieldError> {
    if inputs.len() > MAX_NETWORKS {
        return Err(FieldError::missing(
            Field::AllowFrom,
            InputProblem::TooManyNetworks(inputs.len()),
        ));
    }
    let mut nets: Vec<Cidr> = Vec::with_capacity(inputs.len());
    let mut seen = std::collections::HashSet::with_capacity(inputs.len());
    for input in inputs {
        let net =
            Cidr::parse(input.trim()).map_err(|p| FieldError::new(Field::AllowFrom, input, p))?;
        if !seen.insert(net) {
            return Err(FieldError::new(
                Field::AllowFrom,
                input,
                InputProblem::NetworkTwice,
            ));
        }
        nets.push(net);
    }
    Ok(nets)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn messages_in_chinese_keep_the_flag_and_the_value() {
        use crate::lang::{Lang, Localized};
        let e = parse_listen("0.0.0.0:0").unwrap_err();
        assert_eq!(
            e.text(Lang::Zh),
            "--listen \"0.0.0.0:0\"：端口必须是 1 到 65535 之间的数字"
        );
        assert_eq!(
            e.to_string(),
            "--listen \"0.0.0.0:0\": the port must be a number from 1 to 65535"
        );
    }
}
