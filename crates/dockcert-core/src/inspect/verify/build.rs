//! Go's `Verify` after the leaf's own checks: the pools, `buildChains`
//! (candidates by subject, key-id matches first, signature then
//! `isValid`, at most 100 signature checks), and the extended key usages
//! nested down each chain found.

use std::collections::{HashMap, HashSet};

use time::OffsetDateTime;

use super::cert::{Cert, PublicKey};
use super::constraints::{self, ConstraintFailure};
use super::signature::{self, SigFailure};
use super::{Refusal, Usage, Which};

/// Go's `maxChainSignatureChecks`.
const MAX_SIGNATURE_CHECKS: usize = 100;

/// A CertPool: the certificates, each once, found by subject.
pub(super) struct Pool<'c> {
    certs: Vec<(Which, Cert<'c>)>,
    by_subject: HashMap<&'c [u8], Vec<usize>>,
    raws: HashSet<&'c [u8]>,
}

impl<'c> Pool<'c> {
    pub(super) fn new() -> Self {
        Pool {
            certs: Vec::new(),
            by_subject: HashMap::new(),
            raws: HashSet::new(),
        }
    }

    /// Go's `AddCert`: a certificate already in the pool is not added
    /// again.
    pub(super) fn add(&mut self, which: Which, cert: Cert<'c>) {
        if !self.raws.insert(cert.raw) {
            return;
        }
        self.by_subject
            .entry(cert.raw_subject)
            .or_default()
            .push(self.certs.len());
        self.certs.push((which, cert));
    }

    pub(super) fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }

    pub(super) fn contains(&self, raw: &[u8]) -> bool {
        self.raws.contains(raw)
    }

    /// Go's `findPotentialParents`: the certificates whose subject is the
    /// child's issuer, those whose key id matches the child's authority
    /// key id first, then those where only one side has an id, then the
    /// rest.
    fn potential_parents(&self, child: &Cert<'_>) -> Vec<&(Which, Cert<'c>)> {
        let Some(indexes) = self.by_subject.get(child.raw_issuer) else {
            return Vec::new();
        };
        let akid = child.ext.authority_key_id.unwrap_or_default();
        let rank = |cert: &Cert<'_>| {
            let skid = cert.ext.subject_key_id.unwrap_or_default();
            if skid == akid {
                0
            } else if skid.is_empty() != akid.is_empty() {
                1
            } else {
                2
            }
        };
        let mut found: Vec<&(Which, Cert<'c>)> =
            indexes.iter().filter_map(|&i| self.certs.get(i)).collect();
        // A stable sort keeps the pool's order inside each rank, as Go's
        // three lists do.
        found.sort_by_key(|(_, cert)| rank(cert));
        found
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Intermediate,
    Root,
}

/// One `buildChains` run's shared state.
pub(super) struct Builder<'p, 'c> {
    pub(super) roots: &'p Pool<'c>,
    pub(super) intermediates: &'p Pool<'c>,
    pub(super) now: OffsetDateTime,
    pub(super) signature_checks: usize,
}

type Link<'p, 'c> = (Which, &'p Cert<'c>);

impl<'p, 'c> Builder<'p, 'c> {
    /// Go's `buildChains(currentChain)`: every chain from `chain` to a
    /// root, or the error Go returns.
    pub(super) fn build(
        &mut self,
        chain: &mut Vec<Link<'p, 'c>>,
    ) -> Result<Vec<Vec<Which>>, Refusal> {
        let Some(&(child_which, child)) = chain.last() else {
            return Ok(Vec::new());
        };
        let mut chains = Vec::new();
        let mut hint: Option<Refusal> = None;
        let mut err: Option<Refusal> = None;
        let roots = self.roots;
        let intermediates = self.intermediates;
        let candidates = roots
            .potential_parents(child)
            .into_iter()
            .map(|c| (Kind::Root, c))
            .chain(
                intermediates
                    .potential_parents(child)
                    .into_iter()
                    .map(|c| (Kind::Intermediate, c)),
            );
        for (kind, (which, candidate)) in candidates {
            if already_in_chain(candidate, chain) {
                continue;
            }
            self.signature_checks += 1;
            if self.signature_checks > MAX_SIGNATURE_CHECKS {
                err = Some(Refusal::SignatureCheckLimit);
                continue;
            }
            if let Err(why) = check_signature_from(child_which, child, *which, candidate) {
                if hint.is_none() {
                    hint = Some(Refusal::UnknownAuthorityBecause {
                        candidate: *which,
                        candidate_name: candidate.go_name(),
                        because: Box::new(why),
                    });
                }
                continue;
            }
            err = is_valid(*which, candidate, kind, chain, self.now).err();
            if err.is_some() {
                continue;
            }
            chain.push((*which, candidate));
            match kind {
                Kind::Root => chains.push(chain.iter().map(|(w, _)| *w).collect()),
                Kind::Intermediate => match self.build(chain) {
                    Ok(found) => chains.extend(found),
                    Err(why) => err = Some(why),
                },
            }
            chain.pop();
        }
        if !chains.is_empty() {
            return Ok(chains);
        }
        Err(err.or(hint).unwrap_or(Refusal::UnknownAuthority))
    }
}

/// Go's `alreadyInChain`: same subject, same key, and the same SAN
/// extension (or none on both).
fn already_in_chain(candidate: &Cert<'_>, chain: &[Link<'_, '_>]) -> bool {
    chain.iter().any(|(_, cert)| {
        cert.raw_subject == candidate.raw_subject
            && cert.key == candidate.key
            && cert.ext.san == candidate.ext.san
    })
}

