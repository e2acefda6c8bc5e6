//! `dockcert inspect`: read a certificate, a folder or a bundle zip, and say
//! what each file is and what is wrong; or explain a pasted error message.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dockcert_core::inspect::{self, Gathered, Options, Report, Severity, SkipReason};
use dockcert_core::{show, Lang, Localized};
use time::OffsetDateTime;

use crate::cli::InspectArgs;
use crate::failure::{io_reason, Failure};
use crate::problem::{FileRole, Named, Problem};
use crate::read;

/// Runs `dockcert inspect`; exit status 0 when all is well, 1 when not.
pub(crate) fn run(args: &InspectArgs) -> Result<ExitCode, Failure> {
    let mut status = ExitCode::SUCCESS;
    if let Some(text) = &args.explain {
        status = crate::explain::run(text, crate::language::chosen(args.lang));
    }
    let Some(path) = &args.path else {
        return Ok(status);
    };
    let mut gathered = gather(path)?;
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
        return Err(Failure::input(Problem::NothingChecked {
            path: path.display().to_string(),
            en: report.verdict(Lang::En),
            zh: report.verdict(Lang::Zh),
        }));
    }
    if !report.ok() {
        status = ExitCode::from(1);
    }
    Ok(status)
}

/// The files under `path`, gathered as the page gathers them: one file, every
/// file of a folder (recursively; links are named, not followed), or every
/// entry of a zip; each bounded before it is read, each file not read kept
/// with why. Nothing is skipped without a finding: a pipe, a socket or a
/// device is judged by its type before it is read (and opened without
/// waiting, as it may change in between), a folder that cannot be listed,
/// and a second file at one shown path, are each named.
fn gather(path: &Path) -> Result<Gathered, Failure> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        Failure::input(Problem::Unreadable {
            named: Named::value(&shown),
            why: io_reason(&e),
        })
    })?;
    let mut gathered = Gathered::default();
    if !meta.is_dir() {
        let name = path.file_name().map(shown_name).unwrap_or(shown);
        // Named by the user: a link to it is followed, as `cat` would.
        add_file(&mut gathered, path, &name, true);
        return Ok(gathered);
    }
    let mut pending: Vec<PathBuf> = vec![path.to_path_buf()];
    let mut left_out = 0;
    while let Some(dir) = pending.pop() {
        let listed: Result<Vec<_>, _> = std::fs::read_dir(&dir).and_then(|list| list.collect());
        let mut entries = match listed {
            Ok(entries) => entries,
            Err(e) => {
                let rel = relative(&dir, path);
                gathered.skip(&rel, SkipReason::Unreadable(io_reason(&e)));
                continue;
            }
        };
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let p = entry.path();
            let rel = relative(&p, path);
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(p),
                Ok(_) if !gathered.has_room() => left_out += 1,
                Ok(kind) if kind.is_symlink() => gathered.skip(&rel, SkipReason::Symlink),
                Ok(kind) if kind.is_file() => add_file(&mut gathered, &p, &rel, false),
                Ok(_) => gathered.skip(&rel, SkipReason::NotAFile),
                Err(e) => gathered.skip(&rel, SkipReason::Unreadable(io_reason(&e))),
            }
        }
    }
    if left_out > 0 {
        gathered.left_out(&shown, SkipReason::TooMany { more: left_out });
    }
    Ok(gathered)
}

/// `p` relative to the inspected `top`, with `/` between its parts.
fn relative(p: &Path, top: &Path) -> String {
    let rel = p.strip_prefix(top).unwrap_or(p);
    let parts: Vec<String> = rel.iter().map(shown_name).collect();
    parts.join("/")
}

/// A file name as text. Bytes that are not UTF-8 are shown as `\xff`, not
/// all as one replacement character, so two names that differ only in them
/// stay two names (and if they still meet, the second is a finding).
fn shown_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut text = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        text.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(text, "\\x{b:02x}");
        }
    }
    text
}

/// Reads the file at `p` as `name`, bounded by what its first bytes say it
/// is (a zip may be larger than a certificate), into `gathered`. It is
/// opened without waiting and without following a link (unless `follow`),
/// and read only if it is a regular file.
fn add_file(gathered: &mut Gathered, p: &Path, name: &str, follow: bool) {
    use std::io::Read;
    use std::os::unix::fs::PermissionsExt;
    let opened = read::open(p, follow).and_then(|f| f.metadata().map(|m| (f, m)));
    let (mut file, meta) = match opened {
        Ok(opened) => opened,
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            return gathered.skip(name, SkipReason::Symlink)
        }
        Err(e) => return gathered.skip(name, SkipReason::Unreadable(io_reason(&e))),
    };
    if !meta.is_file() {
        return gathered.skip(name, SkipReason::NotAFile);
    }
    let mut head = [0u8; 4];
    let got = match file.read(&mut head) {
        Ok(n) => n,
        Err(e) => return gathered.skip(name, SkipReason::Unreadable(io_reason(&e))),
    };
    let limit = inspect::limit_for(name, &head[..got]);
    if meta.len() <= limit && !gathered.has_bytes_for(meta.len()) {
        return gathered.left_out(name, SkipReason::TooMuch { more: 1 });
    }
    if meta.len() > limit {
        return gathered.skip(
            name,
            SkipReason::TooLarge {
                size: meta.len(),
                limit,
            },
        );
    }
    let rest = read::read_at_most(file, limit, usize::try_from(meta.len()).unwrap_or(0));
    match rest {
        Ok(rest) => {
            let mut bytes = head[..got].to_vec();
            bytes.extend_from_slice(&rest);
            let mode = Some(meta.permissions().mode() & 0o7777);
            gathered.add_new(name, Ok(bytes), mode);
        }
        Err(read::ReadError::Io(why)) => gathered.skip(name, SkipReason::Unreadable(why)),
        Err(_) => gathered.skip(
            name,
            SkipReason::TooLarge {
                size: meta.len(),
                limit,
            },
        ),
    }
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
