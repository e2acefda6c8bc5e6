//! Chains: each leaf judged by the one judge ([`super::verify`]), as docker
//! judges it, against the CAs beside it.
//!
//! For each leaf, the roots are the CA certificates given (by their file's
//! name, daemon.json's `tlscacert`, or by content, outside a leaf's file)
//! whose subject is the issuer of the leaf or of one of its intermediates
//! (the CA certificates after it in its own file, which docker sends with
//! it); at most [`super::cas::CANDIDATES`] of one name. CAs are looked up by folder and
//! by subject, not searched for, each judgement is charged to the run's
//! [`Budget`], and a finding names at most [`NAMED`] CAs and leaves, the
//! leaves that share a problem with one CA or set of CAs together: work and
//! output stay linear in the files given, however many leaves and CAs they
//! hold. What the judge says is worded in [`super::refusals`].

use std::collections::{HashMap, HashSet};

use super::budget::{signature_units, Budget};
use super::cas::{Cas, NAMED};
use super::input::{dir_name, InputFile};
use super::material::{CertEntry, LeafFacts, Material, Role};
use super::problem::{Listed, Named, Problem};
use super::refusals::{self, Against, Gap, Gaps, Kin};
use super::report::{Findings, Options};
use super::verify::{self, Ask, Judgement, Refusal, Usage};
use crate::import;

/// The certificates of one file, decoded once for all its leaves: leaves
/// come in file order, so each file is decoded once more at most.
#[derive(Default)]
struct Decoded {
    file: Option<usize>,
    ders: Vec<Vec<u8>>,
}

impl Decoded {
    fn of(&mut self, files: &[InputFile], file: usize) -> &[Vec<u8>] {
        if self.file != Some(file) {
            let bytes = files.get(file).map_or(&[][..], |f| &f.bytes);
            self.ders = import::certificates(bytes).unwrap_or_default();
            self.file = Some(file);
        }
        &self.ders
    }
}

