//! The inventory's lines for the certificates a bundle made (the record
//! and reading it back are [`crate::import::inventory`]'s): a new CA's
//! bundle holds them as `ca/inventory.jsonl`, beside `ca-key.pem`; for an
//! existing CA the face appends them to the file beside the CA's key.

use time::OffsetDateTime;

use super::contents::{Bundle, BundleCert, CaSource};
use crate::import::inventory::Record;
use crate::pki::CertRole;

impl Bundle {
    /// One line (`inventory.jsonl`) for each certificate this bundle made,
    /// in the bundle's order: a new CA's own first; an existing CA's
    /// certificate, which the bundle only carries, is not one of them.
    pub fn inventory_lines(&self) -> String {
        lines(
            &self.certificates,
            self.ca_source,
            self.plan.bundle_name.as_deref(),
            self.created,
        )
    }

    /// How many certificates this bundle made (its inventory lines).
    pub fn certificates_made(&self) -> usize {
        made(&self.certificates, self.ca_source).count()
    }
}

/// The lines for `certs` (the CA's first) made into the bundle `bundle` at
/// `created`.
pub(crate) fn lines(
    certs: &[BundleCert],
    source: CaSource,
    bundle: Option<&str>,
    created: OffsetDateTime,
) -> String {
    let Some(ca) = certs.first().filter(|c| c.info.role == CertRole::Ca) else {
        return String::new();
    };
    let ca_sha256 = &ca.info.fingerprint_sha256;
    made(certs, source)
        .map(|c| {
            let info = &c.info;
            Record {
                serial: info.serial.clone(),
                role: info.role,
                name: info.name.clone(),
                subject: info.subject.clone(),
                sans: info.sans.clone(),
                key_type: info.key_type.as_str().to_owned(),
                not_before: info.not_before,
                not_after: info.not_after,
                sha256: info.fingerprint_sha256.clone(),
                ca_sha256: ca_sha256.clone(),
                bundle: bundle.map(str::to_owned),
                made: created,
            }
            .line()
        })
        .collect()
}

/// `before` (an inventory as it stands, its text kept byte for byte) with
/// `lines` appended; a last line left without its newline is ended first.
pub(crate) fn appended(before: Vec<u8>, lines: &str) -> Vec<u8> {
    let mut text = before;
    if text.last().is_some_and(|&b| b != b'\n') {
        text.push(b'\n');
    }
    text.extend_from_slice(lines.as_bytes());
    text
}

/// The certificates of `certs` the bundle made: an existing CA's is only
/// carried.
fn made(certs: &[BundleCert], source: CaSource) -> impl Iterator<Item = &BundleCert> {
    let skip = usize::from(source == CaSource::Existing);
    certs.iter().skip(skip)
}

#[cfg(test)]
mod tests {
    use crate::bundle::tests_support::{issued, one_of_each, plain};
    use crate::import::inventory::{self, FILE_NAME};
    use crate::pki::CertRole;
    use crate::plan::PlanRequest;

    #[test]
    fn a_new_bundle_keeps_every_certificate_it_made_beside_the_ca_key() {
        let b = plain(&PlanRequest {
            bundle_name: Some("docker-tls.zip".into()),
            ..one_of_each()
        });
        let file = b.file(&format!("ca/{FILE_NAME}")).unwrap();
        assert_eq!(file.mode(), 0o644);
        let inv = inventory::read(b.contents(&file.path).unwrap());
        assert!(inv.is_whole(), "{:?}", inv.problems);
        let ca = b.ca().unwrap();
        let read: Vec<_> = inv.records.iter().map(|e| &e.record).collect();
        assert_eq!(read.len(), b.certificates.len());
        for (r, c) in read.iter().zip(&b.certificates) {
            assert_eq!(
                (r.serial.as_str(), r.role),
                (c.info.serial.as_str(), c.info.role)
            );
            assert_eq!(r.sha256, c.info.fingerprint_sha256);
            assert_eq!(r.ca_sha256, ca.fingerprint_sha256);
            assert_eq!(
                (r.not_before, r.not_after),
                (c.info.not_before, c.info.not_after)
            );
            assert_eq!(r.bundle.as_deref(), Some("docker-tls.zip"));
            assert_eq!(r.made, b.created);
        }
        assert_eq!(
            b.inventory_lines().as_bytes(),
            b.contents(&file.path).unwrap()
        );
        assert_eq!(b.certificates_made(), 3);
    }

    #[test]
    fn an_existing_cas_bundle_lists_only_its_leaves_and_carries_no_inventory() {
        let b = issued(&one_of_each());
        assert!(b.file(&format!("ca/{FILE_NAME}")).is_none());
        let inv = inventory::read(b.inventory_lines().as_bytes());
        let roles: Vec<CertRole> = inv.records.iter().map(|e| e.record.role).collect();
        assert_eq!(roles, [CertRole::Server, CertRole::Client]);
        assert_eq!(b.certificates_made(), 2);
        assert_eq!(inv.records[0].record.bundle, None);
    }

    #[test]
    fn an_inventory_handed_in_comes_back_with_the_bundles_lines_appended() {
        let first = plain(&one_of_each());
        let before = first.contents("ca/inventory.jsonl").unwrap().to_vec();
        let (cert, key) = (first.contents("ca/ca.pem"), first.contents("ca/ca-key.pem"));
        let now = crate::bundle::tests_support::now();
        let ca = crate::import::import_ca(cert.unwrap(), key.unwrap(), None, now).unwrap();
        // A last line cut short stays its own line.
        let mut cut = before.clone();
        cut.extend_from_slice(b"{\"v\":1,\"ser");
        let request = PlanRequest {
            clients: vec!["bob".into()],
            purpose: crate::plan::Purpose::ExistingCa,
            ..PlanRequest::default()
        };
        let plan = crate::plan::Plan::from_request(&request, now.date()).unwrap();
        for (given, lines_before) in [(Vec::new(), 0), (before.clone(), 3), (cut.clone(), 4)] {
            use rand_core::SeedableRng;
            let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(3);
            let key = crate::pki::PrivateKey::generate(plan.key_type, &mut rng).unwrap();
            let leaves = crate::bundle::LeafKeys::from_slots(&plan, vec![key]).unwrap();
            let ca = ca.clone().with_inventory(given.clone());
            let b = crate::bundle::build_issued(&plan, ca, leaves, now, &mut rng).unwrap();
            let back = b.contents("ca/inventory.jsonl").unwrap();
            assert!(back.starts_with(&given));
            let read = inventory::read(back);
            assert_eq!(read.records.len() + read.problems.len(), lines_before + 1);
            let last = &read.records.last().unwrap().record;
            assert_eq!((last.role, last.name.as_str()), (CertRole::Client, "bob"));
            let readme = String::from_utf8(b.contents("README.txt").unwrap().to_vec()).unwrap();
            assert!(readme.contains("in place of the one given"), "{readme}");
        }
    }
}
