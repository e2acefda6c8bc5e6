//! Every input of a plan declared once: its CLI flag (which is also the
//! page field's `name`), its value's name in `--help`, where a fleet file
//! holds it, the page's label and hint in both languages, and the `--help`
//! text, its default and limits taken from the values the rules use
//! (`spec.rs`), never typed again. The CLI's flags, the fleet reader's
//! lines, the page's labels and the errors' names all read this table.

use super::error::Field;
use super::request::PlanRequest;
use super::spec::{
    DEFAULT_CA_DAYS, DEFAULT_DAYS, DEFAULT_INSTALL_DIR, DEFAULT_LISTEN, MAX_CA_DAYS, MAX_DAYS,
};
use crate::lang::Lang;
use crate::pki::KeyType;

/// Where a fleet file holds a setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FleetKey {
    /// The plan-wide table: `ca` or `defaults`.
    pub table: &'static str,
    /// The key in it (and in a `[[host]]`, when `per_host`).
    pub key: &'static str,
    /// Whether a `[[host]]` may set its own.
    pub per_host: bool,
}

/// One input of a plan, everything each face needs to offer it.
#[derive(Clone, Copy, Debug)]
pub struct Setting {
    /// The input.
    pub field: Field,
    /// The CLI flag without its dashes, and the page field's `name`.
    pub flag: &'static str,
    /// The value's name in `--help` (`--days <N>`).
    pub value_name: &'static str,
    /// Whether the flag may be repeated (a list: hosts, clients, networks).
    pub list: bool,
    /// Whether a value may start with `-` (so the rule, not the parser,
    /// refuses `--days -5` in its own words).
    pub hyphen_values: bool,
    /// Where a fleet file holds it (hosts and clients have tables of their own).
    pub fleet: Option<FleetKey>,
    /// The page's label: English, Chinese.
    pub label: [&'static str; 2],
    /// The page's hint under the field, if it has one: English, Chinese.
    pub hint: Option<[&'static str; 2]>,
}

const fn fleet(table: &'static str, key: &'static str, per_host: bool) -> Option<FleetKey> {
    Some(FleetKey {
        table,
        key,
        per_host,
    })
}

/// The table: one row per [`Field`], in its order.
const SETTINGS: [Setting; 9] = [
    Setting {
        field: Field::Server,
        flag: "server",
        value_name: "NAME[,SAN...]",
        list: true,
        hyphen_values: true,
        fleet: None,
        label: ["Docker hosts", "Docker 主机"],
        hint: None,
    },
    Setting {
        field: Field::Client,
        flag: "client",
        value_name: "NAME",
        list: true,
        hyphen_values: true,
        fleet: None,
        label: ["Clients", "客户端"],
        hint: None,
    },
    Setting {
        field: Field::KeyType,
        flag: "key-type",
        value_name: "T",
        list: false,
        hyphen_values: false,
        fleet: fleet("ca", "key_type", false),
        label: ["Key type", "密钥类型"],
        hint: None,
    },
    Setting {
        field: Field::Days,
        flag: "days",
        value_name: "N",
        list: false,
        hyphen_values: true,
        fleet: fleet("defaults", "days", false),
        label: [
            "Validity (days) of host and client certificates",
            "主机和客户端证书的有效期（天）",
        ],
        hint: None,
    },
    Setting {
        field: Field::CaDays,
        flag: "ca-days",
        value_name: "N",
        list: false,
        hyphen_values: true,
        fleet: fleet("ca", "days", false),
        label: ["CA validity (days)", "CA 有效期（天）"],
        hint: None,
    },
    Setting {
        field: Field::CaName,
        flag: "ca-name",
        value_name: "TEXT",
        list: false,
        hyphen_values: true,
        fleet: fleet("ca", "name", false),
        label: ["CA name", "CA 名称"],
        hint: Some([
            "The CA certificate's common name. Empty: dockcert CA and today's date.",
            "CA 证书的通用名称。留空则为 dockcert CA 加上今天的日期。",
        ]),
    },
    Setting {
        field: Field::Listen,
        flag: "listen",
        value_name: "HOST:PORT",
        list: false,
        hyphen_values: true,
        fleet: fleet("defaults", "listen", true),
        label: ["Listen address", "监听地址"],
        hint: Some([
            "Where dockerd listens for TLS connections, HOST:PORT.",
            "dockerd 监听 TLS 连接的地址，格式为 主机:端口。",
        ]),
    },
    Setting {
        field: Field::InstallDir,
        flag: "install-dir",
        value_name: "DIR",
        list: false,
        hyphen_values: true,
        fleet: fleet("defaults", "install_dir", true),
        label: ["Install directory", "安装目录"],
        hint: Some([
            "Where each host keeps its certificate files; daemon.json points here.",
            "每台主机存放证书文件的目录；daemon.json 指向这里。",
        ]),
    },
    Setting {
        field: Field::AllowFrom,
        flag: "allow-from",
        value_name: "CIDR",
        list: true,
        hyphen_values: false,
        fleet: fleet("defaults", "allow_from", true),
        label: ["Client networks (firewall)", "允许的客户端网络（防火墙）"],
        hint: Some([
            "Optional. Networks that may reach the TLS port, like 10.0.0.0/24; each host then gets nftables and firewalld rules that let in only these.",
            "可选。允许访问 TLS 端口的网络，例如 10.0.0.0/24；每台主机会得到只放行这些网络的 nftables 和 firewalld 规则。",
        ]),
    },
];

fn pick(words: [&'static str; 2], lang: Lang) -> &'static str {
    match lang {
        Lang::En => words[0],
        Lang::Zh => words[1],
    }
}

impl Field {
    /// This input's row of the table.
    pub fn setting(self) -> &'static Setting {
        // The table is in the enum's order (a test holds it to that).
        &SETTINGS[self as usize]
    }

    /// The CLI flag without its dashes, which is also the form field's `name`.
    pub fn name(self) -> &'static str {
        self.setting().flag
    }

    /// The page's label for this input, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        pick(self.setting().label, lang)
    }

    /// The page's hint under this input's field, in `lang`, if it has one.
    pub fn hint(self, lang: Lang) -> Option<&'static str> {
        self.setting().hint.map(|h| pick(h, lang))
    }

