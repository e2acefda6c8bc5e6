//! `dockcert expiry`: the certificates in files, folders, zips and what
//! live daemons serve, soonest end first; exit status 1 when one ends within `--within` days.

use std::fmt::Write;
use std::process::ExitCode;

use dockcert_core::inspect::expiry::words::Column;
use dockcert_core::inspect::expiry::{self, Expiry};
use dockcert_core::inspect::Gathered;
use dockcert_core::{show, Lang, Localized};
use time::OffsetDateTime;
use unicode_width::UnicodeWidthStr;

use crate::cli::ExpiryArgs;
use crate::failure::Failure;
use crate::gather::{gather, Read, Select};
use crate::problem::{Named, Problem};

/// Runs `dockcert expiry`: 0 when nothing ends within the days asked, 1
/// when something does or has, 2 when a path or a certificate could not
/// be read.
pub(crate) fn run(args: &ExpiryArgs) -> Result<ExitCode, Failure> {
    let mut gathered = Gathered::default();
    let mut read = Read::selecting(Select::Certificates);
    let several = args.paths.len() > 1;
    for path in &args.paths {
        match path.to_str().filter(|p| p.starts_with("tcp://")) {
            // What the daemon serves now, read as a file named by its address.
            Some(daemon) => {
                let chain = crate::probe::served_chain(daemon, args.timeout)?;
                let pem = dockcert_core::import::to_pem(&chain);
                gathered.add_new(daemon, Ok(pem.into_bytes()), None);
            }
            None => gather(path, several, &mut gathered, &mut read)?,
        }
    }
    let found = expiry::expiry(&gathered, OffsetDateTime::now_utc());
    let skipped = std::mem::take(&mut gathered.skipped);
    drop(gathered);
    if !found.read_anything() && skipped.is_empty() {
        let typed: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Failure::input(Problem::NoCertificate(Named::value(
            typed.join(" "),
        ))));
    }
    let lang = crate::language::chosen(args.lang);
    // What is listed: those that end within the days asked, or all.
    let shown = if args.all {
        found.certificates.len()
    } else {
        found.within(args.within).count()
    };
    if args.json {
        let value = serde_json::json!({
            "now": found
                .now
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            "within_days": args.within,
            "ending": found.within(args.within).count(),
            "certificates": &found.certificates[..shown],
            "later": found.certificates.len() - shown,
            "unreadable": found.unreadable,
            "skipped": skipped
                .iter()
                .map(|s| serde_json::json!({"path": s.path, "why": s.text(Lang::En)}))
                .collect::<Vec<_>>(),
            "without_certificate": found.without_certificate,
            "damaged_inventories": found.damaged,
            "not_read": read.passed_over,
        });
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| Failure::run(Problem::Json(e.to_string())))?;
        println!("{}", show::json(text));
    } else if args.prometheus {
        print!("{}", found.prometheus());
    } else {
        let mut t = table(&found, shown, lang);
        for s in &skipped {
            let _ = writeln!(t, "{}", s.text(lang));
        }
        for u in &found.unreadable {
            let _ = writeln!(t, "{}", u.text(lang));
        }
        for d in &found.damaged {
            let _ = writeln!(t, "{}", d.text(lang));
        }
        if read.passed_over > 0 {
            let _ = writeln!(t, "{}", PassedOver(read.passed_over).text(lang));
        }
        let _ = writeln!(t, "{}", found.verdict(args.within).text(lang));
        print!("{}", show::safe_document(&t));
    }
    Ok(if found.within(args.within).next().is_some() {
        ExitCode::from(1)
    } else if !skipped.is_empty() || !found.unreadable.is_empty() || !found.damaged.is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The first `shown` certificates as a table, columns padded to the widest
/// cell as a terminal shows it (a Chinese character is two columns wide).
fn table(found: &Expiry, shown: usize, lang: Lang) -> String {
    let mut rows: Vec<Vec<String>> = vec![Column::ALL.iter().map(|c| c.text(lang)).collect()];
    for e in &found.certificates[..shown] {
        rows.push(vec![
            e.days_text(lang),
            e.not_after_text(),
            e.role.text(lang),
            show::safe(&e.name).into_owned(),
            e.serial.clone(),
            show::safe(&e.where_text(lang)).into_owned(),
        ]);
    }
    if rows.len() == 1 {
        return String::new();
    }
    let widths: Vec<usize> = (0..Column::ALL.len())
        .map(|i| rows.iter().map(|r| r[i].width()).max().unwrap_or(0))
        .collect();
    let mut t = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        let _ = writeln!(t, "{}", line.trim_end());
    }
    t.push('\n');
    t
}

/// How many of a folder's files were not read, their names not a
/// certificate's or a zip's.
struct PassedOver(usize);

impl Localized for PassedOver {
    fn text(&self, lang: Lang) -> String {
        let n = self.0;
        match lang {
            Lang::En => format!(
                "{n} other file{} not read: not named as a certificate, a zip or an inventory (.pem, .crt, .cer, .cert, .der, .zip, inventory.jsonl), or named as a key (key.pem, *-key.pem); name a file to read it.",
                if n == 1 { " was" } else { "s were" }
            ),
            Lang::Zh => format!(
                "另有 {n} 个文件没有读取：文件名不像证书、zip 或签发清单（.pem、.crt、.cer、.cert、.der、.zip、inventory.jsonl），或是私钥的名字（key.pem、*-key.pem）；直接给出文件名即可读取。"
            ),
        }
    }
}
