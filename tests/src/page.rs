//! Running the page driver from a test: Debian's Chromium through Debian's
//! chromedriver, or Debian's Firefox ESR through geckodriver, inside a
//! network namespace with only loopback (`unshare --net`), on
//! `dist/dockcert.html` opened from file://.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::webdriver::Browser;
use crate::{page_path, require_tool, run};

/// Runs the page driver (`driver`: the test's
/// `env!("CARGO_BIN_EXE_page-driver")`) on `job` in `browser`, in a fresh
/// network namespace (loopback only), and returns its report and the folder
/// holding what it wrote.
pub fn drive(driver: &str, browser: Browser, mut job: Value) -> (Value, tempfile::TempDir) {
    job["browser"] = browser.name().into();
    job["browser_binary"] = path_of(browser.program()).into();
    job["webdriver"] = path_of(browser.driver_program()).into();
    require_tool("ip");
    let out = tempfile::Builder::new()
        .prefix("pg")
        .tempdir_in("/tmp")
        .unwrap();
    job["page"] = page_path().to_string_lossy().into_owned().into();
    job["out"] = out.path().to_string_lossy().into_owned().into();
    let job_file = out.path().join("job.json");
    std::fs::write(&job_file, job.to_string()).unwrap();
    let result = run(Command::new("unshare")
        .args([
            "--net",
            "sh",
            "-c",
            "ip link set lo up && exec \"$0\" \"$1\"",
        ])
        .arg(driver)
        .arg(&job_file));
    assert_eq!(result.status, 0, "page driver failed:\n{}", result.all());
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(report["browser"], browser.name());
    (report, out)
}

fn path_of(tool: &str) -> String {
    require_tool(tool).to_string_lossy().into_owned()
}

/// No request left the page: everything it asked for is itself, the
/// download's blob, or a `data:` URL, which carries its bytes in itself
/// (Firefox's own stylesheet loads its list-bullet font that way). Nothing
/// went to the console as an error (a CSP violation would).
pub fn assert_offline(report: &Value) {
    assert_offline_with(report, &[]);
}

/// [`assert_offline`] for a job that also opened the pages `also` (a
/// changed copy of the page, say).
pub fn assert_offline_with(report: &Value, also: &[&Path]) {
    let mut pages = vec![format!("file://{}", page_path().display())];
    pages.extend(also.iter().map(|p| format!("file://{}", p.display())));
    for url in report["requests"].as_array().unwrap() {
        let url = url.as_str().unwrap();
        assert!(
            pages.iter().any(|p| p == url) || url.starts_with("blob:") || url.starts_with("data:"),
            "the page requested {url}"
        );
    }
    for entry in report["console"].as_array().unwrap() {
        assert_ne!(
            entry["level"], "error",
            "console error: {}",
            entry["message"]
        );
    }
}
