//! Names that end up in certificates and folder names: DNS names, IP addresses
//! and client names, and the networks firewall rules let in.
//!
//! The rules are the strict intersection of what Go's `crypto/x509` (the
//! docker client and dockerd), OpenSSL and RFC 5280 accept, so a name that
//! passes here works with every peer. Each check returns the *problem*; the
//! caller adds the field and the value.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::error::InputProblem;
use crate::pki::San;

/// Longest DNS name, in characters, without the trailing dot (RFC 1035 §2.3.4).
pub(crate) const MAX_DNS_NAME: usize = 253;
/// Longest DNS label (RFC 1035 §2.3.4).
pub(crate) const MAX_DNS_LABEL: usize = 63;
/// Longest client name: it becomes a Common Name, whose upper bound is 64
/// (RFC 5280 appendix A, `ub-common-name`), and a folder name.
pub(crate) const MAX_CLIENT_NAME: usize = 64;

/// What separates a host's names in a host line (`--server`, the page's
/// Hosts box): the ASCII comma, and what a Chinese input method types for
/// one: the full-width comma `，` (U+FF0C), the ideographic comma `、`
/// (U+3001) and the full-width semicolon `；` (U+FF1B). The ideographic
/// space (U+3000) separates names too ([`host_items`]).
pub const NAME_SEPARATORS: [char; 4] = [',', '\u{ff0c}', '\u{3001}', '\u{ff1b}'];

/// The ideographic space, what an input method in full-width mode types
/// for a space.
const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// A host line's items, trimmed: split at every [`NAME_SEPARATORS`]
/// character (two in a row leave an empty item, which is refused), and
/// within an item at every ideographic space (which may stand next to a
/// comma, as ASCII spaces may).
pub fn host_items(line: &str) -> Vec<&str> {
    let mut items = Vec::new();
    for item in line.split(NAME_SEPARATORS).map(str::trim) {
        if item.contains(IDEOGRAPHIC_SPACE) {
            items.extend(
                item.split(IDEOGRAPHIC_SPACE)
                    .map(str::trim)
                    .filter(|i| !i.is_empty()),
            );
        } else {
            items.push(item);
        }
    }
    items
}

/// Parses one SAN: an IP address (IPv6 optionally in brackets) or a DNS name.
/// A name with a port (`docker1.example.com:2376`, `[fd00::1]:2376`) or a URL
/// (`tcp://docker1.example.com:2376`) is said to be one, with where its port goes.
pub fn parse_san(text: &str) -> Result<San, InputProblem> {
    if text.is_empty() {
        return Err(InputProblem::EmptyName);
    }
    if let Some(ip) = parse_ip(text) {
        return Ok(San::Ip(ip));
    }
    if let Some(problem) = port_or_url(text) {
        return Err(problem);
    }
    if text.contains(':') {
        return Err(InputProblem::BadIpv6(text.to_owned()));
    }
    check_dns_name(text, true).map(San::Dns)
}

/// `text` as a URL (`scheme://HOST[:PORT][/...]`) or as `HOST:PORT`, where
/// HOST is a name or address this module accepts: what to write instead.
fn port_or_url(text: &str) -> Option<InputProblem> {
    let (rest, url) = match text.split_once("://") {
        Some((scheme, rest))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            (rest, true)
        }
        _ => (text, false),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let (host, port) = split_port(authority);
    if !url && port.is_none() {
        return None;
    }
    let host = match parse_ip(host) {
        Some(IpAddr::V6(v6)) => v6.to_string(),
        Some(IpAddr::V4(v4)) => v4.to_string(),
        None => check_dns_name(host, true).ok()?,
    };
    let port = port.map(str::to_owned);
    Some(if url {
        InputProblem::Url { host, port }
    } else {
        InputProblem::WithPort {
            host,
            port: port.unwrap_or_default(),
        }
    })
}

/// `HOST:PORT` or `[IPv6]:PORT` taken apart, the port being 1 to 5 digits;
/// anything else is all host.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    let digits = |p: &str| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let split = if authority.starts_with('[') {
        authority
            .find("]:")
            .map(|at| (&authority[..=at], &authority[at + 2..]))
    } else if authority.matches(':').count() == 1 {
        authority.split_once(':')
    } else {
        None
    };
    match split {
        Some((host, port)) if digits(port) => (host, Some(port)),
        _ => (authority, None),
    }
}

