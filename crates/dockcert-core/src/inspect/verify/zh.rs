//! The verifier's Chinese: why docker refuses, which certificate, what to
//! do; and why what docker accepts is still wrong.

use super::names::NameMiss;
use super::refusal::rfc3339;
use super::{Refusal, Risk, Usage, Which};

/// A certificate, named for the reader.
pub(super) fn which(which: Which) -> String {
    match which {
        Which::Leaf => "叶证书".into(),
        Which::Intermediate(i) => format!("第 {} 个中间证书", i + 1),
        Which::Root(i) => format!("CA 文件中的第 {} 个 CA 证书", i + 1),
    }
}

fn usage(usage: Usage) -> &'static str {
    match usage {
        Usage::Server => "服务器身份验证（serverAuth）",
        Usage::Client => "客户端身份验证（clientAuth）",
    }
}

fn kind(kind: super::NameKind) -> &'static str {
    match kind {
        super::NameKind::Dns => "域名",
        super::NameKind::Ip => "IP 地址",
        super::NameKind::Email => "电子邮件地址",
        super::NameKind::Uri => "URI",
    }
}

pub(super) fn refusal(refusal: &Refusal) -> String {
    match refusal {
        Refusal::UnknownAuthority => "CA 文件中（以及随叶证书发送的证书中）没有一个证书的名称与叶证书的颁发者相同，docker 找不到签发者。请使用签发该叶证书的 CA 的文件，或随证书一起发送缺少的中间证书。".into(),
        Refusal::UnknownAuthorityBecause { candidate, because, .. } => format!(
            "{}的名称与颁发者相同，但 docker 无法使用它：{}请修正该证书，或使用真正签发叶证书的 CA。",
            which(*candidate),
            self::refusal(because)
        ),
        Refusal::Malformed { at, .. } => format!(
            "Go 无法解析{}，docker 在其他检查之前就拒绝了它。请用标准工具重新生成该证书。",
            which(*at)
        ),
        Refusal::DuplicateExtension { at, oid, .. } => format!(
            "{}包含两个 {oid} 扩展；Go 拒绝解析这样的证书。请重新生成，每个扩展只出现一次。",
            which(*at)
        ),
        Refusal::RsaKeyTooLarge { at, bits, .. } => format!(
            "{}的 RSA 密钥长 {bits} 位；Go 的 TLS 拒绝超过 8192 位的密钥。请使用 2048、3072 或 4096 位的密钥。",
            which(*at)
        ),
        Refusal::NoRoots => "CA 文件中没有 docker 能读取的证书。请提供 PEM 格式的 CA 证书。".into(),
        Refusal::UnhandledCriticalExtension { at, oid } => format!(
            "{}把 {oid} 扩展标为关键扩展，而 Go 不认识它，docker 只能拒绝。请重新生成，去掉该扩展或不标为关键。",
            which(*at)
        ),
        Refusal::Expired { at, not_after, .. } => format!(
            "{}已于 {} 过期。请续期。",
            which(*at),
            rfc3339(*not_after)
        ),
        Refusal::NotYetValid { at, not_before, .. } => format!(
            "{}在 {} 之前无效：请检查本机时钟，或重新生成一个更早生效的证书。",
            which(*at),
            rfc3339(*not_before)
        ),
        Refusal::NameMismatch { name, miss } => match miss {
            NameMiss::LegacyCommonName => format!(
                "叶证书没有主题备用名称（SAN）扩展；其通用名称与 {name} 相符，但 Go 不看通用名称。请重新签发，把 {name} 写入 SAN。"
            ),
            NameMiss::NoIpSans => format!(
                "{name} 是 IP 地址，而叶证书没有任何 IP 类型的 SAN。请重新签发并加入 IP:{name}，或改用证书中列出的名称连接。"
            ),
            NameMiss::NoNames => format!(
                "叶证书没有列出这一类名称，无法匹配所连接的 {name}。请重新签发，把 {name} 写入 SAN。"
            ),
            NameMiss::ValidFor(valid) => format!(
                "叶证书只对 {} 有效，而连接的是 {name}。请改用其中一个名称连接，或重新签发并把 {name} 写入 SAN。",
                valid.join("、")
            ),
        },
        Refusal::NotAuthorizedToSign { at } => format!(
            "{}签发了证书，但它不是 CA（没有 CA:TRUE 的基本约束）。请使用作为 CA 生成的中间证书。",
            which(*at)
        ),
        Refusal::TooManyIntermediates { at } => format!(
            "{}的路径长度约束允许的中间证书比这条证书链中的少。请缩短证书链，或重新签发该 CA。",
            which(*at)
        ),
        Refusal::NameExcluded { at, kind: k, name, constraint } => format!(
            "{}的名称约束排除了 {constraint}，而其下的{} {name} 属于该范围。请使用该 CA 可以签发的名称。",
            which(*at),
            kind(*k)
        ),
        Refusal::NameNotPermitted { at, kind: k, name } => format!(
            "{}带有名称约束，其下的{} {name} 不在允许的范围内。请使用该 CA 可以签发的名称。",
            which(*at),
            kind(*k)
        ),
        Refusal::NameUndecidable { at, .. } | Refusal::NameUnparsable { at, .. } => format!(
            "{}带有名称约束，其下有一个名称无法按约束检查。请去掉该名称，或使用没有名称约束的 CA。",
            which(*at)
        ),
        Refusal::TooManyConstraints { at } => format!(
            "按{}的名称约束检查其下的名称所需的比较次数超过了 Go 的上限。请减少约束或名称。",
            which(*at)
        ),
        Refusal::IncompatibleUsage { usage: u } => format!(
            "证书链的扩展密钥用法不允许{}：叶证书或其上的 CA 只列出了其他用途。请重新签发叶证书（或 CA）并加入该用途。",
            usage(*u)
        ),
        Refusal::ParentCannotSign { parent } => format!(
            "{}不能签发证书：它不是 CA（基本约束），或其密钥用法中没有 keyCertSign。请使用作为 CA 生成的证书。",
            which(*parent)
        ),
        Refusal::InsecureAlgorithm { at, algorithm } => format!(
            "{}使用 {algorithm} 签名，Go 认为它不安全而拒绝。请用 SHA-256 重新签发。",
            which(*at)
        ),
        Refusal::UnsupportedAlgorithm { at } => format!(
            "{}的签名算法或签发者的密钥是 Go 无法验证的。请用 ECDSA、Ed25519 或 RSA 加 SHA-256 重新签发。",
            which(*at)
        ),
        Refusal::KeyMismatch { at, parent, .. } => format!(
            "{}的签名算法要求的密钥类型与{}的不同，所以不是那个证书签发的。",
            which(*at),
            which(*parent)
        ),
        Refusal::BadSignature { at, parent, .. } => format!(
            "{}与{}的颁发者同名，但该证书的签名不是它的密钥做的：是另一个同名的密钥（另一个 CA）签发的，或证书在签发后被改动过。请使用真正签发它的 CA，或重新签发。",
            which(*parent),
            which(*at)
        ),
        Refusal::SignatureCheckLimit => "Go 尝试了 100 次签名验证仍未找到证书链，已放弃。请少发送一些同名证书。".into(),
        Refusal::UnsupportedLeafKey { .. } => "证书链本身没有问题，但叶证书的密钥类型是 Go 的 TLS 无法使用的（只有 RSA、ECDSA 和 Ed25519 密钥能用于握手签名，仅限 RSA-PSS 的密钥不行）。请重新生成 RSA 或 ECDSA 密钥并重新签发证书。".into(),
        Refusal::ClientCertNotSent => "dockerd 要求由其 CA 签发的证书，而客户端证书及其文件中的证书都不是由这些 CA 签发的，因此 docker 客户端没有发送证书。请使用守护进程的 CA 签发的客户端证书，并把中间证书放在 cert.pem 中客户端证书之后。".into(),
    }
}

