//! The next steps' notes in Simplified Chinese, in the page's words (the
//! glossary is shared/UI.md).

use super::note::StepNote;

/// `note` in Chinese.
pub(super) fn text(note: &StepNote) -> String {
    match note {
        StepNote::ExistingClients { cert_dir } => format!(
            "已持有此 CA 所签发证书的每个客户端，用它已有的文件即可访问本证书包中的主机：\
             它的 install.sh 已把 ca.pem、cert.pem 和 key.pem 放在 {cert_dir}（CLIENT 为\
             客户端名称；ls $HOME/.docker/dockcert/ 可列出它们）。在该客户端上，以运行 \
             docker 的用户身份运行（已有某台主机的 docker 上下文时，跳过该主机）："
        ),
        StepNote::ExistingClientsScript => "或者在早先证书包中该客户端的目录里，用 \
             docker-context.sh 创建同样的 docker 上下文，每个以它连接的地址命名："
            .to_owned(),
        StepNote::LiveRestore => "`systemctl restart docker` 会停止所有正在运行的容器，除非 \
             dockerd 开启了 live-restore（重启守护进程时容器继续运行）。--live-restore 会在 \
             daemon.json 中加入 \"live-restore\": true（主机的其他设置保持不变；不加它则保持\
             主机原样），而 `systemctl reload docker` 让正在运行的 dockerd 开启它，不停止任何\
             容器，于是读取新证书的那次重启不再停止容器：docker info 显示 true 后再重启。如果\
             显示 false，这一次重启仍会停止容器（请在空闲时重启）；首次安装时就是这样，因为以 \
             -H fd:// 启动的 dockerd 拒绝重新加载指定了 hosts 的 daemon.json。"
            .to_owned(),
        StepNote::FirewalldRules { port, nets } => format!(
            "在防火墙上只对 {nets} 开放端口 {port}/tcp。firewalld（RHEL、CentOS 和 openEuler 上默认\
             启用）在此之前会拦截该端口；以下是它的规则（firewall/firewalld.sh [ZONE] 把同样的\
             规则加到你指定的区域）："
        ),
        StepNote::NftablesRules => "或者使用 nftables：firewall/nftables.conf 是一个独立的表，\
             只让这些网络（以及本机连接）访问该端口；重新加载会替换它；在 /etc/nftables.conf \
             中 include 它，可在重启后保留："
            .to_owned(),
        StepNote::OpenPort { port } => format!(
            "开放端口 {port}/tcp：firewalld（RHEL、CentOS 和 openEuler 上默认启用）会拦截它。\
             这样开放后，任何地址都能连上该端口，只由 TLS 决定谁能进入；要只让你的客户端网络\
             访问，请用 --allow-from CIDR（页面上：允许的客户端网络（防火墙））生成证书包，\
             它会加上只放行这些网络的 firewalld 和 nftables 规则："
        ),
        StepNote::ExpiryCheck => "--expiry-check 安装每天运行的到期检查\
             （/usr/local/sbin/dockcert-expiry-check，由 dockcert-expiry.timer 运行，没有 systemd \
             时由 /etc/cron.d/dockcert-expiry 运行）：证书到期前 30 天起向 journal 或 syslog 记录\
             警告，7 天起记录错误；node_exporter 的 textfile 目录存在时，还会在其中写入 \
             dockcert.prom。主机上不需要 dockcert；不加该参数则不安装这些内容。下次运行的时间，\
             以及它记录的内容："
            .to_owned(),
        StepNote::CheckFails => "如果 docker version 失败：等了几秒才出现的 \
             \"Cannot connect to the Docker daemon at tcp://...\" 是超时：防火墙丢弃了发往该端口的\
             连接，或者地址不对；立即出现同样的消息则表示该端口上没有程序监听（dockerd 尚未重启，\
             或监听在别处：在主机上运行 ss -ltn）。\"error during connect: ... no route to \
             host\" 是防火墙拒绝了该端口（firewalld 就是这样）。\"tls: ...\" 或 \"x509: ...\" \
             与证书有关：dockcert inspect --explain 'MESSAGE' 会说明它的含义。"
            .to_owned(),
    }
}
