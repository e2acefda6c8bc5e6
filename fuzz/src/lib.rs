//! What each fuzz target feeds dockcert-core and what it checks. The targets
//! in `fuzz_targets/` call these functions; so does the stable test
//! `crates/dockcert-core/tests/fuzz_regressions.rs`, which replays every
//! committed seed and regression input through them, so an input is judged
//! in CI by exactly the code that found it.
//!
//! Each function takes the fuzzer's bytes, calls the core's public API the
//! way the CLI and the page do, and asserts only what must hold for every
//! input: nothing panics, and a few results agree where that is cheap to
//! check (a key that imports re-imports from its own PEM to the same DER; a
//! plan rebuilt from its own output is the same plan; daemon.json is JSON).
//! Every error is also rendered in both languages, as both faces show it.
//!
//! Inputs that need more than bytes (a passphrase, a file name and mode, a
//! flag) take them from the input itself, so the fuzzer varies them too and
//! a saved input replays exactly; each function says how.

#![forbid(unsafe_code)]

mod certs;
mod inspect;
mod keys;
mod plans;
mod verify;

use dockcert_core::import::{self, CaInputs};
use dockcert_core::inspect::{explain, Gathered, Options, Report};
use dockcert_core::{Lang, Localized};
use time::{Date, Duration, OffsetDateTime};

pub use certs::certificate;
pub use inspect::{folder_inspect, images, zip_inspect};
pub use keys::key_import;
pub use plans::{fleet, plan_request};
pub use verify::verify;

/// A fuzz target: takes any bytes, panics on what must not happen.
pub type Target = fn(&[u8]);

/// Every target, by the name `cargo xtask fuzz` and the corpus folders use.
pub const TARGETS: &[(&str, Target)] = &[
    ("key_import", key_import),
    ("certificate", certificate),
    ("zip_inspect", zip_inspect),
    ("fleet", fleet),
    ("plan_request", plan_request),
    ("explain", explain),
    ("images", images),
    ("folder_inspect", folder_inspect),
    ("verify", verify),
];

/// The clock every target judges validity by: fixed, so an input replays
/// the same way on any day (2027-01-01, after the seeds were made).
pub fn now() -> OffsetDateTime {
    OffsetDateTime::UNIX_EPOCH + Duration::seconds(1_798_761_600)
}

fn today() -> Date {
    now().date()
}

// ---------------------------------------------------------------- explain

/// `dockcert inspect --explain TEXT`: the text as pasted (lossy UTF-8).
///
/// Checks: matching ignores ASCII case, and every explanation names a part
/// of the text.
pub fn explain(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let found = explain::explain(&text);
    let lower = text.to_ascii_lowercase();
    for e in &found {
        assert!(lower.contains(&e.matched().to_ascii_lowercase()));
        for lang in [Lang::En, Lang::Zh] {
            assert!(!e.cause().text(lang).is_empty() && !e.fix().text(lang).is_empty());
        }
    }
    assert_eq!(explain::explain(&text.to_ascii_uppercase()), found);
}

// ---------------------------------------------------------------- shared

/// The first line of `data` (without its `\n`) and the rest, if it has one.
fn first_line(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = data.iter().position(|&b| b == b'\n')?;
    Some((&data[..end], &data[end + 1..]))
}

fn options(host: Option<&str>) -> Options {
    Options {
        host: host.map(str::to_owned),
        now: now(),
    }
}

/// A report as both faces show it: its verdict in both languages and its
/// JSON (`--json`), with one summary per file and the counts right.
fn check_report(report: &Report, gathered: &Gathered) {
    assert_eq!(report.files.len(), gathered.files.len());
    assert!(
        report.findings.len() >= gathered.skipped.len(),
        "a file skipped is not a finding"
    );
    assert!(
        gathered.skipped.is_empty() || report.errors > 0,
        "a run that read less than it was given has no error"
    );
    assert_eq!(report.errors + report.warnings, report.findings.len());
    let _ = (report.verdict(Lang::En), report.verdict(Lang::Zh));
    assert!(serde_json::to_string(report).is_ok());
    check_expiry(gathered);
}

/// `dockcert expiry` of the same files: each certificate once, with its
/// paths, soonest first; one metric line of each kind per certificate,
/// none broken by what a file holds or is named.
fn check_expiry(gathered: &Gathered) {
    let found = dockcert_core::inspect::expiry::expiry(gathered, now());
    for pair in found.certificates.windows(2) {
        assert!(pair[0].not_after <= pair[1].not_after);
    }
    for e in &found.certificates {
        assert!(!e.paths.is_empty());
        let _ = (
            e.days_text(Lang::En),
            e.where_text(Lang::Zh),
            e.not_after_text(),
        );
        assert!(!e.name.contains('\n'));
    }
    for u in &found.unreadable {
        render(u);
    }
    render(&found.verdict(30));
    let metrics = found.prometheus();
    let series = metrics.lines().filter(|l| !l.starts_with('#')).count();
    assert_eq!(series, 2 * found.certificates.len(), "{metrics}");
    assert!(serde_json::to_string(&found).is_ok());
}

/// An import problem, as both faces show it: in both languages, and placed
/// on the CA input it is about.
fn render_import(e: Option<&import::ImportError>) {
    let Some(e) = e else { return };
    render(e);
    let on = e.clone().on_ca(CaInputs {
        cert: "ca.pem",
        key: "ca-key.pem",
        passphrase: "--passphrase-file \"pass.txt\"",
    });
    render(&on);
}

/// A message in both languages.
fn render(message: &impl Localized) {
    let (en, zh) = (message.text(Lang::En), message.text(Lang::Zh));
    assert!(!en.is_empty() && !zh.is_empty());
}
