//! Every input of a plan declared once, as one row of the table below: its
//! [`Field`](super::Field), its CLI flag (which is also the page field's
//! `name`), its value's name in `--help`, whether `new`, `issue` and
//! `renew` share it, where a fleet file holds it, the page's label and
//! hint in both languages, its `--help` text in both (English, Chinese) and the page's default (its
//! default and limits the values the rules use, `spec.rs`, never typed
//! again), the type of its text and of its checked value, and its rule.
//!
//! The table is a macro handed to the two that make code from it
//! (`declare.rs`): `inputs.rs` makes the inputs from it (`Field`, the rows,
//! `PlanRequest`'s and `ServerRequest`'s fields, reading and merging them),
//! `checked.rs` the checked values (`Plan`'s and `ServerSpec`'s fields)
//! and each rule applied, plan-wide and per host. Names in a row are
//! those in scope where it is made into code: a rule is named by its path
//! (`fields::parse_days`), the constants of `spec.rs` by their names.
//!
//! A `plan` row reads `Variant field: Text => Checked, "doc of the checked
//! value", rule, Setting { .. }, help .., default ..,`; a `host` row, a
//! setting a `[[host]]` may set for itself, also names that text's type
//! (`own ..`). A rule is `|text, today| -> Result<Checked, FieldError>`
//! over the plan-wide text; a host's own text goes through the same rule.

