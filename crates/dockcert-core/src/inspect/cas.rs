//! The CAs given to inspect, found by folder and by subject, each with
//! what checking a signature with its key costs: where [`super::chain`]
//! looks for a leaf's roots, at most [`CANDIDATES`] of one name.

use std::collections::HashMap;

use x509_parser::prelude::{FromDer, SubjectPublicKeyInfo, X509Certificate};

use super::budget::signature_units;
use super::input::dir_name;
use super::material::{CertEntry, Material, Role};
use super::verify::{self, Scheme};

/// The most CAs, or leaves, one finding names; the rest are counted.
pub(super) const NAMED: usize = 3;

/// The most CAs of one name handed to the judge as roots for a leaf.
pub(super) const CANDIDATES: usize = 4;

/// The CAs found, by folder and by subject (indices into `all`).
pub(super) struct Cas<'a> {
    pub(super) all: Vec<&'a CertEntry>,
    /// What checking a signature with each CA's key costs ([`Budget`]);
    /// 0 for a CA whose key cannot be read (nothing is checked with it).
    pub(super) units: Vec<u64>,
    in_dir: HashMap<&'a str, Vec<&'a CertEntry>>,
    /// The first [`NAMED`] of `in_dir`'s, by index.
    pub(super) first_in_dir: HashMap<&'a str, Vec<usize>>,
    by_subject: HashMap<&'a [u8], Vec<usize>>,
    by_dir_subject: HashMap<(&'a str, &'a [u8]), Vec<usize>>,
}

impl<'a> Cas<'a> {
    pub(super) fn of(material: &'a Material) -> Self {
        let mut cas = Cas {
            all: Vec::new(),
            units: Vec::new(),
            in_dir: HashMap::new(),
            first_in_dir: HashMap::new(),
            by_subject: HashMap::new(),
            by_dir_subject: HashMap::new(),
        };
        for ca in material.certs.iter().filter(|c| c.role == Some(Role::Ca)) {
            let dir = dir_name(&ca.path);
            let i = cas.all.len();
            cas.all.push(ca);
            cas.units
                .push(spki_of(ca).map_or(0, |spki| units_of(&spki)));
            cas.in_dir.entry(dir).or_default().push(ca);
            let first = cas.first_in_dir.entry(dir).or_default();
            if first.len() < NAMED {
                first.push(i);
            }
            for named in [
                cas.by_subject.entry(&ca.subject_raw).or_default(),
                cas.by_dir_subject
                    .entry((dir, &ca.subject_raw))
                    .or_default(),
            ] {
                if named.len() < CANDIDATES {
                    named.push(i);
                }
            }
        }
        cas
    }

    /// Whether the leaves in `dir` are judged against the CAs beside them
    /// (`Some(dir)`) or against all (`None`), and whether there is any.
    pub(super) fn near(&self, dir: &'a str) -> (Option<&'a str>, bool) {
        match self.in_dir.contains_key(dir) {
            true => (Some(dir), true),
            false => (None, !self.all.is_empty()),
        }
    }

    /// The CAs (of those `near`) whose subject is `issuer`.
    pub(super) fn named<'s>(&'s self, near: Option<&'s str>, issuer: &'s [u8]) -> &'s [usize] {
        let found = match near {
            Some(dir) => self.by_dir_subject.get(&(dir, issuer)),
            None => self.by_subject.get(issuer),
        };
        found.map_or(&[], Vec::as_slice)
    }

    /// Whether the CA `i`'s key made `leaf`'s signature, checked as Go
    /// checks it ([`verify::signed_by`], every key Go takes); `None` for a
    /// scheme it does not check that way (SHA-1, MD5, RSA-PSS), which is
    /// never taken for another CA's signature.
    pub(super) fn signed(&self, leaf: &[u8], i: usize) -> Option<bool> {
        let ca = self.all.get(i)?;
        let (_, ca_cert) = X509Certificate::from_der(ca.der.as_deref()?).ok()?;
        let (_, leaf) = X509Certificate::from_der(leaf).ok()?;
        let scheme = match leaf.signature_algorithm.algorithm.to_id_string().as_str() {
            "1.2.840.113549.1.1.11" => Scheme::RsaPkcs1 { hash_bits: 256 },
            "1.2.840.113549.1.1.12" => Scheme::RsaPkcs1 { hash_bits: 384 },
            "1.2.840.113549.1.1.13" => Scheme::RsaPkcs1 { hash_bits: 512 },
            "1.2.840.10045.4.3.2" => Scheme::Ecdsa { hash_bits: 256 },
            "1.2.840.10045.4.3.3" => Scheme::Ecdsa { hash_bits: 384 },
            "1.2.840.10045.4.3.4" => Scheme::Ecdsa { hash_bits: 512 },
            "1.3.101.112" => Scheme::Ed25519,
            _ => return None,
        };
        Some(verify::signed_by(
            ca_cert.public_key().raw,
            scheme,
            leaf.tbs_certificate.as_ref(),
            &leaf.signature_value.data,
        ))
    }

    /// The CAs beside `dir`'s leaves, or all.
    pub(super) fn pool(&self, dir: Option<&str>) -> &[&'a CertEntry] {
        dir.and_then(|d| self.in_dir.get(d))
            .map_or(&self.all, |near| near)
    }
}

/// What checking a signature with `spki` costs.
fn units_of(spki: &SubjectPublicKeyInfo<'_>) -> u64 {
    let curve = spki.algorithm.parameters.as_ref();
    let curve = curve
        .and_then(|p| p.as_oid().ok())
        .map(|o| o.to_id_string());
    signature_units((
        &spki.algorithm.algorithm.to_id_string(),
        curve.as_deref(),
        spki.subject_public_key.data.len(),
    ))
}

/// A CA's public key, read from its certificate.
fn spki_of(ca: &CertEntry) -> Option<SubjectPublicKeyInfo<'_>> {
    let der = ca.der.as_deref()?;
    X509Certificate::from_der(der)
        .ok()
        .map(|(_, c)| c.tbs_certificate.subject_pki)
}
