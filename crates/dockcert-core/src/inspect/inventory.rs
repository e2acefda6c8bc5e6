//! Inventories among the files inspected (`inventory.jsonl`, kept beside
//! a CA's key): each is named as one, each damaged line is a finding, and
//! a host's or client's certificate whose issuer is a CA given with its
//! inventory, which that inventory does not list, is noted (a warning: a
//! certificate made with the CA's key outside dockcert, or by someone who
//! should not have had it).

use std::collections::{HashMap, HashSet};

use super::file_kind::Kind;
use super::input::{base_name, InputFile};
use super::material::{Material, Role};
use super::problem::{InventoryFinding, Problem};
use super::report::{FileSummary, Findings};
use crate::import::inventory;
use crate::pki;

/// Names each inventory, reads it once, and checks the leaves given against
/// the inventories of the CAs given: linear in the files and the lines.
pub(crate) fn check(
    files: &[InputFile],
    material: &Material,
    summaries: &mut [FileSummary],
    findings: &mut Findings,
) {
    // Every certificate listed; each CA's fingerprint and its inventory.
    let mut listed: HashSet<String> = HashSet::new();
    let mut inventory_of: HashMap<String, &str> = HashMap::new();
    for (f, summary) in files.iter().zip(summaries.iter_mut()) {
        if !inventory::is_inventory(base_name(&f.path)) {
            continue;
        }
        summary.kind = Kind::Inventory;
        let read = inventory::read(&f.bytes);
        for problem in read.problems {
            findings.add(Problem::Inventory(InventoryFinding::Damaged {
                path: f.path.clone(),
                problem,
            }));
        }
        for entry in read.records {
            inventory_of
                .entry(entry.record.ca_sha256.clone())
                .or_insert(&f.path);
            listed.insert(entry.record.sha256);
        }
    }
    if inventory_of.is_empty() {
        return;
    }
    // The CAs given whose inventory was given, by subject.
    let mut cas: HashMap<&[u8], Vec<&str>> = HashMap::new();
    for c in material.certs.iter().filter(|c| c.role == Some(Role::Ca)) {
        if let Some(inv) = inventory_of.get(&pki::colon_hex(&c.digest)) {
            cas.entry(c.subject_raw.as_slice()).or_default().push(inv);
        }
    }
    for leaf in &material.certs {
        if !matches!(leaf.role, Some(Role::Server | Role::Client)) {
            continue;
        }
        let Some(inventories) = cas.get(leaf.issuer_raw.as_slice()) else {
            continue;
        };
        let sha256 = pki::colon_hex(&leaf.digest);
        if listed.contains(&sha256) {
            continue;
        }
        if let Some(inv) = inventories.first() {
            findings.add(Problem::Inventory(InventoryFinding::NotListed {
                path: leaf.path.clone(),
                inventory: (*inv).to_owned(),
                sha256,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::bundle::tests_support::{now, one_of_each, plain};
    use crate::inspect::{inspect, Gathered, InputFile, Kind, Options, Report};

    fn inspected(change: impl Fn(&mut Vec<u8>)) -> Report {
        let b = plain(&one_of_each());
        let files = b
            .with_contents()
            .map(|(f, c)| {
                let mut bytes = c.to_vec();
                if f.path == "ca/inventory.jsonl" {
                    change(&mut bytes);
                }
                InputFile {
                    path: f.path.clone(),
                    bytes,
                    mode: Some(f.mode()),
                }
            })
            .collect();
        let options = Options {
            host: None,
            now: now(),
        };
        inspect(&Gathered::of_files(files), &options)
    }

    fn codes(r: &Report) -> Vec<&'static str> {
        r.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn an_inventory_that_lists_every_certificate_says_nothing() {
        let r = inspected(|_| {});
        assert_eq!(codes(&r), ["ca-key-unencrypted"]);
        let inv = r
            .files
            .iter()
            .find(|f| f.path == "ca/inventory.jsonl")
            .unwrap();
        assert_eq!(inv.kind, Kind::Inventory);
    }

    #[test]
    fn a_certificate_the_inventory_does_not_list_is_noted() {
        // The client's line (the third: CA, host, client) taken out.
        let r = inspected(|bytes| {
            let text = String::from_utf8(bytes.clone()).unwrap();
            let kept: String = text.split_inclusive('\n').take(2).collect();
            *bytes = kept.into_bytes();
        });
        let found: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.code == "not-in-inventory")
            .collect();
        assert_eq!(found.len(), 1, "{:?}", codes(&r));
        assert_eq!(found[0].problem.file(), Some("client/alice/cert.pem"));
        assert!(r.ok(), "a warning, not an error");
    }

    #[test]
    fn a_damaged_line_is_a_finding_naming_it() {
        let r = inspected(|bytes| bytes.extend_from_slice(b"not json\n"));
        let damaged = r
            .findings
            .iter()
            .find(|f| f.code == "inventory-damaged")
            .unwrap();
        let said = crate::lang::Localized::text(&damaged.problem, crate::lang::Lang::En);
        assert!(said.contains("line 4"), "{said}");
    }
}