/// A network in CIDR notation, for firewall rules: `10.0.0.0/24`,
/// `fd00::/64`, or one address (`10.0.0.5` is `10.0.0.5/32`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cidr {
    /// The network address (host bits zero).
    pub addr: IpAddr,
    /// The prefix length.
    pub prefix: u8,
}

impl Cidr {
    /// Parses a CIDR, refusing host bits (`10.0.0.5/24`), which nftables and
    /// firewalld would silently widen or refuse.
    pub fn parse(text: &str) -> Result<Cidr, InputProblem> {
        let (addr_text, prefix_text) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr_text.parse().map_err(|_| InputProblem::NotANetwork)?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix_text {
            None => max,
            Some(p) => match p.parse::<u8>() {
                Ok(n) if n <= max && p.bytes().all(|b| b.is_ascii_digit()) => n,
                _ => return Err(InputProblem::PrefixLength { max }),
            },
        };
        let network = mask(addr, prefix);
        if network != addr {
            return Err(InputProblem::HostBits {
                addr: addr_text.to_owned(),
                prefix,
                network,
            });
        }
        Ok(Cidr { addr, prefix })
    }

    /// Whether this is an IPv4 network.
    pub(crate) fn is_ipv4(&self) -> bool {
        self.addr.is_ipv4()
    }
}

fn mask(addr: IpAddr, prefix: u8) -> IpAddr {
    match addr {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            let keep = if prefix == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(prefix))
            };
            IpAddr::V4(Ipv4Addr::from(bits & keep))
        }
        IpAddr::V6(v6) => {
            let bits = u128::from(v6);
            let keep = if prefix == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(prefix))
            };
            IpAddr::V6(Ipv6Addr::from(bits & keep))
        }
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// Parses an IP address the way a user writes one, IPv6 optionally in brackets.
/// Rust's parser refuses leading zeros (`010.0.0.1`), which some tools read as
/// octal; refusing them avoids the ambiguity.
pub fn parse_ip(text: &str) -> Option<IpAddr> {
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    if let Ok(v4) = inner.parse::<Ipv4Addr>() {
        if inner != text {
            return None; // "[1.2.3.4]" is not a way to write IPv4
        }
        return Some(IpAddr::V4(v4));
    }
    inner.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
}

/// Checks a DNS name and returns it lower-cased.
///
/// Letters, digits and hyphens only (RFC 1123 host names; Go's verifier and
/// pkilint both dislike underscores), labels of 1 to 63 characters that
/// neither start nor end with a hyphen, at most 253 characters, no trailing
/// dot (dockerd refuses a SAN that ends in a dot), and a last label that is not
/// all digits (that is a mistyped IP address). With `allow_wildcard`, the first
/// label may be `*`.
pub fn check_dns_name(text: &str, allow_wildcard: bool) -> Result<String, InputProblem> {
    if text.is_empty() {
        return Err(InputProblem::EmptyName);
    }
    if text.chars().any(char::is_whitespace) {
        return Err(InputProblem::NameSpaces);
    }
    if text.ends_with('.') && text.len() > 1 {
        return Err(InputProblem::TrailingDot);
    }
    if text.len() > MAX_DNS_NAME {
        return Err(InputProblem::NameTooLong {
            len: text.len(),
            max: MAX_DNS_NAME,
        });
    }
    let lower = text.to_ascii_lowercase();
    let mut labels: Vec<&str> = lower.split('.').collect();
    if labels.first() == Some(&"*") {
        if !allow_wildcard {
            return Err(InputProblem::WildcardHost);
        }
        if labels.len() < 2 {
            return Err(InputProblem::BareWildcard);
        }
        labels.remove(0);
    }
    for label in &labels {
        check_label(label)?;
    }
    if labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return Err(InputProblem::BadIpv4);
    }
    if labels
        .last()
        .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(InputProblem::NumericLastLabel);
    }
    Ok(lower)
}

fn check_label(label: &str) -> Result<(), InputProblem> {
    if label.is_empty() {
        return Err(InputProblem::EmptyLabel);
    }
    if label.contains('*') {
        return Err(InputProblem::WildcardPlace);
    }
    if let Some(bad) = label
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(InputProblem::LabelChar(bad));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(InputProblem::LabelHyphen(label.to_owned()));
    }
    if label.len() > MAX_DNS_LABEL {
        return Err(InputProblem::LabelTooLong {
            start: label[..12].to_owned(),
            len: label.len(),
        });
    }
    Ok(())
}

