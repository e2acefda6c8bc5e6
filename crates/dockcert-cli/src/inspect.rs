//! `dockcert inspect`: read certificates, folders and bundle zips, as one
//! setup, and say what each file is and what is wrong; or explain a pasted
//! error message.

use std::collections::HashMap;
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

/// The files read so far, by device and inode, and which typed path each
/// was first reached from: a file reached again from another typed path
/// (given twice, by two names, or inside a folder also given) is read once,
/// under the name it was first reached by, so it is not judged as two
/// files (two copies of one CA, one key paired twice).
#[derive(Default)]
struct Read {
    /// The typed path being gathered, counted from 0.
    typed: usize,
    first: HashMap<(u64, u64), usize>,
}

impl Read {
    /// Whether the file of `meta` was reached from an earlier typed path;
    /// it is now known to be reached from this one.
    fn again(&mut self, meta: &std::fs::Metadata) -> bool {
        use std::os::unix::fs::MetadataExt;
        let typed = self.typed;
        *self.first.entry((meta.dev(), meta.ino())).or_insert(typed) != typed
    }
}

/// The files under `path`, gathered as the page gathers them: one file, every
/// file of a folder (recursively; links are named, not followed), or every
/// entry of a zip; each bounded before it is read, each file not read kept
/// with why. Nothing is skipped without a finding: a pipe, a socket or a
/// device is judged by its type before it is read (and opened without
/// waiting, as it may change in between), a folder that cannot be listed,
/// and a second file at one shown path, are each named. One path given
/// alone is shown as before (a file by its name, a folder's files from the
/// folder); of `several`, each as typed (a folder's files under it).
fn gather(
    path: &Path,
    several: bool,
    gathered: &mut Gathered,
    read: &mut Read,
) -> Result<(), Failure> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        Failure::input(Problem::Unreadable {
            named: Named::value(&shown),
            why: io_reason(&e),
        })
    })?;
    let typed = shown_name(path.as_os_str());
    let result = gather_one(
        path,
        &meta,
        several.then_some(typed.as_str()),
        gathered,
        read,
    );
    read.typed += 1;
    result
}

/// [`gather`] of one path whose metadata is `meta`, its files named under
/// `typed` when given.
fn gather_one(
    path: &Path,
    meta: &std::fs::Metadata,
    typed: Option<&str>,
    gathered: &mut Gathered,
    read: &mut Read,
) -> Result<(), Failure> {
    let shown = path.display().to_string();
    if !meta.is_dir() {
        let name = match typed {
            Some(typed) => typed.to_owned(),
            None => path.file_name().map(shown_name).unwrap_or(shown),
        };
        // Named by the user: a link to it is followed, as `cat` would.
        add_file(gathered, read, path, &name, true);
        return Ok(());
    }
    // A folder's files under it as typed ("certs/" and "certs" alike).
    let under = |rel: String| match typed {
        Some(top) => {
            let top = top.trim_end_matches('/');
            let top = if top.is_empty() { "/" } else { top };
            if top.ends_with('/') {
                format!("{top}{rel}")
            } else {
                format!("{top}/{rel}")
            }
        }
        None => rel,
    };
    let mut pending: Vec<PathBuf> = vec![path.to_path_buf()];
    let mut left_out = 0;
    while let Some(dir) = pending.pop() {
        let listed: Result<Vec<_>, _> = std::fs::read_dir(&dir).and_then(|list| list.collect());
        let mut entries = match listed {
            Ok(entries) => entries,
            Err(e) => {
                let rel = under(relative(&dir, path));
                gathered.skip(&rel, SkipReason::Unreadable(io_reason(&e)));
                continue;
            }
        };
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let p = entry.path();
            let rel = under(relative(&p, path));
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(p),
                Ok(_) if !gathered.has_room() => left_out += 1,
                Ok(kind) if kind.is_symlink() => gathered.skip(&rel, SkipReason::Symlink),
                Ok(kind) if kind.is_file() => add_file(gathered, read, &p, &rel, false),
                Ok(_) => gathered.skip(&rel, SkipReason::NotAFile),
                Err(e) => gathered.skip(&rel, SkipReason::Unreadable(io_reason(&e))),
            }
        }
    }
    if left_out > 0 {
        gathered.left_out(&shown, SkipReason::TooMany { more: left_out });
    }
    Ok(())
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
fn add_file(gathered: &mut Gathered, read: &mut Read, p: &Path, name: &str, follow: bool) {
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
    if read.again(&meta) {
        return;
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
