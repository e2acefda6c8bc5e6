//! The page's words in English and Chinese (glossary: shared/UI.md). Error
//! messages about inputs come from the core in the CLI's own English words,
//! so an operator can search for them and match them with the CLI's.

use dockcert_core::layout::FileKind;

/// The interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language for a browser language tag such as "zh-CN" or "en-US".
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The `lang` attribute value.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// Every fixed piece of text on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Text {
    Tagline,
    OfflineBadge,
    Version,
    LanguageLabel,
    ServedOverNetwork,
    FormTitle,
    Hosts,
    HostsHint,
    SanTerm,
    SanHint,
    Clients,
    ClientsHint,
    KeyType,
    KeyTypeHint,
    Passphrase,
    PassphraseAgain,
    PassphraseHint,
    NoPassphrase,
    NoPassphraseWarning,
    Advanced,
    Days,
    CaDays,
    CaName,
    CaNameHint,
    Listen,
    ListenHint,
    InstallDir,
    InstallDirHint,
    AllowFrom,
    AllowFromHint,
    Generate,
    CannotGenerate,
    NeedHost,
    NeedPassphrase,
    FixFields,
    MakingKeys,
    KeyDone,
    KeyWaiting,
    Signing,
    Packing,
    EmptyResult,
    ResultTitle,
    DownloadStarted,
    DownloadLink,
    Files,
    Path,
    FileMode,
    Purpose,
    Certificates,
    Name,
    Expires,
    Fingerprint,
    CaFingerprint,
    Revocation,
    KeepCaOffline,
    NextSteps,
    OnHost,
    CopyServerFolder,
    ForClient,
    CopyClientFolder,
    ContextsByHand,
    DockerEnv,
    DaemonJson,
    Copy,
    Copied,
    Warnings,
    Failed,
    Seconds,
    Error,
}

