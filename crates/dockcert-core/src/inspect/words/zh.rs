//! Inspect's findings in Simplified Chinese (the glossary is shared/UI.md):
//! commands, paths, file names, settings and docker's own messages stay as
//! they are, quoted in “”.

use super::super::budget::BUDGET;
use super::super::input::base_name;
use super::super::problem::{Listed, Named, Problem, Side};
use super::docker_says;
use super::en::{first, usages};
use crate::bundle::layout::mode_text;
use crate::lang::{Lang, Localized};
use crate::pki;
use crate::show::shell_word as word;

/// What is wrong.
pub(super) fn message(p: &Problem) -> String {
    use Problem as P;
    let zh = Lang::Zh;
    match p {
        P::NotRead(skipped) => skipped.text(zh),
        P::BadCertificate { path, why } => {
            format!("{path} 不是可读取的 X.509 证书（解析器：“{why}”）")
        }
        P::KeyTooLarge { path, too_large } => format!("{path}：{}", too_large.text(zh)),
        P::Expired { path, on } => format!(
            "{path} 已于 {} 过期（docker：“x509: certificate has expired or is not yet valid”）",
            pki::day(*on)
        ),
        P::NotYetValid { path, from } => format!(
            "{path} 要到 {} 才生效（docker：“x509: certificate has expired or is not yet valid”）",
            pki::minute(*from)
        ),
        P::ExpiresSoon { path, days, on } => {
            format!("{path} 将在 {days} 天后到期（{}）", pki::day(*on))
        }
        P::NotACa { path } => format!("{path} 被当作 CA 使用，但它不是 CA 证书（缺少 basicConstraints CA:TRUE）"),
        P::CaCannotSign { path } => format!("{path} 是 CA，但其 keyUsage 没有 keyCertSign，验证方会拒绝它签发的证书"),
        P::NoEku { path } => format!("{path} 没有 extendedKeyUsage：看不出它是主机证书还是客户端证书，而 Go 会把这样的证书同时当作两者接受"),
        P::LeafWithoutEku { path, side } => format!(
            "{path} 是{}证书，但没有 extendedKeyUsage：docker 目前接受它（Go 认为它可用于任何用途），但它因此也能充当此 CA 下任何其他主机或客户端的{}",
            whose(*side),
            match side {
                Side::Host => "客户端",
                Side::Client => "服务器",
            }
        ),
        P::WrongEku { path, side } => {
            let said = match side {
                Side::Host => "docker：“x509: certificate specifies an incompatible key usage”",
                Side::Client => "dockerd 会拒绝它；docker 显示“remote error: tls: bad certificate”",
            };
            format!(
                "{path} 是{}证书，但其 extendedKeyUsage 缺少 {}（{said}）",
                whose(*side),
                usages(*side).0
            )
        }
        P::ExtraEku { path, side } => format!(
            "{path} 是{}证书，但还允许 {}：docker 目前接受它，但它也能充当另一方",
            whose(*side),
            usages(*side).1
        ),
        P::WeakKey { path, bits } => {
            format!("{path} 使用 {bits} 位的 RSA 密钥：docker 目前接受它，但这么短的密钥可以被破解；至少需要 2048 位")
        }
        P::WeakSignature { path, hash } => format!("{path} 使用 {hash} 签名，Go 会拒绝（“x509: cannot verify signature: insecure algorithm”）"),
        P::ServerNoSan { path, cn } => format!(
            "{path} 只在 Common Name（“{cn}”）中写了主机名，没有 subjectAltName；如今的 docker 客户端会拒绝它：“x509: certificate relies on legacy Common Name field, use SANs instead”"
        ),
        P::SanTrailingDot { path, san } => format!(
            "{path} 的 SAN “{san}”以点结尾：连接“{}”的客户端与它不匹配，dockerd 也拒绝这样的名称",
            san.trim_end_matches('.')
        ),
        P::HostNotCovered { path, host, .. } => format!(
            "{path} 不包含“{host}”：连接它的客户端会得到“{}”",
            docker_says(p)
        ),
        P::HostSkipped { host, files } => format!(
            "--host “{host}”只用于这台主机的证书（位于它的目录 server/{host}/ 中，或其中写有这个名称）；{} 属于其他主机，因此没有按这个名称检查（它们按各自的名称检查）",
            listed(files, String::clone)
        ),
        P::Refused { path, refusal } => format!(
            "docker 拒绝 {path}：“{}”。{}",
            refusal.docker_says(),
            refusal.text(Lang::Zh)
        ),
        P::Accepted { path, risk } => format!("{path}：{}", risk.text(Lang::Zh)),
        P::SelfSigned { path } => format!("{path} 是自签名证书：没有 CA 为它担保（docker：“x509: certificate signed by unknown authority”）"),
        P::IssuedByOther { path, issuer, cas } => format!(
            "{path} 由“{issuer}”签发，而不是由 {} 签发：验证方会显示“x509: certificate signed by unknown authority”（或 dockerd：“remote error: tls: bad certificate”）",
            listed(cas, ca_named)
        ),
        P::NotSignedBy { path, issuer, ca } => format!(
            "{path} 的签发者是“{issuer}”，但 {ca} 的私钥并没有签发它（另一个同名的 CA）：“x509: certificate signed by unknown authority”"
        ),
        P::NoneIssued { leaves, cas } => format!(
            "{} 个证书都不是由 {} 签发的：{}；验证方会显示“x509: certificate signed by unknown authority”（或 dockerd：“remote error: tls: bad certificate”）",
            leaves.total(),
            listed(cas, ca_named),
            listed(leaves, leaf_named),
        ),
        P::NoneSigned { ca, leaves } => format!(
            "{} 个证书的签发者是“{}”，但 {} 的私钥一个也没有签发（另一个同名的 CA）：{}；“x509: certificate signed by unknown authority”",
            leaves.total(),
            ca.name,
            ca.path,
            listed(leaves, leaf_named),
        ),
        P::KeysNotRead { first, count } => format!(
            "有 {count} 个私钥文件没有读取，第一个是 {first}：读取所有私钥所需的工作量超过了 inspect 每次运行在私钥和签名上花费的 {BUDGET} 个单位（约一秒），因此不知道它们是否与各自的证书匹配、能否读取"
        ),
        P::SignaturesNotChecked { first, count } => format!(
            "有 {count} 个证书没有检查 CA 签名，第一个是 {first}：检查所有证书所需的工作量超过了 inspect 每次运行在私钥和签名上花费的 {BUDGET} 个单位（约一秒），因此不知道它们是否由旁边的 CA 签发"
        ),
        P::LeafKeyEncrypted { path } => format!("{path} 已加密，而 dockerd 和 docker 客户端都无法读取加密的私钥（dockerd：“tls: failed to parse private key”）"),
        P::CaKeyUnencrypted { path } => format!("{path} 是 CA 私钥，且未加密：任何读到它的人都能签发主机信任的证书"),
        P::UnsupportedKey { path, what } => format!("{path}：{}", what.text(zh)),
        P::BadKey { path, why } => format!("{path}：{}", why.text(zh)),
        P::KeyReadable { path, mode } => format!(
            "{path} 的文件权限是 {}：本机的其他用户能读取这个私钥",
            mode_text(*mode)
        ),
        P::KeyMismatch { path, cert } => format!(
            "{path} 不是 {cert} 的私钥：两者的公钥不同（dockerd 和 docker：“tls: private key does not match public key”）"
        ),
        P::KeyOrphan { path } => format!("{path} 不属于这里的任何证书"),
        P::DaemonJsonInvalid {
            path, line, column, ..
        } => format!("{path} 不是有效的 JSON（第 {line} 行第 {column} 列有误）；dockerd 将无法启动：“unable to configure the Docker daemon with file /etc/docker/daemon.json”"),
        P::TcpWithoutTlsverify { path, listeners } => format!(
            "{path} 在 {} 上监听，却没有 \"tlsverify\": true：任何能连到这个端口的人都能控制 dockerd，也就是主机上的 root",
            listeners.join("、")
        ),
        P::TlsOn2375 { path, listener } => format!("{path} 在 {listener} 上提供 TLS；按惯例 2375 是明文 HTTP 端口，2376 才是 Docker 的 TLS 端口"),
        P::TlsFileUnset { path, key } => format!("{path} 设置了 tlsverify 却没有设置 {key}，dockerd 会改为查找 root 的 ~/.docker 下的文件"),
        P::TlsFileElsewhere { path, named } => format!("{path} 指向 {named}，它不在检查的文件中，因此没有检查它"),
        P::HostsConflict {
            files,
            unit,
            command,
        } => {
            let which = match (files.shown.as_slice(), files.more) {
                ([one], 0) => one.clone(),
                (shown, more) => {
                    let mut named = shown.join("、");
                    if more > 0 {
                        named = format!("{named} 等另外 {more} 个");
                    }
                    format!("{} 个 daemon.json 文件（{named}）", files.total())
                }
            };
            format!(
                "{which} 设置了 \"hosts\"，而 {unit} 启动的是 `{command}`，其中也有 -H：dockerd 会拒绝启动（“the following directives are specified both as a flag and in the configuration file: hosts”）"
            )
        }
        P::ChangedSinceMade { path, manifest } => format!(
            "{path} 与 dockcert 生成时不同（它的 SHA-256 与 {manifest} 中记录的不一致）"
        ),
        P::ModeChanged {
            path,
            mode,
            promised,
        } => format!(
            "{path} 的文件权限是 {}，证书包生成时是 {}",
            mode_text(*mode),
            mode_text(*promised)
        ),
        P::ManifestRepeats { path, repeated } => format!(
            "{path} 为已列出的文件又多列了 {repeated} 个条目（dockcert 每个文件只列一次）；每个文件只检查了第一个条目"
        ),
        P::ImagesNotListed {
            errors,
            warnings,
            most,
        } => format!(
            "还有 {errors} 个错误和 {warnings} 个警告（关于 Dockerfile 和 compose 文件）没有列出：dockcert 最多列出 {most} 个"
        ),
        P::ImagesNotChecked { others, steps, .. } => {
            let others = match others {
                0 => String::new(),
                n => format!("（以及另外 {n} 个 Dockerfile）"),
            };
            format!("这个 Dockerfile{others}没有检查完它是否会把私钥放进镜像：它的 COPY 来源、.dockerignore 规则和构建上下文中的私钥所需的匹配步骤超过了 dockcert 为此花费的 {steps} 步")
        }
        P::ComposeMountsCaKey { line, item, .. } => format!("第 {line} 行：{item}：把 CA 私钥挂载进了容器：控制这个容器的人就能签发所有 Docker 主机都信任的证书"),
        P::ComposeMountsKey {
            line, item, source, ..
        } => format!("第 {line} 行：{item}：把私钥 {source} 挂载进了容器"),
        P::DockerfileCopiesKey {
            instruction, keys, ..
        } => format!(
            "`{instruction}` 把私钥 {} 放进了镜像：每一层都保留着它，任何能拉取这个镜像的人都能拿到",
            keys_text(keys)
        ),
        P::DockerfileCopiesContextKey {
            instruction, keys, ..
        } => format!(
            "`{instruction}` 把构建上下文中的私钥 {} 复制进了镜像：没有 .dockerignore 规则把它排除在外",
            keys_text(keys)
        ),
        P::Inventory(finding) => finding.text(Lang::Zh),
        P::BuildContextKey { keys, .. } => format!(
            "私钥 {} 在这个 Dockerfile 的构建上下文中，且没有 .dockerignore 规则把它排除在外：`docker build` 会把它发送给构建器，一条 `COPY .` 就会把它放进镜像",
            keys_text(keys)
        ),
    }
}

