//! What the user must know about a bundle: shown in the CLI's summary, in
//! README.txt and on the page, from here, in either language.

use std::net::IpAddr;

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
    /// An address in a host's names that a client on another machine cannot
    /// dial: accepted (docker and OpenSSL take it), but likely a mistake.
    Undialable {
        /// The address.
        addr: String,
        /// Its host.
        host: String,
        /// What kind of address it is.
        kind: Undialable,
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

/// Kinds of address a client on another machine cannot dial.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Undialable {
    /// `fe80::/10`, `169.254.0.0/16`: valid only on one link, and an IPv6
    /// one needs a zone (`%eth0`) that a certificate cannot hold.
    LinkLocal,
    /// `127.0.0.0/8`, `::1`: the machine itself.
    Loopback,
    /// `0.0.0.0`, `::`: no machine (a listen address, not a name to dial).
    Unspecified,
    /// `224.0.0.0/4`, `ff00::/8`, `255.255.255.255`: a group, not a host.
    Multicast,
}

impl Undialable {
    /// The kind of `ip`, if a client on another machine cannot dial it.
    pub fn of(ip: IpAddr) -> Option<Undialable> {
        // `::ffff:127.0.0.1` is dialled as 127.0.0.1 (Go's net package
        // unmaps it), so it is judged as the IPv4 address it carries.
        if let IpAddr::V6(v6) = ip {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return Undialable::of(IpAddr::V4(v4));
            }
        }
        let kind = match ip {
            IpAddr::V4(v4) if v4.is_link_local() => Undialable::LinkLocal,
            IpAddr::V4(v4) if v4.is_loopback() => Undialable::Loopback,
            IpAddr::V4(v4) if v4.is_unspecified() => Undialable::Unspecified,
            IpAddr::V4(v4) if v4.is_multicast() || v4.is_broadcast() => Undialable::Multicast,
            IpAddr::V6(v6) if v6.segments()[0] & 0xffc0 == 0xfe80 => Undialable::LinkLocal,
            IpAddr::V6(v6) if v6.is_loopback() => Undialable::Loopback,
            IpAddr::V6(v6) if v6.is_unspecified() => Undialable::Unspecified,
            IpAddr::V6(v6) if v6.is_multicast() => Undialable::Multicast,
            _ => return None,
        };
        Some(kind)
    }

    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Undialable::LinkLocal, Lang::En) => "a link-local address: it reaches the host only from the same network segment, and an IPv6 one only with a zone (%eth0) that a certificate cannot hold",
            (Undialable::LinkLocal, Lang::Zh) => "链路本地地址：只有同一网段内才能访问到该主机，IPv6 的还需要证书无法包含的区域标识（%eth0）",
            (Undialable::Loopback, Lang::En) => "a loopback address: it reaches only the machine it is dialled from, never this host from a client",
            (Undialable::Loopback, Lang::Zh) => "环回地址：只能访问发起连接的机器本身，客户端无法用它访问这台主机",
            (Undialable::Unspecified, Lang::En) => "the unspecified address: a daemon listens on it, but no client can dial it (the listen address goes in --listen)",
            (Undialable::Unspecified, Lang::Zh) => "未指定地址：守护进程可以在它上面监听，但客户端无法连接它（监听地址写在 --listen 中）",
            (Undialable::Multicast, Lang::En) => "a multicast or broadcast address: it names a group, not one host",
            (Undialable::Multicast, Lang::Zh) => "组播或广播地址：它代表一组机器，而不是一台主机",
        }
    }
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
            (W::Undialable { addr, host, kind }, Lang::En) => format!(
                "{addr} (host {host}) is {}. It is in the certificate as given; a client on another machine needs an address or name it can reach.",
                kind.text(lang)
            ),
            (W::Undialable { addr, host, kind }, Lang::Zh) => format!(
                "{addr}（主机 {host}）是{}。它已按原样写入证书；其他机器上的客户端需要一个能访问到的地址或名称。",
                kind.text(lang)
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
            if let San::Ip(ip) = san {
                if let Some(kind) = Undialable::of(*ip) {
                    warnings.push(Warning::Undialable {
                        addr: ip.to_string(),
                        host: server.name.clone(),
                        kind,
                    });
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::build::tests_support::now;
    use crate::plan::PlanRequest;

    fn warnings_for(server: &str) -> Vec<Warning> {
        let request = PlanRequest {
            servers: vec![server.into()],
            ..PlanRequest::default()
        };
        let plan = Plan::from_request(&request, now().date()).unwrap();
        for_plan(&plan, false)
    }

    #[test]
    fn an_address_no_remote_client_can_dial_is_accepted_with_a_warning() {
        for (addr, kind) in [
            ("fe80::1", Undialable::LinkLocal),
            ("febf::1", Undialable::LinkLocal),
            ("169.254.10.20", Undialable::LinkLocal),
            ("127.0.0.1", Undialable::Loopback),
            ("127.1.2.3", Undialable::Loopback),
            ("::1", Undialable::Loopback),
            ("0.0.0.0", Undialable::Unspecified),
            ("::", Undialable::Unspecified),
            ("224.0.0.1", Undialable::Multicast),
            ("ff02::1", Undialable::Multicast),
            ("255.255.255.255", Undialable::Multicast),
            ("::ffff:127.0.0.1", Undialable::Loopback),
            ("::ffff:169.254.1.1", Undialable::LinkLocal),
            ("::ffff:0.0.0.0", Undialable::Unspecified),
        ] {
            let warnings = warnings_for(&format!("docker1.example.com,{addr}"));
            assert_eq!(
                warnings,
                [Warning::Undialable {
                    addr: addr.parse::<IpAddr>().unwrap().to_string(),
                    host: "docker1.example.com".into(),
                    kind,
                }],
                "{addr}"
            );
            let en = warnings[0].text(Lang::En);
            assert!(en.contains("(host docker1.example.com) is "), "{en}");
            assert!(warnings[0]
                .text(Lang::Zh)
                .contains("（主机 docker1.example.com）是"));
        }
        for dialable in [
            "10.1.0.5",
            "fd00::1",
            "2001:db8::1",
            "192.168.1.1",
            "169.255.0.1",
            "fec0::1",
            "::ffff:10.1.0.5",
        ] {
            let warnings = warnings_for(&format!("docker1.example.com,{dialable}"));
            assert!(warnings.is_empty(), "{dialable}: {warnings:?}");
        }
        let en = warnings_for("docker1.example.com,fe80::1")[0].text(Lang::En);
        assert!(
            en.starts_with("fe80::1 (host docker1.example.com) is a link-local address"),
            "{en}"
        );
        let zh = warnings_for("docker1.example.com,fe80::1")[0].text(Lang::Zh);
        assert!(zh.contains("链路本地地址"), "{zh}");
    }
}
