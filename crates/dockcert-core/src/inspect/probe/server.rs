//! The chain a server presented, judged by the one judge
//! ([`crate::inspect::verify`]) as docker's Go client judges it, for the
//! dialled name against the CA file's certificates; and the leaf's facts.

use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::inspect::names::parse_extensions;
use crate::inspect::verify::{verify, Ask, Chain, Judgement, Refusal, Risk, Usage};
use crate::pki;

/// What the server's certificate says, and whether docker would trust it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerChain {
    /// The leaf's subject.
    pub subject: String,
    /// Its DNS names and IP addresses.
    pub sans: Vec<String>,
    /// Its issuer.
    pub issuer: String,
    /// Its last day.
    pub not_after: OffsetDateTime,
    /// Its key.
    pub key: ServerKey,
    /// Why docker refuses this chain, when it does (its words are
    /// [`Refusal::docker_says`]).
    pub refusal: Option<Refusal>,
    /// What docker accepts in it today that is still wrong.
    pub risks: Vec<Risk>,
}

/// A server's key, as a person names it (`ECDSA P-256`, `RSA 2048`,
/// `Ed25519`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServerKey {
    /// RSA of `bits`.
    Rsa {
        /// The modulus's size.
        bits: usize,
    },
    /// ECDSA on a named curve (`P-256`), or of an unknown curve.
    Ecdsa {
        /// `P-256`, `P-384` or `P-521`.
        curve: Option<&'static str>,
    },
    /// ECDSA on a curve dockcert does not name.
    EcdsaOther {
        /// The curve's OID.
        oid: String,
    },
    /// Ed25519.
    Ed25519,
    /// Another algorithm.
    Other {
        /// The algorithm's OID.
        oid: String,
    },
}

/// Why a chain could not be judged at all.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProbeError {
    /// The server sent no certificate.
    NoCertificate,
    /// The server's certificate is not X.509 that can be read: the parser's
    /// words.
    BadServerCertificate(String),
    /// The CA file holds no certificate that can be a trust anchor.
    BadCa,
}

/// Judges `chain` (leaf first, as the server sent it) against the CA
/// certificates in `ca_ders` for the name or address `dialled`, at `now`, as
/// docker's Go client does (the rest of the chain is Go's intermediates,
/// the CA file its roots), and describes the leaf.
pub fn judge_server_chain(
    chain: &[Vec<u8>],
    ca_ders: &[Vec<u8>],
    dialled: &str,
    now: OffsetDateTime,
) -> Result<ServerChain, ProbeError> {
    let (leaf_der, intermediates) = chain.split_first().ok_or(ProbeError::NoCertificate)?;
    let (_, leaf) = X509Certificate::from_der(leaf_der)
        .map_err(|e| ProbeError::BadServerCertificate(e.to_string()))?;
    if ca_ders.is_empty() {
        return Err(ProbeError::BadCa);
    }
    let parsed = parse_extensions(&leaf);
    let mut sans: Vec<String> = parsed.dns.clone();
    sans.extend(parsed.ips.iter().map(ToString::to_string));
    let judged = judge(leaf_der, intermediates, ca_ders, dialled, now);
    Ok(ServerChain {
        subject: leaf.subject().to_string(),
        sans,
        issuer: leaf.issuer().to_string(),
        not_after: pki::time_of(leaf.validity().not_after),
        key: key_description(&leaf),
        refusal: judged.refusal,
        risks: judged.risks,
    })
}

/// The one judge's answer on a server's chain for the name dialled.
pub(super) fn judge(
    leaf: &[u8],
    intermediates: &[Vec<u8>],
    roots: &[Vec<u8>],
    dialled: &str,
    now: OffsetDateTime,
) -> Judgement {
    verify(
        &Chain {
            leaf,
            intermediates,
            roots,
        },
        &Ask {
            name: Some(dialled.trim_start_matches('[').trim_end_matches(']')),
            usage: Usage::Server,
            now,
        },
    )
}

