//! That the old CA issued a certificate of the current bundle, as docker
//! judges it: the one judge ([`verify`]) with the old CA as the only root
//! and the rest of the certificate's file as intermediates, as a server's
//! certificate (the docker client's check) or a client's (dockerd's), the
//! signature included. No name is dialled: the rotation issues the host's
//! names anew.
//!
//! A certificate refused for its dates alone does not stop a rotation:
//! rotating is how one gets out of an expired certificate. "Alone" is
//! judged, not assumed: Go checks a leaf's dates before its signature, so
//! the chain is judged again at the moment the refusal names (the
//! notAfter it passed, the notBefore it has not reached), at most
//! [`MOVES`] times; any other refusal found on the way stops the rotation.

use time::OffsetDateTime;

use super::error::RotateError;
use crate::import::renew::Renewal;
use crate::inspect::verify::{verify, Ask, Chain, Refusal, Usage};
use crate::pki::CertFacts;

/// How many times the moment judged at is moved to a date a refusal names:
/// the leaf's, an intermediate's and the old CA's own.
const MOVES: usize = 3;

/// What docker says of a certificate of the current bundle under the old CA.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Issued {
    /// Accepted at `now`.
    Accepted,
    /// Refused at `now` for its dates alone (or its chain's): this refusal.
    OutOfDate(Refusal),
}

/// Judges `leaf` (DER) with `intermediates` (the rest of its file) under
/// `old_ca` (the old CA's certificate, DER, alone) for `usage` at `now`;
/// the refusal that stops a rotation, if any.
pub(super) fn judge(
    (leaf, intermediates): (&[u8], &[Vec<u8>]),
    old_ca: &[Vec<u8>],
    usage: Usage,
    now: OffsetDateTime,
) -> Result<Issued, Refusal> {
    let chain = Chain {
        leaf,
        intermediates,
        roots: old_ca,
    };
    let at = |now| {
        verify(
            &chain,
            &Ask {
                name: None,
                usage,
                now,
            },
        )
        .refusal
    };
    let Some(first) = at(now) else {
        return Ok(Issued::Accepted);
    };
    let mut refusal = first.clone();
    for _ in 0..MOVES {
        let moment = match &refusal {
            Refusal::Expired { not_after, .. } => *not_after,
            Refusal::NotYetValid { not_before, .. } => *not_before,
            _ => return Err(refusal),
        };
        match at(moment) {
            None => return Ok(Issued::OutOfDate(first)),
            Some(next) => refusal = next,
        }
    }
    // Still refused for dates only: the certificates' validities never
    // overlap, and nothing else was found wrong with them.
    match refusal {
        Refusal::Expired { .. } | Refusal::NotYetValid { .. } => Ok(Issued::OutOfDate(first)),
        other => Err(other),
    }
}

/// Why the certificate at `path` stops a rotation: docker's `refusal` of it
/// under the old CA, said as plainly as it can be. No certificate of the old
/// CA's name is the issuer's: renew's words, naming both. One is, but its key
/// did not sign: another CA of the same name.
pub(super) fn refused(
    path: &str,
    renewal: &Renewal,
    old_ca: &CertFacts,
    refusal: Refusal,
) -> RotateError {
    match refusal {
        Refusal::UnknownAuthority => match renewal.check_issuer(old_ca) {
            Err(error) => RotateError::Certificate {
                path: path.to_owned(),
                error,
            },
            Ok(()) => RotateError::Refused {
                path: path.to_owned(),
                refusal,
            },
        },
        Refusal::UnknownAuthorityBecause { ref because, .. }
            if matches!(
                **because,
                Refusal::BadSignature { .. } | Refusal::KeyMismatch { .. }
            ) =>
        {
            RotateError::SignedByAnother {
                path: path.to_owned(),
                ca: crate::show::safe(old_ca.name()).into_owned(),
                docker: refusal.docker_says(),
            }
        }
        refusal => RotateError::Refused {
            path: path.to_owned(),
            refusal,
        },
    }
}

#[cfg(test)]
mod tests {
    use rand_core::SeedableRng;
    use time::Duration;

    use super::*;
    use crate::import::certificates;
    use crate::inspect::verify::Which;
    use crate::pki::tests_support::now;
    use crate::pki::{
        CertificateAuthority, KeyType, LeafSigner, PrivateKey, San, Serials, Subject, Validity,
    };

    /// A CA named "Old CA" valid `ca_days` from now (its key from `seed`),
    /// and a host's certificate it signed, valid `days` from `start`: DER.
    fn issued(seed: u64, ca_days: u32, start: OffsetDateTime, days: u32) -> (Vec<u8>, Vec<u8>) {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
        let mut key = || PrivateKey::generate(KeyType::EcdsaP256, &mut rng).unwrap();
        let (ca_key, leaf_key) = (key(), key());
        let mut serials = Serials::default();
        let ca = CertificateAuthority::create(
            ("Old CA", &Subject::default()),
            ca_key,
            Validity::starting(now(), ca_days),
            &mut serials,
            &mut rng,
        )
        .unwrap();
        let mut signer = LeafSigner {
            ca: &ca,
            subject: &Subject::default(),
            validity: Validity::starting(start, days),
            serials: &mut serials,
        };
        let sans = [San::Dns("docker1.example.com".into())];
        let leaf = signer
            .server("docker1.example.com", &sans, leaf_key, &mut rng)
            .unwrap();
        let leaf = certificates(leaf.cert_pem.as_bytes()).unwrap().remove(0);
        (ca.cert_der().to_vec(), leaf)
    }

    /// The old CA's dates alone, its leaf's alone, and neither hiding a
    /// signature by another CA of the same name.
    #[test]
    fn dates_alone_are_told_from_any_other_refusal() {
        let later = now() + Duration::days(45);
        let judged = |(ca, leaf): &(Vec<u8>, Vec<u8>), at| {
            judge((leaf, &[]), std::slice::from_ref(ca), Usage::Server, at)
        };
        // The leaf outlives its CA (not made so by dockcert, but possible).
        let outlived = issued(1, 30, now(), 60);
        assert_eq!(judged(&outlived, now()), Ok(Issued::Accepted));
        assert!(matches!(
            judged(&outlived, later),
            Ok(Issued::OutOfDate(Refusal::Expired {
                at: Which::Root(0),
                ..
            }))
        ));
        // Not valid yet.
        let early = issued(2, 30, now() + Duration::days(10), 10);
        assert!(matches!(
            judged(&early, now()),
            Ok(Issued::OutOfDate(Refusal::NotYetValid {
                at: Which::Leaf,
                ..
            }))
        ));
        // The same names and dates under another key: refused for that,
        // whether the leaf or the CA has expired or not.
        let other = issued(3, 30, now(), 60);
        let mixed = (outlived.0.clone(), other.1.clone());
        for at in [now(), later, now() + Duration::days(90)] {
            let refused = judged(&mixed, at).unwrap_err();
            assert!(
                matches!(&refused, Refusal::UnknownAuthorityBecause { because, .. }
                    if matches!(**because, Refusal::BadSignature { .. })),
                "{refused:?}"
            );
        }
        // A refusal that is no date's: usage.
        let as_client = judge(
            (&outlived.1, &[]),
            std::slice::from_ref(&outlived.0),
            Usage::Client,
            now(),
        );
        assert!(as_client.is_err(), "{as_client:?}");
    }
}
