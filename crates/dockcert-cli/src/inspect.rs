//! `dockcert inspect`: read a certificate, a folder or a bundle zip, and say
//! what each file is and what is wrong; or explain a pasted error message.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dockcert_core::inspect::{self, explain, InputFile, Options, Report, Severity};
use dockcert_core::Lang;
use time::OffsetDateTime;

use crate::cli::InspectArgs;
use crate::failure::{io_reason, Failure};

/// Files larger than this are not read (a certificate or key is a few KB).
const MAX_FILE: u64 = 1024 * 1024;
/// Files read from one folder at most.
const MAX_FILES: usize = 10_000;

/// Runs `dockcert inspect`; exit status 0 when all is well, 1 when not.
pub fn run(args: &InspectArgs) -> Result<ExitCode, Failure> {
    let mut status = ExitCode::SUCCESS;
    if let Some(text) = &args.explain {
        let found = explain::explain(text);
        if found.is_empty() {
            println!("dockcert does not know this message. `dockcert inspect PATH` on the certificates and settings involved may find the cause.");
            status = ExitCode::from(1);
        }
        for e in found {
            println!(
                "\"{}\" (said by {})\n  Cause: {}\n  Fix:   {}\n",
                e.matched, e.said_by, e.cause, e.fix
            );
        }
    }
    let Some(path) = &args.path else {
        return Ok(status);
    };
    let mut files = read(path)?;
    for unit in &args.unit {
        let shown = unit.display().to_string();
        let bytes = std::fs::read(unit).map_err(|e| {
            Failure::input(format!(
                "--unit {shown:?}: cannot read it: {}",
                io_reason(&e)
            ))
        })?;
        let name = unit
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parent = unit
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push(InputFile {
            path: format!("{parent}/{name}"),
            bytes,
            mode: None,
        });
    }
    let report = inspect::inspect(
        &files,
        &Options {
            host: args.host.clone(),
            now: OffsetDateTime::now_utc(),
        },
    );
    if args.json {
        let text =
            serde_json::to_string_pretty(&report).map_err(|e| Failure::run(e.to_string()))?;
        println!("{text}");
    } else {
        print!("{}", human(&report));
    }
    if !report.ok() {
        status = ExitCode::from(1);
    }
    Ok(status)
}

/// The files under `path`: one file, every file of a folder (recursively), or
/// every entry of a zip.
fn read(path: &Path) -> Result<Vec<InputFile>, Failure> {
    use std::os::unix::fs::PermissionsExt;
    let shown = format!("{:?}", path.display().to_string());
    let meta = std::fs::metadata(path)
        .map_err(|e| Failure::input(format!("{shown}: cannot read it: {}", io_reason(&e))))?;
    let read_one = |p: &Path, name: String| -> Result<Option<InputFile>, Failure> {
        let meta = std::fs::metadata(p).map_err(|e| {
            Failure::input(format!("{:?}: {}", p.display().to_string(), io_reason(&e)))
        })?;
        if meta.len() > MAX_FILE {
            return Ok(None);
        }
        let bytes = std::fs::read(p).map_err(|e| {
            Failure::input(format!(
                "{:?}: cannot read it: {}",
                p.display().to_string(),
                io_reason(&e)
            ))
        })?;
        Ok(Some(InputFile {
            path: name,
            bytes,
            mode: Some(meta.permissions().mode() & 0o7777),
        }))
    };
    if meta.is_file() {
        let bytes_head = std::fs::read(path)
            .map_err(|e| Failure::input(format!("{shown}: cannot read it: {}", io_reason(&e))))?;
        if bytes_head.starts_with(b"PK\x03\x04") {
            return inspect::read_zip(&bytes_head)
                .map_err(|e| Failure::input(format!("{shown}: {e}")));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok(read_one(path, name)?.into_iter().collect());
    }
    let mut files = Vec::new();
    let mut pending: Vec<PathBuf> = vec![path.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| {
                Failure::input(format!(
                    "{:?}: cannot read it: {}",
                    dir.display().to_string(),
                    io_reason(&e)
                ))
            })?
            .filter_map(Result::ok)
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let p = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                pending.push(p);
            } else if kind.is_file() {
                let rel = p
                    .strip_prefix(path)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .into_owned();
                if let Some(f) = read_one(&p, rel)? {
                    files.push(f);
                }
                if files.len() >= MAX_FILES {
                    return Ok(files);
                }
            }
        }
    }
    Ok(files)
}

pub(crate) fn human(report: &Report) -> String {
    let mut t = String::new();
    for f in &report.files {
        let mode = f
            .mode
            .as_deref()
            .map(|m| format!(", mode {m}"))
            .unwrap_or_default();
        let _ = writeln!(t, "{}: {}{mode}", f.path, f.kind);
        for d in &f.details {
            let _ = writeln!(t, "    {d}");
        }
    }
    if !report.findings.is_empty() {
        t.push_str("\nProblems:\n");
        for p in &report.findings {
            let label = match p.severity {
                Severity::Error => "error  ",
                Severity::Warning => "warning",
            };
            let _ = writeln!(t, "  {label} [{}] {}", p.code, p.message);
            if let Some(fix) = &p.fix {
                let _ = writeln!(t, "          fix: {fix}");
            }
        }
    }
    let _ = writeln!(t, "\n{}", report.verdict(Lang::En));
    t
}
