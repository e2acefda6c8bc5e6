//! What the images check says: findings listed up to a cap, errors first,
//! keys grouped, long text shortened.

use crate::inspect::report::Findings;

/// Findings the images check lists at most; the rest are counted.
pub(super) const MAX_FINDINGS: usize = 500;

/// Keys one finding names at most; the rest are counted ("and 3 more").
pub(super) const LISTED: usize = 5;

/// Bytes of an instruction, a line or a name shown at most in a finding.
pub(super) const SHOWN: usize = 200;

/// Where findings go: at most [`MAX_FINDINGS`] are listed, errors before
/// warnings, and the rest counted.
#[derive(Default)]
pub(super) struct Out {
    errors: Findings,
    warnings: Findings,
    /// Errors and warnings not listed.
    left_out: (usize, usize),
}

impl Out {
    pub(super) fn error(&mut self, code: &'static str, file: &str, message: String, fix: String) {
        if self.errors.0.len() < MAX_FINDINGS {
            self.errors.error(code, Some(file), message, Some(fix));
        } else {
            self.left_out.0 += 1;
        }
    }

    pub(super) fn warning(&mut self, code: &'static str, file: &str, message: String, fix: String) {
        if self.errors.0.len() + self.warnings.0.len() < MAX_FINDINGS {
            self.warnings.warning(code, Some(file), message, Some(fix));
        } else {
            self.left_out.1 += 1;
        }
    }

    /// What was not listed, and the Dockerfiles not checked (or not to
    /// the end): a check cut short is an error, never "All is well".
    pub(super) fn close(mut self, findings: &mut Findings, unchecked: &[&str], steps: u64) {
        let room = MAX_FINDINGS - self.errors.0.len();
        let (errors, mut warnings) = self.left_out;
        warnings += self.warnings.0.len().saturating_sub(room);
        self.warnings.0.truncate(room);
        findings.0.append(&mut self.errors.0);
        findings.0.append(&mut self.warnings.0);
        if errors + warnings > 0 {
            let message = format!(
                "{errors} more error(s) and {warnings} more warning(s) about Dockerfiles and compose files are not listed: dockcert lists at most {MAX_FINDINGS}"
            );
            let fix = Some(
                "Fix the ones listed and inspect again, or inspect one project folder at a time."
                    .to_owned(),
            );
            if errors > 0 {
                findings.error("images-not-listed", None, message, fix);
            } else {
                findings.warning("images-not-listed", None, message, fix);
            }
        }
        if let Some(first) = unchecked.first() {
            let others = match unchecked.len() - 1 {
                0 => String::new(),
                1 => " (and 1 other Dockerfile)".to_owned(),
                n => format!(" (and {n} other Dockerfiles)"),
            };
            findings.error(
                "images-not-checked",
                Some(first),
                format!("this Dockerfile{others} was not checked to the end for private keys it would put into an image: its COPY sources, the .dockerignore rules and the keys in its build context need more than the {steps} matching steps dockcert spends on them"),
                Some("Inspect the project's folder on its own (without bundles or other projects beside it), and keep .dockerignore and COPY lines to the patterns you need.".into()),
            );
        }
    }
}

/// "key a.pem", "keys a.pem and b.pem", "keys a, b, c, d, e and 7 more":
/// at most [`LISTED`] of `total` keys named, each shortened.
pub(super) fn keys_text(names: &[&str], total: usize) -> String {
    let listed: Vec<String> = names.iter().take(LISTED).map(|n| short(n)).collect();
    let more = total.saturating_sub(listed.len());
    match (listed.as_slice(), more) {
        ([one], 0) => format!("key {one}"),
        ([init @ .., last], 0) => format!("keys {} and {last}", init.join(", ")),
        (all, more) => format!("keys {} and {more} more", all.join(", ")),
    }
}

pub(super) fn it(n: usize) -> &'static str {
    if n == 1 {
        "it"
    } else {
        "them"
    }
}

pub(super) fn are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// `text` as a finding shows it: at most [`SHOWN`] bytes, its start and its
/// end (a key's name is at its end) around "…".
pub(super) fn short(text: &str) -> String {
    if text.len() <= SHOWN {
        return text.to_owned();
    }
    let mut head = SHOWN * 3 / 4;
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = text.len() - SHOWN / 4;
    while !text.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{}…{}", &text[..head], &text[tail..])
}
