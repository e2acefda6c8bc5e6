//! Chains: each leaf was issued, and signed, by the CA beside it.
//!
//! CAs are looked up by folder and by subject, not searched for, and a
//! finding names at most [`NAMED`] CAs and leaves, the leaves that share a
//! problem with one CA or set of CAs together: work and output stay linear
//! in the files given, however many leaves and CAs they hold.

use std::collections::HashMap;

use x509_parser::prelude::{FromDer, SubjectPublicKeyInfo, X509Certificate};

use super::budget::{signature_units, Budget};
use super::input::{dir_name, InputFile};
use super::material::{CertEntry, Material, Role};
use super::problem::{Listed, Named, Problem};
use super::report::Findings;
use crate::import;

/// The most CAs, or leaves, one finding names; the rest are counted.
const NAMED: usize = 3;

/// The CAs found, by folder and by subject (indices into `all`).
struct Cas<'a> {
    all: Vec<&'a CertEntry>,
    /// What checking a signature with each CA's key costs ([`Budget`]);
    /// 0 for a CA whose key cannot be read (nothing is checked with it).
    units: Vec<u64>,
    in_dir: HashMap<&'a str, Vec<&'a CertEntry>>,
    by_subject: HashMap<&'a [u8], usize>,
    by_dir_subject: HashMap<(&'a str, &'a [u8]), usize>,
}

impl<'a> Cas<'a> {
    fn of(material: &'a Material) -> Self {
        let mut cas = Cas {
            all: Vec::new(),
            units: Vec::new(),
            in_dir: HashMap::new(),
            by_subject: HashMap::new(),
            by_dir_subject: HashMap::new(),
        };
        for ca in material.certs.iter().filter(|c| c.role == Some(Role::Ca)) {
            let dir = dir_name(&ca.path);
            let i = cas.all.len();
            cas.all.push(ca);
            cas.units.push(spki_of(ca).map_or(0, |spki| {
                let curve = spki.algorithm.parameters.as_ref();
                let curve = curve
                    .and_then(|p| p.as_oid().ok())
                    .map(|o| o.to_id_string());
                signature_units((
                    &spki.algorithm.algorithm.to_id_string(),
                    curve.as_deref(),
                    spki.subject_public_key.data.len(),
                ))
            }));
            cas.in_dir.entry(dir).or_default().push(ca);
            cas.by_subject.entry(&ca.subject_raw).or_insert(i);
            cas.by_dir_subject
                .entry((dir, &ca.subject_raw))
                .or_insert(i);
        }
        cas
    }

    /// The CAs a leaf in `dir` is judged against (those beside it, or all),
    /// and the one among them whose subject is `issuer`.
    fn for_leaf(&self, dir: &str, issuer: &[u8]) -> (&[&'a CertEntry], Option<usize>) {
        match self.in_dir.get(dir) {
            Some(near) => (near, self.by_dir_subject.get(&(dir, issuer)).copied()),
            None => (&self.all, self.by_subject.get(issuer).copied()),
        }
    }

    /// Whether the CA `i`'s key signed the leaf `der`.
    fn signed(&self, der: &[u8], i: usize) -> bool {
        let (Ok((_, leaf)), Some(spki)) = (
            X509Certificate::from_der(der),
            self.all.get(i).and_then(|ca| spki_of(ca)),
        ) else {
            return false;
        };
        leaf.verify_signature(Some(&spki)).is_ok()
    }

    /// The CAs beside `dir`'s leaves, or all.
    fn pool(&self, dir: Option<&str>) -> &[&'a CertEntry] {
        dir.and_then(|d| self.in_dir.get(d))
            .map_or(&self.all, |near| near)
    }
}

/// A CA's public key, read from what was kept of it.
fn spki_of(ca: &CertEntry) -> Option<SubjectPublicKeyInfo<'_>> {
    let raw = ca.spki.as_deref()?;
    SubjectPublicKeyInfo::from_der(raw)
        .ok()
        .map(|(_, spki)| spki)
}

/// What is wrong with a leaf's chain, and with which CAs: the leaves that
/// share one are reported together.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Gap<'a> {
    /// None of the CAs beside the leaves (`Some(folder)`), or of all the
    /// CAs (`None`), has the leaves' issuer's name.
    NoIssuer(Option<&'a str>),
    /// The CA (its index among the CAs) has the issuer's name, but its key
    /// did not sign them.
    NotSigned(usize),
}

