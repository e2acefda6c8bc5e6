//! manifest.json: every file with its mode and SHA-256, every certificate
//! with its subject, SANs, serial, fingerprint and validity, the tool's
//! version and the CA fingerprint. It lets a reviewer check a copied bundle
//! file by file, and lets `dockcert inspect` compare what is installed.

use super::contents::{Bundle, CaSource, FileFacts};
use super::error::BundleError;
use crate::pki::CertInfo;
use serde::Serialize;

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

/// A file as the manifest lists it: path, kind, mode, size and SHA-256,
/// written straight from its facts (a fleet's manifest lists 100,000 files).
struct ManifestFile<'a>(&'a FileFacts);

impl Serialize for ManifestFile<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let f = self.0;
        let mut st = serializer.serialize_struct("ManifestFile", 5)?;
        st.serialize_field("path", &f.path)?;
        st.serialize_field("kind", &f.kind)?;
        st.serialize_field("mode", &Shown(format_args!("{:04o}", f.mode())))?;
        st.serialize_field("size", &f.size)?;
        st.serialize_field("sha256", &Shown(Hex(&f.sha256)))?;
        st.end()
    }
}

/// Serialises as the string its `Display` writes, without a `String`.
struct Shown<T>(T);

impl<T: std::fmt::Display> Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// Bytes in lower-case hex.
struct Hex<'a>(&'a [u8]);

impl std::fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

#[derive(Serialize)]
struct ManifestCert<'a> {
    path: &'a str,
    #[serde(flatten)]
    info: &'a CertInfo,
}

/// manifest.json for the bundle `about` (its files not listed yet), listing
/// `readme` and then `files` (everything but the manifest).
pub(crate) fn render(
    about: &Bundle,
    readme: &FileFacts,
    files: &[FileFacts],
) -> Result<String, BundleError> {
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
        files: std::iter::once(readme)
            .chain(files)
            .map(ManifestFile)
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
    // Sized up front: a fleet's manifest is tens of megabytes.
    let mut text =
        Vec::with_capacity(300 * manifest.files.len() + 1200 * manifest.certificates.len());
    serde_json::to_writer_pretty(&mut text, &manifest)
        .map_err(|e| BundleError::Manifest(e.to_string()))?;
    text.push(b'\n');
    let text = String::from_utf8(text).map_err(|e| BundleError::Manifest(e.to_string()))?;
    // serde_json escapes control characters; format characters too.
    Ok(crate::show::json(text))
}
