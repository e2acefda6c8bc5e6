//! The hosts and clients of a plan: each `NAME[,SAN...]` becomes a host
//! with its SANs, each client name is checked, and none may repeat.

use std::collections::HashSet;
use std::net::IpAddr;

use super::error::{Field, FieldError, InputProblem};
use super::inputs::ServerRequest;
use super::names;
use super::request::Purpose;
use super::spec::{ClientSpec, DEFAULT_CLIENT, MAX_ENTRIES, MAX_SANS};
use crate::pki::San;

/// A host that passed its checks: its index in the request, the request,
/// and its name and SANs.
pub(super) struct ParsedServer<'a> {
    pub(super) index: usize,
    pub(super) request: &'a ServerRequest,
    pub(super) name: String,
    pub(super) sans: Vec<San>,
}

/// Every `--server`, checked; a host whose name repeats is reported once.
pub(super) fn parse_servers<'a>(
    inputs: &'a [ServerRequest],
    purpose: Purpose,
    errors: &mut Vec<FieldError>,
) -> Vec<ParsedServer<'a>> {
    if inputs.is_empty() && purpose == Purpose::NewCa {
        errors.push(FieldError::missing(Field::Server, InputProblem::NeedServer));
        return Vec::new();
    }
    if inputs.len() > MAX_ENTRIES {
        errors.push(FieldError::missing(
            Field::Server,
            InputProblem::TooManyServers(inputs.len()),
        ));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut servers = Vec::with_capacity(inputs.len());
    for (i, req) in inputs.iter().enumerate() {
        let input = &req.spec;
        match parse_server(input) {
            Ok((name, sans)) => {
                if seen.insert(name.clone()) {
                    servers.push(ParsedServer {
                        index: i,
                        request: req,
                        name,
                        sans,
                    });
                } else {
                    errors.push(
                        FieldError::new(Field::Server, input, InputProblem::HostTwice(name)).at(i),
                    );
                }
            }
            Err(problem) => errors.push(FieldError::new(Field::Server, input, problem).at(i)),
        }
    }
    servers
}

/// `NAME[,SAN...]`: the first item names the host (and must not be a
/// wildcard or an IPv6 address, since it names a folder); every item becomes a SAN.
/// Items are separated by commas, ASCII or an input method's
/// ([`names::NAME_SEPARATORS`]).
pub(crate) fn parse_server(input: &str) -> Result<(String, Vec<San>), InputProblem> {
    if input.trim().is_empty() {
        return Err(InputProblem::EmptyHostName);
    }
    // Counted before the items are gathered, so a pasted file costs no list.
    let commas = input.split(names::NAME_SEPARATORS).count();
    if commas > MAX_SANS {
        return Err(InputProblem::TooManySans(commas));
    }
    let all = names::host_items(input);
    let items = all.len();
    if items > MAX_SANS {
        return Err(InputProblem::TooManySans(items));
    }
    let mut sans: Vec<San> = Vec::with_capacity(items);
    let mut seen: HashSet<San> = HashSet::with_capacity(items);
    let mut name = String::new();
    for (i, item) in all.into_iter().enumerate() {
        if item.is_empty() {
            return Err(if i == 0 {
                InputProblem::EmptyHostName
            } else {
                InputProblem::EmptySan
            });
        }
        let san = names::parse_san(item).map_err(|p| InputProblem::BadSan {
            item: item.to_owned(),
            problem: Box::new(p),
        })?;
        if i == 0 {
            match &san {
                San::Dns(_) if san.is_wildcard() => return Err(InputProblem::WildcardHost),
                San::Ip(IpAddr::V6(_)) => return Err(InputProblem::Ipv6HostName),
                _ => name = san.to_string(),
            }
        }
        if !seen.insert(san.clone()) {
            return Err(InputProblem::SanTwice(item.to_owned()));
        }
        sans.push(san);
    }
    Ok((name, sans))
}

/// Every `--client`, checked; with none for a new CA, one named "client".
pub(super) fn parse_clients(
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
            InputProblem::TooManyClients(inputs.len()),
        ));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut clients = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let name = input.trim();
        if let Err(problem) = names::check_client_name(name) {
            errors.push(FieldError::new(Field::Client, input, problem).at(i));
        } else if !seen.insert(name.to_ascii_lowercase()) {
            errors.push(FieldError::new(Field::Client, input, InputProblem::ClientTwice).at(i));
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
    use crate::lang::{Lang, Localized};

    #[test]
    fn a_host_line_typed_with_an_input_method_s_commas_is_read_as_with_ascii_ones() {
        let (name, sans) = parse_server("docker1.corp.cn，10.1.0.5、docker1；fd00::1").unwrap();
        assert_eq!(name, "docker1.corp.cn");
        let shown: Vec<String> = sans.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["docker1.corp.cn", "10.1.0.5", "docker1", "fd00::1"]);
        assert_eq!(
            parse_server("docker1.corp.cn，，10.1.0.5").unwrap_err(),
            InputProblem::EmptySan
        );
    }

    #[test]
    fn a_space_inside_a_host_line_s_item_says_how_names_are_separated() {
        let problem = parse_server("docker1.corp.cn 10.1.0.5").unwrap_err();
        assert_eq!(
            problem.text(Lang::En),
            "\"docker1.corp.cn 10.1.0.5\" is not a valid DNS name or IP address: a name must not contain spaces: separate a host's names with commas (ASCII \",\", or an input method's \"，\" or \"、\")"
        );
        assert!(problem.text(Lang::Zh).ends_with("名称不能包含空格：一台主机的多个名称请用逗号分隔（\",\"，或输入法的 \"，\" 或 \"、\"）"));
    }

    #[test]
    fn a_host_line_with_a_port_names_the_field_the_port_goes_in() {
        let problem = parse_server("docker1.corp.cn:2376,10.1.0.5").unwrap_err();
        let en = problem.text(Lang::En);
        assert!(!en.contains("IPv6"), "{en}");
        assert!(en.contains("--listen 0.0.0.0:2376"), "{en}");
        let zh = FieldError::new(Field::Server, "docker1.corp.cn:2376", problem).text(Lang::Zh);
        assert!(
            zh.starts_with("--server \"docker1.corp.cn:2376\"："),
            "{zh}"
        );
        assert!(zh.contains("端口写在 --listen 中"), "{zh}");
    }

    #[test]
    fn a_client_name_s_characters_are_shown_as_themselves() {
        let mut errors = Vec::new();
        parse_clients(&["张三".into()], Purpose::NewCa, &mut errors);
        let en = errors[0].text(Lang::En);
        assert_eq!(
            en,
            "--client \"张三\": '张' is not allowed: use letters, digits, '.', '_', '@' and '-'"
        );
        let mut errors = Vec::new();
        parse_clients(&["a\u{202e}b\"c".into()], Purpose::NewCa, &mut errors);
        let zh = errors[0].text(Lang::Zh);
        assert!(zh.starts_with("--client \"a\\u{202e}b\\\"c\"："), "{zh}");
        assert!(zh.contains("'\\u{202e}'"), "{zh}");
    }
}
