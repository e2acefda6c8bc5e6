//! `dockcert inspect`: what each file is, and what is wrong, in the words
//! docker and dockerd would use when it breaks.
//!
//! Input is a set of files (path, bytes, Unix mode when known) from a
//! certificate, a folder or a bundle zip; output is a [`Report`]: a summary of
//! every file and a list of findings, each an error (docker or dockerd will
//! fail, or the setup is unsafe) or a warning (works, but watch it).
//! [`explain`] says what docker's and dockerd's error messages mean.
//!
//! Uses [`crate::import`] (reading certificates and keys) and
//! [`crate::bundle`] (the layout and modes a bundle promises). A new finding
//! goes in the check for what it is about: `certs.rs`, `chain.rs`,
//! `keys.rs`, `daemon.rs` or `manifest.rs`.

mod certs;
mod chain;
mod daemon;
pub mod explain;
mod input;
mod keys;
mod manifest;
mod material;

use serde::Serialize;
use time::OffsetDateTime;

use crate::lang::Lang;

pub use input::{
    is_zip, limit_for, read_zip, Gathered, InputFile, InspectError, SkipReason, Skipped, MAX_FILE,
    MAX_UNPACKED, MAX_ZIP,
};

/// What to check for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// A name or address clients use to reach the host: every server
    /// certificate must cover it.
    pub host: Option<String>,
    /// The time to judge validity at.
    pub now: OffsetDateTime,
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Works, but watch it.
    Warning,
    /// docker or dockerd will fail, or the setup is unsafe.
    Error,
}

/// One problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// A stable name for the problem, like `server-no-san`.
    pub code: &'static str,
    /// The file it is about.
    pub file: Option<String>,
    /// What is wrong, in plain words (with docker's own message where there is one).
    pub message: String,
    /// What to do about it.
    pub fix: Option<String>,
}

/// What one file is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileSummary {
    /// Its path.
    pub path: String,
    /// What it is: "CA certificate", "server certificate", "private key", ...
    pub kind: String,
    /// Its mode, as "0400", when known.
    pub mode: Option<String>,
    /// Facts: subject, SANs, usage, expiry, fingerprint, key type.
    pub details: Vec<String>,
}

/// The whole result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Every file, in input order.
    pub files: Vec<FileSummary>,
    /// Every problem, errors first.
    pub findings: Vec<Finding>,
    /// How many errors.
    pub errors: usize,
    /// How many warnings.
    pub warnings: usize,
}

impl Report {
    /// Whether all is well (no errors; warnings allowed).
    pub fn ok(&self) -> bool {
        self.errors == 0
    }

    /// The one-line verdict: "All is well: 3 files checked." or "2 errors, 1 warning."
    pub fn verdict(&self, lang: Lang) -> String {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let (files, errors, warnings) = (self.files.len(), self.errors, self.warnings);
        match (self.ok() && warnings == 0, lang) {
            (true, Lang::En) => format!("All is well: {files} file{} checked.", s(files)),
            (true, Lang::Zh) => format!("一切正常：已检查 {files} 个文件。"),
            (false, Lang::En) => format!(
                "{errors} error{}, {warnings} warning{}.",
                s(errors),
                s(warnings)
            ),
            (false, Lang::Zh) => format!("{errors} 个错误，{warnings} 个警告。"),
        }
    }
}

/// Collects findings.
#[derive(Default)]
pub(crate) struct Findings(Vec<Finding>);

impl Findings {
    pub(crate) fn error(
        &mut self,
        code: &'static str,
        file: Option<&str>,
        message: String,
        fix: Option<String>,
    ) {
        self.push(Severity::Error, code, file, message, fix);
    }

    pub(crate) fn warning(
        &mut self,
        code: &'static str,
        file: Option<&str>,
        message: String,
        fix: Option<String>,
    ) {
        self.push(Severity::Warning, code, file, message, fix);
    }

    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        file: Option<&str>,
        message: String,
        fix: Option<String>,
    ) {
        self.0.push(Finding {
            severity,
            code,
            file: file.map(str::to_owned),
            message,
            fix,
        });
    }
}

/// Inspects `files`.
pub fn inspect(files: &[InputFile], options: &Options) -> Report {
    let mut findings = Findings::default();
    let mut summaries: Vec<FileSummary> = files
        .iter()
        .map(|f| FileSummary {
            path: f.path.clone(),
            kind: "other".into(),
            mode: f.mode.map(crate::bundle::layout::mode_text),
            details: Vec::new(),
        })
        .collect();
    let (material, hints) = certs::collect(files, options, &mut summaries, &mut findings);
    chain::check(&material, &mut findings);
    keys::pairs(&material, &hints, files, &mut summaries, &mut findings);
    daemon::check(files, &mut summaries, &mut findings);
    manifest::check(files, &mut findings);
    manifest::name_kinds(&mut summaries);
    let mut list = findings.0;
    list.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let errors = list
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = list.len() - errors;
    Report {
        files: summaries,
        findings: list,
        errors,
        warnings,
    }
}

