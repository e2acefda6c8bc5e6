//! What the images check says: findings listed up to a cap, errors first,
//! keys grouped, long text shortened.

use crate::inspect::problem::{Listed, Problem};
use crate::inspect::report::Findings;
use crate::inspect::severity::Severity;

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
    /// Lists `problem` if there is room, errors first.
    pub(super) fn add(&mut self, problem: Problem) {
        match problem.severity() {
            Severity::Error if self.errors.0.len() < MAX_FINDINGS => self.errors.add(problem),
            Severity::Error => self.left_out.0 += 1,
            Severity::Warning if self.errors.0.len() + self.warnings.0.len() < MAX_FINDINGS => {
                self.warnings.add(problem)
            }
            Severity::Warning => self.left_out.1 += 1,
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
            findings.add(Problem::ImagesNotListed {
                errors,
                warnings,
                most: MAX_FINDINGS,
            });
        }
        if let Some(first) = unchecked.first() {
            findings.add(Problem::ImagesNotChecked {
                path: (*first).to_owned(),
                others: unchecked.len() - 1,
                steps,
            });
        }
    }
}

/// At most [`LISTED`] of `names`, each shortened, and how many more of `total`.
pub(super) fn keys_listed(names: &[&str], total: usize) -> Listed<String> {
    let shown: Vec<String> = names.iter().take(LISTED).map(|n| short(n)).collect();
    Listed {
        more: total.saturating_sub(shown.len()),
        shown,
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
