//! The probe's words in Simplified Chinese, in the page's words (the
//! glossary is shared/UI.md). Addresses, paths, flags and what the server or
//! the system said stay as they are; what they said is quoted (“”).

use crate::inspect::probe::{
    CheckName, Lookup, PlainAnswer, ProbeError, ServerChain, ServerKey, Skip, Status, Summary,
    Unclear, Verdict,
};
use crate::lang::{os_reason, Lang};
use crate::pki;
use crate::show::safe;

pub(super) fn check_name(name: CheckName) -> &'static str {
    match name {
        CheckName::Reachable => "可连接",
        CheckName::PlainHttp => "明文 HTTP",
        CheckName::ServerCertificate => "服务器证书",
        CheckName::NoClientCertificate => "不带客户端证书",
        CheckName::ClientCertificate => "使用客户端证书",
        CheckName::DaysLeft => "剩余天数",
        CheckName::OnDisk => "磁盘上的文件",
    }
}

pub(super) fn status(status: Status) -> &'static str {
    match status {
        Status::Ok => "正常",
        Status::Finding => "问题",
        Status::Warning => "警告",
        Status::Skipped => "跳过",
        Status::Unknown => "未知",
    }
}

pub(super) fn summary(s: &Summary) -> String {
    match s {
        Summary::Unresolved { host, why } => format!("{host}：{}", lookup(why)),
        Summary::Connected { address, millis } => {
            format!("{address} 接受了 TCP 连接（{millis} 毫秒）")
        }
        Summary::ConnectionRefused { address } => {
            format!("{address}：连接被拒绝（该处没有程序监听）")
        }
        Summary::NoConnection {
            address,
            seconds,
            why,
        } => format!(
            "{address}：在探测限定的 {seconds} 秒内未能连接（“{}”）",
            os_reason(why, Lang::Zh)
        ),
        Summary::Plain(answer) => plain(*answer).to_owned(),
        Summary::NoHandshakeInTime { seconds, said } => {
            format!("在探测限定的 {seconds} 秒内没有完成 TLS 握手（“{said}”）")
        }
        Summary::NoHandshake { said } => format!("没有完成 TLS 握手：“{said}”"),
        Summary::Chain { chain, dialled } => {
            let facts = facts(chain);
            match chain.refusal {
                None => format!("{facts}；已用 CA 验证，对所连接的 {dialled} 有效"),
                Some(_) => format!("{facts}；docker 拒绝此证书"),
            }
        }
        Summary::Unjudged(e) => probe_error(e),
        Summary::AnonymousAccepted { status_line } => format!(
            "已接受：不带证书的 GET /_ping 得到了“{status_line}”；任何能连到此端口的人都能控制该主机（dockerd 需要 --tlsverify）"
        ),
        Summary::AnonymousRefused { said } => format!("已拒绝（“{said}”）"),
        Summary::AnonymousUnclear(seen) => {
            format!("不带证书握手之后，既没有回应也没有拒绝：{}", unclear(seen))
        }
        Summary::ClientRefused { said } => format!("已拒绝：“{said}”"),
        Summary::RefusedAt { path, said } => format!("GET {path} 被拒绝：“{said}”"),
        Summary::RequestUnclear { path, seen } => format!("GET {path}：{}", unclear(seen)),
        Summary::Answered { path, status_line } => {
            format!("GET {path} 的回应是“{status_line}”")
        }
        Summary::ClientAccepted { ping, version } => format!(
            "已接受；/_ping 回应“{ping}”；docker {}，API {}",
            version.version, version.api_version
        ),
        Summary::ClientJudged { key, refused } => format!(
            "未发送：dockcert 所用的 TLS 库（基于 ring 的 rustls）无法用客户端的 {} 密钥签名，而 docker 可以；改按 CA 文件判断，dockerd {}它的证书链",
            server_key(key),
            if *refused { "会拒绝" } else { "会接受" }
        ),
        Summary::Days(ends) => super::ends::days(ends, Lang::Zh),
        Summary::OnDisk(compared) => super::ends::on_disk(compared, Lang::Zh),
        Summary::Skipped(skip) => match skip {
            Skip::NotReachable => "无法连接".to_owned(),
            Skip::NoHandshakeInTime => "未能及时完成 TLS 握手".to_owned(),
            Skip::NoTls => "该端口不使用 TLS".to_owned(),
            Skip::ServerRefused => "docker 在服务器证书这一步就已停止".to_owned(),
            Skip::OwnTlsLibrary => "dockcert 所用的 TLS 库无法完成此次握手（见关于它的说明）".to_owned(),
            Skip::OutOfTime { seconds } => format!("探测限定的 {seconds} 秒已用完"),
        },
    }
}

