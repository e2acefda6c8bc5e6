//! What the page driver does for a job with a `"mode"` other than the New
//! CA form: the Existing CA mode (the CA's files chosen through their file
//! inputs, its passphrase typed, then issue or renew, and the zip received)
//! and the Inspect mode (files chosen, the report read back from the page).
//!
//! Job fields, all optional but `mode`:
//! - `"mode"`: `"existing-ca"` or `"inspect"`;
//! - existing CA: `"ca_cert"`, `"ca_key"` (paths, each chosen in its own
//!   file input), or `"drop_ca"` (paths, dropped together on the CA's drop
//!   zone, in any order), `"ca_inventory"` (a path, chosen in the
//!   inventory's own file input), `"ca_passphrase"`,
//!   `"open_first"` (press "Open the key" before issuing), `"task"`
//!   (`"issue"`, the default, or `"renew"`), `"renew_cert"` (a path),
//!   `"servers"`, `"clients"`, `"key_type"`, `"days"`, `"subject-org"`,
//!   `"subject-unit"`, `"subject-country"` (issue's), `"listen"`,
//!   `"install-dir"`, `"allow-from"`, `"expect_error"` (a refusal is
//!   expected: read the messages, and check that nothing downloads);
//!   `"task": "rotate"` and its fields (`crate::driver_rotate`);
//! - inspect: `"inspect_files"` (paths, chosen in the file input),
//!   `"drop_inspect"` (paths, dropped on the drop zone), `"host"`,
//!   `"explain"` (the report gives the findings, files, explanations, the
//!   expiry table's rows and verdict, and `"inspect_text"`: all the mode
//!   shows, as text);
//! - both: `"screenshots"` (writes after.png), `"after_height"`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::driver_rotate;
use crate::page_audit::{self, Audits};
use crate::webdriver::Session;

/// Runs a mode job on the open page and returns what it saw.
pub fn drive(
    s: &Session,
    job: &Value,
    mode: &str,
    out: &Path,
    downloads: &Path,
    size: (u32, u32),
    audits: &mut Audits,
) -> Result<Value, String> {
    s.click(&format!("label[for=mode-{mode}]"))?;
    s.wait_for(
        &format!("return document.getElementById('mode-{mode}').checked"),
        Duration::from_secs(10),
    )?;
    audits.take(s, &format!("{mode} empty"))?;
    let report = match mode {
        "existing-ca" => existing_ca(s, job, downloads)?,
        "inspect" => inspect(s, job)?,
        other => return Err(format!("job.mode {other:?}: not a mode of the page")),
    };
    audits.take_final(s, job, &format!("{mode} result"))?;
    page_audit::element_shot(s, job, out, size)?;
    if job["screenshots"] == true {
        s.eval("window.scrollTo(0, 0); return true")?;
        let (width, height) = size;
        let tall = job["after_height"].as_u64().unwrap_or(u64::from(height)) as u32;
        s.resize(width, tall)?;
        std::thread::sleep(Duration::from_millis(300));
        fs::write(out.join("after.png"), s.screenshot()?).map_err(|e| e.to_string())?;
    }
    Ok(report)
}

fn text(job: &Value, key: &str) -> Option<String> {
    job[key].as_str().map(str::to_owned)
}

fn lines(job: &Value, key: &str) -> Option<String> {
    job[key].as_array().map(|a| {
        a.iter()
            .filter_map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Every message the page shows as an error.
const ERRORS: &str = "return [...document.querySelectorAll('p.error')].map(e => e.textContent)";

/// Drops files on the element `arguments[0]` as a file manager would: a
/// DataTransfer holding them, through dragenter, dragover and drop.
const DROP: &str = "const [selector, files] = arguments;
const zone = document.querySelector(selector);
const transfer = new DataTransfer();
for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
for (const type of ['dragenter', 'dragover', 'drop']) {
  zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
}
return transfer.files.length;";

/// The expiry table's rows as laid out: whether each ends soon, has ended or
/// later (`data-ends`), each cell's value as shown (its label left out), and
/// the mark that says so in words.
const EXPIRY_ROWS: &str =
    "return [...document.querySelectorAll('table.expiry tbody tr')].map(r => ({
  ends: r.dataset.ends,
  cells: [...r.cells].map(td => td.querySelector('.value').innerText),
  mark: (m => m ? m.innerText : null)(r.querySelector('.ends')),
}))";

/// The files at `paths` as [`DROP`] takes them: each name and its bytes.
fn dropping(paths: &[&str]) -> Result<Vec<Value>, String> {
    let mut files = Vec::new();
    for path in paths {
        let bytes = fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let name = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push(json!({ "name": name, "bytes": bytes }));
    }
    Ok(files)
}

