//! The explanations in Simplified Chinese, in the page's words (the glossary
//! is shared/UI.md). Commands, paths, flags, file names and docker's own
//! words stay as they are.

use super::message::{Explanation, SaidBy};

/// Who says a message, in Chinese.
pub(super) fn said_by(s: SaidBy) -> &'static str {
    match s {
        SaidBy::Client => "docker 客户端",
        SaidBy::ClientOrDaemonAboutClient => "docker 客户端（或 dockerd，针对客户端证书）",
        SaidBy::ClientOrDaemon => "docker 客户端（或 dockerd）",
        SaidBy::ClientForDaemon => "docker 客户端，转述 dockerd 的拒绝",
        SaidBy::DaemonAtStartOrClient => "dockerd 启动时，或 docker 客户端",
        SaidBy::Daemon => "dockerd",
        SaidBy::DaemonAtStart => "dockerd 启动时",
        SaidBy::ClientOrDaemonAtStart => "docker 客户端，或 dockerd 启动时",
    }
}

/// The cause and the fix of `e`, in Chinese.
pub(super) fn words(e: Explanation) -> (&'static str, &'static str) {
    match e {
        Explanation::LegacyCommonName => (
            "主机的证书只在通用名称（CN）中写了主机名，没有主题备用名称（SAN）。Go（因而 docker）自 2020 年（Go 1.15）起不再接受通用名称；经典的 openssl 做法生成的正是这种证书。",
            "为主机签发一张把每个名称和地址都列为 SAN 的证书：`dockcert renew server-cert.pem --ca-cert ca.pem --ca-key ca-key.pem --out renewed.zip` 会把 CN 加为 SAN。`dockcert inspect server-cert.pem` 可查看证书现有的内容。",
        ),
        Explanation::NoIpSans => (
            "你用 IP 地址连接主机，而它的证书的 SAN 中没有任何 IP 地址。",
            "改用证书中的某个 DNS 名称连接（`dockcert inspect server-cert.pem` 会列出它们），或带上该地址重新签发：`dockcert issue --server NAME,10.0.0.5 ...`。",
        ),
        Explanation::NotValidFor => (
            "DOCKER_HOST（或 -H，或 docker 上下文）中的名称或地址不在主机证书的 SAN 中。报错信息列出了证书适用的名称。",
            "改用列出的某个名称连接，或把这个名称也加上，重新签发主机证书（`dockcert issue --server NAME,OTHER-NAME,ADDRESS ...`）；用 `dockcert inspect server-cert.pem --host NAME` 检查。",
        ),
        Explanation::UnknownAuthority => (
            "证书不是由对方信任的 CA 签发的：客户端的 ca.pem 不是签发主机证书的 CA（或主机的 tlscacert 不是客户端证书的 CA），或者 DOCKER_CERT_PATH 或 docker 上下文中仍是旧的 ca.pem。",
            "两端使用同一个 CA：即生成主机证书的那个证书包里的 ca.pem。`dockcert inspect FOLDER` 会显示每张证书由哪个 CA 签发。",
        ),
        Explanation::Expired => (
            "证书的有效期不包含当前时间：它已过期，或某台机器的时钟不对（在时钟偏快的机器上刚生成的证书，在别处会“尚未生效”）。",
            "检查两台机器的时钟（`date -u`）。如果已过期，请续期：`dockcert renew CERT.pem --ca-cert ca.pem --ca-key ca-key.pem --out renewed.zip`。dockerd 没有吊销机制：证书到期是结束访问的唯一方式。",
        ),
        Explanation::BadCertificate => (
            "dockerd（启用了 tlsverify）拒绝了客户端证书：客户端没有发送证书，证书不是由 dockerd 的 tlscacert 签发的，证书缺少 clientAuth 用途（把服务器证书当作客户端证书使用），或证书已过期。",
            "把与主机同一 CA 的证书包中客户端的 cert.pem 和 key.pem 交给 docker（通过 DOCKER_CERT_PATH、--tlscert/--tlskey 或 docker 上下文）。`dockcert inspect client-folder` 可以检查它们。",
        ),
        Explanation::CertificateRequired => (
            "dockerd 要求客户端证书（tlsverify），而客户端没有发送。",
            "让 docker 使用客户端的文件：`. ./docker.env`，或 `docker --tlsverify --tlscacert=ca.pem --tlscert=cert.pem --tlskey=key.pem -H tcp://HOST:2376 ...`，或 docker 上下文（docker-context.sh）。",
        ),
        Explanation::UnknownCa => (
            "dockerd 不认识签发客户端证书的 CA：它的 tlscacert 是另一个 CA。",
            "在主机上安装签发客户端证书的 CA 的 ca.pem（运行同一证书包中的 `sudo ./install.sh`），或用主机的 CA 为客户端签发证书。",
        ),
        Explanation::IncompatibleUsage => (
            "证书的 extendedKeyUsage 不允许它当前的用途：主机出示的是客户端证书，或客户端出示的是服务器证书。",
            "主机需要 serverAuth（server-cert.pem），客户端需要 clientAuth（cert.pem）；`dockcert inspect` 会显示每张证书的用途。用 `dockcert issue --server ...` 或 `--client ...` 签发正确的种类。",
        ),
        Explanation::KeyMismatch => (
            "私钥文件不是与之配对的证书的私钥（混用了两个不同证书包的文件，或只续期了其中一个）。",
            "安装一起生成的私钥和证书（来自同一证书包的同一目录）。`dockcert inspect FOLDER` 会指出哪一对不匹配。",
        ),
        Explanation::UnreadableKey => (
            "私钥文件已加密，或者不是私钥。dockerd 和 docker 客户端都无法读取加密的私钥。",
            "使用证书包中未加密的主机或客户端私钥（dockcert 从不加密它们），并用文件权限 0400 保护它。",
        ),
        Explanation::NoPemKey => (
            "作为私钥给出的文件不是 PEM 私钥（常见的是在该放私钥的地方给了证书，或是空文件）。",
            "检查 --tlskey、daemon.json 中的 tlskey 或 DOCKER_CERT_PATH/key.pem：它必须是私钥（`-----BEGIN PRIVATE KEY-----`）。`dockcert inspect FOLDER` 会说明每个文件是什么。",
        ),
        Explanation::HttpToHttps => (
            "客户端用明文 HTTP 连接了 dockerd 的 TLS 端口：客户端没有设置 DOCKER_TLS_VERIFY（或 --tlsverify）。",
            "设置 DOCKER_TLS_VERIFY=1 和 DOCKER_CERT_PATH（`. ./docker.env`），或带上客户端的文件使用 --tlsverify，或使用 docker-context.sh 创建的 docker 上下文。",
        ),
        Explanation::HttpToTls => (
            "客户端使用 TLS，但该端口提供的是明文 HTTP：那里的 dockerd 启动时没有启用 TLS（常见的是 -H tcp://0.0.0.0:2375）。",
            "用证书包中的 daemon.json（tlsverify、tlscacert、tlscert、tlskey）启动 dockerd 并重启它；切勿在 TCP 上提供不带 TLS 的 API。",
        ),
        Explanation::NotTls => (
            "客户端使用 TLS，而该端口回应的是别的内容：明文 HTTP 的 dockerd，或该端口上的其他服务。",
            "检查 dockerd 是否在该端口以 TLS 监听（在主机上运行 `ss -ltnp | grep 2376`），以及 daemon.json 或启动参数是否启用了 tlsverify。",
        ),
        Explanation::FlagAndFile => (
            "某项设置（通常是 hosts）既写在 /etc/docker/daemon.json 中，又作为命令行参数给出：系统自带的 docker.service 以 `dockerd -H fd://` 启动。",
            "安装 dockcert 的 systemd drop-in（docker.service.d/dockcert.conf：先 `ExecStart=`，再 `ExecStart=/usr/bin/dockerd`），然后运行 `systemctl daemon-reload && systemctl restart docker`；或从两处之一删掉这项设置。",
        ),
        Explanation::BadDaemonJson => (
            "/etc/docker/daemon.json 不是有效的 JSON，或含有 dockerd 不认识的键。",
            "用 `python3 -m json.tool /etc/docker/daemon.json` 检查它；dockcert 生成的 daemon.json 本身是有效的，但手工合并时常会留下多余的结尾逗号。",
        ),
        Explanation::NoCaFile => (
            "--tlscacert、tlscacert 或 DOCKER_CERT_PATH/ca.pem 指定的 CA 文件不存在或无法读取。",
            "安装这些文件（`./install.sh`）并检查路径；docker 客户端在 DOCKER_CERT_PATH（默认为 ~/.docker）中查找 ca.pem、cert.pem 和 key.pem。",
        ),
        Explanation::MissingFile => (
            "dockerd 无法打开 daemon.json 中指定的文件：文件没有安装在那里，或安装目录不同。",
            "以 root 身份运行该主机的 install.sh（它会把 ca.pem、server-cert.pem 和 server-key.pem 放到 daemon.json 指定的位置），或修正 daemon.json 中的路径。",
        ),
        Explanation::NotRunning => (
            "该地址没有任何回应：dockerd 没有运行，在别处监听（daemon.json 中的 hosts，或 -H），或防火墙丢弃了连接。",
            "在主机上运行 `systemctl status docker`、`ss -ltnp | grep 2376`；检查 DOCKER_HOST 中的端口；如果用了 dockcert 的防火墙规则，检查你的网络是否在 --allow-from 之内。",
        ),
        Explanation::ConnectionRefused => (
            "主机有回应，但该端口上没有程序监听：dockerd 已停止，或在另一个地址或端口上监听。",
            "在主机上检查 `ss -ltnp`，以及 daemon.json 中的 hosts 条目（tcp://0.0.0.0:2376 表示在所有网络接口上监听）。",
        ),
    }
}