/// What to do about it.
pub(super) fn fix(p: &Problem) -> Option<String> {
    use Problem as P;
    let fix = match p {
        P::Inventory(finding) => finding.fix(Lang::Zh),
        P::NotRead(_)
        | P::BadCertificate { .. }
        | P::KeyTooLarge { .. }
        | P::CaCannotSign { .. }
        | P::WeakKey { .. }
        | P::Refused { .. }
        | P::Accepted { .. }
        | P::UnsupportedKey { .. }
        | P::BadKey { .. }
        | P::KeyOrphan { .. }
        | P::TlsOn2375 { .. }
        | P::TlsFileElsewhere { .. } => return None,
        P::Expired { .. } => "续期：dockcert renew".into(),
        P::NotYetValid { .. } => "检查本机和签发该证书的机器的时钟".into(),
        P::ExpiresSoon { .. } => "现在就续期：dockerd 没有吊销机制，到期是终止访问的方式".into(),
        P::NotACa { .. } => "使用 CA 自己的证书，也就是签发主机证书和客户端证书的那一个".into(),
        P::NoEku { .. } => {
            "用 dockcert 重新签发：主机证书只带 serverAuth，客户端证书只带 clientAuth".into()
        }
        P::LeafWithoutEku { side, .. } => {
            format!("重新签发，只带 {}：dockcert 就是这样做的", usages(*side).0)
        }
        P::WrongEku { side, .. } => format!("重新签发，带上 {}：dockcert issue", usages(*side).0),
        P::ExtraEku { side, .. } => format!("重新签发，只带 {}", usages(*side).0),
        P::WeakSignature { .. } => "用 dockcert 重新签发（SHA-256 或更强）".into(),
        P::ServerNoSan { .. } => {
            "重新签发，把每个名称和地址都写成 SAN：dockcert renew（它会把 CN 加为 SAN）".into()
        }
        P::SanTrailingDot { .. } => "重新签发，去掉末尾的点".into(),
        P::HostSkipped { .. } => "要按某台主机检查其中的证书，请再检查一次，并把 --host 设为那台主机的名称".into(),
        P::HostNotCovered { host, valid, .. } if valid.is_empty() => {
            format!("重新签发，把 {host} 加入 SAN")
        }
        P::HostNotCovered { host, valid, .. } => format!(
            "重新签发，把 {host} 加入 SAN；或者改为连接以下之一：{}",
            valid.join("、")
        ),
        P::SelfSigned { .. } => "用 dockcert issue 从 CA 签发".into(),
        P::IssuedByOther { .. }
        | P::NotSignedBy { .. }
        | P::NoneIssued { .. }
        | P::NoneSigned { .. } => "使用签发它的 CA，或者从这个 CA 重新签发".into(),
        P::KeysNotRead { .. } | P::SignaturesNotChecked { .. } => {
            "每次少检查一些文件（一个主机或客户端的文件所在的目录或 zip）".into()
        }
        P::LeafKeyEncrypted { path } => {
            let name = base_name(path);
            format!(
                "解密它（openssl pkey -in {} -out {}），改用文件权限 0400 来保护它",
                word(name),
                word(&format!("{name}.plain"))
            )
        }
        P::CaKeyUnencrypted { path } => {
            let name = base_name(path);
            format!(
                "加密它（openssl pkcs8 -topk8 -v2 aes-256-cbc -in {} -out {}），并离线保存",
                word(name),
                word(&format!("{name}.enc"))
            )
        }
        P::KeyReadable { path, .. } => format!("chmod 0400 {}", word(base_name(path))),
        P::KeyMismatch { .. } => "安装与该证书一起生成的私钥，或者两者都重新签发".into(),
        P::DaemonJsonInvalid { .. } => {
            "修正 JSON（python3 -m json.tool daemon.json 会指出出错的位置）".into()
        }
        P::TcpWithoutTlsverify { .. } => "设置 \"tlsverify\": true，并设置 tlscacert、tlscert 和 tlskey（dockcert 生成的 daemon.json 就是这样）".into(),
        P::TlsFileUnset { key, .. } => format!("把 \"{key}\" 设置为文件的完整路径"),
        P::HostsConflict { .. } => "添加一个重置 ExecStart 的 drop-in（先 ExecStart= 再 ExecStart=/usr/bin/dockerd），就像 dockcert 的 docker.service.d/dockcert.conf 那样；或者从 daemon.json 中去掉 \"hosts\"".into(),
        P::ChangedSinceMade { .. } => "如果没有人有意修改它，请从原来的证书包中取回这个文件".into(),
        P::ModeChanged { path, promised, .. } => format!(
            "chmod {} {}",
            mode_text(*promised),
            word(base_name(path))
        ),
        P::ManifestRepeats { .. } => "从原来的证书包中取回 manifest.json".into(),
        P::ImagesNotListed { .. } => {
            "先修正列出的问题再检查一次，或者每次只检查一个项目目录。".into()
        }
        P::ImagesNotChecked { .. } => "单独检查这个项目的目录（旁边不要有证书包或其他项目），并让 .dockerignore 和 COPY 行只包含需要的模式。".into(),
        P::ComposeMountsCaKey { .. } => "去掉这个卷：CA 私钥应离线保存，只有离线机器上的 `dockcert issue`/`renew` 才使用它。".into(),
        P::ComposeMountsKey { .. } => "如果容器需要它，就从只有 root 能读取的目录以只读方式（`:ro`）挂载，或者使用 compose secret；否则去掉这个卷。".into(),
        P::DockerfileCopiesKey { ca_key: true, .. } => "绝不要把 CA 私钥放进镜像或 Docker 主机：它能签发所有主机都信任的证书。删除这一行并重新构建；由于旧镜像的层中仍有这个私钥，请生成新的 CA（dockcert new）和新的证书。".into(),
        P::DockerfileCopiesKey { .. } => "删除这一行，在运行时把私钥交给容器：只读卷（`-v /etc/docker/server-key.pem:/certs/key.pem:ro`）或 secret；构建步骤中使用 `RUN --mount=type=secret,id=key`。旧镜像的层中仍有这个私钥：请续期（dockcert renew）。".into(),
        P::DockerfileCopiesContextKey {
            keys, ignore_path, ..
        } => format!(
            "把 `{}`（或 `**/*key.pem`）加入 {ignore_path}，使它不会发送给构建器；把私钥移出构建上下文，并在运行时把私钥交给容器（只读卷或 secret）。已经构建的镜像仍保留着私钥：请重新构建，并续期私钥（dockcert renew）。",
            first(keys)
        ),
        P::BuildContextKey {
            keys, ignore_path, ..
        } => format!(
            "把 `{}`（或 `**/*key.pem`）加入 {ignore_path}，或者把私钥放在构建的目录之外。",
            first(keys)
        ),
    };
    Some(fix)
}

/// "Docker 主机的", "客户端的"... as the noun before 证书.
fn whose(side: Side) -> &'static str {
    match side {
        Side::Host => " Docker 主机",
        Side::Client => "客户端",
    }
}

fn ca_named(c: &Named) -> String {
    format!("{}（{}）", c.path, c.name)
}

fn leaf_named(l: &Named) -> String {
    format!("{}（签发者“{}”）", l.path, l.name)
}

/// "a", "a 和 b", "a、b、c 等另外 4 个".
fn listed<T>(items: &Listed<T>, show: impl Fn(&T) -> String) -> String {
    let shown: Vec<String> = items.shown.iter().map(show).collect();
    if items.more > 0 {
        return format!("{} 以及另外 {} 个", shown.join("、"), items.more);
    }
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} 和 {last}", rest.join("、")),
        _ => shown.join(""),
    }
}

/// "a.pem", "a.pem 和 b.pem", "a、b、c、d、e 以及另外 7 个".
fn keys_text(keys: &Listed<String>) -> String {
    listed(keys, String::clone)
}
