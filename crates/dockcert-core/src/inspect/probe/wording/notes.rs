//! The lines under a check ([`Note`]) in English and Chinese. docker's and
//! dockerd's own messages stay as they say them, quoted; the names a server
//! or a certificate gives are its own to choose, so each is made safe.

use crate::inspect::probe::{Note, Unsupported};
use crate::lang::{Lang, Localized};
use crate::show::safe;

/// The words dockerd's Go TLS server logs before the verifier's.
const DOCKERD_LOGS: &str = "tls: failed to verify certificate: ";
/// What the docker client sees when dockerd refuses its certificate.
const CLIENT_SEES: &str = "remote error: tls: bad certificate";

impl Localized for Note {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en(self),
            Lang::Zh => zh(self),
        }
    }
}

fn names(names: &[String], separator: &str) -> String {
    safe(&names.join(separator)).into_owned()
}

fn en(note: &Note) -> String {
    match note {
        Note::Why(refusal) => format!("why:   {}", refusal.text(Lang::En)),
        Note::Risk(risk) => format!("risk:  {}", risk.text(Lang::En)),
        Note::TlsLibrary(Unsupported::ServerKey(key)) => format!(
            "dockcert's TLS library (rustls on ring) cannot finish a handshake with a server whose key is {}, which docker can: the chain the server sent was judged by dockcert's verifier instead, and what needs a finished handshake is unknown",
            key.text(Lang::En)
        ),
        Note::TlsLibrary(Unsupported::Sha1Signature) => "dockcert's TLS library (rustls on ring) cannot check the server's TLS 1.2 handshake signature, made over SHA-1, which docker 28 (Go 1.24) still accepts: the chain the server sent was judged by dockcert's verifier instead, and what needs a finished handshake is unknown. RFC 9155 forbids SHA-1 there and newer Go refuses it: let the server sign with SHA-256 or better".to_owned(),
        Note::Announced { names: n } => format!(
            "dockerd announces the CAs whose clients it accepts: {}",
            names(n, "; ")
        ),
        Note::NotAnnounced { issuers, names: n } => format!(
            "the client's certificate was issued by {}, none of the CAs dockerd announces ({}): the docker client then sends no certificate, and dockerd refuses it",
            names(issuers, "; "),
            names(n, "; ")
        ),
        Note::ClientRefusal(refusal) => format!(
            "judged against the CA file given (a guess at dockerd's), dockerd refuses the client's chain: it logs \"{DOCKERD_LOGS}{}\" and the docker client sees \"{CLIENT_SEES}\"; why: {}",
            refusal.docker_says(),
            refusal.text(Lang::En)
        ),
        Note::RenewBefore(part) => super::ends::renew(*part, Lang::En),
        Note::Restart => super::ends::restart(Lang::En),
    }
}

fn zh(note: &Note) -> String {
    match note {
        Note::Why(refusal) => format!("拒绝的原因：{}", refusal.text(Lang::Zh)),
        Note::Risk(risk) => format!("风险：{}", risk.text(Lang::Zh)),
        Note::TlsLibrary(Unsupported::ServerKey(key)) => format!(
            "dockcert 所用的 TLS 库（基于 ring 的 rustls）无法与密钥为 {} 的服务器完成握手，而 docker 可以：服务器发送的证书链已改由 dockcert 的验证器判断，需要完成握手的检查结果未知",
            key.text(Lang::Zh)
        ),
        Note::TlsLibrary(Unsupported::Sha1Signature) => "dockcert 所用的 TLS 库（基于 ring 的 rustls）无法校验服务器用 SHA-1 所做的 TLS 1.2 握手签名，而 docker 28（Go 1.24）目前仍接受它：服务器发送的证书链已改由 dockcert 的验证器判断，需要完成握手的检查结果未知。RFC 9155 禁止在此使用 SHA-1，较新的 Go 也会拒绝：请让服务器改用 SHA-256 或更强的算法签名".to_owned(),
        Note::Announced { names: n } => {
            format!("dockerd 公布了它接受其客户端的 CA：{}", names(n, "；"))
        }
        Note::NotAnnounced { issuers, names: n } => format!(
            "客户端证书的颁发者是 {}，不在 dockerd 公布的 CA（{}）之中：此时 docker 客户端不会发送证书，dockerd 会拒绝连接",
            names(issuers, "；"),
            names(n, "；")
        ),
        Note::ClientRefusal(refusal) => format!(
            "按给定的 CA 文件（推测与 dockerd 所用的相同）判断，dockerd 会拒绝客户端的证书链：它的日志是“{DOCKERD_LOGS}{}”，docker 客户端看到的是“{CLIENT_SEES}”；原因：{}",
            refusal.docker_says(),
            refusal.text(Lang::Zh)
        ),
        Note::RenewBefore(part) => super::ends::renew(*part, Lang::Zh),
        Note::Restart => super::ends::restart(Lang::Zh),
    }
}
