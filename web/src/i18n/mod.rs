//! The page's words in English and Chinese (glossary: shared/UI.md). Error
//! messages about inputs come from the core in the CLI's own English words,
//! so an operator can search for them and match them with the CLI's.

mod text;

use dockcert_core::bundle::{FileKind, Layout};
use dockcert_core::import::KeyFormat;

pub use dockcert_core::Lang;
pub use text::Text;

/// A key type's label in the select.
pub fn key_type_label(key_type: dockcert_core::pki::KeyType, lang: Lang) -> &'static str {
    use dockcert_core::pki::KeyType;
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

/// A layout's label in the select.
pub fn layout_label(layout: Layout, lang: Lang) -> &'static str {
    match (layout, lang) {
        (Layout::Standard, Lang::En) => "Standard: a folder per host and per client",
        (Layout::Standard, Lang::Zh) => "标准：每台主机和每个客户端各一个文件夹",
        (Layout::Dind, Lang::En) => "docker-in-docker (dind): the tree docker:dind reads",
        (Layout::Dind, Lang::Zh) => "dind（Docker-in-Docker）目录结构：docker:dind 读取的目录",
    }
}

/// How a CA key is stored, in `lang`.
pub fn key_format(format: KeyFormat, lang: Lang) -> &'static str {
    match (format, lang) {
        (KeyFormat::Pkcs8, _) => "PKCS#8",
        (KeyFormat::EncryptedPkcs8, _) => "PKCS#8 (PBES2)",
        (KeyFormat::Pkcs1, _) => "PKCS#1 (RSA PRIVATE KEY)",
        (KeyFormat::Sec1, _) => "SEC1 (EC PRIVATE KEY)",
        (KeyFormat::LegacyEncrypted, Lang::En) => "legacy PEM with DEK-Info",
        (KeyFormat::LegacyEncrypted, Lang::Zh) => "传统 PEM（DEK-Info）",
    }
}

/// "3 files read."
pub fn files_read(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 file read.".to_owned(),
        (Lang::En, n) => format!("{n} files read."),
        (Lang::Zh, n) => format!("已读取 {n} 个文件。"),
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
        FileKind::DefaultDocker => {
            "同样的设置写成 DOCKER_OPTS，用于 /etc/default/docker（没有 systemd 的 Debian、Ubuntu）"
        }
        FileKind::SysconfigDocker => {
            "同样的设置写成 OPTIONS，用于 /etc/sysconfig/docker（RHEL、CentOS）"
        }
        FileKind::ServerInstall => "以 root 身份按正确权限安装主机文件",
        FileKind::Nftables => "nftables 规则：只有允许的客户端网络能访问 TLS 端口",
        FileKind::Firewalld => "同样的规则，使用 firewalld 富规则",
        FileKind::ClientCaCert => "CA 证书：客户端接受由它签发的主机",
        FileKind::ClientCert => "客户端证书",
        FileKind::ClientKey => "客户端私钥",
        FileKind::DockerEnv => "供 shell 使用的 DOCKER_HOST、DOCKER_TLS_VERIFY 和 DOCKER_CERT_PATH",
        FileKind::DockerContext => "为每台主机创建一个 docker 上下文",
        FileKind::ContextImport => {
            "一台主机的 docker 上下文，含客户端私钥：docker context import 主机 文件"
        }
        FileKind::ClientInstall => "按正确权限安装客户端文件",
        FileKind::DindCompose => "使用这些证书的 docker:dind，以及访问它的客户端容器",
        FileKind::DindCi => "GitLab CI 任务的同样配置，以及挂载 certs/ 的 runner 设置",
        FileKind::AnsibleInventory => "Ansible 清单：每台主机、它的地址及其在本包中的文件",
        FileKind::AnsiblePlaybook => "Ansible playbook：像 install.sh 一样在每台主机上安装其文件",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn glossary_terms_are_used() {
        assert!(Text::OfflineBadge.tr(Lang::Zh).contains("离线运行"));
        assert!(Text::SanTerm.tr(Lang::Zh).contains("主题备用名称"));
        assert_eq!(Text::Advanced.tr(Lang::Zh), "高级选项");
        assert_eq!(Text::Generate.tr(Lang::Zh), "生成");
        assert!(purpose(FileKind::CaKey, Lang::Zh).contains("私钥"));
        assert_eq!(Text::ModeInspect.tr(Lang::Zh), "检查");
        assert!(
            layout_label(Layout::Dind, Lang::Zh).starts_with("dind（Docker-in-Docker）目录结构")
        );
        assert_eq!(Text::Issue.tr(Lang::Zh), "签发");
        assert_eq!(Text::Renew.tr(Lang::Zh), "续期");
        assert!(Text::ModeExistingCa.tr(Lang::Zh).contains("导入"));
        assert!(Text::CaPassphrase.tr(Lang::Zh).contains("口令"));
        assert_eq!(
            purpose(FileKind::CaKey, Lang::En),
            FileKind::CaKey.spec().purpose
        );
    }
}
