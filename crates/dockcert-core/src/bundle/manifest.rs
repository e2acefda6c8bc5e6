//! manifest.json: every file with its mode and SHA-256, every certificate
//! with its subject, SANs, serial, fingerprint and validity, the tool's
//! version and the CA fingerprint. It lets a reviewer check a copied bundle
//! file by file, and lets `dockcert inspect` compare what is installed.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::contents::{BundleFile, CaSource, Described};
use super::error::BundleError;
use super::layout::{self, FileKind};
use crate::pki::{self, CertInfo};

#[derive(Serialize)]
struct Manifest<'a> {
    tool: &'static str,
    version: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    created: time::OffsetDateTime,
    key_type: &'static str,
    ca_name: &'a str,
    ca_fingerprint_sha256: &'a str,
    /// "encrypted", "unencrypted", or "not included" (an existing CA's).
    ca_key: &'static str,
    files: Vec<ManifestFile<'a>>,
    certificates: Vec<ManifestCert<'a>>,
}

#[derive(Serialize)]
struct ManifestFile<'a> {
    path: &'a str,
    kind: FileKind,
    mode: String,
    size: usize,
    sha256: String,
}

#[derive(Serialize)]
struct ManifestCert<'a> {
    path: &'a str,
    #[serde(flatten)]
    info: &'a CertInfo,
}

/// manifest.json for the bundle `about`, hashing `files` (everything but
/// the manifest).
pub(crate) fn render(about: &Described<'_>, files: &[BundleFile]) -> Result<String, BundleError> {
    let ca = about.ca();
    let manifest = Manifest {
        tool: "dockcert",
        version: crate::VERSION,
        created: about.created,
        key_type: about.plan.key_type.as_str(),
        // The CA's own name: an existing CA's is not the plan's default.
        ca_name: ca.map_or(about.plan.ca_name.as_str(), |c| c.name.as_str()),
        ca_fingerprint_sha256: ca
            .map(|c| c.fingerprint_sha256.as_str())
            .unwrap_or_default(),
        ca_key: match about.ca_source {
            CaSource::New { encrypted: true } => "encrypted",
            CaSource::New { encrypted: false } => "unencrypted",
            CaSource::Existing => "not included",
        },
        files: files
            .iter()
            .map(|f| ManifestFile {
                path: &f.path,
                kind: f.kind,
                mode: layout::mode_text(f.mode()),
                size: f.contents.len(),
                sha256: pki::lower_hex(&Sha256::digest(f.contents.as_slice())),
            })
            .collect(),
        certificates: about
            .certificates
            .iter()
            .map(|c| ManifestCert {
                path: &c.path,
                info: &c.info,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| BundleError::Manifest(e.to_string()))?;
    text.push('\n');
    // serde_json escapes control characters; format characters too.
    Ok(crate::show::json(text))
}