/// The last path component.
pub(crate) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder part of a path ("" at the top).
pub(crate) fn dir_name(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::tests_support::{now, one_of_each, plain};
    use crate::bundle::Bundle;

    fn files_of(b: &Bundle, top: &str) -> Vec<InputFile> {
        b.files
            .iter()
            .map(|f| InputFile {
                path: format!("{top}{}", f.path),
                bytes: f.contents.to_vec(),
                mode: Some(f.mode()),
            })
            .collect()
    }

    fn options(host: Option<&str>) -> Options {
        Options {
            host: host.map(str::to_owned),
            now: now(),
        }
    }

    fn codes(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_healthy_bundle_has_no_finding_but_its_unencrypted_ca_key() {
        let b = plain(&one_of_each());
        let report = inspect(&files_of(&b, "docker-tls/"), &options(Some("10.0.0.5")));
        assert_eq!(codes(&report), ["ca-key-unencrypted"]);
        assert!(report.ok());
        let kind = |path: &str| {
            report
                .files
                .iter()
                .find(|f| f.path == format!("docker-tls/{path}"))
                .unwrap()
                .kind
                .clone()
        };
        assert_eq!(kind("ca/ca.pem"), "CA certificate");
        assert_eq!(
            kind("server/docker1.example.com/server-cert.pem"),
            "server certificate"
        );
        assert_eq!(kind("client/alice/key.pem"), "private key (ecdsa-p256)");
        assert_eq!(
            kind("server/docker1.example.com/daemon.json"),
            "daemon.json"
        );
        assert_eq!(kind("README.txt"), "bundle README");
    }

    #[test]
    fn a_certificate_signing_request_is_not_a_certificate() {
        let csr = include_bytes!("../../tests/fixtures/recipe-server.csr");
        let report = inspect(
            &[InputFile {
                path: "server.csr".into(),
                bytes: csr.to_vec(),
                mode: None,
            }],
            &options(None),
        );
        assert_eq!(report.files[0].kind, "certificate signing request");
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }

    #[test]
    fn wrong_host_readable_key_and_changed_file_are_found() {
        let b = plain(&one_of_each());
        let mut files = files_of(&b, "");
        let key = files
            .iter_mut()
            .find(|f| f.path == "client/alice/key.pem")
            .unwrap();
        key.mode = Some(0o644);
        let env = files
            .iter_mut()
            .find(|f| f.path == "client/alice/docker.env")
            .unwrap();
        env.bytes
            .extend_from_slice(b"export DOCKER_HOST=tcp://evil:2376\n");
        let report = inspect(&files, &options(Some("docker9.example.com")));
        let found = codes(&report);
        for code in ["host-not-covered", "key-readable", "changed-since-made"] {
            assert!(found.contains(&code), "{code} missing from {found:?}");
        }
        assert!(!report.ok());
        assert_eq!(report.verdict(Lang::En), "2 errors, 2 warnings.");
        let readable = report
            .findings
            .iter()
            .find(|f| f.code == "key-readable")
            .unwrap();
        assert_eq!(readable.fix.as_deref(), Some("chmod 0400 key.pem"));
    }

    #[test]
    fn a_zip_is_gathered_and_a_large_file_is_skipped_not_ignored() {
        let b = plain(&one_of_each());
        let zip = crate::bundle::archive::to_zip(&b, "docker-tls").unwrap();
        let mut gathered = Gathered::default();
        gathered.add("docker-tls.zip", Ok(zip), None);
        gathered.add(
            "big.pem",
            Ok(vec![b'x'; MAX_FILE as usize + 1]),
            Some(0o644),
        );
        gathered.add("gone.pem", Err("No such file or directory".into()), None);
        assert_eq!(gathered.files.len(), b.files.len());
        let skipped: Vec<String> = gathered.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(
            skipped,
            [
                "\"big.pem\": it is 1048577 bytes, larger than the 1024 KiB dockcert reads for it",
                "\"gone.pem\": cannot read it: No such file or directory"
            ]
        );
        let mut broken = Gathered::default();
        broken.add("broken.zip", Ok(b"PK\x03\x04 not really".to_vec()), None);
        assert!(matches!(
            broken.skipped[0].reason,
            SkipReason::Zip(InspectError::NotAZip(_))
        ));
    }
}
