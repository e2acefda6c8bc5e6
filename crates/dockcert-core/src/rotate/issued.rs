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
