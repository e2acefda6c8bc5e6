//! The host's expiry check (issue 25): `dockcert-expiry-check`, a POSIX
//! shell script that install.sh `--expiry-check` puts in /usr/local/sbin,
//! with a systemd service and timer and a cron line that run it daily (the
//! three carried in install.sh, the same on every host, so a fleet's bundle
//! holds two more files per host, not five), and `certificates.tsv`, what it
//! knows of each certificate install.sh puts in place. The check needs no dockcert on the host: it reads each end from
//! that file, and reads a file again with openssl only when its SHA-256 is
//! no longer the one installed.

use std::fmt::Write;

use sha2::Digest;

use super::install::{fill, worded};
use crate::lang::Lang;
use crate::pki::{lower_hex, CertInfo, CertRole};
use crate::plan::ServerSpec;

/// Where install.sh puts `certificates.tsv` on the host (the check's own
/// default).
pub const CHECK_DATA_PATH: &str = "/etc/dockcert/certificates.tsv";

/// The check script for `server`, its messages in `lang`.
pub fn expiry_check_script(server: &ServerSpec, lang: Lang) -> String {
    fill(
        &worded(lang).check,
        &[("@NAME@", &server.name), ("@VERSION@", crate::VERSION)],
    )
}

/// One certificate install.sh puts on the host: its `name` in the host's
/// install folder, the file's bytes as installed, and its facts.
pub struct Installed<'a> {
    /// The file's name in the install folder (`ca.pem`).
    pub file: &'a str,
    /// The file's bytes, as install.sh copies them.
    pub bytes: &'a [u8],
    /// The certificate's facts.
    pub info: &'a CertInfo,
}

/// `certificates.tsv`: a header line, then one line per certificate, its
/// fields parted by tabs: path on the host, SHA-256 of the file (lower-case
/// hex, as sha256sum prints it), notAfter as Unix time, role (as `dockcert
/// expiry` names it), name, serial (upper-case hex) and SHA-256 of the
/// certificate (`AB:CD:...`). Names and paths were checked by the plan to
/// hold no tab or line break.
pub fn expiry_check_data(server: &ServerSpec, installed: &[Installed<'_>]) -> String {
    let mut t = String::from(
        "# path\tfile-sha256\tnot-after\trole\tname\tserial\tsha256 (dockcert-expiry-check)\n",
    );
    for i in installed {
        let role = match i.info.role {
            CertRole::Ca => "ca",
            CertRole::Server => "server",
            CertRole::Client => "client",
        };
        let hex = lower_hex(&sha2::Sha256::digest(i.bytes));
        let _ = writeln!(
            t,
            "{}/{}\t{hex}\t{}\t{role}\t{}\t{}\t{}",
            server.install_dir.trim_end_matches('/'),
            i.file,
            i.info.not_after.unix_timestamp(),
            one_line(&i.info.name),
            i.info.serial,
            i.info.fingerprint_sha256,
        );
    }
    t
}

/// `text` with tabs and line breaks made spaces, so a field stays one field.
fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    #[test]
    fn the_check_is_filled_and_its_units_ride_in_install_sh() {
        let server = server("docker1", &["docker1"]);
        for lang in [Lang::En, Lang::Zh] {
            let script = expiry_check_script(&server, lang);
            assert!(script.starts_with("#!/bin/sh\n# dockcert-expiry-check"));
            assert!(script.contains("docker1"));
            for placeholder in ["@NAME@", "@VERSION@", "@say:"] {
                assert!(!script.contains(placeholder), "{placeholder}");
            }
            // The units and the cron line ride in install.sh.
            let install = super::super::server_script(&server, None, lang);
            for line in ["\nPersistent=true\n", "\nType=oneshot\n", "* * * root "] {
                assert!(install.contains(line), "{line}");
            }
        }
    }
}
