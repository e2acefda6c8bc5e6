//! One certificate the CA issued, and its line in `inventory.jsonl`.

use serde::Serialize;
use time::OffsetDateTime;

use crate::pki::CertRole;

/// The schema's version, the `"v"` of every line.
pub const VERSION: u64 = 1;

/// One certificate the CA issued, as its line records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Its serial number in upper-case hex, as `openssl x509 -serial` prints it.
    pub serial: String,
    /// What it is for.
    pub role: CertRole,
    /// The host's, client's or CA's name.
    pub name: String,
    /// Its subject, as `CN=...` (or `C=..., O=..., OU=..., CN=...`).
    pub subject: String,
    /// Its subjectAltNames, as text.
    pub sans: Vec<String>,
    /// Its key's type (`ecdsa-p256`, `rsa-4096`...).
    pub key_type: String,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// End of validity.
    pub not_after: OffsetDateTime,
    /// SHA-256 of its DER, `AB:CD:...`, as `openssl x509 -fingerprint -sha256` prints it.
    pub sha256: String,
    /// SHA-256 of the DER of the CA certificate that signed it (its own for the CA).
    pub ca_sha256: String,
    /// The zip or folder it went into, as the face named it; `None` when unnamed.
    pub bundle: Option<String>,
    /// When that bundle was made.
    pub made: OffsetDateTime,
}

/// A line as written: the keys in this order, times twice (RFC 3339 UTC
/// and Unix seconds).
#[derive(Serialize)]
struct Line<'a> {
    v: u64,
    serial: &'a str,
    role: CertRole,
    name: &'a str,
    subject: &'a str,
    sans: &'a [String],
    key_type: &'a str,
    not_before: String,
    not_before_unix: i64,
    not_after: String,
    not_after_unix: i64,
    sha256: &'a str,
    ca_sha256: &'a str,
    bundle: Option<&'a str>,
    made: String,
    made_unix: i64,
}

impl Record {
    /// Its line, ending in `\n`: one JSON object (no newline inside, as
    /// JSON escapes every control character in a string).
    pub fn line(&self) -> String {
        let line = Line {
            v: VERSION,
            serial: &self.serial,
            role: self.role,
            name: &self.name,
            subject: &self.subject,
            sans: &self.sans,
            key_type: &self.key_type,
            not_before: rfc3339(self.not_before),
            not_before_unix: self.not_before.unix_timestamp(),
            not_after: rfc3339(self.not_after),
            not_after_unix: self.not_after.unix_timestamp(),
            sha256: &self.sha256,
            ca_sha256: &self.ca_sha256,
            bundle: self.bundle.as_deref(),
            made: rfc3339(self.made),
            made_unix: self.made.unix_timestamp(),
        };
        // A struct of strings, numbers and a list of strings always serializes.
        let mut text = serde_json::to_string(&line).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// `t` in UTC to the second, as RFC 3339 (`2027-11-23T09:00:00Z`).
pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
