//! What the page driver does for the Existing CA's Rotate step (job
//! `"task": "rotate"`): the current bundle's zip chosen through its file
//! input (`"rotate_bundle"`, a path), the names to drop ticked
//! (`"drop"`, a list), the new CA key's passphrase typed twice
//! (`"new_passphrase"`) or left unencrypted (`"no_new_passphrase": true`);
//! and, once the zip is made, what the page shows of the rotation.

use std::time::Duration;

use serde_json::{json, Value};

use crate::webdriver::Session;

/// Fills the Rotate step as a person would; returns what it showed of the
/// CA once Rotate was chosen, and of the bundle (its status line and the
/// names listed to drop).
pub fn inputs(s: &Session, job: &Value) -> Result<Value, String> {
    s.click("label[for=task-rotate]")?;
    let ca_summary = s.wait_for(
        "const c = document.querySelector('.ca-summary'); return c ? c.textContent : null",
        Duration::from_secs(10),
    )?;
    let ca_errors = s.eval(
        "return [...document.querySelectorAll('#e-ca-cert .error')].map(e => e.textContent)",
    )?;
    if let Some(path) = job["rotate_bundle"].as_str() {
        s.upload("[name=rotate-bundle]", &[path])?;
        s.wait_for(
            "return document.querySelector('.member-list, #e-rotate-bundle .error') !== null",
            Duration::from_secs(30),
        )?;
    }
    for name in job["drop"].as_array().into_iter().flatten() {
        let name = name.as_str().ok_or("job.drop: names")?;
        s.click(&format!("input[name=drop][value=\"{name}\"]"))?;
    }
    if job["no_new_passphrase"] == true {
        s.click("[name=no-passphrase]")?;
    } else if let Some(pass) = job["new_passphrase"].as_str() {
        s.type_into("[name=passphrase]", pass)?;
        s.type_into("[name=passphrase-confirm]", pass)?;
    }
    Ok(json!({
        "ca_summary": ca_summary,
        "ca_errors": ca_errors,
        "status": s.eval("const e = document.getElementById('s-rotate-bundle'); return e ? e.textContent : null")?,
        "notes": s.eval("return [...document.querySelectorAll('#n-rotate-bundle li')].map(l => l.textContent)")?,
        "listed": s.eval("return [...document.querySelectorAll('input[name=drop]')].map(i => [i.value, i.checked])")?,
    }))
}

/// What the result shows of a rotation: the guide's phases (each one's
/// words and commands) and the names dropped.
pub fn result(s: &Session) -> Result<Value, String> {
    Ok(json!({
        "heading": s.eval("const p = document.querySelector('.zip-guide .phases > p'); return p ? p.textContent : null")?,
        "phases": s.eval(
            "return [...document.querySelectorAll('.zip-guide li.phase')].map(li => ({ n: li.dataset.phase, title: li.querySelector('h4').textContent, said: [...li.querySelectorAll(':scope > p')].map(p => p.textContent), commands: [...li.querySelectorAll('pre')].map(c => c.textContent) }))",
        )?,
        "dropped": s.eval("return [...document.querySelectorAll('.dropped li')].map(l => l.textContent)")?,
        "dropped_text": s.eval("const d = document.querySelector('.dropped'); return d ? d.innerText : null")?,
    }))
}