pub(super) fn check(
    material: &Material,
    files: &[InputFile],
    options: &Options,
    budget: &mut Budget,
    findings: &mut Findings,
) {
    let cas = Cas::of(material);
    // Each file's intermediates, and their issuers.
    let mut intermediates: HashMap<usize, Vec<&CertEntry>> = HashMap::new();
    let mut issuers: HashMap<usize, Vec<&[u8]>> = HashMap::new();
    for c in material.certs.iter() {
        if c.role == Some(Role::Intermediate) {
            intermediates.entry(c.at.0).or_default().push(c);
            issuers.entry(c.at.0).or_default().push(&c.issuer_raw);
        }
    }
    let mut gaps = Gaps::default();
    let mut decoded = Decoded::default();
    // A leaf copied to many files is judged once for its roots.
    type Key = ([u8; 32], bool, bool, Vec<usize>, usize);
    let mut judged: HashMap<Key, Judgement> = HashMap::new();
    let mut risks: HashSet<(String, String)> = HashSet::new();
    let mut used = vec![false; cas.all.len()];
    let mut signed: HashMap<([u8; 32], usize), Option<bool>> = HashMap::new();
    let none: Vec<&CertEntry> = Vec::new();
    let leaves = material
        .certs
        .iter()
        .filter(|c| !matches!(c.role, Some(Role::Ca) | Some(Role::Intermediate)));
    let skipped = not_for_host(material, files, options);
    for leaf in leaves {
        let facts = leaf.leaf.as_deref();
        let usage = facts.map_or(Usage::Server, |f| f.usage);
        let (file, n) = leaf.at;
        let own = intermediates.get(&file).unwrap_or(&none);
        let (near, any_ca) = cas.near(dir_name(&leaf.path));
        let mut roots: Vec<usize> = cas.named(near, &leaf.issuer_raw).to_vec();
        for issuer in issuers.get(&file).into_iter().flatten() {
            for &i in cas.named(near, issuer) {
                if !roots.contains(&i) {
                    roots.push(i);
                }
            }
        }
        let self_signed = leaf.issuer_raw == leaf.subject_raw;
        if self_signed && roots.is_empty() {
            findings.add(Problem::SelfSigned {
                path: leaf.path.clone(),
            });
        }
        let cut = !roots.is_empty() && {
            let units: u64 = roots.iter().map(|&i| cas.units[i]).sum::<u64>()
                + signature_units(("", None, 0)) * own.len() as u64;
            // Past the run's budget: counted in its own finding.
            !budget.signature(units, &leaf.path)
        };
        let ders = decoded.of(files, file);
        let Some(der) = ders.get(n) else {
            continue;
        };
        let own_ders: Vec<Vec<u8>> = own
            .iter()
            .filter_map(|c| ders.get(c.at.1).cloned())
            .collect();
        let (against, root_ders): (Against<'_, '_>, Vec<Vec<u8>>) = if !roots.is_empty() && !cut {
            let ders = roots.iter().filter_map(|&i| cas.all[i].der.clone());
            (Against::Issuers(&roots, own), ders.collect())
        } else if any_ca && !self_signed && !cut {
            // CAs, none of an issuer's name: docker's verdict with them,
            // with no signature to check.
            let pool = strangers(&cas, near).into_iter();
            let ders = pool.filter_map(|i| cas.all[i].der.clone());
            (Against::Strangers(near, Kin::Other), ders.collect())
        } else if facts.is_some_and(|f| f.usage == Usage::Server) {
            (Against::Itself, vec![der.clone()])
        } else {
            if let Some(f) = facts {
                dates(leaf, f, options, findings);
                if let Some(hash) = f.weak_hash {
                    findings.add(Problem::WeakSignature {
                        path: leaf.path.clone(),
                        hash,
                    });
                }
            }
            continue;
        };
        if let (false, Some(hash)) = (
            matches!(against, Against::Issuers(..)),
            facts.and_then(|f| f.weak_hash),
        ) {
            // No CA judged its signature: that Go refuses its algorithm
            // whatever the CA is a fact of its own.
            findings.add(Problem::WeakSignature {
                path: leaf.path.clone(),
                hash,
            });
        }
        let name = options
            .host
            .as_deref()
            .filter(|_| usage == Usage::Server && !skipped.contains(leaf.path.as_str()));
        let key: Key = (
            leaf.digest,
            usage == Usage::Server,
            name.is_some(),
            match against {
                Against::Issuers(..) => roots.clone(),
                _ => Vec::new(),
            },
            file,
        );
        let chain = verify::Chain {
            leaf: der,
            intermediates: &own_ders,
            roots: &root_ders,
        };
        let ask = Ask {
            name,
            usage,
            now: options.now,
        };
        let judgement = judged
            .entry(key)
            .or_insert_with(|| verify::verify(&chain, &ask));
        match against {
            Against::Issuers(roots, _) => roots.iter().for_each(|&i| used[i] = true),
            // A CA file docker accepts the leaf with (the leaf itself in it).
            Against::Strangers(near, _) if judgement.refusal.is_none() => {
                strangers(&cas, near).iter().for_each(|&i| used[i] = true)
            }
            _ => {}
        }
        let against = match against {
            Against::Strangers(near, _) if judgement.refusal.is_some() => {
                Against::Strangers(near, kin(&cas, near, leaf, der, budget, &mut signed))
            }
            other => other,
        };
        refusals::word(
            leaf, against, judgement, &cas.all, &mut gaps, &mut risks, findings,
        );
        // docker checks the name before the chain, and stops at the first
        // refusal: a chain refused once the name is right is found too.
        let named = matches!(judgement.refusal, Some(Refusal::NameMismatch { .. }));
        if named && !matches!(against, Against::Itself) {
            let unnamed = verify::verify(&chain, &Ask { name: None, ..ask });
            refusals::word(
                leaf, against, &unnamed, &cas.all, &mut gaps, &mut risks, findings,
            );
        }
        if name.is_none() {
            refusals::own_names(leaf, der, findings);
        }
    }
    if let (Some(host), false) = (&options.host, skipped.is_empty()) {
        let mut files: Vec<String> = skipped.into_iter().map(str::to_owned).collect();
        files.sort();
        findings.add(Problem::HostSkipped {
            host: host.clone(),
            files: Listed::of(&files, NAMED, String::clone),
        });
    }
    for (gap, leaves, docker) in gaps.list {
        report(&cas, gap, &leaves, docker, findings);
    }
    // A CA file no leaf was judged with: what is wrong with each of its
    // certificates on its own (in a CA file a leaf was judged with, the
    // others are only more roots, as Go takes them).
    let used_files: HashSet<usize> = cas
        .all
        .iter()
        .zip(&used)
        .filter(|(_, used)| **used)
        .map(|(ca, _)| ca.at.0)
        .collect();
    for ca in cas.all.iter().filter(|ca| !used_files.contains(&ca.at.0)) {
        for problem in &ca.own {
            findings.add(problem.clone());
        }
    }
}

