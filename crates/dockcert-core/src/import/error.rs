//! What can be wrong with a certificate or key someone else made (the input
//! each problem belongs to is `sourced.rs`'s). The messages never contain
//! key material or the passphrase.

use crate::lang::{display_in_english, localized_error, Lang, Localized};
use crate::pki::{PkiError, RsaTooLarge};
use crate::plan::PlanErrors;

/// Why a certificate or key could not be imported, or a certificate renewed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// The file could not be read.
    Unreadable(String),
    /// The file is larger than anything of its kind.
    TooLarge {
        /// The most read, in bytes.
        limit: u64,
    },
    /// A file given as a CA's certificate or key holds neither.
    NeitherCertNorKey,
    /// No certificate in the file.
    NoCertificate,
    /// The certificate does not parse.
    BadCertificate(String),
    /// basicConstraints does not say CA:TRUE.
    NotACa(String),
    /// keyUsage forbids signing certificates.
    CannotSign(String),
    /// The CA has expired.
    Expired {
        /// Its name.
        subject: String,
        /// Its not-after date.
        date: String,
    },
    /// The CA is not valid yet.
    NotYetValid {
        /// Its name.
        subject: String,
        /// Its not-before time.
        date: String,
    },
    /// No private key in the file.
    NoKey,
    /// The key is encrypted and no passphrase was given.
    PassphraseNeeded,
    /// The passphrase does not decrypt the key.
    WrongPassphrase,
    /// An encryption scheme dockcert does not read.
    UnsupportedEncryption(String),
    /// Key-derivation parameters far costlier than any real key needs.
    KdfTooCostly(KdfCost),
    /// A key dockcert cannot sign with.
    UnsupportedKey(ForeignKey),
    /// The key does not parse.
    BadKey(String),
    /// An RSA key (or a certificate's) holds a number too long to read.
    RsaTooLarge(RsaTooLarge),
    /// The key and the certificate do not belong together.
    KeyMismatch(String),
    /// Renew: a CA certificate, not a leaf.
    IsCa,
    /// Renew: neither serverAuth nor clientAuth.
    NoRole,
    /// Renew: both serverAuth and clientAuth.
    BothRoles,
    /// Renew: no name to give the renewed certificate.
    NoName,
    /// Renew: the certificate was issued by another CA than the one given.
    OtherIssuer {
        /// Its issuer.
        issuer: String,
        /// The given CA's subject.
        ca: String,
    },
    /// Renew: the old certificate's names are not valid inputs today.
    UnusableNames(PlanErrors),
}

/// What opening an encrypted key would cost, when that is too much.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KdfCost {
    /// PBKDF2 with this many rounds.
    Pbkdf2 {
        /// Its iteration count.
        rounds: u64,
    },
    /// scrypt with these parameters.
    Scrypt {
        /// The cost N.
        n: u64,
        /// The block size r.
        r: u64,
        /// The parallelism p.
        p: u64,
    },
}

impl KdfCost {
    /// What it is and what it would take, and what dockcert allows.
    fn text(self, lang: Lang) -> String {
        use super::private_key::{MAX_PBKDF2_ROUNDS, MAX_SCRYPT_MEMORY, MAX_SCRYPT_WORK};
        match (self, lang) {
            (Self::Pbkdf2 { rounds }, Lang::En) => format!(
                "PBKDF2 with {rounds} rounds; dockcert runs at most {MAX_PBKDF2_ROUNDS} (about a second), and OpenSSL writes 2048 by default"
            ),
            (Self::Pbkdf2 { rounds }, Lang::Zh) => format!(
                "PBKDF2 {rounds} 轮；dockcert 最多运行 {MAX_PBKDF2_ROUNDS} 轮（约一秒），OpenSSL 默认写 2048 轮"
            ),
            (Self::Scrypt { n, r, p }, lang) => {
                let mib = u128::from(n) * u128::from(r) * 128 / (1024 * 1024);
                let limit = MAX_SCRYPT_MEMORY / 1024 / 1024;
                match lang {
                    Lang::En => format!(
                        "scrypt with N={n}, r={r}, p={p}, which needs {mib} MiB of memory and N·r·p={} steps; dockcert allows at most {limit} MiB and {MAX_SCRYPT_WORK} steps (OpenSSL itself refuses more than 32 MiB)",
                        u128::from(n) * u128::from(r) * u128::from(p)
                    ),
                    Lang::Zh => format!(
                        "scrypt 参数 N={n}、r={r}、p={p}，需要 {mib} MiB 内存和 N·r·p={} 步；dockcert 最多允许 {limit} MiB 和 {MAX_SCRYPT_WORK} 步（OpenSSL 自己拒绝超过 32 MiB 的参数）",
                        u128::from(n) * u128::from(r) * u128::from(p)
                    ),
                }
            }
        }
    }
}