pub(super) fn check(
    material: &Material,
    files: &[InputFile],
    budget: &mut Budget,
    findings: &mut Findings,
) {
    let cas = Cas::of(material);
    let mut gaps: Vec<(Gap<'_>, Vec<&CertEntry>)> = Vec::new();
    let mut gap_at: HashMap<Gap<'_>, usize> = HashMap::new();
    // A leaf copied to many files is verified once per CA.
    let mut verified: HashMap<([u8; 32], usize), bool> = HashMap::new();
    // The certificates of the file the last leaf checked came from: leaves
    // come in file order, so each file is decoded once more at most.
    let mut decoded: Option<(usize, Vec<Vec<u8>>)> = None;
    for leaf in material.certs.iter().filter(|c| c.role != Some(Role::Ca)) {
        if leaf.issuer_raw == leaf.subject_raw {
            findings.add(Problem::SelfSigned {
                path: leaf.path.clone(),
            });
            continue;
        }
        let dir = dir_name(&leaf.path);
        let (pool, issuer) = cas.for_leaf(dir, &leaf.issuer_raw);
        if pool.is_empty() {
            continue;
        }
        let gap = match issuer {
            None => Gap::NoIssuer(cas.in_dir.contains_key(dir).then_some(dir)),
            Some(i) => {
                let signed = match verified.get(&(leaf.digest, i)) {
                    Some(&signed) => signed,
                    // Past the run's budget: counted in its own finding.
                    None if !budget.signature(cas.units[i], &leaf.path) => continue,
                    None => {
                        let (file, n) = leaf.at;
                        if decoded.as_ref().is_none_or(|(f, _)| *f != file) {
                            let bytes = files.get(file).map_or(&[][..], |f| &f.bytes);
                            let ders = import::certificates(bytes).unwrap_or_default();
                            decoded = Some((file, ders));
                        }
                        let der = decoded.as_ref().and_then(|(_, ders)| ders.get(n));
                        let signed = der.is_some_and(|der| cas.signed(der, i));
                        verified.insert((leaf.digest, i), signed);
                        signed
                    }
                };
                if signed {
                    continue;
                }
                Gap::NotSigned(i)
            }
        };
        let at = *gap_at.entry(gap).or_insert_with(|| {
            gaps.push((gap, Vec::new()));
            gaps.len() - 1
        });
        gaps[at].1.push(leaf);
    }
    for (gap, leaves) in gaps {
        report(&cas, gap, &leaves, findings);
    }
}

/// One finding for the leaves that share `gap`: each CA is named in one
/// finding at most, so the findings grow with the files, not with leaves
/// times CAs.
fn report(cas: &Cas<'_>, gap: Gap<'_>, leaves: &[&CertEntry], findings: &mut Findings) {
    let ca_named = |c: &&CertEntry| Named {
        path: c.path.clone(),
        name: c.subject.clone(),
    };
    let [leaf] = leaves else {
        let leaves = Listed::of(leaves, NAMED, |l| Named {
            path: l.path.clone(),
            name: l.issuer.clone(),
        });
        return findings.add(match gap {
            Gap::NoIssuer(dir) => Problem::NoneIssued {
                leaves,
                cas: Listed::of(cas.pool(dir), NAMED, ca_named),
            },
            Gap::NotSigned(i) => Problem::NoneSigned {
                ca: ca_named(&cas.all[i]),
                leaves,
            },
        });
    };
    findings.add(match gap {
        Gap::NoIssuer(dir) => Problem::IssuedByOther {
            path: leaf.path.clone(),
            issuer: leaf.issuer.clone(),
            cas: Listed::of(cas.pool(dir), NAMED, ca_named),
        },
        Gap::NotSigned(i) => Problem::NotSignedBy {
            path: leaf.path.clone(),
            issuer: leaf.issuer.clone(),
            ca: cas.all[i].path.clone(),
        },
    });
}

#[cfg(test)]
mod tests {
    use crate::bundle::tests_support::{now, one_of_each, plain};
    use crate::bundle::Bundle;
    use crate::inspect::{inspect, Gathered, InputFile, Listed, Named, Options, Problem};
    use crate::plan::PlanRequest;

    fn bundle(ca_name: &str) -> Bundle {
        plain(&PlanRequest {
            ca_name: Some(ca_name.into()),
            ..one_of_each()
        })
    }

    fn file(b: &Bundle, path: &str) -> Vec<u8> {
        b.contents(path).unwrap().to_vec()
    }

    #[test]
    fn leaves_none_of_many_cas_issued_are_one_finding_naming_a_few() {
        let (alpha, beta) = (bundle("Alpha CA"), bundle("Beta CA"));
        let ca = file(&alpha, "ca/ca.pem");
        let server = file(&beta, "server/docker1.example.com/server-cert.pem");
        let n = 40;
        let mut files = Vec::new();
        for i in 0..n {
            for (name, bytes) in [("ca", &ca), ("server-cert", &server)] {
                files.push(InputFile {
                    path: format!("x/{name}-{i}.pem"),
                    bytes: bytes.clone(),
                    mode: None,
                });
            }
        }
        let report = inspect(
            &Gathered::of_files(files),
            &Options {
                host: None,
                now: now(),
            },
        );
        let chain: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code == "other-ca")
            .collect();
        assert_eq!(chain.len(), 1, "{chain:?}");
        let named = |path: String, name: &str| Named {
            path,
            name: name.into(),
        };
        let Problem::NoneIssued { leaves, cas } = &chain[0].problem else {
            panic!("{chain:?}");
        };
        let ca = |i| named(format!("x/ca-{i}.pem"), "CN=Alpha CA");
        let leaf = |i| named(format!("x/server-cert-{i}.pem"), "CN=Beta CA");
        assert_eq!(
            *cas,
            Listed {
                shown: vec![ca(0), ca(1), ca(2)],
                more: 37
            }
        );
        assert_eq!(
            *leaves,
            Listed {
                shown: vec![leaf(0), leaf(1), leaf(2)],
                more: 37
            }
        );
        assert_eq!(chain[0].file, None);
    }
}
