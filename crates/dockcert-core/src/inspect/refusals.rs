//! What the judge ([`super::verify`]) says of a leaf, as findings: a
//! refusal is an error that carries docker's exact words, worded by the
//! finding that explains it when dockcert has one (the leaf expired, the
//! name is not among its SANs, another CA of the issuer's name signed it…)
//! and by the refusal's own words otherwise; what docker accepts but is
//! still wrong is a warning. No finding says "another CA" unless no CA has
//! the issuer's name, or the judge found that the key of the one that has
//! did not make the signature (not an algorithm Go refuses, not a CA it
//! turns down for its own dates or constraints: those are the refusal's
//! words).

use std::collections::{HashMap, HashSet};

use super::material::CertEntry;
use super::problem::{Problem, Side};
use super::report::{ClientSees, Findings};
use super::verify::{self, Judgement, NameMiss, Refusal, Risk, Usage, Which};

/// How a leaf was judged.
#[derive(Clone, Copy)]
pub(super) enum Against<'a, 'w> {
    /// The CAs of its issuers' names (indices among the CAs, in the order
    /// handed to the judge), and the intermediates after it in its file (in
    /// the order handed to the judge).
    Issuers(&'w [usize], &'w [&'a CertEntry]),
    /// CAs none of which has an issuer's name (those beside it, `Some`
    /// folder, or all): docker's verdict with such a CA file; and whether
    /// one of their keys signed it all the same.
    Strangers(Option<&'a str>, Kin),
    /// Itself as its only root, as if its CA were trusted: what docker
    /// checks of the leaf before its chain (no CA given, or the run's
    /// budget spent).
    Itself,
}

/// Whether a CA without the leaf's issuer's name signed it all the same.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kin {
    /// None of their keys did: another CA's leaf.
    Other,
    /// One did: the names disagree, no other CA is involved.
    Signed,
    /// Not known: a key or algorithm the check cannot do.
    Unknown,
    /// Not checked: the run's budget was spent (counted in its finding).
    Unchecked,
}

/// What is wrong with a leaf's chain, and with which CAs: the leaves that
/// share one are reported together.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Gap<'a> {
    /// None of the CAs beside the leaves (`Some(folder)`), or of all the
    /// CAs (`None`), has the leaves' issuer's name.
    NoIssuer(Option<&'a str>),
    /// The CA (its index among the CAs) has the issuer's name, but its key
    /// did not sign them.
    NotSigned(usize),
}

/// The leaves that share gaps, in the order first found, with what docker
/// says of the first of each.
#[derive(Default)]
pub(super) struct Gaps<'a> {
    pub(super) list: Vec<(Gap<'a>, Vec<&'a CertEntry>, String)>,
    at: HashMap<Gap<'a>, usize>,
}

impl<'a> Gaps<'a> {
    pub(super) fn add(&mut self, gap: Gap<'a>, leaf: &'a CertEntry, docker: String) {
        let list = &mut self.list;
        let at = *self.at.entry(gap).or_insert_with(|| {
            list.push((gap, Vec::new(), docker));
            list.len() - 1
        });
        list[at].1.push(leaf);
    }
}

/// The findings for what the judge said of `leaf`.
pub(super) fn word<'a>(
    leaf: &'a CertEntry,
    against: Against<'a, '_>,
    judgement: &Judgement,
    cas: &[&'a CertEntry],
    gaps: &mut Gaps<'a>,
    risks: &mut HashSet<(String, String)>,
    findings: &mut Findings,
) {
    let places = places(against, cas);
    let Some(facts) = leaf.leaf.as_deref() else {
        // A certificate of no known role: its chain only (its own checks
        // word the rest).
        if let Some(refusal) = &judgement.refusal {
            if refusal.is_unknown_authority() {
                unknown_authority(leaf, against, refusal, &places, gaps, findings);
            }
        }
        return;
    };
    for risk in &judgement.risks {
        // Worded by the certificates' own checks: no extendedKeyUsage,
        // and a short RSA key.
        if matches!(risk, Risk::NoEku { .. } | Risk::WeakRsaKey { .. }) {
            continue;
        }
        let path = match (risk_at(risk), against) {
            (Which::Root(i), Against::Issuers(roots, _)) => roots
                .get(i)
                .and_then(|&ca| cas.get(ca))
                .map_or(&leaf.path, |ca| &ca.path),
            _ => &leaf.path,
        };
        if risks.insert((path.clone(), format!("{risk:?}"))) {
            findings.add(Problem::Accepted {
                path: path.clone(),
                risk: risk_placed(risk, &places),
            });
        }
    }
    let Some(refusal) = &judgement.refusal else {
        return;
    };
    if refusal.is_unknown_authority() || matches!(refusal, Refusal::ClientCertNotSent) {
        return unknown_authority(leaf, against, refusal, &places, gaps, findings);
    }
    let path = leaf.path.clone();
    let about_leaf = refusal.about() == Some(Which::Leaf);
    let cause = match refusal {
        Refusal::Expired { .. } if about_leaf => Some(Problem::Expired {
            path,
            on: facts.not_after,
        }),
        Refusal::NotYetValid { .. } if about_leaf => Some(Problem::NotYetValid {
            path,
            from: facts.not_before,
        }),
        Refusal::NameMismatch {
            miss: NameMiss::LegacyCommonName,
            ..
        } => Some(Problem::ServerNoSan {
            path,
            cn: facts.cn.clone(),
        }),
        Refusal::NameMismatch { name, .. } => Some(Problem::HostNotCovered {
            path,
            host: name.clone(),
            valid: facts.sans.clone(),
            no_ip_sans: !facts.has_ip,
        }),
        Refusal::IncompatibleUsage { usage } => Some(Problem::WrongEku {
            path,
            side: match usage {
                Usage::Server => Side::Host,
                Usage::Client => Side::Client,
            },
        }),
        _ => None,
    };
    let problem = cause.unwrap_or_else(|| Problem::Refused {
        path: leaf.path.clone(),
        refusal: placed(refusal, &places),
    });
    refused(leaf, refusal, problem, findings);
}

/// Adds docker's refusal of `leaf`: for a client's certificate, what
/// dockerd logs and what the docker client prints.
fn refused(leaf: &CertEntry, refusal: &Refusal, problem: Problem, findings: &mut Findings) {
    let said = refusal.docker_says();
    match leaf.leaf.as_deref().map(|f| f.usage) {
        Some(Usage::Client) => match client_sees(refusal) {
            Some(sees) => findings.refused_client(problem, said, sees),
            None => findings.refused(problem, said),
        },
        _ => findings.refused(problem, said),
    }
}

/// The TLS alert dockerd sends a client whose certificate it refuses for
/// `refusal` ([`ClientSees`]): Go's `processCertsFromClient` sends
/// `unknown certificate authority` for an unknown authority, `expired
/// certificate` for a date and `bad certificate` for the rest of what
/// Verify or the parser refuses; `None` where it is not known here (no
/// certificate sent, a key crypto/tls cannot use).
fn client_sees(refusal: &Refusal) -> Option<ClientSees> {
    let newer = match refusal {
        Refusal::ClientCertNotSent | Refusal::UnsupportedLeafKey { .. } => return None,
        Refusal::UnknownAuthority | Refusal::UnknownAuthorityBecause { .. } => {
            "unknown certificate authority"
        }
        Refusal::Expired { .. } | Refusal::NotYetValid { .. } => "expired certificate",
        _ => "bad certificate",
    };
    Some(ClientSees { newer })
}

/// The most of a server certificate's own names dialled when no `--host`
/// is given.
const OWN_NAMES: usize = 8;

/// With no `--host`: a server certificate judged for each name it lists,
/// as a client that dials it (Go's `VerifyHostname`), so a name it lists
/// but docker never matches is found — an address written as a DNS SAN
/// matches no address dialled. A name with a trailing dot has a finding
/// of its own ([`super::names`]), and a wildcard is no name to dial.
pub(super) fn own_names(leaf: &CertEntry, der: &[u8], findings: &mut Findings) {
    let Some(facts) = leaf.leaf.as_deref().filter(|f| f.usage == Usage::Server) else {
        return;
    };
    let names: Vec<&str> = facts
        .sans
        .iter()
        .map(String::as_str)
        .filter(|n| !n.ends_with('.') && !n.contains('*'))
        .take(OWN_NAMES)
        .collect();
    for refusal in verify::names_refused(der, &names) {
        let problem = Problem::Refused {
            path: leaf.path.clone(),
            refusal: refusal.clone(),
        };
        refused(leaf, &refusal, problem, findings);
    }
}

/// Which certificate a risk is about.
fn risk_at(risk: &Risk) -> Which {
    match risk {
        Risk::NoEku { at }
        | Risk::AnyEku { at }
        | Risk::LeafIsCa { at }
        | Risk::WeakRsaKey { at, .. }
        | Risk::NoDigitalSignature { at }
        | Risk::NegativeSerial { at, .. }
        | Risk::OutlivesIssuer { at, .. } => *at,
    }
}

/// docker knows no authority for the leaf (or, for a client, dockerd asked
/// for none it has): no CA of its issuers' names, another CA's key, or the
/// reason the CA of that name failed (an algorithm Go refuses, the CA
/// expired, is no CA…).
fn unknown_authority<'a>(
    leaf: &'a CertEntry,
    against: Against<'a, '_>,
    refusal: &Refusal,
    places: &[usize],
    gaps: &mut Gaps<'a>,
    findings: &mut Findings,
) {
    let said = refusal.docker_says();
    let (roots, mids) = match against {
        Against::Strangers(near, Kin::Other) => return gaps.add(Gap::NoIssuer(near), leaf, said),
        Against::Strangers(_, Kin::Unchecked) => return,
        // Refused in docker's words, no other CA claimed.
        Against::Strangers(..) => (&[][..], &[][..]),
        // Judged as its own root: its chain is not known here.
        Against::Itself => return,
        Against::Issuers(roots, mids) => (roots, mids),
    };
    let path = leaf.path.clone();
    if let Refusal::UnknownAuthorityBecause {
        candidate, because, ..
    } = refusal
    {
        match (because.as_ref(), candidate) {
            // The CA of the issuer's name did not make the signature of
            // the leaf, or of the intermediate after it that names it.
            (
                Refusal::BadSignature { at, .. } | Refusal::KeyMismatch { at, .. },
                Which::Root(i),
            ) => {
                let signed = match at {
                    Which::Intermediate(k) => mids.get(*k).copied(),
                    _ => Some(leaf),
                };
                if let (Some(&ca), Some(signed)) = (roots.get(*i), signed) {
                    return gaps.add(Gap::NotSigned(ca), signed, said);
                }
            }
            (
                Refusal::InsecureAlgorithm {
                    at: Which::Leaf, ..
                },
                _,
            ) => {
                if let Some(hash) = leaf.leaf.as_deref().and_then(|f| f.weak_hash) {
                    let problem = Problem::WeakSignature { path, hash };
                    return refused(leaf, refusal, problem, findings);
                }
            }
            _ => {}
        }
    }
    let problem = Problem::Refused {
        path,
        refusal: placed(refusal, places),
    };
    refused(leaf, refusal, problem, findings);
}

