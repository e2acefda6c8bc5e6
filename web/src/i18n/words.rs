//! The words of every [`Text`], in English and Chinese.

use dockcert_core::plan::Field;
use dockcert_core::Lang;

use super::Text;

impl Text {
    /// The text in `lang`.
    pub fn tr(self, lang: Lang) -> &'static str {
        // A plan input's label and hint are its row of the core's table
        // (its errors name it by that label).
        let field = |f: Field| (f.label(Lang::En), f.label(Lang::Zh));
        let (en, zh) = match self {
            Text::Rot(rot) => return rot.tr(lang),
            Text::Tagline => ("TLS for the Docker daemon's remote API", "为 Docker 守护进程的远程 API 配置 TLS"),
            Text::OfflineBadge => ("Offline: nothing leaves this machine", "离线运行：任何数据都不会离开本机"),
            Text::Version => ("version", "版本"),
            Text::Commit => ("built from commit", "构建自提交"),
            Text::LanguageLabel => ("Language", "语言"),
            Text::ServedOverNetwork => (
                "This page was opened over the network. The offline file is the safer way: save dockcert.html and open it from disk, on a machine without network.",
                "本页面是通过网络打开的。更安全的做法是使用离线文件：保存 dockcert.html，在没有网络的机器上从磁盘打开。",
            ),
            Text::FormTitle => ("What to make", "要生成的内容"),
            Text::Hosts => field(Field::Server),
            Text::HostsHint => (
                "One host a line: its name, then, separated by commas (an input method's ，、； and full-width spaces count as commas), every other name or IP address clients use to reach it, without a port or https:// (the port is the listen address, under Advanced). All of them become the certificate's",
                "每行一台主机：先写主机名，再用逗号分隔（输入法的 ，、； 和全角空格也算逗号）写出客户端访问它所用的其他名称或 IP 地址，不写端口或 https://（端口是“高级选项”中的监听地址）。它们都会写入证书的",
            ),
            Text::SanTerm => ("subject alternative names (SAN)", "主题备用名称（SAN）"),
            Text::SanHint => (
                "the names and addresses clients use to reach this host",
                "客户端访问该主机所用的名称和地址",
            ),
            Text::Clients => field(Field::Client),
            Text::ClientsHint => (
                "One client a line: a person or a machine that runs docker against the hosts. Empty: one client named client.",
                "每行一个客户端：对这些主机运行 docker 的人或机器。留空则生成一个名为 client 的客户端。",
            ),
            Text::KeyType => field(Field::KeyType),
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
            Text::DaysFitCa => ("365, or until the CA expires", "365，或直到 CA 到期"),
            Text::Layout => ("Bundle layout", "证书包目录结构"),
            Text::LayoutHint => (
                "dind: certs/ as the docker:dind image reads it under DOCKER_TLS_CERTDIR (never the CA key), with compose.yaml and a GitLab CI job; for one host and one client.",
                "dind：按 docker:dind 镜像在 DOCKER_TLS_CERTDIR 下读取的方式放置 certs/（绝不包含 CA 私钥），并附带 compose.yaml 和一个 GitLab CI 任务；只对应一台主机和一个客户端。",
            ),
            Text::Generate => ("Generate", "生成"),
            Text::CannotGenerate => ("Cannot generate yet:", "还不能生成："),
            Text::NeedHost => ("add at least one Docker host.", "请至少添加一台 Docker 主机。"),
            Text::NeedPassphrase => (
                "type the CA key passphrase twice, or choose to leave the CA key unencrypted.",
                "请输入两次 CA 私钥口令，或选择不加密 CA 私钥。",
            ),
            Text::FixFields => ("fix the fields marked above.", "请修正上面标出的字段。"),
            Text::BundleMade => (
                "The bundle was made and its download started (see the result).",
                "证书包已生成并开始下载（见结果）。",
            ),
            Text::TypePassphraseAgain => (
                "The passphrase fields were cleared with it: to make another bundle, type a CA key passphrase twice again, or choose to leave the CA key unencrypted.",
                "口令字段已随之清空：要再生成一个证书包，请重新输入两次 CA 私钥口令，或选择不加密 CA 私钥。",
            ),
            Text::NextStep => ("Next:", "下一步："),
            Text::FixFieldsInForm => ("fix the fields marked in the form.", "请修正表单中标出的字段。"),
            Text::MadeInThePage => (
                "The bundle is made here, in this page, and saved as one zip.",
                "证书包在本页面内生成，并保存为一个 zip 文件。",
            ),
            Text::ReadyToGenerate => ("Ready: press Generate.", "已就绪：请点击“生成”。"),
            Text::ReadyToIssue => ("Ready: press Issue.", "已就绪：请点击“签发”。"),
            Text::ReadyToRenew => ("Ready: press Renew.", "已就绪：请点击“续期”。"),
            Text::ZipHoldsNoCaKey => (
                "The zip holds the CA certificate, never its key.",
                "zip 中包含 CA 证书，但绝不包含 CA 私钥。",
            ),
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
            Text::ExistingClients => (
                "On each client this CA has already",
                "在此 CA 已有的每个客户端上",
            ),
            Text::CopyClientFolder => (
                "copy this folder to its machine, then as its user run:",
                "把此目录复制到它的机器上，然后以该用户身份运行：",
            ),
            Text::ContextsByHand => ("The docker contexts, by hand:", "手动创建 docker 上下文："),
            Text::DockerEnv => ("Or load docker.env in a shell:", "或在 shell 中加载 docker.env："),
            Text::DindCompose => (
                "holds compose.yaml: in it, this starts docker:dind with these certificates and a client container that reaches it:",
                "中有 compose.yaml：在该目录中运行以下命令，即可用这些证书启动 docker:dind 和一个访问它的客户端容器：",
            ),
            Text::DindMount => (
                "Or mount certs/ca and certs/server at /certs/ca and /certs/server of a docker:dind container with DOCKER_TLS_CERTDIR=/certs; clients use certs/client as DOCKER_CERT_PATH. gitlab-ci.yml does the same in a GitLab CI job.",
                "或者把 certs/ca 和 certs/server 挂载到 docker:dind 容器的 /certs/ca 和 /certs/server，并设置 DOCKER_TLS_CERTDIR=/certs；客户端把 certs/client 用作 DOCKER_CERT_PATH。gitlab-ci.yml 在 GitLab CI 任务中做同样的事。",
            ),
            Text::DaemonJson => ("daemon.json", "daemon.json"),
            Text::Copy => ("Copy", "复制"),
            Text::Copied => ("Copied", "已复制"),
            Text::Warnings => ("Warnings", "警告"),
            Text::Failed => ("Could not make the bundle:", "无法生成证书包："),
            Text::Seconds => ("s", "秒"),
            Text::Error => ("Error:", "错误："),
            Text::ModeLabel => ("What to do", "要做什么"),
            Text::ModeNewCa => ("New CA", "新建 CA"),
            Text::ModeNewCaHint => (
                "Make a new CA and a certificate for each host and client.",
                "新建一个 CA，并为每台主机和每个客户端生成证书。",
            ),
            Text::ModeExistingCa => ("Existing CA", "导入 CA"),
            Text::ModeExistingCaHint => (
                "Bring the CA you already have: issue certificates for more hosts and clients, or renew one before it expires. Its key stays in this page and never goes in the zip.",
                "导入你已有的 CA：为更多主机和客户端签发证书，或在证书到期前续期。CA 私钥只留在本页面中，绝不会放进 zip。",
            ),
            Text::ModeInspect => ("Inspect", "检查"),
            Text::ModeInspectHint => (
                "Check certificates, keys and settings, and find out what an error message means.",
                "检查证书、私钥和配置，并弄清错误信息的含义。",
            ),
            Text::ExistingTitle => ("Your CA", "你的 CA"),
            Text::DropCaHint => (
                "Drop the CA certificate and its private key here, both at once (with its inventory.jsonl, if it has one), or choose each file:",
                "把 CA 证书和它的私钥一起拖到这里（如有签发清单 inventory.jsonl，也一起拖入），或分别选择文件：",
            ),
            Text::CaCertFile => ("CA certificate (ca.pem)", "CA 证书（ca.pem）"),
            Text::CaKeyFile => ("CA private key (ca-key.pem)", "CA 私钥（ca-key.pem）"),
            Text::CaInventoryFile => (
                "The CA's inventory (inventory.jsonl), if any",
                "签发清单（inventory.jsonl，可选）",
            ),
            Text::NoInventory => (
                "None given: the zip's ca/ folder starts one. Keep it beside the CA key.",
                "未提供：zip 的 ca/ 目录中会新建一份。请把它和 CA 私钥放在一起。",
            ),
            Text::NoFileYet => ("No file chosen yet.", "尚未选择文件。"),
            Text::Encrypted => ("encrypted", "已加密"),
            Text::CaLabel => ("CA", "CA"),
            Text::ExpiresLabel => ("Expires", "到期"),
            Text::KeyLabel => ("Private key", "私钥"),
            Text::OpeningKey => ("Opening the key…", "正在打开私钥…"),
            Text::KeyOpened => (
                "The key opens and belongs to this certificate: ready to sign.",
                "私钥已打开，且与该证书匹配：可以签发。",
            ),
            Text::NeedKeyFile => ("Now choose the CA's private key.", "接下来请选择 CA 私钥。"),
            Text::KeyLocked => ("The key is encrypted: type its passphrase.", "私钥已加密：请输入它的口令。"),
            Text::KeyNotOpened => ("The key cannot be used: see above.", "无法使用该私钥：见上方说明。"),
            Text::CaLacksKeyUsage => (
                "This CA has no keyUsage extension (the classic openssl recipe's CA): docker accepts its certificates, strict RFC 5280 checks do not.",
                "该 CA 没有 keyUsage 扩展（经典 openssl 教程生成的 CA）：docker 接受它签发的证书，严格的 RFC 5280 检查则不接受。",
            ),
            Text::CaPassphrase => ("CA key passphrase", "CA 私钥口令"),
            Text::CaPassphraseHint => (
                "Opens the key here, in this page; it is not stored.",
                "只在本页面中用来打开私钥，不会被保存。",
            ),
            Text::OpenKey => ("Open the key", "打开私钥"),
            Text::TaskLabel => ("What to make with it", "用它来做什么"),
            Text::TaskIssue => ("Issue new certificates", "签发新证书"),
            Text::TaskRenew => ("Renew a certificate", "续期证书"),
            Text::ClientsIssueHint => (
                "One client a line. Leave empty to make host certificates only.",
                "每行一个客户端。留空则只生成主机证书。",
            ),
            Text::KeyTypeIssueHint => (
                "For the new certificates; the CA keeps its own key. ECDSA P-256 is fast and accepted everywhere.",
                "用于新证书；CA 保留自己的密钥。ECDSA P-256 速度快、兼容性好。",
            ),
            Text::RenewCert => ("Certificate to renew", "要续期的证书"),
            Text::RenewCertHint => (
                "A host's server-cert.pem or a client's cert.pem. The new one keeps its names and usage, with a new key, serial and validity.",
                "主机的 server-cert.pem 或客户端的 cert.pem。新证书保留原有的名称和用途，并使用新的私钥、序列号和有效期。",
            ),
            Text::SameKeyType => ("Same as the old certificate", "与原证书相同"),
            Text::RenewWhat => ("For", "用于"),
            Text::RoleHost => ("host", "主机"),
            Text::RoleClient => ("client", "客户端"),
            Text::OldSans => ("SANs now", "原有的 SAN"),
            Text::NewSans => ("SANs of the new certificate", "新证书的 SAN"),
            Text::NoSans => ("none", "无"),
            Text::KeyTypeRenewHint => ("The new certificate's key.", "新证书使用的密钥类型。"),
            Text::Issue => ("Issue", "签发"),
            Text::Renew => ("Renew", "续期"),
            Text::CannotYet => ("Not yet:", "还不能进行："),
            Text::NeedCa => ("choose the CA certificate and its private key.", "请选择 CA 证书和它的私钥。"),
            Text::FixCa => ("fix the CA files marked above.", "请修正上面标出的 CA 文件。"),
            Text::NeedCaPassphrase => ("type the passphrase that opens the CA key.", "请输入能打开 CA 私钥的口令。"),
            Text::NeedHostOrClient => ("add at least one Docker host or client.", "请至少添加一台 Docker 主机或一个客户端。"),
            Text::NeedRenewCert => ("choose the certificate to renew.", "请选择要续期的证书。"),
            Text::EmptyIssued => (
                "Choose your CA's certificate and key, then the hosts and clients to issue for, or the certificate to renew. The zip holds the CA certificate, never its key.",
                "选择你的 CA 证书和私钥，再填写要签发的主机和客户端，或选择要续期的证书。zip 中包含 CA 证书，但绝不包含 CA 私钥。",
            ),
            Text::SigningOnly => ("Signing certificates", "正在签发证书"),
            Text::Notes => ("Notes", "说明"),
            Text::CaKeyNotIncluded => (
                "The CA key is not in this zip: keep using the copy you keep offline.",
                "此 zip 中不包含 CA 私钥：请继续使用你离线保存的那一份。",
            ),
            Text::InspectTitle => ("What to check", "要检查的内容"),
            Text::ProbeWithCli => (
                "To check a running daemon (does it speak TLS, is its certificate trusted, does it refuse clients without one), use the command line: dockcert probe tcp://HOST:2376 --client DIR. This page never connects anywhere.",
                "要探测运行中的守护进程（是否使用 TLS、证书是否可信、是否拒绝没有证书的客户端），请使用命令行：dockcert probe tcp://HOST:2376 --client DIR。本页面从不连接任何地方。",
            ),
            Text::InspectFiles => ("Files to inspect", "要检查的文件"),
            Text::InspectFilesHint => (
                "Certificates, keys, daemon.json, systemd units, or a whole bundle zip. Choose several at once, or drop them here.",
                "证书、私钥、daemon.json、systemd 单元，或整个证书包 zip。可以一次选择多个，也可以拖到这里。",
            ),
            Text::ClearFiles => ("Clear", "清除"),
            Text::HostToCheck => ("Host name clients dial", "客户端访问的主机名"),
            Text::HostToCheckHint => (
                "Optional. Every server certificate must cover this name or address, as docker checks it.",
                "可选。每张服务器证书都必须包含这个名称或地址，docker 就是这样检查的。",
            ),
            Text::ExplainTitle => ("Explain an error message", "解释错误信息"),
            Text::ExplainLabel => ("Error message from docker or dockerd", "docker 或 dockerd 的错误信息"),
            Text::ExplainHint => (
                "Paste it here: what it means and what to do appear as you type.",
                "粘贴到这里：输入时就会显示它的含义和解决办法。",
            ),
            Text::ExplainUnknown => (
                "dockcert does not know this message. Inspecting the certificates and settings involved may find the cause.",
                "dockcert 不认识这条信息。检查相关的证书和配置也许能找到原因。",
            ),
            Text::SaidBy => ("said by", "出自"),
            Text::Cause => ("Cause:", "原因："),
            Text::Fix => ("Fix:", "解决办法："),
            Text::ReportTitle => ("Report", "检查结果"),
            Text::EmptyReport => (
                "Choose or drop files to inspect: dockcert says what each one is and what docker or dockerd would refuse.",
                "选择或拖入要检查的文件：dockcert 会说明每个文件是什么，以及 docker 或 dockerd 会拒绝什么。",
            ),
            Text::Problems => ("Problems", "问题"),
            Text::SeverityError => ("error", "错误"),
            Text::SeverityWarning => ("warning", "警告"),
            Text::ModesUnknown => (
                "A browser does not tell a picked file's mode: to check modes, inspect a bundle zip, or run dockcert inspect on the host.",
                "浏览器不会告诉页面所选文件的权限：要检查文件权限，请检查证书包 zip，或在主机上运行 dockcert inspect。",
            ),
            // The headings of `dockcert expiry`'s table (the core's `Column`).
            Text::ExpiryTitle => ("When each certificate expires", "各证书的到期时间"),
            Text::DaysLeft => ("days left", "剩余天数"),
            Text::NotAfter => ("not after (UTC)", "到期时间（UTC）"),
            Text::Role => ("role", "用途"),
            Text::Serial => ("serial", "序列号"),
            Text::Where => ("where", "位置"),
            Text::Expired => ("expired", "已过期"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}
