//! What the user must know about a bundle: shown in the CLI's summary, in
//! README.txt and on the page, from here, in either language.

use super::layout::{FileKind, Folder};
use crate::lang::{display_in_english, Lang, Localized};
use crate::pki::San;
use crate::plan::Plan;

/// One thing the user must know.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// The new CA key is written unencrypted.
    UnencryptedCaKey,
    /// A wildcard SAN.
    Wildcard {
        /// The SAN.
        name: String,
        /// Its host.
        host: String,
    },
    /// A single-label SAN.
    SingleLabel {
        /// The SAN.
        name: String,
        /// Its host.
        host: String,
    },
    /// TLS on port 2375.
    Port2375 {
        /// The host.
        host: String,
    },
    /// An existing CA without keyUsage (the classic recipe's).
    CaWithoutKeyUsage {
        /// The CA's name.
        ca: String,
    },
    /// The default validity was shortened to end with an existing CA.
    DaysFitCa {
        /// The validity given instead.
        days: u32,
        /// The CA's expiry date.
        expires: String,
    },
}

impl Localized for Warning {
    fn text(&self, lang: Lang) -> String {
        use Warning as W;
        match (self, lang) {
            (W::UnencryptedCaKey, Lang::En) => format!(
                "the CA key {} is not encrypted: anyone who reads it can make certificates your Docker hosts trust. Keep it offline.",
                Folder::Ca.path_of(FileKind::CaKey)
            ),
            (W::UnencryptedCaKey, Lang::Zh) => format!(
                "CA 私钥 {} 没有加密：任何读到它的人都能签发你的 Docker 主机信任的证书。请离线保存。",
                Folder::Ca.path_of(FileKind::CaKey)
            ),
            (W::Wildcard { name, host }, Lang::En) => format!(
                "\"{name}\" (host {host}) is a wildcard: docker and OpenSSL accept it, but strict RFC 5280 linters such as pkilint report it."
            ),
            (W::Wildcard { name, host }, Lang::Zh) => format!(
                "\"{name}\"（主机 {host}）是通配符：docker 和 OpenSSL 接受它，但 pkilint 等严格的 RFC 5280 检查工具会报告它。"
            ),
            (W::SingleLabel { name, host }, Lang::En) => format!(
                "\"{name}\" (host {host}) is a single-label name: docker and OpenSSL accept it, but strict RFC 5280 linters such as pkilint report it."
            ),
            (W::SingleLabel { name, host }, Lang::Zh) => format!(
                "\"{name}\"（主机 {host}）是单段名称：docker 和 OpenSSL 接受它，但 pkilint 等严格的 RFC 5280 检查工具会报告它。"
            ),
            (W::Port2375 { host }, Lang::En) => format!(
                "{host} listens on port 2375, which tools assume is plain HTTP; 2376 is Docker's TLS port."
            ),
            (W::Port2375 { host }, Lang::Zh) => format!(
                "{host} 监听 2375 端口，工具通常认为它是明文 HTTP；2376 才是 Docker 的 TLS 端口。"
            ),
            (W::CaWithoutKeyUsage { ca }, Lang::En) => format!(
                "the CA \"{}\" has no keyUsage extension (the classic openssl recipe's CA): docker accepts its certificates, but OpenSSL's -x509_strict checks and RFC 5280 linters refuse the chain. `dockcert new` makes a CA with keyUsage.",
                // Someone else's name: it must not start a line of its own.
                crate::show::safe(ca)
            ),
            (W::DaysFitCa { days, expires }, Lang::En) => format!(
                "the CA expires on {expires}, so these certificates are valid for {days} days and end with it (not the default 365; a --days beyond the CA is refused). Plan a new CA before then."
            ),
            (W::DaysFitCa { days, expires }, Lang::Zh) => format!(
                "CA 将于 {expires} 到期，所以这些证书的有效期为 {days} 天，与 CA 同时到期（而不是默认的 365 天；超过 CA 有效期的 --days 会被拒绝）。请在此之前准备新的 CA。"
            ),
            (W::CaWithoutKeyUsage { ca }, Lang::Zh) => format!(
                "CA \"{}\" 没有 keyUsage 扩展（经典 openssl 教程生成的 CA）：docker 接受它签发的证书，但 OpenSSL 的 -x509_strict 检查和 RFC 5280 检查工具会拒绝这条证书链。`dockcert new` 生成的 CA 带有 keyUsage。",
                crate::show::safe(ca)
            ),
        }
    }
}

display_in_english!(Warning);

/// What the user must know about `plan`, made with a new CA whose key is
/// written unencrypted when `unencrypted_ca_key`.
pub(crate) fn for_plan(plan: &Plan, unencrypted_ca_key: bool) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if unencrypted_ca_key {
        warnings.push(Warning::UnencryptedCaKey);
    }
    for server in &plan.servers {
        for san in &server.sans {
            if let San::Dns(name) = san {
                let (name, host) = (name.clone(), server.name.clone());
                if san.is_wildcard() {
                    warnings.push(Warning::Wildcard { name, host });
                } else if !name.contains('.') {
                    warnings.push(Warning::SingleLabel { name, host });
                }
            }
        }
        if server.listen.port == 2375 {
            warnings.push(Warning::Port2375 {
                host: server.name.clone(),
            });
        }
    }
    warnings
}
