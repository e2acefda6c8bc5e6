//! The days left of what a daemon serves: its certificate, what it sent
//! after it, and the CA its chain ends at, each with the level `dockcert
//! expiry`, the host's timer and the Prometheus rules give it (a warning
//! from 30 days before its end, an error from 7 days and once it has ended).

use serde::Serialize;
use sha2::Digest;
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::server;
use crate::inspect::expiry::{ending, Level};
use crate::inspect::verify::Which;

/// Which certificate of the chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The daemon's own certificate.
    Leaf,
    /// A CA between it and the root.
    Intermediate,
    /// The CA the chain ends at.
    Ca,
}

/// One certificate's end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct End {
    /// Which certificate.
    pub part: Part,
    /// Its Common Name, or first SAN, or subject.
    pub name: String,
    /// Its last valid moment.
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    /// Whole days from now to its end; negative once it has ended.
    pub days_left: i64,
    /// How near that is.
    pub level: Level,
}

/// The ends of the served chain (leaf first): the path docker builds when
/// it accepts it; otherwise what the server sent and the CA file's
/// certificate named as the issuer of the last of it.
pub fn served_ends(
    chain: &[Vec<u8>],
    ca_ders: &[Vec<u8>],
    dialled: &str,
    now: OffsetDateTime,
) -> Vec<End> {
    let Some((leaf, rest)) = chain.split_first() else {
        return Vec::new();
    };
    let judged = server::judge(leaf, rest, ca_ders, dialled, now);
    let mut picked: Vec<(Part, &[u8])> = Vec::new();
    for which in &judged.path {
        let found = match *which {
            Which::Leaf => Some((Part::Leaf, leaf.as_slice())),
            Which::Intermediate(i) => rest.get(i).map(|d| (Part::Intermediate, d.as_slice())),
            Which::Root(i) => ca_ders.get(i).map(|d| (Part::Ca, d.as_slice())),
        };
        picked.extend(found);
    }
    if picked.is_empty() {
        picked.push((Part::Leaf, leaf));
        for der in rest {
            let part = if self_issued(der) {
                Part::Ca
            } else {
                Part::Intermediate
            };
            picked.push((part, der));
        }
        let top = chain.last().map_or(leaf.as_slice(), Vec::as_slice);
        if !self_issued(top) {
            let issuer = issuer_of(top);
            let root = ca_ders
                .iter()
                .find(|ca| issuer.is_some() && subject_of(ca) == issuer && !chain.contains(ca));
            picked.extend(root.map(|d| (Part::Ca, d.as_slice())));
        }
    }
    picked
        .into_iter()
        .filter_map(|(part, der)| {
            let digest: [u8; 32] = sha2::Sha256::digest(der).into();
            let e = ending(der, None, &digest, now).ok()?;
            Some(End {
                part,
                name: e.name,
                not_after: e.not_after,
                days_left: e.days_left,
                level: Level::of(e.not_after, now),
            })
        })
        .collect()
}

fn parsed(der: &[u8]) -> Option<X509Certificate<'_>> {
    X509Certificate::from_der(der).ok().map(|(_, c)| c)
}

fn issuer_of(der: &[u8]) -> Option<Vec<u8>> {
    parsed(der).map(|c| c.issuer().as_raw().to_vec())
}

fn subject_of(der: &[u8]) -> Option<Vec<u8>> {
    parsed(der).map(|c| c.subject().as_raw().to_vec())
}

fn self_issued(der: &[u8]) -> bool {
    parsed(der).is_some_and(|c| c.subject().as_raw() == c.issuer().as_raw())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::tests_support::{ca_and_server_der, now};
    use crate::inspect::probe::{days_check, Note, Status};
    use time::Duration;

    /// The leaf and the CA it chains to, each with its days and level; the
    /// level by the same seconds the host's timer compares.
    #[test]
    fn leaf_and_ca_with_their_levels() {
        let (ca, leaf) = ca_and_server_der();
        let roots = std::slice::from_ref(&ca);
        let ends = served_ends(
            std::slice::from_ref(&leaf),
            roots,
            "docker1.example.com",
            now(),
        );
        let parts: Vec<Part> = ends.iter().map(|e| e.part).collect();
        assert_eq!(parts, [Part::Leaf, Part::Ca], "{ends:?}");
        let leaf_end = ends[0].not_after;
        for (before, level, days) in [
            (Duration::days(31), Level::Info, 31),
            (Duration::days(30), Level::Warning, 30),
            (Duration::days(8), Level::Warning, 8),
            (Duration::days(7), Level::Error, 7),
            (Duration::seconds(-1), Level::Error, -1),
        ] {
            let at = leaf_end - before;
            let ends = served_ends(
                std::slice::from_ref(&leaf),
                roots,
                "docker1.example.com",
                at,
            );
            assert_eq!(ends[0].level, level, "{before}");
            assert_eq!(ends[0].days_left, days, "{before}");
            // Ended, docker refuses the chain: the CA is still found.
            assert_eq!(ends.len(), 2, "{ends:?}");
            assert_eq!(ends[1].part, Part::Ca);
            let check = days_check(ends);
            let status = match level {
                Level::Info => Status::Ok,
                Level::Warning => Status::Warning,
                Level::Error => Status::Finding,
            };
            assert_eq!(check.status, status);
            let renew = usize::from(level > Level::Info);
            assert_eq!(check.notes, vec![Note::RenewBefore(Part::Leaf); renew]);
        }
    }
}