/// Checks a client name: it is the client certificate's Common Name and the
/// name of its folder in the bundle, so it must be a safe file name.
pub fn check_client_name(text: &str) -> Result<(), InputProblem> {
    if text.is_empty() {
        return Err(InputProblem::EmptyClient);
    }
    if text.contains('/') || text.contains('\\') {
        return Err(InputProblem::ClientSlash);
    }
    if text.contains("..") {
        return Err(InputProblem::ClientDots);
    }
    if text.chars().count() > MAX_CLIENT_NAME {
        return Err(InputProblem::NameTooLong {
            len: text.chars().count(),
            max: MAX_CLIENT_NAME,
        });
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-')))
    {
        return Err(InputProblem::ClientChar(bad));
    }
    if text.starts_with(['.', '-']) {
        return Err(InputProblem::ClientStart);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_names_and_addresses() {
        assert_eq!(
            parse_san("Docker1.Example.com"),
            Ok(San::Dns("docker1.example.com".into()))
        );
        assert_eq!(parse_san("localhost"), Ok(San::Dns("localhost".into())));
        assert_eq!(
            parse_san("*.swarm.example.com"),
            Ok(San::Dns("*.swarm.example.com".into()))
        );
        assert_eq!(
            parse_san("10.0.0.5"),
            Ok(San::Ip("10.0.0.5".parse().unwrap()))
        );
        assert_eq!(parse_san("::1"), Ok(San::Ip("::1".parse().unwrap())));
        assert_eq!(
            parse_san("[fd00::5]"),
            Ok(San::Ip("fd00::5".parse().unwrap()))
        );
        let longest_label = "a".repeat(63);
        assert!(parse_san(&format!("{longest_label}.example")).is_ok());
    }

    #[test]
    fn refuses_what_peers_refuse() {
        for (input, needle) in [
            ("", "empty"),
            ("a..b", "empty label"),
            (".a", "empty label"),
            ("my host", "spaces"),
            ("bad!name", "'!' is not allowed"),
            ("under_score", "'_' is not allowed"),
            ("-lead.example", "hyphen"),
            ("trail-.example", "hyphen"),
            ("host.example.", "trailing dot"),
            ("999.1.1.1", "not a valid IPv4"),
            ("010.0.0.1", "not a valid IPv4"),
            ("host.123", "all digits"),
            ("a.*.example", "wildcard"),
            ("*", "wildcard"),
            ("fe80::1%eth0", "IPv6"),
            ("bücher.example", "xn--"),
        ] {
            let err = parse_san(input).expect_err(input).to_string();
            assert!(err.contains(needle), "{input:?}: {err}");
        }
        let long_label = format!("{}.example", "a".repeat(64));
        assert!(parse_san(&long_label)
            .unwrap_err()
            .to_string()
            .contains("at most 63"));
        let long_name = ["abcdefghi"; 26].join(".");
        assert!(long_name.len() > 253);
        assert!(parse_san(&long_name)
            .unwrap_err()
            .to_string()
            .contains("at most 253"));
    }

    #[test]
    fn a_port_or_a_url_is_said_to_be_one_with_where_its_port_goes() {
        use crate::lang::{Lang, Localized};
        for (input, host, port) in [
            ("docker1.corp.cn:2376", "docker1.corp.cn", Some("2376")),
            ("Docker1.Corp.CN:2376", "docker1.corp.cn", Some("2376")),
            ("10.1.0.5:2376", "10.1.0.5", Some("2376")),
            ("[fd00::1]:2376", "fd00::1", Some("2376")),
        ] {
            let problem = parse_san(input).expect_err(input);
            assert_eq!(
                problem,
                InputProblem::WithPort {
                    host: host.into(),
                    port: port.unwrap().into()
                },
                "{input}"
            );
            let en = problem.text(Lang::En);
            assert!(
                en.contains(&format!("write the host as {host} here")),
                "{en}"
            );
            assert!(
                en.contains(&format!("--listen 0.0.0.0:{}", port.unwrap())),
                "{en}"
            );
            let zh = problem.text(Lang::Zh);
            assert!(
                zh.contains("主机行中不写端口") && zh.contains("--listen"),
                "{zh}"
            );
        }
        for (input, host, port) in [
            (
                "https://docker1.corp.cn:2376",
                "docker1.corp.cn",
                Some("2376"),
            ),
            ("tcp://10.1.0.5:2376", "10.1.0.5", Some("2376")),
            ("tcp://[fd00::1]:2376/", "fd00::1", Some("2376")),
            ("https://docker1.corp.cn", "docker1.corp.cn", None),
            (
                "tcp://user@docker1.corp.cn:2376/v1.41/info",
                "docker1.corp.cn",
                Some("2376"),
            ),
        ] {
            let problem = parse_san(input).expect_err(input);
            assert_eq!(
                problem,
                InputProblem::Url {
                    host: host.into(),
                    port: port.map(Into::into)
                },
                "{input}"
            );
            let en = problem.text(Lang::En);
            assert!(
                en.starts_with("a URL does not belong in a host line"),
                "{en}"
            );
            assert_eq!(en.contains("--listen"), port.is_some(), "{en}");
            assert!(problem.text(Lang::Zh).contains("主机行中不写 URL"));
        }
        // Not a name with a port: still said as before.
        for input in ["fe80::1%eth0", "docker1:http", "a:b:c", ":2376", "tcp://"] {
            let problem = parse_san(input).expect_err(input);
            assert!(
                matches!(problem, InputProblem::BadIpv6(_)),
                "{input}: {problem:?}"
            );
        }
        // An IPv6 address is never read as HOST:PORT.
        assert_eq!(
            parse_san("fd00::2376"),
            Ok(San::Ip("fd00::2376".parse().unwrap()))
        );
    }

    #[test]
    fn an_input_method_s_commas_and_spaces_separate_a_host_s_names() {
        for line in [
            "docker1.corp.cn，10.1.0.5",
            "docker1.corp.cn、10.1.0.5",
            "docker1.corp.cn；10.1.0.5",
            "docker1.corp.cn\u{3000}10.1.0.5",
            "docker1.corp.cn ，\u{3000}10.1.0.5",
            "docker1.corp.cn,10.1.0.5",
        ] {
            assert_eq!(
                host_items(line),
                ["docker1.corp.cn", "10.1.0.5"],
                "{line:?}"
            );
        }
    }

    #[test]
    fn networks() {
        assert_eq!(
            Cidr::parse("10.0.0.0/24").unwrap().to_string(),
            "10.0.0.0/24"
        );
        assert_eq!(Cidr::parse("10.0.0.5").unwrap().to_string(), "10.0.0.5/32");
        assert_eq!(Cidr::parse("fd00::/64").unwrap().to_string(), "fd00::/64");
        assert_eq!(Cidr::parse("0.0.0.0/0").unwrap().prefix, 0);
        assert!(Cidr::parse("10.0.0.5/24")
            .unwrap_err()
            .to_string()
            .contains("did you mean 10.0.0.0/24?"));
        assert!(Cidr::parse("10.0.0.0/33")
            .unwrap_err()
            .to_string()
            .contains("0 to 32"));
        assert!(Cidr::parse("fd00::/129")
            .unwrap_err()
            .to_string()
            .contains("0 to 128"));
        assert!(Cidr::parse("office")
            .unwrap_err()
            .to_string()
            .contains("not an IP network"));
        assert!(Cidr::parse("10.0.0.0/+8").is_err());
    }

    #[test]
    fn host_names_may_not_be_wildcards() {
        assert!(check_dns_name("*.example.com", false)
            .unwrap_err()
            .to_string()
            .contains("wildcard"));
    }

    #[test]
    fn client_names() {
        for ok in ["client", "alice@example.com", "ci-runner_2", "a.b"] {
            assert_eq!(check_client_name(ok), Ok(()), "{ok}");
        }
        for (bad, needle) in [
            ("", "empty"),
            ("a/b", "'/'"),
            ("a..b", "'..'"),
            ("..", "'..'"),
            ("with space", "' ' is not allowed"),
            ("-x", "start with"),
            (".hidden", "start with"),
        ] {
            let err = check_client_name(bad).expect_err(bad).to_string();
            assert!(err.contains(needle), "{bad:?}: {err}");
        }
        assert!(check_client_name(&"x".repeat(65))
            .unwrap_err()
            .to_string()
            .contains("at most 64"));
    }
}
