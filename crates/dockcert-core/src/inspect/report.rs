//! What inspect says: every file with what it is, and every finding with
//! its severity, its fix and a one-line verdict.

use serde::Serialize;
use time::OffsetDateTime;

use crate::lang::Lang;

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

    /// Whether anything was read at all: a report on no file is no verdict.
    pub fn checked_anything(&self) -> bool {
        !self.files.is_empty()
    }

    /// The one-line verdict: "All is well: 3 files checked." or "2 errors, 1 warning."
    pub fn verdict(&self, lang: Lang) -> String {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let (files, errors, warnings) = (self.files.len(), self.errors, self.warnings);
        if !self.checked_anything() {
            return match lang {
                Lang::En => "Nothing was checked: no file could be read.".into(),
                Lang::Zh => "没有检查任何内容：没有可读取的文件。".into(),
            };
        }
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

impl Report {
    /// Every text taken from the files, made safe to show: each field is
    /// one line of the report, so a newline, tab or escape in it (a file
    /// name, a subject) is written out and cannot start a line of its own.
    pub(crate) fn made_safe(mut self) -> Self {
        let safe = |s: &mut String| {
            if let std::borrow::Cow::Owned(shown) = crate::show::safe(s) {
                *s = shown;
            }
        };
        for f in &mut self.files {
            safe(&mut f.path);
            safe(&mut f.kind);
            f.details.iter_mut().for_each(safe);
        }
        for f in &mut self.findings {
            f.file.iter_mut().for_each(safe);
            safe(&mut f.message);
            f.fix.iter_mut().for_each(safe);
        }
        self
    }
}

/// Collects findings.
#[derive(Default)]
pub(crate) struct Findings(pub(crate) Vec<Finding>);

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
