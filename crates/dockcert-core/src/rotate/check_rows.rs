//! What the host's expiry check (issue 25) knows after each phase of a
//! rotation: for each phase, the rows of `certificates.tsv` for the files
//! that phase installs, in its own format ([`crate::docker::expiry_check_data`]).
//! The host's install.sh --phase N and ansible/rotate.yml put them in the
//! host's /etc/dockcert/certificates.tsv in place of the rows for the same
//! paths, so the check knows both CAs of ca-both.pem, and reads no file
//! again with openssl.

use crate::docker::{expiry_check_data, Installed};
use crate::pki::CertInfo;
use crate::plan::ServerSpec;

/// The CA files of a rotation: ca-both.pem (the old CA, then the new) and
/// the new CA alone, with what each certificate is.
pub(super) struct RotationCas<'a> {
    /// ca-both.pem's bytes.
    pub(super) both: &'a str,
    /// The new CA's PEM (ca.pem of phase 3).
    pub(super) new_pem: &'a str,
    /// The old CA.
    pub(super) old: &'a CertInfo,
    /// The new CA.
    pub(super) new: &'a CertInfo,
}

/// `certificates-phase1.tsv` to `-phase3.tsv` of `server`, whose new
/// certificate is `cert_pem` (`cert`): phase 1's ca.pem is ca-both.pem, so
/// two rows for one path (the old CA, the new), both with that file's
/// SHA-256; phase 2's server-cert.pem; phase 3's ca.pem, the new CA alone.
/// The key has no row: the check reads certificates only.
pub(super) fn phase_rows(
    server: &ServerSpec,
    cas: &RotationCas<'_>,
    (cert_pem, cert): (&str, &CertInfo),
) -> [String; 3] {
    fn row<'a>(file: &'a str, bytes: &'a str, info: &'a CertInfo) -> Installed<'a> {
        Installed {
            file,
            bytes: bytes.as_bytes(),
            info,
        }
    }
    [
        expiry_check_data(
            server,
            &[
                row("ca.pem", cas.both, cas.old),
                row("ca.pem", cas.both, cas.new),
            ],
        ),
        expiry_check_data(server, &[row("server-cert.pem", cert_pem, cert)]),
        expiry_check_data(server, &[row("ca.pem", cas.new_pem, cas.new)]),
    ]
}