    /// The value's name in `--help`.
    pub fn value_name(self) -> &'static str {
        self.setting().value_name
    }

    /// The `--help` text of this input's flag, its default and limits from
    /// the values the rules use.
    pub fn help(self) -> String {
        match self {
            Field::Server => "A Docker host: NAME[,SAN...]. NAME names the host's folder and is its certificate's CN; every item (DNS names, *.wildcards, IPv4 and IPv6 addresses) is a subjectAltName. Repeat for each host".into(),
            Field::Client => "A client (person or machine) that runs docker against the hosts. Repeat for each".into(),
            Field::KeyType => {
                let names: Vec<String> = KeyType::ALL
                    .iter()
                    .map(|k| match *k == KeyType::default() {
                        true => format!("{} (default)", k.as_str()),
                        false => k.as_str().to_owned(),
                    })
                    .collect();
                format!("Key type: {}", names.join(", "))
            }
            Field::Days => format!("Validity of server and client certificates, in days (default {DEFAULT_DAYS}, at most {MAX_DAYS})"),
            Field::CaDays => format!("Validity of the CA certificate, in days (default {DEFAULT_CA_DAYS}, at most {MAX_CA_DAYS})"),
            Field::CaName => "The CA's name (its CN). Default: \"dockcert CA\" and today's date".into(),
            Field::Listen => format!("Where dockerd listens for TLS connections, for daemon.json (default {DEFAULT_LISTEN})"),
            Field::InstallDir => format!("Where the server files will live on each host, for daemon.json and install.sh (default {DEFAULT_INSTALL_DIR})"),
            Field::AllowFrom => "A client network (CIDR, like 10.0.0.0/24) that may reach the TLS port; repeat, or separate with commas. Each host folder then gets nftables and firewalld rules that let in only these networks".into(),
        }
    }
}