/// The leaf's facts. The names are the server's to choose: none may start a
/// line.
fn facts(chain: &ServerChain) -> String {
    format!(
        "{}；SAN：{}；签发者：{}；{} 到期；{}",
        safe(&chain.subject),
        if chain.sans.is_empty() {
            "无".to_owned()
        } else {
            safe(&chain.sans.join("、")).into_owned()
        },
        safe(&chain.issuer),
        pki::day(chain.not_after),
        server_key(&chain.key)
    )
}

fn lookup(why: &Lookup) -> String {
    match why {
        Lookup::NotStarted(os) => format!("无法查询该名称（“{}”）", os_reason(os, Lang::Zh)),
        Lookup::TooSlow { seconds } => format!("在探测限定的 {seconds} 秒内名称查询未完成"),
        Lookup::NoAddress => "该名称没有地址".to_owned(),
        Lookup::Failed(os) => format!("该名称无法解析（“{}”）", os_reason(os, Lang::Zh)),
    }
}

fn plain(answer: PlainAnswer) -> &'static str {
    match answer {
        PlainAnswer::OpenApi => {
            "Docker API 以明文（不经 TLS）回应 GET /_ping：任何能连到此端口的人都能控制该主机"
        }
        PlainAnswer::OtherHttp => {
            "该端口以明文 HTTP（而非 TLS）回应：使用 --tlsverify 的 docker 客户端无法与它通信"
        }
        PlainAnswer::TlsRefusal => {
            "已拒绝：“Client sent an HTTP request to an HTTPS server”（该端口使用 TLS）"
        }
        PlainAnswer::NoHttp => "明文请求没有得到 HTTP 回应",
    }
}

fn unclear(seen: &Unclear) -> String {
    match seen {
        Unclear::NoAnswer { seconds } => format!("在探测限定的 {seconds} 秒内没有回应"),
        Unclear::NotHttp { bytes, head } => {
            format!("它回应了 {bytes} 字节的非 HTTP 内容，开头是“{head}”")
        }
        Unclear::Other(why) => format!("它的回应无法读取：“{why}”"),
        Unclear::Said(said) => format!("“{said}”"),
    }
}

pub(super) fn server_key(key: &ServerKey) -> String {
    match key {
        ServerKey::EcdsaOther { oid } => format!("ECDSA（{oid}）"),
        ServerKey::Other { oid } => format!("密钥算法 {oid}"),
        _ => super::en::server_key(key),
    }
}

pub(super) fn probe_error(e: &ProbeError) -> String {
    match e {
        ProbeError::NoCertificate => "服务器没有出示证书".to_owned(),
        ProbeError::BadServerCertificate(why) => format!("无法读取服务器的证书：“{why}”"),
        ProbeError::BadCa => "CA 文件中没有可用的证书：其中没有任何证书能作为 CA 读取".to_owned(),
    }
}

pub(super) fn verdict(v: &Verdict) -> String {
    const ROOT: &str = "任何能连到它的人都能以 root 身份在该主机上运行容器";
    match v {
        Verdict::NotReachable { address } => {
            format!("无法连接：{address} 上没有任何程序接受连接")
        }
        Verdict::OpenPlain { address } => {
            format!("未受保护的 API：{address} 不经 TLS 提供 Docker API；{ROOT}")
        }
        Verdict::OpenWithoutCertificate { address } => format!(
            "未受保护的 API：{address} 允许不带证书的客户端连接（用了 --tls 而没有 --tlsverify）；{ROOT}"
        ),
        Verdict::UnknownWithoutCertificate { address } => format!(
            "未知：{address} 在限定时间内对不带证书的客户端既没有回应也没有拒绝；它可能允许任何人连接（见上文）"
        ),
        Verdict::NoTls { address } => {
            format!("{address} 不使用 TLS：docker 客户端无法通过 --tlsverify 使用它")
        }
        Verdict::NoHandshake { address } => format!(
            "docker 客户端无法与 {address} 完成 TLS 握手，因此看不到它的证书（见上文）"
        ),
        Verdict::ServerRefused => "docker 客户端拒绝此守护进程的证书（见上文）".to_owned(),
        Verdict::ClientRefused => "守护进程拒绝了客户端证书（见上文）".to_owned(),
        Verdict::NotRestarted { path } => super::ends::not_restarted(path, Lang::Zh),
        Verdict::EndsNow(end) => super::ends::ends(end, true, Lang::Zh),
        Verdict::EndsSoon(end) => super::ends::ends(end, false, Lang::Zh),
        Verdict::Unclear { check } => format!(
            "未知：检查“{}”没有得到明确的回应（见上文）",
            check_name(*check)
        ),
        Verdict::Healthy { address } => format!(
            "正常：{address} 使用 TLS，其证书对所连接的名称受信任，拒绝不带证书的客户端，并接受此客户端"
        ),
    }
}
