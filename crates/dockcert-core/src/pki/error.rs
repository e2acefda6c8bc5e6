//! What can go wrong making, encoding, encrypting or signing with keys, and
//! with the CA key's passphrase. No message carries key material or the
//! passphrase.

use crate::lang::{localized_error, Lang, Localized};

/// A key or certificate could not be made, or a passphrase is not good enough.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PkiError {
    /// `--key-type` names a type dockcert does not know.
    UnknownKeyType {
        /// The names it knows, comma-separated.
        allowed: String,
    },
    /// `--key-type` names a type too weak to offer.
    WeakKeyType {
        /// The names it knows, comma-separated.
        allowed: String,
    },
    /// An RSA operation was asked of another key type (its name).
    NotRsa(&'static str),
    /// The RNG or the prime search failed.
    Generate(String),
    /// The key did not load for signing.
    Load {
        /// The type it was meant to be (its name).
        key_type: &'static str,
        /// What ring said.
        reason: String,
    },
    /// DER or PEM encoding failed.
    Encode(String),
    /// PBES2 encryption failed.
    Encrypt(String),
    /// A key derived elsewhere with fewer rounds than the CA key needs.
    TooFewRounds {
        /// Its rounds.
        rounds: u32,
        /// The fewest allowed.
        needed: u32,
    },
    /// rcgen refused to sign.
    Sign {
        /// Whose certificate, as "the server \"docker1\"".
        subject: String,
        /// What rcgen said.
        reason: String,
    },
    /// A certificate does not parse.
    BadCertificate(String),
    /// A certificate's RSA key holds a number too long to read.
    RsaTooLarge(super::RsaTooLarge),
    /// An imported CA's subject could not be repeated byte for byte as the
    /// issuer of what it signs, so Go's verifier would not find the CA.
    IssuerEncoding {
        /// Whose certificate.
        subject: String,
        /// The CA's subject.
        ca: String,
    },
    /// No passphrase was given.
    PassphraseEmpty,
    /// The passphrase is shorter than allowed.
    PassphraseTooShort {
        /// Its length in bytes.
        len: usize,
        /// The fewest bytes allowed.
        min: usize,
    },
    /// The passphrase is longer than allowed.
    PassphraseTooLong {
        /// Its length in bytes.
        len: usize,
        /// The most bytes allowed.
        max: usize,
    },
    /// The passphrase and its confirmation differ.
    PassphrasesDiffer,
}

impl Localized for PkiError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::UnknownKeyType { allowed }, Lang::En) => {
                format!("unknown key type; allowed: {allowed}")
            }
            (Self::UnknownKeyType { allowed }, Lang::Zh) => format!("未知的密钥类型；可用：{allowed}"),
            (Self::WeakKeyType { allowed }, Lang::En) => format!("too weak; allowed: {allowed}"),
            (Self::WeakKeyType { allowed }, Lang::Zh) => format!("强度太弱；可用：{allowed}"),
            (Self::NotRsa(k), Lang::En) => format!("could not generate the key: {k} is not an RSA key type"),
            (Self::NotRsa(k), Lang::Zh) => format!("无法生成密钥：{k} 不是 RSA 密钥类型"),
            (Self::Generate(why), Lang::En) => format!("could not generate the key: {why}"),
            (Self::Generate(why), Lang::Zh) => format!("无法生成密钥：{why}"),
            (Self::Load { key_type, reason }, Lang::En) => {
                format!("the {key_type} key could not be loaded for signing: {reason}")
            }
            (Self::Load { key_type, reason }, Lang::Zh) => {
                format!("无法加载 {key_type} 密钥用于签名：{reason}")
            }
            (Self::Encode(why), Lang::En) => format!("could not encode the key: {why}"),
            (Self::Encode(why), Lang::Zh) => format!("无法编码密钥：{why}"),
            (Self::Encrypt(why), Lang::En) => format!("could not encrypt the CA key: {why}"),
            (Self::Encrypt(why), Lang::Zh) => format!("无法加密 CA 私钥：{why}"),
            (Self::TooFewRounds { rounds, needed }, Lang::En) => format!(
                "could not encrypt the CA key: {rounds} PBKDF2 rounds; the CA key needs at least {needed}"
            ),
            (Self::TooFewRounds { rounds, needed }, Lang::Zh) => format!(
                "无法加密 CA 私钥：PBKDF2 只有 {rounds} 轮；CA 私钥至少需要 {needed} 轮"
            ),
            (Self::Sign { subject, reason }, Lang::En) => {
                format!("could not sign the certificate for {subject}: {reason}")
            }
            (Self::Sign { subject, reason }, Lang::Zh) => {
                format!("无法为 {subject} 签发证书：{reason}")
            }
            (Self::BadCertificate(why), Lang::En) => format!("not a valid X.509 certificate: {why}"),
            (Self::BadCertificate(why), Lang::Zh) => format!("不是有效的 X.509 证书：{why}"),
            (Self::RsaTooLarge(what), _) => what.text(lang),
            (Self::IssuerEncoding { subject, ca }, Lang::En) => format!(
                "could not sign the certificate for {subject}: the CA's subject \"{ca}\" uses an encoding dockcert cannot repeat exactly, and docker would not find the CA"
            ),
            (Self::IssuerEncoding { subject, ca }, Lang::Zh) => format!(
                "无法为 {subject} 签发证书：CA 的主题 \"{ca}\" 使用了 dockcert 无法原样重现的编码，docker 将找不到该 CA"
            ),
            (Self::PassphraseEmpty, Lang::En) => "the passphrase is empty".into(),
            (Self::PassphraseEmpty, Lang::Zh) => "口令为空".into(),
            (Self::PassphraseTooShort { len, min }, Lang::En) => {
                format!("the passphrase is {len} characters long; at least {min} are required")
            }
            (Self::PassphraseTooShort { len, min }, Lang::Zh) => {
                format!("口令只有 {len} 个字符；至少需要 {min} 个字符")
            }
            (Self::PassphraseTooLong { len, max }, Lang::En) => {
                format!("the passphrase is {len} bytes long; at most {max} are allowed")
            }
            (Self::PassphraseTooLong { len, max }, Lang::Zh) => {
                format!("口令有 {len} 字节；最多允许 {max} 字节")
            }
            (Self::PassphrasesDiffer, Lang::En) => "the two entries differ".into(),
            (Self::PassphrasesDiffer, Lang::Zh) => "两次输入不一致".into(),
        }
    }
}

localized_error!(PkiError);
