//! Why docker refuses a chain: one variant per error Go returns, with the
//! facts its message is made of, and that message exactly.

use time::OffsetDateTime;

use crate::show;

use super::constraints::NameKind;
use super::forms::go_quote;
use super::names::NameMiss;
use super::terms::{Usage, Which};

/// Why docker refuses a chain: one variant per error Go returns, with the
/// facts its message is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// Go's `x509: certificate signed by unknown authority`, with no hint:
    /// no certificate in the CA file (or sent along) has the leaf's issuer
    /// as its subject.
    UnknownAuthority,
    /// The same, with Go's hint: a certificate with the right name was
    /// tried and failed `because`.
    UnknownAuthorityBecause {
        /// The certificate tried.
        candidate: Which,
        /// Its name as Go prints it (CN, else O, else "serial:N").
        candidate_name: String,
        /// Why it could not have signed: a [`Refusal::ParentCannotSign`],
        /// [`Refusal::InsecureAlgorithm`], [`Refusal::UnsupportedAlgorithm`],
        /// [`Refusal::KeyMismatch`] or [`Refusal::BadSignature`].
        because: Box<Refusal>,
    },
    /// Go cannot parse a certificate sent (`tls: failed to parse …`).
    Malformed {
        /// Which certificate.
        at: Which,
        /// Who parses it: the docker client (server's certificates) or
        /// dockerd (a client's).
        usage: Usage,
        /// Go's parser's message (`x509: …`).
        go_says: String,
    },
    /// A certificate has two extensions with one OID.
    DuplicateExtension {
        /// Which certificate.
        at: Which,
        /// Who parses it.
        usage: Usage,
        /// The OID, dotted.
        oid: String,
    },
    /// An RSA key over 8192 bits in a certificate sent: Go's TLS stack
    /// refuses it before verifying.
    RsaKeyTooLarge {
        /// Which certificate.
        at: Which,
        /// Who receives it.
        usage: Usage,
        /// The key's size.
        bits: usize,
    },
    /// The CA file holds no certificate Go can read.
    NoRoots,
    /// A critical extension Go does not handle.
    UnhandledCriticalExtension {
        /// Which certificate.
        at: Which,
        /// The extension's OID, dotted.
        oid: String,
    },
    /// A certificate's notAfter has passed.
    Expired {
        /// Which certificate.
        at: Which,
        /// The moment judged at.
        now: OffsetDateTime,
        /// Its notAfter.
        not_after: OffsetDateTime,
    },
    /// A certificate's notBefore has not come.
    NotYetValid {
        /// Which certificate.
        at: Which,
        /// The moment judged at.
        now: OffsetDateTime,
        /// Its notBefore.
        not_before: OffsetDateTime,
    },
    /// The leaf is not valid for the dialled name (Go's `HostnameError`).
    NameMismatch {
        /// The name as Go reports it (an address without brackets).
        name: String,
        /// Why, as Go tells the cases apart.
        miss: NameMiss,
    },
    /// An intermediate is not a CA (no basicConstraints, or CA:FALSE).
    NotAuthorizedToSign {
        /// Which certificate.
        at: Which,
    },
    /// A CA's pathLenConstraint is exceeded.
    TooManyIntermediates {
        /// The CA whose constraint it is.
        at: Which,
    },
    /// A CA's excluded subtree covers a name below it.
    NameExcluded {
        /// The CA.
        at: Which,
        /// The name's kind.
        kind: NameKind,
        /// The name, as Go prints it.
        name: String,
        /// The constraint that excludes it.
        constraint: String,
    },
    /// A CA's permitted subtrees do not cover a name below it.
    NameNotPermitted {
        /// The CA.
        at: Which,
        /// The name's kind.
        kind: NameKind,
        /// The name, as Go prints it.
        name: String,
    },
    /// A name below a constrained CA cannot be matched (a URI with an IP
    /// or without a host).
    NameUndecidable {
        /// The CA.
        at: Which,
        /// Go's detail.
        detail: String,
    },
    /// A name below a constrained CA that Go cannot parse.
    NameUnparsable {
        /// The CA.
        at: Which,
        /// Go's message.
        go_says: String,
    },
    /// More than Go's 250,000 name-constraint comparisons.
    TooManyConstraints {
        /// The CA.
        at: Which,
    },
    /// No chain allows the usage docker asks for (serverAuth or
    /// clientAuth).
    IncompatibleUsage {
        /// The usage asked for.
        usage: Usage,
    },
    /// The would-be issuer is not a CA or its keyUsage lacks keyCertSign.
    ParentCannotSign {
        /// The would-be issuer.
        parent: Which,
    },
    /// The certificate is signed with MD5 or SHA-1.
    InsecureAlgorithm {
        /// The signed certificate.
        at: Which,
        /// Go's name for the algorithm ("SHA1-RSA").
        algorithm: String,
    },
    /// A signature algorithm or key Go cannot check.
    UnsupportedAlgorithm {
        /// The signed certificate.
        at: Which,
    },
    /// The signature's algorithm wants another kind of key than the
    /// issuer's.
    KeyMismatch {
        /// The signed certificate.
        at: Which,
        /// The would-be issuer.
        parent: Which,
        /// The key kind the algorithm wants ("ECDSA").
        wanted: String,
        /// Go's type of the issuer's key ("*rsa.PublicKey").
        have: String,
    },
    /// The would-be issuer's key did not make the signature.
    BadSignature {
        /// The signed certificate.
        at: Which,
        /// The would-be issuer.
        parent: Which,
        /// Go's words ("crypto/rsa: verification error").
        go_says: String,
    },
    /// Go tried 100 signatures and gave up.
    SignatureCheckLimit,
    /// As a client's certificate: no certificate in the client's file is
    /// issued by a name dockerd announces (its CA file's subjects), so the
    /// docker client sends none and dockerd refuses the handshake.
    ClientCertNotSent,
    /// The chain is good, but crypto/tls cannot use the leaf's key (only
    /// RSA, ECDSA and Ed25519 keys sign a handshake): a daemon's handshake
    /// fails, dockerd refuses such a client.
    UnsupportedLeafKey {
        /// Who receives the leaf.
        usage: Usage,
        /// Go's type of the parsed key ("<nil>" for an algorithm Go does
        /// not know, such as an RSA-PSS-only key).
        go_type: String,
    },
}