impl PlanRequest {
    /// Whether this request gives `field` itself (a flag given, for a fleet
    /// file's value to yield to).
    pub fn gives(&self, field: Field) -> bool {
        match field {
            Field::Server => !self.servers.is_empty(),
            Field::Client => !self.clients.is_empty(),
            Field::KeyType => self.key_type.is_some(),
            Field::Days => self.days.is_some(),
            Field::CaDays => self.ca_days.is_some(),
            Field::CaName => self.ca_name.is_some(),
            Field::Listen => self.listen.is_some(),
            Field::InstallDir => self.install_dir.is_some(),
            Field::AllowFrom => !self.allow_from.is_empty(),
        }
    }

    /// Gives `field` the `values` typed for it (one for a setting, each
    /// for a list; none leaves it at its default).
    pub fn set(&mut self, field: Field, mut values: Vec<String>) {
        let last = values.pop();
        match field {
            Field::Server => {
                self.servers = values.into_iter().chain(last).map(Into::into).collect()
            }
            Field::Client => self.clients = values.into_iter().chain(last).collect(),
            Field::AllowFrom => self.allow_from = values.into_iter().chain(last).collect(),
            Field::KeyType => self.key_type = last,
            Field::Days => self.days = last,
            Field::CaDays => self.ca_days = last,
            Field::CaName => self.ca_name = last,
            Field::Listen => self.listen = last,
            Field::InstallDir => self.install_dir = last,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: [Field; 9] = [
        Field::Server,
        Field::Client,
        Field::KeyType,
        Field::Days,
        Field::CaDays,
        Field::CaName,
        Field::Listen,
        Field::InstallDir,
        Field::AllowFrom,
    ];

    #[test]
    fn each_field_has_its_own_row_and_names() {
        let mut flags = std::collections::HashSet::new();
        let mut keys = std::collections::HashSet::new();
        for field in FIELDS {
            let s = field.setting();
            assert_eq!(s.field, field);
            assert!(flags.insert(s.flag), "{field:?}");
            if let Some(f) = s.fleet {
                assert!(keys.insert((f.table, f.key)), "{field:?}");
            }
            assert!(!field.label(Lang::Zh).is_empty());
        }
    }

    #[test]
    fn a_request_holds_what_is_set_for_each_field() {
        for field in FIELDS {
            let mut req = PlanRequest::default();
            assert!(!req.gives(field), "{field:?}");
            req.set(field, vec!["a".into(), "b".into()]);
            assert!(req.gives(field), "{field:?}");
        }
        let mut req = PlanRequest::default();
        req.set(
            Field::AllowFrom,
            vec!["10.0.0.0/8".into(), "fd00::/8".into()],
        );
        assert_eq!(req.allow_from, ["10.0.0.0/8", "fd00::/8"]);
        req.set(Field::Days, vec!["30".into()]);
        assert_eq!(req.days.as_deref(), Some("30"));
    }

    #[test]
    fn help_gives_the_defaults_and_limits_the_rules_use() {
        let days = Field::Days.help();
        assert!(days.contains(&format!("default {DEFAULT_DAYS}, at most {MAX_DAYS}")));
        let ca_days = Field::CaDays.help();
        assert!(ca_days.contains(&format!("default {DEFAULT_CA_DAYS}, at most {MAX_CA_DAYS}")));
        assert!(Field::InstallDir.help().contains(DEFAULT_INSTALL_DIR));
        assert!(Field::Listen.help().contains(DEFAULT_LISTEN));
        let key_types = Field::KeyType.help();
        for k in KeyType::ALL {
            assert!(key_types.contains(k.as_str()), "{k:?}");
        }
    }
}
