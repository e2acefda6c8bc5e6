//! The bundle's own files' words in Simplified Chinese, in the page's words
//! (the glossary is shared/UI.md).

use super::{ScriptMessage, Words};

/// `message` in Chinese, as shell or awk text.
pub(super) fn script(message: ScriptMessage) -> &'static str {
    use ScriptMessage::*;
    match message {
        HostHelp => {
            r#"install.sh：在主机“@NAME@”上安装 Docker 守护进程的 TLS 文件。
# 由 dockcert @VERSION@ 生成。请在该主机上、在本目录中以 root 身份运行：
#
#     sudo ./install.sh [--expiry-check [--textfile-dir DIR]] [--live-restore] [--force] [--root DIR]
#
# 它把 ca.pem、server-cert.pem（0444）和 server-key.pem（0400）放到
# @INSTALL_DIR@，把 systemd 的 drop-in 文件放到
# /etc/systemd/system/docker.service.d/，它们都属于 root；并把 dockcert 的设置
# （tlsverify、tlscacert、tlscert、tlskey、hosts）加入 /etc/docker/daemon.json：
# 主机在其中的其他设置保持原样。它在写入任何内容之前先检查所有内容：
# - 组或其他用户可写的目录（/tmp 这类设置了粘滞位的目录除外）和属于其他用户的
#   目录，它一概不在其下写入；daemon.json 不是 JSON 对象时也不写入；
# - 内容不同的文件、符号链接（从不跟随），以及主机设为其他值的 dockcert 设置，
#   只有加上 --force 才会替换；旧文件保留为 NAME.dockcert-backup-TIME。
# - 它替换的文件保留旧文件更严格的权限（权限为 0600 的 daemon.json 仍为 0600），
#   已存在的目录保留自己的权限。
# --live-restore 还会在 daemon.json 中加入 "live-restore": true，使重启 dockerd
#   时正在运行的容器继续运行（不加它，`systemctl restart docker` 会停止所有容器）；
#   主机设为其他值时保留主机的值，除非加上 --force。
# --expiry-check 同时安装每天运行的到期检查（/usr/local/sbin/dockcert-expiry-check，
#   以及 /etc/dockcert/certificates.tsv、systemd 定时器和 cron 任务）：证书到期前
#   30 天起记录警告，7 天起记录错误。续期后的证书包中的 install.sh 会告诉它新的到期时间。
# --textfile-dir DIR（与 --expiry-check 一起）让检查把指标 dockcert.prom 写到 DIR，
#   供 node_exporter 的 textfile 收集器读取。
# --root DIR 安装到 DIR 下而不是 / 下（用于试用，或构建镜像）。"#
        }
        RootNeedsFolder => r#"install.sh：--root 后面需要一个目录"#,
        UnknownHostOption => {
            r#"install.sh：未知选项 '${1}'（可用的选项：--expiry-check、--textfile-dir DIR、--live-restore、--force、--root DIR）"#
        }
        TextfileNeedsFolder => r#"install.sh：--textfile-dir 后面需要一个目录"#,
        TextfileBadName => {
            r#"install.sh：--textfile-dir ${TEXTFILE_DIR}：请给出只含字母、数字和 / . _ - 的绝对路径"#
        }
        NeedsRoot => r#"install.sh：请以 root 身份运行，这样文件才会属于 root：sudo $0"#,
        RootHasTabOrLineBreak => r#"install.sh：--root：目录名中不能有制表符或换行符"#,
        DockerdElsewhere => r#"说明：此主机的 dockerd 是 ${DOCKERD}，drop-in 文件改用这个路径"#,
        LiveRestoreCannotAdd => {
            r#"install.sh：--live-restore：${HERE}/daemon.json 的结尾不是 dockcert 写的样子（一个成员，然后单独一行 }）；请手动加入 \"live-restore\": true，或者不加 --live-restore 运行"#
        }
        AwkFailed => r#"install.sh：awk 无法合并 ${DAEMON_JSON}：$(cat "$WORK/awk-errors")"#,
        NothingInstalled => r#"install.sh：没有安装任何文件"#,
        NotAnObject => {
            r#"install.sh：${DAEMON_JSON} 不是 install.sh 能合并的 JSON 对象（${key}）；请修正它或把它移走，然后再次运行 install.sh"#
        }
        ReplacingSetting => {
            r#"替换 ${DAEMON_JSON} 中的 \"${key}\"：原值为 ${theirs}，dockcert 的值为 ${ours}（--force）"#
        }
        SettingConflict => {
            r#"install.sh：${DAEMON_JSON} 把 \"${key}\" 设为 ${theirs}，dockcert 设为 ${ours}；不修改它（加上 --force 则采用 dockcert 的值，旧文件会保留）"#
        }
        DaemonJsonIsLink => {
            r#"说明：${DAEMON_JSON} 是符号链接；install.sh 不会通过它读取任何内容，所以加上 --force 时，这个链接会被替换为只含 dockcert 设置的文件（它指向的文件保持原样；要保留其中的设置，请先用该文件的副本替换这个链接）"#
        }
        SettingsAdded => r#"daemon.json：已添加${added}；主机的其他设置保持原样"#,
        OtherExecStart => {
            r#"警告：${other} 也设置了 ExecStart；systemd 采用按名称排在最后的 drop-in 文件"#
        }
        HostDone => r#"完成。重启 Docker 守护进程，即可在 @LISTEN@ 上使用 TLS："#,
        HostDoneLiveRestore => {
            r#"完成。dockerd 只在启动时读取 TLS 文件：先重新加载它（它会开启 live-restore，不停止任何容器），确认 docker info 显示 true，再重启它，即可在 @LISTEN@ 上使用 TLS（容器继续运行；如果显示 false，这一次重启仍会停止容器）："#
        }
        WithoutSystemd => {
            r#"不用 systemd 时，启动 dockerd 不要加 -H 参数：daemon.json 中已写明它监听的地址"#
        }
        FlagsInstead => {
            r#"（dockerd-flags.txt 以命令行参数的形式写有同样的设置，可以代替 daemon.json 使用。）"#
        }
        CheckInstalled => {
            r#"到期检查已安装（/usr/local/sbin/dockcert-expiry-check，每天运行）；启动它的定时器："#
        }
        CheckCronInstead => r#"（没有 systemd 时，由 /etc/cron.d/dockcert-expiry 每天运行它。）"#,
        CheckHelp => {
            r#"dockcert-expiry-check：在本主机的 Docker TLS 证书到期之前发出警告。
# 由 dockcert @VERSION@ 为主机“@NAME@”生成；install.sh --expiry-check
# 把它放到 /usr/local/sbin，并安装每天运行它的 systemd 定时器和 cron 任务。
# 它只需要 sh、awk、logger 和 sha256sum（或 openssl），不需要 dockcert。
#
#     dockcert-expiry-check [--root DIR] [--textfile-dir DIR]
#
# 它读取 /etc/dockcert/certificates.tsv（install.sh 安装的每个证书：路径、
# 文件的 SHA-256、以 Unix 时间表示的到期时间、角色、名称和序列号）。
# 不再是安装时那个文件的，用 openssl x509 -enddate 重新读取。
# 证书到期前 30 天起记录警告（logger -p daemon.warning -t dockcert），
# 到期前 7 天起及到期之后记录错误（daemon.err），此时退出状态为 1。
# 存在 node_exporter 的 textfile 目录时（--textfile-dir DIR，或
# /var/lib/prometheus/node-exporter，或 /var/lib/node_exporter/textfile_collector），
# 在其中写入 dockcert.prom，指标与 dockcert expiry --prometheus 相同。
# --root DIR 读取 DIR 下的文件，而不是 / 下的。
# DOCKCERT_LOG_SOCKET=PATH 把日志发到该套接字，而不是 /dev/log。"#
        }
        CheckNeedsFolder => r#"dockcert-expiry-check：${1} 需要一个目录"#,
        UnknownCheckOption => {
            r#"dockcert-expiry-check：未知选项 '${1}'（可用：--root DIR、--textfile-dir DIR）"#
        }
        CheckNoData => {
            r#"dockcert-expiry-check：缺少 ${path}，因此不知道本主机的任何证书；请再次运行证书包中的 install.sh --expiry-check"#
        }
        CheckMissing => r#"${role} 证书 ${name} 不见了：${path}"#,
        CheckCannotTell => {
            r#"${path}（${role} 证书 ${name}）已不是 install.sh 安装的那个文件，而本主机没有 openssl，无法判断它何时到期"#
        }
        CheckUnreadable => {
            r#"${path}（${role} 证书 ${name}）已不是 install.sh 安装的那个文件，而 openssl 无法从中读出证书"#
        }
        CheckBadLine => {
            r#"dockcert-expiry-check：${path} 的第 ${line} 行不是 install.sh 写入的样子；请再次运行证书包中的 install.sh --expiry-check"#
        }
        CheckEndedOneDay => {
            r#"${role} 证书 ${name}（序列号 ${serial}，${path}）已过期 1 天：docker 会拒绝它；请续期（dockcert renew），并运行新证书包中的 install.sh"#
        }
        CheckEnded => {
            r#"${role} 证书 ${name}（序列号 ${serial}，${path}）已过期 ${days} 天：docker 会拒绝它；请续期（dockcert renew），并运行新证书包中的 install.sh"#
        }
        CheckEndsToday => {
            r#"${role} 证书 ${name}（序列号 ${serial}，${path}）不到 1 天就会到期；请续期（dockcert renew），并运行新证书包中的 install.sh"#
        }
        CheckEndsInOneDay => {
            r#"${role} 证书 ${name}（序列号 ${serial}，${path}）1 天后到期；请续期（dockcert renew），并运行新证书包中的 install.sh"#
        }
        CheckEndsSoon => {
            r#"${role} 证书 ${name}（序列号 ${serial}，${path}）${days} 天后到期；请续期（dockcert renew），并运行新证书包中的 install.sh"#
        }
        CheckTextfileFailed => r#"dockcert-expiry-check：无法写入 ${out}"#,
        CheckServiceDescription => r#"dockcert：在本主机的 Docker TLS 证书到期之前发出警告"#,
        CheckTimerDescription => r#"dockcert：每天检查本主机的 Docker TLS 证书何时到期"#,
        CheckCronComment => {
            r#"dockcert：在没有 systemd 的主机上，每天检查本主机的 Docker TLS 证书何时到期（有 systemd 时由 dockcert-expiry.timer 负责）。"#
        }
        ClientHelp => {
            r#"install.sh：为客户端“@NAME@”安装 docker 客户端的 TLS 文件。
# 由 dockcert @VERSION@ 生成。请在本目录中以运行 docker 的用户身份运行：
#
#     ./install.sh [--force] [--dir DIR]
#
# 它把 ca.pem、cert.pem（0444）和 key.pem（0400）放到 DIR，默认为
# @CERT_DIR@，即 docker.env 的 DOCKER_CERT_PATH 所指的目录。
# 这些文件属于你：docker 客户端以你的身份读取 key.pem。不存在的 DIR
# 以 0700 创建，它上面不存在的目录以 0755 创建；已存在的目录保留自己的权限。
# 它在写入任何内容之前先检查所有内容：
# - 组或其他用户可写的目录（/tmp 这类设置了粘滞位的目录除外）和既不属于你
#   也不属于 root 的目录，它一概不在其下写入；
# - 内容不同的文件或符号链接（从不跟随）只有加上 --force 才会替换；
#   旧文件保留为 NAME.dockcert-backup-TIME。"#
        }
        DirNeedsFolder => r#"install.sh：--dir 后面需要一个目录"#,
        UnknownClientOption => r#"install.sh：未知选项 '${1}'（可用的选项：--force、--dir DIR）"#,
        ClientAsRoot => {
            r#"说明：你是 root，所以文件会放到 ${DIR} 并属于 root；如果运行 docker 的是另一个用户，请以该用户的身份运行它"#
        }
        DirHasTabOrLineBreak => r#"install.sh：--dir：目录名中不能有制表符或换行符"#,
        ClientDone => r#"完成。在当前 shell 中让 docker 连接 @FIRST_HOST@："#,
        OrContexts => r#"或者为每台主机创建一个 docker 上下文："#,
        CannotEnter => r#"install.sh：无法进入 ${cf_path} 进行检查"#,
        NotAFolder => r#"install.sh：${cf_path} 挡住了路径：它不是目录"#,
        FolderWritable => {
            r#"install.sh：${cc_path} 可被组或其他用户写入；不在其下写入（路径上的每个目录都必须只有属主可写，或像 /tmp 那样设置了粘滞位）"#
        }
        FolderOwner => {
            r#"install.sh：${cc_path} 属于其他用户；不在其下写入（路径上的每个目录都必须属于 root${OWNER_NOTE}）"#
        }
        LinkToFolder => {
            r#"install.sh：${2} 是指向目录的符号链接；不跟随它，即使加上 --force 也不替换它（请自行删除）"#
        }
        ReplacingLink => r#"替换符号链接 ${2} 本身（--force），不跟随它"#,
        LinkConflict => r#"install.sh：${2} 是符号链接；不跟随它（加上 --force 可替换链接本身）"#,
        NotAFile => {
            r#"install.sh：${2} 挡住了路径，而且不是文件；即使加上 --force 也不替换它（请自行删除）"#
        }
        ReplacingFile => r#"替换 ${2}（--force）"#,
        FileDiffers => {
            r#"install.sh：${2} 已存在且内容不同；不替换它（加上 --force 可替换它，旧文件会保留）"#
        }
        ReplacingRenewed => r#"${RENEWED} 是本证书包续期的证书：替换它和它的私钥（旧文件会保留）"#,
        MissingHere => r#"install.sh：本目录中缺少 ${src}"#,
        Created => r#"已创建  ${2}  ${1}/"#,
        Unchanged => r#"未改动  ${mode}  ${dest}"#,
        KeptOld => r#"旧文件保留为 ${backup}"#,
        Installed => r#"已安装  ${mode}  ${dest}"#,
        OwnerNote => r#" 或属于你"#,
        AwkEmpty => r#"文件是空的；dockerd 也不接受空的 daemon.json"#,
        AwkCannotRead => r#"无法读取 "#,
        AwkTwiceBefore => r#"它把 \""#,
        AwkTwiceCount => r#"\" 设置了 "#,
        AwkTwiceAfter => r#" 次，而 dockerd 只采用最后一次；请只保留一个"#,
        AwkHostLine => r#"第 "#,
        AwkBundleLine => r#"证书包中 daemon.json 的第 "#,
        AwkLineEnd => r#" 行："#,
        AwkExpectedObject => r#"此处应为 “{”：daemon.json 只包含一个 JSON 对象"#,
        AwkExpectedName => r#"此处应为用双引号括起的名称"#,
        AwkExpectedColon => r#"名称之后应为 “:”"#,
        AwkExpectedComma => r#"值之后应为 “,” 或 “}”"#,
        AwkTrailing => r#"对象结尾的 “}” 之后还有其他文本"#,
        AwkTooDeep => r#"嵌套超过 100 层"#,
        AwkExpectedValue => r#"此处应为一个值"#,
        AwkUnclosed => r#"字符串没有结束"#,
        AwkBadUnicode => r#"\\u 后面需要四位十六进制数字"#,
        AwkUnknownEscape => r#"字符串中有未知的转义 \\"#,
        AwkUnknownEscapeEnd => r#""#,
        AwkUnclosedLine => r#"字符串在行尾之前没有结束"#,
        AwkControl => r#"字符串中有控制字符（请写成 \\u00XX）"#,
        AnsibleTextfileBadName => {
            r#"dockcert_textfile_dir {{ dockcert_textfile_dir }}：请给出只含字母、数字和 / . _ - 的绝对路径，与 install.sh --textfile-dir 的要求相同。"#
        }
        AnsibleNotAnObject => {
            r#"{{ dockcert_daemon_json_path }} 不是 dockcert 能合并的 JSON 对象；请修正它或把它移走，然后再次运行 playbook"#
        }
        AnsibleTwice => {
            r#"{{ dockcert_daemon_json_path }} 不是 dockcert 能合并的 JSON 对象（它把 "{{ dockcert_twice[0] }}" 设置了
          {{ dockcert_twice[1] }} 次，而 dockerd 只采用最后一次；请只保留一个）；请修正它或把它移走，然后再次运行 playbook。没有安装任何文件。"#
        }
        AnsibleConflict => {
            r#"{{ dockcert_daemon_json_path }} 把 "{{ name }}" 设为 {{ dockcert_daemon_host[name] | to_json(separators=[',', ':']) }}，dockcert 设为
          {{ dockcert_ours[name] | to_json(separators=[',', ':']) }}；不修改它（设置 dockcert_force=true 则采用 dockcert 的值，旧文件会保留）。"#
        }
        AnsibleNothingInstalled => r#"没有安装任何文件。"#,
        AnsibleLinkToFolder => {
            r#" 是指向目录的符号链接；不跟随它，即使设置 dockcert_force 也不替换它（请自行删除）；"#
        }
        AnsibleLinkConflict => {
            r#" 是符号链接；不跟随它（设置 dockcert_force=true 可替换链接本身）；"#
        }
        AnsibleNotAFile => {
            r#" 挡住了路径，而且不是文件；即使设置 dockcert_force 也不替换它（请自行删除）；"#
        }
        AnsibleFileDiffers => {
            r#" 已存在且内容不同；不替换它（设置 dockcert_force=true 可替换它，旧文件会保留）；"#
        }
        AnsibleReplacingRenewed => {
            r#"{{ dockcert_install_path }}/server-cert.pem 是本证书包续期的证书：替换它和它的私钥（旧文件会保留）"#
        }
    }
}