/// Where each root handed to the judge is in its CA file, when they all
/// come from one file: the judge numbers them as handed (only those of an
/// issuer's name), its words number them in the file ("CA certificate #2
/// of the CA file"). Empty when they do not, or the roots are not known.
fn places(against: Against<'_, '_>, cas: &[&CertEntry]) -> Vec<usize> {
    let Against::Issuers(roots, _) = against else {
        return Vec::new();
    };
    let handed: Vec<&CertEntry> = roots.iter().filter_map(|&i| cas.get(i).copied()).collect();
    let one_file = handed.windows(2).all(|w| w[0].at.0 == w[1].at.0);
    match one_file && handed.len() == roots.len() {
        true => handed.iter().map(|ca| ca.at.1).collect(),
        false => Vec::new(),
    }
}

/// `which` as its words number it ([`places`]).
fn place(which: Which, places: &[usize]) -> Which {
    match which {
        Which::Root(i) => Which::Root(places.get(i).copied().unwrap_or(i)),
        other => other,
    }
}

/// A refusal whose roots are numbered as in their CA file ([`places`]).
fn placed(refusal: &Refusal, places: &[usize]) -> Refusal {
    refusal.renumbered(&|w| place(w, places))
}

/// A risk whose roots are numbered as in their CA file ([`places`]).
fn risk_placed(risk: &Risk, places: &[usize]) -> Risk {
    risk.renumbered(&|w| place(w, places))
}