/// The leaf's key as a person names it.
pub(super) fn key_description(cert: &X509Certificate<'_>) -> ServerKey {
    use x509_parser::public_key::PublicKey;
    let spki = cert.public_key();
    let alg = spki.algorithm.algorithm.to_id_string();
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => ServerKey::Rsa {
            bits: rsa.key_size(),
        },
        Ok(PublicKey::EC(_)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => ServerKey::Ecdsa {
                    curve: Some("P-256"),
                },
                Some("1.3.132.0.34") => ServerKey::Ecdsa {
                    curve: Some("P-384"),
                },
                Some("1.3.132.0.35") => ServerKey::Ecdsa {
                    curve: Some("P-521"),
                },
                Some(other) => ServerKey::EcdsaOther {
                    oid: other.to_owned(),
                },
                None => ServerKey::Ecdsa { curve: None },
            }
        }
        _ if alg == "1.3.101.112" => ServerKey::Ed25519,
        _ => ServerKey::Other { oid: alg },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::tests_support::{ca_and_server_der, now};
    use crate::inspect::probe::Status;
    use crate::inspect::probe::{server_check, Note, Summary};

    /// What the judge says is what the check says: its refusal in docker's
    /// words with its reason, its risks, and the leaf's facts.
    #[test]
    fn the_check_is_the_judges_answer() {
        let (ca, leaf) = ca_and_server_der();
        let roots = std::slice::from_ref(&ca);
        let dialled = "docker1.example.com";
        let judged = judge(&leaf, &[], roots, dialled, now());
        let check = server_check(std::slice::from_ref(&leaf), roots, dialled, now());
        assert_eq!(
            check.docker_says,
            judged.refusal.as_ref().map(Refusal::docker_says)
        );
        let status = if judged.refusal.is_some() {
            Status::Finding
        } else {
            Status::Ok
        };
        assert_eq!(check.status, status);
        let mut notes: Vec<Note> = judged.refusal.into_iter().map(Note::Why).collect();
        notes.extend(judged.risks.into_iter().map(Note::Risk));
        assert_eq!(check.notes, notes);
        let Summary::Chain { chain, .. } = &check.summary else {
            panic!("{check:?}");
        };
        assert!(chain.issuer.starts_with("CN=dockcert CA"), "{chain:?}");
        assert!(chain.sans.iter().any(|s| s == dialled), "{chain:?}");
    }

    /// A leaf dockcert cannot read is a finding that says so, with docker's
    /// words when the judge has them; no certificate, or no CA, is said too.
    #[test]
    fn what_cannot_be_read_is_said_with_the_judges_words() {
        let (ca, _) = ca_and_server_der();
        let roots = std::slice::from_ref(&ca);
        let garbage = vec![0x30, 0x03, 0x02, 0x01, 0x00];
        let check = server_check(std::slice::from_ref(&garbage), roots, "h", now());
        assert_eq!(check.status, Status::Finding);
        assert!(
            matches!(
                check.summary,
                Summary::Unjudged(ProbeError::BadServerCertificate(_))
            ),
            "{check:?}"
        );
        let refusal = judge(&garbage, &[], roots, "h", now()).refusal;
        assert_eq!(
            check.docker_says,
            refusal.as_ref().map(Refusal::docker_says)
        );
        assert_eq!(
            check.notes,
            refusal.into_iter().map(Note::Why).collect::<Vec<_>>()
        );

        let none = server_check(&[], roots, "h", now());
        assert_eq!(none.summary, Summary::Unjudged(ProbeError::NoCertificate));
        let (_, leaf) = ca_and_server_der();
        let no_ca = server_check(&[leaf], &[], "h", now());
        assert_eq!(no_ca.summary, Summary::Unjudged(ProbeError::BadCa));
        assert_eq!(no_ca.docker_says, None);
    }
}