/// `words` in Chinese.
pub(super) fn words(words: &Words<'_>) -> String {
    match *words {
        Words::EnvHead { client } => format!(
            "# docker.env：客户端“{client}”的环境变量，由 dockcert 生成。先用 ./install.sh\n\
             # 把 ca.pem、cert.pem 和 key.pem 放到 DOCKER_CERT_PATH，再这样在 shell 中加载它：\n\
             #     . ./docker.env\n"
        ),
        Words::EnvOtherHosts => {
            "# 它指向第一台主机；要连接其他主机，请把 DOCKER_HOST 改为以下之一：\n".to_owned()
        }
        Words::EnvOrContexts => "# 或者使用 docker-context.sh 创建的 docker 上下文。\n".to_owned(),
        Words::EnvNoHost => {
            "# 生成这些文件时没有指定主机：请把 DOCKER_HOST 设为你的主机。\n".to_owned()
        }
        Words::ContextDescription { host, client } => {
            format!("以客户端 {client} 的身份通过 TLS 连接 {host}（dockcert）")
        }
        Words::ContextScriptHead { client } => format!(
            "# docker-context.sh：为客户端“{client}”给每台 Docker 主机创建一个 docker 上下文。\n\
             # 请在 ./install.sh 之后运行。docker 会把这些文件复制到它自己的上下文存储中，\n\
             # 所以以后这些文件无论放在哪里，上下文都能继续使用。\n\
             #     ./docker-context.sh [HOST[:PORT]...]     然后：docker --context HOST version\n\
             # 不带参数时，它为本证书包中的每台主机各创建一个上下文。\n"
        ),
        Words::ContextFileMissing => {
            "docker-context.sh：缺少 ${DIR}/${f}；请先运行 ./install.sh".to_owned()
        }
        Words::ContextHostsGiven => {
            "# 命令行上指定的主机：./docker-context.sh HOST[:PORT]...\n".to_owned()
        }
        Words::ContextGivenHost => "通过 TLS 连接 ${host}（dockcert）".to_owned(),
        Words::ContextsReady { context } => {
            format!("上下文已就绪。试试：docker --context {context} version")
        }
        Words::ContextNoHost => "docker-context.sh：生成这些文件时没有指定主机；请这样运行：./docker-context.sh HOST[:PORT]...".to_owned(),
        Words::NftablesHead { host, port, nets } => format!(
            "# dockcert：只有以下客户端网络可以访问 Docker 主机“{host}”上 dockerd 的\n\
             # TLS 端口 {port}：{nets}。\n\
             # 用 `nft -f nftables.conf` 加载它，或在 /etc/nftables.conf 中 include 它。\n\
             # 它添加一个自己的表，其他规则保持原样；再次加载会替换这个表。\n\
             # 本机连接（lo）仍然允许。\n"
        ),
        Words::FirewalldHead { host, port } => format!(
            "# dockcert：用 firewalld 一个区域中的 rich rule，只让以下客户端网络访问\n\
             # Docker 主机“{host}”上 dockerd 的 TLS 端口 {port}。\n\
             #     sudo ./firewalld.sh [ZONE]        （默认：firewalld 的默认区域）\n\
             # 它在该区域中对其他所有人关闭这个端口，以防它之前被打开过。\n"
        ),
        Words::InventoryHead { version } => format!(
            "# inventory.yml：本证书包中的 Docker 主机，供 dockcert.yml 使用。由 dockcert {version}\n\
             # 生成。ansible_host 是主机证书中的第一个名称或地址：如果 Ansible 通过其他方式\n\
             # 连接该主机（例如通过另一个名称 SSH 登录），请修改它；证书保持不变。\n\
             # 各路径是该主机在本证书包中的文件，相对于证书包的顶层目录。\n"
        ),
        Words::FirewalldDone { nets, port } => {
            format!("firewalld：区域 ${{ZONE}} 允许 {nets} 访问端口 {port}/tcp")
        }
    }
}
