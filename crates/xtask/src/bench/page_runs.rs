//! The page's runs: in each browser, per key type, the page opened and a
//! bundle made, alternated run by run with an empty page and a bare form
//! opened the same way, each in a copy of a profile the browser has already
//! started in once, as a person's browser has; and a few first starts in a
//! brand-new profile beside them.

use std::fs;
use std::path::{Path, PathBuf};

use super::command_line::PASSPHRASE;
use super::page_report::{PageCase, PageRuns};
use super::sample::Sample;
use crate::cmd::{self, command, root};
use crate::page;

/// The page part: [`PageRuns`] in each browser.
pub(super) fn page_part(
    work: &Path,
    page_path: &Path,
    rounds: &dyn Fn(usize) -> usize,
) -> Result<Vec<PageRuns>, String> {
    let driver = root().join("target/release/page-driver");
    let page_cases: &[(&str, usize)] = &[
        ("ecdsa-p256", 7),
        ("ed25519", 5),
        ("rsa-2048", 5),
        ("rsa-4096", 5),
    ];
    let empty_page = work.join("empty.html");
    fs::write(&empty_page, EMPTY_PAGE).map_err(|e| e.to_string())?;
    let bare_form = work.join("bare-form.html");
    fs::write(&bare_form, EMPTY_PAGE.replace("<body>", BARE_FORM)).map_err(|e| e.to_string())?;
    // Never measured: the page a profile is first started on.
    let warm_up = work.join("warm-up.html");
    fs::write(&warm_up, EMPTY_PAGE.replace("empty", "warm-up")).map_err(|e| e.to_string())?;
    let mut page_runs: Vec<PageRuns> = Vec::new();
    for &(browser, shown) in &PAGE_BROWSERS {
        eprintln!("the page in {shown}");
        let used = used_profile(&driver, work, &warm_up, browser)?;
        let mut runs = PageRuns {
            browser: shown,
            empty: Sample::default(),
            bare_form: Sample::default(),
            cases: Vec::new(),
            new_profile: Sample::default(),
            empty_new_profile: Sample::default(),
        };
        for &(key_type, n) in page_cases {
            let n = rounds(n);
            let mut case = PageCase {
                key_type: key_type.to_owned(),
                ..PageCase::default()
            };
            for i in 0..n {
                // The browser's own share and any form's floor, alternated
                // with the page's runs so that all see the machine as it is
                // at that moment: each to its first frame.
                let first_frame =
                    |page: &Path, name: &str, profile: Option<&Path>| -> Result<f64, String> {
                        let out = work.join(format!("{name}-{browser}-{key_type}-{i}"));
                        let job = ready_only_job(page, &out, browser);
                        report_secs(&drive_job(&driver, &out, &job, profile)?, "shown_ms")
                    };
                runs.empty
                    .0
                    .push(first_frame(&empty_page, "empty", Some(&used))?);
                runs.bare_form
                    .0
                    .push(first_frame(&bare_form, "bare-form", Some(&used))?);
                let out = work.join(format!("page-{browser}-{key_type}-{i}"));
                let job = serde_json(page_path, &out, browser, key_type);
                let report = drive_job(&driver, &out, &job, Some(&used))?;
                case.shown.0.push(report_secs(&report, "shown_ms")?);
                case.ready.0.push(report_secs(&report, "ready_ms")?);
                case.made.0.push(report_secs(&report, "generated_ms")?);
                if runs.new_profile.0.len() < rounds(NEW_PROFILE_ROUNDS) {
                    runs.empty_new_profile
                        .0
                        .push(first_frame(&empty_page, "empty-new", None)?);
                    runs.new_profile
                        .0
                        .push(first_frame(page_path, "page-new", None)?);
                }
            }
            runs.cases.push(case);
        }
        page_runs.push(runs);
    }
    Ok(page_runs)
}

/// How many rounds also open the empty page and the page in a brand-new
/// profile.
const NEW_PROFILE_ROUNDS: usize = 7;

/// The browsers the page is measured in: the page driver's name for each,
/// and how the report names it.
const PAGE_BROWSERS: [(&str, &str); 2] = [
    ("chromium", "headless Chromium"),
    ("firefox", "headless Firefox ESR"),
];

