//! What inspect says: every file with what it is, and every finding with
//! its severity, its fix and a one-line verdict.

use std::collections::HashMap;

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use time::OffsetDateTime;

use super::file_kind::{Detail, Kind};
use super::problem::Problem;
use super::severity::Severity;
use crate::lang::{Lang, Localized};
use crate::show;

/// What to check for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// A name or address clients use to reach the host: its server
    /// certificates must cover it. With several hosts' certificates, only
    /// those of that host (in its folder `server/NAME/`, or naming it as Go
    /// matches) are judged against it; the others, on their own names, are
    /// listed in one `host-skipped` warning.
    pub host: Option<String>,
    /// The time to judge validity at.
    pub now: OffsetDateTime,
}

/// One problem found: its facts ([`Problem`]), and what scripts match on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// A stable name for the problem, like `server-no-san`.
    pub code: &'static str,
    /// The file it is about, made safe to show.
    pub file: Option<String>,
    /// What was found, with its facts as read.
    pub problem: Problem,
    /// When docker refuses a chain for it: what docker prints, exactly as
    /// the judge ([`super::verify`]) words it (for a client's certificate,
    /// what dockerd logs).
    pub docker: Option<String>,
    /// For a client's certificate dockerd refuses: the TLS alert the docker
    /// client then prints.
    pub client_sees: Option<ClientSees>,
}

/// What the docker client prints when dockerd refuses its certificate: the
/// TLS alert dockerd sends. A dockerd built with Go before 1.21 (docker 24
/// and older) always sends `bad certificate`; a newer one (Go's
/// `processCertsFromClient`) sends `unknown certificate authority` for an
/// unknown authority, `expired certificate` for a date, `bad certificate`
/// for the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientSees {
    /// The alert a dockerd 25 or later sends.
    pub newer: &'static str,
}

impl ClientSees {
    /// What the docker client prints against a dockerd 24 or older.
    pub const OLDER: &'static str = "remote error: tls: bad certificate";
}

impl Finding {
    pub(crate) fn of(problem: Problem) -> Self {
        Finding {
            severity: problem.severity(),
            code: problem.code(),
            file: problem.file().map(str::to_owned),
            problem,
            docker: None,
            client_sees: None,
        }
    }

    /// What is wrong, in plain words in `lang` (with docker's own message
    /// where there is one), every value from the files made safe to show.
    /// A refusal's words end with docker's exact ones when they do not
    /// quote them already.
    pub fn message(&self, lang: Lang) -> String {
        let text = self.problem.text(lang);
        // What is added goes on the same sentence, after `；` or `; `.
        let mut added: Vec<String> = Vec::new();
        let by_dockerd = self.client_sees.is_some();
        if let Some(said) = self.docker.as_deref().filter(|s| !text.contains(s)) {
            added.push(match (lang, by_dockerd) {
                (Lang::En, false) => format!("docker says \"{said}\""),
                (Lang::En, true) => format!("dockerd logs \"{said}\""),
                (Lang::Zh, false) => format!("docker 的报错：“{said}”"),
                (Lang::Zh, true) => format!("dockerd 日志：“{said}”"),
            });
        }
        let older = ClientSees::OLDER;
        if let Some(sees) = self.client_sees.filter(|_| !text.contains(older)) {
            let newer = format!("remote error: tls: {}", sees.newer);
            added.push(match (lang, newer == older) {
                (Lang::En, true) => format!("the docker client prints \"{older}\""),
                (Lang::Zh, true) => format!("docker 客户端显示“{older}”"),
                (Lang::En, false) => format!(
                    "the docker client prints \"{older}\" (dockerd 24 or older) or \"{newer}\" (dockerd 25 or later)"
                ),
                (Lang::Zh, false) => format!(
                    "docker 客户端显示“{older}”（dockerd 24 及更早版本）或“{newer}”（dockerd 25 及更新版本）"
                ),
            });
        }
        if added.is_empty() {
            return show::safe_owned(text);
        }
        let (then, whole) = match lang {
            Lang::En => ("; ", text.trim_end_matches('.')),
            Lang::Zh => ("；", text.trim_end_matches('。')),
        };
        show::safe_owned(format!("{whole}{then}{}", added.join(then)))
    }

    /// What to do about it, in `lang`, made safe like [`Finding::message`].
    pub fn fix(&self, lang: Lang) -> Option<String> {
        self.problem.fix(lang).map(show::safe_owned)
    }
}