/// The table: hands its rows to `$then` (`declare_inputs` or
/// `declare_checks`).
macro_rules! settings_table {
    ($then:ident) => {
        $then! {
            lists {
                /// `--server NAME[,SAN...]`
                Server = Setting {
                    field: Field::Server,
                    flag: "server",
                    value_name: "NAME[,SAN...]",
                    list: true,
                    hyphen_values: true,
                    shared: false,
                    fleet: None,
                    label: ["Docker hosts", "Docker 主机"],
                    hint: None,
                },
                help [
                    "A Docker host: NAME[,SAN...]. NAME names the host's folder and is its certificate's CN; every item (DNS names, *.wildcards, IPv4 and IPv6 addresses) is a subjectAltName. Repeat for each host".into(),
                    "一台 Docker 主机：NAME[,SAN...]。NAME 是这台主机的文件夹名，也是其证书的 CN；每一项（DNS 名称、*.通配符、IPv4 和 IPv6 地址）都是一个主题备用名称（SAN）。每台主机写一次".into(),
                ],
                default String::new(),
                /// `--client NAME`
                Client = Setting {
                    field: Field::Client,
                    flag: "client",
                    value_name: "NAME",
                    list: true,
                    hyphen_values: true,
                    shared: false,
                    fleet: None,
                    label: ["Clients", "客户端"],
                    hint: None,
                },
                help [
                    "A client (person or machine) that runs docker against the hosts. Repeat for each".into(),
                    "一个用 docker 连接这些主机的客户端（人或机器）。每个客户端写一次".into(),
                ],
                default DEFAULT_CLIENT.into(),
            }
            plan {
                /// `--key-type T`
                KeyType key_type: Option<String> => KeyType,
                "The key type of the CA and of every leaf.",
                |text: &Option<String>, _| fields::parse_key_type(text.as_deref()),
                Setting {
                    field: Field::KeyType,
                    flag: "key-type",
                    value_name: "T",
                    list: false,
                    hyphen_values: false,
                    shared: true,
                    fleet: fleet(("ca", 2), "key_type", FleetValue::Text, false),
                    label: ["Key type", "密钥类型"],
                    hint: None,
                },
                help {
                    let names = |default: &str| -> String {
                        let names: Vec<String> = KeyType::ALL
                            .iter()
                            .map(|k| match *k == KeyType::default() {
                                true => format!("{}{default}", k.as_str()),
                                false => k.as_str().to_owned(),
                            })
                            .collect();
                        names.join(", ")
                    };
                    [
                        format!("Key type: {}", names(" (default)")),
                        format!("密钥类型：{}", names("（默认）")),
                    ]
                },
                default KeyType::default().as_str().into(),
                /// `--days N`
                Days days: Option<String> => u32,
                "Validity of server and client certificates, in days.",
                |text: &Option<String>, _| fields::parse_days(Field::Days, text.as_deref(), DEFAULT_DAYS, MAX_DAYS),
                Setting {
                    field: Field::Days,
                    flag: "days",
                    value_name: "N",
                    list: false,
                    hyphen_values: true,
                    shared: true,
                    fleet: fleet(("defaults", 0), "days", FleetValue::Number, false),
                    label: [
                        "Validity (days) of host and client certificates",
                        "主机和客户端证书的有效期（天）",
                    ],
                    hint: None,
                },
                help [
                    format!("Validity of server and client certificates, in days (default {DEFAULT_DAYS}, at most {MAX_DAYS})"),
                    format!("服务器和客户端证书的有效期，单位为天（默认 {DEFAULT_DAYS}，最多 {MAX_DAYS}）"),
                ],
                default DEFAULT_DAYS.to_string(),
                /// `--ca-days N`
                CaDays ca_days: Option<String> => u32,
                "Validity of the CA certificate, in days.",
                |text: &Option<String>, _| {
                    fields::parse_days(Field::CaDays, text.as_deref(), DEFAULT_CA_DAYS, MAX_CA_DAYS)
                },
                Setting {
                    field: Field::CaDays,
                    flag: "ca-days",
                    value_name: "N",
                    list: false,
                    hyphen_values: true,
                    shared: false,
                    fleet: fleet(("ca", 1), "days", FleetValue::Number, false),
                    label: ["CA validity (days)", "CA 有效期（天）"],
                    hint: None,
                },
                help [
                    format!("Validity of the CA certificate, in days (default {DEFAULT_CA_DAYS}, at most {MAX_CA_DAYS})"),
                    format!("CA 证书的有效期，单位为天（默认 {DEFAULT_CA_DAYS}，最多 {MAX_CA_DAYS}）"),
                ],
                default DEFAULT_CA_DAYS.to_string(),
                /// `--ca-name TEXT`
                CaName ca_name: Option<String> => String,
                "The CA's Common Name.",
                |text: &Option<String>, today| fields::parse_ca_name(text.as_deref(), today),
                Setting {
                    field: Field::CaName,
                    flag: "ca-name",
                    value_name: "TEXT",
                    list: false,
                    hyphen_values: true,
                    shared: false,
                    fleet: fleet(("ca", 0), "name", FleetValue::Text, false),
                    label: ["CA name", "CA 名称"],
                    hint: Some([
                        "The CA certificate's common name. Empty: dockcert CA and today's date.",
                        "CA 证书的通用名称。留空则为 dockcert CA 加上今天的日期。",
                    ]),
                },
                help [
                    "The CA's name (its CN). Default: \"dockcert CA\" and today's date".into(),
                    "CA 的名称（其 CN）。默认：“dockcert CA”加上当天的日期".into(),
                ],
                default String::new(),
                /// `--subject-org TEXT`
                SubjectOrg subject_org: Option<String> => Option<String>,
                "The organization (O) in the subject of every certificate made (and the CA's when `new` makes one).",
                |text: &Option<String>, _| subject::parse_org(text.as_deref()),
                Setting {
                    field: Field::SubjectOrg,
                    flag: "subject-org",
                    value_name: "TEXT",
                    list: false,
                    hyphen_values: true,
                    shared: false,
                    fleet: fleet(("ca", 3), "subject_org", FleetValue::Text, false),
                    label: ["Organization (O)", "组织（O）"],
                    hint: Some([
                        "Optional. The organization in every certificate's subject, as your PKI policy names it; any language, at most 64 characters.",
                        "可选。每张证书主题中的组织，按贵公司 PKI 策略填写；可用任何语言，最多 64 个字符。",
                    ]),
                },
                help [
                    format!("The organization (O) in the subject of every certificate made, and the CA's when `new` makes one (UTF-8, at most {MAX_SUBJECT_ORG} characters). Default: none"),
                    format!("所签发的每张证书主题中的组织（O），`new` 新建 CA 时也写入 CA 的主题（UTF-8，最多 {MAX_SUBJECT_ORG} 个字符）。默认：无"),
                ],
                default String::new(),
                /// `--subject-unit TEXT`
                SubjectUnit subject_unit: Option<String> => Option<String>,
                "The organizational unit (OU) in the subject of every certificate made (and the CA's when `new` makes one).",
                |text: &Option<String>, _| subject::parse_unit(text.as_deref()),
                Setting {
                    field: Field::SubjectUnit,
                    flag: "subject-unit",
                    value_name: "TEXT",
                    list: false,
                    hyphen_values: true,
                    shared: false,
                    fleet: fleet(("ca", 4), "subject_unit", FleetValue::Text, false),
                    label: ["Organizational unit (OU)", "部门（OU）"],
                    hint: Some([
                        "Optional. The unit in every certificate's subject; any language, at most 64 characters.",
                        "可选。每张证书主题中的部门；可用任何语言，最多 64 个字符。",
                    ]),
                },
                help [
                    format!("The organizational unit (OU) in the subject of every certificate made, and the CA's when `new` makes one (UTF-8, at most {MAX_SUBJECT_UNIT} characters). Default: none"),
                    format!("所签发的每张证书主题中的部门（OU），`new` 新建 CA 时也写入 CA 的主题（UTF-8，最多 {MAX_SUBJECT_UNIT} 个字符）。默认：无"),
                ],
                default String::new(),
                /// `--subject-country CC`
                SubjectCountry subject_country: Option<String> => Option<String>,
                "The country (C) in the subject of every certificate made (and the CA's when `new` makes one): two letters of ISO 3166.",
                |text: &Option<String>, _| subject::parse_country(text.as_deref()),
                Setting {
                    field: Field::SubjectCountry,
                    flag: "subject-country",
                    value_name: "CC",
                    list: false,
                    hyphen_values: true,
                    shared: false,
                    fleet: fleet(("ca", 5), "subject_country", FleetValue::Text, false),
                    label: ["Country (C)", "国家（C）"],
                    hint: Some([
                        "Optional. Two letters of ISO 3166, like CN or US.",
                        "可选。ISO 3166 的两个字母代码，例如 CN 或 US。",
                    ]),
                },
                help [
                    "The country (C) in the subject of every certificate made, and the CA's when `new` makes one: two letters of ISO 3166, like CN. Default: none".into(),
                    "所签发的每张证书主题中的国家（C），`new` 新建 CA 时也写入 CA 的主题：ISO 3166 的两个字母，例如 CN。默认：无".into(),
                ],
                default String::new(),
            }
            host {
                /// `--listen HOST:PORT`
                Listen listen: Option<String>, own Option<String> => Listen,
                "Where dockerd listens for TLS connections.",
                |text: &Option<String>, _| fields::parse_listen(text.as_deref().unwrap_or(DEFAULT_LISTEN)),
                Setting {
                    field: Field::Listen,
                    flag: "listen",
                    value_name: "HOST:PORT",
                    list: false,
                    hyphen_values: true,
                    shared: true,
                    fleet: fleet(("defaults", 1), "listen", FleetValue::Text, true),
                    label: ["Listen address", "监听地址"],
                    hint: Some([
                        "Where dockerd listens for TLS connections, HOST:PORT.",
                        "dockerd 监听 TLS 连接的地址，格式为 主机:端口。",
                    ]),
                },
                help [
                    format!("Where dockerd listens for TLS connections, for daemon.json (default {DEFAULT_LISTEN})"),
                    format!("dockerd 接受 TLS 连接的监听地址，写入 daemon.json（默认 {DEFAULT_LISTEN}）"),
                ],
                default DEFAULT_LISTEN.into(),
                /// `--install-dir DIR`
                InstallDir install_dir: Option<String>, own Option<String> => String,
                "Where the server's files live on the host.",
                |text: &Option<String>, _| {
                    fields::parse_install_dir(text.as_deref().unwrap_or(DEFAULT_INSTALL_DIR))
                },
                Setting {
                    field: Field::InstallDir,
                    flag: "install-dir",
                    value_name: "DIR",
                    list: false,
                    hyphen_values: true,
                    shared: true,
                    fleet: fleet(("defaults", 2), "install_dir", FleetValue::Text, true),
                    label: ["Install directory", "安装目录"],
                    hint: Some([
                        "Where each host keeps its certificate files; daemon.json points here.",
                        "每台主机存放证书文件的目录；daemon.json 指向这里。",
                    ]),
                },
                help [
                    format!("Where the server files will live on each host, for daemon.json and install.sh (default {DEFAULT_INSTALL_DIR})"),
                    format!("服务器文件在每台主机上的安装目录，供 daemon.json 和 install.sh 使用（默认 {DEFAULT_INSTALL_DIR}）"),
                ],
                default DEFAULT_INSTALL_DIR.into(),
                /// `--allow-from CIDR`: the client networks the firewall rules let in
                AllowFrom allow_from: Vec<String>, own Option<Vec<String>> => Vec<Cidr>,
                "The client networks the firewall rules let reach the TLS port; empty: no firewall rules are made.",
                |text: &Vec<String>, _| fields::parse_allow_from(text),
                Setting {
                    field: Field::AllowFrom,
                    flag: "allow-from",
                    value_name: "CIDR",
                    list: true,
                    hyphen_values: false,
                    shared: true,
                    fleet: fleet(("defaults", 3), "allow_from", FleetValue::List, true),
                    label: ["Client networks (firewall)", "允许的客户端网络（防火墙）"],
                    hint: Some([
                        "Optional. Networks that may reach the TLS port, like 10.0.0.0/24; each host then gets nftables and firewalld rules that let in only these.",
                        "可选。允许访问 TLS 端口的网络，例如 10.0.0.0/24；每台主机会得到只放行这些网络的 nftables 和 firewalld 规则。",
                    ]),
                },
                help [
                    "A client network (CIDR, like 10.0.0.0/24) that may reach the TLS port; repeat, or separate with commas. Each host folder then gets nftables and firewalld rules that let in only these networks".into(),
                    "允许访问 TLS 端口的客户端网络（CIDR，例如 10.0.0.0/24）；可重复，或用逗号分隔。每个主机文件夹随后会得到只放行这些网络的 nftables 和 firewalld 规则".into(),
                ],
                default String::new(),
            }
        }
    };
}
pub(crate) use settings_table;