/// A profile `browser` has started in once, on a page no run measures: the
/// page driver's profile folder after one run on `warm_up`, without the
/// browser's lock. A brand-new profile is what a browser has only at its
/// very first start on a machine: it then writes its databases and caches
/// while it opens the page, which made the empty page 30 to 50 ms slower in Firefox
/// (docs/BENCHMARKS.md, "A profile used before").
fn used_profile(
    driver: &Path,
    work: &Path,
    warm_up: &Path,
    browser: &str,
) -> Result<PathBuf, String> {
    let out = work.join(format!("profile-{browser}"));
    drive_job(driver, &out, &ready_only_job(warm_up, &out, browser), None)?;
    let profile = out.join(format!("{browser}-profile"));
    // Firefox's and Chromium's marks of a profile in use (both browsers
    // also take them over from a process that has ended).
    for lock in [
        "lock",
        ".parentlock",
        "SingletonLock",
        "SingletonCookie",
        "SingletonSocket",
    ] {
        let path = profile.join(lock);
        if path.symlink_metadata().is_ok() {
            fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(profile)
}

/// Runs the page driver on `job` with `out` as its folder, in a copy of
/// `profile` if one is given (in a new profile otherwise); the report it
/// wrote there.
fn drive_job(
    driver: &Path,
    out: &Path,
    job: &str,
    profile: Option<&Path>,
) -> Result<String, String> {
    fs::create_dir_all(out).map_err(|e| e.to_string())?;
    if let Some(profile) = profile {
        let name = profile.file_name().ok_or("a profile without a name")?;
        let copy = out.join(name);
        if copy.exists() {
            return Err(format!("{} exists already", copy.display()));
        }
        cmd::run(command(
            "cp",
            &["-a", &profile.to_string_lossy(), &copy.to_string_lossy()],
        ))?;
    }
    let job_file = out.join("job.json");
    fs::write(&job_file, job).map_err(|e| e.to_string())?;
    page::drive(driver, &job_file)?;
    fs::read_to_string(out.join("report.json")).map_err(|e| e.to_string())
}

/// A page that does nothing but say it is on screen, as dockcert's first
/// screen does (`<body data-shown-ms>`, after the first frame): its time is
/// the browser's own, from opening a file to showing it, which no page can
/// go below. It sets `data-ready-ms` too, which the page driver waits for.
const EMPTY_PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>empty</title></head><body><script>document.body.setAttribute('data-ready-ms', performance.now().toFixed(1)); requestAnimationFrame(() => setTimeout(() => document.body.setAttribute('data-shown-ms', performance.now().toFixed(1))));</script></body></html>\n";

/// What the empty page becomes to show the floor of any form: one control
/// of each kind the page's first screen has, unstyled. A browser builds its
/// form controls (Firefox's text editors, lists and password fields) before
/// it shows them, which no page with a form can skip.
const BARE_FORM: &str = "<body><textarea></textarea><select><option>a</option></select><input type=\"password\"><input type=\"checkbox\"><button>b</button>";

fn ready_only_job(page: &Path, out: &Path, browser: &str) -> String {
    format!(
        r#"{{"page": "{}", "out": "{}", "browser": "{browser}", "ready_only": true, "observe": false}}"#,
        page.display(),
        out.display()
    )
}

fn serde_json(page: &Path, out: &Path, browser: &str, key_type: &str) -> String {
    format!(
        r#"{{"page": "{}", "out": "{}", "browser": "{browser}", "servers": ["docker1.example.com,10.0.0.5,127.0.0.1"], "clients": ["client"], "key_type": "{key_type}", "passphrase": "{PASSPHRASE}", "observe": false}}"#,
        page.display(),
        out.display()
    )
}

/// A field in milliseconds of a flat JSON report (numbers may be quoted),
/// in seconds.
fn report_secs(text: &str, key: &str) -> Result<f64, String> {
    let at = text
        .find(&format!("\"{key}\""))
        .ok_or_else(|| format!("no {key} in the page report"))?;
    let rest = &text[at + key.len() + 2..];
    let value: String = rest
        .trim_start_matches([' ', ':'])
        .trim_start_matches('"')
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    value
        .parse::<f64>()
        .map(|ms| ms / 1000.0)
        .map_err(|_| format!("{key} is not a number in the page report"))
}
