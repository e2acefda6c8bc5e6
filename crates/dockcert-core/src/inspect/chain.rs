//! Chains: each leaf was issued, and signed, by the CA beside it.

use x509_parser::prelude::{FromDer, X509Certificate};

use super::input::dir_name;
use super::material::{CertEntry, Material, Role};
use super::report::Findings;

pub(super) fn check(material: &Material, findings: &mut Findings) {
    let cas: Vec<&CertEntry> = material
        .certs
        .iter()
        .filter(|c| c.role == Some(Role::Ca))
        .collect();
    for leaf in material.certs.iter().filter(|c| c.role != Some(Role::Ca)) {
        let near: Vec<&&CertEntry> = cas
            .iter()
            .filter(|ca| dir_name(&ca.path) == dir_name(&leaf.path))
            .collect();
        let pool: Vec<&CertEntry> = if near.is_empty() {
            cas.clone()
        } else {
            near.into_iter().copied().collect()
        };
        if leaf.issuer_raw == leaf.subject_raw {
            findings.error(
                "self-signed",
                Some(&leaf.path),
                format!("{} is self-signed: no CA vouches for it (docker: \"x509: certificate signed by unknown authority\")", leaf.path),
                Some("issue it from the CA with dockcert issue".into()),
            );
            continue;
        }
        if pool.is_empty() {
            continue;
        }
        let Some(ca) = pool.iter().find(|ca| ca.subject_raw == leaf.issuer_raw) else {
            let names: Vec<String> = pool
                .iter()
                .map(|c| format!("{} ({})", c.path, c.subject))
                .collect();
            findings.error(
                "other-ca",
                Some(&leaf.path),
                format!(
                    "{} was issued by \"{}\", not by {}: verifiers will say \"x509: certificate signed by unknown authority\" (or dockerd: \"remote error: tls: bad certificate\")",
                    leaf.path,
                    leaf.issuer,
                    names.join(", ")
                ),
                Some("use the CA that signed it, or issue it again from this CA".into()),
            );
            continue;
        };
        if !signed_by(&leaf.der, &ca.der) {
            findings.error(
                "other-ca",
                Some(&leaf.path),
                format!(
                    "{} names \"{}\" as its issuer, but {}'s key did not sign it (another CA with the same name): \"x509: certificate signed by unknown authority\"",
                    leaf.path, leaf.issuer, ca.path
                ),
                Some("use the CA that signed it, or issue it again from this CA".into()),
            );
        }
    }
}

fn signed_by(leaf: &[u8], ca: &[u8]) -> bool {
    let (Ok((_, leaf)), Ok((_, ca))) = (
        X509Certificate::from_der(leaf),
        X509Certificate::from_der(ca),
    ) else {
        return false;
    };
    leaf.verify_signature(Some(ca.public_key())).is_ok()
}