/// With `--host` and several hosts' certificates (a multi-host bundle):
/// the files of the server certificates not for that host, judged on their
/// own names. A certificate is for the host when it is in the host's folder
/// (`server/HOST/`, as bundles lay it out) or names it as Go matches
/// ([`verify::names_refused`]). A lone server certificate, or none for the
/// host at all, is judged against `--host` as given: nothing is skipped.
fn not_for_host<'m>(
    material: &'m Material,
    files: &[InputFile],
    options: &Options,
) -> HashSet<&'m str> {
    let Some(host) = options.host.as_deref() else {
        return HashSet::new();
    };
    let servers: Vec<&CertEntry> = material
        .certs
        .iter()
        .filter(|c| !matches!(c.role, Some(Role::Ca) | Some(Role::Intermediate)))
        .filter(|c| c.leaf.as_deref().is_some_and(|f| f.usage == Usage::Server))
        .collect();
    let distinct: HashSet<[u8; 32]> = servers.iter().map(|c| c.digest).collect();
    if distinct.len() < 2 {
        return HashSet::new();
    }
    let mut decoded = Decoded::default();
    let mut others = HashSet::new();
    let mut any_for_host = false;
    for leaf in servers {
        let folder = dir_name(&leaf.path).rsplit('/').take(2).collect::<Vec<_>>();
        let in_folder = matches!(folder.as_slice(), [name, "server"] if name.eq_ignore_ascii_case(host.trim_end_matches('.')));
        let names_it = decoded
            .of(files, leaf.at.0)
            .get(leaf.at.1)
            .is_some_and(|der| verify::names_refused(der, &[host]).is_empty());
        if in_folder || names_it {
            any_for_host = true;
        } else {
            others.insert(leaf.path.as_str());
        }
    }
    match any_for_host {
        true => others,
        false => HashSet::new(),
    }
}

/// The CAs a leaf none of whose issuers' names a CA has is judged with:
/// the first [`NAMED`] beside it (`Some` folder) or of all.
fn strangers(cas: &Cas<'_>, near: Option<&str>) -> Vec<usize> {
    match near.and_then(|d| cas.first_in_dir.get(d)) {
        Some(first) => first.clone(),
        None => (0..cas.all.len().min(NAMED)).collect(),
    }
}

/// Whether a leaf none of whose issuers' names a CA has was still signed by
/// one of the CAs beside it (the first [`NAMED`], as the finding names):
/// then it is no other CA's; a check past the run's budget is counted.
fn kin(
    cas: &Cas<'_>,
    near: Option<&str>,
    leaf: &CertEntry,
    der: &[u8],
    budget: &mut Budget,
    signed: &mut HashMap<([u8; 32], usize), Option<bool>>,
) -> Kin {
    let mut kin = Kin::Other;
    for i in strangers(cas, near) {
        let said = match signed.get(&(leaf.digest, i)) {
            Some(&said) => said,
            None if !budget.signature(cas.units[i], &leaf.path) => return Kin::Unchecked,
            None => {
                let said = cas.signed(der, i);
                signed.insert((leaf.digest, i), said);
                said
            }
        };
        match said {
            Some(true) => return Kin::Signed,
            None => kin = Kin::Unknown,
            Some(false) => {}
        }
    }
    kin
}

/// A leaf's dates, when there is no chain to judge it with.
fn dates(leaf: &CertEntry, f: &LeafFacts, options: &Options, findings: &mut Findings) {
    let path = leaf.path.clone();
    if options.now > f.not_after {
        findings.add(Problem::Expired {
            path,
            on: f.not_after,
        });
    } else if options.now < f.not_before {
        findings.add(Problem::NotYetValid {
            path,
            from: f.not_before,
        });
    }
}