/// A key dockcert reads but cannot sign with.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ForeignKey {
    /// RSA of another size.
    RsaBits(usize),
    /// EC on another curve.
    Curve(String),
    /// EC without a named curve.
    NoCurve,
    /// Another algorithm.
    Algorithm(String),
    /// A PEM block whose label ends in PRIVATE KEY but is none dockcert reads.
    Block(String),
}

impl Localized for ForeignKey {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::RsaBits(bits), Lang::En) => format!(
                "a {bits}-bit RSA key (dockcert signs with 2048, 3072 or 4096-bit RSA keys)"
            ),
            (Self::RsaBits(bits), Lang::Zh) => {
                format!("{bits} 位 RSA 密钥（dockcert 使用 2048、3072 或 4096 位 RSA 密钥签名）")
            }
            (Self::Curve(curve), Lang::En) => {
                format!("an EC key on curve {curve} (dockcert signs with P-256 or P-384)")
            }
            (Self::Curve(curve), Lang::Zh) => {
                format!("曲线 {curve} 上的 EC 密钥（dockcert 使用 P-256 或 P-384 签名）")
            }
            (Self::NoCurve, Lang::En) => {
                "an EC key without a named curve (dockcert signs with P-256 or P-384)".into()
            }
            (Self::NoCurve, Lang::Zh) => {
                "没有命名曲线的 EC 密钥（dockcert 使用 P-256 或 P-384 签名）".into()
            }
            (Self::Algorithm(oid), Lang::En) => {
                format!("algorithm {oid} (dockcert signs with RSA, ECDSA P-256/P-384 or Ed25519)")
            }
            (Self::Algorithm(oid), Lang::Zh) => {
                format!("算法 {oid}（dockcert 使用 RSA、ECDSA P-256/P-384 或 Ed25519 签名）")
            }
            (Self::Block(label), Lang::En) => format!("a \"{label}\" block"),
            (Self::Block(label), Lang::Zh) => format!("\"{label}\" 块"),
        }
    }
}