/// `--json`: severity, code, file, message and fix, in English; and
/// `docker`, docker's exact words, when the finding is docker's refusal.
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let fields = if self.docker.is_some() { 6 } else { 5 };
        let mut out = s.serialize_struct("Finding", fields)?;
        out.serialize_field("severity", &self.severity)?;
        out.serialize_field("code", self.code)?;
        out.serialize_field("file", &self.file)?;
        out.serialize_field("message", &self.message(Lang::En))?;
        out.serialize_field("fix", &self.fix(Lang::En))?;
        if let Some(docker) = &self.docker {
            out.serialize_field("docker", &show::safe_owned(docker.clone()))?;
        }
        out.end()
    }
}

/// What one file is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileSummary {
    /// Its path, made safe to show.
    pub path: String,
    /// What it is: a CA certificate, a server certificate, a private key...
    pub kind: Kind,
    /// Its mode, as "0400", when known.
    pub mode: Option<String>,
    /// Facts: subject, SANs, usage, expiry, fingerprint, key type.
    pub details: Vec<Detail>,
}

impl FileSummary {
    fn new(path: &str, mode: Option<u32>) -> Self {
        FileSummary {
            path: path.to_owned(),
            kind: Kind::Other,
            mode: mode.map(crate::bundle::layout::mode_text),
            details: Vec::new(),
        }
    }

    /// What it is, in `lang`.
    pub fn kind_text(&self, lang: Lang) -> String {
        show::safe_owned(self.kind.text(lang))
    }

    /// Its facts, one a line, in `lang`, every value made safe to show.
    pub fn details_text(&self, lang: Lang) -> Vec<String> {
        self.details
            .iter()
            .map(|d| show::safe_owned(d.text(lang)))
            .collect()
    }
}

/// `--json`: path, kind, mode and details, in English.
impl Serialize for FileSummary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("FileSummary", 4)?;
        out.serialize_field("path", &self.path)?;
        out.serialize_field("kind", &self.kind_text(Lang::En))?;
        out.serialize_field("mode", &self.mode)?;
        out.serialize_field("details", &self.details_text(Lang::En))?;
        out.end()
    }
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
    /// Every path taken from the files made safe to show: each is one line
    /// of the report, so a newline, tab or escape in it (a file name) is
    /// written out and cannot start a line of its own. The findings' and
    /// details' words are made safe as they are worded
    /// ([`Finding::message`], [`FileSummary::details_text`]).
    pub(crate) fn made_safe(mut self) -> Self {
        let safe = |s: &mut String| {
            if let std::borrow::Cow::Owned(shown) = show::safe(s) {
                *s = shown;
            }
        };
        for f in &mut self.files {
            safe(&mut f.path);
        }
        for f in &mut self.findings {
            f.file.iter_mut().for_each(safe);
        }
        self
    }
}

/// Collects findings.
#[derive(Default)]
pub(crate) struct Findings(pub(crate) Vec<Finding>, Seen);

/// Each finding's place by its code and file, so a fact two checks find
/// (a CN-only certificate, say) is found once without comparing it with
/// every finding so far: work stays linear in the findings.
type Seen = HashMap<(&'static str, Option<String>), Vec<usize>>;

impl Findings {
    /// Adds what was found, once.
    pub(crate) fn add(&mut self, problem: Problem) {
        let finding = Finding::of(problem);
        if self.found(&finding).is_none() {
            self.push(finding);
        }
    }

    /// Adds what docker refuses a chain for, with what docker prints; a
    /// problem already found gains docker's words instead of being said
    /// twice.
    pub(crate) fn refused(&mut self, problem: Problem, docker: String) {
        let mut finding = Finding::of(problem);
        if let Some(at) = self.found(&finding) {
            self.0[at].docker = Some(docker);
            return;
        }
        finding.docker = Some(docker);
        self.push(finding);
    }

    /// Where a finding of the same problem already is.
    fn found(&self, finding: &Finding) -> Option<usize> {
        self.1
            .get(&(finding.code, finding.file.clone()))?
            .iter()
            .copied()
            .find(|&at| self.0.get(at).is_some_and(|f| f.problem == finding.problem))
    }

    fn push(&mut self, finding: Finding) {
        let key = (finding.code, finding.file.clone());
        self.1.entry(key).or_default().push(self.0.len());
        self.0.push(finding);
    }

    /// Adds what dockerd refuses a client's certificate for: what dockerd
    /// logs, and what the docker client prints.
    pub(crate) fn refused_client(&mut self, problem: Problem, dockerd: String, sees: ClientSees) {
        let mut finding = Finding::of(problem);
        finding.docker = Some(dockerd);
        finding.client_sees = Some(sees);
        self.push(finding);
    }
}

/// A summary for each of `files`: its path and mode, an [`Kind::Other`]
/// until a check knows better.
pub(crate) fn summaries(files: &[super::InputFile]) -> Vec<FileSummary> {
    files
        .iter()
        .map(|f| FileSummary::new(&f.path, f.mode))
        .collect()
}