pub(super) fn risk(risk: &Risk) -> String {
    match risk {
        Risk::NoEku { at } => format!(
            "docker 目前接受它：{}没有扩展密钥用法，可以充当任何用途的证书（既可作服务器证书，也可作客户端证书）。请只写入 serverAuth 或 clientAuth。",
            which(*at)
        ),
        Risk::AnyEku { at } => format!(
            "docker 目前接受它：{}列出了 anyExtendedKeyUsage，可用于任何用途。请只写入 serverAuth 或 clientAuth。",
            which(*at)
        ),
        Risk::LeafIsCa { at } => format!(
            "docker 目前接受它：{}本身是 CA（CA:TRUE），放在主机上的私钥可以签发 docker 会信任的证书。请以 CA:FALSE 重新签发。",
            which(*at)
        ),
        Risk::WeakRsaKey { at, bits } => format!(
            "docker 目前接受它：{}的 RSA 密钥只有 {bits} 位；这个 docker 接受任何长度，但新版 Go 拒绝 1024 位以下的密钥，2048 位以下的密钥可被破解。请使用 2048 位或更长的密钥。",
            which(*at)
        ),
        Risk::NoDigitalSignature { at } => format!(
            "docker 目前接受它：{}的密钥用法中没有 digitalSignature；Go 不看密钥用法，但 curl、Python 等基于 OpenSSL 的客户端会拒绝它。请加入 digitalSignature。",
            which(*at)
        ),
        Risk::NegativeSerial { at, serial } => format!(
            "docker 目前接受它：{}的序列号 {serial} 是负数；这个 docker 允许（x509negativeserial=1），但 Go 1.23 及更新版本拒绝读取这样的证书。请用正数序列号重新签发。",
            which(*at)
        ),
        Risk::OutlivesIssuer { at, issuer, not_after, issuer_not_after } => format!(
            "docker 目前接受它：{}有效至 {}，但{}在 {} 到期，此后 docker 会拒绝它。请先续期 CA，或缩短该证书的有效期。",
            which(*at),
            rfc3339(*not_after),
            which(*issuer),
            rfc3339(*issuer_not_after)
        ),
    }
}
