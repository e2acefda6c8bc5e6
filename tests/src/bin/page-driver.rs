//! Drives the offline page the way a person would, in Debian's Chromium
//! through Debian's chromedriver or in Debian's Firefox ESR through
//! geckodriver: open dist/dockcert.html from file://, fill the form by the
//! controls' names, press Generate, receive the zip. Meant to run inside
//! `unshare -n` (a network namespace with only loopback), so the page has no
//! network to reach even if it tried.
//!
//! Usage: page-driver JOB.json. The job names the page, an output folder,
//! the browser (`"browser"`: `"chromium"`, the default, or `"firefox"`; its
//! program and driver's may be given as `"browser_binary"` and
//! `"webdriver"`) and what to type; the driver writes there the downloaded
//! zip, `report.json` (timings, every URL the browser requested, console
//! messages, the file list the page shows) and, if asked, screenshots. A
//! job with a `"mode"` uses the page's other modes instead of the New CA
//! form (see `dockcert_tests::driver_modes`). A job with `"ready_only":
//! true` stops once the page sets `<body data-ready-ms>` and reports only
//! that (and the marks an instrumented copy leaves in `<body data-t>`): it
//! times any page that sets the attribute, such as an empty one, as the
//! benchmarks time dockcert's (docs/BENCHMARKS.md, "The start, fourth
//! pass").
//!
//! A job with `"audit": true` measures the page at each view it passes
//! (each mode empty, and the end: a result, a report or the errors, every
//! `<details>` opened) for sideways scrolling and words broken inside, and
//! reports the measurements as `"audits"` (`dockcert_tests::page_audit`);
//! `"view"` names the last one. A job with `"shot_of": CSS` writes
//! `shot.png`, a picture of that element alone at the end. A job with
//! `"first_screen"` reads the first screen rendered ahead of time beside
//! the app (`dockcert_tests::driver_first_screen`). How the New CA form is
//! filled is `dockcert_tests::driver_new_ca`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dockcert_tests::driver_first_screen;
use dockcert_tests::driver_modes::{self, wait_for_download};
use dockcert_tests::driver_new_ca::{self, said, ZIP_GUIDE};
use dockcert_tests::page_audit::{self, Audits};
use dockcert_tests::webdriver::{Browser, Driver, Launch, Session};
use serde_json::{json, Value};

fn main() {
    if let Err(e) = run() {
        eprintln!("page-driver: {e}");
        std::process::exit(1);
    }
}

fn field<'a>(job: &'a Value, name: &str) -> Option<&'a str> {
    job[name].as_str()
}

/// Whether the job has the browser record the page's requests and console:
/// the tests need them; timing runs (`cargo xtask bench`, `"observe": false`)
/// go without, since recording slows the page.
fn observes(job: &Value) -> bool {
    job["observe"].as_bool().unwrap_or(true)
}

/// The requests and console the browser recorded since the last call, as
/// the report's values: `null` both when the job does not observe.
struct Seen {
    requests: Value,
    console: Value,
}

fn observed(s: &Session, observe: bool) -> Result<Seen, String> {
    if !observe {
        return Ok(Seen {
            requests: Value::Null,
            console: Value::Null,
        });
    }
    let seen = s.observed()?;
    Ok(Seen {
        requests: seen.requests.into(),
        console: seen.console.into(),
    })
}