fn existing_ca(s: &Session, job: &Value, downloads: &Path) -> Result<Value, String> {
    if let Some(paths) = job["drop_ca"].as_array() {
        let paths: Vec<&str> = paths.iter().filter_map(Value::as_str).collect();
        s.eval_with(DROP, json!([".ca-form .dropzone", dropping(&paths)?]))?;
        s.wait_for(
            "return document.querySelector('#s-ca-key .ok-mark, #e-ca-key .error, #e-ca-files .error') !== null",
            Duration::from_secs(30),
        )?;
    }
    for (input, key) in [("ca-cert", "ca_cert"), ("ca-key", "ca_key")] {
        if let Some(path) = text(job, key) {
            s.upload(&format!("[name={input}]"), &[&path])?;
            // Each file is read and checked before the next arrives.
            s.wait_for(
                &format!("return document.querySelector('#s-{input} .ok-mark, #e-{input} .error') !== null"),
                Duration::from_secs(30),
            )?;
        }
    }
    if let Some(path) = text(job, "ca_inventory") {
        s.upload("[name=ca-inventory]", &[&path])?;
        s.wait_for(
            "const t = document.getElementById('s-ca-inventory').textContent; return t.includes('✓') || document.querySelector('#e-ca-inventory .error') !== null",
            Duration::from_secs(30),
        )?;
    }
    let ca_summary =
        s.eval("const c = document.querySelector('.ca-summary'); return c ? c.textContent : null")?;
    // What the CA's certificate field and the button say before any task
    // is chosen (Issue).
    let ca_errors = s.eval(
        "return [...document.querySelectorAll('#e-ca-cert .error')].map(e => e.textContent)",
    )?;
    let first_why =
        s.eval("const w = document.getElementById('why-disabled'); return w ? w.textContent : ''")?;
    let inventory_status = s.eval(
        "const i = document.getElementById('s-ca-inventory'); return i ? i.textContent : null",
    )?;
    if let Some(pass) = text(job, "ca_passphrase") {
        s.type_into("[name=ca-passphrase]", &pass)?;
        if job["open_first"] == true {
            s.click("[name=open-ca]")?;
            s.wait_for(
                "return document.querySelector('.key-state.opened, #e-ca-passphrase .error') !== null",
                Duration::from_secs(60),
            )?;
        }
    }
    let renew = job["task"] == "renew";
    let rotate = job["task"] == "rotate";
    let mut renew_summary = Value::Null;
    let mut rotation = Value::Null;
    if rotate {
        rotation = json!({ "inputs": driver_rotate::inputs(s, job)? });
    } else if renew {
        s.click("label[for=task-renew]")?;
        if let Some(path) = text(job, "renew_cert") {
            s.upload("[name=renew-cert]", &[&path])?;
            renew_summary = s.wait_for(
                "const r = document.querySelector('.renew-summary'); const e = document.querySelector('#e-renew-cert .error'); return r ? r.textContent : (e ? e.textContent : null)",
                Duration::from_secs(30),
            )?;
        }
    } else {
        if let Some(servers) = lines(job, "servers") {
            s.type_into("[name=server]", &servers)?;
        }
        if let Some(clients) = lines(job, "clients") {
            s.type_into("[name=client]", &clients)?;
        }
    }
    if let Some(key_type) = text(job, "key_type") {
        s.click(&format!("[name=key-type] option[value=\"{key_type}\"]"))?;
    }
    let advanced = [
        "days",
        "subject-org",
        "subject-unit",
        "subject-country",
        "listen",
        "install-dir",
        "allow-from",
    ];
    if advanced.iter().any(|name| job[*name].is_string()) {
        open_advanced(s)?;
        for name in advanced {
            if let Some(value) = text(job, name) {
                s.type_into(&format!("[name={name}]"), &value)?;
            }
        }
    }

    let (button, zip_name) = if rotate {
        ("rotate", "docker-tls-rotated.zip")
    } else if renew {
        ("renew", "docker-tls-renewed.zip")
    } else {
        ("issue", "docker-tls-issued.zip")
    };
    let disabled = s.eval(&format!(
        "return document.querySelector('[name={button}]').disabled"
    ))?;
    let why =
        s.eval("const w = document.getElementById('why-disabled'); return w ? w.textContent : ''")?;
    if disabled == true && job["expect_error"] != true {
        return Err(format!("{button} is disabled: {why} {}", s.eval(ERRORS)?));
    }
    let mut report = json!({
        "ca_summary": ca_summary,
        "ca_errors": ca_errors,
        "first_why": first_why,
        "inventory_status": inventory_status,
        "renew_summary": renew_summary,
        "rotation": rotation,
        "button_disabled": disabled,
        "why_disabled": why,
    });
    if disabled != true {
        s.click(&format!("[name={button}]"))?;
    }
    if job["expect_error"] == true {
        report["errors"] = s.wait_for(
            "const e = [...document.querySelectorAll('p.error')].map(e => e.textContent); return e.length ? e : null",
            Duration::from_secs(60),
        )?;
        // Long enough for a download that should not come to arrive.
        std::thread::sleep(Duration::from_secs(2));
        report["downloads"] = fs::read_dir(downloads)
            .map_err(|e| e.to_string())?
            .filter_map(Result::ok)
            .map(|e| Value::from(e.file_name().to_string_lossy().into_owned()))
            .collect();
        return Ok(report);
    }

    let clicked = Instant::now();
    let zip = wait_for_download(downloads, zip_name, Duration::from_secs(180))?;
    report["click_to_file_ms"] = (clicked.elapsed().as_secs_f64() * 1000.0).into();
    report["zip"] = zip.to_string_lossy().into_owned().into();
    report["generated_ms"] = s.wait_for(
        "return document.body.getAttribute('data-generated-ms')",
        Duration::from_secs(30),
    )?;
    report["download_href"] = s.wait_for(
        "const a = document.querySelector('a[name=download]'); return a ? a.getAttribute('href') : null",
        Duration::from_secs(10),
    )?;
    report["files_shown"] = s.eval(
        "return [...document.querySelectorAll('tr[data-path]')].map(r => [r.getAttribute('data-path'), r.getAttribute('data-mode')])",
    )?;
    report["notes"] = s.eval(
        "return [...document.querySelectorAll('.outcome .notes li')].map(n => n.textContent)",
    )?;
    report["errors"] = s.eval(ERRORS)?;
    if rotate {
        report["rotation"]["shown"] = driver_rotate::result(s)?;
    }
    Ok(report)
}