/// Go's `CheckSignatureFrom`, as a refusal naming the certificates.
fn check_signature_from(
    child_which: Which,
    child: &Cert<'_>,
    parent_which: Which,
    parent: &Cert<'_>,
) -> Result<(), Refusal> {
    let not_ca = match parent.ext.basic {
        None => parent.version == 3,
        Some(basic) => !basic.is_ca,
    };
    let no_cert_sign = parent.ext.key_usage != 0 && parent.ext.key_usage & (1 << 5) == 0;
    if not_ca || no_cert_sign {
        return Err(Refusal::ParentCannotSign {
            parent: parent_which,
        });
    }
    // A key of an algorithm Go does not know is "unsupported" before the
    // signature's own algorithm is looked at.
    if parent.key == PublicKey::Unknown {
        return Err(Refusal::UnsupportedAlgorithm { at: child_which });
    }
    signature::check(child.sig_alg, child.tbs, child.signature, &parent.key).map_err(
        |why| match why {
            SigFailure::Insecure(alg) => Refusal::InsecureAlgorithm {
                at: child_which,
                algorithm: alg.go_name().to_string(),
            },
            SigFailure::Unsupported => Refusal::UnsupportedAlgorithm { at: child_which },
            SigFailure::KeyMismatch(wanted, have) => Refusal::KeyMismatch {
                at: child_which,
                parent: parent_which,
                wanted: wanted.to_string(),
                have: have.to_string(),
            },
            SigFailure::Wrong(go_says) => Refusal::BadSignature {
                at: child_which,
                parent: parent_which,
                go_says: go_says.to_string(),
            },
        },
    )
}

/// Go's `isValid` for the leaf (`kind` None) or a candidate issuer.
pub(super) fn is_valid_leaf(cert: &Cert<'_>, now: OffsetDateTime) -> Result<(), Refusal> {
    own_checks(Which::Leaf, cert, now)
}

fn own_checks(which: Which, cert: &Cert<'_>, now: OffsetDateTime) -> Result<(), Refusal> {
    if let Some(oid) = &cert.ext.unhandled_critical {
        return Err(Refusal::UnhandledCriticalExtension {
            at: which,
            oid: oid.clone(),
        });
    }
    if now < cert.not_before {
        return Err(Refusal::NotYetValid {
            at: which,
            now,
            not_before: cert.not_before,
        });
    }
    if now > cert.not_after {
        return Err(Refusal::Expired {
            at: which,
            now,
            not_after: cert.not_after,
        });
    }
    Ok(())
}

fn is_valid(
    which: Which,
    cert: &Cert<'_>,
    kind: Kind,
    chain: &[Link<'_, '_>],
    now: OffsetDateTime,
) -> Result<(), Refusal> {
    own_checks(which, cert, now)?;
    if let Some(nc) = &cert.ext.constraints {
        let below: Vec<&Cert<'_>> = chain.iter().map(|(_, c)| *c).collect();
        constraints::check(nc, &below).map_err(|why| match why {
            ConstraintFailure::Excluded {
                kind,
                name,
                constraint,
            } => Refusal::NameExcluded {
                at: which,
                kind,
                name,
                constraint,
            },
            ConstraintFailure::NotPermitted { kind, name } => Refusal::NameNotPermitted {
                at: which,
                kind,
                name,
            },
            ConstraintFailure::Undecidable(detail) => {
                Refusal::NameUndecidable { at: which, detail }
            }
            ConstraintFailure::Unparsable(go_says) => {
                Refusal::NameUnparsable { at: which, go_says }
            }
            ConstraintFailure::TooMany => Refusal::TooManyConstraints { at: which },
        })?;
    }
    if kind == Kind::Intermediate && !cert.ext.basic.is_some_and(|b| b.is_ca) {
        return Err(Refusal::NotAuthorizedToSign { at: which });
    }
    if let Some(max) = cert.ext.basic.and_then(|b| b.max_path_len) {
        let intermediates = chain.len().saturating_sub(1) as u64;
        if intermediates > max {
            return Err(Refusal::TooManyIntermediates { at: which });
        }
    }
    Ok(())
}

/// Go's `checkChainForKeyUsage` for the one usage docker asks for.
pub(super) fn usage_allowed(chain: &[&Cert<'_>], usage: Usage) -> bool {
    chain.iter().rev().all(|cert| match &cert.ext.eku {
        None => true,
        Some(eku) if !eku.any && !eku.server && !eku.client && eku.others == 0 => true,
        Some(eku) => {
            eku.any
                || match usage {
                    Usage::Server => eku.server,
                    Usage::Client => eku.client,
                }
        }
    })
}

impl<'c> Pool<'c> {
    /// Whether a certificate in the pool has `subject`.
    pub(super) fn has_subject(&self, subject: &[u8]) -> bool {
        self.by_subject.contains_key(subject)
    }

    /// The certificates, in the order added.
    pub(super) fn iter(&self) -> impl Iterator<Item = &Cert<'c>> {
        self.certs.iter().map(|(_, cert)| cert)
    }

    /// The certificate given as `which`.
    pub(super) fn get(&self, which: Which) -> Option<&Cert<'c>> {
        self.certs
            .iter()
            .find(|(w, _)| *w == which)
            .map(|(_, cert)| cert)
    }
}
