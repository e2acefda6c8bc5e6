//! How each [`InputProblem`] (`input_problem.rs`, one per kind of mistake,
//! with its facts) is said, in English (the CLI's
//! words, which operators search for) and in Chinese: one sentence saying
//! what is wrong and what is allowed.

use super::input_problem::InputProblem;
use crate::lang::{display_in_english, Lang, Localized};
use crate::show::safe;

display_in_english!(InputProblem);

/// After a space inside one of a host line's items: how names are separated.
pub(super) fn commas_hint(problem: &InputProblem, lang: Lang) -> &'static str {
    match (problem, lang) {
        (InputProblem::NameSpaces, Lang::En) => {
            ": separate a host's names with commas (ASCII \",\", or an input method's \"，\" or \"、\")"
        }
        (InputProblem::NameSpaces, Lang::Zh) => {
            "：一台主机的多个名称请用逗号分隔（\",\"，或输入法的 \"，\" 或 \"、\"）"
        }
        _ => "",
    }
}

/// A character that was refused, as it may be shown (a newline as `\n`).
fn safe_char(c: char) -> String {
    safe(c.encode_utf8(&mut [0; 4])).into_owned()
}

/// The values echoed here came from the user or from a certificate someone
/// else made (a renewal's names): each is made safe where it is put in, so
/// a newline in it cannot start a line of its own.
impl Localized for InputProblem {
    fn text(&self, lang: Lang) -> String {
        use InputProblem as P;
        let zh = lang == Lang::Zh;
        let pick = |en: String, zh_text: String| if zh { zh_text } else { en };
        match self {
            P::NeedServer => pick(
                "at least one server is required, like --server docker1.example.com,10.0.0.5".into(),
                "至少需要一台服务器，例如 --server docker1.example.com,10.0.0.5".into(),
            ),
            P::NeedHostOrClient => pick(
                "give at least one --server or --client to make certificates for".into(),
                "请至少给出一个 --server 或 --client，以便为其签发证书".into(),
            ),
            P::TooManyServers(n) => pick(
                format!("{n} servers given; at most {} are allowed", super::spec::MAX_ENTRIES),
                format!("给出了 {n} 台服务器；最多允许 {} 台", super::spec::MAX_ENTRIES),
            ),
            P::TooManyClients(n) => pick(
                format!("{n} clients given; at most {} are allowed", super::spec::MAX_ENTRIES),
                format!("给出了 {n} 个客户端；最多允许 {} 个", super::spec::MAX_ENTRIES),
            ),
            P::HostTwice(name) => pick(
                format!("the host \"{}\" is given twice; list each host once, with all its names", safe(name)),
                format!("主机 \"{}\" 出现了两次；每台主机只列一次，并写上它的所有名称", safe(name)),
            ),
            P::TooManySans(n) => pick(
                format!("{n} names and addresses for one host; at most {} are allowed", super::spec::MAX_SANS),
                format!("一台主机有 {n} 个名称和地址；最多允许 {} 个", super::spec::MAX_SANS),
            ),
            P::TooManyNetworks(n) => pick(
                format!("{n} networks given; at most {} are allowed", super::spec::MAX_NETWORKS),
                format!("给出了 {n} 个网络；最多允许 {} 个", super::spec::MAX_NETWORKS),
            ),
            P::ClientTwice => pick(
                "this client is given twice; client names must be unique (ignoring case)".into(),
                "这个客户端出现了两次；客户端名称必须唯一（不区分大小写）".into(),
            ),
            P::KeyType(e) => e.text(lang),
            P::Days { max } => pick(
                format!("must be a whole number of days from 1 to {max}"),
                format!("必须是 1 到 {max} 之间的整数天数"),
            ),
            P::OutliveCaDays { ca_days } => pick(
                format!("the server and client certificates would outlive the CA (--ca-days {ca_days}); use at most {ca_days}"),
                format!("服务器和客户端证书的有效期将超过 CA（--ca-days {ca_days}）；最多使用 {ca_days}"),
            ),
            P::OutliveCa { expires, left } => pick(
                format!("the certificates would outlive the CA, which expires {expires}; use at most {left}"),
                format!("证书的有效期将超过 CA（CA 于 {expires} 到期）；最多使用 {left}"),
            ),
            P::CaNameEmpty => pick(
                "the CA name must not be empty".into(),
                "CA 名称不能为空".into(),
            ),
            P::CaNameTooLong(n) => pick(
                format!("the CA name is {n} characters long; at most {} are allowed", super::fields::MAX_CA_NAME),
                format!("CA 名称有 {n} 个字符；最多允许 {} 个", super::fields::MAX_CA_NAME),
            ),
            P::CaNameControl => pick(
                "the CA name must not contain control characters or invisible formatting characters (such as a bidi override)".into(),
                "CA 名称不能包含控制字符或不可见的格式字符（例如双向文本覆盖字符）".into(),
            ),
            P::Subject(problem) => problem.text(lang),
            P::ListenShape => pick(
                "must be HOST:PORT, like 0.0.0.0:2376 or [::]:2376".into(),
                "必须是 HOST:PORT 形式，例如 0.0.0.0:2376 或 [::]:2376".into(),
            ),
            P::ListenBracketsNotIpv6 => pick(
                "the address in brackets must be an IPv6 address".into(),
                "方括号中的地址必须是 IPv6 地址".into(),
            ),
            P::ListenIpv6NeedsBrackets => pick(
                "write an IPv6 address in brackets, like [::]:2376".into(),
                "IPv6 地址请写在方括号中，例如 [::]:2376".into(),
            ),
            P::ListenHost(problem) => pick(
                format!("the host is not an IP address or a DNS name: {problem}"),
                format!("主机既不是 IP 地址也不是 DNS 名称：{}", problem.text(lang)),
            ),
            P::ListenPort => pick(
                "the port must be a number from 1 to 65535".into(),
                "端口必须是 1 到 65535 之间的数字".into(),
            ),
            P::InstallDirRelative => pick(
                "must be an absolute path, like /etc/docker".into(),
                "必须是绝对路径，例如 /etc/docker".into(),
            ),
            P::InstallDirChar(c) => pick(
                format!("'{}' is not allowed: use letters, digits, '/', '.', '_' and '-'", safe_char(*c)),
                format!("不允许使用 '{}'：请使用字母、数字、'/'、'.'、'_' 和 '-'", safe_char(*c)),
            ),
            P::InstallDirRoot => pick(
                "must not be the root directory".into(),
                "不能是根目录".into(),
            ),
            P::InstallDirParts => pick(
                "must not contain empty, '.' or '..' parts".into(),
                "不能包含空的、'.' 或 '..' 路径段".into(),
            ),
            P::InstallDirTooLong => pick(
                "must be at most 200 characters long".into(),
                "最多 200 个字符".into(),
            ),
            P::NotANetwork => pick(
                "not an IP network: write it like 10.0.0.0/24 or fd00::/64".into(),
                "不是 IP 网络：请写成 10.0.0.0/24 或 fd00::/64 的形式".into(),
            ),
            P::PrefixLength { max } => pick(
                format!("the prefix length must be a number from 0 to {max}"),
                format!("前缀长度必须是 0 到 {max} 之间的数字"),
            ),
            P::HostBits { addr, prefix, network } => pick(
                format!("{addr} has host bits set for /{prefix}; did you mean {network}/{prefix}?"),
                format!("{addr} 在 /{prefix} 下设置了主机位；是否应为 {network}/{prefix}？"),
            ),
            P::NetworkTwice => pick(
                "this network is given twice".into(),
                "这个网络出现了两次".into(),
            ),
            P::EmptyHostName => pick("empty host name".into(), "主机名为空".into()),
            P::EmptySan => pick(
                "empty subject alternative name (two commas in a row, or a trailing comma)".into(),
                "主题备用名称（SAN）为空（连续两个逗号，或末尾多了逗号）".into(),
            ),
            P::BadSan { item, problem } => pick(
                format!("\"{}\" is not a valid DNS name or IP address: {problem}{}", safe(item), commas_hint(problem, lang)),
                format!("\"{}\" 不是有效的 DNS 名称或 IP 地址：{}{}", safe(item), problem.text(lang), commas_hint(problem, lang)),
            ),
            P::WildcardHost => pick(
                "a wildcard cannot name a host: give the host's own name first and the wildcard after it".into(),
                "通配符不能作为主机名：请先写主机自己的名称，再写通配符".into(),
            ),
            P::Ipv6HostName => pick(
                "the first item names the host's folder and must be a DNS name or an IPv4 address; put IPv6 addresses after it".into(),
                "第一项是主机目录的名称，必须是 DNS 名称或 IPv4 地址；请把 IPv6 地址放在后面".into(),
            ),
            P::SanTwice(item) => pick(
                format!("\"{}\" is listed twice", safe(item)),
                format!("\"{}\" 出现了两次", safe(item)),
            ),
            P::EmptyName => pick("empty name".into(), "名称为空".into()),
            P::BadIpv6(text) => pick(
                format!("\"{}\" is not a valid IPv6 address", safe(text)),
                format!("\"{}\" 不是有效的 IPv6 地址", safe(text)),
            ),
            P::WithPort { host, port } => pick(
                format!("the port does not belong in a host line: write the host as {} here, and the port in --listen, like --listen 0.0.0.0:{port}", safe(host)),
                format!("主机行中不写端口：这里请写 {}，端口写在 --listen 中，例如 --listen 0.0.0.0:{port}", safe(host)),
            ),
            P::Url { host, port: Some(port) } => pick(
                format!("a URL does not belong in a host line: write only the host, {}, here, and the port in --listen, like --listen 0.0.0.0:{port}", safe(host)),
                format!("主机行中不写 URL：这里只写主机 {}，端口写在 --listen 中，例如 --listen 0.0.0.0:{port}", safe(host)),
            ),
            P::Url { host, port: None } => pick(
                format!("a URL does not belong in a host line: write only the host, {}, here", safe(host)),
                format!("主机行中不写 URL：这里只写主机 {}", safe(host)),
            ),
            P::NameSpaces => pick(
                "a name must not contain spaces".into(),
                "名称不能包含空格".into(),
            ),
            P::TrailingDot => pick(
                "a name must not end with a dot: write it without the trailing dot (dockerd refuses such a name)".into(),
                "名称不能以点结尾：请去掉末尾的点（dockerd 拒绝这样的名称）".into(),
            ),
            P::NameTooLong { len, max } => pick(
                format!("the name is {len} characters long; at most {max} are allowed"),
                format!("名称有 {len} 个字符；最多允许 {max} 个"),
            ),
            P::BareWildcard => pick(
                "a wildcard must cover a domain, like *.example.com".into(),
                "通配符必须覆盖一个域名，例如 *.example.com".into(),
            ),
            P::BadIpv4 => pick("not a valid IPv4 address".into(), "不是有效的 IPv4 地址".into()),
            P::NumericLastLabel => pick(
                "the last label of a DNS name must not be all digits".into(),
                "DNS 名称的最后一段不能全是数字".into(),
            ),
            P::EmptyLabel => pick(
                "empty label (two dots in a row, or a leading dot)".into(),
                "名称中有空段（连续两个点，或以点开头）".into(),
            ),
            P::WildcardPlace => pick(
                "a wildcard is only allowed as the whole first label, like *.example.com".into(),
                "通配符只能作为完整的第一段，例如 *.example.com".into(),
            ),
            P::LabelChar(c) if c.is_ascii() => pick(
                format!("'{}' is not allowed: use letters, digits and hyphens", safe_char(*c)),
                format!("不允许使用 '{}'：请使用字母、数字和连字符", safe_char(*c)),
            ),
            P::LabelChar(c) => pick(
                format!("'{}' is not allowed: use letters, digits and hyphens (write international names in their xn-- form)", safe_char(*c)),
                format!("不允许使用 '{}'：请使用字母、数字和连字符（国际化域名请写成 xn-- 形式）", safe_char(*c)),
            ),
            P::LabelHyphen(label) => pick(
                format!("the label \"{}\" starts or ends with a hyphen", safe(label)),
                format!("名称段 \"{}\" 以连字符开头或结尾", safe(label)),
            ),
            P::LabelTooLong { start, len } => pick(
                format!("the label \"{}...\" is {len} characters long; at most {} are allowed", safe(start), super::names::MAX_DNS_LABEL),
                format!("名称段 \"{}...\" 有 {len} 个字符；最多允许 {} 个", safe(start), super::names::MAX_DNS_LABEL),
            ),
            P::EmptyClient => pick("empty client name".into(), "客户端名称为空".into()),
            P::ClientSlash => pick(
                "a client name must not contain '/' or '\\' (it names a folder)".into(),
                "客户端名称不能包含 '/' 或 '\\'（它会作为目录名）".into(),
            ),
            P::ClientDots => pick(
                "a client name must not contain '..'".into(),
                "客户端名称不能包含 '..'".into(),
            ),
            P::ClientChar(c) => pick(
                format!("'{}' is not allowed: use letters, digits, '.', '_', '@' and '-'", safe_char(*c)),
                format!("不允许使用 '{}'：请使用字母、数字、'.'、'_'、'@' 和 '-'", safe_char(*c)),
            ),
            P::ClientStart => pick(
                "a client name must start with a letter or a digit".into(),
                "客户端名称必须以字母或数字开头".into(),
            ),
            P::Toml(message) => message.clone(),
            P::HostNameList => pick(
                "give one name here and the others in sans = [...]".into(),
                "这里只写一个名称，其余的写在 sans = [...] 中".into(),
            ),
            P::FleetTooDeep(max) => pick(
                format!("tables, keys and arrays nest deeper than the {max} levels a fleet file may use (the deepest a fleet needs is 4: host = [{{ allow_from = [\"...\"] }}])"),
                format!("表、键和数组的嵌套超过了 fleet 文件允许的 {max} 层（fleet 文件最多只需要 4 层：host = [{{ allow_from = [\"...\"] }}]）"),
            ),
            P::FleetTooManyTables(max) => pick(
                format!("the file opens more than the {max} tables a fleet file may have (one per [[host]] and [[client]], [ca] and [defaults]; each part of a dotted key but the last, and each inline table, counts as one)"),
                format!("文件打开的表超过了 fleet 文件允许的 {max} 个（每个 [[host]] 和 [[client]]、[ca] 和 [defaults] 各一个；点分键除最后一段外的每一段、每个内联表都算一个）"),
            ),
            P::FleetNotFollowed => pick(
                "dockcert cannot follow the TOML here; write the fleet file as the example in `dockcert new --help` does (plain keys, quoted strings, [[host]] tables)".into(),
                "dockcert 无法读懂这里的 TOML；请按 `dockcert new --help` 中的示例写 fleet 文件（普通键、带引号的字符串、[[host]] 表）".into(),
            ),
            P::FleetTooManyValues(max) => pick(
                format!("the file holds more than the {max} values a fleet file may have (keys, tables and array items; 10,000 hosts and 10,000 clients with a few names each need about 150,000)"),
                format!("文件中的值超过了 fleet 文件允许的 {max} 个（键、表和数组元素；10,000 台主机和 10,000 个客户端、每个带几个名称，大约需要 150,000 个）"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_values_stay_on_their_line_in_either_language() {
        let forged = "a.example.com\nIMPORTANT: run this";
        let problems = [
            InputProblem::HostTwice(forged.into()),
            InputProblem::SanTwice(forged.into()),
            InputProblem::BadIpv6(forged.into()),
            InputProblem::LabelHyphen(forged.into()),
            InputProblem::LabelChar('\n'),
            InputProblem::LabelChar('\u{202e}'),
        ];
        for problem in &problems {
            for lang in [Lang::En, Lang::Zh] {
                let text = problem.text(lang);
                assert_eq!(text.lines().count(), 1, "{text}");
                assert!(!text.chars().any(crate::show::is_hidden), "{text:?}");
            }
        }
        assert!(problems[0]
            .text(Lang::En)
            .starts_with("the host \"a.example.com\\nIMPORTANT: run this\" is given twice"));
        assert!(problems[4]
            .text(Lang::En)
            .starts_with("'\\n' is not allowed"));
    }
}
