//! What each file of a bundle is, in Chinese ([`FileKind::purpose`]; the
//! English is the layout's own [`super::layout::FileSpec::purpose`]).

use super::layout::FileKind;

impl FileKind {
    pub(super) fn purpose_zh(self) -> &'static str {
        match self {
            FileKind::Readme => "说明每个文件的用途、放置位置、命令和到期日期",
            FileKind::Manifest => "每个文件的权限和 SHA-256，每张证书的详细信息",
            FileKind::CaCert => "CA 证书，主机和客户端都信任它",
            FileKind::CaKey => "CA 私钥：请离线保存，绝不要复制到主机上",
            FileKind::Inventory => {
                "签发清单：此 CA 签发的每张证书各占一行 JSON；issue 和 renew 会追加到其中"
            }
            FileKind::ServerCaCert => "CA 证书：dockerd 接受由它签发的客户端",
            FileKind::ServerCert => "主机证书，SAN 中包含所有名称和地址",
            FileKind::ServerKey => "主机私钥",
            FileKind::DaemonJson => "dockerd 的 TLS 设置和监听地址，用于 /etc/docker/daemon.json",
            FileKind::SystemdDropIn => {
                "systemd 附加配置：去掉默认的 -H fd://，使 daemon.json 中的 hosts 生效"
            }
            FileKind::DockerdFlags => "同样的设置写成 dockerd 参数，用于没有 systemd 的主机",
            FileKind::DefaultDocker => {
                "同样的设置写成 DOCKER_OPTS，用于 /etc/default/docker（没有 systemd 的 Debian、Ubuntu）"
            }
            FileKind::SysconfigDocker => {
                "同样的设置写成 OPTIONS，用于 /etc/sysconfig/docker（RHEL、CentOS）"
            }
            FileKind::ServerInstall => "以 root 身份按正确权限安装主机文件",
            FileKind::Nftables => "nftables 规则：只有允许的客户端网络能访问 TLS 端口",
            FileKind::Firewalld => "同样的规则，使用 firewalld 富规则",
            FileKind::ExpiryCheck => "每天运行的到期检查：证书到期前 30 天起记录警告",
            FileKind::ExpiryData => "检查所知道的内容：每个已安装证书的路径、哈希和到期时间",
            FileKind::ClientCaCert => "CA 证书：客户端接受由它签发的主机",
            FileKind::ClientCert => "客户端证书",
            FileKind::ClientKey => "客户端私钥",
            FileKind::DockerEnv => "供 shell 使用的 DOCKER_HOST、DOCKER_TLS_VERIFY 和 DOCKER_CERT_PATH",
            FileKind::DockerContext => "为每台主机创建一个 docker 上下文",
            FileKind::ContextImport => {
                "一台主机的 docker 上下文文件，含客户端私钥：docker context import HOST FILE"
            }
            FileKind::ClientInstall => "按正确权限安装客户端文件",
            FileKind::DindCompose => "使用这些证书的 docker:dind，以及访问它的客户端容器",
            FileKind::DindCi => "GitLab CI 任务的同样配置，以及挂载 certs/ 的 runner 设置",
            FileKind::AnsibleInventory => "Ansible 主机清单：每台主机、它的地址及其在本证书包中的文件",
            FileKind::AnsiblePlaybook => "Ansible playbook：像 install.sh 一样在每台主机上安装其文件和到期检查",
            FileKind::PrometheusRules => {
                "Prometheus 告警规则：证书到期前 30 天发出警告，7 天起为严重"
            }
            FileKind::PreviousCaCert => "本次轮换所替换的 CA，在第 3 阶段之前仍受信任",
            FileKind::ServerCaBoth => "旧 CA 与新 CA：第 1、2 阶段 dockerd 使用的 ca.pem",
            FileKind::ClientCaBoth => "旧 CA 与新 CA：第 1、2 阶段客户端使用的 ca.pem",
            FileKind::ServerRotate => "按阶段安装主机文件：install.sh --phase 1、2、3",
            FileKind::ClientRotate => "按阶段安装客户端文件，并更新它的 docker 上下文",
            FileKind::AnsibleRotate => "Ansible playbook：分批在每台主机上运行一个阶段，每台都通过 TLS 检查",
            FileKind::ExpiryDataPhase1 => {
                "到期检查对第 1 阶段 ca.pem（两个 CA）的记录：--phase 1 把它们写入 certificates.tsv"
            }
            FileKind::ExpiryDataPhase2 => {
                "到期检查对第 2 阶段 server-cert.pem 的记录：--phase 2 把它写入 certificates.tsv"
            }
            FileKind::ExpiryDataPhase3 => {
                "到期检查对第 3 阶段 ca.pem（新 CA）的记录：--phase 3 把它写入 certificates.tsv"
            }
        }
    }
}