impl Text {
    /// The text in `lang`.
    pub fn tr(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Text::Tagline => ("TLS for the Docker daemon's remote API", "为 Docker 守护进程的远程 API 配置 TLS"),
            Text::OfflineBadge => ("Offline: nothing leaves this machine", "离线运行：任何数据都不会离开本机"),
            Text::Version => ("version", "版本"),
            Text::LanguageLabel => ("Language", "语言"),
            Text::ServedOverNetwork => (
                "This page was opened over the network. The offline file is the safer way: save dockcert.html and open it from disk, on a machine without network.",
                "本页面是通过网络打开的。更安全的做法是使用离线文件：保存 dockcert.html，在没有网络的机器上从磁盘打开。",
            ),
            Text::FormTitle => ("What to make", "要生成的内容"),
            Text::Hosts => ("Docker hosts", "Docker 主机"),
            Text::HostsHint => (
                "One host a line: its name, then, separated by commas, every other name or IP address clients use to reach it. All of them become the certificate's",
                "每行一台主机：先写主机名，再用逗号分隔写出客户端访问它所用的其他名称或 IP 地址。它们都会写入证书的",
            ),
            Text::SanTerm => ("subject alternative names (SAN)", "主题备用名称（SAN）"),
            Text::SanHint => (
                "the names and addresses clients use to reach this host",
                "客户端访问该主机所用的名称和地址",
            ),
            Text::Clients => ("Clients", "客户端"),
            Text::ClientsHint => (
                "One client a line: a person or a machine that runs docker against the hosts.",
                "每行一个客户端：对这些主机运行 docker 的人或机器。",
            ),
            Text::KeyType => ("Key type", "密钥类型"),
            Text::KeyTypeHint => (
                "Used for the CA and every certificate. ECDSA P-256 is fast and accepted everywhere; RSA keys take seconds.",
                "用于 CA 和所有证书。ECDSA P-256 速度快、兼容性好；RSA 密钥需要几秒钟。",
            ),
            Text::Passphrase => ("CA key passphrase", "CA 私钥口令"),
            Text::PassphraseAgain => ("Passphrase again", "再次输入口令"),
            Text::PassphraseHint => (
                "Encrypts ca-key.pem (PBKDF2-SHA256, 600,000 rounds, AES-256-CBC). At least 8 characters.",
                "用于加密 ca-key.pem（PBKDF2-SHA256，600,000 轮，AES-256-CBC）。至少 8 个字符。",
            ),
            Text::NoPassphrase => ("Leave the CA key unencrypted", "不加密 CA 私钥"),
            Text::NoPassphraseWarning => (
                "Warning: anyone who reads ca-key.pem can then make certificates your Docker hosts trust. Keep it offline.",
                "警告：任何读到 ca-key.pem 的人都能签发你的 Docker 主机信任的证书。请离线保存。",
            ),
            Text::Advanced => ("Advanced", "高级选项"),
            Text::Days => ("Validity (days) of host and client certificates", "主机和客户端证书的有效期（天）"),
            Text::CaDays => ("CA validity (days)", "CA 有效期（天）"),
            Text::CaName => ("CA name", "CA 名称"),
            Text::CaNameHint => ("The CA certificate's common name. Empty: dockcert CA and today's date.", "CA 证书的通用名称。留空则为 dockcert CA 加上今天的日期。"),
            Text::Listen => ("Listen address", "监听地址"),
            Text::ListenHint => ("Where dockerd listens for TLS connections, HOST:PORT.", "dockerd 监听 TLS 连接的地址，格式为 主机:端口。"),
            Text::InstallDir => ("Install directory", "安装目录"),
            Text::InstallDirHint => ("Where each host keeps its certificate files; daemon.json points here.", "每台主机存放证书文件的目录；daemon.json 指向这里。"),
            Text::AllowFrom => ("Client networks (firewall)", "允许的客户端网络（防火墙）"),
            Text::AllowFromHint => (
                "Optional. Networks that may reach the TLS port, like 10.0.0.0/24; each host then gets nftables and firewalld rules that let in only these.",
                "可选。允许访问 TLS 端口的网络，例如 10.0.0.0/24；每台主机会得到只放行这些网络的 nftables 和 firewalld 规则。",
            ),
            Text::Generate => ("Generate", "生成"),
            Text::CannotGenerate => ("Cannot generate yet:", "还不能生成："),
            Text::NeedHost => ("add at least one Docker host.", "请至少添加一台 Docker 主机。"),
            Text::NeedPassphrase => (
                "type the CA key passphrase twice, or choose to leave the CA key unencrypted.",
                "请输入两次 CA 私钥口令，或选择不加密 CA 私钥。",
            ),
            Text::FixFields => ("fix the fields marked above.", "请修正上面标出的字段。"),
            Text::MakingKeys => ("Making keys", "正在生成密钥"),
            Text::KeyDone => ("done", "完成"),
            Text::KeyWaiting => ("working", "进行中"),
            Text::Signing => ("Signing certificates and encrypting the CA key", "正在签发证书并加密 CA 私钥"),
            Text::Packing => ("Packing the zip", "正在打包 zip"),
            Text::EmptyResult => (
                "Give at least one Docker host, then Generate. The bundle is made here, in this page, and saved as one zip.",
                "至少填写一台 Docker 主机，然后点击“生成”。证书包在本页面内生成，并保存为一个 zip 文件。",
            ),
            Text::ResultTitle => ("Your bundle", "你的证书包"),
            Text::DownloadStarted => ("The download has started.", "已开始下载。"),
            Text::DownloadLink => ("Download", "下载"),
            Text::Files => ("Files", "文件"),
            Text::Path => ("path", "路径"),
            Text::FileMode => ("file mode", "文件权限"),
            Text::Purpose => ("what it is", "用途"),
            Text::Certificates => ("Certificates", "证书"),
            Text::Name => ("name", "名称"),
            Text::Expires => ("expires", "到期"),
            Text::Fingerprint => ("fingerprint", "指纹"),
            Text::CaFingerprint => ("CA fingerprint (SHA-256)", "CA 指纹（SHA-256）"),
            Text::Revocation => (
                "dockerd has no revocation list: a certificate works until it expires. Renew before the dates above.",
                "dockerd 没有吊销列表：证书在到期前一直有效。请在上述日期之前续期。",
            ),
            Text::KeepCaOffline => (
                "Keep ca/ offline: ca-key.pem signs new certificates and never goes on a host.",
                "请离线保存 ca/：ca-key.pem 用于签发新证书，绝不要放到主机上。",
            ),
            Text::NextSteps => ("Next steps", "后续步骤"),
            Text::OnHost => ("On the host", "在主机上："),
            Text::CopyServerFolder => ("copy this folder there, then in it run:", "把此目录复制过去，然后在其中运行："),
            Text::ForClient => ("For the client", "客户端："),
            Text::CopyClientFolder => (
                "copy this folder to its machine, then as its user run:",
                "把此目录复制到它的机器上，然后以该用户身份运行：",
            ),
            Text::ContextsByHand => ("The docker contexts, by hand:", "手动创建 docker 上下文："),
            Text::DockerEnv => ("Or load docker.env in a shell:", "或在 shell 中加载 docker.env："),
            Text::DaemonJson => ("daemon.json", "daemon.json"),
            Text::Copy => ("Copy", "复制"),
            Text::Copied => ("Copied", "已复制"),
            Text::Warnings => ("Warnings", "警告"),
            Text::Failed => ("Could not make the bundle:", "无法生成证书包："),
            Text::Seconds => ("s", "秒"),
            Text::Error => ("Error:", "错误："),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// A key type's label in the select.
pub fn key_type_label(key_type: dockcert_core::keys::KeyType, lang: Lang) -> &'static str {
    use dockcert_core::keys::KeyType;
    match (key_type, lang) {
        (KeyType::EcdsaP256, Lang::En) => "ECDSA P-256 (recommended)",
        (KeyType::EcdsaP256, Lang::Zh) => "ECDSA P-256（推荐）",
        (KeyType::EcdsaP384, _) => "ECDSA P-384",
        (KeyType::Ed25519, _) => "Ed25519",
        (KeyType::Rsa2048, _) => "RSA 2048",
        (KeyType::Rsa3072, _) => "RSA 3072",
        (KeyType::Rsa4096, Lang::En) => "RSA 4096 (takes seconds)",
        (KeyType::Rsa4096, Lang::Zh) => "RSA 4096（需要几秒钟）",
    }
}

/// What a bundle file is, in `lang` (English is the core's own wording).
pub fn purpose(kind: FileKind, lang: Lang) -> &'static str {
    if lang == Lang::En {
        return kind.spec().purpose;
    }
    match kind {
        FileKind::Readme => "说明每个文件的用途、放置位置、命令和到期日期",
        FileKind::Manifest => "每个文件的权限和 SHA-256，每张证书的详细信息",
        FileKind::CaCert => "CA 证书，主机和客户端都信任它",
        FileKind::CaKey => "CA 私钥：请离线保存，绝不要复制到主机上",
        FileKind::ServerCaCert => "CA 证书：dockerd 接受由它签发的客户端",
        FileKind::ServerCert => "主机证书，SAN 中包含所有名称和地址",
        FileKind::ServerKey => "主机私钥",
        FileKind::DaemonJson => "dockerd 的 TLS 设置和监听地址，用于 /etc/docker/daemon.json",
        FileKind::SystemdDropIn => {
            "systemd 附加配置：去掉默认的 -H fd://，使 daemon.json 中的 hosts 生效"
        }
        FileKind::DockerdFlags => "同样的设置写成 dockerd 参数，用于没有 systemd 的主机",
        FileKind::ServerInstall => "以 root 身份按正确权限安装主机文件",
        FileKind::Nftables => "nftables 规则：只有允许的客户端网络能访问 TLS 端口",
        FileKind::Firewalld => "同样的规则，使用 firewalld 富规则",
        FileKind::ClientCaCert => "CA 证书：客户端接受由它签发的主机",
        FileKind::ClientCert => "客户端证书",
        FileKind::ClientKey => "客户端私钥",
        FileKind::DockerEnv => "供 shell 使用的 DOCKER_HOST、DOCKER_TLS_VERIFY 和 DOCKER_CERT_PATH",
        FileKind::DockerContext => "为每台主机创建一个 docker 上下文",
        FileKind::ClientInstall => "按正确权限安装客户端文件",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn browser_language_picks_the_interface() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("zh-Hant-TW"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn glossary_terms_are_used() {
        assert!(Text::OfflineBadge.tr(Lang::Zh).contains("离线运行"));
        assert!(Text::SanTerm.tr(Lang::Zh).contains("主题备用名称"));
        assert_eq!(Text::Advanced.tr(Lang::Zh), "高级选项");
        assert_eq!(Text::Generate.tr(Lang::Zh), "生成");
        assert!(purpose(FileKind::CaKey, Lang::Zh).contains("私钥"));
        assert_eq!(
            purpose(FileKind::CaKey, Lang::En),
            FileKind::CaKey.spec().purpose
        );
    }
}
