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
}
