//! Each flag's `--help` in Chinese, by the command and the argument's id
//! (`*` for every command that has it, worded alike in English), and the
//! Chinese of the values a flag offers. A plan input's flag is not here:
//! its Chinese is its row of the core's table (`Field::help_in`), beside
//! its English. The glossary is shared/UI.md.

/// `(command, argument id, help)`; the first row that matches wins, so a
/// command's own row comes before a `*` one.
pub(super) const FLAGS: &[(&str, &str, &str)] = &[
    (
        "new",
        "config",
        "一个集群文件（TOML），列出 CA 的设置、每台主机和每个客户端。文件里主机自己的设置优先；其次是命令行参数；再次是它的 [defaults]。--server 和 --client 会加到它的列表里",
    ),
    (
        "rotate",
        "ansible",
        "另外写出 ansible/：主机清单和 rotate.yml；它把一个阶段作为滚动更新在每台主机上运行（分批，每台主机之后通过 TLS 检查）（ansible-playbook -i ansible/inventory.yml ansible/rotate.yml --tags phaseN，或 -e dockcert_phase=N）",
    ),
    (
        "*",
        "ansible",
        "另外写出 ansible/：主机清单和一个 playbook；它像 install.sh 一样安装每台主机的文件、合并 daemon.json、安装 drop-in，只在有改动的主机上重启 docker（ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml）",
    ),
    ("*", "ca_cert", "CA 证书（PEM 或 DER）"),
    (
        "*",
        "ca_key",
        "CA 的私钥：PKCS#8（未加密或已加密）、PKCS#1 RSA、SEC1 EC，或 OpenSSL 旧式加密的 PEM",
    ),
    (
        "*",
        "passphrase_file",
        "从这个文件的第一行读取 CA 私钥的口令",
    ),
    ("*", "passphrase_env", "从这个环境变量读取 CA 私钥的口令"),
    (
        "rotate",
        "from",
        "要轮换的证书包：dockcert new 或 issue 写出的文件夹或 zip（每台主机的 server/NAME/server-cert.pem，每个客户端的 client/NAME/cert.pem）",
    ),
    (
        "rotate",
        "drop",
        "不为这台主机或这个客户端签发新 CA 的证书（可重复）：这是 dockerd 唯一的撤销手段；每台主机完成第 3 阶段后它会被拒绝",
    ),
    (
        "rotate",
        "new_passphrase_file",
        "从这个文件的第一行读取新 CA 私钥的口令",
    ),
    ("rotate", "new_passphrase_env", "从这个环境变量读取新 CA 私钥的口令"),
    (
        "rotate",
        "no_new_passphrase",
        "不加密写出新 CA 私钥（不建议）",
    ),
    (
        "new",
        "no_passphrase",
        "不加密写出 CA 私钥（不建议：任何读到它的人都能签发你的主机会信任的证书）",
    ),
    (
        "*",
        "out",
        "写到哪里：以 .zip 结尾的名字生成 zip，其他名字生成一个新文件夹。它的上级文件夹必须已存在",
    ),
    (
        "*",
        "force",
        "替换已有的 zip 文件。非空的文件夹永远不会被写入",
    ),
    ("inspect", "json", "在标准输出以 JSON 打印报告"),
    ("expiry", "json", "在标准输出以 JSON 打印列表"),
    ("probe", "json", "在标准输出以 JSON 打印各项检查和结论"),
    (
        "*",
        "json",
        "另外在标准输出以 JSON 打印生成的内容：写到了哪里、警告，以及证书包的清单（每个文件的权限和 SHA-256，每张证书的指纹和到期时间）",
    ),
    (
        "*",
        "layout",
        "证书包的目录结构：`standard`（每台主机、每个客户端一个文件夹），或 `dind`：docker:dind 镜像在 DOCKER_TLS_CERTDIR 下读取的目录树（certs/ca、certs/server、certs/client，从不包含 CA 私钥），附 compose.yaml 和一段 GitLab CI 配置；仅一台主机、一个客户端",
    ),
    (
        "inspect",
        "lang",
        "报告的语言：en 或 zh。命令、路径、文件名和 docker 自己的消息保持原样；--json 保持英文。默认：终端的语言，取自 LC_ALL，其次 LC_MESSAGES，再次 LANG",
    ),
    (
        "probe",
        "lang",
        "报告的语言：en 或 zh。命令、路径、文件名和 docker 自己的消息保持原样；--json 保持英文。默认：终端的语言，取自 LC_ALL，其次 LC_MESSAGES，再次 LANG",
    ),
    (
        "expiry",
        "lang",
        "列表的语言：en 或 zh。路径和名称保持原样；--json 和 --prometheus 保持英文。默认：终端的语言，取自 LC_ALL，其次 LC_MESSAGES，再次 LANG",
    ),
    (
        "*",
        "lang",
        "README.txt、摘要和提示的语言：en 或 zh。命令、路径和文件名保持原样；--json 保持英文。默认：终端的语言，取自 LC_ALL，其次 LC_MESSAGES，再次 LANG（zh_CN.UTF-8 为 zh；未设置、C 或 POSIX 为 en）",
    ),
    (
        "renew",
        "cert",
        "要续期的证书（主机的 server-cert.pem 或客户端的 cert.pem）",
    ),
    (
        "inspect",
        "paths",
        "证书或私钥文件、文件夹（例如 /etc/docker 或证书包文件夹）或证书包 zip，可任意混合：它们作为一套配置一起检查（与服务器证书一起给出的 CA 文件就是它的 CA）",
    ),
    (
        "inspect",
        "host",
        "客户端连接这台主机时使用的名称或地址：它的服务器证书必须包含它。在多主机的证书包里只检查这台主机的证书（在其文件夹 server/NAME/ 中，或名称为它的），其余的会列为已跳过",
    ),
    (
        "inspect",
        "unit",
        "一个 systemd 单元或 drop-in，用来与 daemon.json 的 hosts 对照（PATH 里的 docker.service.d 文件夹无论如何都会读取）。可按需重复",
    ),
    (
        "inspect",
        "explain",
        "解释 docker 或 dockerd 的一条错误消息：它的原因和解决办法",
    ),
    (
        "expiry",
        "paths",
        "证书文件、文件夹（主机的 /etc/docker、客户端的 ~/.docker、证书包文件夹或整个集群的目录树）、证书包 zip，或以 tcp://HOST:PORT 写出的运行中的守护进程（各自提供的证书链）。文件夹里只读取名字像证书或 zip 的文件（.pem、.crt、.cer、.cert、.der、.zip；不读私钥的 key.pem 或 *-key.pem）",
    ),
    (
        "expiry",
        "timeout",
        "每个运行中的守护进程可用的秒数，从解析名称到拿到它的证书链",
    ),
    (
        "expiry",
        "within",
        "有证书在这么多天内到期（或已过期）时以状态 1 退出",
    ),
    (
        "expiry",
        "all",
        "列出读到的每一张证书，而不只是 DAYS 天内到期的",
    ),
    (
        "expiry",
        "prometheus",
        "以 Prometheus 指标打印每张证书（node_exporter 的 textfile 收集器读取的文本格式）：dockcert_certificate_not_after_seconds 和 dockcert_certificate_info",
    ),
    (
        "probe",
        "host",
        "守护进程，按 docker 的 -H 的写法：tcp://HOST:PORT。默认：与 docker 的选择相同（DOCKER_HOST，其次 DOCKER_CONTEXT 或当前的 docker 上下文）",
    ),
    (
        "probe",
        "context",
        "一个 docker 上下文（即 `docker context ls` 列出的）：它的端点和 TLS 文件",
    ),
    (
        "probe",
        "client",
        "存放客户端 ca.pem、cert.pem 和 key.pem 的文件夹，与 DOCKER_CERT_PATH 相同。默认：DOCKER_CERT_PATH，其次 DOCKER_CONFIG，再次 ~/.docker，与 docker 客户端查找的顺序相同",
    ),
    (
        "probe",
        "tlscacert",
        "服务器证书必须链到的 CA（代替 DIR/ca.pem）",
    ),
    (
        "probe",
        "compare",
        "把 dockerd 提供的证书与这个文件或这个文件夹里的证书按 SHA-256 比较（文件夹可以是证书包里的主机文件夹，或存放 dockerd 文件的文件夹：其中的 server-cert.pem、其 daemon.json 的 tlscert 所指的文件，或 cert.pem）。默认：在守护进程所在的主机上，比较 dockerd 被告知读取的文件（正在监听的 dockerd 的 --tlscert 或 daemon.json、/etc/docker/daemon.json、systemd drop-in 或 /etc/default/docker 里的参数）",
    ),
    ("probe", "tlscert", "客户端的证书（代替 DIR/cert.pem）"),
    ("probe", "tlskey", "客户端的私钥（代替 DIR/key.pem）"),
    (
        "probe",
        "timeout",
        "整个探测可用的秒数，从解析名称到最后一个回答的最后一个字节",
    ),
    ("completions", "shell", "bash、zsh 或 fish"),
];

/// `(argument id, value, help)`: the Chinese of each value a flag offers.
pub(super) const VALUES: &[(&str, &str, &str)] = &[
    ("lang", "en", "英语"),
    ("lang", "zh", "简体中文"),
    (
        "layout",
        "standard",
        "每台主机、每个客户端一个文件夹，附各自的安装脚本",
    ),
    (
        "layout",
        "dind",
        "docker:dind 镜像的 DOCKER_TLS_CERTDIR 目录树",
    ),
    ("shell", "bash", "GNU bash（需要 bash-completion 软件包）"),
    ("shell", "zsh", "zsh"),
    ("shell", "fish", "fish"),
];