impl Localized for ImportError {
    fn text(&self, lang: Lang) -> String {
        use ImportError as E;
        match (self, lang) {
            (E::Unreadable(why), Lang::En) => format!("cannot read it: {why}"),
            (E::Unreadable(why), Lang::Zh) => {
                format!("无法读取：{}", crate::lang::os_reason(why, Lang::Zh))
            }
            (E::TooLarge { limit }, Lang::En) => format!(
                "it is larger than the {} KiB dockcert reads for a certificate or key (one is a few KB)",
                limit / 1024
            ),
            (E::TooLarge { limit }, Lang::Zh) => format!(
                "文件超过 dockcert 读取证书或私钥的上限 {} KiB（证书或私钥通常只有几 KB）",
                limit / 1024
            ),
            (E::NeitherCertNorKey, Lang::En) => {
                "neither a certificate nor a private key (expected PEM or DER)".into()
            }
            (E::NeitherCertNorKey, Lang::Zh) => "既不是证书也不是私钥（应为 PEM 或 DER）".into(),
            (E::NoCertificate, Lang::En) => {
                "no certificate found (expected PEM \"-----BEGIN CERTIFICATE-----\" or DER)".into()
            }
            (E::NoCertificate, Lang::Zh) => {
                "没有找到证书（应为 PEM \"-----BEGIN CERTIFICATE-----\" 或 DER）".into()
            }
            (E::BadCertificate(why), _) => PkiError::BadCertificate(why.clone()).text(lang),
            (E::NotACa(name), Lang::En) => format!(
                "the certificate \"{name}\" is not a CA: its basicConstraints does not say CA:TRUE"
            ),
            (E::NotACa(name), Lang::Zh) => {
                format!("证书 \"{name}\" 不是 CA：它的 basicConstraints 没有 CA:TRUE")
            }
            (E::CannotSign(name), Lang::En) => {
                format!("the CA \"{name}\" may not sign certificates: its keyUsage lacks keyCertSign")
            }
            (E::CannotSign(name), Lang::Zh) => {
                format!("CA \"{name}\" 不能签发证书：它的 keyUsage 缺少 keyCertSign")
            }
            (E::Expired { subject, date }, Lang::En) => {
                format!("the CA \"{subject}\" expired on {date}: move its bundle to a new CA with `dockcert rotate`, or make a new CA with `dockcert new`")
            }
            (E::Expired { subject, date }, Lang::Zh) => {
                format!("CA \"{subject}\" 已于 {date} 到期：请用 `dockcert rotate` 把它的证书包轮换到新的 CA，或用 `dockcert new` 创建新的 CA")
            }
            (E::NotYetValid { subject, date }, Lang::En) => format!(
                "the CA \"{subject}\" is not valid until {date} (check this machine's clock)"
            ),
            (E::NotYetValid { subject, date }, Lang::Zh) => {
                format!("CA \"{subject}\" 要到 {date} 才生效（请检查本机时钟）")
            }
            (E::NoKey, Lang::En) => "no private key found (expected PEM PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY, or DER PKCS#8)".into(),
            (E::NoKey, Lang::Zh) => "没有找到私钥（应为 PEM “PRIVATE KEY”、“ENCRYPTED PRIVATE KEY”、“RSA PRIVATE KEY” 或 “EC PRIVATE KEY”，或 DER PKCS#8）".into(),
            (E::PassphraseNeeded, Lang::En) => "the key is encrypted: give its passphrase".into(),
            (E::PassphraseNeeded, Lang::Zh) => "私钥已加密：请给出它的口令".into(),
            (E::WrongPassphrase, Lang::En) => "the passphrase does not open the key".into(),
            (E::WrongPassphrase, Lang::Zh) => "口令无法打开这个私钥".into(),
            (E::UnsupportedEncryption(what), Lang::En) => format!(
                "the key is encrypted with {what}, which dockcert does not read; re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`"
            ),
            (E::UnsupportedEncryption(what), Lang::Zh) => format!(
                "私钥使用 {what} 加密，dockcert 不读取这种格式；请用 `openssl pkcs8 -topk8 -v2 aes-256-cbc` 重新加密"
            ),
            (E::KdfTooCostly(cost), Lang::En) => format!(
                "the key is encrypted with {}: refused before any work. Re-encrypt it where it was made, for example with `openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 600000 -in KEY -out KEY.new`",
                cost.text(lang)
            ),
            (E::KdfTooCostly(cost), Lang::Zh) => format!(
                "私钥使用 {} 加密：在做任何计算之前已拒绝。请在生成它的地方重新加密，例如 `openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 600000 -in KEY -out KEY.new`",
                cost.text(lang)
            ),
            (E::UnsupportedKey(what), Lang::En) => format!("unsupported key: {}", what.text(lang)),
            (E::UnsupportedKey(what), Lang::Zh) => format!("不支持的私钥：{}", what.text(lang)),
            (E::BadKey(why), Lang::En) => format!("the key could not be read: {why}"),
            (E::BadKey(why), Lang::Zh) => format!("无法读取私钥：{why}"),
            (E::RsaTooLarge(what), _) => what.text(lang),
            (E::KeyMismatch(name), Lang::En) => format!(
                "the key does not belong to the certificate \"{name}\": their public keys differ"
            ),
            (E::KeyMismatch(name), Lang::Zh) => {
                format!("私钥不属于证书 \"{name}\"：两者的公钥不同")
            }
            (E::IsCa, Lang::En) => "this is a CA certificate; renew server and client certificates, or make a new CA with `dockcert new`".into(),
            (E::IsCa, Lang::Zh) => "这是 CA 证书；请续期服务器和客户端证书，或用 `dockcert new` 创建新的 CA".into(),
            (E::NoRole, Lang::En) => "this certificate is for neither a Docker host (serverAuth) nor a client (clientAuth)".into(),
            (E::NoRole, Lang::Zh) => "这张证书既不是 Docker 主机证书（serverAuth），也不是客户端证书（clientAuth）".into(),
            (E::BothRoles, Lang::En) => "this certificate allows both serverAuth and clientAuth; dockcert keeps hosts and clients apart, so issue a --server or --client with `dockcert issue`".into(),
            (E::BothRoles, Lang::Zh) => "这张证书同时允许 serverAuth 和 clientAuth；dockcert 将主机和客户端分开，请用 `dockcert issue` 签发 --server 或 --client".into(),
            (E::NoName, Lang::En) => "this certificate has no Common Name and no SAN to name it by".into(),
            (E::NoName, Lang::Zh) => "这张证书没有通用名称（CN），也没有可用作名称的 SAN".into(),
            (E::OtherIssuer { issuer, ca }, Lang::En) => format!(
                "it was issued by \"{issuer}\", not by the CA in --ca-cert (\"{ca}\"); renew it with the CA that issued it"
            ),
            (E::OtherIssuer { issuer, ca }, Lang::Zh) => format!(
                "它由 \"{issuer}\" 签发，而不是 --ca-cert 中的 CA（\"{ca}\"）；请用签发它的 CA 续期"
            ),
            (E::UnusableNames(errors), Lang::En) => format!(
                "the old certificate's names cannot be used as they are:\n{}",
                errors.text(lang)
            ),
            (E::UnusableNames(errors), Lang::Zh) => {
                format!("旧证书中的名称不能原样使用：\n{}", errors.text(lang))
            }
        }
    }
}

localized_error!(ImportError);
display_in_english!(ForeignKey);

impl From<PkiError> for ImportError {
    fn from(e: PkiError) -> Self {
        match e {
            PkiError::BadCertificate(why) => ImportError::BadCertificate(why),
            PkiError::RsaTooLarge(what) => ImportError::RsaTooLarge(what),
            other => ImportError::BadKey(other.to_string()),
        }
    }
}