/// One finding for the leaves that share `gap`: each CA is named in one
/// finding at most, so the findings grow with the files, not with leaves
/// times CAs.
fn report(
    cas: &Cas<'_>,
    gap: Gap<'_>,
    leaves: &[&CertEntry],
    docker: String,
    findings: &mut Findings,
) {
    let ca_named = |c: &&CertEntry| Named {
        path: c.path.clone(),
        name: c.subject.clone(),
    };
    let [leaf] = leaves else {
        let leaves = Listed::of(leaves, NAMED, |l| Named {
            path: l.path.clone(),
            name: l.issuer.clone(),
        });
        let problem = match gap {
            Gap::NoIssuer(dir) => Problem::NoneIssued {
                leaves,
                cas: Listed::of(cas.pool(dir), NAMED, ca_named),
            },
            Gap::NotSigned(i) => Problem::NoneSigned {
                ca: ca_named(&cas.all[i]),
                leaves,
            },
        };
        return findings.refused(problem, docker);
    };
    let problem = match gap {
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
    };
    findings.refused(problem, docker);
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

    /// The server certificate and `ca` (a CA file's bytes) as two files,
    /// judged for `host` at `now`.
    fn judged(
        ca: &[u8],
        b: &Bundle,
        host: &str,
        now: time::OffsetDateTime,
    ) -> crate::inspect::Report {
        let server = file(b, "server/docker1.example.com/server-cert.pem");
        let files = vec![
            InputFile {
                path: "ca.pem".into(),
                bytes: ca.to_vec(),
                mode: None,
            },
            InputFile {
                path: "server-cert.pem".into(),
                bytes: server,
                mode: None,
            },
        ];
        inspect(
            &Gathered::of_files(files),
            &Options {
                host: Some(host.into()),
                now,
            },
        )
    }

    #[test]
    fn a_ca_of_the_issuer_s_name_whose_key_did_not_sign_is_another_ca() {
        // Two CAs of one name, on keys of their own.
        let seeded = |seed: u64| {
            use rand_core::SeedableRng;
            let request = PlanRequest {
                ca_name: Some("Same CA".into()),
                ..one_of_each()
            };
            let plan = crate::plan::Plan::from_request(&request, now().date()).unwrap();
            let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
            let keys = crate::bundle::KeySet::generate(&plan, &mut rng).unwrap();
            let unencrypted = crate::bundle::CaKeyProtection::Unencrypted;
            crate::bundle::build(&plan, keys, &unencrypted, now(), &mut rng).unwrap()
        };
        let (alpha, beta) = (seeded(1), seeded(2));
        let report = judged(
            &file(&alpha, "ca/ca.pem"),
            &beta,
            "docker1.example.com",
            now(),
        );
        let refused: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.docker.is_some())
            .collect();
        assert_eq!(refused.len(), 1, "{:?}", report.findings);
        assert_eq!(
            refused[0].problem,
            Problem::NotSignedBy {
                path: "server-cert.pem".into(),
                issuer: "CN=Same CA".into(),
                ca: "ca.pem".into(),
            }
        );
        let said = refused[0].docker.as_deref().unwrap();
        assert!(
            said.starts_with("x509: certificate signed by unknown authority"),
            "{said}"
        );
    }

    #[test]
    fn the_judge_s_refusals_are_worded_by_what_dockcert_knows_of_the_leaf() {
        let b = bundle("Judge CA");
        let ca = file(&b, "ca/ca.pem");
        // Its own CA, the name not among its SANs: docker's exact words.
        let report = judged(&ca, &b, "docker9.example.com", now());
        let refused: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.docker.is_some())
            .collect();
        assert_eq!(refused.len(), 1, "{:?}", report.findings);
        assert!(matches!(
            &refused[0].problem,
            Problem::HostNotCovered { path, host, .. } if path == "server-cert.pem" && host == "docker9.example.com"
        ));
        assert_eq!(
            refused[0].docker.as_deref(),
            Some("x509: certificate is valid for docker1.example.com, not docker9.example.com")
        );
        assert_eq!(refused[0].code, "host-not-covered");
        // A year and a day on, the leaf has expired (and the CA has not).
        let later = now() + time::Duration::days(2 * 366);
        let report = judged(&ca, &b, "docker1.example.com", later);
        let refused: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.docker.is_some())
            .collect();
        assert_eq!(refused.len(), 1, "{:?}", report.findings);
        assert!(matches!(
            &refused[0].problem,
            Problem::Expired { path, .. } if path == "server-cert.pem"
        ));
        let said = refused[0].docker.as_deref().unwrap();
        assert!(
            said.starts_with("x509: certificate has expired or is not yet valid"),
            "{said}"
        );
        // The leaf's own expiry is no finding beside docker's.
        assert_eq!(
            report
                .findings
                .iter()
                .filter(|f| f.code == "expired")
                .count(),
            1,
            "{:?}",
            report.findings
        );
    }
}
