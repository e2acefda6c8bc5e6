//! `dockcert inspect`: read certificates, folders and bundle zips, as one
//! setup, and say what each file is and what is wrong; or explain a pasted
//! error message.

use std::fmt::Write;
use std::process::ExitCode;

use dockcert_core::inspect::{self, Gathered, Options, Report, Severity};
use dockcert_core::{show, Lang, Localized};
use time::OffsetDateTime;

use crate::cli::InspectArgs;
use crate::failure::Failure;
use crate::gather::{gather, shown_name, Read};
use crate::problem::{FileRole, Named, Problem};
use crate::read;

/// Runs `dockcert inspect`; exit status 0 when all is well, 1 when not.
pub(crate) fn run(args: &InspectArgs) -> Result<ExitCode, Failure> {
    let mut status = ExitCode::SUCCESS;
    if let Some(text) = &args.explain {
        status = crate::explain::run(text, crate::language::chosen(args.lang));
    }
    if args.paths.is_empty() {
        return Ok(status);
    }
    let mut gathered = Gathered::default();
    let mut read = Read::default();
    let several = args.paths.len() > 1;
    for path in &args.paths {
        gather(path, several, &mut gathered, &mut read)?;
    }
    for unit in &args.unit {
        let shown = unit.display().to_string();
        let bytes = read::bounded(unit, inspect::MAX_FILE).map_err(|e| {
            let named = Named::flag("--unit", &shown);
            Failure::input(Problem::reading(
                named,
                FileRole::Unit,
                inspect::MAX_FILE,
                e,
            ))
        })?;
        let name = unit.file_name().map(shown_name).unwrap_or_default();
        let parent = unit
            .parent()
            .and_then(|p| p.file_name())
            .map(shown_name)
            .unwrap_or_default();
        gathered.add_new(&format!("{parent}/{name}"), Ok(bytes.to_vec()), None);
    }
    let report = inspect::inspect(
        &gathered,
        &Options {
            host: args.host.clone(),
            now: OffsetDateTime::now_utc(),
        },
    );
    // The files' bytes (up to 64 MiB) are not needed to show the report.
    drop(gathered);
    let lang = crate::language::chosen(args.lang);
    if args.json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::run(Problem::Json(e.to_string())))?;
        println!("{}", show::json(text));
    } else {
        print!("{}", show::safe_document(&human(&report, lang)));
    }
    if !report.checked_anything() {
        // Nothing read is no verdict: refused like a path that cannot be read.
        let typed: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Failure::input(Problem::NothingChecked {
            path: typed.join(" "),
            en: report.verdict(Lang::En),
            zh: report.verdict(Lang::Zh),
        }));
    }
    if !report.ok() {
        status = ExitCode::from(1);
    }
    Ok(status)
}

/// The report for a terminal, in `lang`. Every text from the files was
/// made safe by the core (no newline of theirs is left to start a line); a
/// file's name, which would begin its line, is quoted unless it is one plain
/// word, so a file named "All is well: 3 files checked." cannot pass for the
/// verdict.
pub(crate) fn human(report: &Report, lang: Lang) -> String {
    let mut t = String::new();
    for f in &report.files {
        let mode = f
            .mode
            .as_deref()
            .map(|m| format!("{}{m}", Label::Mode.text(lang)))
            .unwrap_or_default();
        let _ = writeln!(t, "{}: {}{mode}", show::quoted(&f.path), f.kind_text(lang));
        for d in f.details_text(lang) {
            let _ = writeln!(t, "    {d}");
        }
    }
    if !report.findings.is_empty() {
        let _ = writeln!(t, "\n{}", Label::Problems.text(lang));
        for p in &report.findings {
            let label = match p.severity {
                Severity::Error => Label::Error,
                Severity::Warning => Label::Warning,
            };
            let _ = writeln!(t, "  {} [{}] {}", label.text(lang), p.code, p.message(lang));
            if let Some(fix) = p.fix(lang) {
                let _ = writeln!(t, "          {}{fix}", Label::Fix.text(lang));
            }
        }
    }
    let _ = writeln!(t, "\n{}", report.verdict(lang));
    t
}

/// The report's own words around the core's.
#[derive(Clone, Copy)]
enum Label {
    /// Before a file's mode.
    Mode,
    /// The heading of the findings.
    Problems,
    /// An error, padded to a warning's width.
    Error,
    /// A warning.
    Warning,
    /// Before a finding's fix.
    Fix,
}

impl Localized for Label {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Label::Mode, Lang::En) => ", mode ",
            (Label::Mode, Lang::Zh) => "，文件权限 ",
            (Label::Problems, Lang::En) => "Problems:",
            (Label::Problems, Lang::Zh) => "问题：",
            (Label::Error, Lang::En) => "error  ",
            (Label::Error, Lang::Zh) => "错误",
            (Label::Warning, Lang::En) => "warning",
            (Label::Warning, Lang::Zh) => "警告",
            (Label::Fix, Lang::En) => "fix: ",
            (Label::Fix, Lang::Zh) => "解决办法：",
        }
        .to_owned()
    }
}
