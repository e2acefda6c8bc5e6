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

mod algorithms;
mod build;
mod cert;
mod codes;
mod constraints;
mod der;
mod en;
mod ext;
mod keys;
mod names;
mod refusal;
mod risk;
mod signature;
mod subtrees;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_more;
#[cfg(test)]
mod tests_sig;
mod zh;

pub use constraints::NameKind;
pub use names::{go_quote, NameMiss};
pub use refusal::Refusal;
pub use risk::Risk;

use build::{Builder, Pool};
use cert::{Cert, ParseError, PublicKey};

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

/// Why it happens, which certificate, and what to do, in the reader's
/// language.
impl Localized for Refusal {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::refusal(self),
            Lang::Zh => zh::refusal(self),
        }
    }
}

/// That docker accepts it today, and why it is still wrong.
impl Localized for Risk {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::risk(self),
            Lang::Zh => zh::risk(self),
        }
    }
}

/// Judges `chain` for `ask` as docker does.
pub fn verify(chain: &Chain<'_>, ask: &Ask<'_>) -> Judgement {
    let mut risks = Vec::new();
    let outcome = judge(chain, ask, &mut risks);
    let (refusal, path) = match outcome {
        Ok(path) => (None, path),
        Err(refusal) => (Some(refusal), Vec::new()),
    };
    Judgement {
        refusal,
        path,
        risks,
    }
}

/// Go's TLS client (or server) and `Verify`, in their order; the chain
/// accepted, leaf first, or the first error Go returns.
fn judge(chain: &Chain<'_>, ask: &Ask<'_>, risks: &mut Vec<Risk>) -> Result<Vec<Which>, Refusal> {
    // The TLS stack parses every certificate sent, in order, and checks
    // each RSA key's size.
    let leaf = sent(Which::Leaf, chain.leaf, ask.usage)?;
    let mut intermediates = Pool::new();
    for (i, der) in chain.intermediates.iter().enumerate() {
        let which = Which::Intermediate(i);
        intermediates.add(which, sent(which, der, ask.usage)?);
    }
    // The CA file: certificates Go cannot parse are skipped
    // (AppendCertsFromPEM), and none at all is docker's own error.
    let mut roots = Pool::new();
    for (i, der) in chain.roots.iter().enumerate() {
        if let Ok(root) = cert::parse(der) {
            roots.add(Which::Root(i), root);
        }
    }
    if roots.is_empty() {
        return Err(Refusal::NoRoots);
    }
    // dockerd's CertificateRequest names its CA file's subjects; the docker
    // client sends its certificate only when one in its file was issued by
    // one of them (crypto/tls SupportsCertificate).
    if ask.usage == Usage::Client
        && !std::iter::once(&leaf)
            .chain(intermediates.iter())
            .any(|cert| roots.has_subject(cert.raw_issuer))
    {
        return Err(Refusal::ClientCertNotSent);
    }
    leaf_risks(&leaf, risks);
    build::is_valid_leaf(&leaf, ask.now)?;
    if let Some(name) = ask.name.filter(|n| !n.is_empty()) {
        names::verify_hostname(&leaf.ext, &leaf.common_name, name)
            .map_err(|(name, miss)| Refusal::NameMismatch { name, miss })?;
    }
    let chains = if roots.contains(leaf.raw) {
        vec![vec![Which::Leaf]]
    } else {
        let mut builder = Builder {
            roots: &roots,
            intermediates: &intermediates,
            now: ask.now,
            signature_checks: 0,
        };
        let mut start = vec![(Which::Leaf, &leaf)];
        builder.build(&mut start)?
    };
    let lookup = |which: Which| -> Option<&Cert<'_>> {
        match which {
            Which::Leaf => Some(&leaf),
            Which::Intermediate(_) => intermediates.get(which),
            Which::Root(_) => roots.get(which),
        }
    };
    let path = chains
        .into_iter()
        .find_map(|path| {
            let certs: Vec<&Cert<'_>> = path.iter().filter_map(|w| lookup(*w)).collect();
            build::usage_allowed(&certs, ask.usage).then(|| {
                path_risks(&path, &certs, risks);
                path
            })
        })
        .ok_or(Refusal::IncompatibleUsage { usage: ask.usage })?;
    // After Verify, crypto/tls takes only keys it can check a handshake
    // signature with.
    if let Some(go_type) = leaf.key.go_type() {
        return Err(Refusal::UnsupportedLeafKey {
            usage: ask.usage,
            go_type: go_type.to_string(),
        });
    }
    Ok(path)
}

/// A certificate sent over TLS: parsed, and its RSA key's size checked.
fn sent<'a>(which: Which, der: &'a [u8], usage: Usage) -> Result<Cert<'a>, Refusal> {
    let cert = cert::parse(der).map_err(|why| match why {
        ParseError::Duplicate(oid) => Refusal::DuplicateExtension {
            at: which,
            usage,
            oid,
        },
        ParseError::Go(go_says) => Refusal::Malformed {
            at: which,
            usage,
            go_says,
        },
    })?;
    if let PublicKey::Rsa { bits, .. } = cert.key {
        if bits > 8192 {
            return Err(Refusal::RsaKeyTooLarge {
                at: which,
                usage,
                bits,
            });
        }
    }
    Ok(cert)
}

fn leaf_risks(leaf: &Cert<'_>, risks: &mut Vec<Risk>) {
    let at = Which::Leaf;
    match &leaf.ext.eku {
        None => risks.push(Risk::NoEku { at }),
        Some(eku) if eku.any => risks.push(Risk::AnyEku { at }),
        Some(_) => {}
    }
    if leaf.ext.basic.is_some_and(|b| b.is_ca) {
        risks.push(Risk::LeafIsCa { at });
    }
    if leaf.ext.key_usage != 0 && leaf.ext.key_usage & 1 == 0 {
        risks.push(Risk::NoDigitalSignature { at });
    }
    cert_risks(at, leaf, risks);
}

/// What is wrong with one certificate of the chain whatever its place.
fn cert_risks(at: Which, cert: &Cert<'_>, risks: &mut Vec<Risk>) {
    if cert.serial.starts_with('-') {
        risks.push(Risk::NegativeSerial {
            at,
            serial: cert.serial.clone(),
        });
    }
    if let PublicKey::Rsa { bits, .. } = cert.key {
        if bits < 2048 {
            risks.push(Risk::WeakRsaKey { at, bits });
        }
    }
}

fn path_risks(path: &[Which], certs: &[&Cert<'_>], risks: &mut Vec<Risk>) {
    // The leaf's own were noted before the chain was built.
    for (which, cert) in path.iter().zip(certs).skip(1) {
        cert_risks(*which, cert, risks);
    }
    for (i, cert) in certs.iter().enumerate() {
        let issuer_ending_first = certs
            .iter()
            .zip(path)
            .skip(i + 1)
            .find(|(issuer, _)| issuer.not_after < cert.not_after);
        if let (Some((issuer, issuer_which)), Some(at)) = (issuer_ending_first, path.get(i)) {
            risks.push(Risk::OutlivesIssuer {
                at: *at,
                issuer: *issuer_which,
                not_after: cert.not_after,
                issuer_not_after: issuer.not_after,
            });
        }
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
    signature::signed_by(spki, scheme, message, signature)
}