/// Go's `time.RFC3339` for a UTC moment.
pub(super) fn rfc3339(moment: OffsetDateTime) -> String {
    let utc = moment.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

fn parse_prefix(usage: Usage) -> &'static str {
    match usage {
        Usage::Server => "tls: failed to parse certificate from server: ",
        Usage::Client => "tls: failed to parse client certificate: ",
    }
}

impl Refusal {
    /// What the docker client prints for it, exactly as Go words it (the
    /// `x509: …` or `tls: …` part of docker's line).
    pub fn docker_says(&self) -> String {
        match self {
            Refusal::UnknownAuthority => "x509: certificate signed by unknown authority".into(),
            Refusal::UnknownAuthorityBecause {
                candidate_name,
                because,
                ..
            } => format!(
                "x509: certificate signed by unknown authority (possibly because of {} while trying to verify candidate authority certificate {})",
                go_quote(&because.docker_says()),
                go_quote(candidate_name)
            ),
            Refusal::Malformed { usage, go_says, .. } => {
                format!("{}{go_says}", parse_prefix(*usage))
            }
            Refusal::DuplicateExtension { usage, oid, .. } => format!(
                "{}x509: certificate contains duplicate extension with OID {}",
                parse_prefix(*usage),
                go_quote(oid)
            ),
            Refusal::RsaKeyTooLarge { usage, .. } => format!(
                "tls: {} sent certificate containing RSA key larger than 8192 bits",
                match usage {
                    Usage::Server => "server",
                    Usage::Client => "client",
                }
            ),
            Refusal::NoRoots => "failed to append certificates from PEM file".into(),
            Refusal::UnhandledCriticalExtension { .. } => {
                "x509: unhandled critical extension".into()
            }
            Refusal::Expired { now, not_after, .. } => format!(
                "x509: certificate has expired or is not yet valid: current time {} is after {}",
                rfc3339(*now),
                rfc3339(*not_after)
            ),
            Refusal::NotYetValid {
                now, not_before, ..
            } => format!(
                "x509: certificate has expired or is not yet valid: current time {} is before {}",
                rfc3339(*now),
                rfc3339(*not_before)
            ),
            // Go prints the dialled name and the SANs as they are; a
            // control character in them (a name docker cannot dial, a
            // hostile certificate) is written out so the words stay on
            // one line (docker's own -H parsing refuses such a name).
            Refusal::NameMismatch { name, miss } => {
                let name = show::safe(name);
                match miss {
                    NameMiss::LegacyCommonName => {
                        "x509: certificate relies on legacy Common Name field, use SANs instead"
                            .into()
                    }
                    NameMiss::NoIpSans => format!(
                        "x509: cannot validate certificate for {name} because it doesn't contain any IP SANs"
                    ),
                    NameMiss::NoNames => format!(
                        "x509: certificate is not valid for any names, but wanted to match {name}"
                    ),
                    NameMiss::ValidFor(valid) => format!(
                        "x509: certificate is valid for {}, not {name}",
                        show::safe(&valid.join(", "))
                    ),
                }
            }
            Refusal::NotAuthorizedToSign { .. } => {
                "x509: certificate is not authorized to sign other certificates".into()
            }
            Refusal::TooManyIntermediates { .. } => {
                "x509: too many intermediates for path length constraint".into()
            }
            Refusal::NameExcluded {
                kind,
                name,
                constraint,
                ..
            } => format!(
                "{NOT_FOR_THIS_NAME}{} {} is excluded by constraint {}",
                kind.go_words(),
                go_quote(name),
                go_quote(constraint)
            ),
            Refusal::NameNotPermitted { kind, name, .. } => format!(
                "{NOT_FOR_THIS_NAME}{} {} is not permitted by any constraint",
                kind.go_words(),
                go_quote(name)
            ),
            Refusal::NameUndecidable { detail, .. } => format!("{NOT_FOR_THIS_NAME}{detail}"),
            Refusal::NameUnparsable { go_says, .. } => go_says.clone(),
            // Go has no words for this reason.
            Refusal::TooManyConstraints { .. } => "x509: unknown error".into(),
            Refusal::IncompatibleUsage { .. } => {
                "x509: certificate specifies an incompatible key usage".into()
            }
            Refusal::ParentCannotSign { .. } => {
                "x509: invalid signature: parent certificate cannot sign this kind of certificate"
                    .into()
            }
            Refusal::InsecureAlgorithm { algorithm, .. } => {
                format!("x509: cannot verify signature: insecure algorithm {algorithm}")
            }
            Refusal::UnsupportedAlgorithm { .. } => {
                "x509: cannot verify signature: algorithm unimplemented".into()
            }
            Refusal::KeyMismatch { wanted, have, .. } => format!(
                "x509: signature algorithm specifies an {wanted} public key, but have public key of type {have}"
            ),
            Refusal::BadSignature { go_says, .. } => go_says.clone(),
            Refusal::SignatureCheckLimit => {
                "x509: signature check attempts limit reached while verifying certificate chain"
                    .into()
            }
            Refusal::ClientCertNotSent => "tls: client didn't provide a certificate".into(),
            Refusal::UnsupportedLeafKey { usage, go_type } => match usage {
                // The docker client offers no signature scheme such a key
                // makes, so the server gives up the handshake first (asked
                // of docker 28 with an RSA-PSS key).
                Usage::Server => "remote error: tls: handshake failure".into(),
                Usage::Client => format!(
                    "tls: client certificate contains an unsupported public key of type {go_type}"
                ),
            },
        }
    }
}

const NOT_FOR_THIS_NAME: &str =
    "x509: a root or intermediate certificate is not authorized to sign for this name: ";
