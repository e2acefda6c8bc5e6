//! What a file is, and the labels of its facts, in either language; the
//! values from the file stay as they are.

use super::super::file_kind::{Detail, Kind};
use crate::lang::Lang;
use crate::pki;

/// What a file is.
pub(super) fn kind(kind: &Kind, lang: Lang) -> String {
    use Kind as K;
    let zh = lang == Lang::Zh;
    let (en, cn) = match kind {
        K::PrivateKey(Some(key_type)) => {
            return match lang {
                Lang::En => format!("private key ({key_type})"),
                Lang::Zh => format!("私钥（{key_type}）"),
            }
        }
        K::Other => ("other", "其他文件"),
        K::CertificateSigningRequest => ("certificate signing request", "证书签名请求（CSR）"),
        K::CertificateUnreadable => ("certificate (unreadable)", "证书（无法读取）"),
        K::CertificateKeyTooLarge => ("certificate (RSA key too large)", "证书（RSA 密钥过大）"),
        K::CaCertificate => ("CA certificate", "CA 证书"),
        K::ServerCertificate => ("server certificate", "服务器证书"),
        K::ClientCertificate => ("client certificate", "客户端证书"),
        K::Certificate => ("certificate", "证书"),
        K::EncryptedPrivateKey => ("encrypted private key", "加密的私钥"),
        K::PrivateKeyNotRead => (
            "private key (not read: past the run's work budget)",
            "私钥（未读取：超出本次运行的工作量上限）",
        ),
        K::PrivateKey(None) => ("private key", "私钥"),
        K::PrivateKeyTooLarge => ("private key (RSA key too large)", "私钥（RSA 密钥过大）"),
        K::PrivateKeyUnreadable => ("private key (unreadable)", "私钥（无法读取）"),
        K::DaemonJson => ("daemon.json", "daemon.json"),
        K::SystemdUnit => ("systemd unit", "systemd 单元"),
        K::BundleReadme => ("bundle README", "证书包说明（README）"),
        K::BundleManifest => ("bundle manifest", "证书包清单（manifest）"),
        K::DockerEnv => (
            "docker client settings (docker.env)",
            "docker 客户端设置（docker.env）",
        ),
        K::ContextScript => ("docker context script", "docker 上下文脚本"),
        K::InstallScript => ("install script", "安装脚本"),
        K::DockerdFlags => ("dockerd flags", "dockerd 参数"),
        K::Nftables => ("nftables rules", "nftables 规则"),
        K::Firewalld => ("firewalld rules", "firewalld 规则"),
        K::DefaultDocker => (
            "DOCKER_OPTS for /etc/default/docker",
            "/etc/default/docker 的 DOCKER_OPTS",
        ),
        K::SysconfigDocker => (
            "OPTIONS for /etc/sysconfig/docker",
            "/etc/sysconfig/docker 的 OPTIONS",
        ),
        K::ContextFile => (
            "docker context file (holds a key)",
            "docker 上下文文件（含私钥）",
        ),
        K::Dockerfile => ("Dockerfile", "Dockerfile"),
        K::Compose => ("compose file", "compose 文件"),
        K::DockerIgnore => (".dockerignore", ".dockerignore"),
        K::ExpiryCheck => ("expiry check script", "到期检查脚本"),
        K::ExpiryCheckData => ("expiry check's certificate list", "到期检查的证书列表"),
        K::ExpiryCron => ("cron line of the expiry check", "到期检查的 cron 条目"),
        K::PrometheusRules => ("Prometheus alerting rules", "Prometheus 告警规则"),
        K::Inventory => (
            "CA's inventory of issued certificates",
            "签发清单（CA 签发的证书）",
        ),
    };
    if zh { cn } else { en }.to_owned()
}

/// One fact, with its label.
pub(super) fn detail(detail: &Detail, lang: Lang) -> String {
    use Detail as D;
    let (en, list) = (lang == Lang::En, if lang == Lang::En { ", " } else { "、" });
    match detail {
        D::Subject(s) if en => format!("subject {s}"),
        D::Subject(s) => format!("主题 {s}"),
        D::Issuer(s) if en => format!("issuer {s}"),
        D::Issuer(s) => format!("颁发者 {s}"),
        D::Sans(sans) if en => format!("SANs {}", sans.join(list)),
        D::Sans(sans) => format!("主题备用名称（SAN） {}", sans.join(list)),
        D::Usage(usages) if en => format!("usage {}", usages.join(list)),
        D::Usage(usages) => format!("用途 {}", usages.join(list)),
        D::SignsCertificates if en => "usage: signs certificates".into(),
        D::SignsCertificates => "用途：签发证书".into(),
        D::NoUsage if en => "usage: no extendedKeyUsage".into(),
        D::NoUsage => "用途：没有 extendedKeyUsage".into(),
        D::Valid {
            from,
            to,
            days_left,
        } if en => format!(
            "valid {} to {} ({})",
            pki::day(*from),
            pki::day(*to),
            days_left.map_or_else(|| "expired".into(), |n| format!("{n} days left"))
        ),
        D::Valid {
            from,
            to,
            days_left,
        } => format!(
            "有效期 {} 至 {}（{}）",
            pki::day(*from),
            pki::day(*to),
            days_left.map_or_else(|| "已过期".into(), |n| format!("剩余 {n} 天"))
        ),
        D::Sha256(hex) if en => format!("SHA-256 {hex}"),
        D::Sha256(hex) => format!("SHA-256 指纹 {hex}"),
        D::KeyOf(cert) if en => format!("the key of {cert}"),
        D::KeyOf(cert) => format!("{cert} 的私钥"),
        D::Hosts(hosts) if en => format!("hosts {}", hosts.join(list)),
        D::Hosts(hosts) => format!("监听地址（hosts） {}", hosts.join(list)),
        D::TlsVerify(on) => format!("tlsverify {on}"),
    }
}