fn inspect(s: &Session, job: &Value) -> Result<Value, String> {
    // Typed first, so the report that comes with the files already uses them.
    if let Some(host) = text(job, "host") {
        s.type_into("[name=host]", &host)?;
    }
    if let Some(message) = text(job, "explain") {
        s.type_into("[name=explain]", &message)?;
    }
    let paths: Vec<String> = job["inspect_files"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if !paths.is_empty() {
        let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
        s.upload("[name=inspect-files]", &refs)?;
    }
    if let Some(dropped) = job["drop_inspect"].as_array() {
        let dropped: Vec<&str> = dropped.iter().filter_map(Value::as_str).collect();
        s.eval_with(DROP, json!([".dropzone", dropping(&dropped)?]))?;
    }
    if !paths.is_empty() || job["drop_inspect"].is_array() {
        s.wait_for(
            "return document.querySelector('.report') !== null",
            Duration::from_secs(30),
        )?;
    }
    Ok(json!({
        "verdict": s.eval("const v = document.querySelector('.report .all-well, .report .verdict'); return v ? v.textContent : null")?,
        "all_well": s.eval("return document.querySelector('.report .all-well') !== null")?,
        "report_errors": s.eval("const r = document.querySelector('.report'); return r ? Number(r.dataset.errors) : null")?,
        "report_warnings": s.eval("const r = document.querySelector('.report'); return r ? Number(r.dataset.warnings) : null")?,
        "findings": s.eval(
            "return [...document.querySelectorAll('.finding')].map(f => ({ severity: f.dataset.severity, code: f.dataset.code, shown: f.querySelector('.severity').textContent, message: f.querySelector('.finding-message').textContent }))",
        )?,
        "files": s.eval("return [...document.querySelectorAll('[data-file]')].map(r => [r.dataset.file, r.dataset.kind])")?,
        "explanations": s.eval("return [...document.querySelectorAll('.explanation')].map(e => e.textContent)")?,
        "expiry_verdict": s.eval("const v = document.querySelector('.expiry-verdict'); return v ? v.innerText : null")?,
        "expiry_rows": s.eval(EXPIRY_ROWS)?,
        "errors": s.eval(ERRORS)?,
        // Everything the Inspect mode shows, its form and its report, as a
        // person reads it.
        "inspect_text": s.eval("return document.querySelector('main.layout').innerText")?,
    }))
}

/// Opens the Advanced disclosure as a person would, by its summary, and
/// waits for its fields: the page builds them only once it is open.
pub fn open_advanced(s: &Session) -> Result<(), String> {
    s.click("details.advanced > summary")?;
    s.wait_for(
        "return document.querySelector('details.advanced[open] .advanced-grid') !== null",
        Duration::from_secs(5),
    )
    .map(|_| ())
}

/// Waits until `name` is fully downloaded into `dir`: there, not empty,
/// and no download under way (Chromium writes `NAME.crdownload`, Firefox
/// `NAME.part` beside an empty `NAME`, each renamed into place at the end).
pub fn wait_for_download(dir: &Path, name: &str, timeout: Duration) -> Result<PathBuf, String> {
    let deadline = Instant::now() + timeout;
    let target = dir.join(name);
    loop {
        let partial = fs::read_dir(dir)
            .map(|entries| {
                entries.filter_map(Result::ok).any(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.ends_with(".crdownload") || name.ends_with(".part")
                })
            })
            .unwrap_or(false);
        let size = fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
        if size > 0 && !partial {
            return Ok(target);
        }
        if Instant::now() > deadline {
            return Err(format!("{name} was not downloaded within {timeout:?}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