fn run() -> Result<(), String> {
    let job_path = std::env::args()
        .nth(1)
        .ok_or("usage: page-driver JOB.json")?;
    let job: Value =
        serde_json::from_str(&fs::read_to_string(&job_path).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let page = field(&job, "page").ok_or("job.page")?;
    let out = PathBuf::from(field(&job, "out").ok_or("job.out")?);
    let downloads = out.join("downloads");
    fs::create_dir_all(&downloads).map_err(|e| e.to_string())?;
    let browser = Browser::from_name(field(&job, "browser").unwrap_or("chromium"))?;
    let profile = out.join(format!("{}-profile", browser.name()));
    fs::create_dir_all(&profile).map_err(|e| e.to_string())?;
    let lang = field(&job, "lang").unwrap_or("en-US");
    let width = job["width"].as_u64().unwrap_or(1280) as u32;
    let height = job["height"].as_u64().unwrap_or(800) as u32;
    let observe = observes(&job);

    let driver = Driver::start(
        browser,
        field(&job, "webdriver").unwrap_or(browser.driver_program()),
    )?;
    let binary = match field(&job, "browser_binary") {
        Some(path) => path.to_owned(),
        None => format!("/usr/bin/{}", browser.program()),
    };
    let launch = Launch {
        browser,
        binary: &binary,
        profile: &profile,
        downloads: &downloads,
        lang,
        size: (width, height),
        observe,
    };
    let session = Session::open(&driver, &launch)?;
    let result = drive(&session, &job, page, &out, &downloads, width, height);
    let _ = session.close();
    result
}

fn drive(
    s: &Session,
    job: &Value,
    page: &str,
    out: &Path,
    downloads: &Path,
    width: u32,
    height: u32,
) -> Result<(), String> {
    if s.browser() == Browser::Chromium {
        // Firefox takes its download folder from its preferences.
        s.cdp(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": downloads.to_string_lossy(), "eventsEnabled": true }),
        )?;
    }
    s.resize(width, height)?;
    let observe = observes(job);
    let url = if job["serve_http"] == true {
        serve_over_loopback(page)?
    } else {
        format!("file://{page}")
    };
    if observe {
        s.observed()?; // only what the page itself asks for and says counts
    }
    if job["first_screen"].is_string() {
        let mut report = driver_first_screen::drive(s, job)?;
        let seen = observed(s, observe)?;
        report["browser"] = s.browser().name().into();
        report["requests"] = seen.requests;
        report["console"] = seen.console;
        return fs::write(out.join("report.json"), report.to_string()).map_err(|e| e.to_string());
    }
    let opened = Instant::now();
    s.go(&url)?;
    let ready_ms = s.wait_for(
        "return document.body.getAttribute('data-ready-ms')",
        Duration::from_secs(30),
    )?;
    let ready_wall_ms = opened.elapsed().as_secs_f64() * 1000.0;
    // When the form (the first screen rendered ahead of time) was first on
    // screen; the bench's empty page sets it after its first frame too.
    let shown_ms = s.wait_for(
        "return document.body.getAttribute('data-shown-ms')",
        Duration::from_secs(30),
    )?;
    if job["ready_only"] == true {
        // Marks an instrumented copy of a page may leave (`<body data-t>`).
        let marks = s.eval("return document.body.getAttribute('data-t')")?;
        let report = json!({ "browser": s.browser().name(), "ready_ms": ready_ms, "shown_ms": shown_ms, "ready_wall_ms": ready_wall_ms, "marks": marks });
        return fs::write(out.join("report.json"), report.to_string()).map_err(|e| e.to_string());
    }
    let notice_shown = s.eval("return document.querySelector('.notice.warn') !== null")?;
    let html_lang = s.eval("return document.documentElement.lang")?;
    let badge = s.eval("return document.querySelector('.badge').textContent")?;
    let generate_label = s.eval("return document.querySelector('[name=generate]').textContent")?;
    let guide_before = s.eval(ZIP_GUIDE)?;
    // Before anything is typed: what the Clients box holds, and shows greyed.
    let client_box = s.eval(
        "const c = document.querySelector('[name=client]'); return c ? { value: c.value, placeholder: c.placeholder } : null",
    )?;
    let shots = job["screenshots"].as_bool().unwrap_or(false);
    if shots {
        fs::write(out.join("before.png"), s.screenshot()?).map_err(|e| e.to_string())?;
    }
    let mut audits = Audits::of(job);
    audits.take(s, "new-ca empty")?;

    if let Some(mode) = field(job, "mode").filter(|m| *m != "new-ca") {
        let mut report =
            driver_modes::drive(s, job, mode, out, downloads, (width, height), &mut audits)?;
        let seen = observed(s, observe)?;
        report["browser"] = s.browser().name().into();
        report["ready_ms"] = ready_ms;
        report["shown_ms"] = shown_ms;
        report["ready_wall_ms"] = ready_wall_ms.into();
        report["network_notice_shown"] = notice_shown;
        report["html_lang"] = html_lang;
        report["requests"] = seen.requests;
        report["console"] = seen.console;
        report["audits"] = Value::from(audits);
        return fs::write(
            out.join("report.json"),
            serde_json::to_string_pretty(&report).unwrap(),
        )
        .map_err(|e| e.to_string());
    }

    let said_with_hosts = driver_new_ca::fill(s, job)?;
    let disabled = s.eval("return document.querySelector('[name=generate]').disabled")?;
    if job["expect_disabled"] == true {
        // A job that shows live validation: the button must stay disabled.
        let why = s.eval(
            "const w = document.getElementById('why-disabled'); return w ? w.textContent : ''",
        )?;
        let errors =
            s.eval("return [...document.querySelectorAll('.error')].map(e => e.textContent)")?;
        if shots {
            s.eval("window.scrollTo(0, 0); return true")?;
            fs::write(out.join("invalid.png"), s.screenshot()?).map_err(|e| e.to_string())?;
        }
        audits.take_final(s, job, "new-ca errors")?;
        let report = json!({ "browser": s.browser().name(), "disabled": disabled, "why_disabled": why, "errors": errors, "audits": Value::from(audits) });
        return fs::write(
            out.join("report.json"),
            serde_json::to_string_pretty(&report).unwrap(),
        )
        .map_err(|e| e.to_string());
    }
    if disabled == true {
        let why = s.eval(
            "const w = document.getElementById('why-disabled'); return w ? w.textContent : ''",
        )?;
        let errors =
            s.eval("return [...document.querySelectorAll('.error')].map(e => e.textContent)")?;
        return Err(format!("Generate is disabled: {why} {errors}"));
    }

    let said_ready = said(s)?;
    let clicked = Instant::now();
    s.click("[name=generate]")?;
    let zip = wait_for_download(downloads, "docker-tls.zip", Duration::from_secs(180))?;
    let click_to_file_ms = clicked.elapsed().as_secs_f64() * 1000.0;
    let generated_ms = s.wait_for(
        "return document.body.getAttribute('data-generated-ms')",
        Duration::from_secs(30),
    )?;
    let href = s.wait_for(
        "const a = document.querySelector('a[name=download]'); return a ? a.getAttribute('href') : null",
        Duration::from_secs(10),
    )?;
    let said_after = said(s)?;
    let rows = s.eval(
        "return [...document.querySelectorAll('tr[data-path]')].map(r => [r.getAttribute('data-path'), r.getAttribute('data-mode')])",
    )?;
    let guide_after = s.eval(ZIP_GUIDE)?;
    audits.take_final(s, job, "new-ca result")?;
    page_audit::element_shot(s, job, out, (width, height))?;
    if shots {
        s.eval("window.scrollTo(0, 0); return true")?;
        let tall = job["after_height"].as_u64().unwrap_or(u64::from(height)) as u32;
        s.resize(width, tall)?;
        std::thread::sleep(Duration::from_millis(300));
        fs::write(out.join("after.png"), s.screenshot()?).map_err(|e| e.to_string())?;
    }

    let seen = observed(s, observe)?;
    let report = json!({
        "browser": s.browser().name(),
        "ready_ms": ready_ms,
        "shown_ms": shown_ms,
        "ready_wall_ms": ready_wall_ms,
        "generated_ms": generated_ms,
        "click_to_file_ms": click_to_file_ms,
        "zip": zip.to_string_lossy(),
        "download_href": href,
        "network_notice_shown": notice_shown,
        "html_lang": html_lang,
        "badge": badge,
        "generate_label": generate_label,
        "requests": seen.requests,
        "console": seen.console,
        "files_shown": rows,
        "zip_guide_before": guide_before,
        "zip_guide_after": guide_after,
        "audits": Value::from(audits),
        "client_box": client_box,
        "said_with_hosts": said_with_hosts,
        "said_ready": said_ready,
        "said_after": said_after,
    });
    fs::write(
        out.join("report.json"),
        serde_json::to_string_pretty(&report).unwrap(),
    )
    .map_err(|e| e.to_string())
}

/// Serves `page` on a loopback port (inside the test's network namespace) and
/// returns its http:// URL, to check what the page says when served.
fn serve_over_loopback(page: &str) -> Result<String, String> {
    use std::io::{Read, Write};
    let body = fs::read(page).map_err(|e| e.to_string())?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    Ok(format!("http://127.0.0.1:{port}/dockcert.html"))
}
